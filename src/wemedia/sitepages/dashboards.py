"""Dashboards generated at build time: the review queue, the accounts, clause coverage with the
findings that stand now, and the rule catalogue from the rule registry."""

from __future__ import annotations

from collections import Counter

from wemedia import clock, reviewing
from wemedia.clauses import CLAUSES
from wemedia.rules import RULES, trail
from wemedia.sitepages.common import account_name, cell, href, label, library_name, person

SEVERITY = {"error": "错误（应）", "warning": "建议（宜）"}


def review_queue(archive, here: str, listed: set[str]) -> str:
    """What waits for whom today; titles link to their pages only when the site shows drafts."""
    waiting, drafts = reviewing.queue(archive, clock.today())
    lines = ["# 待审队列", "", f"今天（{clock.today()}）等待审核或签发的文章，以及今天可以做这一步的人。", ""]
    if not waiting:
        lines.append("没有等待审核或签发的文章。")
    else:
        lines += ["| 文章 | 作者 | 等待 | 今天可以做的人 |", "|---|---|---|---|"]
        for post, stage, may in waiting:
            title = cell(post.title)
            uri = f"posts/{post.id}.md"
            shown = (
                f"[{title}]({href(here, uri)})" if uri in listed else f"{title}<br><code>{cell(post.doc.path)}</code>"
            )
            who = "、".join(person(archive, p) for p in may) or "今天没有人可以做：请检查团队名册"
            lines.append(
                f"| {shown} | {person(archive, post.text('author'))} | {cell(trail.STAGE[stage][0])} | {who} |"
            )
    if drafts:
        lines += ["", f"另有 {drafts} 篇草稿：作者写完后把 status 改为 in-review，才能开始审核。"]
    return "\n".join(lines) + "\n"


def accounts(archive, here: str, per_account: Counter) -> str:
    lines = [
        "# 账号",
        "",
        "| 平台·账号 | 图书馆 | 状态 | 认证 | 二维码 | 注册人 | 已发布 |",
        "|---|---|---|---|---|---|---:|",
    ]
    today = clock.today()
    for aid, account in sorted(archive.accounts.items()):
        ver = account.get("verification", {}) if isinstance(account.get("verification"), dict) else {}
        expires = clock.day_of(ver.get("expires"))
        if not ver.get("verified"):
            verified = "未认证"
        elif expires is not None and expires < today:
            verified = f"认证已于 {expires} 过期"
        else:
            verified = (
                f"已认证，有效至 {cell(ver.get('expires') or '—')}；最近核对 {cell(ver.get('last_checked') or '—')}"
            )
        qr = account.get("qr_code", {}) if isinstance(account.get("qr_code"), dict) else {}
        qr_file = qr.get("file")
        if qr_file and archive.exists(f"content/{qr_file}"):
            code = f'<img class="wm-qr" src="{href(here, str(qr_file))}" alt="二维码"><br>核对于 {cell(qr.get("checked") or "—")}'
        else:
            code = "缺少二维码文件" if qr_file else "未登记"
        lines.append(
            f"| {account_name(archive, aid)} | {library_name(archive, account.text('library'))} "
            f"| {label('account.status', account.text('status'))} | {verified} | {code} "
            f"| {person(archive, account.text('registrant'))} | {per_account.get(aid, 0)} |"
        )
    return "\n".join(lines) + "\n"


def coverage(findings: list) -> str:
    """Every clause, the rules that enforce it, and how many findings of them stand now."""
    errors, warnings = Counter(), Counter()
    for f in findings:
        (errors if f.severity == "error" else warnings)[f.rule] += 1
    lines = [
        "# 条款覆盖",
        "",
        f"标准的每一条款、执行它的规则，以及本次生成网站时（{clock.today()}）全库检查仍存在的问题数。",
        "",
        "| 条款 | 要求 | 规则 | 错误 | 建议 |",
        "|---|---|---|---:|---:|",
    ]
    for key, clause in CLAUSES.items():
        rules = sorted(r.id for r in RULES.values() if r.clause == key)
        named = (
            "<br>".join(f"[{r}](../rules.md#{r.lower()}) {cell(RULES[r].summary.zh)}" for r in rules) or "—（尚无规则）"
        )
        lines.append(
            f"| {cell(key)} | {cell(clause.title.zh)} | {named} | {sum(errors[r] for r in rules)} "
            f"| {sum(warnings[r] for r in rules)} |"
        )
    return "\n".join(lines) + "\n"


def rule_catalogue() -> str:
    lines = [
        "# 规则目录",
        "",
        "由规则注册表生成。“错误”对应标准中的“应”，阻止提交与合并；“建议”对应“宜”，只作提示。"
        "条款 integrity（数据完整性）是 wemedia 自己的前提：文件可读、格式正确、引用可解析。"
        "各条款的覆盖情况见[条款覆盖](dashboards/coverage.md)。",
        "",
        "| 编号 | 条款 | 级别 | 说明 |",
        "|---|---|---|---|",
    ]
    rules = sorted(RULES.values(), key=lambda r: r.id)
    lines += [
        f"| [{r.id}](#{r.id.lower()}) | {r.clause} | {SEVERITY[r.severity]} | {cell(r.summary.zh)} |" for r in rules
    ]
    for r in rules:
        lines += [
            "",
            f"## {r.id} {cell(r.summary.zh)} {{#{r.id.lower()}}}",
            "",
            f"条款 {r.clause} {cell(CLAUSES[r.clause].title.zh)}；{SEVERITY[r.severity]}",
            "",
        ]
        for line in r.doc.splitlines():
            head, _, rest = line.partition(":")
            lines.append(f"- **{head}**：{rest.strip()}" if head in ("规则", "原因", "示例") else f"  {line.strip()}")
    return "\n".join(lines) + "\n"
