"""Rules never crash on data the schema rejects: every field of a post and of each register, replaced
by a value of the wrong shape, still yields findings (WM005 at least) and never a RuleCrash."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from wemedia import archive, engine, schemas, website, yamlpos

from conftest import PROJECT

ODD_VALUES = [None, 7, "文字", [], {}, [1, "x", None], {"x": [1]}, True]
# Between them every field a post can have is filled: a reprint (source with origin, authorisation and
# verification; channels; reviews) and a withdrawn post (assets, corrections).
POSTS = ["content/posts/2026/10/2026-10-16-kepu-zhuanzai.md", "content/posts/2026/09/2026-09-26-laozhaopian-02.md"]


def _split(text):
    _, fm, body = re.split(r"(?m)^---\n", text, maxsplit=2)  # a line of its own: not the end of a signature's armour
    return yamlpos.load(fm), body  # our reader keeps times as text, so dumping them back is lossless


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def example(tmp_path):
    root = tmp_path / "library"
    shutil.copytree(PROJECT / "content", root / "content")
    return root


def _run(root, selection=None):
    loaded = archive.load(root, selection)
    findings = engine.run(loaded)  # raises RuleCrash on a bug
    site = website.render(loaded, root, queue=True, findings=findings)  # the site must render it too
    assert len(site.generated) > len(loaded.of_kind("post"))
    return {f.rule for f in findings}


def _fields(data, path=()):
    """The path of every value in `data`, containers included; of a list, only its first item's."""
    out = []
    items = data.items() if isinstance(data, dict) else enumerate(data[:1]) if isinstance(data, list) else ()
    for key, value in items:
        out.append(path + (key,))
        out += _fields(value, path + (key,))
    return out


@pytest.mark.parametrize("POST", POSTS)
def test_every_post_field_with_every_odd_value(example, POST):
    front, body = _split((example / POST).read_text(encoding="utf-8"))
    (example / POST).write_text("---\n" + _dump(front) + "---\n" + body, encoding="utf-8")
    assert _run(example, [POST]) == set(), "the round trip itself must keep the post clean"
    nested = _fields(front)
    for path in nested:
        for value in ODD_VALUES:
            data = yamlpos.load(_dump(front))
            target = data
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
            (example / POST).write_text("---\n" + _dump(data) + "---\n" + body, encoding="utf-8")
            rules = _run(example, [POST])
            rejected = bool(schemas.problems("post", data))
            assert ("WM005" in rules) == rejected, (path, value, rules)


@pytest.mark.parametrize(
    "register, key",
    [("content/team.yml", "people"), ("content/accounts.yml", "accounts"), ("content/libraries.yml", "libraries")],
)
def test_every_register_field_with_every_odd_value(example, register, key):
    original = yamlpos.load((example / register).read_text(encoding="utf-8"))
    fields = sorted({k for item in original[key] for k in item})
    for field in fields:
        for value in ODD_VALUES:
            data = yamlpos.load(_dump(original))
            for item in data[key]:
                if field in item:
                    item[field] = value
            (example / register).write_text(_dump(data), encoding="utf-8")
            rules = _run(example)
            kind = register.removeprefix("content/").removesuffix(".yml")
            assert ("WM005" in rules) == bool(schemas.problems(kind, data)), (field, value, rules)
    for whole in ODD_VALUES:
        (example / register).write_text(_dump(whole), encoding="utf-8")
        assert "WM005" in _run(example, [register]), whole  # {} and null too: the list is required
