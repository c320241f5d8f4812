"""`scripts/bench [N]`: speed of `wemedia check` on a synthetic archive of N posts, against a floor.

The archive uses the bundled example's registers (libraries, team, accounts, policy) and N posts of
realistic Chinese text with assets, reviews and channels, all valid, so the check does its full work.
Three things run, each in its own child process (wall time and that child's peak RSS via wait4):
  full_check — `wemedia check` of the whole archive;
  one_file   — `wemedia check PATH` of one post, start-up included (what pre-commit pays);
  floor      — reading the same files and parsing their YAML with PyYAML's C loader, nothing else.
Targets (issue 2, 2-core machine, N = 10,000): full ≤ 3 × floor; one file ≤ 0.4 s.

guard_terms — the disclosure guard's term matching alone (issue 13, point 9): 5,000 generated CJK terms
and a few MB of generated Chinese text, `normalize.normalize` + the ahocorasick-rs automaton
(`Policy.find_terms`) in this process, against `grep -F -o -f terms` (LC_ALL=C) on the same text as a
child process, both pinned to one core; MB/s of the text's UTF-8 bytes, and the ratio.

signature_verify — signed reviews (issue 12): µs per `signatures.verify` of an Ed25519 review in this
process (the key built once, as in a check; and the first call, with its one-time setup), against `ssh-keygen -Y
verify` with an allowed_signers file, one child process per signature. Target: ≤ 300 µs in-process.
Every generated review is signed (real Ed25519 keys made for the run, the post's real digest), so the
full check verifies 3 × N signatures (`targets.signatures_verified`); `signatures_in_full_check` runs the
same check in one process with `signatures.verify` timed — how many, how long, verifications per second
and their share of the check. `full_check` verifies them, and scans for disclosure, partly ahead in a
worker process (`ahead`).

`scripts/bench --site N` measures the site instead (issue 14, point 11), on N posts of ~4.7 KB of varied
Chinese (`generate(..., prose=True)`): `wemedia build` (hooks, strict mkdocs build, Pagefind) against the
baseline — a plain mkdocs-material build of the same Markdown (no hook, posts out of the navigation) plus
Pagefind run alone over it — each a child process (wall time, peak RSS of its process tree); the site's
bytes, bytes per post, the index's; and, in headless Chromium over localhost, the bytes one search
downloads for a word in one post (NEEDLE) and for a word in nearly all. Target: build ≤ 1.3 × baseline.
`--material-search` also builds with Material's search plugin (`lang: zh`, needs jieba) for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wemedia.resources import example_content

SENTENCES = [
    "本馆将于周末举办亲子阅读活动，欢迎家长带孩子参加。",
    "活动地点在总馆一楼少儿区，请提前十分钟到场。",
    "这批地方文献经过修复，已可在阅览室查阅影印本。",
    "馆员从馆藏中挑选了十本适合秋天阅读的图书。",
    "读者可通过公众号菜单预约座位，每人每天限约一个时段。",
    "讲座邀请本地作者分享城市记忆与写作经验。",
    "古籍修复遵循最少干预原则，能补不换，能托不拆。",
    "数字资源平台新增地方志全文数据库，可远程访问。",
    "志愿者将在寒假期间陪伴孩子们阅读绘本。",
    "展览展出本年度修复完成的古籍及修复档案。",
    "自助借还机支持续借，每册图书可续借一次。",
    "欢迎读者提供老照片线索，共同丰富地方影像档案。",
]
CATEGORIES = [
    "activity-preview",
    "collection-reveal",
    "hot-topic",
    "reading-promotion",
    "service-notice",
    "news",
    "other",
]
NEEDLE = "霉斑"  # with `prose`, in the middle of one post's body and nowhere else
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003"
    "0101005f5f2a2d0000000049454e44ae426082"
)


# The generated archive is one year, 2025-06-01 to 2026-05-31, on the example's registers; it is checked
# (and its site built) as on the day after, so that no month after it counts as a month without posts
# (WM260) and no example series or message of autumn 2026 lies in its future.
TODAY = "2026-06-01"


def generate(root: Path, n: int, seed: int = 7, prose: bool = False) -> list[Path]:
    """N valid, signed posts on the example's registers. Bodies: 4–8 paragraphs of the twelve SENTENCES
    (~1.8 KB, a vocabulary of ~100 words: enough for the check); with `prose`, ~4.5 KB of varied text
    (`prose_body`), as a search index must hold it."""
    rnd = random.Random(seed)
    words = vocabulary(seed) if prose else []
    # the example's posts and monthly figures belong to its months, not to the generated year
    shutil.copytree(example_content(), root / "content", ignore=shutil.ignore_patterns("posts", "metrics"))
    # the example's QR codes were re-checked in its autumn, after the bench's day: checked a week before it
    accounts = root / "content" / "accounts.yml"
    week_before = dt.date.fromisoformat(TODAY) - dt.timedelta(days=7)
    accounts.write_text(
        re.sub(r"checked: \d{4}-\d{2}-\d{2}", f"checked: {week_before}", accounts.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    authors = [("zhao-lei", "nanhu"), ("liu-yang", "nanhu"), ("sun-yue", "qingxi")]
    accounts = {"nanhu": ["nanhu-wechat", "nanhu-weibo", "nanhu-douyin", "nanhu-channels"], "qingxi": ["qingxi-wechat"]}
    reviewers = {"nanhu": ("li-na", "chen-jing", "wang-fang"), "qingxi": ("wu-min", "zhou-tao", "zhou-tao")}
    # One year in which every reviewer and signer of the example's team is in post (WM220/WM221 judge
    # them on the review's day): the archive must be clean, or the check would be timed doing other work.
    start = dt.date(2025, 6, 1)
    paths = []
    for i in range(n):
        day = start + dt.timedelta(days=i * 365 // n)
        folder = root / "content" / "posts" / f"{day:%Y}" / f"{day:%m}"
        if not (folder / "img").exists():
            (folder / "img").mkdir(parents=True)
            for k in range(3):
                (folder / "img" / f"p{k}.png").write_bytes(PNG)
        author, library = authors[i % len(authors)]
        first, second, signer = reviewers[library]
        channel = rnd.choice(accounts[library])
        images = [f"img/p{k}.png" for k in range(rnd.randrange(0, 3))]
        body = "\n\n".join(
            "".join(rnd.choice(SENTENCES) for _ in range(rnd.randrange(3, 7))) for _ in range(rnd.randrange(4, 9))
        )
        if prose:
            body = prose_body(rnd, words, 4500)
            if i == n // 2:  # one post holds NEEDLE, mid-paragraph: the site bench's rare query
                middle = body.index("。", len(body) // 2) + 1
                body = f"{body[:middle]}书页上的{NEEDLE}已经清除。{body[middle:]}"
        body += "".join(f"\n\n![配图]({img})" for img in images)
        assets = (
            "".join(
                f"\n  - {{file: {img}, kind: image, creator: {author}, source: 自摄, licence: CC-BY-NC-4.0}}"
                for img in images
            )
            or " []"
        )
        at = f"{day.isoformat()}T08:00:00+08:00"
        event = (  # a hot topic names the event it answers (WM265), dated the day before
            f"\nevent: {{what: 第 {i} 期回应的事件, when: {day - dt.timedelta(days=1)}, url: https://news.example/{i}}}"
            if CATEGORIES[i % len(CATEGORIES)] == "hot-topic"
            else ""
        )
        text = f"""---
