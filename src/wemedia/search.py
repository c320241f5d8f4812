"""The archive site's search: Pagefind (the `pagefind[extended]` wheel ships its binary, with Chinese
word segmentation) indexes the built site/ into small files a browser fetches only as a query needs them.

What is indexed is marked in the HTML the site hook writes:
  - a post page: its title, summary and body (`region`), never its record card (status, author, reviews,
    channels), with the account, platform, category and year as filters;
  - the rule catalogue and docs/ pages: their whole content (`page_region`);
  - the overview, the post list, the views and the dashboards: nothing (they list posts: a title would
    match there as well as on its own page).
`index(site)` runs Pagefind over a built site; `wemedia build` calls it after `mkdocs build --strict`,
the site hook after each rebuild of `wemedia serve`. The UI is docs/assets/search.js.
"""

from __future__ import annotations

import html
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from wemedia.i18n import Text

OUTPUT = "pagefind"  # the folder in site/ that holds the index and Pagefind's scripts
NOT_INDEXED = ("index.md", "posts/index.md")  # pages listing every post
LISTS = ("views/", "dashboards/", "reports/")  # views and dashboards list posts; reports are figures: not content


def region(archive, post, body: str) -> str:
    """A post's body HTML inside the element Pagefind indexes, with its title and summary (indexed, not
    shown: the page shows them itself) and its filters (not indexed: only offered as filters)."""
    from wemedia import labels
    from wemedia.sitepages.common import shown_day
    from wemedia.sitepages.views import BY_SLUG

    esc = lambda value: html.escape(str(value or ""))
    category = post.text("category")
    filters = {
        "分类": {labels.label("post.category", category) if category else "未分类"},
        "年份": {shown_day(post)[1][:4]},
    }
    for aid in BY_SLUG["account"].keys(archive, post):  # the accounts it went out on, as the views name them
        account = archive.accounts.get(aid)
        if account is not None:  # one name may hold accounts on several platforms: the platform comes first
            platform = labels.label("account.platform", account.text("platform"))
            filters.setdefault("账号", set()).add(f"{platform}·{account.get('name') or aid}")
            filters.setdefault("平台", set()).add(platform)
    marks = "".join(
        f'<span data-pagefind-filter="{name}">{esc(value)}</span>'
        for name, values in filters.items()
        for value in sorted(values)
        if value
    )
    # The title last: a result's excerpt shows the text around the words found, from the summary on.
    return (
        "<div data-pagefind-body>"
        f'<div hidden data-pagefind-ignore><p data-pagefind-meta="title">{esc(post.title)}</p>{marks}</div>'
        f"<p hidden>{esc(post.get('summary'))}</p>\n"
        f"{body}\n"
        f"<p hidden>{esc(post.title)}</p></div>"
    )


def page_region(uri: str, content: str) -> str:
    """Another page's content, marked for indexing unless it lists every post."""
    if uri in NOT_INDEXED or uri.startswith(LISTS):
        return content
    content = content.replace('class="headerlink"', 'data-pagefind-ignore class="headerlink"')  # no ¶ in results
    return f"<div data-pagefind-body>\n{content}\n</div>"


# -- running Pagefind ---------------------------------------------------------------------------------


def executable() -> Path:
    """The Pagefind binary of the `pagefind_bin_extended` wheel (extended: segments Chinese)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def command(site: Path) -> list[str]:
    return [str(executable()), "--site", str(site), "--output-subdir", OUTPUT, "--force-language", "zh"]


_COUNT = re.compile(r"Indexed (?P<n>\d+) (?P<what>pages?|words?|filters?)")
_DROP = re.compile(
    r"(Running Pagefind|Running from|Source:|Output:|\[|Found \d+ files|Discovered \d+ language|Total:|"
    r"Indexed \d+ (languages?|sorts?)|Note: Pagefind doesn't support stemming|Search will still work|"
    r"Found a data-pagefind-body element|[┌│└])"
)


def pagefind_line(line: str, lang: str) -> str | None:
    """One line of Pagefind's output as a librarian reads it; None for progress chatter. Counts are said
    once, at the end (`index`); a line this table does not know is shown as Pagefind wrote it."""
    line = line.strip()
    if not line or _DROP.match(line) or _COUNT.match(line) or line.startswith("Finished in"):
        return None
    if lang == "en":
        return line
    if line.startswith("Did not find a data-pagefind-body element"):
        return "提示：页面中没有标出要索引的部分，整页都被索引。"
    if line.startswith("↳"):
        return None
    return f"搜索索引：{line}"


def index(site: Path, lang: str = "zh", say: Callable[[str], None] = print) -> Text | None:
    """Index the built site with Pagefind. Says what it does through `say`; returns None when the
    index is written, or what went wrong."""
    if not (site / "index.html").is_file():
        return Text(f"{site} 中没有生成好的网站，无法生成搜索索引。", f"there is no built site in {site} to index.")
    try:
        argv = command(site)
    except (ImportError, FileNotFoundError) as error:
        return Text(
            f"没有找到 Pagefind（搜索索引程序）：{error}。请运行 scripts/setup，或 pip install 'pagefind[extended]'。",
            f"Pagefind (the search indexer) is not installed: {error}. Run scripts/setup, or pip install "
            "'pagefind[extended]'.",
        )
    say(Text("正在生成搜索索引……", "building the search index…").get(lang))
    start = time.perf_counter()
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL
        )
    except OSError as error:
        return Text(f"无法运行 Pagefind：{error}", f"cannot run Pagefind: {error}")
    counts = {m.group("what").rstrip("s"): int(m.group("n")) for m in _COUNT.finditer(done.stdout)}
    for line in _lines(done.stdout, done.stderr):
        said = pagefind_line(line, lang)
        if said is not None:
            say(said)
    if done.returncode != 0 or not (site / OUTPUT / "pagefind.js").is_file():
        return Text(
            f"搜索索引生成失败（Pagefind 退出码 {done.returncode}）：请看上面的提示。网站页面已生成，但不能搜索。",
            f"the search index was not built (Pagefind exited with {done.returncode}): see its messages above. "
            "The pages are built, but search will not work.",
        )
    seconds = time.perf_counter() - start
    say(
        Text(
            f"搜索索引已生成：{counts.get('page', 0)} 个页面、{counts.get('word', 0)} 个词、"
            f"{counts.get('filter', 0)} 种筛选，用时 {seconds:.2f} 秒。",
            f"search index built: {counts.get('page', 0)} pages, {counts.get('word', 0)} words, "
            f"{counts.get('filter', 0)} filters, in {seconds:.2f} seconds.",
        ).get(lang)
    )
    return None


def _lines(*outputs: str) -> Iterator[str]:
    for output in outputs:
        yield from output.splitlines()
