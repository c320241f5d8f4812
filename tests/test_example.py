"""The bundled example keeps its promises: a realistic, wholly fictional archive that passes its check."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from wemedia import archive, engine, schemas

from conftest import PROJECT


@pytest.fixture(scope="module")
def example():
    return archive.load(PROJECT)


def test_example_has_no_errors_or_warnings(example):
    assert engine.run(example) == []


def test_team_covers_every_role_across_two_libraries(example):
    assert len(example.people) >= 6
    roles = {r for p in example.people.values() for r in p.roles}
    assert roles == {"manager", "assistant", "editor", "reviewer"}
    kinds = {lib.get("kind") for lib in example.libraries.values()}
    assert {"central", "district"} <= kinds


def test_accounts_on_the_four_platforms(example):
    platforms = {a.get("platform") for a in example.accounts.values()}
    assert {"wechat-official", "wechat-channels", "weibo", "douyin"} <= platforms


def test_posts_span_three_months_every_category_and_every_state(example):
    posts = example.posts
    assert len(posts) >= 40
    months = {str(p.get("created"))[:7] for p in posts} | {
        str(c.get("published"))[:7] for p in posts for _, c in p.list_of("channels") if c.get("published")
    }
    assert len({m for m in months if m.startswith("2026")}) >= 3
    categories = set(schemas.all_schemas()["post"]["properties"]["category"]["enum"])
    assert {p.get("category") for p in posts} == categories
    series = Counter(p.series_id for p in posts if p.series_id)
    assert len([s for s, n in series.items() if n >= 3]) >= 2
    statuses = Counter(p.status for p in posts)
    for status in ("draft", "in-review", "approved", "published", "corrected", "withdrawn"):
        assert statuses[status] >= 1, status
    assert statuses["corrected"] == 1 and statuses["withdrawn"] == 1
    sources = Counter(p.get("source")["type"] for p in posts)
    assert sources["reprint"] >= 2 and sources["adapted"] >= 1
    with_images = [p for p in posts if p.media]
    assert len(with_images) >= 10
    assert all(example.exists(p.resolve(a["file"])) for p in with_images for _, a in p.list_of("assets"))


def test_no_real_looking_personal_data():
    id_number = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    for path in (PROJECT / "content").rglob("*"):
        if path.suffix in (".md", ".yml", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert not id_number.search(text), path
            assert not mobile.search(text), path
            assert "PRIVATE KEY" not in text, path


def test_example_images_are_small_real_pngs():
    images = list((PROJECT / "content").rglob("*.png"))
    assert len(images) >= 20
    for image in images:
        data = image.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 20_000, image
