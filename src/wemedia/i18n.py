"""Bilingual text. Chinese is the users' language and the default; English follows every string so
that `--lang en` and the SARIF/JSON consumers outside China read the same finding."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True, slots=True, order=True)
class Text:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **kw: object) -> Text:
        return Text(self.zh.format(**kw), self.en.format(**kw))
