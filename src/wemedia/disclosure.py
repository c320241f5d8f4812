"""The disclosure guard (5.3.2 d, FSUL/Z 38; 5.2.2.1): what must not be published, found in any text
under content/, and masked in every output.

`policy(archive)` reads `content/policy/disclosure.yml` (and the lists named by
`WEMEDIA_DISCLOSURE_TERMS`) once per archive; `scan(doc, archive)` finds, in each view of a document —
its whole text as written (YAML comments, raw HTML, link targets, alt text, front-matter), what a reader
sees of a Markdown body (`body.visible`: markup that splits a term taken away) and its file name —
listed terms, personal data and secrets, on text normalised by `normalize` and reported at the
original line and column. `mask(text, archive)` hides everything the guard would flag, for any
message of any rule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from wemedia import ahead, body, clock, normalize, normalize_wide
from wemedia.documents import Document
from wemedia.i18n import Text

POLICY = "content/policy/disclosure.yml"
ENV = "WEMEDIA_DISCLOSURE_TERMS"
DETECTORS = ("id_number", "phone", "bank_card", "email", "secret")
PERSONAL = ("id_number", "phone", "bank_card", "email")
MARKDOWN = (".md", ".markdown")

# ---------------------------------------------------------------------------------------------------
# Detectors. They run on normalised text: NFKC has made full-width digits and colons ASCII, letters are
# lower case, invisible characters are gone. Digit runs are bounded by lookarounds on digits and ASCII
# letters, never `\b` (a Chinese character is a word character, so `手机13812345678` would defeat it),
# and a run that continues with `-digit` (an ISBN, a landline, a date) is not cut out of the middle.
_BEFORE = r"(?<![0-9a-z])(?<![0-9][-.])"
_AFTER = r"(?![0-9a-z])(?![-.][0-9])"
# A mobile may follow `tel`/`mobile` with nothing between (`TEL13812345678`), put its first three digits in
# brackets (`(138) 1234-5678`, `+86 (138) 1234 5678`) and separate its groups by a space, `-` or `.`.
_PHONE = re.compile(
    r"(?:(?<=tel)|(?<=mobile)|(?<=phone)|(?<=cell)|(?<![0-9a-z]))(?<![0-9][-.])(?:(?:\+|00)?86[ -]?)?"
    rf"(?:\((1[3-9][0-9])\) ?|(1[3-9][0-9])[ .-]?)([0-9]{{4}})[ .-]?([0-9]{{4}}){_AFTER}"
)
_ID = re.compile(rf"{_BEFORE}([1-9][0-9]{{5}})[ -]?((?:19|20)[0-9]{{6}})[ -]?([0-9]{{3}}[0-9x]){_AFTER}")
_CARD = re.compile(rf"{_BEFORE}([0-9](?:[ -]?[0-9]){{15,18}}){_AFTER}")
_CARD_CONTEXT = re.compile(
    r"(?:卡号|银行卡|储蓄卡|信用卡|借记卡|[工建农中]行卡|账号|帐号|card(?: no\.?| number)?)[ \t]*(?:是|为|:)?[ \t]*\Z"
)
_EMAIL = re.compile(r"(?<![0-9a-z._%+-])[0-9a-z][0-9a-z._%+-]*@((?:[0-9a-z-]+\.)+[a-z]{2,})(?![0-9a-z-])")
# Personal mailboxes: an address at one of these is a person's. An institution's own domain is public.
WEBMAIL = frozenset(
    "qq.com foxmail.com 163.com 126.com yeah.net sina.com sina.cn sohu.com 139.com 189.cn wo.cn aliyun.com "
    "gmail.com outlook.com hotmail.com live.com icloud.com me.com yahoo.com".split()
)
# GB/T 2260: the province-level codes (first two digits) that exist.
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CARD_PREFIXES = (
    "62",
    "4",
    "51",
    "52",
    "53",
    "54",
    "55",
    "35",
    "60",
    "9558",
)  # UnionPay, Visa, Mastercard, JCB, ICBC …

_VALUE = r"([!-~]{4,})"  # a printable ASCII run: what a password looks like
_SECRETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # With 是/为/:/= before it, any value that looks like a password; with only a space (`门禁密码 4321`),
    # digits only, and not a year (`解开城市的密码 2026`) nor a course number (`密码 101`).
    ("password", re.compile(r"(?:密码|口令|密钥|(?<![a-z])pin(?![a-z])码?)[ \t]*(?:是|为|:|=)[ \t]*" + _VALUE)),
    (
        "password",
        re.compile(
            r"(?:密码|口令|密钥|(?<![a-z])pin(?![a-z])码?)[ \t]+((?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]{4,8})(?![0-9a-z])"
        ),
    ),
    (
        "password",
        re.compile(r"(?<![a-z])(?:password|passwd|passphrase|passcode|pwd)[ \t]*[:=][ \t]*[\"']?([^\s\"']{4,})"),
    ),
    ("private_key", re.compile(r"-----begin (?:[a-z0-9]+ )*private key(?: block)?-----")),
    (
        "token",
        re.compile(
            r"(?<![0-9a-z])(?:gh[pousr]_[0-9a-z]{36}|github_pat_[0-9a-z_]{40,}|akia[0-9a-z]{16}"
            r"|xox[abprs]-[0-9a-z-]{10,}|sk-[0-9a-z_-]{20,}|ltai[0-9a-z]{12,20})(?![0-9a-z])"
        ),
    ),
    (
        "token",
        re.compile(r"(?<![a-z])(?:token|api[_-]?key|access[_-]?key)[ \t]*[:=][ \t]*[\"']?([0-9a-z_.-]{16,})"),
    ),
    ("appid", re.compile(r"(?<![0-9a-z])wx[0-9a-f]{16}(?![0-9a-z])")),
    (
        "appsecret",
        re.compile(r"(?:appsecret|app_secret|secret|密钥)[^\n]{0,24}?(?<![0-9a-z])([0-9a-f]{32})(?![0-9a-z])"),
    ),
)
# Cheap tests first: most texts hold no run of eleven digits and none of the words a secret needs, and
# then the detectors' patterns are not run at all.
_LONG_DIGITS = re.compile(r"[0-9](?:[ .()-]{0,2}[0-9]){10}")
_SECRET_WORDS = (
    "密码",
    "口令",
    "密钥",
    "pin",
    "pass",
    "pwd",
    "-----begin",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "akia",
    "xox",
    "sk-",
    "ltai",
    "token",
    "api_key",
    "api-key",
    "apikey",
    "access_key",
    "access-key",
    "accesskey",
    "wx",
    "secret",
)
_SECRET_HINT = re.compile("|".join(map(re.escape, _SECRET_WORDS)))  # one pass instead of one per word
_PLACEHOLDER = re.compile(r"[*x•.·_-]*|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s")  # `******`, `<密码>`, `${PASSWORD}`

LABELS = {
    "id_number": Text("居民身份证号码", "a resident ID number"),
    "phone": Text("手机号码", "a mobile number"),
    "bank_card": Text("银行卡号", "a bank card number"),
    "email": Text("个人邮箱地址", "a personal e-mail address"),
    "password": Text("密码", "a password"),
    "private_key": Text("私钥", "a private key"),
    "token": Text("接口 token", "an API token"),
    "appid": Text("微信 AppID", "a WeChat AppID"),
    "appsecret": Text("微信 AppSecret", "a WeChat AppSecret"),
}


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "term", one of PERSONAL, or a secret kind (LABELS)
    start: int  # original offsets in the scanned text
    end: int
    value: str  # the normalised matched text (what the allowlist key is computed from)
    category: str | None = None  # a term's category
    line: int = 0
    column: int = 0

    @property
    def key(self) -> str:
        return allow_key(self.kind, self.value)

    @property
    def masked(self) -> str:
        return masked(self.kind, self.value)


def _id_ok(m: re.Match[str]) -> bool:
    region, birth, tail = m.group(1), m.group(2), m.group(3)
    if region[:2] not in PROVINCES:
        return False  # a district that no longer exists is fine: only the province must be real
    try:
        born = dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        return False
    if born.year < 1900 or born > clock.today():
        return False
    digits = region + birth + tail
    total = sum(int(d) * w for d, w in zip(digits[:17], _WEIGHTS, strict=True))
    return "10x98765432"[total % 11] == digits[17]


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _card_ok(text: str, m: re.Match[str]) -> bool:
    digits = re.sub(r"[ -]", "", m.group(1))
    if not 16 <= len(digits) <= 19 or not _luhn(digits) or len(set(digits)) == 1:
        return False
    if len(digits) == 18 and digits[:2] in PROVINCES and _ID.fullmatch(digits):
        return False  # shaped as a resident ID number (whose check digit failed): not a card
    known = digits.startswith(_CARD_PREFIXES) or 2221 <= int(digits[:4]) <= 2720  # Mastercard's 2-series
    return known or bool(_CARD_CONTEXT.search(text[max(0, m.start() - 20) : m.start()]))


def detect(text: str, enabled: frozenset[str] = frozenset(DETECTORS)) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, value) of personal data and secrets in normalised `text`."""
    found: list[tuple[str, int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    digits = _LONG_DIGITS.search(text) is not None
    if not digits:
        enabled = enabled - {"id_number", "bank_card", "phone"}
    if "secret" in enabled and _SECRET_HINT.search(text) is None:
        enabled = enabled - {"secret"}
    if "id_number" in enabled or "bank_card" in enabled:
        for m in _ID.finditer(text):
            if _id_ok(m):
                taken.append(m.span())
                if "id_number" in enabled:
                    found.append(("id_number", *m.span(), "".join(m.groups())))
    if "bank_card" in enabled:
        for m in _CARD.finditer(text):
            if free(*m.span()) and _card_ok(text, m):
                taken.append(m.span())
                found.append(("bank_card", *m.span(), re.sub(r"[ -]", "", m.group(1))))
    if "phone" in enabled:
        for m in _PHONE.finditer(text):
            if free(*m.span()):
                found.append(("phone", *m.span(), "".join(filter(None, m.groups()))))
    if "email" in enabled and "@" in text:
        for m in _EMAIL.finditer(text):
            if m.group(1) in WEBMAIL:
                found.append(("email", *m.span(), m.group(0)))
    if "secret" in enabled:
        for kind, pattern in _SECRETS:
            for m in pattern.finditer(text):
                value = m.group(m.lastindex or 0)
                bare = value.strip("()[]<>\"'`,;")
                if kind == "password" and (_PLACEHOLDER.fullmatch(bare) or "***" in bare or not _password_like(bare)):
                    continue
                found.append((kind, *m.span(m.lastindex or 0), value))
    return found


def _password_like(value: str) -> bool:
    """A value after 密码 that could be one: has a digit, or is long and mixes letters and symbols."""
    if any(c.isdigit() for c in value):
        return True
    return len(value) >= 8 and any(not c.isalnum() for c in value)


# ---------------------------------------------------------------------------------------------------
# Masking and allowlist keys.


def masked(kind: str, value: str) -> str:
    """What outputs show instead of `value`: enough to find it, not enough to repeat it."""
    if kind in ("phone",):
        return value[:3] + "*" * (len(value) - 7) + value[-4:]
    if kind in ("id_number", "bank_card"):
        return value[:4] + "*" * (len(value) - 8) + value[-4:].upper()
    if kind == "email":
        name, _, domain = value.partition("@")
        return name[:1] + "***@" + domain
    if kind == "term":
        return value[:1] + "*" * max(len(value) - 2, 1) + (value[-1:] if len(value) > 2 else "")
    return "******"


@cache
def allow_key(kind: str, value: str) -> str:
    """The allowlist key of a finding: a slow, salted hash of what was found (not of where it is), so a
    key printed in a CI log cannot be turned back into a phone number by trying them all."""
    digest = hashlib.scrypt(value.encode(), salt=b"wemedia-disclosure:" + kind.encode(), n=2**12, r=8, p=1, dklen=8)
    return digest.hex()


# ---------------------------------------------------------------------------------------------------
# The policy.


@dataclass
class Policy:
    terms: dict[str, str | None] = field(default_factory=dict)  # normalised term -> category
    enabled: frozenset[str] = frozenset(DETECTORS)
    allow: tuple[str, ...] = ()
    problems: list[tuple[int, int, Text]] = field(default_factory=list)  # why the guard cannot be trusted
    _automaton: object = None
    _wide: object = None  # the same automaton over UTF-8 bytes, for large texts (normalize_wide)

    def allowed(self, hit: Hit) -> bool:
        return bool(self.allow) and any(hit.key.startswith(a) for a in self.allow)

    def matcher(self):
        if self._automaton is None and self.terms:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(
                list(self.terms), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
            )
        return self._automaton

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of each leftmost-longest match. A large text is matched as UTF-8 bytes, ~3×
        faster than as a str (a term's bytes start only at a character's start, so the matches are
        the same), and the byte offsets mapped back to characters."""
        if len(text) < normalize_wide.LARGE:
            return [(start, end) for _, start, end in self.matcher().find_matches_as_indexes(text)]
        if self._wide is None:
            import ahocorasick_rs

            self._wide = ahocorasick_rs.BytesAhoCorasick(
                [term.encode("utf-8", "surrogatepass") for term in self.terms],
                matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            )
        found = self._wide.find_matches_as_indexes(text.encode("utf-8", "surrogatepass"))
        if not found:
            return []
        at = normalize_wide.char_offsets(text, [b for _, start, end in found for b in (start, end)]).tolist()
        return list(zip(at[0::2], at[1::2], strict=True))

    def find_terms(self, text: str) -> list[tuple[str, int, int, str]]:
        if self.matcher() is None:
            return []
        out = []
        for start, end in self._spans(text):
            term = text[start:end]
            if (
                term[0].isascii()
                and term[0].isalnum()
                and start
                and text[start - 1].isascii()
                and text[start - 1].isalnum()
            ):
                continue  # an ASCII term inside a longer word
            if (
                term[-1].isascii()
                and term[-1].isalnum()
                and end < len(text)
                and text[end].isascii()
                and text[end].isalnum()
            ):
                continue
            out.append(("term", start, end, term))
        return out


def _add_terms(policy: Policy, items: object, where: str) -> str | None:
    """Add listed terms; the reason they cannot be read, or None."""
    if not isinstance(items, list):
        return f"{where}: terms"
    for i, item in enumerate(items):
        text, category = (item, None) if isinstance(item, str) else (None, None)
        if isinstance(item, dict):
            text, category = item.get("term"), item.get("category")
        if not isinstance(text, str) or not text.strip() or not (category is None or isinstance(category, str)):
            return f"{where}: terms[{i}]"
        key = normalize.term(text)
        if key:
            policy.terms.setdefault(key, category)
    return None


def _read_list(path: str) -> object:
    from wemedia import yamlpos

    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    if path.lower().endswith((".yml", ".yaml")):
        data = yamlpos.load(text)
        return data.get("terms") if isinstance(data, dict) else data
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def policy(archive) -> Policy:
    """The archive's disclosure policy, read once. Anything that cannot be read is a problem that blocks
    (the guard fails closed); the detectors keep their defaults meanwhile."""
    cached = archive.__dict__.get("_disclosure_policy")
    if cached is not None:
        return cached
    out = Policy()
    doc = archive.document(POLICY) if archive.exists(POLICY) else None
    if doc is None:  # deleted, or not a file: the guard would pass anything
        out.problems.append(
            (
                1,
                1,
                Text(
                    f"信息公开政策文件 {POLICY} 不存在；没有它，不宜公开信息的检查无从进行，所以不放行。"
                    "请恢复它（不设词表时写 terms: []）。",
                    f"the disclosure policy {POLICY} does not exist; without it nothing can be checked for what "
                    "must not be published, so nothing passes. Restore it (with no terms, write terms: []).",
                ),
            )
        )
    if doc is not None:
        data = doc.data if doc.ok else None
        reason = None
        if not doc.ok or not isinstance(data, dict):
            reason = Text(
                "信息公开政策文件读不了（见本文件的其他错误），不宜公开信息的检查无法按本馆词表进行；请先改正它。",
                "the disclosure policy cannot be read (see this file's other errors), so the check for what must "
                "not be published cannot use the library's list; fix it first.",
            )
        elif "terms" not in data or set(data) - {"terms", "detectors", "allow"}:
            unknown = "、".join(sorted(set(data) - {"terms", "detectors", "allow"})) or "terms"
            reason = Text(
                f"信息公开政策缺少 terms，或写了不认识的字段（{unknown}）；词表不能因为拼错或注释掉就失效，"
                "请改正（不设词表时写 terms: []）。",
                f"the disclosure policy has no terms, or a field it does not know ({unknown}); a list must not "
                "stop working through a typo or a comment: fix it (with no terms, write terms: []).",
            )
        else:
            bad = _add_terms(out, data.get("terms", []), "disclosure.yml")
            detectors = data.get("detectors", {})
            allow = data.get("allow", [])
            if bad is not None:
                reason = Text(
                    f"信息公开政策的词表（{bad}）形式不对：每一项应是文字，或写成 {{term: 文字, category: 分类}}；请改正。",
                    f"the disclosure policy's list ({bad}) has the wrong shape: each item is a text, or "
                    "{term: text, category: category}; fix it.",
                )
            elif not isinstance(detectors, dict) or any(
                k not in DETECTORS or not isinstance(v, bool) for k, v in detectors.items()
            ):
                reason = Text(
                    f"信息公开政策的 detectors 只能写 {'、'.join(DETECTORS)}，值为 true 或 false；请改正。",
                    f"the disclosure policy's detectors may only be {', '.join(DETECTORS)}, each true or false; fix it.",
                )
            elif not isinstance(allow, list) or not all(
                isinstance(a, str) and re.fullmatch(r"[0-9a-f]{8,16}", a) for a in allow
            ):
                reason = Text(
                    "信息公开政策的 allow 应是检查结果中给出的 8—16 位十六进制编号的列表；请改正。",
                    "the disclosure policy's allow must be a list of the 8–16 hex-digit keys the findings give; fix it.",
                )
            else:
                out.enabled = frozenset(k for k in DETECTORS if detectors.get(k, True))
                out.allow = tuple(allow)
        if reason is not None:
            out.problems.append((1, 1, reason))
    for path in filter(None, os.environ.get(ENV, "").split(os.pathsep)):
        try:
            bad = _add_terms(out, _read_list(path), path)
        except Exception as error:  # missing, undecodable, not YAML: the list was not applied
            bad = f"{path}: {type(error).__name__}"
        if bad is not None:
            out.problems.append(
                (
                    1,
                    1,
                    Text(
                        f"环境变量 {ENV} 指定的词表读不了（{bad}）；不宜公开信息的检查不能在缺少词表时放行，"
                        "请改正路径或文件内容（.txt 每行一个词，.yml 为词的列表）。",
                        f"the term list named by {ENV} cannot be read ({bad}); the check does not pass anything "
                        "without it: fix the path or the file (.txt: one term a line; .yml: a list of terms).",
                    ),
                )
            )
    archive.__dict__["_disclosure_policy"] = out
    return out


# ---------------------------------------------------------------------------------------------------
# Scanning documents.


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _hits(text: str, origin: list[int] | None, pol: Policy, terms: bool) -> list[tuple[str, int, int, str]]:
    norm = normalize.normalize(text, origin)
    found = detect(norm.text, pol.enabled)
    if terms:
        found += pol.find_terms(norm.text)
    return [(kind, *norm.span(a, b), value) for kind, a, b, value in found]


def scan(doc: Document, archive) -> list[Hit]:
    """Every hit in the document, each once, at its original line and column; allowlisted ones dropped,
    and those an approved exception of the post allows (the post's own file and the version files it
    names) dropped too."""
    hits = scan_all(doc, archive)
    if not hits:
        return hits
    owners = [doc] if doc.kind == "post" else [p.doc for p in archive.owners(doc.path)] if doc.kind == "variant" else []
    waivers = [w for owner in owners for w in exceptions(owner, archive) if w.approved]
    if not waivers:
        return hits
    return [h for h in hits if not any(w.allows(h) for w in waivers)]


_BEGIN, _END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]{16,}")
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


def _without_signature_payload(doc: Document, text: str, starts: list[int]) -> tuple[str, _Spliced | None]:
    """`text` without the base64 payload (and the BEGIN/END lines) of each well-formed review or
    correction signature in the front-matter, nor the `sha256:` digests those entries carry, and the
    original offset of each character kept (None when nothing is cut): they are checksums and binary
    blobs no reader sees, which WM223/WM224 verify, and scanning them quadrupled the guard's time per
    post (`-----BEGIN` alone wakes the private-key finder). Only exact values of well-formed entries are
    cut, only in the front-matter: a text dressed up as a signature, or one in the body, is scanned like
    any other."""
    data = doc.data if doc.kind == "post" and isinstance(doc.data, dict) else None
    if not data or _BEGIN not in text:
        return text, None
    payload = set()
    for key in ("reviews", "corrections"):
        entries = data.get(key)
        for entry in entries if isinstance(entries, list) else ():
            armour = entry.get("signature") if isinstance(entry, dict) else None
            lines = armour.strip().split("\n") if isinstance(armour, str) else []
            inner = [line.strip() for line in lines[1:-1]]
            if len(lines) >= 3 and lines[0].strip() == _BEGIN and lines[-1].strip() == _END:
                if all(_BASE64_LINE.fullmatch(line) for line in inner):
                    payload.update((*inner, _BEGIN, _END))  # the markers too: `-----BEGIN` wakes the key finder
            written = entry.get("digest") if isinstance(entry, dict) else None
            if isinstance(written, str) and _DIGEST.fullmatch(written):
                payload.add(written)
    end = starts[doc.body_line - 1] if doc.body_line and doc.body and doc.body_line <= len(starts) else len(text)
    cuts = sorted((at, at + len(line)) for line in payload for at in _occurrences(text, line, end))
    if not cuts:
        return text, None
    pieces, segments, at, kept = [], [], 0, 0
    for start, stop in cuts:
        if start < at:
            continue  # overlapping occurrences: the first cut covers it
        pieces.append(text[at:start])
        segments.append((kept, at))
        kept += start - at
        at = stop
    pieces.append(text[at:])
    segments.append((kept, at))
    return "".join(pieces), _Spliced(segments)


class _Spliced:
    """The original offset of each character of a text with pieces cut out: `origin[i]` as a list of
    offsets would give it, from the (scanned start, original start) of each kept segment."""

    __slots__ = ("_kept", "_original")

    def __init__(self, segments: list[tuple[int, int]]):
        self._kept = [k for k, _ in segments]
        self._original = [o for _, o in segments]

    def __getitem__(self, i: int) -> int:
        segment = bisect_right(self._kept, i) - 1
        return self._original[segment] + i - self._kept[segment]


def _occurrences(text: str, part: str, end: int):
    at = text.find(part, 0, end)
    while at != -1:
        yield at
        at = text.find(part, at + len(part), end)


def scan_all(doc: Document, archive) -> list[Hit]:
    """Every hit in the document, each once, at its original line and column; allowlisted ones dropped."""
    cache_ = archive.__dict__.setdefault("_disclosure_hits", {})
    if doc.path in cache_:
        return cache_[doc.path]
    pool = ahead.of(archive)
    hits = pool.scan(doc) if pool is not None else None
    if hits is not None:  # scanned ahead by a worker process, exactly as below
        cache_[doc.path] = hits
        return hits
    pol = policy(archive)
    text = doc.text or ""
    starts = _line_starts(text)
    scanned, origin = _without_signature_payload(doc, text, starts)
    terms = doc.path != POLICY  # the policy lists the terms: it is not a publication
    raw = _hits(scanned, origin, pol, terms) if scanned else []
    rendered: list[tuple[str, int, int, str]] = []
    if doc.kind in ("post", "variant", "stray") and doc.path.lower().endswith(MARKDOWN) and doc.body:
        pieces, origin = [], []
        for line, column, piece in body.visible(doc.body, doc.body_line):
            pieces.append(piece)
            base = starts[line - 1] + column if line else (origin[-1] if origin else 0)
            origin.extend(range(base, base + len(piece)) if line else [base] * len(piece))
        if pieces:
            rendered = _hits("".join(pieces), origin, pol, terms)
    name = doc.path.rsplit("/", 1)[-1]
    named = [(kind, 0, 0, value) for kind, _, _, value in _hits(name, None, pol, terms)]
    out: dict[tuple, Hit] = {}
    for kind, start, end, value in raw + rendered + named:
        category = pol.terms.get(value) if kind == "term" else None
        if end == 0:
            line, column = 1, 1
        else:
            line = bisect_right(starts, start)
            column = start - starts[line - 1] + 1
        hit = Hit(kind, start, end, value, category, line, column)
        if (kind, line, column) not in out and not pol.allowed(hit):
            out[(kind, line, column)] = hit
    result = sorted(out.values(), key=lambda h: (h.line, h.column, h.kind))
    cache_[doc.path] = result
    return result


# ---------------------------------------------------------------------------------------------------
# Exceptions: `disclosure_exceptions` in a post's front-matter allows one text in that post.


@dataclass(frozen=True, slots=True)
class Waiver:
    """One item of a post's `disclosure_exceptions`."""

    index: int
    keys: frozenset[str]  # the normalised forms a hit's value must equal
    approver: str | None
    approved: bool  # the approver held the manager role and was in post on the day the post was created
    own: tuple[int, int] | None  # where its own `text` is in the post (original offsets): not a use

    def allows(self, hit: Hit) -> bool:
        return hit.value in self.keys


def _keys(text: str) -> frozenset[str]:
    """What a hit's value must be for `text` to name it: the text as terms are compared, and the value
    a detector gives when one match covers the whole text (`138 1234 5678` names `13812345678`)."""
    norm = normalize.normalize(text.strip()).text
    keys = {normalize.term(text)}
    for _, start, end, value in detect(norm):
        if start == 0 and end == len(norm):
            keys.add(value)
    return frozenset(k for k in keys if k)


def exceptions(doc: Document, archive) -> list[Waiver]:
    """The exceptions of the post `doc`, each with whether its approver may grant it."""
    cache_ = archive.__dict__.setdefault("_disclosure_waivers", {})
    if doc.path in cache_:
        return cache_[doc.path]
    from wemedia.model import Post

    post = Post(doc)
    out: list[Waiver] = []
    items = post.list_of("disclosure_exceptions")
    if items:
        created = clock.day_of(post.get("created"))
        people = {} if "team" in archive.unreadable_registers else archive.people
        spans = doc.spans()
        starts = _line_starts(doc.text or "")
        for i, item in items:
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                continue  # the schema reports it
            approver = item.get("approved_by") if isinstance(item.get("approved_by"), str) else None
            person = people.get(approver) if approver else None
            # a manager of the post's library on the day the post was created (the role's own dates
            # and the person's `active` period both count; a role handed over later changes nothing)
            approved = (
                person is not None and created is not None and person.holds("manager", post.text("library"), created)
            )
            own = None
            span = spans.get(("disclosure_exceptions", i, "text"))
            if span and span[0] <= len(starts) and span[2] <= len(starts):
                own = (starts[span[0] - 1] + span[1] - 1, starts[span[2] - 1] + span[3] - 1)
            out.append(Waiver(i, _keys(text), approver, approved, own))
    cache_[doc.path] = out
    return out


def needed(doc: Document, archive, waiver: Waiver) -> bool:
    """Whether some finding of the guard in the post `doc` or a version file it names is the text
    `waiver` allows — its own entry, and every other exception's entry, do not count."""
    from wemedia.model import Post

    own = [w.own for w in exceptions(doc, archive) if w.own]
    for hit in scan_all(doc, archive):
        if hit.end and any(a <= hit.start < b for a, b in own):
            continue
        if waiver.allows(hit):
            return True
    for _, path in Post(doc).variants:
        variant = archive.document(path) if path != doc.path and archive.exists(path) else None
        if variant is not None and any(waiver.allows(h) for h in scan_all(variant, archive)):
            return True
    return False


def mask(text: str, archive=None) -> str:
    """`text` with everything the guard would flag in it masked: for the messages of every rule."""
    if not text:
        return text
    pol = policy(archive) if archive is not None else Policy()
    hits = _hits(text, None, Policy(terms=pol.terms, _automaton=pol._automaton), True)
    if not hits:
        return text
    out, last = [], 0
    for kind, start, end, value in sorted(hits, key=lambda h: (h[1], -h[2])):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(masked(kind, value))
        last = end
    out.append(text[last:])
    return "".join(out)
