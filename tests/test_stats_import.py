"""`wemedia stats import`: every sample export against its expected.json, the merge into the month's
row, and what a careless or dishonest import tries — each refused with a message and nothing written."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from wemedia import documents
from wemedia.stats import importer, layouts, numbers, sniff, tables

from conftest import PROJECT, TESTS

SAMPLES = TESTS / "fixtures" / "platform-exports"
EXPECTED = sorted(SAMPLES.rglob("*.expected.json"))
XHS = """  - id: nanhu-xhs
    platform: xiaohongshu
    name: 南湖市图书馆
    library: nanhu
    registrant: wang-fang
    verification: {verified: true, expires: 2027-03-31, last_checked: 2026-10-08}
    password_keeper: liu-yang
    qr_code: {file: accounts/nanhu-xhs-qr.png, checked: 2026-10-08}
    monetization: {ad_revenue: false, content_revenue: false, paid_knowledge: false, tipping: false}
    status: active
"""


def sample(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the bundled example, with the fictional Xiaohongshu account the samples need."""
    root = tmp_path / "ex"
    shutil.copytree(PROJECT / "content", root / "content")
    accounts = root / "content" / "accounts.yml"
    accounts.write_text(accounts.read_text(encoding="utf-8") + XHS, encoding="utf-8")
    (root / "content/accounts/nanhu-xhs-qr.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR xhs")  # its own (WM422)
    return root


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def summary(path: Path, month: str | None = None, name: str | None = None) -> importer.Result:
    table = tables.read(path.read_bytes(), name or path.name)
    found = layouts.find([s.rows for s in table.sheets])
    assert found is not None
    return importer.summarise(table, found, name or path.name, month)


# --- every sample gives the figures its expected.json states --------------------------------------


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_sample_figures(expected: Path) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    path = sample(expected)
    table = tables.read(path.read_bytes(), path.name)
    assert table.format == want["format"]
    if "encoding" in want:
        assert table.encoding == {"utf-8 with BOM": "utf-8-sig"}.get(want["encoding"], want["encoding"])
    result = summary(path, want["month"])
    assert result.layout.platform == want["platform"]
    assert result.layout.kind == want["kind"]
    assert result.month == want["month"]
    if want["kind"] == "followers":
        for key in ("followers_new", "followers_lost", "followers_net", "followers_total"):
            assert result.figures.get(key) == want[key], key  # null in expected.json: missing, never 0
        assert result.days == want["days"]
    else:
        assert result.figures["items"] == want["items"]
        assert result.figures["reads"] == want["reads"]
    if "excluded" in want:
        assert [(r.title, str(r.day)) for r in result.excluded] == [
            (e["title"], str(numbers.day(e["published"]))) for e in want["excluded"]
        ]
        assert len(result.kept) + len(result.excluded) == want["items_in_file"]
    # the month is found from the file itself when every date falls in one month
    if not result.layout.per_item:
        assert summary(path).month == want["month"]


def test_samples_reproduce_the_example_rows() -> None:
    """The README of the samples says the October rows of content/metrics are these exports' figures."""
    rows = {r["account"]: r for r in documents.read(PROJECT, "content/metrics/2026-10.csv", "metrics").data}
    for expected in EXPECTED:
        want = json.loads(expected.read_text(encoding="utf-8"))
        if want["account"] not in rows or "tendency" in want["file"]:
            continue  # the trend export counts readers per day (old articles too): another measure
        for column, value in summary(sample(expected), want["month"]).figures.items():
            if value is not None:
                assert rows[want["account"]][column] == value, (want["file"], column)


# --- the command: merge, conflicts, nothing written when refused ----------------------------------


def cli_import(run_cli, root: Path, rel: str, account: str, *more: str):
    return run_cli("stats", "import", str(SAMPLES / rel), "--account", account, "--root", str(root), *more)


