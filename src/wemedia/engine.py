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


class RuleContractError(RuleCrash):
    """An archive-wide rule reported a problem without naming the file: it would be dropped unseen."""


def _complete(rule: Rule, archive: Archive, default_path: str | None, problems: Iterable[Problem]) -> list[Finding]:
    out = []
    try:
        for p in problems:
            path = p.path or default_path
            if path is None:
                raise RuleContractError(
                    rule.id, "content", ValueError("an archive-wide problem must name its file (path=)")
                )
            if p.line is not None:
                line, column = p.line, p.column or 1
            else:
                doc = archive.documents.get(path)
                line, column = doc.where(p.at, key=p.key) if doc else (1, 1)
            out.append(Finding(path, line, column, rule.id, rule.clause, rule.severity, p.message))
    except RuleContractError:
        raise
    except Exception as error:
        raise RuleCrash(rule.id, default_path or "content", error) from error
    return out


def run(archive: Archive, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Findings of `rules` (default: all) for the archive's selected files. Rules see the whole archive
    whatever the selection; the selection only chooses which files' findings are reported."""
    rules = list(RULES.values()) if rules is None else list(rules)
    selected_docs = [d for d in (archive.document(p) for p in sorted(archive.selected)) if d is not None]
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
        else:
            found = _complete(rule, archive, None, rule.check(archive))
            findings += [f for f in found if f.path in archive.selected]
    return sorted(findings)
