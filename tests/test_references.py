"""`references.referrers`: which documents name a removed file, however they name it."""

from __future__ import annotations

from wemedia import archive, engine
from wemedia.references import referrers

from conftest import DRAFT, write

IMAGE = "content/posts/2026/09/img/a.png"


def _post(front: str, body: str = "正文。") -> str:
    return DRAFT.replace("status: draft\n", f"status: draft\n{front}").replace("正文。", body)


def _library(repo):
    """One image used five ways by five documents, and decoys that only look alike."""
    write(repo, IMAGE, b"\x89PNG")
    write(repo, "content/posts/2026/09/img/b.png", b"\x89PNG")
    write(repo, "content/posts/2026/09/body-only.md", _post("", "正文。\n\n![配图](img/a.png)\n"))
    write(repo, "content/posts/2026/09/html-body.md", _post("", '<img src="img/a.png?v=2" alt="配图">\n'))
    write(
        repo,
        "content/posts/2026/09/assets-only.md",
        _post("assets:\n  - {file: img/a.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"),
    )
    write(
        repo,
        "content/posts/2026/10/evidence.md",
        _post(  # from another month's folder
            "source:\n  type: reprint\n  authorization: {granted_by: 某馆, date: 2026-09-01, evidence: ../09/img/a.png}\n"
        ).replace("source: {type: original}\n", ""),
    )
    write(
        repo,
        "content/posts/2026/09/channel-version.md",
        _post("channels:\n  - {account: wx, file: content/posts/2026/09/img/a.png}\n"),
    )
    accounts = (repo / "content/accounts.yml").read_text(encoding="utf-8")
    qr = "qr_code: {file: posts/2026/09/img/a.png}"  # in place of the base account's own QR code
    write(
        repo, "content/accounts.yml", accounts.replace("qr_code: {file: accounts/wx-qr.png, checked: 2026-10-01}", qr)
    )
    # Decoys: another image; the same name in another folder; a code block; an external address.
    write(repo, "content/posts/2026/09/other-image.md", _post("", "![配图](img/b.png)\n"))
    write(
        repo,
        "content/posts/2026/10/same-name.md",
        _post("assets:\n  - {file: img/a.png, kind: image, creator: ed, source: 自摄, licence: CC-BY-4.0}\n"),
    )
    write(repo, "content/posts/2026/09/in-code.md", _post("", "```\n![配图](img/a.png)\n```\n"))
    write(repo, "content/posts/2026/09/external.md", _post("", "![配图](https://example.org/img/a.png)\n"))


def test_referrers_finds_every_way_a_document_names_a_file(repo):
    _library(repo)
    found = referrers(archive.load(repo), {IMAGE})
    assert found == {
        "content/posts/2026/09/body-only.md",  # Markdown image in the body only
        "content/posts/2026/09/html-body.md",  # HTML, with a query string
        "content/posts/2026/09/assets-only.md",  # assets[].file only
        "content/posts/2026/10/evidence.md",  # source.authorization.evidence, via ../
        "content/posts/2026/09/channel-version.md",  # channels[].file from content/
        "content/accounts.yml",  # qr_code.file, relative to content/
    }
    assert referrers(archive.load(repo), {"content/posts/2026/09/img/b.png"}) == {
        "content/posts/2026/09/other-image.md"
    }
    assert referrers(archive.load(repo), set()) == set()
    assert referrers(archive.load(repo), {"content/posts/2026/09/img/nothing-uses-this.png"}) == set()


def test_a_removed_file_is_absent_and_its_referrers_are_checked(repo):
    """`load(…, removed=…)`: the file still on disk counts as gone (the commit will not have it), and
    the documents naming it are selected, so WM211, WM202 and WM012 report it."""
    _library(repo)
    loaded = archive.load(repo, [], removed=[IMAGE])
    assert not loaded.exists(IMAGE) and (repo / IMAGE).exists()
    assert loaded.selected == referrers(archive.load(repo), {IMAGE})
    rules = {(f.path.rsplit("/", 1)[-1], f.rule) for f in engine.run(loaded) if f.severity == "error"}
    assert {
        ("assets-only.md", "WM211"),
        ("evidence.md", "WM202"),
        ("channel-version.md", "WM012"),
        ("accounts.yml", "WM012"),
    } <= rules
    assert not any(name in ("same-name.md", "other-image.md") for name, _ in rules)
