"""Assessment (clause 6): the monthly and annual reports on the example, checked against figures counted by
hand from its files; the workbook opened again with openpyxl; refusals; the targets file's deletion at
commit time; values of the wrong shape in targets and surveys."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import openpyxl
import pytest

from wemedia import archive, clock, engine
from wemedia.assessment import documents
from wemedia.sitepages import reports as site_reports

from conftest import PROJECT, write

TODAY = dt.date(2026, 11, 26)

# Counted by hand from the example: posts' channels published in October 2026 (Shanghai), the October
# statistics (content/metrics/2026-10.csv) and the October messages (content/messages/2026-10.yml).
OCTOBER = {
    "南湖市图书馆（nanhu）": [
        "合计",
        21,
        5,
        33040 + 3416 + 7224 + 7538,
        48199 + 6692 + 15822 + 9642,
        510 + 630 + 809 + 620,
        3,
        0,
    ],
    "南湖市清溪区图书馆（qingxi）": ["合计", 3, 0, 4572, 11950, 587, 1, 1],  # m2026-10-004 answered late
}
SEPTEMBER_ITEMS_NANHU, SEPTEMBER_READS_NANHU = 20, 45397


@pytest.fixture(scope="module")
def example():
    return archive.load(PROJECT)


@pytest.fixture
def example_copy(tmp_path):
    root = tmp_path / "example"
    shutil.copytree(PROJECT / "content", root / "content")
    return root


def workbook(data: bytes):
    import io

    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_monthly_report_matches_the_hand_counted_example(example):
    with clock.fixed(TODAY):
        written = documents.monthly(example, "2026-10", TODAY)
    book = workbook(written.xlsx)
    assert book.sheetnames == ["概况", "目标进度", "留言", "缺少的数据"]
    overview = book["概况"]
    assert rows(overview)[0] == [
        "图书馆",
        "账号",
        "发布条数",
        "其中热点",
        "阅读量",
        "关注总数",
        "净增关注",
        "留言",
        "逾期咨询",
    ]
    by_library = {r[0]: r[1:] for r in rows(overview)[1:] if r[0]}
    assert by_library == OCTOBER
    accounts = {r[1]: r[2:] for r in rows(overview)[1:] if not r[0]}
    assert accounts["微信公众号·南湖市图书馆"][:3] == [10, 2, 33040]
    assert accounts["微博·南湖市图书馆"][:2] == [8, 2]
    # numbers are numbers, with formats; the header row is frozen; Chinese columns are wide enough
    assert overview["E2"].value == 51218 and overview["E2"].number_format == "#,##0"
    assert overview.freeze_panes == "A2"
    assert overview.column_dimensions["B"].width >= 2 * len("微信视频号·南湖图书馆视频号") - 2
    assert written.stem == "2026-10-月报" and "| 南湖市图书馆（nanhu） | 合计 | 21 | 5 | 51,218 |" in written.markdown


def test_year_to_date_progress_against_the_targets(example):
    with clock.fixed(TODAY):
        book = workbook(documents.monthly(example, "2026-10", TODAY).xlsx)
    progress = book["目标进度"]
    assert rows(progress)[0][:7] == ["对象", "指标", "年度目标", "累计完成", "完成率", "按进度应完成", "是否达到进度"]
    found = {(r[0], r[1]): r for r in rows(progress)[1:]}
    items = found[("南湖市图书馆（nanhu）", "发布条数")]
    assert items[2:4] == [260, SEPTEMBER_ITEMS_NANHU + 21]
    assert items[4] == pytest.approx(41 / 260) and items[5] == pytest.approx(260 * 2 / 12)  # two months with posts
    assert items[6] == "落后"
    reads = found[("南湖市图书馆（nanhu）", "阅读量")]
    assert reads[3] == SEPTEMBER_READS_NANHU + 51218
    row = next(i for i, r in enumerate(rows(progress)) if r[:2] == ["南湖市图书馆（nanhu）", "阅读量"]) + 1
    assert progress.cell(row, 5).number_format == "0.0%"
    followers = found[("南湖市图书馆（nanhu）", "关注总数")]
    assert followers[3] == 80355 and followers[6] == "达到进度"  # 80,000 reached in October
    douyin = found[("抖音·南湖市图书馆", "发布条数")]  # an account's own target
    assert douyin[2:4] == [24, 3]


def test_messages_by_kind_with_the_overdue_inquiry(example):
    with clock.fixed(TODAY):
        book = workbook(documents.monthly(example, "2026-10", TODAY).xlsx)
    table = rows(book["留言"])
    assert table[0] == ["图书馆", "账号", "咨询", "建议", "广告", "合计", "逾期咨询"]
    assert ["南湖市清溪区图书馆（qingxi）", "合计", 1, 0, 0, 1, 1] in table
    assert ["", "微博·南湖市图书馆", 0, 1, 1, 2, 0] in [["" if c is None else c for c in r] for r in table]


def test_a_missing_statistics_row_is_a_dash_and_named(example_copy):
    csv = example_copy / "content/metrics/2026-10.csv"
    csv.write_text("".join(line for line in csv.read_text().splitlines(True) if not line.startswith("nanhu-douyin")))
    with clock.fixed(TODAY):
        written = documents.monthly(archive.load(example_copy), "2026-10", TODAY)
    book = workbook(written.xlsx)
    by_name = {r[1] if r[1] != "合计" else r[0]: r for r in rows(book["概况"])[1:]}
    assert by_name["抖音·南湖市图书馆"][4] == "—" and by_name["抖音·南湖市图书馆"][2] == 2  # items still from posts
    assert by_name["南湖市图书馆（nanhu）"][4] == "—"  # a sum with a hole in it is not a total
    assert any("抖音·南湖市图书馆（nanhu-douyin）缺少 2026-10 的统计数据" in r[0] for r in rows(book["缺少的数据"])[1:])
    assert "| 抖音·南湖市图书馆 | 2 | 1 | — |" in written.markdown


def test_annual_report_has_each_month_the_surveys_and_what_is_missing(example):
    with clock.fixed(TODAY):
        written = documents.annual(example, 2026, TODAY)
    book = workbook(written.xlsx)
    assert book.sheetnames == ["全年合计", "各月", "目标进度", "满意度调查", "留言", "缺少的数据"]
    months = {r[0] for r in rows(book["各月"])[1:]}
    assert months == {"2026-09", "2026-10", "2026-11"}
    total = {r[0]: r for r in rows(book["全年合计"])[1:] if r[0]}
    per_month = [r for r in rows(book["各月"])[1:] if r[1] == "南湖市图书馆（nanhu）"]
    assert total["南湖市图书馆（nanhu）"][2] == sum(r[3] for r in per_month)
    surveys = rows(book["满意度调查"])
    assert surveys[0] == ["日期", "图书馆", "答卷数", "结果", "据此所做的调整"]
    assert surveys[1][:3] == ["2026-10-31", "南湖市图书馆（nanhu）", 412]
    assert "活动预告至少提前一周发布" in surveys[1][4] and "满意率：91.5%" in surveys[1][3]
    assert any("2026-01—2026-08" in r[0] for r in rows(book["缺少的数据"])[1:])
    assert written.stem == "2026-年报" and "2026 年尚未结束" in written.markdown


def test_the_cli_writes_both_files_to_reports_and_says_where(run_cli, example_copy):
    code, out, _ = run_cli("report", "monthly", "2026-10", "--root", str(example_copy), "--today", "2026-11-26")
    assert code == 0
    md, xlsx = example_copy / "reports/2026-10-月报.md", example_copy / "reports/2026-10-月报.xlsx"
    assert f"已写出 {md}" in out and f"已写出 {xlsx}" in out
    assert md.read_text(encoding="utf-8").startswith("# 2026 年 10 月自媒体运营月报")
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "概况"
    code, out, _ = run_cli("report", "annual", "2026", "--root", str(example_copy), "--output", str(example_copy / "x"))
    assert code == 0 and (example_copy / "x/2026-年报.xlsx").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (("monthly", "2026-13"), "“2026-13”不是月份；请写成 年-月，如 2026-10"),
        (("monthly", "2026-1"), "不是月份"),
        (("monthly", "2027-01"), "2027-01 还没有到"),
        (("monthly", "2025-10"), "2025 年 10 月没有任何数据"),
        (("annual", "2025"), "2025 年没有任何数据"),
        (("annual", "26"), "不是年份"),
    ],
)
def test_refusals_say_why_and_write_nothing(run_cli, example_copy, argv, message):
    code, _, err = run_cli("report", *argv, "--root", str(example_copy), "--today", "2026-11-26")
    assert code == 2 and message in err and "Traceback" not in err
    assert not (example_copy / "reports").exists()


def test_an_output_folder_that_cannot_be_written_writes_nothing(run_cli, example_copy):
    blocker = write(example_copy, "not-a-folder", "a file where the folder should be")
    code, _, err = run_cli("report", "monthly", "2026-10", "--root", str(example_copy), "--output", str(blocker / "r"))
    assert code == 2 and "无法写入" in err and "报告没有写出任何文件" in err


def test_both_files_or_neither(run_cli, example_copy, monkeypatch):
    from wemedia.cli import report

    calls = []
    real = os.replace

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(report.os, "replace", fail_second)
    code, _, err = run_cli("report", "monthly", "2026-10", "--root", str(example_copy), "--today", "2026-11-26")
    assert code == 2 and "报告没有写出任何文件" in err
    assert list((example_copy / "reports").iterdir()) == []  # no report, no temporary file


def test_the_site_has_a_report_section(example):
    with clock.fixed(TODAY):
        pages = site_reports.pages(example)
    assert {"reports/index.md", "reports/2026.md", "reports/2026-09.md", "reports/2026-11.md"} <= set(pages)
    assert "- [2026 年 10 月](2026-10.md)" in pages["reports/index.md"]
    nav = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "报告: reports/index.md" in nav


def test_deleting_this_years_targets_is_caught_at_commit_time(repo):
    import git

    git_repo = git.Repo.init(repo, initial_branch="main")
    git_repo.git.add(A=True)
    who = git.Actor("测试", "test@example.invalid")
    git_repo.index.commit("base", author=who, committer=who)
    git_repo.git.rm("content/targets/2026.yml")
    result = subprocess.run(["wemedia", "check", "--staged"], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout
    assert "content/libraries.yml:2:5: WM901" in result.stdout
    assert "content/targets/2026.yml 不存在" in result.stdout


@pytest.mark.parametrize(
    "path, text",
    [
        ("content/targets/2026.yml", "year: 2026\ntargets: nope\n"),
        ("content/targets/2026.yml", "year: [2026]\ntargets: [1, {library: [lib]}, {account: {a: 1}, items: many}]\n"),
        ("content/targets/2026.yml", "year: 2026\ntargets: [{library: lib, items: true, reads: -1}]\n"),
        ("content/targets/2026.yml", "year: 2026\ntargets:\n  - {library: lib\n"),
        (
            "content/surveys/2026-lib.yml",
            "id: x\ndate: someday\nlibrary: lib\nrespondents: many\nresults: [1]\nadjustments: text\n",
        ),
        ("content/surveys/2026-lib.yml", "- just a list\n"),
    ],
)
def test_values_of_the_wrong_shape_are_findings_never_a_crash(repo, path, text):
    write(repo, path, text)
    write(repo, "content/metrics/2026-10.csv", "account,month,reads,followers_total\nwx,2026-10,many,\n")
    loaded = archive.load(repo)
    findings = engine.run(loaded)
    assert any(f.path == path for f in findings)
    with clock.fixed(dt.date(2026, 12, 1)):
        written = documents.monthly(archive.load(repo), "2026-10", dt.date(2026, 12, 1))
    assert workbook(written.xlsx)["概况"]["E2"].value == "—"  # reads "many" is not a number: missing


def test_new_targets_writes_next_years_file_that_asks_for_every_figure(run_cli, example_copy):
    code, out, _ = run_cli("new", "targets", "2027", "--root", str(example_copy))
    assert code == 0 and out.splitlines()[-1] == str(example_copy / "content/targets/2027.yml")
    text = (example_copy / "content/targets/2027.yml").read_text(encoding="utf-8")
    assert "year: 2027\n" in text
    assert "  - {library: nanhu}  # 2026 年：items 260，reads 900000，followers 80000\n" in text
    assert "  - {account: nanhu-douyin}  # 2026 年：items 24，reads 200000，followers 10000\n" in text
    with clock.fixed(dt.date(2027, 1, 5)):
        findings = [f for f in engine.run(archive.load(example_copy)) if f.rule == "WM902"]
    assert [(f.path, f.line) for f in findings] == [("content/targets/2027.yml", n) for n in (5, 6, 7)]
    before = (example_copy / "content/targets/2027.yml").read_bytes()
    code, _, err = run_cli("new", "targets", "2027", "--root", str(example_copy))
    assert (
        code == 2 and "已存在，没有改动" in err and (example_copy / "content/targets/2027.yml").read_bytes() == before
    )
    assert run_cli("new", "targets", "27", "--root", str(example_copy))[0] == 2
