"""`wemedia rules` — the rule catalogue, from the registry."""

from __future__ import annotations

from wemedia.cli.common import EXIT_OK, lang_of
from wemedia.rules import RULES


def add(sub) -> None:
    p = sub.add_parser("rules", help="列出全部规则 / list every rule")
    p.add_argument("--lang", choices=("zh", "en"), help="语言 / language")
    p.set_defaults(run=run)


def run(args) -> int:
    lang = lang_of(args)
    for r in sorted(RULES.values(), key=lambda r: r.id):
        print(f"{r.id}  [{r.clause}]  {r.severity:<7}  {r.summary.get(lang)}")
    return EXIT_OK
