"""`wemedia build` and `wemedia serve` — the internal archive website, through MkDocs.

MkDocs runs as a child process in its own process group. Its log lines ("INFO - Cleaning site
directory", "WARNING - Doc file … contains a link …") are read line by line and said in Chinese
(`mkdocs_line`); a line the table does not know is shown as MkDocs wrote it, so no warning is lost.
Stopping `wemedia serve` — Ctrl-C, SIGTERM, a closed terminal — stops MkDocs with it: the signal is
forwarded to the group, and whatever is still running after a grace period is killed, so the port is
free again when `wemedia serve` has exited.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from wemedia import search
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.i18n import Text

GRACE = 5.0  # seconds MkDocs gets to shut down (it removes its temporary site) before it is killed


def add(sub) -> None:
    b = sub.add_parser(
        "build",
        help="生成存档网站 / build the archive website",
        description="用 mkdocs build --strict 生成 site/ 下的存档网站。 / Build the site into site/.",
    )
    b.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    b.add_argument("--lang", choices=("zh", "en"), help="语言 / language")
    b.set_defaults(run=build)
    s = sub.add_parser(
        "serve",
        help="在本机预览网站 / preview the website locally",
        description="在 http://127.0.0.1:端口/ 预览网站；修改 content/ 下的文件并保存后，页面自动刷新。"
        "按 Ctrl-C 停止。 / Preview the site on http://127.0.0.1:PORT/; it reloads when a "
        "file under content/ is saved. Ctrl-C stops it.",
    )
    s.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    s.add_argument("--port", type=int, default=8000, help="端口，默认 8000 / port (127.0.0.1), default 8000")
    s.add_argument(
        "--post",
        metavar="PATH",
        help="只预览这一篇文章（大型存档中几秒即可打开） / preview this one post only (seconds, whatever the archive's size)",
    )
    s.add_argument("--lang", choices=("zh", "en"), help="语言 / language")
    s.set_defaults(run=serve)


# -- MkDocs's words ---------------------------------------------------------------------------------

_LEVELS = {"WARNING": "警告：", "ERROR": "错误：", "CRITICAL": "错误：", "INFO": "", "DEBUG": ""}
_LOG = re.compile(r"(?P<level>INFO|WARNING|ERROR|CRITICAL|DEBUG)\s*-\s+(?P<time>\[\d\d:\d\d:\d\d\] )?(?P<msg>.*)")
_DROP = object()


def _where(doc: str) -> str:
    """The file a librarian edits for a page MkDocs names: a post page comes from content/posts/."""
    return f"content/{doc}" if doc.startswith("posts/") and doc != "posts/index.md" else f"docs/{doc}"


def _counts(text: str) -> str:
    words = {"warnings": "个警告", "errors": "个错误"}
    return "、".join(f"{n} {words.get(kind, kind)}" for n, kind in re.findall(r"(\d+) (\w+)", text))


def _mean(m: re.Match) -> str:
    return f"；是否想写“{m.group('mean')}”？" if m.groupdict().get("mean") else "。"


_MEAN = r"(?: Did you mean '(?P<mean>[^']*)'\?)?"
# MkDocs 1.6's messages (commands/build.py, commands/serve.py, livereload, structure/pages.py) -> Chinese.
MESSAGES: tuple[tuple[re.Pattern, object], ...] = tuple(
    (re.compile(p + r"\Z"), zh)
    for p, zh in (
        (r"Cleaning site directory", _DROP),
        (r"The directory contains stale files\. Use --clean to remove them\.", _DROP),
        (r"Building documentation to directory: (?P<dir>.+)", lambda m: f"正在生成网站，写到 {m.group('dir')} ……"),
        (r"Building documentation\.\.\.", lambda m: "正在生成网站……"),
        (r"Documentation built in (?P<s>[\d.]+) seconds", lambda m: f"网站生成完毕，用时 {m.group('s')} 秒。"),
        (
            r"Watching paths for changes: (?P<paths>.+)",
            lambda m: (
                f"保存这些文件夹中的文件后会自动刷新：{'、'.join(re.findall(r'[^, ]+', m.group('paths').replace(chr(39), '')))}"
            ),
        ),
        (
            r"Serving on (?P<url>\S+)(?: and opening it in a browser)?",
            lambda m: f"预览地址：{m.group('url')}（用浏览器打开；按 Ctrl-C 停止预览）",
        ),
        (r"Detected file changes", lambda m: "发现文件有改动，重新生成……"),
        (r"Reloading browsers", lambda m: "已通知浏览器刷新页面。"),
        (r"Browser connected: (?P<url>\S+)", lambda m: f"浏览器已连接：{m.group('url')}"),
        (r"Shutting down\.\.\.", lambda m: "正在停止预览……"),
        (r'"GET (?P<path>\S+) HTTP/[\d.]+" code 404', lambda m: f"找不到页面 {m.group('path')}（404）"),
        (
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']*)', but the target '(?P<target>[^']+)' is not "
            r"found among documentation files\." + _MEAN,
            lambda m: (
                f"{_where(m.group('doc'))} 中的链接“{m.group('link')}”指向的文件不存在（{_where(m.group('target'))}）"
                + _mean(m)
            ),
        ),
        (
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']*)', but the target is not found among "
            r"documentation files\." + _MEAN,
            lambda m: f"{_where(m.group('doc'))} 中的链接“{m.group('link')}”指向的文件不存在" + _mean(m),
        ),
        (
            r"Doc file '(?P<doc>[^']+)' contains an unrecognized relative link '(?P<link>[^']*)', it was left as is\."
            + _MEAN,
            lambda m: (
                f"{_where(m.group('doc'))} 中的链接“{m.group('link')}”无法识别（链接应指向某个 .md 文件或网址）"
                + _mean(m)
            ),
        ),
        (
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']*)', but the doc '(?P<target>[^']+)' does not "
            r"contain an anchor '#(?P<anchor>[^']*)'\.",
            lambda m: (
                f"{_where(m.group('doc'))} 中的链接“{m.group('link')}”指向的页面中没有“#{m.group('anchor')}”这个位置。"
            ),
        ),
        (
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']*)', but there is no such anchor on this page\..*",
            lambda m: f"{_where(m.group('doc'))} 中的链接“{m.group('link')}”指向本页中不存在的位置。",
        ),
        (
            r"Doc file '(?P<doc>[^']+)' contains a link to '(?P<target>[^']+)' which is excluded from the built site\.",
            lambda m: f"{_where(m.group('doc'))} 链接到的 {_where(m.group('target'))} 不在网站中。",
        ),
        (
            r"Aborted with (?P<counts>.+) in strict mode!",
            lambda m: f"有 {_counts(m.group('counts'))}，按严格模式没有生成网站。",
        ),
        (r"Aborted with a BuildError!", lambda m: "生成网站时出错，网站没有生成。"),
        (
            r"Config value '(?P<name>[^']+)': (?P<msg>.*)",
            lambda m: f"mkdocs.yml 中的设置“{m.group('name')}”有问题：{m.group('msg')}",
        ),
        (r"Error: (?P<msg>.*)", lambda m: f"错误：{m.group('msg')}"),
        # the site hook indexes each rebuild of `wemedia serve` for search (wemedia/search.py): said already
        (r"(?P<msg>(?:正在生成搜索索引|搜索索引|提示：页面中没有标出).*)", lambda m: m.group("msg")),
    )
)


def mkdocs_line(line: str, lang: str) -> str | None:
    """One line of MkDocs output as the user reads it: Chinese where known, the original otherwise,
    None for a line that says nothing to a librarian."""
    line = line.rstrip("\n")
    if lang == "en" or not line.strip():
        return line if line.strip() else None
    m = _LOG.match(line)
    level, stamp, message = (m.group("level"), m.group("time") or "", m.group("msg")) if m else ("", "", line)
    for pattern, zh in MESSAGES:
        if found := pattern.match(message):
            if zh is _DROP:
                return None
            said = zh(found)
            prefix = _LEVELS.get(level, "")
            return f"{stamp}{prefix if not said.startswith(prefix) else ''}{said}"
    if not m:
        return line  # a traceback, a continuation line: as written
    return f"{stamp}{_LEVELS[level] or '提示：'}{message}"


# -- the child process --------------------------------------------------------------------------------


_STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _child_setup() -> None:  # in the child, before MkDocs starts
    # Started in the background by a shell, we may have inherited "ignore Ctrl-C"; MkDocs must not,
    # or the Ctrl-C we forward would not let it shut down cleanly (and remove its temporary site).
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Stopped(Exception):
    """SIGTERM or SIGHUP reached `wemedia serve`: stop MkDocs and exit."""


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop(proc: subprocess.Popen, grace: float = GRACE) -> None:
    """Stop MkDocs and everything it started: Ctrl-C (it cleans up), then SIGTERM, then SIGKILL.
    A second Ctrl-C or SIGTERM meanwhile is ignored: it would leave MkDocs running (this takes at most
    2 × grace)."""
    main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in _STOPS} if main else {}
    try:
        _stop(proc, grace)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop(proc: subprocess.Popen, grace: float) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        _signal_group(proc, sig)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    _signal_group(proc, signal.SIGKILL)  # anything the group left behind
    proc.wait()


def _pump(stream, lang: str) -> None:
    for line in stream:
        said = mkdocs_line(line, lang)
        if said is not None:
            print(said, file=sys.stderr, flush=True)


def run_mkdocs(command: list[str], cwd: Path, lang: str) -> int:
    """Run MkDocs in its own process group, its output translated; returns its exit code. Ctrl-C
    raises KeyboardInterrupt and SIGTERM/SIGHUP raise `Stopped`, after MkDocs has been stopped."""
    # The "MkDocs 2.0" banner of mkdocs-material speaks to site developers, not to librarians.
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUNBUFFERED": "1",
        "WEMEDIA_LANG": lang,
    }  # the site hook's own warnings in the same language
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
        preexec_fn=_child_setup,
    )
    reader = threading.Thread(target=_pump, args=(proc.stdout, lang), daemon=True)
    reader.start()
    handlers = {}

    def stopped(signum, frame):
        raise Stopped(signum)

    try:
        if threading.current_thread() is threading.main_thread():
            handlers = {sig: signal.signal(sig, stopped) for sig in (signal.SIGTERM, signal.SIGHUP)}
        code = proc.wait()
    finally:
        stop(proc)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        reader.join(timeout=GRACE)
    return code


def _mkdocs(args, *command: str) -> int | None:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    if not (root / "mkdocs.yml").is_file():
        return fail(
            args,
            Text(
                f"{root} 下没有 mkdocs.yml；用 `wemedia init` 新建的仓库会带上它。",
                f"there is no mkdocs.yml in {root}; repositories made by `wemedia init` have one.",
            ),
        )
    return run_mkdocs([*command, "-f", str(root / "mkdocs.yml")], root, lang_of(args))


def build(args) -> int:
    code = _mkdocs(args, "build", "--strict", "--site-dir", "site")
    if code:
        return (
            code
            if code == 2
            else fail(
                args,
                Text(
                    "网站生成失败：请看上面的提示（常见原因：正文中的链接指向不存在的文件）。",
                    "the website build failed: see mkdocs's messages above (often a link to a missing file).",
                ),
            )
        )
    site = repository(args) / "site"
    problem = search.index(site, lang_of(args), lambda line: print(line, file=sys.stderr, flush=True))
    if problem is not None:
        return fail(args, problem)
    print(
        Text(
            f"网站已生成，用浏览器打开：{(site / 'index.html').as_uri()}\n"
            "（直接从文件夹打开时可以浏览，但不能搜索；要搜索，请运行 wemedia serve，或把 site/ 放到网站服务器上。）",
            f"the website is built; open it in a browser: {(site / 'index.html').as_uri()}\n"
            "(opened from the folder it can be browsed but not searched; to search, run wemedia serve, or put "
            "site/ on a web server.)",
        ).get(lang_of(args))
    )
    return EXIT_OK


def _post_path(root: Path, given: str) -> str | None:
    """A post's repository path from what the user typed (relative to here or to the repository)."""
    for candidate in (Path(given).resolve(), (root / given).resolve()):
        try:
            rel = candidate.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        if rel.startswith("content/posts/") and rel.endswith(".md") and candidate.is_file():
            return rel
    return None


