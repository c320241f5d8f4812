"""A post's page: the withdrawal notice first when there is one, then the content as written (put in
place by the hook) and its whole record — category and series, source with origin, authorisation and
fact check, licence, every asset's credit, where and when it went out, the review trail with what each
signature proves, the corrections, summary and tags. Written as HTML: the card is data, not Markdown."""

from __future__ import annotations

from wemedia import ailabels, digest, labels, signatures
from wemedia.model import Post, mapping, text
from wemedia.rules import trail
from wemedia.sitepages import versions
from wemedia.sitepages.common import (
    account_name,
    cell,
    html_href,
    label,
    library_name,
    link,
    page_uri,
    person,
    when,
)
from wemedia.sitepages.views import BY_SLUG, key_uri, series_name
from wemedia.stats import postfigures

# Where a post page's body goes. The body is rendered by `body.render` — the CommonMark parse the
# checks read — and put in place after MkDocs has rendered the page (hooks/wemedia_site.py), so
# Python-Markdown never reinterprets what was checked.
BODY_MARK = "<!-- wemedia:body -->"

# Licences people meet in a library's posts, by their names, linked to their texts; any other SPDX id
# links to SPDX's page of it.
_CC = {
    "CC-BY-4.0": ("署名 4.0 国际", "by/4.0"),
    "CC-BY-SA-4.0": ("署名—相同方式共享 4.0 国际", "by-sa/4.0"),
    "CC-BY-NC-4.0": ("署名—非商业性使用 4.0 国际", "by-nc/4.0"),
    "CC-BY-NC-SA-4.0": ("署名—非商业性使用—相同方式共享 4.0 国际", "by-nc-sa/4.0"),
    "CC-BY-ND-4.0": ("署名—禁止演绎 4.0 国际", "by-nd/4.0"),
    "CC-BY-NC-ND-4.0": ("署名—非商业性使用—禁止演绎 4.0 国际", "by-nc-nd/4.0"),
}


def licence(value: object) -> str:
    """A licence by its human name, linked to its text."""
    if not isinstance(value, str) or not value:
        return "—"
    if value in _CC:
        name, path = _CC[value]
        return link(f"https://creativecommons.org/licenses/{path}/deed.zh-hans", f"知识共享 {name}（{value}）")
    if value == "CC0-1.0":
        return link("https://creativecommons.org/publicdomain/zero/1.0/deed.zh-hans", "CC0 1.0 公有领域贡献（CC0-1.0）")
    if value == "all-rights-reserved":
        return "保留所有权利（all-rights-reserved）"
    if value.startswith("LicenseRef-"):
        return f"本馆自定许可（{cell(value)}）：见来源与授权"
    return link(f"https://spdx.org/licenses/{value}.html", value)


def _row(head: str, value: str) -> str:
    return f"<tr><th>{head}</th><td>{value}</td></tr>"


def _table(caption: str, heads: list[str], rows: list[list[str]], css: str = "") -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<h2 class="wm-h">{caption}</h2><div class="wm-scroll"><table class="wm-table {css}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _view_link(here: str, dim: str, key: str | None, shown: str) -> str:
    if not key:
        return shown
    return f'<a href="{html_href(here, key_uri(BY_SLUG[dim], key))}">{shown}</a>'


def withdrawal(post: Post) -> dict | None:
    """The withdrawal record of a withdrawn post (the last one), or None."""
    records = [c for _, c in post.list_of("corrections") if c.get("kind") == "withdrawal"]
    return records[-1] if records else ({} if post.status == "withdrawn" else None)


def page(
    archive, post: Post, neighbours: tuple[Post | None, Post | None], current: str | None, queued: bool = False
) -> str:
    """The page's Markdown: a heading, then HTML blocks (notice, body mark, record card). `queued`: a
    post not yet published, shown only in the review-queue section."""
    here = page_uri(post)
    parts = [f"# {cell(post.title)}", ""]
    if queued:
        parts += [
            '<div class="admonition note wm-queued"><p class="admonition-title">审核队列：尚未发布</p>'
            f"<p>状态：{label('post.status', post.status)}。这篇文章还没有发布，只因网站设置了显示审核队列才出现在这里。</p></div>",
            "",
        ]
    gone = withdrawal(post)
    if gone is not None:
        parts += [
            '<div class="admonition warning wm-withdrawn"><p class="admonition-title">本文已撤回</p>'
            f"<p>撤回于 {when(gone.get('at'))}；原因：{cell(gone.get('reason') or '（未写明）')}；"
            f"批准人：{person(archive, gone.get('approved_by'))}。以下为撤回前的内容，仅供存档查阅，不得再次发布。</p></div>",
            "",
        ]
    fixes = [c for _, c in post.list_of("corrections") if c.get("kind") == "correction"]
    if gone is None and fixes:
        last = fixes[-1]
        parts += [
            '<div class="admonition info wm-corrected"><p class="admonition-title">本文已更正</p>'
            f"<p>最近一次更正于 {when(last.get('at'))}；原因：{cell(last.get('reason') or '（未写明）')}；"
            f"批准人：{person(archive, last.get('approved_by'))}。以下为更正后的内容，全部更正记录见页末。</p></div>",
            "",
        ]
    summary = post.get("summary")
    if summary:
        parts += [f'<p class="wm-summary">{cell(summary)}</p>', ""]
    parts += [
        '<div class="wm-body" id="wm-body">',  # search.region marks what inside it the search indexes
        "",
        BODY_MARK,
        "",
        "</div>",
        "",
        record(archive, post, here, neighbours, current),
        "",
    ]
    return "\n".join(parts)


