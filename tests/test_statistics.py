"""Monthly figures (5.6.1) as a careless or dishonest editor writes them: what the statistics rules
leave to the loader, the schema and the register rules, and what the example holds."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from wemedia import archive, clock, engine, figures

from conftest import PROJECT, write

HEADER = "account,month,followers_total,followers_new,followers_lost,followers_net,items,reads\n"


def _findings(repo, text: str, month: str = "2026-11"):
    write(repo, f"content/metrics/{month}.csv", HEADER + text)
    write(repo, f"content/metrics/{month}/wx-followers.png", b"png")
    return [(f.rule, f.line, f.column, f.message.zh) for f in engine.run(archive.load(repo))]


def test_a_row_for_an_unknown_account_is_the_register_rule_s(repo):
    found = _findings(repo, "wx,2026-11,10,1,0,1,0,0\nweixin,2026-11,10,1,0,1,0,0\n")
    assert [(r, line, col) for r, line, col, _ in found] == [("WM010", 3, 1), ("WM802", 3, 1)]


@pytest.mark.parametrize(
    "cell, column",
    [("-5", 12), ("1.2万", 12), ("12.5", 12), ("true", 12)],
)
def test_a_figure_that_is_not_a_count_is_a_schema_error_at_its_cell(repo, cell, column):
    found = _findings(repo, f"wx,2026-11,{cell},1,0,1,0,0\n")
    assert [(r, line, col) for r, line, col, _ in found] == [("WM005", 2, column)], found
    assert "关注总数" in found[0][3]


def test_thousands_commas_are_read_as_numbers_and_empty_cells_as_missing(repo):
    write(repo, "content/metrics/2026-11.csv", HEADER + 'wx,2026-11,"1,234",5,,"1,2",0,\n')
    (metric,) = figures.rows(archive.load(repo).document("content/metrics/2026-11.csv"))
    assert metric.figure("followers_total") == 1234
    assert metric.figure("followers_lost") is None and metric.figure("reads") is None  # never 0
    assert metric.figure("followers_net") == 12  # "1,2" is what a platform's thousands comma gives


def test_a_broken_csv_is_one_finding_and_no_statistics_rule_crashes(repo):
    found = _findings(repo, 'wx,2026-11,"10,1,0,1,0,0\n')
    assert [r for r, *_ in found] == ["WM002"], found


def test_a_file_named_after_no_month_is_not_a_month_of_figures(repo):
    write(repo, "content/metrics/2026-13.csv", HEADER + "wx,2026-13,1,1,0,1,0,0\n")
    found = engine.run(archive.load(repo))
    assert [(f.rule, f.line, f.column) for f in found] == [("WM005", 2, 4)], found  # the month column
    assert figures.files(archive.load(repo)) == {}


def test_the_example_s_figures_add_up_and_every_row_has_its_screenshot():
    example = archive.load(PROJECT)
    table = figures.table(example)
    assert table and all(figures.screenshot(example, m, a) for a, m in table)
    for (account, month), metric in table.items():
        new, lost, net = (metric.figure(k) for k in ("followers_new", "followers_lost", "followers_net"))
        assert new - lost == net, (account, month)
        before = table.get((account, clock.month_before(month)))
        if before is not None:
            assert before.figure("followers_total") + net == metric.figure("followers_total"), (account, month)


def test_deleting_a_month_of_the_example_blocks_the_commit(tmp_path):
    root = tmp_path / "lib"
    shutil.copytree(PROJECT / "content", root / "content")
    run = {"cwd": root, "capture_output": True, "text": True}
    subprocess.run(["git", "init", "-q", "-b", "main"], check=True, **run)
    subprocess.run(["git", "add", "-A"], check=True, **run)
    who = ["-c", "user.name=测试", "-c", "user.email=test@example.invalid"]
    subprocess.run(["git", *who, "commit", "-q", "-m", "example"], check=True, **run)
    subprocess.run(["git", "rm", "-q", "content/metrics/2026-10.csv"], check=True, **run)
    done = subprocess.run(["wemedia", "check", "--staged"], **run)
    assert done.returncode == 1, done.stdout
    assert "content/metrics/2026-09.csv:1:1: WM801" in done.stdout
    assert "2026-10 的月度数据文件 content/metrics/2026-10.csv 不存在" in done.stdout
    one = subprocess.run(["wemedia", "check", "--today", "2026-12-01", "content/metrics/2026-09.csv"], **run)
    assert "WM801" in one.stdout and one.returncode == 1


def test_an_excel_export_with_bom_and_crlf_points_at_the_same_cell(repo):
    """Excel's "CSV UTF-8" writes a BOM and CRLF line ends: the finding stays on the cell."""
    text = HEADER + "wx,2026-11,1015,543,33,501,0,0\n"
    write(repo, "content/metrics/2026-11.csv", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    write(repo, "content/metrics/2026-11/wx-followers.png", b"png")
    found = [(f.rule, f.line, f.column) for f in engine.run(archive.load(repo)) if f.rule.startswith("WM8")]
    assert found == [("WM803", 2, 24)]


def test_a_deleted_header_or_an_empty_month_is_reported_not_a_crash(repo):
    write(repo, "content/metrics/2026-10.csv", HEADER + "wx,2026-10,1000,30,10,20,0,0\n")
    write(repo, "content/metrics/2026-10/wx-followers.png", b"png")
    found = _findings(repo, "")  # the header and nothing else: the account owes its row
    assert [(r, line, col) for r, line, col, _ in found] == [("WM801", 1, 1)], found
    (repo / "content/metrics/2026-11.csv").write_text("wx,2026-11,1015,25,10,15,0,0\n", encoding="utf-8")
    found = [(f.rule, f.line) for f in engine.run(archive.load(repo))]  # the header line deleted
    assert found and {r for r, _ in found} <= {"WM005", "WM801"}, found
