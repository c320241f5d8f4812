"""Signed reviews: the exact text a reviewer signs, checking an SSH signature over it, signing with
ssh-keygen, and the allowed_signers line that lets git and ssh-keygen check the same signatures.

A signature is OpenSSH's SSHSIG (`ssh-keygen -Y sign`), so reviewers use the key and the agent they
already have, and anyone can check a review without wemedia (`ssh-keygen -Y verify` with the file
`wemedia team allowed-signers` writes). Each stage signs in its own namespace, so a first review's
signature can never stand for a sign-off. `verify` runs in this process (sshwire.py, `cryptography`):
a check of the archive verifies thousands of signatures and cannot start a program for each.
Who may sign what, and when, is the rules' business (the team register): `verify` says only that
this key signed these bytes in this namespace.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wemedia.clock import SHANGHAI
from wemedia.i18n import Text

if TYPE_CHECKING:
    from wemedia import sshwire

NAMESPACES = {
    "first": "wemedia-review-first",
    "second": "wemedia-review-second",
    "signoff": "wemedia-signoff",
    "correction": "wemedia-correction",
}
CHECKS = ("facts", "authorization", "copyright", "disclosure")  # 5.3.2 a–d, in this order
STAGES = {  # how a namespace is named in a message
    "wemedia-review-first": Text("初审", "first review"),
    "wemedia-review-second": Text("复审", "second review"),
    "wemedia-signoff": Text("签发", "sign-off"),
    "wemedia-correction": Text("更正", "correction"),
}
AGAIN = Text("重新签名（wemedia review sign …）", "sign again (wemedia review sign …)")
ED25519 = Text("请改用 ed25519 密钥（ssh-keygen -t ed25519）", "use an ed25519 key instead (ssh-keygen -t ed25519)")


class SignatureError(Exception):
    """A signature that cannot be made or accepted; `.message` says why and what to do."""

    def __init__(self, message: Text, code: str = ""):
        super().__init__(message.en)
        self.message = message
        self.code = code  # sshwire's reason, when known ("bad-signature": valid form, other bytes)


def _fail(zh: str, en: str, **kw: object) -> SignatureError:
    return SignatureError(Text(zh, en).format(again=AGAIN.zh, again_en=AGAIN.en, **kw))


# What verify says for each of sshwire's refusals ({detail} is the refusal's detail).
REFUSALS = {
    "empty": Text("签名是空的：请{again}。", "The signature is empty: {again_en}."),
    "too-long": Text(
        "签名过长（{detail} 个字符），不是 SSH 签名：请{again}。",
        "The signature is too long ({detail} characters) to be an SSH signature: {again_en}.",
    ),
    "begin": Text(
        "签名应以 -----BEGIN SSH SIGNATURE----- 开头：请粘贴 ssh-keygen 生成的整段签名，或{again}。",
        "A signature starts with -----BEGIN SSH SIGNATURE-----: paste the whole block ssh-keygen wrote, or {again_en}.",
    ),
    "end": Text(
        "签名已损坏或被截断（缺少结尾的 -----END SSH SIGNATURE-----）：请{again}。",
        "The signature is damaged or cut short (no -----END SSH SIGNATURE----- line): {again_en}.",
    ),
    "after-end": Text(
        "签名结尾的 -----END SSH SIGNATURE----- 之后还有文字：请删去多余的文字，或{again}。",
        "There is text after the signature's -----END SSH SIGNATURE----- line: delete it, or {again_en}.",
    ),
    "base64": Text(
        "签名已损坏：其中有不属于签名的字符，或长度不对（可能被改动或截断）：请{again}。",
        "The signature is damaged: it holds characters that are not part of a signature, or is cut short: {again_en}.",
    ),
    "format": Text("签名已损坏或被截断：请{again}。", "The signature is damaged or cut short: {again_en}."),
    "version": Text(
        "签名格式版本 {detail} 无法识别：请用 OpenSSH 的 ssh-keygen {again}。",
        "Unknown signature format version {detail}: with OpenSSH's ssh-keygen, {again_en}.",
    ),
    "namespace": Text(
        "这份签名是为“{got}”签的，这里需要“{want}”的签名：每一步（初审、复审、签发、更正）都要单独签名，一步的签名不能用于另一步；请{again}。",
        "This signature was made for {got_en}, but {want_en} is needed here: each step (first review, second "
        "review, sign-off, correction) is signed on its own; {again_en}.",
    ),
    "hashalg": Text(
        "签名使用的散列算法 {detail} 不被接受（只接受 sha512、sha256）：请用 ssh-keygen {again}。",
        "The signature's hash algorithm {detail} is not accepted (only sha512, sha256): with ssh-keygen, {again_en}.",
    ),
    "algorithm": Text(
        "不支持 {detail} 类型密钥的签名：{ed25519}，在团队名册登记新公钥后重新签名。",
        "Signatures by {detail} keys are not supported: {ed25519_en}, register the new public key in the team "
        "register and sign again.",
    ),
    "cert": Text(
        "签名用的是 SSH 证书（{detail}），这里只认团队名册登记的公钥：请用普通密钥签名（{ed25519}）。",
        "The signature was made with an SSH certificate ({detail}); only keys in the team register count: sign "
        "with a plain key ({ed25519_en}).",
    ),
    "rsa-size": Text(
        "签名用的 RSA 密钥长 {detail} 位，不被接受（须在 2048 到 16384 位之间）：{ed25519}。",
        "The signing RSA key has {detail} bits, which is not accepted (2048 to 16384 bits): {ed25519_en}.",
    ),
    "key": Text("签名中的公钥已损坏：请{again}。", "The public key inside the signature is damaged: {again_en}."),
    "public": Text(
        "“{detail}”不是一行 OpenSSH 公钥（应为 类型 Base64 [注释]，如 ssh-ed25519 AAAA…）：请从 .pub 文件复制整行。",
        "'{detail}' is not an OpenSSH public key line (type base64 [comment], e.g. ssh-ed25519 AAAA…): copy the "
        "whole line from the .pub file.",
    ),
    "sigtype": Text(
        "签名算法 {detail} 与密钥不符或不安全（RSA 密钥只接受 rsa-sha2-512、rsa-sha2-256）：请用新版 ssh-keygen {again}。",
        "The signature algorithm {detail} does not match the key or is unsafe (RSA keys: rsa-sha2-512, "
        "rsa-sha2-256 only): with a current ssh-keygen, {again_en}.",
    ),
    "sk-presence": Text(
        "安全密钥签名时没有被触摸确认：请{again}，并在提示时触摸安全密钥。",
        "The security key was not touched when it signed: {again_en}, and touch the key when asked.",
    ),
    "invalid": Text(
        "签名与内容不符：签名之后文章或审核记录（阶段、文章、摘要、审核人、时间、核查项）被改动过，或签名不是为这些内容做的；请核对后{again}。",
        "The signature does not match: the post or the review entry (stage, post, digest, reviewer, time, checks) "
        "changed after signing, or the signature was made for something else; check, then {again_en}.",
    ),
}


def _refusal(bad: sshwire.Bad, namespace: str = "") -> SignatureError:
    got, want = STAGES.get(bad.detail), STAGES.get(namespace)
    return SignatureError(
        REFUSALS[bad.code].format(
            detail=bad.detail,
            again=AGAIN.zh,
            again_en=AGAIN.en,
            ed25519=ED25519.zh,
            ed25519_en=ED25519.en,
            got=f"{got.zh}（{bad.detail}）" if got else bad.detail,
            got_en=f"the {got.en} ({bad.detail})" if got else f"'{bad.detail}'",
            want=f"{want.zh}（{namespace}）" if want else namespace,
            want_en=f"the {want.en} ({namespace})" if want else f"'{namespace}'",
        ),
        bad.code,
    )


KINDS = {
    type(None): Text("空值", "nothing"),
    bool: Text("是/否", "yes/no"),
    int: Text("数字", "a number"),
    float: Text("数字", "a number"),
    list: Text("列表", "a list"),
    dict: Text("映射", "a mapping"),
    bytes: Text("字节串", "bytes"),
}


def _kind(value: object) -> Text:
    """What a wrong value is, in the words of a YAML reader."""
    return KINDS.get(type(value), Text(type(value).__name__, type(value).__name__))


def _line(field: str, value: object) -> str:
    """One value of the signed text, refused if it could blur into the next line or field."""
    if not isinstance(value, str):
        raise _fail(
            "审核记录的 {field} 应是文本，现在是 {kind}：请改正后再签名或核对。",
            "The review entry's {field} should be text, not {kind_en}: correct it, then sign or check again.",
            field=field,
            kind=_kind(value).zh,
            kind_en=_kind(value).en,
        )
    if any(c in value for c in "\n\r\x85\u2028\u2029"):
        raise _fail(
            "审核记录的 {field} 含有换行，无法签名：请写成一行。",
            "The review entry's {field} holds a line break and cannot be signed: write it on one line.",
            field=field,
        )
    return value


def message(stage: str, post: str, digest: str, reviewer: str, at: object, checks: Sequence[str] | None) -> bytes:
    """The exact bytes a review signs (contract 12): UTF-8, LF, a final LF, checks in the order written.

    `at` is written as the data writes it (text), or ISO 8601 for a date or datetime. A value with a line
    break, a check with a comma, or a value that is not text raises SignatureError: two different
    reviews must never sign the same bytes."""
    if isinstance(at, dt.date):
        at = at.isoformat()
    if checks is None:
        checks = ()
    if isinstance(checks, str) or not isinstance(checks, Sequence):
        raise _fail(
            "审核记录的 checks 应是列表：请写成 [facts, authorization, copyright, disclosure] 这样。",
            "The review entry's checks should be a list, e.g. [facts, authorization, copyright, disclosure].",
        )
    for check in checks:
        if "," in _line("checks", check):
            raise _fail(
                "核查项“{check}”含有逗号：请每一项单独写，如 [facts, copyright]。",
                "The check '{check}' holds a comma: write each check on its own, e.g. [facts, copyright].",
                check=check,
            )
    fields = [("stage", stage), ("post", post), ("digest", digest), ("reviewer", reviewer), ("at", at)]
    lines = ["wemedia-review v1", *(f"{name}: {_line(name, value)}" for name, value in fields)]
    lines.append("checks: " + ", ".join(checks))
    return ("\n".join(lines) + "\n").encode("utf-8")


def verify(armored: str, message: bytes, namespace: str) -> str:
    """The signer's public key ("type base64") when `armored` is an SSH signature of `message` in
    `namespace`; SignatureError otherwise. Principals and dates are not checked here."""
    from wemedia import sshwire  # `cryptography` only when a signature is checked (~13 ms of import)

    try:
        if armored is None:
            raise sshwire.Bad("empty")
        if not isinstance(armored, str):
            raise _fail(
                "签名应是文本（ssh-keygen 生成的整段 -----BEGIN SSH SIGNATURE----- … -----END SSH SIGNATURE-----），现在是 {kind}：请{again}。",
                "The signature should be text (the whole -----BEGIN SSH SIGNATURE----- … block ssh-keygen "
                "writes), not {kind_en}: {again_en}.",
                kind=_kind(armored).zh,
                kind_en=_kind(armored).en,
            )
        return sshwire.verify(sshwire.dearmor(armored), message, namespace.encode("utf-8")).openssh
    except sshwire.Bad as bad:
        raise _refusal(bad, namespace) from None


def openssh_key(line: str) -> str:
    """An OpenSSH public key line as "type base64" (no comment), refused as verify would refuse its
    signatures: the register, allowed_signers and sign() all take keys through here."""
    from wemedia import sshwire

    try:
        return sshwire.parse_public(line).openssh
    except sshwire.Bad as bad:
        if bad.code == "public":
            bad = sshwire.Bad("public", str(line)[:60])
        raise _refusal(bad) from None


def fingerprint(key: str) -> str:
    """SHA256:… of a "type base64" key, as `ssh-keygen -l` and ssh-add -l show it."""
    digest = hashlib.sha256(base64.b64decode(key.split()[1])).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


# --- signing: ssh-keygen does it, with the user's key or agent ------------------------------------

SIGN_FAILURES = [  # (what ssh-keygen says, what we say); the first match wins
    (
        "incorrect passphrase",
        Text(
            "私钥有密码保护，而这里无法输入密码（没有终端）：请先运行 ssh-add {key} 把密钥交给 ssh-agent，再重试。",
            "The private key has a passphrase and there is no terminal to type it: run ssh-add {key} to give the "
            "key to ssh-agent, then try again.",
        ),
    ),
    (
        "No private key found",
        Text(
            "ssh-agent 里没有这把公钥对应的私钥（或 ssh-agent 没有运行）：请先运行 ssh-add 私钥文件，或直接指定私钥文件。",
            "ssh-agent does not hold the private key of this public key (or is not running): run ssh-add with "
            "the private key file, or name the private key file.",
        ),
    ),
    (
        "agent refused",
        Text(
            "ssh-agent 拒绝了签名（可能需要在确认窗口中同意）：请重试，并在提示时确认。",
            "ssh-agent refused to sign (it may ask for confirmation): try again and confirm when asked.",
        ),
    ),
    (
        "Couldn't load public key",
        Text(
            "ssh-keygen 读不出密钥文件 {key}：请确认它是 OpenSSH 私钥或公钥文件（ssh-keygen -t ed25519 生成的那种）。",
            "ssh-keygen cannot read the key file {key}: check that it is an OpenSSH private or public key "
            "(as ssh-keygen -t ed25519 makes).",
        ),
    ),
]


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise _fail(
            "找不到 ssh-keygen：请安装 OpenSSH 客户端（Debian/Ubuntu：sudo apt install openssh-client；"
            "Windows：设置 → 可选功能 → OpenSSH 客户端），再重试。",
            "ssh-keygen was not found: install the OpenSSH client (Debian/Ubuntu: sudo apt install "
            "openssh-client; Windows: Settings → Optional features → OpenSSH Client), then try again.",
        )
    return found


def _interactive() -> bool:
    """Someone at a terminal who can type a passphrase or touch a key: our standard input is a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):  # replaced or closed
        return False


