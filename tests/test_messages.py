"""Every message the rule fixtures produce, in both languages, against a reviewed copy.

A librarian acts on the words: a message that changes must change on purpose. The copy is
`tests/rules/messages.json`; after a deliberate change, regenerate it with
`WEMEDIA_UPDATE_MESSAGES=1 scripts/test tests/test_messages.py` and review the diff like any other text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path

from wemedia import clock, engine

from test_rules import FIXTURES, _cases, load_case, materialise_case

COPY = FIXTURES / "messages.json"


def _messages(tmp_path: Path) -> dict[str, list[list]]:
    import shutil

    from conftest import BASE

    out: dict[str, list[list]] = {}
    for n, param in enumerate(_cases()):
        rule_id, case = param.values
        root = tmp_path / str(n)
        shutil.copytree(BASE, root)
        materialise_case(root, case)
        today = case.get("today")  # as test_rules runs the case
        with clock.fixed(dt.date.fromisoformat(str(today))) if today else contextlib.nullcontext():
            found = engine.run(load_case(root, case))
        out[param.id] = [[f.path, f.line, f.column, f.message.zh, f.message.en] for f in found if f.rule == rule_id]
    return out


def test_every_fixture_message_is_the_reviewed_text(tmp_path):
    now = _messages(tmp_path)
    if os.environ.get("WEMEDIA_UPDATE_MESSAGES"):
        COPY.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    reviewed = json.loads(COPY.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(reviewed), "fixture cases added or removed: regenerate tests/rules/messages.json"
    for key, messages in now.items():
        assert messages == reviewed[key], key
