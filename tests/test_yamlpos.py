"""The YAML reader: YAML 1.2 scalars instead of PyYAML's 1.1 surprises, positions, duplicate keys."""

import pytest

from wemedia import yamlpos


def test_yaml_1_1_surprises_stay_as_written():
    data = yamlpos.load("a: no\nb: on\nc: 0123\nd: 12:30\ne: 2026-09-01\nf: 1_000\ng: 0o17\n")
    assert data == {"a": "no", "b": "on", "c": "0123", "d": "12:30", "e": "2026-09-01", "f": "1_000", "g": "0o17"}


def test_core_schema_scalars():
    data = yamlpos.load("a: true\nb: False\nc: 42\nd: -3\ne: 2.5\nf: ~\ng:\nh: 'true'\ni: \"42\"\n")
    assert data == {"a": True, "b": False, "c": 42, "d": -3, "e": 2.5, "f": None, "g": None, "h": "true", "i": "42"}


def test_positions_are_one_based_and_cover_keys_and_list_items():
    pos = yamlpos.positions("title: 标题\nchannels:\n  - account: wx\n    url: https://x.example/\n")
    assert pos[("title",)] == (1, 8)
    assert pos[("channels", 0)] == (3, 5)
    assert pos[("channels", 0, "url")] == (4, 10)
    assert pos[("channels", 0, "url", None)] == (4, 5)  # the key itself


def test_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(yamlpos.YamlError) as caught:
        yamlpos.load("a: 1\nb: 2\na: 3\n")
    assert (caught.value.line, caught.value.column, caught.value.duplicate_key) == (3, 1, "a")


def test_syntax_error_has_a_position():
    with pytest.raises(yamlpos.YamlError) as caught:
        yamlpos.load("a: [1, 2\nb: 3\n")
    assert caught.value.line >= 2


def test_anchors_and_aliases_resolve():
    data = yamlpos.load("base: &b {x: 1}\ncopy: *b\n")
    assert data["copy"] == {"x": 1}