def record(archive, post: Post, here: str, neighbours, current: str | None) -> str:
    out = ['<div class="wm-record" data-pagefind-ignore="all">', '<h2 class="wm-h">档案信息</h2>']
    rows = [
        _row("状态", label("post.status", post.status)),
        _row(
            "分类", _view_link(here, "category", post.text("category"), label("post.category", post.text("category")))
        ),
        _row("图书馆", _view_link(here, "library", post.text("library"), library_name(archive, post.text("library")))),
        _row("作者", _view_link(here, "author", post.text("author"), person(archive, post.text("author")))),
        _row("创建于", cell(post.get("created") or "—")),
    ]
    series = post.series_id
    if series:
        before, after = neighbours
        nav = []
        if before is not None:
            nav.append(f'上一篇：<a href="{html_href(here, page_uri(before))}">{cell(before.title)}</a>')
        if after is not None:
            nav.append(f'下一篇：<a href="{html_href(here, page_uri(after))}">{cell(after.title)}</a>')
        position = f"（第 {post.series_position} 篇）" if post.series_position else ""
        shown = _view_link(here, "series", series, series_name(archive, series)) + position
        rows.append(_row("系列", shown + ("<br>" + "；".join(nav) if nav else "")))
    tags = [t for t in post.get("tags", []) if isinstance(t, str)] if isinstance(post.get("tags"), list) else []
    if tags:
        rows.append(_row("标签", "、".join(_view_link(here, "tag", t, cell(t)) for t in tags)))
    rows.append(_row("许可", licence(post.get("licence"))))
    rows += _event(post) + _ai(post)
    out.append(f'<div class="wm-scroll"><table class="wm-table wm-card"><tbody>{"".join(rows)}</tbody></table></div>')
    out.append(_source(archive, post))
    out.append(_channels(archive, post, here))
    out.append(_platform_figures(archive, post, here))
    out.append(_assets(archive, post))
    out.append(_reviews(archive, post, here, current))
    out.append(_corrections(archive, post))
    out.append("</div>")
    return "".join(part for part in out if part)


def _source(archive, post: Post) -> str:
    source = mapping(post.data, "source")
    rows = [_row("来源类型", label("post.source.type", text(source, "type")))]
    origin = mapping(source, "origin")
    if origin:
        rows.append(
            _row(
                "原始出处",
                f"{cell(origin.get('publisher') or '')}《{cell(origin.get('title') or '')}》"
                + (f"，{cell(origin.get('date'))}" if origin.get("date") else "")
                + (f"；{link(origin.get('url'))}" if origin.get("url") else ""),
            )
        )
    grant = mapping(source, "authorization")
    if grant:
        rows.append(
            _row(
                "转载授权",
                f"授权方：{cell(grant.get('granted_by') or '—')}；日期：{cell(grant.get('date') or '—')}"
                + (f"；凭据：{cell(grant.get('reference'))}" if grant.get("reference") else "")
                + (f"；凭据文件：{cell(grant.get('evidence'))}" if grant.get("evidence") else ""),
            )
        )
    check = mapping(source, "verification")
    if check:
        rows.append(
            _row(
                "事实核验",
                f"核验人：{person(archive, check.get('by'))}；方法：{cell(check.get('method') or '—')}；"
                f"日期：{cell(check.get('date') or '—')}",
            )
        )
    return f'<h2 class="wm-h">来源</h2><div class="wm-scroll"><table class="wm-table wm-card"><tbody>{"".join(rows)}</tbody></table></div>'


def _channels(archive, post: Post, here: str) -> str:
    rows = []
    anchors = versions.anchors(archive, post)  # a version's column only when the post has one
    for _, c in post.list_of("channels"):
        aid = text(c, "account")
        rows.append(
            [
                _view_link(here, "account", aid, account_name(archive, aid)),
                cell(c.get("title") or "—"),
                f"发布于 {when(c.get('published'))}" if c.get("published") else "未发布",
                link(c.get("url")),
            ]
            + ([f'<a href="#{anchors[aid]}">平台版本</a>' if aid in anchors else "文章正文"] if anchors else [])
        )
    return _table("发布渠道", ["平台·账号", "平台标题", "时间", "网址"] + (["内容"] if anchors else []), rows)


