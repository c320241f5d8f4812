"""One table of labels for enumerated values: the schemas' `x-labels`, read through wemedia.labels by
messages, the CLI and the schema errors."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from wemedia import labels, schemas
from wemedia.i18n import Text

from conftest import DRAFT, write

CJK = re.compile(r"[\u4e00-\u9fff]")


def _labelled_nodes():
    """(schema, JSON pointer, node) of every node with an `enum`."""

    def walk(kind, node, pointer):
        if isinstance(node, dict):
            if "enum" in node:
                yield kind, pointer, node
            for key, value in node.items():
                yield from walk(kind, value, f"{pointer}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(kind, value, f"{pointer}/{i}")

    for kind, schema in schemas.all_schemas().items():
        yield from walk(kind, schema, "")


def test_every_enumeration_of_words_has_labels_for_exactly_its_values():
    seen = set()
    for kind, pointer, node in _labelled_nodes():
        if node["enum"] == ["Asia/Shanghai"]:  # a time zone, not a word to translate
            assert "x-labels" not in node
            continue
        where = f"{kind}{pointer}"
        assert list(node.get("x-labels", {})) == node["enum"], f"{where}: x-labels beside the enum, in its order"
        for value, names in node["x-labels"].items():
            assert set(names) == {"zh", "en"}, f"{where} {value}"
            assert CJK.search(names["zh"]) and names["en"].strip() and not CJK.search(names["en"]), f"{where} {value}"
        seen.add((kind, pointer))
    assert seen == set(labels.FIELDS.values()), "every labelled enum has a field name in labels.FIELDS, and back"


def test_the_validator_accepts_the_annotation_and_ignores_it():
    for schema in schemas.all_schemas().values():
        Draft202012Validator.check_schema(schema)
    assert schemas.problems("team", {"people": [{"id": "a", "name": "甲", "library": "l", "roles": ["manager"]}]}) == []


def test_label_lookup_and_choices():
    assert labels.label("post.status", "approved") == "已签发"
    assert labels.label("post.status", "approved", "en") == "approved"
    assert labels.label("post.category", "activity-preview") == "活动预告"
    assert labels.label("team.role", "manager") == "运营管理岗"
    assert labels.label("account.platform", "wechat-official", "en") == "WeChat Official Account"
    # no label: the raw value, so a typo stays visible
    assert labels.label("post.status", "publised") == "publised"
    assert labels.label("post.status", ["a"]) == "['a']" and labels.label("post.status", None) == ""
    assert labels.labelled("post.status", "approved") == "已签发（approved）"
    assert labels.labelled("post.status", "approved", "en") == "approved"
    assert labels.labelled("post.status", "publised") == "publised"

    for written in ("collection-reveal", "馆藏揭示", "From the collection", " 馆藏揭示 "):
        assert labels.lookup("post.category", written) == "collection-reveal", written
    assert labels.lookup("team.role", "运营管理岗") == "manager"
    assert labels.lookup("post.category", "馆藏") is None and labels.lookup("post.category", 3) is None

    assert [value for value, _ in labels.choices("post.status")] == schemas.all_schemas()["post"]["properties"][
        "status"
    ]["enum"]
    assert labels.choices("post.review.stage")[0] == ("first", Text("初审", "first review"))
    with pytest.raises(KeyError, match=r"post\.colour"):
        labels.label("post.colour", "red")


def test_labels_come_from_the_schema_file(tmp_path, monkeypatch):
    """One table: a label changed in the schema is the label everywhere (here through a copy of schemas/)."""
    import shutil

    from wemedia import resources

    copy = tmp_path / "schemas"
    shutil.copytree(resources.schemas_dir(), copy)
    post = json.loads((copy / "post.schema.json").read_text(encoding="utf-8"))
    post["properties"]["status"]["x-labels"]["approved"]["zh"] = "已审定"
    (copy / "post.schema.json").write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(schemas, "schemas_dir", lambda: copy)
    for cached in (schemas.all_schemas, labels._table):
        cached.cache_clear()
    try:
        assert labels.labelled("post.status", "approved") == "已审定（approved）"
    finally:
        monkeypatch.undo()
        for cached in (schemas.all_schemas, labels._table):
            cached.cache_clear()
    assert labels.label("post.status", "approved") == "已签发"


def test_rule_messages_name_the_status_by_its_label_with_the_value(run_cli, repo):
    write(repo, "content/posts/2026/09/a.md", DRAFT.replace("status: draft", "status: approved"))
    write(repo, "content/posts/2026/09/b.md", DRAFT.replace("status: draft", "status: withdrawn"))
    code, out, _ = run_cli("check", "--root", str(repo), "--format", "json")
    messages = {(f["rule"], f["path"].rsplit("/", 1)[-1], f["message"]) for f in json.loads(out)["findings"]}
    assert code == 1
    for rule, stage in (("WM220", "初审"), ("WM221", "签发")):
        assert any(
            (r, p) == (rule, "a.md") and "状态“已签发（approved）”" in m and f"没有{stage}记录" in m
            for r, p, m in messages
        ), messages
    assert any(
        m[:2] == ("WM501", "b.md")
        and m[2].startswith("状态为“已撤回（withdrawn）”，但没有 kind: withdrawal 的更正记录")
        for m in messages
    )
    code, out, _ = run_cli("check", "--root", str(repo), "--format", "json", "--lang", "en")
    messages = {(f["rule"], f["path"].rsplit("/", 1)[-1], f["message"]) for f in json.loads(out)["findings"]}
    assert any(
        (r, p) == ("WM221", "a.md") and "(status 'approved' or" in m and "has no sign-off" in m for r, p, m in messages
    ), messages


def test_a_missing_category_lists_every_category_with_its_label(run_cli, repo):
    write(repo, "content/posts/2026/09/a.md", DRAFT.replace("category: news\n", ""))
    _, out, _ = run_cli("check", "--root", str(repo), "--format", "json")
    [finding] = [f for f in json.loads(out)["findings"] if f["rule"] == "WM301"]
    assert finding["message"] == ("文章没有分类；请添加 category，可选：" + labels.listing("post.category") + "。")
    assert "activity-preview 活动预告、collection-reveal 馆藏揭示、hot-topic 热点" in finding["message"]


def test_a_label_written_for_a_value_is_answered_with_the_value_to_write():
    [problem] = schemas.problems("post", {**_minimal_post(), "status": "已发布"})
    assert problem.message.zh == (
        "“status”（状态） 的值“已发布”不在允许范围内；可选：draft（草稿）、in-review（审核中）、"
        "approved（已签发）、published（已发布）、corrected（已更正）、withdrawn（已撤回）。"
        "“已发布”请写作 published。"
    )
    [problem] = schemas.problems("team", {"people": [{"id": "a", "name": "甲", "library": "l", "roles": ["编辑"]}]})
    assert problem.message.zh.endswith("“编辑”请写作 editor。")
    [problem] = schemas.problems("post", {**_minimal_post(), "status": "publised"})
    assert "“publised”不在允许范围内" in problem.message.zh and "请写作" not in problem.message.zh


def _minimal_post() -> dict:
    return {
        "title": "T",
        "library": "lib",
        "author": "ed",
        "created": "2026-09-01",
        "status": "draft",
        "source": {"type": "original"},
        "licence": "CC-BY-4.0",
    }
