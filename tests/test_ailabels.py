"""AI labels and hot-topic events beyond the rule fixtures: what the body parse lets a label be, the
implicit label through every tool that rewrites an image, the record card, and odd values."""

from __future__ import annotations

import shutil

import imagebytes as ib
import pytest
import yaml

from wemedia import ailabels, archive, body, engine, imagemeta, schemas, yamlpos
from wemedia.model import Post
from wemedia.sitepages import postpage

from conftest import PROJECT

POSTER = "content/posts/2026/11/2026-11-25-dushujie-haibao.md"
AIGC_JSON = '{"Label":"1","ContentProducer":"示例服务","ProduceID":"p-001"}'


def _labels(text: str) -> list[str]:
    blocks = body.blocks(text, 1)
    view = ailabels.Visible([p for b in blocks for p in (*b.pieces, (0, 0, "\n"))])
    return [view.text[h.start : h.end] for h in view.labels()]


def test_what_a_reader_sees_is_what_counts():
    assert _labels("人工**智能**生成") == ["人工智能生成"]
    assert _labels("本文Ａ\u200bＩ 生 成") == ["Ａ\u200bＩ 生 成"]
    assert _labels("<p>由<b>AI</b>辅助生成</p>") == ["AI辅助"]  # across a tag: the text between tags
    assert _labels("<!-- AI生成 -->") == []
    assert _labels('[出处](https://example.org "AI生成")') == []
    assert _labels("![](img/ai生成.png)") == []  # a file name is no label
    assert _labels("Shanghai生成的报告") == []
    assert _labels("人工智能讲座") == []


def test_an_image_in_html_keeps_its_alt_and_place():
    blocks = body.blocks('正文\n\n<p><img src="img/a.png" alt="AI 生成"></p>\n', 5)
    assert blocks[1].pictures == (body.Picture("img/a.png", 7, 4, "AI 生成"),)


def test_the_event_url_must_be_http_and_its_date_a_date():
    base = {"title": "t", "library": "l", "author": "a", "created": "2026-09-01", "category": "hot-topic"}
    base |= {"source": {"type": "original"}, "licence": "CC-BY-4.0", "status": "draft"}
    ok = {"what": "立冬", "when": "2026-11-07", "url": "https://example.org/a"}
    assert schemas.problems("post", {**base, "event": ok}) == []
    assert schemas.problems("post", {**base, "event": {**ok, "when": "2026-11-07T08:00:00+08:00"}}) == []
    for bad in ({**ok, "url": "javascript:alert(1)"}, {**ok, "url": "ftp://example.org"}, {**ok, "when": "十一月"}):
        assert schemas.problems("post", {**base, "event": bad}), bad
    assert schemas.problems("post", {**base, "event": {**ok, "where": "南湖"}})
    assert schemas.problems("post", {**base, "ai": {"text": "Generated"}})
    assert schemas.problems("post", {**base, "ai": {"parts": ["x"]}})  # text is required
    assert schemas.problems("post", {**base, "ai": {"text": "assisted", "parts": ["冬天适合"]}}) == []


@pytest.mark.parametrize(
    "image",
    [
        ib.jpeg(tiff=ib.exif(), packet=ib.xmp(creator="李四", aigc=AIGC_JSON, gps=True)),
        ib.png(ib.chunk(b"tEXt", b"Author\x00Li Si"), ib.chunk(b"tEXt", b"AIGC\x00" + AIGC_JSON.encode())),
    ],
    ids=["jpeg", "png"],
)
def test_assets_strip_keeps_the_implicit_label_and_its_content(run_cli, tmp_path, image):
    photo = tmp_path / "haibao.bin"
    photo.write_bytes(image)
    assert ailabels.implicit(image) == (True, AIGC_JSON)
    code, _, err = run_cli("assets", "strip", str(photo))
    assert code == 0, err
    after = photo.read_bytes()
    assert after != image and imagemeta.inspect(after).items == []
    assert ailabels.implicit(after) == (True, AIGC_JSON)


def test_the_example_poster_is_labelled_every_way():
    data = (PROJECT / "content/posts/2026/11/img/dushujie-haibao.png").read_bytes()
    carries, content = ailabels.implicit(data)
    assert carries and '"Label":"1"' in content and len(data) < 20_000
    loaded = archive.load(PROJECT, [POSTER])
    post = Post(loaded.document(POSTER))
    assert [k for _, _, k in ailabels.assets(post)] == ["generated"]
    assert [f for f in engine.run(loaded) if f.rule.startswith("WM28")] == []


def test_the_record_card_shows_the_event_the_declaration_and_the_implicit_label():
    loaded = archive.load(PROJECT)
    card = postpage.record(loaded, Post(loaded.document(POSTER)), "posts/x.html", (None, None), None)
    assert "<th>人工智能生成</th><th>隐式标识 AIGC</th>" in card
    assert "AI 生成，画面有标识" in card and "有：<code>&#123;&#34;Label&#34;:&#34;1&#34;" in card
    hot = Post(loaded.document("content/posts/2026/11/2026-11-07-lidong-jieqi.md"))
    card = postpage.record(loaded, hot, "posts/x.html", (None, None), None)
    assert "<tr><th>热点事件</th><td>立冬节气；2026-11-07；<a " in card


ODD = [None, 7, "文字", [], {}, [1, "x", None], {"x": [1]}, True, "GENERATED"]


@pytest.mark.parametrize(
    "path",
    [("ai",), ("ai", "text"), ("ai", "parts"), ("assets", 0, "ai"), ("assets", 0, "ai_mark"), ("event",)],
)
def test_odd_values_never_crash_a_rule_or_the_card(tmp_path, path):
    root = tmp_path / "library"
    shutil.copytree(PROJECT / "content", root / "content")
    target = root / POSTER
    text = target.read_text(encoding="utf-8")
    _, fm, rest = text.split("---\n", 2)
    for value in ODD:
        data = yamlpos.load(fm)
        data.setdefault("ai", {"text": "assisted"})
        data.setdefault("event", {"what": "读书节"})
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        target.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + rest, encoding="utf-8")
        loaded = archive.load(root, [POSTER])
        engine.run(loaded)  # raises RuleCrash on a bug
        postpage.record(loaded, Post(loaded.document(POSTER)), "posts/x.html", (None, None), None)
