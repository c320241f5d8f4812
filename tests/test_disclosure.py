"""The disclosure guard beyond single rules: lists from the environment, fail-closed policy, masking in
every output format, normalisation offsets, and a large term list."""

from __future__ import annotations

import json

from wemedia import archive, engine
from wemedia.normalize import normalize

from conftest import DRAFT, write

PHONE = "13812345678"  # a fictional number, as in the rule fixtures


def _findings(repo):
    return engine.run(archive.load(repo))


def test_terms_from_files_named_by_the_environment(repo, tmp_path, monkeypatch):
    (tmp_path / "a.yml").write_text("terms:\n  - {term: 馆长手机, category: 人事}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# 注释\n采购底价\n", encoding="utf-8")
    write(repo, "content/posts/a.md", DRAFT.replace("正文。", "馆长手机已更新，采购底价另议。"))
    monkeypatch.setenv("WEMEDIA_DISCLOSURE_TERMS", f"{tmp_path / 'a.yml'}:{tmp_path / 'b.txt'}")
    found = [(f.rule, f.line, f.column, f.message.zh.split("；")[0]) for f in _findings(repo)]
    assert found == [
        ("WM601", 14, 1, "出现不宜公开的词“馆**机”（人事）"),
        ("WM601", 14, 9, "出现不宜公开的词“采**价”（本馆词表）"),
    ]


def test_a_missing_list_fails_closed_even_for_a_one_file_check(repo, tmp_path, monkeypatch):
    write(repo, "content/posts/a.md", DRAFT)
    monkeypatch.setenv("WEMEDIA_DISCLOSURE_TERMS", str(tmp_path / "gone.txt"))
    found = engine.run(archive.load(repo, ["content/posts/a.md"]))
    assert [(f.rule, f.path, f.severity) for f in found] == [("WM604", "content/policy/disclosure.yml", "error")]
    assert "gone.txt" in found[0].message.zh


def test_thousands_of_terms(repo):
    terms = [f"秘{chr(0x4E00 + i)}{chr(0x5000 + i)}词" for i in range(5000)]
    write(repo, "content/policy/disclosure.yml", "terms:\n" + "".join(f"  - {t}\n" for t in terms))
    write(repo, "content/posts/a.md", DRAFT.replace("正文。", "前文" + terms[4321] + "后文"))
    assert [(f.rule, f.line, f.column) for f in _findings(repo)] == [("WM601", 14, 3)]


def test_no_output_format_repeats_a_protected_value(repo, run_cli):
    """A phone number typed into the author field: WM010 quotes the value, the guard's echo is masked."""
    write(repo, "content/posts/a.md", DRAFT.replace("author: ed", f"author: '{PHONE}'"))
    rules = set()
    for fmt in ("text", "json", "github", "sarif"):
        for lang in ("zh", "en"):
            code, out, err = run_cli("check", "--format", fmt, "--lang", lang, cwd=repo)
            assert code == 1
            assert PHONE not in out + err and "138****5678" in out, (fmt, lang)
            if fmt == "json":
                rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert {"WM010", "WM602"} <= rules


def test_normalised_offsets_point_into_the_original():
    text = "ａ内\u200b部 ·\n资料Ｂ內部資料"
    norm = normalize(text)
    assert norm.text == "a内部资料b内部资料"
    assert norm.span(1, 5) == (1, 9) and text[1:9] == "内\u200b部 ·\n资料"
    assert norm.span(6, 10) == (10, 14)


def test_a_deleted_policy_blocks_even_a_one_file_check(repo):
    """Deleting disclosure.yml must not switch the guard off: it is reported with any selection."""
    (repo / "content/policy/disclosure.yml").unlink()
    write(repo, "content/posts/a.md", DRAFT)
    findings = engine.run(archive.load(repo, ["content/posts/a.md"]))
    assert [(f.rule, f.path) for f in findings] == [("WM604", "content/policy/disclosure.yml")]
    assert "不存在" in findings[0].message.zh


def test_a_protected_value_in_a_file_name_is_masked_in_the_path_too(repo, run_cli):
    write(repo, "content/posts/13812345678.txt", "随手记\n")
    write(repo, "content/posts/draft.html", "<p>联系 13812345678</p>\n")
    for fmt in ("text", "json", "github", "sarif"):
        code, out, _ = run_cli("check", "--root", str(repo), "--format", fmt)
        assert code == 1 and "13812345678" not in out and "138****5678" in out, (fmt, out)
    assert "draft.html" in out  # a page dropped into content/ is read, not skipped


