"""Signed reviews against the real OpenSSH: keys made by ssh-keygen in temporary folders, signatures made
by `ssh-keygen -Y sign` (and, for what it cannot make, by a small SSHSIG writer below that ssh-keygen
itself accepts), every accepted signature also accepted by `ssh-keygen -Y verify` with the
allowed_signers line we write, and every refusal said in Chinese with what to do."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from wemedia import signatures, sshwire
from wemedia.signatures import CHECKS, NAMESPACES, SignatureError, allowed_signers_line, message, sign, verify

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen")

SIGNOFF, FIRST = NAMESPACES["signoff"], NAMESPACES["first"]
POST = "2026/09/2026-09-01-mid-autumn"
DIGEST = "sha256:" + "ab" * 32
TEXT = message("signoff", POST, DIGEST, "li-na", "2026-09-01T10:05:00+08:00", CHECKS)
AFTER, BEFORE = dt.date(2026, 1, 1), dt.date(2026, 6, 30)  # a key's first and last day (Asia/Shanghai)


def keygen(folder: Path, name: str, *args: str, passphrase: str = "") -> tuple[Path, str]:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", *args, "-N", passphrase, "-C", f"{name}@test", "-f", str(key)], check=True)
    return key, key.with_suffix(".pub").read_text(encoding="ascii").strip()


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Private key path and public key line of each kind, made once for the module (never committed)."""
    folder = tmp_path_factory.mktemp("keys")
    kinds = {
        "ed25519": ("-t", "ed25519"),
        "rsa": ("-t", "rsa", "-b", "2048"),
        "nistp256": ("-t", "ecdsa", "-b", "256"),
        "nistp384": ("-t", "ecdsa", "-b", "384"),
        "nistp521": ("-t", "ecdsa", "-b", "521"),
        "rsa1024": ("-t", "rsa", "-b", "1024"),
    }
    made = {name: keygen(folder, name, *args) for name, args in kinds.items()}
    made["locked"] = keygen(folder, "locked", "-t", "ed25519", passphrase="correct horse")
    return made


def keygen_sign(key: Path, namespace: str, data: bytes, *options: str) -> str:
    folder = key.parent / f"msg-{time.monotonic_ns()}"
    folder.mkdir()
    (folder / "m").write_bytes(data)
    subprocess.run(
        ["ssh-keygen", "-Y", "sign", "-n", namespace, "-f", str(key), *options, str(folder / "m")],
        check=True,
        capture_output=True,
    )
    return (folder / "m.sig").read_text(encoding="ascii")


def keygen_verify(
    folder: Path, line: str, armour: str, data: bytes, namespace: str, when: str, tz: str = "Asia/Shanghai"
):
    """`ssh-keygen -Y verify` as git runs it: the allowed_signers file, the principal, the time."""
    folder.mkdir(exist_ok=True)
    (folder / "allowed_signers").write_text(line + "\n", encoding="ascii")
    (folder / "sig").write_text(armour, encoding="ascii")
    (folder / "msg").write_bytes(data)
    argv = ["ssh-keygen", "-Y", "verify", "-f", str(folder / "allowed_signers"), "-I", "li-na", "-n", namespace]
    argv += ["-s", str(folder / "sig"), f"-Overify-time={when}"]
    with open(folder / "msg", "rb") as stdin:
        return subprocess.run(argv, stdin=stdin, capture_output=True, text=True, env=dict(os.environ, TZ=tz))


def says(error: SignatureError, *words: str) -> None:
    """Chinese first, an English twin, and what to do."""
    zh, en = error.message.zh, error.message.en
    assert re.search(r"[\u4e00-\u9fff]", zh) and en and zh != en, error.message
    assert "请" in zh, zh
    for word in words:
        assert word in zh, (word, zh)


# --- the signed text -------------------------------------------------------------------------------