def test_followers_and_content_merge_into_one_row(run_cli, example: Path) -> None:
    month = example / "content" / "metrics" / "2026-10.csv"
    lines = month.read_text(encoding="utf-8").splitlines()
    month.write_text("\n".join(line for line in lines if not line.startswith("nanhu-wechat,")) + "\n", encoding="utf-8")
    code, out, err = cli_import(run_cli, example, "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat")
    assert code == 0, err
    assert "写入 关注总数（followers_total） = 48199" in out
    code, out, err = cli_import(
        run_cli,
        example,
        "nanhu-wechat/2026-10/已通知内容.xlsx",
        "nanhu-wechat",
        "--month",
        "2026-10",
        "--as-of",
        "2026-11-05",
    )
    assert code == 0, err
    after = month.read_text(encoding="utf-8").splitlines()
    assert after[0] == lines[0]  # column order kept
    assert after[1:-1] == [line for line in lines[1:] if not line.startswith("nanhu-wechat,")]  # other rows untouched
    assert after[-1] == "nanhu-wechat,2026-10,48199,543,33,510,10,33040,826,,,"
    items = (example / "content/metrics/2026-10/nanhu-wechat-items.csv").read_text(encoding="utf-8").splitlines()
    assert items[0] == "published,title,url,reads,likes,shares,comments,favourites,as_of"
    assert len(items) == 11 and items[1].startswith("2026-10-06,秋日诗会报名开启,https://mp.weixin.qq.com/s/")
    assert items[1].endswith(",2080,,52,,,2026-11-05")  # likes, comments, favourites: not in this export
    code, out, err = run_cli("check", "--today", "2026-11-26", cwd=example)
    assert code == 0, out + err  # what the import wrote passes every rule (the empty cells are missing, not bad)


def test_new_month_file_is_created(run_cli, example: Path) -> None:
    (example / "content/metrics/2026-10.csv").unlink()
    code, _, err = cli_import(run_cli, example, "nanhu-douyin/2026-10/数据表现_净增粉丝数据.xlsx", "nanhu-douyin")
    assert code == 0, err
    text = (example / "content/metrics/2026-10.csv").read_text(encoding="utf-8")
    assert text == (
        "account,month,followers_total,followers_new,followers_lost,followers_net,items,reads,shares,likes,comments,"
        "favourites\nnanhu-douyin,2026-10,,,,620,,,,,,\n"
    )


def test_xiaohongshu_with_declared_account(run_cli, example: Path) -> None:
    code, _, err = cli_import(
        run_cli,
        example,
        "nanhu-xhs/2026-10/笔记列表明细表.xlsx",
        "nanhu-xhs",
        "--month",
        "2026-10",
        "--as-of",
        "2026-11-05",
    )
    assert code == 0, err
    assert "nanhu-xhs,2026-10,,,,,5,7482,52,357,44,240" in (example / "content/metrics/2026-10.csv").read_text("utf-8")


def test_same_figures_change_nothing(run_cli, example: Path) -> None:
    before = tree(example)
    code, out, _ = cli_import(run_cli, example, "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat")
    assert code == 0 and "没有改动" in out
    assert tree(example) == before


def test_conflict_is_refused_then_replaced(run_cli, example: Path) -> None:
    month = example / "content/metrics/2026-10.csv"
    month.write_text(
        month.read_text("utf-8").replace("nanhu-wechat,2026-10,48199,543", "nanhu-wechat,2026-10,48199,540"), "utf-8"
    )
    before = tree(example)
    code, _, err = cli_import(run_cli, example, "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat")
    assert code == 1
    assert "新增关注（followers_new）：540 → 543" in err and "--replace" in err and "没有写入任何文件" in err
    assert tree(example) == before
    code, out, err = cli_import(run_cli, example, "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat", "--replace")
    assert code == 0, err
    assert "替换 新增关注（followers_new）：540 → 543" in out
    assert "nanhu-wechat,2026-10,48199,543,33,510" in month.read_text("utf-8")