title: "第 {i} 期：{rnd.choice(SENTENCES)[:18]}"
summary: "{rnd.choice(SENTENCES)}"
library: {library}
author: {author}
created: {(day - dt.timedelta(days=2)).isoformat()}
category: {CATEGORIES[i % len(CATEGORIES)]}{event}
tags: [阅读, 第{i % 50}组]
channels:
  - account: {channel}
    published: {at}
    url: https://mp.weixin.qq.com/s/bench{i:06d}
source:
  type: original
licence: CC-BY-NC-4.0
assets:{assets}
reviews:
  - {{stage: first, reviewer: {first}, at: "{at}", {UNSIGNED}}}
  - {{stage: second, reviewer: {second}, at: "{at}", {UNSIGNED}}}
  - {{stage: signoff, reviewer: {signer}, at: "{at}", {UNSIGNED}}}
status: published
---

{body}
"""
        path = folder / f"{day.isoformat()}-{i:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    sign_reviews(root)
    return paths


def vocabulary(seed: int = 7, size: int = 40_000) -> list[str]:
    """Words of one to four characters from GB 2312's 3,755 level-1 (most frequent) characters, each
    character drawn by a Zipf law over that order: a vocabulary shaped like Chinese, no word list needed."""
    rnd = random.Random(seed)
    chars = [
        bytes([hi, lo]).decode("gb2312")
        for hi in range(0xB0, 0xD8)
        for lo in range(0xA1, 0xFF)
        if (hi, lo) < (0xD7, 0xFA)
    ]
    rnd.shuffle(chars)  # GB 2312 orders level 1 by pinyin, not frequency: give each character a rank at random
    ranks = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(chars))))
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rnd.choices(chars, cum_weights=ranks, k=rnd.choice((1, 2, 2, 2, 2, 3, 4)))))
    return sorted(words)


@functools.cache
def _zipf(n: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(n)))


def prose_body(rnd: random.Random, words: list[str], size: int) -> str:
    """About `size` UTF-8 bytes of paragraphs: each opens with one of SENTENCES (so everyday words such as
    阅读 occur across the archive), then sentences of words drawn by a Zipf law over the vocabulary."""
    ranks = _zipf(len(words))
    paragraphs, total = [], 0
    while total < size:
        sentences = [rnd.choice(SENTENCES)]
        for _ in range(rnd.randrange(3, 7)):
            picked = rnd.choices(words, cum_weights=ranks, k=rnd.randrange(6, 16))
            cut = rnd.randrange(2, len(picked) - 2)
            sentences.append("".join(picked[:cut]) + "，" + "".join(picked[cut:]) + "。")
        paragraphs.append("".join(sentences))
        total += len(paragraphs[-1].encode()) + 2
    return "\n\n".join(paragraphs)


UNSIGNED = "checks: [facts, authorization, copyright, disclosure]"  # sign_reviews writes each entry signed


def _string(value: bytes) -> bytes:
    return len(value).to_bytes(4, "big") + value


def sign_reviews(root: Path) -> int:
    """Give every review of the generated archive a real signature: a fresh Ed25519 key per person with
    a key in the example's register (replacing theirs, valid from 2025-01-01, before the first post),
    the post's real digest, the signed text of `signatures.message`, the SSHSIG format `ssh-keygen -Y
    sign` writes — made in this process (`sshwire.write`), as 30,000 ssh-keygen runs would take minutes —
    written as `wemedia review sign` writes entries (block style, the armour as a literal block).
    Returns the number of signatures."""
    import base64

    from cryptography.hazmat.primitives.asymmetric import ed25519

    from wemedia import archive, digest, reviewing, signatures, sshwire

    team = root / "content" / "team.yml"
    text = team.read_text(encoding="utf-8")
    keys: dict[str, tuple[bytes, ed25519.Ed25519PrivateKey]] = {}
    for pid, person in archive.load(root).people.items():
        for old in person.key_materials:
            private = ed25519.Ed25519PrivateKey.generate()
            public = _string(b"ssh-ed25519") + _string(private.public_key().public_bytes_raw())
            keys[pid] = (public, private)
            text = text.replace(old, "ssh-ed25519 " + base64.b64encode(public).decode())
    team.write_text(text.replace("valid_from: 2026-01-01", "valid_from: 2025-01-01"), encoding="utf-8")
    loaded = archive.load(root)
    made = 0
    for post in loaded.posts:
        raw = post.doc.raw.decode("utf-8")
        if "reviews:\n" not in raw or "signature" in raw:
            continue
        current = digest.post_digest(post, loaded)
        lines = ["reviews:"]
        for review in post.reviews:
            public, private = keys[review.reviewer]
            message = signatures.message(review.stage, post.id, current, review.reviewer, review.at, review.checks)
            armour = sshwire.write(
                public,
                lambda data, private=private: _string(b"ssh-ed25519") + _string(private.sign(data)),
                message,
                signatures.NAMESPACES[review.stage],
            )
            lines += reviewing.Entry(review.stage, review.reviewer, review.at, current, armour).lines("  ")
            made += 1
        start = raw.index("reviews:\n")
        end = raw.index("status:", start)  # the block as `wemedia review sign` writes it
        (root / post.doc.path).write_text(raw[:start] + "\n".join(lines) + "\n" + raw[end:], encoding="utf-8")
    return made


FLOOR = r"""
import sys, yaml, frontmatter
from pathlib import Path
boundary = frontmatter.YAMLHandler.FM_BOUNDARY
root = Path(sys.argv[1])
n = 0
for path in sorted(root.rglob("*")):
    if path.suffix not in (".md", ".yml", ".csv"):
        continue
    text = path.read_text(encoding="utf-8")
    n += 1
    if path.suffix == ".csv":
        continue  # read, as the check reads it; there is no YAML in it
    if path.suffix == ".md":
        _, text, _ = boundary.split(text, 2)
    yaml.load(text, Loader=yaml.CSafeLoader)
print(n)
"""


# The full check in one process with `signatures.verify` timed: how many signatures a full check verifies
# and what they cost it when verified in the checking process (instrumentation only: the real verify
# runs). `full_check` itself verifies them, and scans for disclosure, ahead in a worker process (`ahead`).
SIGNATURE_SHARE = r"""
import json, sys, time
from pathlib import Path
from wemedia import ahead, archive, engine, signatures
ahead.MINIMUM = 10**9  # every signature verified here, where it can be timed (full_check uses the pool)
spent = [0.0, 0]
real = signatures.verify
def timed(*args, **kwargs):
    t0 = time.perf_counter()
    try:
        return real(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - t0
        spent[1] += 1
signatures.verify = timed
t0 = time.perf_counter()
findings = engine.run(archive.load(Path(sys.argv[1])))
total = time.perf_counter() - t0
print(json.dumps({"verifications": spent[1], "verify_seconds": round(spent[0], 3), "check_seconds": round(total, 3),
                  "errors": sum(f.severity == "error" for f in findings)}))
"""


def run_measured(argv: list[str], cwd: Path) -> dict:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        data = out.read()
    return {
        "seconds": round(seconds, 3),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": child.returncode,
        "output": data,
    }


def guard_terms(megabytes: float = 4.0, n_terms: int = 5000, repeat: int = 3, seed: int = 11) -> dict:
    """Throughput of the guard's term matching (normalise + Aho-Corasick) against `grep -F -f`."""
    from wemedia import disclosure, normalize

    rnd = random.Random(seed)
    cjk = [chr(c) for c in range(0x4E00, 0x9FA6)]
    terms: set[str] = set()
    while len(terms) < n_terms:
        terms.add("".join(rnd.choice(cjk) for _ in range(rnd.randrange(3, 6))))
    listed = sorted(terms)
    lines, size, target = [], 0, int(megabytes * 1024 * 1024)
    while size < target:
        line = "".join(rnd.choice(SENTENCES) for _ in range(rnd.randrange(2, 5)))
        if rnd.random() < 0.2:  # one line in five carries a listed term
            cut = rnd.randrange(len(line))
            line = line[:cut] + rnd.choice(listed) + line[cut:]
        lines.append(line)
        size += len(line.encode()) + 1
    text = "\n".join(lines) + "\n"
    size = len(text.encode())
    pol = disclosure.Policy()
    for term in listed:
        pol.terms.setdefault(normalize.term(term), None)
    pol.matcher()  # building the automaton is paid once per archive, not per text
    before = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    folder = Path(tempfile.mkdtemp(prefix="wemedia-terms-"))
    try:
        if before:
            os.sched_setaffinity(0, {min(before)})  # one core, for this process and grep (inherited)
        (folder / "terms.txt").write_text("\n".join(listed) + "\n", encoding="utf-8")
        (folder / "text.txt").write_text(text, encoding="utf-8")
        norm_s, match_s, matches = float("inf"), float("inf"), 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            normalised = normalize.normalize(text).text
            t1 = time.perf_counter()
            matches = len(pol.find_terms(normalised))
            norm_s, match_s = min(norm_s, t1 - t0), min(match_s, time.perf_counter() - t1)
        guard_s = norm_s + match_s
        pieces, piece = [], []  # the same text as posts of ~2 KB, each scanned by itself (the full check)
        for line in lines:
            piece.append(line)
            if sum(map(len, piece)) > 700:
                pieces.append("\n".join(piece) + "\n")
                piece = []
        pieces.append("\n".join(piece) + "\n")
        posts_s = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for one in pieces:
                pol.find_terms(normalize.normalize(one).text)
            posts_s = min(posts_s, time.perf_counter() - t0)
        grep_s, grep_matches = float("inf"), 0
        argv = ["grep", "-F", "-o", "-f", str(folder / "terms.txt"), str(folder / "text.txt")]
        env = dict(os.environ, LC_ALL="C")
        for _ in range(repeat):
            t0 = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, env=env, check=False)
            grep_s = min(grep_s, time.perf_counter() - t0)
            grep_matches = done.stdout.count(b"\n")
    finally:
        if before:
            os.sched_setaffinity(0, before)
        shutil.rmtree(folder, ignore_errors=True)
    mb = size / 1024 / 1024
    return {
        "measures": "term matching only: normalize.normalize + ahocorasick-rs (Policy.find_terms) in-process "
        "over the text as one file (the array path, normalize_wide), vs grep -F -o -f terms (LC_ALL=C, a "
        "child process, start-up included); same text, one core. per_post_mb_s: the same text cut into "
        "posts of ~2 KB, each normalised and matched by itself (the character path a full check takes)",
        "terms": n_terms,
        "text_mb": round(mb, 2),
        "guard_mb_s": round(mb / guard_s, 1),
        "grep_mb_s": round(mb / grep_s, 1),
        "normalize_mb_s": round(mb / norm_s, 1),  # the two parts of guard_mb_s
        "find_terms_mb_s": round(mb / match_s, 1),
        "guard_over_grep": round((mb / guard_s) / (mb / grep_s), 2),
        "per_post_mb_s": round(mb / posts_s, 1),
        "posts": len(pieces),
        "guard_matches": matches,
        "grep_matches": grep_matches,
    }


def _signed_review(folder: Path) -> tuple[bytes, str, str, str]:
    """A fresh Ed25519 key in `folder` and a sign-off signed with it: (message, namespace, armour, key)."""
    from wemedia import signatures

    key = folder / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", str(key)], check=True)
    text = signatures.message(
        "signoff",
        "2026/09/2026-09-01-bench",
        "sha256:" + "0" * 64,
        "li-na",
        "2026-09-01T10:05:00+08:00",
        signatures.CHECKS,
    )
    namespace = signatures.NAMESPACES["signoff"]
    public = signatures.openssh_key(key.with_suffix(".pub").read_text(encoding="ascii"))
    return text, namespace, signatures.sign(text, namespace, key), public


def bench_verify(n: int = 2000, repeat: int = 3) -> float:
    """µs per in-process verification of one Ed25519 review signature (best of `repeat` runs of `n`)."""
    return signature_verify(n, repeat, child_runs=0)["verify_us"]


def signature_verify(n: int = 2000, repeat: int = 3, child_runs: int = 20) -> dict:
    """`signatures.verify` in this process against `ssh-keygen -Y verify` as a child, per signature."""
    from wemedia import signatures, sshwire

    folder = Path(tempfile.mkdtemp(prefix="wemedia-sig-"))
    try:
        text, namespace, armour, public = _signed_review(folder)
        sshwire.load_key.cache_clear()
        t0 = time.perf_counter()
        signatures.verify(armour, text, namespace)  # the first call: imports, OpenSSL's setup, the key
        cold = time.perf_counter() - t0
        warm = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for _ in range(n):
                signatures.verify(armour, text, namespace)
            warm = min(warm, (time.perf_counter() - t0) / n)
        result = {
            "measures": "signatures.verify of one Ed25519 sign-off (armour, parse, SHA-512, Ed25519) in-process, "
            "vs ssh-keygen -Y verify with an allowed_signers file, a child process per signature",
            "verify_us": round(warm * 1e6, 1),
            "verify_first_call_us": round(cold * 1e6, 1),
            "within_300us": warm <= 300e-6,
        }
        if child_runs:
            (folder / "sig").write_text(armour, encoding="ascii")
            (folder / "msg").write_bytes(text)
            line = signatures.allowed_signers_line(["li-na"], public, [namespace], None, None)
            (folder / "allowed").write_text(line + "\n", encoding="ascii")
            argv = ["ssh-keygen", "-Y", "verify", "-f", str(folder / "allowed"), "-I", "li-na", "-n", namespace]
            argv += ["-s", str(folder / "sig")]
            child = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                for _ in range(child_runs):
                    with open(folder / "msg", "rb") as stdin:
                        subprocess.run(argv, stdin=stdin, capture_output=True, check=True)
                child = min(child, (time.perf_counter() - t0) / child_runs)
            result["ssh_keygen_us"] = round(child * 1e6, 1)
            result["ssh_keygen_over_verify"] = round(child / warm, 1)
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the site (issue 14, point 11): `scripts/bench --site N` ----------------------------------------

PLAIN_MKDOCS = """site_name: 图书馆自媒体存档
docs_dir: docs
site_dir: site
use_directory_urls: false
theme: {name: material, language: zh, font: false, features: [navigation.tabs]}
plugins: PLUGINS
nav: [{首页: index.md}, {全部文章: posts/index.md}, {规则目录: rules.md}, {关于: about.md}]
not_in_nav: /posts/**
markdown_extensions: [tables, attr_list, {toc: {permalink: true}}]
validation: {nav: {omitted_files: ignore}, links: {not_found: ignore, anchors: ignore}}
"""
QUERIES = {"rare": (NEEDLE, "meiban"), "common": ("阅读", "yuedu")}  # word, as typed in pinyin


def _folder_bytes(folder: Path) -> tuple[int, int]:
    files = [f for f in folder.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), len(files)


def plain_site(repo: Path, folder: Path, plugins: str = "[]") -> Path:
    """The same Markdown as the site hook generates (bodies in place, posts out of the navigation) in a
    plain mkdocs-material project: no hook, no wemedia at build time."""
    from wemedia import website

    made = website.pages(repo)
    docs = folder / "docs"
    for uri, text in made.generated.items():
        if uri in made.bodies:
            text = text.replace(website.BODY_MARK, made.bodies[uri], 1)
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text, encoding="utf-8")
    for uri, source in made.assets.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, docs / uri)
    shutil.copy(repo / "docs" / "about.md", docs / "about.md")
    (folder / "mkdocs.yml").write_text(PLAIN_MKDOCS.replace("PLUGINS", plugins), encoding="utf-8")
    return folder


def ime_type(page, pinyin: str, words: str) -> None:
    """Chinese typed into a Playwright page as a reader's pinyin input method does: each letter a key
    press composing the pinyin, the space bar commits the chosen words, and its key-up comes last.
    (`page.keyboard.type("家谱")` only inserts the characters, without the composition.) The bench's
    search measurement and the browser tests both type this way."""
    cdp = page.context.new_cdp_session(page)
    for i, letter in enumerate(pinyin, 1):
        cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": letter, "windowsVirtualKeyCode": 229})
        cdp.send("Input.imeSetComposition", {"text": pinyin[:i], "selectionStart": i, "selectionEnd": i})
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": letter, "windowsVirtualKeyCode": 229})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": " ", "code": "Space", "windowsVirtualKeyCode": 229})
    cdp.send("Input.insertText", {"text": words})
    cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": " ", "code": "Space", "windowsVirtualKeyCode": 32})
    cdp.detach()


def search_downloads(site: Path, engine: str) -> dict:
    """Bytes a fresh headless Chromium downloads to open the front page and search once, per query,
    over localhost (no compression: the bytes as stored). `search_bytes` counts the search's own files:
    pagefind/ for Pagefind; search/ and the search worker for Material's search."""
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    result = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            for name, (word, pinyin) in QUERIES.items():
                context = browser.new_context()  # an empty cache for each query
                page = context.new_page()
                seen: list[tuple[str, int]] = []
                page.on("requestfinished", lambda r, seen=seen: seen.append((r.url, r.sizes()["responseBodySize"])))
                page.goto(f"{base}/index.html")
                page.wait_for_load_state("networkidle")
                loaded = len(seen)
                if engine == "pagefind":
                    page.locator("#wemedia-search input").click()
                    ime_type(page, pinyin, word)
                    first = page.locator(".pagefind-ui__result").first
                    count = page.locator(".pagefind-ui__message")
                else:
                    page.locator("label.md-search__icon, .md-search__input").first.click()
                    page.locator(".md-search-result__meta", has_text="键入以开始搜索").wait_for(timeout=300_000)
                    ime_type(page, pinyin, word)
                    first = page.locator(".md-search-result__item").first
                    count = page.locator(".md-search-result__meta")
                t0 = time.perf_counter()
                try:
                    first.wait_for(timeout=300_000)
                except Exception as error:  # a search that never answers is a result too
                    result[name] = {"query": word, "error": str(error).splitlines()[0]}
                    context.close()
                    continue
                shown = time.perf_counter() - t0
                page.wait_for_load_state("networkidle")
                time.sleep(0.5)
                own = ("/pagefind/",) if engine == "pagefind" else ("/search/", "/workers/search")
                result[name] = {
                    "query": word,
                    "results": count.first.inner_text().strip(),
                    "first_result_seconds": round(shown, 2),
                    "bytes_total": sum(size for _, size in seen),
                    "bytes_after_page_load": sum(size for _, size in seen[loaded:]),
                    "search_bytes": sum(size for url, size in seen if any(part in url for part in own)),
                    "search_requests": sum(1 for url, _ in seen if any(part in url for part in own)),
                }
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def site_bench(n: int, workdir: Path, repeat: int = 1, material: bool = False, browser: bool = True) -> dict:
    """`wemedia build` of N generated posts (~4.5 KB of varied Chinese each) against a plain mkdocs-material
    build of the same Markdown plus Pagefind run alone over it; optionally Material's own search."""
    from wemedia import search

    t0 = time.perf_counter()
    repo = workdir / "repo"
    generate(repo, n, prose=True)
    for name in ("hooks", "docs", "mkdocs.yml"):
        source = _skeleton(name)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, repo / name)
    plain = plain_site(repo, workdir / "plain")
    py = sys.executable
    result: dict = {"posts": n, "generate_seconds": round(time.perf_counter() - t0, 1), "cpus": os.cpu_count()}
    best = lambda argv, cwd: min((run_measured(argv, cwd) for _ in range(repeat)), key=lambda r: r["seconds"])
    build = best([py, "-m", "wemedia", "build", "--root", str(repo)], repo)
    build.pop("output")
    total, files = _folder_bytes(repo / "site")
    index_bytes, index_files = _folder_bytes(repo / "site" / search.OUTPUT)
    result["wemedia_build"] = {
        **build,
        "site_bytes": total,
        "site_files": files,
        "bytes_per_post": round(total / n),
        "search_index_bytes": index_bytes,
        "search_index_files": index_files,
    }
    mkdocs = best([py, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], plain)
    indexer = best(search.command(plain / "site"), plain)
    for run in (mkdocs, indexer):
        run.pop("output")
    floor = mkdocs["seconds"] + indexer["seconds"]
    result["baseline"] = {
        "measures": "mkdocs build of the same Markdown with plain mkdocs-material (no hook, no search plugin, "
        "posts out of the navigation), then Pagefind alone over that site; each its own process",
        "mkdocs_build": mkdocs,
        "pagefind_alone": indexer,
        "seconds": round(floor, 3),
    }
    result["build_over_baseline"] = round(build["seconds"] / floor, 2)
    if material:
        # What the site had before: Material's search plugin with jieba (pip install jieba to run this).
        other = plain_site(repo, workdir / "material", plugins="[{search: {lang: zh}}]")
        run = best([py, "-m", "mkdocs", "build", "-q", "-f", str(other / "mkdocs.yml")], other)
        run.pop("output")
        data = (other / "site" / "search" / "search_index.json").read_bytes()
        result["material_search"] = {
            **run,
            "added_seconds": round(run["seconds"] - mkdocs["seconds"], 3),
            "search_index_json_bytes": len(data),
            "search_index_json_gzip_bytes": len(__import__("gzip").compress(data, 6)),
        }
        if browser and shutil.which("chromium"):
            result["material_search"]["one_search"] = search_downloads(other / "site", "material")
    if browser and shutil.which("chromium"):
        result["wemedia_build"]["one_search"] = search_downloads(repo / "site", "pagefind")
    result["targets"] = {"build_within_1.3x_baseline": build["exit"] == 0 and result["build_over_baseline"] <= 1.3}
    return result


def _skeleton(name: str) -> Path:
    from wemedia.resources import skeleton_file

    return skeleton_file(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="number of posts (default 10000)")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is reported")
    parser.add_argument("--terms-mb", type=float, default=4.0, help="MB of text for guard_terms (default 4)")
    parser.add_argument(
        "--site",
        action="store_true",
        help="measure the site instead (issue 14, point 11): wemedia build of N posts against a plain "
        "mkdocs-material build plus Pagefind alone, site bytes, and the bytes one search downloads (Chromium)",
    )
    parser.add_argument("--material-search", action="store_true", help="with --site: also Material's search (jieba)")
    parser.add_argument("--no-browser", action="store_true", help="with --site: skip the Chromium measurement")
    args = parser.parse_args(argv)
    os.environ["WEMEDIA_TODAY"] = TODAY  # every measured child checks the year as on the day after it
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="wemedia-bench-"))
    try:
        if args.site:
            result = site_bench(args.n, workdir, args.repeat, args.material_search, not args.no_browser)
            print(json.dumps(result, ensure_ascii=False, indent=2))
            return 0
        t0 = time.perf_counter()
        posts = generate(workdir, args.n)
        generated = time.perf_counter() - t0
        py = sys.executable
        one = str(posts[len(posts) // 2].relative_to(workdir))
        runs = {
            "full_check": [py, "-m", "wemedia", "check", "--format", "json"],
            "one_file": [py, "-m", "wemedia", "check", "--format", "json", one],
            "floor": [py, "-c", FLOOR, str(workdir / "content")],
        }
        result: dict = {"posts": args.n, "generate_seconds": round(generated, 1), "cpus": os.cpu_count()}
        for name, command in runs.items():
            best = min((run_measured(command, workdir) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            output = best.pop("output")
            if name != "floor":
                summary = json.loads(output)["summary"]
                best.update(files=summary["files"], errors=summary["errors"], warnings=summary["warnings"])
            else:
                best["files"] = int(output)
            result[name] = best
        share = json.loads(run_measured([py, "-c", SIGNATURE_SHARE, str(workdir)], workdir)["output"])
        share["verify_share"] = round(share["verify_seconds"] / share["check_seconds"], 3)
        share["verifications_per_second"] = round(share["verifications"] / max(share["verify_seconds"], 1e-9))
        result["signatures_in_full_check"] = share
        result["guard_terms"] = guard_terms(args.terms_mb, repeat=args.repeat)
        result["signature_verify"] = signature_verify(repeat=args.repeat)
        ratio = result["full_check"]["seconds"] / result["floor"]["seconds"]
        result["full_over_floor"] = round(ratio, 2)
        clean = result["full_check"]["errors"] == 0 and result["one_file"]["errors"] == 0
        result["targets"] = {
            "archive_is_clean": clean,  # otherwise the timings measure reporting, not checking
            "full_check_within_3x_floor": clean and ratio <= 3.0,
            "one_file_within_0.4s": clean and result["one_file"]["seconds"] <= 0.4,
            "signatures_verified": share["verifications"] == 3 * args.n,
            "verify_within_0.3ms": result["signature_verify"]["within_300us"],
            "guard_at_least_grep": result["guard_terms"]["guard_over_grep"] >= 1.0,
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
