"""Throw-away SSH keys made at test time, and the placeholders fixtures use for real signatures.

No private key is ever committed: a fixture writes `@key NAME` where a public key belongs (the team
register), and `digest: "@digest"` / `signature: "@sign"` in a review entry. `sign_placeholders(root)`
replaces them after the files are written: each name gets an ed25519 key generated once per test
session by the real `ssh-keygen`, each entry is signed by the real `ssh-keygen -Y sign` over the
post's real digest, so what the rules verify is exactly what a reviewer's signature would be.

`@sign NAME` signs with NAME's key instead of the entry's reviewer (a key from someone else, or from
nobody in the register); `digest: "@digest"` may be left out to sign a digest written by hand.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path

_KEY = re.compile(r"@key ([A-Za-z0-9_.-]+)")
_SIGN = re.compile(r"\"@sign(?: ([A-Za-z0-9_.-]+))?\"")
_DIGEST = '"@digest"'


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="wemedia-test-keys-"))


def private_key(name: str, kind: str = "ed25519") -> Path:
    """The private key file of `name`, generated on first use (no passphrase, a throw-away key)."""
    return _generated(name, kind)


@cache
def _generated(name: str, kind: str) -> Path:
    path = _folder() / f"{name}-{kind}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", f"{name}@wemedia-test", "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return path


def public_key(name: str, kind: str = "ed25519") -> str:
    """`name`'s public key line, without its comment."""
    return " ".join(Path(f"{private_key(name, kind)}.pub").read_text().split()[:2])


def replace_keys(root: Path) -> None:
    """`@key NAME` → NAME's public key, in every YAML file under content/."""
    for path in (root / "content").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if "@key " in text:
            path.write_text(_KEY.sub(lambda m: public_key(m.group(1)), text), encoding="utf-8")


def sign_placeholders(root: Path) -> list[Path]:
    """Replace the keys, then every `@digest` / `@sign` placeholder of every post, entry by entry; the
    posts changed."""
    from wemedia import archive, digest

    replace_keys(root)
    changed = []
    for path in sorted((root / "content").rglob("*.md")):
        raw = path.read_bytes()
        if b"@sign" not in raw and b"@digest" not in raw:
            continue
        text = raw.decode("utf-8-sig")
        loaded = archive.load(root)
        rel = path.relative_to(root).as_posix()
        post = next((p for p in loaded.posts if p.doc.path == rel), None)
        if post is None:
            continue  # not a post (moved out of content/posts/): left as written
        current = digest.post_digest(post, loaded)
        text = text.replace(_DIGEST, current)
        entries = [("reviews", e) for _, e in post.list_of("reviews")]
        entries += [("corrections", e) for _, e in post.list_of("corrections")]
        signed = [(field, e) for field, e in entries if str(e.get("signature", "")).startswith("@sign")]
        made = iter(
            [_signature(m, item, post.id, current) for m, item in zip(_SIGN.finditer(text), signed, strict=True)]
        )
        text = _SIGN.sub(lambda _, made=made: next(made), text)
        path.write_bytes((b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + _newline(raw, text))
        changed.append(path)
    return changed


def _signature(match: re.Match, item: tuple[str, dict], post_id: str, current: str) -> str:
    """The armoured signature of one entry, as a one-line YAML string (the fixture's lines stay as written)."""
    from wemedia import signatures

    field, entry = item
    stage = entry.get("stage") if field == "reviews" else "correction"
    reviewer = entry.get("reviewer") if field == "reviews" else entry.get("approved_by")
    written = current if entry.get("digest") in (None, "@digest") else str(entry["digest"])
    checks = [str(c) for c in entry["checks"]] if isinstance(entry.get("checks"), list) else []
    message = signatures.message(stage, post_id, written, reviewer, str(entry.get("at")), checks)
    return json.dumps(signatures.sign(message, signatures.NAMESPACES[stage], private_key(match.group(1) or reviewer)))


def _newline(raw: bytes, text: str) -> bytes:
    return (text.replace("\r\n", "\n").replace("\n", "\r\n") if b"\r\n" in raw else text).encode("utf-8")
