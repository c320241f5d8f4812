"""The guard's array path for large texts gives what the character path gives: the same normalised
text, the same original offset for every character, the same term matches."""

import random

import pytest

from wemedia import disclosure, normalize, normalize_wide

# Everything a hostile or careless text mixes: CJK (simplified, traditional, extension B), full-width
# and capital letters, digits with emphasis between them, invisible characters, gaps of spaces,
# punctuation and line breaks, forms that grow under NFKC, a character beyond the tables.
ALPHABET = list(
    "内部资料內部資料秘密图书馆館讀者ａＢｃABCabc0123456789０１２*~\\-_ ，。·、\n\t　"
    "\u200b\u200d\u00ad\ufeff\u2060\ufe0f\u3164"
) + ["\U00020000", "\U0002a6d6", "\u3007", "\u2f00", "\uf900"]
RARE = ["㈠", "İ", "ﬁ", "\U000e0041", "\U0001f600"]


def _both(text: str, origin=None, monkeypatch=None):
    monkeypatch.setattr(normalize_wide, "LARGE", 10**9)
    careful = normalize.normalize(text, origin)
    monkeypatch.setattr(normalize_wide, "LARGE", 0)
    wide = normalize.normalize(text, origin)
    return careful, wide


@pytest.mark.parametrize("seed", range(40))
def test_the_array_path_normalises_like_the_character_path(seed, monkeypatch):
    rnd = random.Random(seed)
    text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(1, 400)))
    if seed % 4 == 0:  # some texts carry a character the array path hands back
        cut = rnd.randrange(len(text) + 1)
        text = text[:cut] + rnd.choice(RARE) + text[cut:]
    origin = sorted(rnd.sample(range(3 * len(text)), len(text))) if seed % 3 == 0 else None
    careful, wide = _both(text, origin, monkeypatch)
    assert wide.text == careful.text
    assert [wide.offset(i) for i in range(len(wide.text))] == [careful.offset(i) for i in range(len(careful.text))]


def test_the_array_path_takes_ordinary_text_and_hands_back_rare_forms():
    assert normalize_wide.normalize("內　部\u200b資料ＡＢ") == ("内部资料ab", pytest.approx([0, 2, 4, 5, 6, 7]))
    assert normalize_wide.normalize("图书馆 abc") == ("图书馆 abc", None)
    assert (
        normalize_wide.normalize("第㈠条") is None and normalize_wide.normalize("") is None
    )  # NFKC makes it longer: the character path
    assert normalize_wide.normalize("标签\U000e0041") is None  # beyond the tables


def test_a_large_text_is_matched_the_same_as_bytes(monkeypatch):
    rnd = random.Random(5)
    terms = ["内部资料", "秘密", "ab", "資料", "图书馆讀者"]
    text = "".join(rnd.choice(ALPHABET + ["内部资料", "秘密"]) for _ in range(3000))
    pol = disclosure.Policy()
    for t in terms:
        pol.terms.setdefault(normalize.term(t), None)
    norm = normalize.normalize(text).text
    monkeypatch.setattr(normalize_wide, "LARGE", 10**9)
    by_str = pol.find_terms(norm)
    monkeypatch.setattr(normalize_wide, "LARGE", 0)
    by_bytes = pol.find_terms(norm)
    assert by_bytes == by_str and len(by_str) > 20
    assert all(norm[start:end] == term for _, start, end, term in by_bytes)


def test_a_large_file_is_scanned_by_the_array_path_and_reported_in_place(tmp_path, monkeypatch):
    """The whole guard on a text over the threshold: the hit's line and column are those of the file."""
    filler = "读者可通过公众号菜单预约座位，每人每天限约一个时段。\n" * (normalize_wide.LARGE // 25)
    text = filler + "第二行之后：內\u200b部·資料，联系 138\u200b1234\u200b5678。\n"
    norm = normalize.normalize(text)
    assert normalize_wide.normalize(text) is not None
    pol = disclosure.Policy()
    pol.terms.setdefault(normalize.term("内部资料"), None)
    found = [(k, *norm.span(a, b), v) for k, a, b, v in disclosure.detect(norm.text) + pol.find_terms(norm.text)]
    spans = {kind: text[a:b] for kind, a, b, _ in found}
    assert spans == {"term": "內\u200b部·資料", "phone": "138\u200b1234\u200b5678"}


def test_every_code_point_is_normalised_alike(monkeypatch):
    """Each character of the tables' range, between CJK characters and next to capitals, in chunks;
    those the array path hands back (longer forms) are handed back on their own."""
    longer = normalize_wide._tables()[1] & normalize_wide._AWAY
    codes = [c for c in range(0x20, normalize_wide._SIZE) if not 0xD800 <= c < 0xE000 and not longer[c]]
    assert len(codes) > 190_000
    assert all(normalize_wide.normalize(f"字{chr(c)}") is None for c in range(normalize_wide._SIZE) if longer[c])
    for at in range(0, len(codes), 4000):
        text = "".join(f"字{chr(c)}A" for c in codes[at : at + 4000])
        assert normalize_wide.normalize(text) is not None
        careful, wide = _both(text, None, monkeypatch)
        assert wide.text == careful.text, at
        assert [wide.offset(i) for i in range(0, len(wide.text), 7)] == [
            careful.offset(i) for i in range(0, len(careful.text), 7)
        ]