def test_trend_export_says_why_its_reads_differ(run_cli, example: Path) -> None:
    rel = "nanhu-wechat/2026-10/tendency_1790784000_1793376000.xls"
    err = refused(run_cli, example, SAMPLES / rel, "nanhu-wechat")
    assert "阅读量（reads）：33040 → 35615" in err and "口径不同" in err


def test_crlf_and_bom_of_the_month_file_are_kept(run_cli, example: Path) -> None:
    month = example / "content/metrics/2026-10.csv"
    text = month.read_text("utf-8").replace(
        "nanhu-douyin,2026-10,9642,712,92,620,", "nanhu-douyin,2026-10,9642,712,92,,"
    )
    month.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    code, _, err = cli_import(run_cli, example, "nanhu-douyin/2026-10/数据表现_净增粉丝数据.xlsx", "nanhu-douyin")
    assert code == 0, err
    raw = month.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    assert "nanhu-douyin,2026-10,9642,712,92,620," in raw.decode("utf-8-sig")


def test_items_file_differs_refused_unless_replace(run_cli, example: Path) -> None:
    args = ("nanhu-douyin/2026-10/作品列表导出.xlsx", "nanhu-douyin", "--month", "2026-10")
    assert cli_import(run_cli, example, *args)[0] == 0
    items = example / "content/metrics/2026-10/nanhu-douyin-items.csv"
    items.write_text(items.read_text("utf-8").replace(",4674,", ",4000,"), "utf-8")
    before = tree(example)
    code, _, err = cli_import(run_cli, example, *args)
    assert code == 1 and "nanhu-douyin-items.csv" in err and "--replace" in err
    assert tree(example) == before
    assert cli_import(run_cli, example, *args, "--replace")[0] == 0
    assert ",4674," in items.read_text("utf-8")


def test_dry_run_writes_nothing(run_cli, example: Path) -> None:
    before = tree(example)
    code, out, _ = cli_import(
        run_cli, example, "nanhu-channels/2026-10/动态数据明细.csv", "nanhu-channels", "--month", "2026-10", "--dry-run"
    )
    assert code == 0 and "--dry-run" in out
    assert tree(example) == before


def test_help_is_chinese(run_cli, capsys) -> None:
    with pytest.raises(SystemExit):
        run_cli("stats", "import", "--help")
    out = capsys.readouterr().out
    assert "用法：" in out and "认识的导出" in out and "已有的数字与导入的不同时" in out and "Known exports" not in out
    with pytest.raises(SystemExit):
        run_cli("stats", "import", "--help", "--lang", "en")
    out = capsys.readouterr().out
    assert "usage:" in out and "Known exports" in out and "认识" not in out


# --- refused, with a message, nothing written -------------------------------------------------------


def refused(run_cli, root: Path, path: Path, account: str, *more: str) -> str:
    before = tree(root)
    code, out, err = run_cli("stats", "import", str(path), "--account", account, "--root", str(root), *more)
    assert code != 0, out
    assert "Traceback" not in err and err.startswith("wemedia: 错误：")
    assert tree(root) == before
    return err


