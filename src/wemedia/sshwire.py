"""SSHSIG (OpenSSH's PROTOCOL.sshsig) read byte by byte and verified with `cryptography`.

Why not the `sshsig` package: its armour reader skips any line it does not expect and decodes base64
leniently, it accepts any hash hashlib knows (md5 included), it has no ECDSA or security keys, an
Ed25519 signature of the wrong type trips an `assert`, and it builds the public key again for every
signature. Verifying thousands of reviews wants the opposite: parse strictly, as OpenSSH's sshsig.c
does (or stricter), and build each key once (`load_key` is cached). Speed decided nothing: the two
were measured within 5 % of each other for Ed25519, where OpenSSL's check is ~90 % of the time. The cryptography itself is
`cryptography`'s (OpenSSL); only the framing — length-prefixed strings — is read here.

Nothing here knows messages: every failure is `Bad(code, detail)`, and signatures.py says it in words.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
MAX_ARMOUR = 16_384  # an RSA-16384 signature is under 6,000 characters; anything longer is not one
RSA_BITS = (2048, 16384)  # OpenSSH takes 1024 bits; 1024-bit RSA is no longer safe for a signature
_CURVES = {
    b"nistp256": (ec.SECP256R1(), hashes.SHA256()),
    b"nistp384": (ec.SECP384R1(), hashes.SHA384()),
    b"nistp521": (ec.SECP521R1(), hashes.SHA512()),
}
_RSA_HASHES = {b"rsa-sha2-512": hashes.SHA512(), b"rsa-sha2-256": hashes.SHA256()}
_MESSAGE_HASHES = {b"sha512": hashlib.sha512, b"sha256": hashlib.sha256}  # what sshsig.c allows
USER_PRESENT = 0x01  # security keys: the flag the authenticator sets when it was touched


class Bad(Exception):
    """Why a signature was refused: `code` (see signatures.py's table) and a detail to show."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code, self.detail = code, detail


class _Reader:
    """SSH wire format: uint32 lengths, then bytes; any overrun or leftover is a damaged signature."""

    __slots__ = ("at", "buf")

    def __init__(self, buf: bytes):
        self.buf, self.at = buf, 0

    def take(self, n: int) -> bytes:
        end = self.at + n
        if end > len(self.buf):
            raise Bad("format")
        part, self.at = self.buf[self.at : end], end
        return part

    def u32(self) -> int:
        return int.from_bytes(self.take(4), "big")

    def string(self) -> bytes:
        return self.take(self.u32())

    def mpint(self) -> int:
        """A non-negative integer in its one minimal form (a leading zero only before a high bit)."""
        raw = self.string()
        if raw and (raw[0] & 0x80 or (raw[0] == 0 and (len(raw) == 1 or not raw[1] & 0x80))):
            raise Bad("format")
        return int.from_bytes(raw, "big")

    def end(self) -> None:
        if self.at != len(self.buf):
            raise Bad("format")


def _string(value: bytes) -> bytes:
    return len(value).to_bytes(4, "big") + value


def armour(blob: bytes) -> str:
    """A signature blob in the armour `ssh-keygen -Y sign` writes (base64 lines of 70)."""
    text = base64.b64encode(blob).decode()
    body = "\n".join(text[i : i + 70] for i in range(0, len(text), 70))
    return f"{BEGIN}\n{body}\n{END}\n"


def write(public: bytes, sign_with, data: bytes, namespace: str, hashalg: str = "sha512", version: int = 1) -> str:
    """PROTOCOL.sshsig as `ssh-keygen -Y sign` writes it, signed in this process by `sign_with(signed data)
    -> signature blob`. Not how wemedia signs reviews (ssh-keygen does, with the reviewer's key): for the
    benchmark's thousands of signatures and for tests of signatures ssh-keygen cannot make."""
    ns = namespace.encode()
    signed = b"SSHSIG" + _string(ns) + _string(b"") + _string(hashalg.encode())
    signed += _string(hashlib.new(hashalg, data).digest())
    blob = b"SSHSIG" + version.to_bytes(4, "big") + _string(public) + _string(ns) + _string(b"")
    return armour(blob + _string(hashalg.encode()) + _string(sign_with(signed)))


def dearmor(text: str) -> bytes:
    """The signature blob inside the armour. Only whitespace may surround the BEGIN and END lines:
    OpenSSH ignores text after END, and we refuse it, so that no text can ride along with a signature.
    Blank margins and CRLF line ends are forgiven (ssh-keygen wants BEGIN at the very start and LF after
    it); they change nothing in the blob, and the YAML that carries a signature normalises them anyway."""
    if len(text) > MAX_ARMOUR:
        raise Bad("too-long", str(len(text)))
    lines = text.strip().split("\n")
    if not lines[0].strip():
        raise Bad("empty")
    if lines[0].strip() != BEGIN:
        raise Bad("begin")
    if len(lines) < 3 or lines[-1].strip() != END:
        raise Bad("after-end" if any(line.strip() == END for line in lines) else "end")
    try:
        return base64.b64decode("".join(line.strip() for line in lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        raise Bad("base64") from None


Check = Callable[["_Reader", bytes, bytes], None]  # (the signature after its type, its type, the signed data)


class Key:
    """A public key built once: its "type base64" form and how it checks a signature blob."""

    __slots__ = ("check", "openssh", "type")

    def __init__(self, kind: str, blob: bytes, check: Check):
        self.type = kind
        self.openssh = f"{kind} {base64.b64encode(blob).decode()}"
        self.check = check

    def verify(self, signature: bytes, data: bytes) -> None:
        sig = _Reader(signature)
        kind = sig.string()
        try:
            self.check(sig, kind, data)
        except InvalidSignature:
            raise Bad("invalid") from None
        sig.end()


def _same_type(expected: bytes, kind: bytes) -> None:
    if kind != expected:
        raise Bad("sigtype", kind.decode("ascii", "replace")[:60])


def _ed25519(key: _Reader, name: bytes) -> Check:
    raw = key.string()
    if len(raw) != 32:
        raise Bad("format")
    public = ed25519.Ed25519PublicKey.from_public_bytes(raw)

    def check(sig: _Reader, kind: bytes, data: bytes) -> None:
        _same_type(name, kind)
        public.verify(_ed25519_signature(sig), data)

    return check


def _ed25519_signature(sig: _Reader) -> bytes:
    raw = sig.string()
    if len(raw) != 64:
        raise Bad("format")
    return raw


def _rsa(key: _Reader, name: bytes) -> Check:
    e, n = key.mpint(), key.mpint()
    bits = n.bit_length()
    if not RSA_BITS[0] <= bits <= RSA_BITS[1]:
        raise Bad("rsa-size", str(bits))
    try:
        public = rsa.RSAPublicNumbers(e, n).public_key()
    except ValueError:
        raise Bad("key") from None
    size = (bits + 7) // 8

    def check(sig: _Reader, kind: bytes, data: bytes) -> None:
        if kind not in _RSA_HASHES:  # above all not "ssh-rsa": SHA-1, refused by OpenSSH's sshsig too
            raise Bad("sigtype", kind.decode("ascii", "replace")[:60])
        raw = sig.string()
        if len(raw) > size:
            raise Bad("invalid")
        public.verify(raw.rjust(size, b"\0"), data, padding.PKCS1v15(), _RSA_HASHES[kind])  # as ssh-rsa.c pads

    return check


def _ecdsa_public(key: _Reader, name: bytes) -> tuple[ec.EllipticCurvePublicKey, hashes.HashAlgorithm]:
    curve = key.string()
    if curve not in _CURVES or not name.removeprefix(b"sk-").startswith(b"ecdsa-sha2-" + curve):
        raise Bad("format")
    point = key.string()
    if not point.startswith(b"\x04"):  # ssh-keygen writes the uncompressed point, and only that
        raise Bad("format")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(_CURVES[curve][0], point), _CURVES[curve][1]
    except ValueError:
        raise Bad("key") from None


def _ecdsa_signature(sig: _Reader) -> bytes:
    inner = _Reader(sig.string())
    r, s = inner.mpint(), inner.mpint()
    inner.end()
    return encode_dss_signature(r, s)


def _ecdsa(key: _Reader, name: bytes) -> Check:
    public, digest = _ecdsa_public(key, name)

    def check(sig: _Reader, kind: bytes, data: bytes) -> None:
        _same_type(name, kind)
        public.verify(_ecdsa_signature(sig), data, ec.ECDSA(digest))

    return check


def _security_key(data: bytes, application: bytes, sig: _Reader) -> bytes:
    """PROTOCOL.u2f: a security key signs SHA-256(application) ‖ flags ‖ counter ‖ SHA-256(data)."""
    flags, counter = sig.take(1), sig.take(4)
    if not flags[0] & USER_PRESENT:  # ssh-keygen -Y verify does not ask; a review must be a touch
        raise Bad("sk-presence")
    return hashlib.sha256(application).digest() + flags + counter + hashlib.sha256(data).digest()


def _sk_ed25519(key: _Reader, name: bytes) -> Check:
    raw = key.string()
    application = key.string()
    if len(raw) != 32:
        raise Bad("format")
    public = ed25519.Ed25519PublicKey.from_public_bytes(raw)

    def check(sig: _Reader, kind: bytes, data: bytes) -> None:
        _same_type(name, kind)
        raw = _ed25519_signature(sig)
        public.verify(raw, _security_key(data, application, sig))

    return check


def _sk_ecdsa(key: _Reader, name: bytes) -> Check:
    public, digest = _ecdsa_public(key, name)
    application = key.string()

    def check(sig: _Reader, kind: bytes, data: bytes) -> None:
        _same_type(name, kind)
        der = _ecdsa_signature(sig)
        public.verify(der, _security_key(data, application, sig), ec.ECDSA(digest))

    return check


KEY_TYPES: dict[bytes, Callable[[_Reader, bytes], Check]] = {
    b"ssh-ed25519": _ed25519,
    b"ssh-rsa": _rsa,
    b"ecdsa-sha2-nistp256": _ecdsa,
    b"ecdsa-sha2-nistp384": _ecdsa,
    b"ecdsa-sha2-nistp521": _ecdsa,
    b"sk-ssh-ed25519@openssh.com": _sk_ed25519,
    b"sk-ecdsa-sha2-nistp256@openssh.com": _sk_ecdsa,
}


@lru_cache(maxsize=512)
def load_key(blob: bytes) -> Key:
    """The key in a signature (or a register line), built once: a team has a few dozen keys and an
    archive thousands of signatures. Building costs 3–13 µs (Ed25519 to P-521), a cache hit 0.1 µs."""
    key = _Reader(blob)
    name = key.string()
    make = KEY_TYPES.get(name)
    if make is None:
        kind = name.decode("ascii", "replace")[:60]
        raise Bad("cert" if kind.endswith("-cert-v01@openssh.com") else "algorithm", kind)
    check = make(key, name)
    key.end()
    return Key(name.decode("ascii"), blob, check)


def parse_public(line: str) -> Key:
    """A key written as OpenSSH writes it, "type base64 [comment]"."""
    parts = line.split() if isinstance(line, str) else []
    if len(parts) < 2:
        raise Bad("public")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise Bad("public") from None
    try:
        key = load_key(blob)
    except Bad as bad:
        if bad.code == "format":
            raise Bad("public") from None
        raise
    if key.type != parts[0]:
        raise Bad("public")
    return key


def verify(blob: bytes, message: bytes, namespace: bytes) -> Key:
    """Check an SSHSIG blob over `message` in `namespace`, as sshsig_verifyb does; the signer's key."""
    sig = _Reader(blob)
    if sig.take(6) != b"SSHSIG":
        raise Bad("format")
    version = sig.u32()
    if version != 1:
        raise Bad("version", str(version))
    key = load_key(sig.string())
    got = sig.string()
    sig.string()  # reserved; sshsig.c ignores it (what was signed holds an empty one)
    hashalg = sig.string()
    signature = sig.string()
    sig.end()
    if got != namespace:
        raise Bad("namespace", got.decode("utf-8", "replace")[:80])
    digest = _MESSAGE_HASHES.get(hashalg)
    if digest is None:
        raise Bad("hashalg", hashalg.decode("ascii", "replace")[:20])
    signed = b"SSHSIG" + _string(namespace) + b"\0\0\0\0" + _string(hashalg) + _string(digest(message).digest())
    key.verify(signature, signed)
    return key
