"""Run the registered rules over an Archive and complete their problems into findings.

Rules only say *what* and *where in the data*; the engine adds file, line, column, rule, clause and
severity, reports only the selected files, and keeps the order stable (path, line, column, rule).
"""

from __future__ import annotations

from collections.abc import Iterable

from wemedia.archive import Archive
from wemedia.findings import Finding, Problem
from wemedia.model import Post
from wemedia.rules import RULES, Rule


class RuleCrash(Exception):
    """A rule raised: a bug in wemedia, reported with the rule and file instead of a traceback."""

    def __init__(self, rule: str, path: str, error: BaseException):
        super().__init__(f"{rule} on {path}: {error!r}")
        self.rule, self.path, self.error = rule, path, error


def _complete(rule: Rule, archive: Archive, default_path: str, problems: Iterable[Problem]) -> list[Finding]:
    out = []
    try:
        for p in problems:
            path = p.path or default_path
            if p.line is not None:
                line, column = p.line, p.column or 1
            else:
                doc = archive.documents.get(path)
                line, column = doc.where(p.at, key=p.key) if doc else (1, 1)
            out.append(Finding(path, line, column, rule.id, rule.clause, rule.severity, p.message))
    except Exception as error:  # noqa: BLE001 - turned into a clear message by the CLI
        raise RuleCrash(rule.id, default_path, error) from error
    return out


def run(archive: Archive, rules: Iterable[Rule] | None = None) -> list[Finding]:
    rules = list(RULES.values()) if rules is None else list(rules)
    selected_docs = [d for p, d in archive.documents.items() if p in archive.selected]
    posts = [Post(d) for d in selected_docs if d.kind == "post" and d.ok]
    findings: list[Finding] = []
    for rule in rules:
        if archive.unreadable_registers.intersection(rule.registers):
            continue  # every verdict would be wrong; the register's own error is reported instead
        if rule.scope == "document":
            for doc in selected_docs:
                if doc.kind in rule.kinds:
                    findings += _complete(rule, archive, doc.path, rule.check(doc, archive))
        elif rule.scope == "post":
            for post in posts:
                findings += _complete(rule, archive, post.doc.path, rule.check(post, archive))
        elif archive.complete or not rule.needs_complete:
            found = _complete(rule, archive, "content", rule.check(archive))
            findings += [f for f in found if f.path in archive.selected]
    return sorted(findings)