def _event(post: Post) -> list[str]:
    """The event a hot-topic post responds to (5.3.1 d), as written."""
    event = post.get("event")
    if not isinstance(event, dict):
        return []
    what, day, url = event.get("what"), event.get("when"), event.get("url")
    shown = "；".join(
        part
        for part in (cell(what) if what else "", cell(day) if day else "", link(url) if isinstance(url, str) else "")
        if part
    )
    return [_row("热点事件", shown or "—")]


def _ai(post: Post) -> list[str]:
    """What the post declares of its text as AI-generated (4.1)."""
    kind = ailabels.post_text(post)
    if kind is None:
        return []
    named = "、".join(f"“{cell(p)}”" for _, p in ailabels.parts(post))
    return [
        _row(
            "人工智能生成", f"正文：{label('post.ai.text', kind)}" + (f"（{named}开始的段落）" if named else "（全文）")
        )
    ]


AIGC_SHOWN = 120  # characters of the implicit label's content shown on the page


def _platform_figures(archive, post: Post, here: str) -> str:
    """What the platforms' own exports say of this post (lifetime totals), one table per export day."""
    found = postfigures.of_post(archive, post)
    out = []
    for as_of in sorted({f.as_of for f in found}):
        rows = [
            [_view_link(here, "account", f.account, account_name(archive, f.account))]
            + [cell(f"{f.figures[k]:,}") if f.figures[k] is not None else "—" for k in postfigures.FIGURES]
            for f in found
            if f.as_of == as_of
        ]
        out.append(
            _table(f"平台数据（截至 {cell(as_of)}）", ["平台·账号", "阅读", "点赞", "分享", "评论", "收藏"], rows)
        )
    return "".join(out)


def _aigc(archive, post: Post, entry: dict) -> str:
    """The implicit label (metadata field AIGC) of an asset's file: 有 (its content when short) / 无 / —."""
    file = text(entry, "file")
    if not file:
        return "—"
    carries, content = ailabels.implicit(archive.read_bytes(post.resolve(file)))
    if carries is None:
        return "—"
    if not carries:
        return "无"
    return "有" + (f"：<code>{cell(content)}</code>" if content and len(content) <= AIGC_SHOWN else "")


def _assets(archive, post: Post) -> str:
    rows = [
        [
            cell(a.get("file")),
            label("post.asset.kind", a.get("kind")),
            cell(a.get("creator") or "—"),
            cell(a.get("source") or "—"),
            licence(a.get("licence")),
            cell(a.get("credit") or "—"),
            cell(a.get("permission") or "—"),
            (
                label("post.asset.ai", ailabels.declared(a.get("ai")))
                + ("，画面有标识" if a.get("ai_mark") is True else "")
            )
            if ailabels.declared(a.get("ai"))
            else "—",
            _aigc(archive, post, a),
        ]
        for _, a in post.list_of("assets")
    ]
    return _table(
        "素材与版权",
        ["文件", "类型", "创作者", "来源", "许可", "署名", "许可凭据", "人工智能生成", "隐式标识 AIGC"],
        rows,
    )


def proof(archive, post: Post, review, current: str | None) -> str:
    """What a review entry's signature proves, in a reader's words."""
    if not isinstance(review.get("signature"), str) or review.get("digest") is None:
        return "未签名"
    if review.reviewer is None or review.at is None or review.stage not in signatures.NAMESPACES:
        return "记录不完整，无法验证"
    try:
        key = trail.entry_key(post, archive, review)
    except signatures.SignatureError as bad:
        return f"签名无效：{cell(bad.message.zh)}"
    who = archive.people.get(review.reviewer)
    if who is None or review.day is None or not who.key_valid_on(key, review.day):
        return "签名不是审核人当日登记的公钥所签"
    if current is not None and review.get("digest") != current:
        return "签名有效，但签名后文章又被修改过（摘要不符）"
    return "签名有效，与本页内容一致"


def _reviews(archive, post: Post, here: str, current: str | None) -> str:
    rows = []
    for review in post.reviews:
        checks = "、".join(labels.label("post.review.check", c) for c in review.checks) or "—"
        rows.append(
            [
                label("post.review.stage", review.stage),
                _view_link(here, "reviewer", review.reviewer, person(archive, review.reviewer)),
                when(review.get("at")),
                cell(checks),
                proof(archive, post, review, current),
            ]
        )
    return _table("审核记录", ["环节", "审核人", "时间", "审核项", "签名"], rows)


def _corrections(archive, post: Post) -> str:
    rows = [
        [
            when(c.get("at")),
            label("post.correction.kind", c.get("kind")),
            cell(c.get("reason") or "—"),
            cell(c.get("department") or "—"),
            person(archive, c.get("verified_by")),
            person(archive, c.get("approved_by")),
        ]
        for _, c in post.list_of("corrections")
    ]
    return _table("更正与撤回", ["时间", "类型", "原因", "部门", "核实人", "批准人"], rows)


def current_digest(archive, post: Post) -> str:
    """The post's digest now, for the review trail's "matches this page"."""
    return digest.post_digest(post, archive)
