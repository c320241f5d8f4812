"""The JSON Schemas: valid draft 2020-12, titled in Chinese, one per content type, used by the loader."""

from __future__ import annotations

import re
import shutil

import pytest
from jsonschema import Draft202012Validator

from wemedia import documents, schemas

from conftest import BASE, PROJECT

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("name", sorted(schemas.all_schemas()))
def test_schema_is_valid_2020_12(name):
    schema = schemas.all_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(schemas.all_schemas()))
def test_every_titled_node_is_titled_and_described_in_chinese(name):
    def walk(node, where):
        """Visit schema nodes only: under `properties` and `$defs` the keys are field names."""
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                assert CJK.search(node["title"]), f"{name}:{where} title"
                assert CJK.search(node.get("description", "")), f"{name}:{where} description"
            for key, value in node.items():
                if key in ("properties", "$defs") and isinstance(value, dict):
                    for field, sub in value.items():
                        walk(sub, f"{where}/{key}/{field}")
                elif isinstance(value, (dict, list)):
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    schema = schemas.all_schemas()[name]
    assert CJK.search(schema["title"]) and CJK.search(schema["description"])
    walk(schema, "")


def test_every_content_type_has_a_schema():
    assert set(documents.KINDS) <= set(schemas.all_schemas())


def test_validators_are_built_once():
    assert schemas.validator("post") is schemas.validator("post")


def test_properties_of_a_post_reject_personal_data_fields():
    problems = schemas.problems(
        "team", {"people": [{"id": "a", "name": "甲", "library": "l", "roles": ["editor"], "phone": "13800000000"}]}
    )
    assert [p.message.zh for p in problems] == [
        "不认识的字段“phone”；可用字段：id、name、note、library、roles、active、keys。"
    ]


def _documents_of_every_fixture(tmp_path):
    """Every content document the rule fixtures, the example and the robustness values hold."""
    import yaml

    from wemedia import archive
    from wemedia.documents import KINDS

    from test_rules import FIXTURES, materialise

    yield from (d for d in archive.load(PROJECT).documents.values() if d.kind in KINDS and d.ok)
    for n, path in enumerate(sorted(FIXTURES.glob("WM*.yml"))):
        for m, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            root = tmp_path / f"{n}-{m}"
            shutil.copytree(BASE, root)
            materialise(root, case["files"])
            loaded = archive.load(root)
            yield from (d for d in loaded.documents.values() if d.kind in KINDS and d.ok)


def test_the_fast_validator_agrees_with_the_reference_on_every_fixture(tmp_path):
    """jsonschema-rs answers "valid?" for speed; jsonschema makes the messages. A document one calls
    valid and the other not would either pass unchecked or get an empty complaint."""
    from test_robustness import ODD_VALUES

    checked = invalid = 0
    for doc in _documents_of_every_fixture(tmp_path):
        samples = [doc.data]
        if isinstance(doc.data, dict):  # and each field of it replaced by values of the wrong shape
            samples += [{**doc.data, key: bad} for key in list(doc.data)[:6] for bad in ODD_VALUES]
        for data in samples:
            reference = not any(True for _ in schemas.validator(doc.kind).iter_errors(data))
            assert schemas.valid(doc.kind, data) == reference, (doc.path, data)
            checked += 1
            invalid += not reference
    assert checked > 1000 and invalid > 500
