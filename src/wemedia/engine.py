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
    rules = [
        r
        for r in (RULES.values() if rules is None else rules)
        if not archive.unreadable_registers.intersection(r.registers)
    ]  # else every verdict would be wrong
    selected_docs = [d for d in (archive.document(p) for p in sorted(archive.selected)) if d is not None]
    per_document = [r for r in rules if r.scope == "document"]
    per_post = [r for r in rules if r.scope == "post"]
    findings: list[Finding] = []
    # One document at a time, every rule on it: what the rules derive from it (the body's parse, the
    # guard's scan) is asked for while it is still fresh, and never held for the whole archive.
    try:
        for doc in selected_docs:
            for rule in per_document:
                if doc.kind in rule.kinds:
                    findings += _complete(rule, archive, doc.path, rule.check(doc, archive))
            if doc.kind == "post" and doc.ok and per_post:
                post = Post(doc)
                for rule in per_post:
                    findings += _complete(rule, archive, doc.path, rule.check(post, archive))
        for rule in rules:
            if rule.scope == "archive":
                found = _complete(rule, archive, None, rule.check(archive))
                findings += [f for f in found if f.path in archive.selected]
    finally:
        for close in archive.memo.pop("on_close", ()):  # what was started for this run (`ahead`'s worker)
            close()
        archive.memo.pop("ahead", None)
    return sorted(_masked(findings, archive))


def _masked(findings: list[Finding], archive: Archive) -> list[Finding]:
    """No output repeats what the disclosure guard protects: every message — a schema error quoting a
    value, a reference to an unknown person — goes through the guard's detectors and term list, and
    what they match is masked (`138****5678`, `内**料`) before any format writes it."""
    from dataclasses import replace

    from wemedia.disclosure import mask
    from wemedia.i18n import Text

    seen: dict[str, str] = {}

    def clean(text: str) -> str:
        if text not in seen:
            seen[text] = mask(text, archive)
        return seen[text]

    out = []
    for f in findings:
        zh, en, path = clean(f.message.zh), clean(f.message.en), clean(f.path)  # a file named by a number too
        same = (zh, en, path) == (f.message.zh, f.message.en, f.path)
        out.append(f if same else replace(f, path=path, message=Text(zh, en)))
    return out
