"""Labels of enumerated values — statuses, categories, platforms, roles, stages — from one table.

The table is the schemas themselves: beside each `enum` an `x-labels` map gives every value its Chinese
and English label (`"approved": {"zh": "已签发", "en": "approved"}`). Messages, the CLI's choices and
help, the site and any form read them here, so a label is changed in one place.

    label("post.status", "approved")            -> "已签发"
    label("post.status", "approved", "en")      -> "approved"
    labelled("post.status", "approved")         -> "已签发（approved）"
    lookup("post.category", "活动预告")          -> "activity-preview"
    choices("team.role")                        -> [("manager", Text("运营管理岗", "operations manager")), …]
"""

from __future__ import annotations

from functools import cache

from wemedia.i18n import Text

# field name -> (schema, JSON pointer of the node that carries `enum` and `x-labels`)
FIELDS = {
    "post.status": ("post", "/properties/status"),
    "post.category": ("post", "/properties/category"),
    "post.source.type": ("post", "/properties/source/properties/type"),
    "post.asset.kind": ("post", "/properties/assets/items/properties/kind"),
    "post.asset.ai": ("post", "/properties/assets/items/properties/ai"),
    "post.ai.text": ("post", "/properties/ai/properties/text"),
    "post.review.stage": ("post", "/properties/reviews/items/properties/stage"),
    "post.review.check": ("post", "/properties/reviews/items/properties/checks/items"),
    "post.correction.kind": ("post", "/properties/corrections/items/properties/kind"),
    "team.role": ("team", "/$defs/role"),  # both forms of `roles` items refer to it
    "account.platform": ("accounts", "/properties/accounts/items/properties/platform"),
    "account.status": ("accounts", "/properties/accounts/items/properties/status"),
    "library.kind": ("libraries", "/properties/libraries/items/properties/kind"),
    "message.kind": ("messages", "/properties/messages/items/properties/kind"),
    "message.action": ("messages", "/$defs/action"),  # `action` is one of them, or a list of them
}


@cache
def _table(field: str) -> dict[str, Text]:
    """value -> Text(zh, en), in the order of the schema's `enum`."""
    from wemedia.schemas import all_schemas

    try:
        kind, pointer = FIELDS[field]
    except KeyError:
        raise KeyError(f"no labels for {field!r}; known: {', '.join(FIELDS)}") from None
    node = all_schemas()[kind]
    for part in pointer.strip("/").split("/"):
        node = node[part]
    labels = node.get("x-labels", {})
    return {
        value: Text(labels.get(value, {}).get("zh", value), labels.get(value, {}).get("en", value))
        for value in node["enum"]
    }


def label(field: str, value: object, lang: str = "zh") -> str:
    """The value's label in `lang`; the value itself (as text) when it has none — a typo stays visible."""
    if isinstance(value, str) and value in _table(field):
        return _table(field)[value].get(lang)
    return "" if value is None else str(value)


def labelled(field: str, value: object, lang: str = "zh") -> str:
    """For messages: in Chinese the label with the value people write in brackets, 已签发（approved）;
    in English the value, which is already a word."""
    name = label(field, value, lang)
    raw = "" if value is None else str(value)
    return f"{name}（{raw}）" if lang == "zh" and name != raw else raw


def text(field: str, value: object) -> Text:
    """Both languages of `labelled`, for a `Text` message."""
    return Text(labelled(field, value, "zh"), labelled(field, value, "en"))


def lookup(field: str, written: object) -> str | None:
    """The value meant by `written`: the value itself, or its Chinese or English label (spaces around
    and the case of English ignored); None if it is none of them."""
    if not isinstance(written, str):
        return None
    wanted = written.strip()
    table = _table(field)
    if wanted in table:
        return wanted
    for value, names in table.items():
        if wanted == names.zh or wanted.casefold() in (names.en.casefold(), value.casefold()):
            return value
    return None


def choices(field: str) -> list[tuple[str, Text]]:
    """Every value with its labels, in the schema's order."""
    return list(_table(field).items())


def listing(field: str, lang: str = "zh") -> str:
    """The choices as one line for help and messages: `draft 草稿、in-review 审核中、…`."""
    if lang == "en":
        return ", ".join(value if names.en == value else f"{value} ({names.en})" for value, names in choices(field))
    return "、".join(f"{value} {names.zh}" for value, names in choices(field))
