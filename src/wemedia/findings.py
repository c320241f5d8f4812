"""What a rule reports (`Problem`) and what the engine completes it into (`Finding`)."""

from __future__ import annotations

from dataclasses import dataclass

from wemedia.i18n import Text


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule's report: a message and where — a data path in the document, or an explicit line/column
    (body text), or for archive-wide rules also the file."""

    message: Text
    at: tuple = ()
    key: bool = False  # point at the key rather than its value
    line: int | None = None
    column: int | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    rule: str
    clause: str
    severity: str  # "error" | "warning"
    message: Text

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity,
            "message": self.message.get(lang),
        }
