"""`wemedia rules [ID]` — the rule catalogue from the registry, or one rule's full explanation."""

from __future__ import annotations

import difflib
import sys

from wemedia.clauses import CLAUSES
from wemedia.cli.common import EXIT_OK, EXIT_USAGE, lang_of
from wemedia.cli.parsing import width
from wemedia.i18n import Text
from wemedia.rules import RULES
from wemedia.rules.registry import DOC_HEADINGS

SEVERITY = {"error": Text("错误（应）", "error (shall)"), "warning": Text("建议（宜）", "warning (should)")}
HEADINGS = {"规则": "rule", "原因": "why", "示例": "example"}


def add(sub) -> None:
    p = sub.add_parser(
        "rules",
        help="列出全部规则，或查看一条规则的说明 / list every rule, or explain one",
        description="不带参数时列出全部规则；给出编号（如 WM210）时显示这条规则的条款、级别和完整说明。"
        " / Without an id, list every rule; with one (e.g. WM210), explain that rule.",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="规则编号，如 WM210 / a rule id, e.g. WM210")
    p.add_argument("--lang", choices=("zh", "en"), help="语言 / language")
    p.set_defaults(run=run)


def _pad(text: str, columns: int) -> str:
    """`text` followed by spaces up to `columns` display columns (Chinese characters count two)."""
    return text + " " * max(0, columns - width(text))


def run(args) -> int:
    lang = lang_of(args)
    if args.id:
        return explain(args.id, lang)
    rules = sorted(RULES.values(), key=lambda r: r.id)
    clause_w = max(width(r.clause) for r in rules)
    severity_w = max(width(s.get(lang)) for s in SEVERITY.values())
    for r in rules:
        print(
            f"{r.id}  {_pad(r.clause, clause_w)}  {_pad(SEVERITY[r.severity].get(lang), severity_w)}  "
            f"{r.summary.get(lang)}"
        )
    return EXIT_OK


def explain(rule_id: str, lang: str) -> int:
    key = rule_id.strip().upper()
    rule = RULES.get(key)
    if rule is None:
        # a number typed short (WM21) means the rules that begin with it; otherwise the closest ids
        begun = [r for r in sorted(RULES) if r.startswith(key) and len(key) >= 3]
        close = begun[:3] or difflib.get_close_matches(key, sorted(RULES), n=3, cutoff=0.6)
        message = Text(
            f"没有编号为“{rule_id}”的规则。"
            + (f"是否想查看 {'、'.join(close)}？" if close else "")
            + "运行 wemedia rules 列出全部规则。",
            f"there is no rule '{rule_id}'."
            + (f" Did you mean {', '.join(close)}?" if close else "")
            + " Run `wemedia rules` to list every rule.",
        )
        word = "error" if lang == "en" else "错误"
        sep = ": " if lang == "en" else "："
        print(f"wemedia rules{sep}{word}{sep}{message.get(lang)}", file=sys.stderr)
        return EXIT_USAGE
    clause = CLAUSES[rule.clause]
    label = Text("条款", "clause").get(lang)
    lines = [
        f"{rule.id}  {rule.summary.get(lang)}",
        "",
        f"{label}{'：' if lang != 'en' else ': '}{rule.clause}  {clause.title.get(lang)}",
        f"{Text('级别', 'severity').get(lang)}{'：' if lang != 'en' else ': '}{SEVERITY[rule.severity].get(lang)}",
    ]
    if lang == "en":
        lines.append(f"summary (zh): {rule.summary.zh}")
    lines.append("")
    # The docstring is written in Chinese under 规则 / 原因 / 示例; English readers get the headings.
    for line in rule.doc.splitlines():
        head, sep, rest = line.partition(":")
        if sep and head in DOC_HEADINGS:
            name = HEADINGS[head] if lang == "en" else head
            lines.append(f"{name}{'：' if lang != 'en' else ': '}{rest.strip()}")
        else:
            lines.append(f"  {line.strip()}")
    print("\n".join(lines).rstrip())
    return EXIT_OK
