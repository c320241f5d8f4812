"""`@rule(...)` records exactly what it is given, and refuses what the catalogue could not show.

The rules register when their modules are imported; these tests register throwaway rules at test
time (and remove them), so that a wrong edit to the registry is seen by a test and not only by import.
"""

from __future__ import annotations

import pytest

from wemedia.documents import REGISTER_LISTS
from wemedia.i18n import Text
from wemedia.rules import RULES
from wemedia.rules.registry import Rule, rule


@pytest.fixture
def scratch():
    """Rule ids registered by the test, removed afterwards so no other test sees them."""
    before = set(RULES)
    yield
    for added in set(RULES) - before:
        del RULES[added]


def check(post, archive):
    """规则: 测试。
    原因: 测试。
    示例: 测试。
    """
    return []


def test_a_rule_is_recorded_as_given(scratch):
    assert rule("WM998", "4.1", "中文摘要", "English summary")(check) is check
    assert RULES["WM998"] == Rule(
        "WM998", "4.1", "error", Text("中文摘要", "English summary"), "post", ("post",), check, ()
    )
    every = tuple(REGISTER_LISTS)
    rule(
        "WM997", "5.3.3.3", "甲", "a", scope="document", kinds=("team", "accounts"), severity="warning", registers=every
    )(check)
    assert RULES["WM997"] == Rule(
        "WM997", "5.3.3.3", "warning", Text("甲", "a"), "document", ("team", "accounts"), check, every
    )
    assert RULES["WM997"].doc.startswith("规则: 测试。\n原因: 测试。")


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (("WM99", "4.1"), {}, "rule id 'WM99' is not WM + three digits"),
        (("wm999", "4.1"), {}, "rule id 'wm999' is not WM + three digits"),
        (("WM9999", "4.1"), {}, "rule id 'WM9999' is not WM + three digits"),
        (("WM999", "9.9"), {}, "rule WM999: unknown clause '9.9'"),
        (("WM999", "4.1"), {"scope": "file"}, "rule WM999: unknown scope 'file'"),
        (("WM999", "4.1"), {"registers": ("team", "staff")}, "rule WM999: unknown registers ['staff']"),
        (("WM999", "4.1"), {"kinds": ("post", "poster")}, "rule WM999: unknown kinds ['poster']"),
    ],
)
def test_a_malformed_rule_is_refused_with_its_reason(scratch, args, kwargs, message):
    with pytest.raises(ValueError) as refused:
        rule(*args, "x", "x", **kwargs)(check)
    assert str(refused.value) == message
    assert "WM999" not in RULES


def test_a_rule_may_visit_every_kind_of_text_file(scratch):
    from wemedia.documents import FILE_KINDS

    rule("WM996", "integrity", "甲", "a", scope="document", kinds=FILE_KINDS, severity="error")(check)
    assert RULES["WM996"].kinds == FILE_KINDS
