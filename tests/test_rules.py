"""Every rule against its YAML fixtures (files in, findings expected), and the registry's own promises."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

from wemedia import archive, clock, engine
from wemedia.clauses import CLAUSES
from wemedia.rules import RULES
from wemedia.rules.registry import DOC_HEADINGS

FIXTURES = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(FIXTURES.glob("WM*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}: {case['name']}")


def materialise(root: Path, files: dict) -> None:
    for rel, spec in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            target.write_text(spec, encoding="utf-8")
        elif "symlink" in spec:
            os.symlink(spec["symlink"], target)
        else:
            text = spec["text"].replace("\n", "\r\n") if spec.get("crlf") else spec["text"]
            data = text.encode(spec.get("encoding", "utf-8"))
            target.write_bytes((b"\xef\xbb\xbf" if spec.get("bom") else b"") + data)


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_fixture(repo, rule_id, case):
    materialise(repo, case["files"])
    today = case.get("today")  # the date the rules judge by, if not conftest's WEMEDIA_TODAY
    with clock.fixed(dt.date.fromisoformat(str(today))) if today else contextlib.nullcontext():
        findings = engine.run(archive.load(repo))
    mine = [f for f in findings if f.rule == rule_id]
    expected = case["expect"]
    got = [(f.path, f.line, f.column) for f in mine]
    assert got == [(e["path"], e["line"], e["column"]) for e in expected], [f.message.zh for f in mine]
    for finding, want in zip(mine, expected, strict=False):
        assert want["message"] in finding.message.zh, finding.message.zh
        assert finding.message.en and not re.search(r"[\u4e00-\u9fff]{4}", finding.message.en.split("'")[0])
        assert finding.severity == want.get("severity", "error")
        assert finding.clause == RULES[rule_id].clause
    if not expected:  # a passing fixture must be clean under every rule, not only this one
        assert findings == [], [(f.rule, f.path, f.line, f.message.zh) for f in findings]


def test_every_rule_has_a_passing_and_a_failing_fixture():
    covered: dict[str, set[bool]] = {}
    for param in _cases():
        rule_id, case = param.values
        covered.setdefault(rule_id, set()).add(bool(case["expect"]))
    for rule_id in RULES:
        assert covered.get(rule_id) == {True, False}, f"{rule_id} needs a good and a bad fixture"


def test_rule_metadata_is_complete_and_consistent():
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"WM\d{3}", rule_id)
        assert rule.clause in CLAUSES
        assert rule.severity in ("error", "warning")
        assert rule.summary.zh and rule.summary.en
        headings = [line.split(":")[0] for line in rule.doc.splitlines() if ":" in line and not line.startswith(" ")]
        assert headings[: len(DOC_HEADINGS)] == list(DOC_HEADINGS), f"{rule_id} docstring headings: {headings}"


def test_severity_follows_the_clause_modal_verb():
    for rule in RULES.values():
        modal = CLAUSES[rule.clause].modal
        if modal in ("shall", "shall not"):
            assert rule.severity == "error", rule.id
        elif modal == "should":
            assert rule.severity == "warning", rule.id


def test_registry_refuses_a_duplicate_id_and_a_wrong_severity():
    from wemedia.rules.registry import rule

    with pytest.raises(ValueError, match="registered twice"):
        rule("WM001", "integrity", "x", "x", severity="error")(lambda post, archive: [])
    with pytest.raises(ValueError, match="errors, not warnings"):
        rule("WM999", "4.1", "x", "x", severity="warning")(lambda post, archive: [])
    with pytest.raises(ValueError, match="unknown registers"):
        rule("WM999", "4.1", "x", "x", registers=("staff",))(lambda post, archive: [])
    assert "WM999" not in RULES