def html_growth(edit=lambda t: t) -> bytes:
    return edit((SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls").read_text("utf-8")).encode()


def test_truncated_xlsx(run_cli, example: Path, tmp_path: Path) -> None:
    data = (SAMPLES / "nanhu-douyin/2026-10/作品列表导出.xlsx").read_bytes()
    bad = tmp_path / "作品列表导出.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    err = refused(run_cli, example, bad, "nanhu-douyin", "--month", "2026-10")
    assert "没有下载完整或已损坏" in err


def test_truncated_xls(run_cli, example: Path, tmp_path: Path) -> None:
    data = (SAMPLES / "nanhu-wechat/2026-10/tendency_1790784000_1793376000.xls").read_bytes()
    bad = tmp_path / "tendency.xls"
    bad.write_bytes(data[:3000])
    assert "没有下载完整或已损坏" in refused(run_cli, example, bad, "nanhu-wechat")


def test_html_without_a_table(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "user_analysis.xls"
    bad.write_text("<html><body><p>请重新登录</p></body></html>", "utf-8")
    assert "没有表格" in refused(run_cli, example, bad, "nanhu-wechat")


def test_csv_with_a_wrong_header(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "动态数据明细.csv"
    text = (SAMPLES / "nanhu-channels/2026-10/动态数据明细.csv").read_text("utf-8-sig")
    bad.write_text(text.replace("播放量", "观看次数", 1), "utf-8")
    err = refused(run_cli, example, bad, "nanhu-channels", "--month", "2026-10")
    assert "最接近视频号助手" in err and "缺少列 播放量" in err


def test_not_a_table_at_all(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"%PDF-1.7\x00\x01binary")
    assert "不是表格文件" in refused(run_cli, example, bad, "nanhu-wechat")


def test_gb18030_csv_reads_as_utf8(run_cli, example: Path, tmp_path: Path) -> None:
    """A spreadsheet program saved the CSV again in GB18030: the same figures, decoded."""
    text = (SAMPLES / "nanhu-channels/2026-10/动态数据明细.csv").read_text("utf-8-sig")
    path = tmp_path / "动态数据明细.csv"
    path.write_bytes(text.encode("gb18030"))
    table = tables.read(path.read_bytes(), path.name)
    assert table.encoding == "gb18030"
    assert (
        summary(path, "2026-10").figures
        == summary(SAMPLES / "nanhu-channels/2026-10/动态数据明细.csv", "2026-10").figures
    )
    path.write_bytes(text.replace("发布时间", "上传日期", 1).encode("gb18030"))
    assert "缺少列 发布时间" in refused(run_cli, example, path, "nanhu-channels", "--month", "2026-10")


def test_undecodable_text(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_bytes("日期,净增粉丝\n".encode() + b"\x81\x30\xff\xff\n")
    assert "编码无法识别" in refused(run_cli, example, bad, "nanhu-douyin")


def test_another_accounts_file(run_cli, example: Path) -> None:
    err = refused(run_cli, example, SAMPLES / "nanhu-douyin/2026-10/数据表现_净增粉丝数据.xlsx", "nanhu-wechat")
    assert "是抖音的导出" in err and "nanhu-wechat 是微信公众号的账号" in err


def test_a_sibling_accounts_export(run_cli, example: Path) -> None:
    """Another library's WeChat account: same platform, but the articles' URLs are nanhu-wechat's."""
    err = refused(
        run_cli, example, SAMPLES / "nanhu-wechat/2026-10/已通知内容.xlsx", "qingxi-wechat", "--month", "2026-10"
    )
    assert "属于 nanhu-wechat" in err and "另一个账号的导出" in err


def test_another_month(run_cli, example: Path) -> None:
    err = refused(
        run_cli, example, SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat", "--month", "2026-09"
    )
    assert "不属于 2026-09 的日期" in err
    err = refused(
        run_cli, example, SAMPLES / "nanhu-wechat/2026-10/已通知内容.xlsx", "nanhu-wechat", "--month", "2026-08"
    )
    assert "不包括 2026-08" in err


def test_per_item_export_over_several_months_needs_month(run_cli, example: Path) -> None:
    err = refused(run_cli, example, SAMPLES / "nanhu-wechat/2026-10/已通知内容.xlsx", "nanhu-wechat")
    assert "--month" in err and "2026-09 至 2026-11" in err


def test_unknown_account(run_cli, example: Path) -> None:
    err = refused(run_cli, example, SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wehcat")
    assert "是否想输入 nanhu-wechat" in err


def test_missing_file_and_bad_month(run_cli, example: Path) -> None:
    assert "读不了" in refused(run_cli, example, example / "nope.xlsx", "nanhu-wechat")
    assert "YYYY-MM" in refused(
        run_cli, example, SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat", "--month", "2026-13"
    )


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda t: t.replace("<tr><td>2026-10-17</td>", "<tr><td>2026-10-16</td>"), "已在第"),  # a day twice
        (
            lambda t: t.replace(
                t[t.index("<tr><td>2026-10-31") : t.index("</tr>", t.index("<tr><td>2026-10-31")) + 5], ""
            ),
            "缺少 2026-10 的 1 天（2026-10-31）",
        ),
        (
            lambda t: t.replace(
                "<td>2026-10-01</td><td>9</td><td>3</td><td>6</td>",
                "<td>2026-10-01</td><td>9</td><td>3</td><td>60</td>",
            ),
            "净增写的是 60",
        ),
        (lambda t: t.replace("<td>2026-10-01</td><td>9</td>", "<td>2026-10-01</td><td>九</td>"), "不是一个整数"),
        (lambda t: t.replace("<td>2026-10-01</td><td>9</td>", "<td>2026-10-01</td><td>1.2万</td>"), "四舍五入后的约数"),
        (lambda t: t.replace("<td>2026-10-05</td>", "<td>10月5日</td>"), "不是日期"),
        (lambda t: t.replace("<td>2026-10-31</td>", "<td>2026-11-01</td>"), "不属于 2026-10 的日期"),
        (lambda t: t.replace("净增关注人数", "净增人数"), "缺少列 净增关注人数"),
    ],
    ids=[
        "day-twice",
        "day-missing",
        "net-not-new-minus-lost",
        "word-in-count",
        "rounded-count",
        "bad-date",
        "day-outside",
        "renamed-column",
    ],
)
def test_dishonest_daily_export(run_cli, example: Path, tmp_path: Path, edit, says) -> None:
    bad = tmp_path / "user_analysis.xls"
    bad.write_bytes(html_growth(edit))
    assert says in refused(run_cli, example, bad, "nanhu-wechat", "--month", "2026-10")


def test_cumulative_column_under_its_other_name(tmp_path: Path) -> None:
    path = tmp_path / "user_analysis.xls"
    path.write_bytes(html_growth(lambda t: t.replace("累积关注人数", "累计关注人数")))
    assert summary(path).figures["followers_total"] == 48199


def test_tab_separated_csv(tmp_path: Path) -> None:
    text = (SAMPLES / "nanhu-channels/2026-10/动态数据明细.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter="\t").writerows(rows)
    path = tmp_path / "动态数据明细.csv"
    path.write_text(out.getvalue(), "utf-8")
    assert summary(path, "2026-10").figures["reads"] == 3416


def test_unreadable_month_file_is_not_overwritten(run_cli, example: Path) -> None:
    month = example / "content/metrics/2026-10.csv"
    month.write_text(month.read_text("utf-8").replace("nanhu-weibo,", '"nanhu-weibo,', 1), "utf-8")
    err = refused(run_cli, example, SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat", "--replace")
    assert "2026-10.csv 读不了" in err


@pytest.mark.parametrize(("as_of", "says"), [("2026-10-20", "早于文件中最晚的发布日期"), ("2027-01-01", "在今天")])
def test_as_of_out_of_order(run_cli, example: Path, as_of: str, says: str) -> None:
    err = refused(
        run_cli,
        example,
        SAMPLES / "nanhu-douyin/2026-10/作品列表导出.xlsx",
        "nanhu-douyin",
        "--month",
        "2026-10",
        "--as-of",
        as_of,
        "--replace",
    )
    assert says in err


def test_daily_export_over_two_months(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "user_analysis.xls"
    bad.write_bytes(html_growth(lambda t: t.replace("<td>2026-10-31</td>", "<td>2026-11-01</td>")))
    assert "跨了 2 个月" in refused(run_cli, example, bad, "nanhu-wechat")


def test_renamed_trend_file_range_mismatch(run_cli, example: Path, tmp_path: Path) -> None:
    bad = tmp_path / "tendency_1788192000_1790697600.xls"  # September's range in the name, October inside
    bad.write_bytes((SAMPLES / "nanhu-wechat/2026-10/tendency_1790784000_1793376000.xls").read_bytes())
    assert "文件名中的时间范围" in refused(run_cli, example, bad, "nanhu-wechat")


def test_type_from_bytes_not_name(tmp_path: Path) -> None:
    for src, fmt in (
        ("nanhu-wechat/2026-10/user_analysis.xls", "html"),
        ("nanhu-douyin/2026-10/作品列表导出.xlsx", "xlsx"),
    ):
        path = tmp_path / "export.csv"
        path.write_bytes((SAMPLES / src).read_bytes())
        assert tables.read(path.read_bytes(), path.name).format == fmt
    assert sniff.format_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "xls"
    assert sniff.format_of(b"\xef\xbb\xbf<!DOCTYPE html><table>") == "html"
    assert sniff.format_of(b"") is None


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_missing_cells_leave_the_figure_missing_not_zero(run_cli, example: Path, tmp_path: Path) -> None:
    head = ["作品名称", "发布时间", "体裁", "审核状态", "播放量", "点赞量", "分享量", "评论量", "收藏量"]
    path = tmp_path / "作品列表导出.xlsx"
    path.write_bytes(
        xlsx(
            [
                head,
                ["甲\n#标签", "2026-10-31 10:00:06", "图文", "公开", "1,200", "--", "5", "", "3"],
                ["乙", "2026-10-02 09:00:00", "视频", "公开", "800", "7", "-", "2", "1"],
            ]
        )
    )
    result = summary(path, "2026-10")
    assert result.figures == {
        "items": 2,
        "reads": 2000,
        "likes": None,
        "shares": None,
        "comments": None,
        "favourites": 4,
    }
    assert result.kept[0].title == "甲"
    month = example / "content/metrics/2026-10.csv"
    month.write_text(
        month.read_text("utf-8").replace(
            "nanhu-douyin,2026-10,9642,712,92,620,2,7538,188,301,25,62", "nanhu-douyin,2026-10,9642,712,92,620,,,,,,"
        ),
        "utf-8",
    )
    code, out, err = run_cli(
        "stats",
        "import",
        str(path),
        "--account",
        "nanhu-douyin",
        "--month",
        "2026-10",
        "--root",
        str(example),
        "--replace",
    )
    assert code == 0, err
    assert "缺数据不是 0" in out
    assert "nanhu-douyin,2026-10,9642,712,92,620,2,2000,,,,4" in month.read_text("utf-8")
    items = (example / "content/metrics/2026-10/nanhu-douyin-items.csv").read_text("utf-8").splitlines()
    assert items[1].startswith("2026-10-02,乙,,800,7,,2,1,") and items[2].startswith("2026-10-31,甲,,1200,,5,,3,")


def test_header_below_a_banner_and_side_by_side() -> None:
    """The header is found by content: the XHS banner row of 13 equal cells is skipped; the trend
    export's three tables sit side by side and only the 全部 rows count."""
    xhs = summary(SAMPLES / "nanhu-xhs/2026-10/笔记列表明细表.xlsx", "2026-10")
    assert xhs.kept[0].line == 3  # row 1 is the banner, row 2 the header
    trend = summary(SAMPLES / "nanhu-wechat/2026-10/tendency_1790784000_1793376000.xls")
    assert trend.figures == {"reads": 35615, "items": 10}


# --- numbers and dates as the platforms write them --------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234", 1234),
        ("1.2万", 12000),
        ("4.41%", 0.0441),
        ("0.0441", 0.0441),
        ("14.73秒", 14.73),
        ("-3", -3),
        ("<0.1%", None),
        ("-", None),
        ("--", None),
        ("", None),
        (None, None),
        (12, 12),
        (" 7 ", 7),
    ],
)
def test_decimal(cell, value) -> None:
    got = numbers.decimal(cell)
    assert (got is None and value is None) or float(got) == pytest.approx(value)


@pytest.mark.parametrize("cell", ["1,23", "12a", "1.2万", "3.5", "四", True])
def test_count_refuses(cell) -> None:
    with pytest.raises(numbers.NotANumber):
        numbers.count(cell)


@pytest.mark.parametrize(
    "cell", ["2026-10-01", "2026/10/1", "20261001", 20261001, "2026年10月01日19时30分12秒", "2026-10-01 10:00:06"]
)
def test_day(cell) -> None:
    assert str(numbers.day(cell)) == "2026-10-01"


def test_items_file_is_a_document_kind() -> None:
    assert documents.kind_of("content/metrics/2026-10/nanhu-wechat-items.csv") == "metrics-items"
    doc = documents.from_text(
        "content/metrics/2026-10/a-items.csv",
        "metrics-items",
        'published,title,url,reads,as_of\n2026-10-01,1984,,"1,200",2026-11-05\n',
    )
    assert doc.data == [{"published": "2026-10-01", "title": "1984", "url": "", "reads": 1200, "as_of": "2026-11-05"}]


# --- the post's page shows its own platform figures -------------------------------------------------


def test_post_page_shows_platform_figures(run_cli, example: Path) -> None:
    from wemedia import archive, website
    from wemedia.model import Post
    from wemedia.stats import postfigures

    for rel, account in (
        ("nanhu-douyin/2026-10/作品列表导出.xlsx", "nanhu-douyin"),
        ("nanhu-wechat/2026-10/已通知内容.xlsx", "nanhu-wechat"),
    ):
        assert cli_import(run_cli, example, rel, account, "--month", "2026-10", "--as-of", "2026-11-05")[0] == 0
    # a dishonest row: the right title on another day matches nothing
    items = example / "content/metrics/2026-10/nanhu-douyin-items.csv"
    items.write_text(items.read_text("utf-8").replace("2026-10-31,万圣节", "2026-10-30,万圣节"), "utf-8")
    loaded = archive.load(example)
    post = Post(loaded.document("content/posts/2026/10/2026-10-10-guji-xiufu-04.md"))
    found = {f.account: f.figures["reads"] for f in postfigures.of_post(loaded, post)}
    # by URL (WeChat), and by account, day and title (Channels, Douyin: their exports have no link)
    assert found == {"nanhu-wechat": 4285, "nanhu-channels": 3416, "nanhu-douyin": 4674}
    halloween = next(p for p in loaded.posts if p.title.startswith("万圣节"))
    assert postfigures.of_post(loaded, halloween) == []
    page = website.render(loaded, example, findings=[]).generated["posts/2026/10/2026-10-10-guji-xiufu-04.md"]
    assert "平台数据（截至 2026-11-05）" in page and "4,674" in page and "4,285" in page


def test_odd_items_file_neither_crashes_the_check_nor_the_page(run_cli, example: Path) -> None:
    """Hand-edited per-item rows of the wrong shape: the check says so, the page shows what it can."""
    from wemedia import archive, website

    items = example / "content/metrics/2026-10/nanhu-douyin-items.csv"
    items.write_text(
        "published,title,url,reads,likes,shares,comments,favourites,as_of,extra\n"
        "2026-10-10,古籍修复手记（四）：修复完成，重新上架,,很多,-1,,,,昨天,x\n"
        ",1984,,5,,,,,2026-11-05,\n",
        "utf-8",
    )
    code, out, _ = run_cli("check", "content/metrics/2026-10/nanhu-douyin-items.csv", cwd=example)
    assert code == 1 and "nanhu-douyin-items.csv:2:" in out and "Traceback" not in out
    page = website.render(archive.load(example), example, findings=[]).generated[
        "posts/2026/10/2026-10-10-guji-xiufu-04.md"
    ]
    assert "平台数据（截至 昨天）" in page  # shown as written; the check is what blocks it


def test_unreadable_accounts_register(run_cli, example: Path) -> None:
    (example / "content/accounts.yml").write_text("accounts: [\n", "utf-8")
    err = refused(run_cli, example, SAMPLES / "nanhu-wechat/2026-10/user_analysis.xls", "nanhu-wechat")
    assert "accounts.yml 读不了" in err