def serve(args) -> int:
    with socket.socket() as probe:  # mkdocs would fail with a traceback on a busy port
        try:
            probe.bind(("127.0.0.1", args.port))
        except OSError:
            return fail(
                args,
                Text(
                    f"端口 {args.port} 已被占用（可能已有一个 wemedia serve 在运行）；请换一个，如 --port {args.port + 1}。",
                    f"port {args.port} is in use (perhaps by another wemedia serve); choose another, "
                    f"e.g. --port {args.port + 1}.",
                ),
            )
    root = repository(args)
    post = getattr(args, "post", None)
    if post is not None and root is not None:
        relpath = _post_path(root, post)
        if relpath is None:
            return fail(
                args,
                Text(
                    f"找不到文章 {post}：请给出 content/posts/ 下一篇文章的路径，如 content/posts/2026/09/a.md。",
                    f"no post at {post}: give the path of a post under content/posts/, e.g. content/posts/2026/09/a.md.",
                ),
            )
        os.environ["WEMEDIA_ONLY_POST"] = relpath  # read by the site hook in the mkdocs child
        page = relpath.removeprefix("content/").removesuffix(".md") + ".html"
        print(
            Text(
                f"单篇预览：http://127.0.0.1:{args.port}/{page}",
                f"one-post preview: http://127.0.0.1:{args.port}/{page}",
            ).get(lang_of(args)),
            flush=True,
        )
    # Posts live in content/, not in docs/: watch it, so that saving a post reloads the preview
    # (repositories made before mkdocs.yml listed it under `watch:` included).
    watch = ["--watch", str(root / "content")] if root is not None and (root / "content").is_dir() else []
    try:
        code = _mkdocs(args, "serve", "--dev-addr", f"127.0.0.1:{args.port}", *watch)
    except (KeyboardInterrupt, Stopped):
        code = 0
    if code == 0:
        print(Text("预览已停止。", "the preview has stopped.").get(lang_of(args)), file=sys.stderr)
    return code or EXIT_OK