def test_the_signed_text_is_exactly_the_contracts():
    assert message(
        "first",
        POST,
        DIGEST,
        "li-na",
        dt.datetime(2026, 9, 1, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        CHECKS,
    ) == (
        b"wemedia-review v1\n"
        b"stage: first\n"
        b"post: 2026/09/2026-09-01-mid-autumn\n"
        b"digest: sha256:abababababababababababababababababababababababababababababababab\n"
        b"reviewer: li-na\n"
        b"at: 2026-09-01T10:05:00+08:00\n"
        b"checks: facts, authorization, copyright, disclosure\n"
    )
    assert message("signoff", POST, DIGEST, "王芳", "2026-09-01T10:05:00+08:00", ["copyright", "facts"]).endswith(
        "reviewer: 王芳\nat: 2026-09-01T10:05:00+08:00\nchecks: copyright, facts\n".encode()
    )
    assert message("signoff", POST, DIGEST, "li-na", "2026-09-01", None).endswith(b"at: 2026-09-01\nchecks: \n")


@pytest.mark.parametrize(
    ("field", "values", "word"),
    [
        ("reviewer", {"reviewer": "li-na\nchecks: facts"}, "换行"),
        ("post", {"post": "a\rb"}, "换行"),
        ("checks", {"checks": ["facts, copyright"]}, "逗号"),
        ("checks", {"checks": "facts"}, "列表"),
        ("reviewer", {"reviewer": 42}, "文本"),
    ],
)
def test_values_that_could_blur_two_reviews_into_one_text_are_refused(field, values, word):
    fields = {
        "stage": "first",
        "post": POST,
        "digest": DIGEST,
        "reviewer": "li-na",
        "at": "2026-09-01",
        "checks": CHECKS,
    }
    with pytest.raises(SignatureError) as caught:
        message(**{**fields, **values})
    says(caught.value, word)


# --- ssh-keygen signs, we verify; we verify, ssh-keygen agrees ------------------------------------------


@pytest.mark.parametrize("kind", ["ed25519", "rsa", "nistp256", "nistp384", "nistp521"])
def test_a_signature_by_ssh_keygen_verifies_and_names_its_key(keys, kind):
    key, public = keys[kind]
    armour = keygen_sign(key, SIGNOFF, TEXT)
    assert verify(armour, TEXT, SIGNOFF) == " ".join(public.split()[:2])  # "type base64", no comment


def test_ssh_keygen_signs_rsa_keys_with_rsa_sha2_512(keys):
    armour = keygen_sign(keys["rsa"][0], SIGNOFF, TEXT)
    blob = sshwire.dearmor(armour)
    assert b"\x00\x00\x00\x0crsa-sha2-512" in blob and b"ssh-rsa\x00" not in blob[-300:]
    assert verify(armour, TEXT, SIGNOFF).startswith("ssh-rsa ")


def test_a_sha256_message_hash_verifies(keys):
    armour = keygen_sign(keys["ed25519"][0], SIGNOFF, TEXT, "-O", "hashalg=sha256")
    assert verify(armour, TEXT, SIGNOFF).startswith("ssh-ed25519 ")


@pytest.mark.parametrize("kind", ["ed25519", "rsa", "nistp256"])
def test_what_verify_accepts_ssh_keygen_accepts_inside_the_keys_dates_only(keys, kind, tmp_path):
    """The allowed_signers line holds for the whole first and last day in Shanghai, and not a second more."""
    key, public = keys[kind]
    armour = keygen_sign(key, SIGNOFF, TEXT)
    verify(armour, TEXT, SIGNOFF)
    line = allowed_signers_line(["li-na"], public, [SIGNOFF], AFTER, BEFORE)
    judged = {
        when: keygen_verify(tmp_path / "v", line, armour, TEXT, SIGNOFF, when).returncode
        for when in ("20260101000000", "20260630235959", "20260315120000", "20251231235959", "20260701000000")
    }
    assert judged == {
        "20260101000000": 0,
        "20260630235959": 0,
        "20260315120000": 0,
        "20251231235959": 255,
        "20260701000000": 255,
    }
    # The verifying machine's own zone does not matter (the line says UTC): New York, times in UTC.
    elsewhere = {
        when: keygen_verify(tmp_path / "ny", line, armour, TEXT, SIGNOFF, when, tz="America/New_York").returncode
        for when in ("20260630155959Z", "20260630160000Z", "20251231160000Z", "20251231155959Z")
    }
    assert elsewhere == {"20260630155959Z": 0, "20260630160000Z": 255, "20251231160000Z": 0, "20251231155959Z": 255}


def test_ssh_keygen_also_refuses_another_namespace_and_principal(keys, tmp_path):
    key, public = keys["ed25519"]
    armour = keygen_sign(key, FIRST, TEXT)
    only_signoff = allowed_signers_line(["li-na"], public, [SIGNOFF], None, None)
    assert keygen_verify(tmp_path / "a", only_signoff, armour, TEXT, FIRST, "20260301000000").returncode == 255
    both = allowed_signers_line(["li-na", "li-na-2"], public, [FIRST, SIGNOFF], None, None)
    assert keygen_verify(tmp_path / "b", both, armour, TEXT, FIRST, "20260301000000").returncode == 0
    someone_else = allowed_signers_line(["wang-fang"], public, [FIRST], None, None)
    assert keygen_verify(tmp_path / "c", someone_else, armour, TEXT, FIRST, "20260301000000").returncode == 255


def test_the_allowed_signers_line_is_written_as_ssh_keygen_reads_it(keys):
    public = keys["ed25519"][1]
    line = allowed_signers_line(["li-na"], public, [FIRST, SIGNOFF], AFTER, BEFORE)
    assert line == (
        'li-na namespaces="wemedia-review-first,wemedia-signoff",valid-after="20251231160000Z",'
        f'valid-before="20260630155959Z" {" ".join(public.split()[:2])}'
    )
    assert allowed_signers_line(["li-na"], public, [SIGNOFF], None, None).count(",") == 0


@pytest.mark.parametrize(
    ("principals", "namespaces"),
    [
        ([], [SIGNOFF]),
        ([""], [SIGNOFF]),
        (["li na"], [SIGNOFF]),
        (["*"], [SIGNOFF]),
        (["li-na"], []),
        (["li-na"], ["a\nb"]),
    ],
)
def test_an_allowed_signers_line_never_widens_to_a_pattern(keys, principals, namespaces):
    with pytest.raises(SignatureError) as caught:
        allowed_signers_line(principals, keys["ed25519"][1], namespaces, None, None)
    says(caught.value, "allowed_signers")


def test_an_allowed_signers_line_refuses_a_key_that_is_not_one():
    with pytest.raises(SignatureError) as caught:
        allowed_signers_line(["li-na"], "ssh-ed25519 not-base64!", [SIGNOFF], None, None)
    says(caught.value, "公钥")


# --- what must be refused ---------------------------------------------------------------------------


def test_a_first_review_signature_is_not_a_signoff(keys):
    armour = keygen_sign(keys["ed25519"][0], FIRST, TEXT)
    assert verify(armour, TEXT, FIRST)
    with pytest.raises(SignatureError) as caught:
        verify(armour, TEXT, SIGNOFF)
    says(caught.value, "初审", "签发", "重新签名")


@pytest.mark.parametrize("kind", ["ed25519", "rsa", "nistp256"])
def test_one_changed_byte_of_the_message_is_refused(keys, kind):
    armour = keygen_sign(keys[kind][0], SIGNOFF, TEXT)
    changed = TEXT.replace(b"reviewer: li-na", b"reviewer: li-ma")
    assert len(changed) == len(TEXT) and changed != TEXT
    with pytest.raises(SignatureError) as caught:
        verify(armour, changed, SIGNOFF)
    says(caught.value, "不符")


def _changed(armour: str, new: str | None = None) -> str:
    """The armour with the 11th character of its second body line changed (to another base64 letter)."""
    lines = armour.split("\n")
    middle = lines[2]
    lines[2] = middle[:10] + (new or ("B" if middle[10] != "B" else "C")) + middle[11:]
    return "\n".join(lines)


def _cases(armour: str) -> dict[str, object]:
    lines = armour.strip().split("\n")
    return {
        "cut after two lines": "\n".join(lines[:3]) + "\n",
        "cut mid-line, footer kept": "\n".join([*lines[:2], lines[2][:30], lines[-1]]) + "\n",
        "last body line dropped": "\n".join([*lines[:-2], lines[-1]]) + "\n",
        "one base64 letter changed": _changed(armour),
        "a character that is not base64": _changed(armour, "!"),
        "text after the footer": armour + "P.S.\n",
        "fake": "-----BEGIN SSH SIGNATURE-----\nFAKE",
        "fake with footer": "-----BEGIN SSH SIGNATURE-----\nFAKE\n-----END SSH SIGNATURE-----\n",
        "no header": "\n".join(lines[1:]),
        "empty": "",
        "blank": "  \n ",
        "a number": 12345,
        "None": None,
        "bytes": armour.encode(),
        "huge": "-----BEGIN SSH SIGNATURE-----\n" + "A" * 20000 + "\n-----END SSH SIGNATURE-----\n",
    }


@pytest.mark.parametrize("case", list(_cases("\n".join(["-" * 70] * 6))))
def test_damaged_or_wrong_signatures_are_refused_in_chinese(keys, case):
    armour = keygen_sign(keys["ed25519"][0], SIGNOFF, TEXT)
    verify(armour, TEXT, SIGNOFF)
    with pytest.raises(SignatureError) as caught:
        verify(_cases(armour)[case], TEXT, SIGNOFF)
    says(caught.value, "签名")


def test_a_truncated_signature_says_so(keys):
    armour = keygen_sign(keys["ed25519"][0], SIGNOFF, TEXT)
    with pytest.raises(SignatureError) as caught:
        verify(armour[: len(armour) // 2], TEXT, SIGNOFF)
    assert caught.value.message.zh.startswith("签名已损坏或被截断")
    assert "wemedia review sign" in caught.value.message.zh


def test_a_short_rsa_key_is_refused_with_what_to_use_instead(keys):
    armour = keygen_sign(keys["rsa1024"][0], SIGNOFF, TEXT)
    with pytest.raises(SignatureError) as caught:
        verify(armour, TEXT, SIGNOFF)
    says(caught.value, "1024", "ssh-keygen -t ed25519")


# --- signatures ssh-keygen cannot make: a small SSHSIG writer, checked against ssh-keygen ------------


def _s(value: bytes) -> bytes:
    return len(value).to_bytes(4, "big") + value


def _mpint(value: int) -> bytes:
    return _s(value.to_bytes((value.bit_length() + 8) // 8, "big") if value else b"")


def sshsig(public: bytes, sign_with, data: bytes, namespace: str, hashalg: str = "sha512", version: int = 1) -> str:
    """PROTOCOL.sshsig: what `ssh-keygen -Y sign` writes, with the choices it does not offer."""
    return sshwire.write(public, sign_with, data, namespace, hashalg, version)


def _line(public: bytes) -> str:
    """The "type base64" line of a key blob."""
    return f"{public[4 : 4 + int.from_bytes(public[:4], 'big')].decode()} {base64.b64encode(public).decode()}"


def _ed25519():
    private = ed25519.Ed25519PrivateKey.generate()
    public = _s(b"ssh-ed25519") + _s(private.public_key().public_bytes_raw())
    return public, lambda signed: _s(b"ssh-ed25519") + _s(private.sign(signed))


def _rsa(algorithm: bytes, bits: int = 2048):
    private = rsa.generate_private_key(65537, bits)
    numbers = private.public_key().public_numbers()
    public = _s(b"ssh-rsa") + _mpint(numbers.e) + _mpint(numbers.n)
    digest = {b"rsa-sha2-256": hashes.SHA256(), b"rsa-sha2-512": hashes.SHA512(), b"ssh-rsa": hashes.SHA1()}[algorithm]
    return public, lambda signed: _s(algorithm) + _s(private.sign(signed, padding.PKCS1v15(), digest))


def _security_key(kind: str, flags: int = 0x01):
    """A FIDO key as OpenSSH sees it (PROTOCOL.u2f), the authenticator played by `cryptography`."""
    app, counter = b"ssh:", (42).to_bytes(4, "big")
    if kind == "ed25519":
        name, private = b"sk-ssh-ed25519@openssh.com", ed25519.Ed25519PrivateKey.generate()
        public = _s(name) + _s(private.public_key().public_bytes_raw()) + _s(app)
        raw = lambda data: _s(private.sign(data))
    else:
        name, private = b"sk-ecdsa-sha2-nistp256@openssh.com", ec.generate_private_key(ec.SECP256R1())
        point = private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        public = _s(name) + _s(b"nistp256") + _s(point) + _s(app)

        def raw(data):
            r, s = decode_dss_signature(private.sign(data, ec.ECDSA(hashes.SHA256())))
            return _s(_mpint(r) + _mpint(s))

    def sign_with(signed: bytes) -> bytes:
        flag = bytes([flags])
        touched = hashlib.sha256(app).digest() + flag + counter + hashlib.sha256(signed).digest()
        return _s(name) + raw(touched) + flag + counter

    return public, sign_with


def _both_accept(public: bytes, armour: str, tmp_path: Path) -> None:
    key = _line(public)
    assert verify(armour, TEXT, SIGNOFF) == key
    line = allowed_signers_line(["li-na"], key, [SIGNOFF], AFTER, BEFORE)
    done = keygen_verify(tmp_path, line, armour, TEXT, SIGNOFF, "20260401000000")
    assert done.returncode == 0, done.stderr


def test_the_test_writer_makes_what_ssh_keygen_accepts(tmp_path):
    public, sign_with = _ed25519()
    _both_accept(public, sshsig(public, sign_with, TEXT, SIGNOFF), tmp_path)


def test_rsa_sha2_256_verifies_here_and_in_ssh_keygen(tmp_path):
    public, sign_with = _rsa(b"rsa-sha2-256")
    _both_accept(public, sshsig(public, sign_with, TEXT, SIGNOFF), tmp_path)


@pytest.mark.parametrize("kind", ["ed25519", "ecdsa"])
def test_security_keys_verify_here_and_in_ssh_keygen(kind, tmp_path):
    public, sign_with = _security_key(kind)
    _both_accept(public, sshsig(public, sign_with, TEXT, SIGNOFF), tmp_path)


def test_a_security_key_signature_without_a_touch_is_refused():
    """ssh-keygen -Y verify does not look at the flag; a review must have been touched."""
    public, sign_with = _security_key("ed25519", flags=0)
    with pytest.raises(SignatureError) as caught:
        verify(sshsig(public, sign_with, TEXT, SIGNOFF), TEXT, SIGNOFF)
    says(caught.value, "触摸")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: sshsig(*_rsa(b"ssh-rsa"), TEXT, SIGNOFF), ["ssh-rsa", "rsa-sha2-512"]),
        (lambda: sshsig(*_ed25519(), TEXT, SIGNOFF, hashalg="sha1"), ["sha1"]),
        (lambda: sshsig(*_ed25519(), TEXT, SIGNOFF, hashalg="md5"), ["md5"]),
        (lambda: sshsig(*_ed25519(), TEXT, SIGNOFF, version=2), ["版本 2"]),
        (
            lambda: sshsig(_s(b"ssh-dss") + _mpint(7) * 4, lambda m: b"", TEXT, SIGNOFF),
            ["ssh-dss", "ssh-keygen -t ed25519"],
        ),
        (
            lambda: sshsig(_s(b"ssh-ed25519-cert-v01@openssh.com") + _s(b"x"), lambda m: b"", TEXT, SIGNOFF),
            ["证书", "ssh-keygen -t ed25519"],
        ),
        (lambda: sshsig(_ed25519()[0], _ed25519()[1], TEXT, SIGNOFF), ["不符"]),  # another key's signature
        (lambda: sshsig(_ed25519()[0] + b"\0", lambda m: b"", TEXT, SIGNOFF), ["损坏"]),  # trailing key bytes
    ],
)
def test_weak_or_foreign_signatures_are_refused_with_a_reason(make, words):
    with pytest.raises(SignatureError) as caught:
        verify(make(), TEXT, SIGNOFF)
    says(caught.value, *words)


def test_an_rsa_key_with_a_padded_modulus_is_refused():
    """One key, one encoding: the key verify() returns is the team register's, byte for byte."""
    private = rsa.generate_private_key(65537, 2048)
    numbers = private.public_key().public_numbers()
    padded = _s(b"ssh-rsa") + _mpint(numbers.e) + _s(b"\0\0" + numbers.n.to_bytes(256, "big"))
    sign_with = lambda signed: _s(b"rsa-sha2-512") + _s(private.sign(signed, padding.PKCS1v15(), hashes.SHA512()))
    with pytest.raises(SignatureError):
        verify(sshsig(padded, sign_with, TEXT, SIGNOFF), TEXT, SIGNOFF)


def test_a_key_is_built_once_for_all_its_signatures(keys):
    armour = keygen_sign(keys["rsa"][0], SIGNOFF, TEXT)
    verify(armour, TEXT, SIGNOFF)
    before = sshwire.load_key.cache_info()
    for _ in range(5):
        verify(armour, TEXT, SIGNOFF)
    after = sshwire.load_key.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (5, 0)


# --- sign(): ssh-keygen with a key file or the agent -----------------------------------------------------


@pytest.fixture
def no_terminal(monkeypatch):
    """As in CI: nobody can type a passphrase (also when pytest runs with -s in a terminal)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())


def test_sign_with_a_key_file(keys, no_terminal):
    key, public = keys["nistp256"]
    armour = sign(TEXT, SIGNOFF, key)
    assert armour.startswith("-----BEGIN SSH SIGNATURE-----\n") and armour.endswith("-----END SSH SIGNATURE-----\n")
    assert verify(armour, TEXT, SIGNOFF) == signatures.openssh_key(public)
    assert sign(TEXT, SIGNOFF, key, public_key=public)


def test_sign_through_the_agent(keys, agent, no_terminal, tmp_path):
    """A key with a passphrase signs once ssh-add has it (the passphrase typed through SSH_ASKPASS)."""
    key, public = keys["locked"]
    askpass = tmp_path / "askpass"
    askpass.write_text("#!/bin/sh\necho 'correct horse'\n", encoding="ascii")
    askpass.chmod(0o700)
    env = dict(os.environ, SSH_ASKPASS=str(askpass), SSH_ASKPASS_REQUIRE="force")
    subprocess.run(["ssh-add", "-q", str(key)], check=True, stdin=subprocess.DEVNULL, capture_output=True, env=env)
    armour = sign(TEXT, FIRST, public_key=public)
    assert verify(armour, TEXT, FIRST) == signatures.openssh_key(public)


def test_an_agent_without_the_key_is_named_with_what_to_do(keys, agent, no_terminal):
    with pytest.raises(SignatureError) as caught:
        sign(TEXT, FIRST, public_key=keys["ed25519"][1])
    says(caught.value, "ssh-agent", "ssh-add")


def test_without_an_agent_signing_by_public_key_says_what_to_do(keys, monkeypatch, no_terminal):
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    with pytest.raises(SignatureError) as caught:
        sign(TEXT, FIRST, public_key=keys["ed25519"][1])
    says(caught.value, "ssh-add")


def test_a_passphrase_without_a_terminal_fails_at_once(keys, monkeypatch, no_terminal):
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    start = time.monotonic()
    with pytest.raises(SignatureError) as caught:
        sign(TEXT, SIGNOFF, keys["locked"][0])
    assert time.monotonic() - start < 30
    says(caught.value, "密码", "ssh-add")


def test_signing_errors_are_sentences_not_tracebacks(keys, tmp_path, monkeypatch, no_terminal):
    cases = {
        "missing key file": lambda: sign(TEXT, SIGNOFF, tmp_path / "nope"),
        "no key at all": lambda: sign(TEXT, SIGNOFF),
        "not a key": lambda: sign(TEXT, SIGNOFF, Path(__file__)),
        "another key than named": lambda: sign(TEXT, SIGNOFF, keys["ed25519"][0], public_key=keys["nistp256"][1]),
        "a public key line that is not one": lambda: sign(TEXT, SIGNOFF, public_key="ssh-ed25519"),
        "a key verify would refuse": lambda: sign(TEXT, SIGNOFF, keys["rsa1024"][0]),
    }
    for name, call in cases.items():
        with pytest.raises(SignatureError) as caught:
            call()
        says(caught.value)
        assert caught.value.message.en, name
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no ssh-keygen
    with pytest.raises(SignatureError) as caught:
        sign(TEXT, SIGNOFF, keys["ed25519"][0])
    says(caught.value, "ssh-keygen", "OpenSSH")


def test_the_verify_benchmark_runs():
    from wemedia.bench import bench_verify, signature_verify

    assert bench_verify(20, repeat=1) > 0
    result = signature_verify(20, repeat=1, child_runs=2)
    assert result["ssh_keygen_us"] > 0 and "ssh-keygen -Y verify" in result["measures"]


def test_the_common_slips_are_named(keys):
    """What a librarian is likely to do: paste a note after the block, or leave `signature:` empty."""
    armour = keygen_sign(keys["ed25519"][0], SIGNOFF, TEXT)
    with pytest.raises(SignatureError) as caught:
        verify(armour + "（已签）\n", TEXT, SIGNOFF)
    says(caught.value, "之后还有文字")
    with pytest.raises(SignatureError) as caught:
        verify(None, TEXT, SIGNOFF)
    says(caught.value, "签名是空的")
    assert verify("\n  " + armour.replace("\n", "\r\n") + "  \n", TEXT, SIGNOFF)  # CRLF and blank margins


def test_reading_the_signed_text_does_not_load_cryptography():
    """A one-file check pays for `cryptography` only if it checks a signature."""
    code = "import sys, wemedia.signatures as s; s.message('first', 'p', 'd', 'r', 'a', s.CHECKS); print('cryptography' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