def sign(message: bytes, namespace: str, key: Path | None = None, public_key: str | None = None) -> str:
    """`ssh-keygen -Y sign -n NAMESPACE -f KEY`: the armoured signature (ending with a newline).

    With `key` None, ssh-keygen is given `public_key` in a file and asks ssh-agent. A passphrase is
    asked for on the terminal only when our own standard input is one; otherwise ssh-keygen runs
    without a terminal and a key that needs a passphrase fails at once instead of waiting. The message
    goes in a file, never on standard input, where ssh-keygen would read the passphrase from. The new
    signature is verified before it is returned, so a key verify() would refuse is refused now.
    If `key` and `public_key` are both given, the signature must be by `public_key`."""
    program = _ssh_keygen()
    wanted = openssh_key(public_key) if public_key is not None else None
    if key is None and wanted is None:
        raise _fail(
            "没有指定签名用的密钥：请给出私钥文件，或给出公钥并先用 ssh-add 把私钥交给 ssh-agent。",
            "No signing key was given: name the private key file, or give the public key and ssh-add its "
            "private key to ssh-agent first.",
        )
    if key is not None and not Path(key).is_file():
        raise _fail(
            "找不到私钥文件 {key}：请检查路径；还没有密钥可用 ssh-keygen -t ed25519 生成。",
            "The private key file {key} does not exist: check the path; make a key with ssh-keygen -t ed25519.",
            key=key,
        )
    interactive = _interactive()
    env = dict(os.environ)
    if not interactive:
        env["SSH_ASKPASS_REQUIRE"] = "never"  # no passphrase window either
    with tempfile.TemporaryDirectory(prefix="wemedia-sign-") as folder:
        data = Path(folder) / "message"
        data.write_bytes(message)
        if key is None:
            key_file = Path(folder) / "key.pub"
            key_file.write_text(wanted + "\n", encoding="ascii")
        else:
            key_file = Path(key)
        argv = [program, "-Y", "sign", "-n", namespace, "-f", str(key_file), str(data)]
        try:
            done = subprocess.run(
                argv,
                stdin=None if interactive else subprocess.DEVNULL,
                capture_output=True,
                env=env,
                start_new_session=not interactive,  # no controlling terminal: nothing can prompt and wait
                timeout=None if interactive else 120,
                check=False,
            )
            signature = Path(str(data) + ".sig").read_text(encoding="ascii") if done.returncode == 0 else None
        except subprocess.TimeoutExpired:
            raise _fail(
                "ssh-keygen 两分钟内没有完成签名（可能在等待安全密钥触摸或确认）：请在终端中重试。",
                "ssh-keygen did not sign within two minutes (it may wait for a security key touch or a "
                "confirmation): try again in a terminal.",
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(
                "ssh-keygen 签名失败（{error}）：请重试。",
                "ssh-keygen failed to sign ({error}): try again.",
                error=error,
            ) from None
    if signature is None:
        said = done.stderr.decode("utf-8", "replace")
        if interactive and "incorrect passphrase" in said:
            raise _fail(
                "私钥的密码不对：请重试；也可以先运行 ssh-add {key}，以后由 ssh-agent 签名。",
                "Wrong passphrase for the private key: try again, or run ssh-add {key} once and let ssh-agent sign.",
                key=key,
            )
        for needle, text in SIGN_FAILURES:
            if needle in said:
                raise SignatureError(text.format(key=key if key is not None else "KEY"))
        last = said.strip().splitlines()[-1] if said.strip() else f"exit {done.returncode}"
        raise _fail(
            "ssh-keygen 签名失败（{said}）：请检查密钥后重试。",
            "ssh-keygen failed to sign ({said}): check the key and try again.",
            said=last[:200],
        )
    signer = verify(signature, message, namespace)
    if wanted is not None and signer != wanted:
        raise _fail(
            "签名用的是另一把密钥（{signer}），不是指定的公钥（{wanted}）：请用团队名册中登记的那把密钥签名。",
            "The signature was made with another key ({signer}) than the one given ({wanted}): sign with the key in the "
            "team register.",
            signer=fingerprint(signer),
            wanted=fingerprint(wanted),
        )
    return signature


# --- allowed_signers: the same trust, for git and ssh-keygen --------------------------------------

_PATTERN = set(' \t,*?!"#')  # what would make a principal or namespace a pattern, or end the field


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%SZ")


def allowed_signers_line(
    principals: list[str],
    key: str,
    namespaces: list[str],
    valid_after: dt.date | None,
    valid_before_inclusive: dt.date | None,
) -> str:
    """One line of an allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS), no newline:
    `li-na namespaces="wemedia-review-first",valid-after="20251231160000Z",valid-before="20260630155959Z" ssh-ed25519 AAAA…`

    The dates are calendar days in Asia/Shanghai, written in UTC (the `Z` form, so the verifying
    machine's time zone does not matter): valid-after is the first day's first second there and
    valid-before its last day's last second, both included, as ssh-keygen reads them. The quotes are
    needed: ssh-keygen 9.2 reads an unquoted valid-after as a parse error (its man page shows none)."""
    for kind, values in (("principal", principals), ("namespace", namespaces)):
        if not values or any(
            not isinstance(v, str) or not v or not v.isprintable() or _PATTERN & set(v) for v in values
        ):
            raise _fail(
                "allowed_signers 的 {kind} 必须至少有一个，且不能含空格、逗号、引号或 * ? ! #：{values}；请改正后重试。",
                "allowed_signers needs at least one {kind}, without spaces, commas, quotes or * ? ! #: {values}; "
                "correct it and try again.",
                kind=kind,
                values=values,
            )
    options = ['namespaces="' + ",".join(namespaces) + '"']
    if valid_after is not None:
        options.append(f'valid-after="{_utc(dt.datetime.combine(valid_after, dt.time(0, 0, 0), SHANGHAI))}"')
    if valid_before_inclusive is not None:
        last = dt.datetime.combine(valid_before_inclusive, dt.time(23, 59, 59), SHANGHAI)
        options.append(f'valid-before="{_utc(last)}"')
    return f"{','.join(principals)} {','.join(options)} {openssh_key(key)}"
