"""`wemedia build` and `wemedia serve` — the internal archive website, through MkDocs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text


def add(sub) -> None:
    b = sub.add_parser("build", help="生成存档网站 / build the archive website",
                       description="用 mkdocs build --strict 生成 site/ 下的存档网站。 / Build the site into site/.")
    b.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    b.add_argument("--lang", choices=("zh", "en"))
    b.set_defaults(run=build)
    s = sub.add_parser("serve", help="在本机预览网站 / preview the website locally")
    s.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    s.add_argument("--port", type=int, default=8000, help="端口 / port (127.0.0.1)")
    s.add_argument("--lang", choices=("zh", "en"))
    s.set_defaults(run=serve)


def _mkdocs(args, *command: str) -> int | None:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    if not (root / "mkdocs.yml").is_file():
        return fail(args, Text(f"{root} 下没有 mkdocs.yml；用 `wemedia init` 新建的仓库会带上它。",
                               f"there is no mkdocs.yml in {root}; repositories made by `wemedia init` have one."))
    # The "MkDocs 2.0" banner of mkdocs-material speaks to site developers, not to librarians.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.call([sys.executable, "-m", "mkdocs", *command, "-f", str(root / "mkdocs.yml")], cwd=root, env=env)


def build(args) -> int:
    code = _mkdocs(args, "build", "--strict", "--site-dir", "site")
    if code:
        return code if code == 2 else fail(args, Text(
            "网站生成失败：请看上面 mkdocs 的提示（常见原因：正文中的链接指向不存在的文件）。",
            "the website build failed: see mkdocs's messages above (often a link to a missing file)."))
    index = repository(args) / "site" / "index.html"
    print(Text(f"网站已生成，用浏览器打开：{index.as_uri()}",
               f"the website is built; open it in a browser: {index.as_uri()}").get(lang_of(args)))
    return EXIT_OK


def serve(args) -> int:
    with socket.socket() as probe:  # mkdocs would fail with a traceback on a busy port
        try:
            probe.bind(("127.0.0.1", args.port))
        except OSError:
            return fail(args, Text(f"端口 {args.port} 已被占用（可能已有一个 wemedia serve 在运行）；请换一个，如 --port {args.port + 1}。",
                                   f"port {args.port} is in use (perhaps by another wemedia serve); choose another, "
                                   f"e.g. --port {args.port + 1}."))
    return _mkdocs(args, "serve", "--dev-addr", f"127.0.0.1:{args.port}") or EXIT_OK
