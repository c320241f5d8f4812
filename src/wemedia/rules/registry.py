"""The one registry of rules. The catalogue page, the clause-coverage table and `--format sarif`'s
rule list are all generated from it, so they cannot drift from what runs.

A rule is a function registered with `@rule(...)`: an id (`WM` + three digits, the hundreds digit
its family), the clause it enforces, a one-line summary in both languages, the scope it visits, and
a docstring under fixed headings — 规则 / 原因 / 示例 — that becomes its page.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wemedia.clauses import CLAUSES, severity_for
from wemedia.documents import FILE_KINDS, REGISTER_LISTS
from wemedia.findings import Problem
from wemedia.i18n import Text

SCOPES = ("document", "post", "archive")
DOC_HEADINGS = ("规则", "原因", "示例")
_ID = re.compile(r"WM\d{3}\Z")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    clause: str
    severity: str
    summary: Text
    scope: str  # "document": any kind in `kinds`; "post": a Post; "archive": the whole Archive
    kinds: tuple[str, ...]
    check: Callable[..., Iterable[Problem]]
    registers: tuple[str, ...]  # registers it consults; it stands down while one cannot be read
    reminder: bool = False  # a warning about the library's own plan under a "shall" clause (see `rule`)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    clause: str,
    zh: str,
    en: str,
    *,
    scope: str = "post",
    kinds: tuple[str, ...] = ("post",),
    severity: str | None = None,
    registers: tuple[str, ...] = (),
    reminder: bool = False,
):
    """Register a rule. Its severity follows the clause's modal verb (应 → error, 宜 → warning);
    `reminder=True` makes a warning under a "shall" clause, for what measures the library against its
    own declared plan rather than against the standard (a series late on its own cadence: WM252)."""

    def register(fn):
        if not _ID.match(id):
            raise ValueError(f"rule id {id!r} is not WM + three digits")
        if id in RULES:
            raise ValueError(f"rule id {id} registered twice")
        if clause not in CLAUSES:
            raise ValueError(f"rule {id}: unknown clause {clause!r}")
        if scope not in SCOPES:
            raise ValueError(f"rule {id}: unknown scope {scope!r}")
        if not set(registers) <= set(REGISTER_LISTS):
            raise ValueError(f"rule {id}: unknown registers {sorted(set(registers) - set(REGISTER_LISTS))}")
        if not set(kinds) <= set(FILE_KINDS):
            raise ValueError(f"rule {id}: unknown kinds {sorted(set(kinds) - set(FILE_KINDS))}")
        level = "warning" if reminder else severity_for(clause, severity)
        RULES[id] = Rule(id, clause, level, Text(zh, en), scope, kinds, fn, registers, reminder)
        return fn

    return register