def test_the_one_pass_table_covers_every_code_point_that_changes():
    """normalize's fused table is built only over the blocks where NFKC or lower case change anything;
    a newer Unicode that changes more must fail here, not let a full-width or capital form through."""
    import unicodedata

    from wemedia.normalize import _CHANGING, _fused

    covered = {code for start, end in _CHANGING for code in range(start, end)}
    for code in range(0x41, 0x30000):
        char = chr(code)
        form = unicodedata.normalize("NFKC", char) if code > 0x7F else char
        if form.lower() != char and code not in covered:
            raise AssertionError(f"U+{code:04X} changes but is not in _CHANGING")
    assert _fused()[ord("Ａ")] == "a" and _fused()[ord("內")] == "内"


def _with_exception(approver: str, body: str = f"服务手机 {PHONE}。") -> str:
    exception = f'disclosure_exceptions:\n  - {{text: "{PHONE}", reason: 服务手机, approved_by: {approver}}}\n'
    return DRAFT.replace("status: draft\n", "status: draft\n" + exception).replace("正文。", body)


def test_an_exception_allows_its_text_only_when_a_manager_approved_it(repo):
    """A valid exception drops the finding in the body and at its own entry; an invalid one drops
    nothing (the guard fails closed) and WM605 says why; another number in the same post is still found."""
    write(repo, "content/posts/a.md", _with_exception("mgr", f"服务手机 {PHONE}，馆长手机 13912345678。"))
    assert [(f.rule, f.line) for f in _findings(repo)] == [("WM602", 16)]
    write(repo, "content/posts/a.md", _with_exception("rv1"))
    assert [(f.rule, f.line) for f in _findings(repo)] == [("WM602", 11), ("WM605", 11), ("WM602", 16)]


def test_an_exception_covers_its_post_and_the_version_files_it_names_not_other_posts(repo):
    write(repo, "content/posts/a.md", _with_exception("mgr"))
    write(repo, "content/posts/b.md", DRAFT.replace("正文。", f"手机 {PHONE}"))
    assert [(f.rule, f.path) for f in _findings(repo)] == [("WM602", "content/posts/b.md")]


def test_the_term_benchmark_measures_the_same_matches_as_grep():
    """scripts/bench's guard_terms: the guard and grep -F find the same terms in the same text, so the
    MB/s side by side compare like with like."""
    from wemedia.bench import guard_terms

    result = guard_terms(0.2, n_terms=500, repeat=1)
    assert result["guard_matches"] == result["grep_matches"] > 0
    assert result["guard_mb_s"] > 0 and result["grep_mb_s"] > 0 and "grep -F" in result["measures"]


def test_a_text_dressed_up_as_a_signature_is_scanned_like_any_other(repo):
    """Only the base64 payload of a well-formed signature in the front-matter is left out of the scan (a
    blob nobody reads, which WM223 verifies); a mobile number inside a fake armour, in the front-matter or
    in the body, is found where it is."""
    fake = "-----BEGIN SSH SIGNATURE-----\\n手机 " + PHONE + "\\n-----END SSH SIGNATURE-----"
    entry = f'reviews:\n  - {{stage: first, reviewer: rv1, at: "2026-09-02T10:00:00+08:00", signature: "{fake}"}}\n'
    write(repo, "content/posts/a.md", DRAFT.replace("status: draft\n", entry + "status: draft\n"))
    body = "-----BEGIN SSH SIGNATURE-----\n" + PHONE + "\n-----END SSH SIGNATURE-----\n"
    write(repo, "content/posts/b.md", DRAFT.replace("正文。", body))
    found = {(f.rule, f.path) for f in _findings(repo)}
    assert ("WM602", "content/posts/a.md") in found and ("WM602", "content/posts/b.md") in found
    assert ("WM223", "content/posts/a.md") in found  # and the fake signature is refused as a signature


def test_signatures_and_digests_are_left_out_of_the_scan_and_positions_stay_true(repo):
    """A signed review's armour and digest are not scanned (checksums and blobs, verified by WM223/WM224);
    what follows them is found at its own line and column."""
    import signing

    from wemedia import disclosure

    entry = (
        'reviews:\n  - {stage: first, reviewer: rv1, at: "2026-09-02T10:00:00+08:00", '
        'checks: [facts, authorization, copyright, disclosure], digest: "@digest", signature: "@sign"}\n'
        f"# 联系人 {PHONE}\n"
    )
    write(repo, "content/posts/a.md", DRAFT.replace("status: draft\n", entry + "status: in-review\n"))
    signing.sign_placeholders(repo)
    loaded = archive.load(repo)
    doc = loaded.document("content/posts/a.md")
    scanned, origin = disclosure._without_signature_payload(doc, doc.text, disclosure._line_starts(doc.text))
    assert "BEGIN SSH SIGNATURE" not in scanned and "sha256:" not in scanned and origin is not None
    line = doc.text.splitlines().index(f"# 联系人 {PHONE}") + 1
    assert [(f.rule, f.line, f.column) for f in _findings(repo)] == [("WM602", line, 7)]
