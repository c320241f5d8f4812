"""Output formats of `wemedia check`. One name map (`FORMATS`) feeds both the writers and the
`--format` choices, so a format cannot exist in one place and not the other."""

from __future__ import annotations

import json
from collections.abc import Callable

from wemedia import __version__
from wemedia.clauses import CLAUSES
from wemedia.findings import Finding
from wemedia.rules import RULES


def summary(findings: list[Finding], files: int, lang: str) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if lang == "en":
        verdict = "no errors" if not errors else "fix the errors before committing"
        return f"checked {files} file(s): {errors} error(s), {warnings} warning(s) — {verdict}."
    verdict = "没有错误" if not errors else "请先改正错误再提交"
    return f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告——{verdict}。"


def text(findings: list[Finding], files: int, lang: str) -> str:
    lines = []
    for f in findings:
        note = "" if f.severity == "error" else ("warning: " if lang == "en" else "建议：")
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.clause}] {note}{f.message.get(lang)}")
    lines.append(summary(findings, files, lang))
    return "\n".join(lines)


def as_json(findings: list[Finding], files: int, lang: str) -> str:
    errors = sum(f.severity == "error" for f in findings)
    return json.dumps(
        {
            "findings": [f.as_dict(lang) for f in findings],
            "summary": {"files": files, "errors": errors, "warnings": len(findings) - errors},
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], files: int, lang: str) -> str:
    """GitHub (and Gitea/Forgejo) workflow commands: each finding becomes an annotation on the diff."""
    lines = [
        f"::{f.severity} file={_escape_property(f.path)},line={f.line},col={f.column},"
        f"title={_escape_property(f'{f.rule} [{f.clause}]')}::{_escape_data(f.message.get(lang))}"
        for f in findings
    ]
    lines.append(summary(findings, files, lang))
    return "\n".join(lines)


def rule_help(r, lang: str) -> str:
    """A rule's explanation in `lang`. The docstrings (规则 / 原因 / 示例) are written in Chinese; in
    English the summary, clause and severity come first and the Chinese text follows for reference."""
    if lang != "en":
        return r.doc or r.summary.zh
    clause = CLAUSES[r.clause].title.en
    level = (
        "an error (the standard says 'shall')" if r.severity == "error" else "a warning (the standard says 'should')"
    )
    head = f"{r.summary.en}. Clause {r.clause} ({clause}); {level}."
    return head + (f"\n\nIn Chinese:\n{r.doc}" if r.doc else "")


def sarif(findings: list[Finding], files: int, lang: str) -> str:
    """SARIF 2.1.0 for code-scanning dashboards; columns count Unicode code points, as ours do."""
    rules = sorted(RULES.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": r.id,
            "name": r.check.__name__,
            "shortDescription": {"text": r.summary.get(lang)},
            "fullDescription": {"text": rule_help(r, lang)},
            "help": {"text": rule_help(r, lang)},  # in Chinese, the same text as the site's rule page
            "defaultConfiguration": {"level": r.severity},
            "properties": {"clause": r.clause, "clauseTitle": CLAUSES[r.clause].title.get(lang)},
        }
        for r in rules
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": f.severity,
            "message": {"text": f.message.get(lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "SRCROOT"},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            "properties": {"clause": f.clause},
        }
        for f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "wemedia", "version": __version__, "rules": driver_rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


FORMATS: dict[str, Callable[[list[Finding], int, str], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
