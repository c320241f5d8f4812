"""Every rule against its YAML fixtures (files in, findings expected), and the registry's own promises."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

import pytest
import signing
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
        if spec is None:  # the case deletes the file (after its `before:` commit)
            target.unlink(missing_ok=True)
        elif isinstance(spec, str):
            target.write_text(spec, encoding="utf-8")
        elif "symlink" in spec:
            os.symlink(spec["symlink"], target)
        else:
            text = spec["text"].replace("\n", "\r\n") if spec.get("crlf") else spec["text"]
            data = text.encode(spec.get("encoding", "utf-8"))
            target.write_bytes((b"\xef\xbb\xbf" if spec.get("bom") else b"") + data)


def materialise_case(root: Path, case: dict) -> None:
    """A case's files. With `before:` (history rules: what a commit does to what was committed), those
    files are written and committed first in a real git repository, then `files` is written over them
    — a file given as null is deleted, and a deleted file whose content reappears elsewhere is a rename."""
    committed: dict[str, bytes] = {}  # a `before` file's text -> its bytes as committed (signed)
    if "before" in case:
        import git

        repo = git.Repo.init(root, initial_branch="main")
        materialise(root, case["before"])
        signing.sign_placeholders(root)
        committed = {spec: (root / rel).read_bytes() for rel, spec in case["before"].items() if isinstance(spec, str)}
        repo.git.add(A=True)
        who = git.Actor("测试", "test@example.invalid")
        repo.index.commit("before", author=who, committer=who)
    materialise(root, case["files"])
    for rel, spec in case["files"].items():
        if isinstance(spec, str) and spec in committed:  # the same text moved: the same signed bytes
            (root / rel).write_bytes(committed[spec])
    signing.sign_placeholders(root)


def load_case(root: Path, case: dict) -> archive.Archive:
    """The archive a case is checked as: the whole of it; with `before:`, as the commit hook sees the
    change staged over the committed files (`wemedia check --staged`, every file reported)."""
    if "before" not in case:
        return archive.load(root)
    import git

    from wemedia import gitrepo
    from wemedia.history import History

    git.Repo(root).git.add(A=True)
    changes = gitrepo.staged_changes(root)
    return archive.load(root, removed=changes.removed, absent=changes.absent, history=History.of(root, changes))


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_fixture(repo, rule_id, case):
    materialise_case(repo, case)
    today = case.get("today")  # the date the rules judge by, if not conftest's WEMEDIA_TODAY
    with clock.fixed(dt.date.fromisoformat(str(today))) if today else contextlib.nullcontext():
        findings = engine.run(load_case(repo, case))
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
            assert rule.severity == ("warning" if rule.reminder else "error"), rule.id
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
