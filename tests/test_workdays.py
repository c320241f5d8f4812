"""The official calendar (content/policy/calendar/YYYY.yml) and the counting of working days (5.4 a).

The files are cross-checked against two independent sources, installed for the tests only:
`chinese-calendar` (the State Council's notices, 2004–2026; it raises for a year it does not know) and
`holidays` (its China calendar names each substituted day off after the weekend day worked for it; for
a year without a notice it silently estimates, with no adjusted working days). Neither is used at run
time, for exactly those two reasons.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from wemedia import archive, clock, documents, engine
from wemedia.workdays import Calendar, Due, Uncovered, notice_title, read_year

from conftest import PROJECT, write

D = dt.date
YEARS = (2025, 2026)
NOTICES = {
    2025: ("国务院办公厅关于2025年部分节假日安排的通知", D(2024, 11, 12)),
    2026: ("国务院办公厅关于2026年部分节假日安排的通知", D(2025, 11, 4)),
}


def _read(path: Path):
    rel = path.relative_to(PROJECT).as_posix()
    return documents.read(PROJECT, rel, documents.kind_of(rel))


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return archive.load(PROJECT).calendar


def _days(year: int):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def test_the_repository_keeps_one_file_per_year_naming_its_notice():
    files = sorted((PROJECT / documents.CALENDAR_FOLDER).glob("*.yml"))
    assert [f.stem for f in files] == [str(y) for y in YEARS]
    for path in files:
        year = read_year(_read(path))
        assert (year.title, year.published) == NOTICES[year.year]
        assert year.title == notice_title(year.year)
    assert not (PROJECT / "content/policy/calendar.yml").exists()  # migrated to one file per year


@pytest.mark.parametrize("year", YEARS)
def test_every_day_agrees_with_chinese_calendar(calendar, year):
    chinese_calendar = pytest.importorskip("chinese_calendar")
    different = [d for d in _days(year) if calendar.is_workday(d) != chinese_calendar.is_workday(d)]
    assert different == []


@pytest.mark.parametrize("year", YEARS)
def test_every_day_agrees_with_holidays(calendar, year):
    holidays = pytest.importorskip("holidays")
    china = holidays.China(years=year)
    worked = set()  # "Day off (substituted from 01/04/2026)": the weekend day worked instead
    for name in china.values():
        for month, day, of in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            worked.add(D(int(of), int(month), int(day)))
    theirs = {d: (d in worked) or (d.weekday() < 5 and d not in china) for d in _days(year)}
    assert [d for d in _days(year) if calendar.is_workday(d) != theirs[d]] == []


def test_a_year_before_its_notice_and_why_neither_library_is_used_at_run_time(calendar):
    chinese_calendar = pytest.importorskip("chinese_calendar")
    holidays = pytest.importorskip("holidays")
    assert calendar.is_workday(D(2027, 1, 4)) is None  # 2027's notice is not in the repository yet
    # A year whose notice is not out (2040, so that the test holds as the libraries learn new years):
    with pytest.raises(NotImplementedError):  # chinese-calendar raises: a check would crash
        chinese_calendar.is_workday(D(2040, 1, 4))
    estimate = holidays.China(years=2040)  # holidays guesses: a check would silently count on an estimate
    assert estimate and not any("substituted" in name for name in estimate.values())


def test_the_2026_spring_festival_and_national_day_with_their_working_weekends(calendar):
    for day in (D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10), D(2026, 1, 4), D(2026, 5, 9)):
        assert day.weekday() >= 5 and calendar.is_workday(day) is True, day
    for day in _days(2026):
        if D(2026, 2, 15) <= day <= D(2026, 2, 23) or D(2026, 10, 1) <= day <= D(2026, 10, 7):
            assert calendar.is_workday(day) is False, day
    assert calendar.is_workday(D(2026, 2, 24)) is True  # back to work after the Spring Festival
    assert calendar.is_workday(D(2026, 10, 8)) is True
    assert calendar.is_workday(D(2026, 10, 11)) is False  # an ordinary Sunday


@pytest.mark.parametrize(
    "received, due",
    [
        # the day of receipt never counts, whatever the hour
        ("2026-11-02T00:00:00+08:00", D(2026, 11, 4)),
        ("2026-11-02T23:59:59+08:00", D(2026, 11, 4)),
        # late on the last working day before National Day: 10-08 and 10-09
        ("2026-09-30T23:50:00+08:00", D(2026, 10, 9)),
        # received on a holiday, counted the same way
        ("2026-10-01T09:00:00+08:00", D(2026, 10, 9)),
        ("2026-10-07T22:00:00+08:00", D(2026, 10, 9)),
        # 16:30 UTC on 09-30 is already 10-01 in Shanghai; 15:00 UTC is still 09-30
        ("2026-09-30T16:30:00Z", D(2026, 10, 9)),
        ("2026-09-30T15:00:00Z", D(2026, 10, 9)),
        ("2026-09-29T15:59:59Z", D(2026, 10, 8)),  # 09-29 23:59:59 in Shanghai: 09-30, then 10-08
        # the adjusted working Saturday 10-10 counts
        ("2026-10-08T10:00:00+08:00", D(2026, 10, 10)),
        ("2026-10-09T20:14:00+08:00", D(2026, 10, 12)),
        # Spring Festival: Saturday 02-14 is worked, 02-15–02-23 off, Saturday 02-28 worked
        ("2026-02-12T10:00:00+08:00", D(2026, 2, 14)),
        ("2026-02-13T18:00:00+08:00", D(2026, 2, 24)),
        ("2026-02-15T10:00:00+08:00", D(2026, 2, 25)),
        ("2026-02-27T09:00:00+08:00", D(2026, 3, 2)),
        # an ordinary weekend
        ("2026-11-07T10:00:00+08:00", D(2026, 11, 10)),
        # Sunday 09-20 is worked
        ("2026-09-18T10:00:00+08:00", D(2026, 9, 21)),
        # across the year end of 2025 into 2026 (both notices are in the repository)
        ("2025-12-31T10:00:00+08:00", D(2026, 1, 5)),
    ],
)
def test_due_at_the_end_of_the_second_working_day_after_receipt(calendar, received, due):
    got = calendar.due(received)
    assert isinstance(got, Due) and got.day == due, got
    assert got.by == dt.datetime.combine(due, dt.time(23, 59, 59), tzinfo=clock.SHANGHAI)
    assert not got.late(due) and got.late(due + dt.timedelta(days=1))


def test_a_date_in_a_year_without_its_notice_is_uncovered_never_guessed(calendar):
    assert calendar.due("2027-01-04T10:00:00+08:00") == Uncovered(2027)
    assert calendar.due("2026-12-30T10:00:00+08:00") == Uncovered(2027)  # 12-31, then 2027-01-01
    assert calendar.due("2026-12-29T10:00:00+08:00") == Due(D(2026, 12, 29), D(2026, 12, 31))
    assert calendar.due("2024-06-03T10:00:00+08:00") == Uncovered(2024)
    reason = Uncovered(2027).text()
    assert (
        "《国务院办公厅关于2027年部分节假日安排的通知》" in reason.zh
        and "content/policy/calendar/2027.yml" in reason.zh
    )
    assert calendar.due("not a time") is None
    assert calendar.between(D(2026, 12, 30), D(2027, 1, 5)) == Uncovered(2027)
    assert calendar.between(D(2026, 9, 30), D(2026, 10, 12)) == 4  # 10-08, 10-09, 10-10 (Saturday), 10-12


def test_a_broken_calendar_file_covers_nothing(repo):
    write(repo, "content/policy/calendar/2026.yml", "year: 2026\nholidays: [\n")
    loaded = archive.load(repo)
    assert loaded.calendar_paths == ["content/policy/calendar/2026.yml"]
    assert loaded.calendar.is_workday(D(2026, 11, 2)) is None


def test_a_one_file_check_of_messages_reads_the_calendar_without_walking(repo):
    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER)
    write(
        repo,
        "content/messages/2026-11.yml",
        "messages:\n  - {id: m1, account: wx, kind: inquiry, received: 2026-11-02T09:00:00+08:00,"
        " replied: 2026-11-13T10:00:00+08:00}\n",
    )
    loaded = archive.load(repo, ["content/messages/2026-11.yml"])
    assert [f.rule for f in engine.run(loaded)] == ["WM701"]
    assert "files" not in loaded.__dict__


def test_changing_the_calendar_reports_on_every_month_of_messages(repo):
    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER)
    write(
        repo,
        "content/messages/2026-10.yml",
        "messages:\n  - {id: m1, account: wx, kind: inquiry, received: 2026-10-09T20:14:00+08:00,"
        " replied: 2026-10-12T10:00:00+08:00}\n",
    )
    cal = repo / "content/policy/calendar/2026.yml"
    assert engine.run(archive.load(repo)) == []
    # a careless edit makes Sunday 10-11 a working day: the answer of Monday 10-12 turns late
    text = cal.read_text(encoding="utf-8")
    cal.write_text(text.replace(", 2026-10-10]", ", 2026-10-10, 2026-10-11]"), encoding="utf-8")
    loaded = archive.load(repo, ["content/policy/calendar/2026.yml"])
    assert [(f.rule, f.path) for f in engine.run(loaded)] == [("WM701", "content/messages/2026-10.yml")]


MESSAGES = """\
messages:
  - {id: late, account: wx, kind: inquiry, received: 2026-11-20T10:00:00+08:00}
  - {id: soon, account: wx, kind: inquiry, received: 2026-11-30T10:00:00+08:00}
  - {id: now, account: wx, kind: inquiry, received: 2026-11-27T10:00:00+08:00}
  - {id: done, account: wx, kind: inquiry, received: 2026-11-27T11:00:00+08:00, replied: 2026-11-27T12:00:00+08:00}
  - {id: idea, account: wx, kind: suggestion, received: 2026-11-10T10:00:00+08:00}
  - {id: bad, account: wx, kind: illegal, received: 2026-11-29T10:00:00+08:00, action: deleted}
  - {id: next-year, account: wx, kind: inquiry, received: 2026-12-31T10:00:00+08:00}
"""


def test_messages_due_lists_by_deadline_in_chinese_and_english(run_cli, repo):
    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER)
    write(repo, "content/messages/2026-11.yml", MESSAGES)
    code, out, err = run_cli("messages", "due", "--root", str(repo))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "截至 2026-12-01（周二），按期限排列："
    assert lines[1:-1] == [
        "须立即处理  content/messages/2026-11.yml:7  违法违规 bad（wx，2026-11-29 10:00 收到）：上报并记录（reported）",
        "已逾期  content/messages/2026-11.yml:2  咨询 late（wx，2026-11-20 10:00 收到）："
        "答复期限 2026-11-24（周二） 23:59:59，已逾期 5 个工作日",
        "今天到期  content/messages/2026-11.yml:4  咨询 now（wx，2026-11-27 10:00 收到）：答复期限 2026-12-01（周二） 23:59:59",
        "未到期  content/messages/2026-11.yml:3  咨询 soon（wx，2026-11-30 10:00 收到）："
        "答复期限 2026-12-02（周三） 23:59:59，还有 1 个工作日",
        "未到期  content/messages/2026-11.yml:6  建议 idea（wx，2026-11-10 10:00 收到）："
        "整理登记期限 2026-12-10（周四）（收到后 30 天）",
    ]
    assert lines[-1] == "共 5 条：须立即处理 1 条，已逾期 1 条，今天到期 1 条，未到期 2 条，期限不明 0 条。"
    # the entry of 12-31 has not come yet; on 2027-01-04 it has, and its deadline needs 2027's notice
    code, out, _ = run_cli("messages", "due", "--root", str(repo), "--today", "2027-01-04", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-2] == (
        "no deadline  content/messages/2026-11.yml:8  inquiry next-year (wx, received 2026-12-31 10:00): no "
        "deadline, the calendar has no 2027: add content/policy/calendar/2027.yml from the State Council's "
        "notice '国务院办公厅关于2027年部分节假日安排的通知' (its days off and adjusted working days)"
    )


def test_messages_due_with_nothing_due_and_outside_a_repository(run_cli, repo, tmp_path):
    code, out, _ = run_cli("messages", "due", "--root", str(repo))
    assert code == 0 and out.strip() == "截至 2026-12-01（周二），没有待答复的咨询、待登记的建议或待处置的留言。"
    code, _, err = run_cli("messages", "due", "--today", "2026-13-01", "--root", str(repo))
    assert code == 2 and "--today 的值“2026-13-01”不是有效日期" in err
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    code, _, err = run_cli("messages", "due", cwd=empty)
    assert code == 2 and "找不到 content/ 文件夹" in err


ODD_VALUES = [None, 7, "文字", [], {}, [1, "x", None], {"x": [1]}, True, "2026-13-45"]
EVERY_FIELD = """\
messages:
  - id: m1
    account: wx
    kind: inquiry
    received: 2026-11-02T09:00:00+08:00
    replied: 2026-11-13T10:00:00+08:00
    overdue_reason: 值班调整。
    handled_by: ed
    summary: 询问开放时间
    complaint_ref: TS-2026-001
    registered: 2026-11-03
    action: [deleted, reported]
"""


def _paths(data, path=()):
    out = []
    entries = data.items() if isinstance(data, dict) else enumerate(data[:1]) if isinstance(data, list) else ()
    for key, value in entries:
        out.append(path + (key,))
        out += _paths(value, path + (key,))
    return out


@pytest.mark.parametrize(
    "rel, text",
    [
        ("content/messages/2026-11.yml", EVERY_FIELD),
        (
            "content/policy/calendar/2026.yml",
            (PROJECT / "content/policy/calendar/2026.yml").read_text(encoding="utf-8"),
        ),
    ],
)
def test_every_field_of_messages_and_calendar_with_every_odd_value(repo, rel, text):
    """No rule crashes (RuleCrash) on a value of the wrong shape, and the schema's error is reported."""
    from wemedia import schemas, yamlpos

    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER, dirs_exist_ok=True)
    kind = documents.kind_of(rel)
    original = yamlpos.load(text)
    for path in _paths(original):
        for value in ODD_VALUES:
            data = yamlpos.load(text)
            target = data
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
            write(repo, rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
            rules = {f.rule for f in engine.run(archive.load(repo))}
            assert ("WM005" in rules) == bool(schemas.problems(kind, data)), (path, value, rules)
            pending_of(repo)  # the listing never crashes either


def pending_of(repo):
    from wemedia.rules.messages import pending

    return pending(archive.load(repo), D(2026, 12, 1))


CARELESS = [
    # an inquiry answered after seven working days (received Friday 11-06: due Tuesday 11-10)
    ("2026-11.yml", "replied: 2026-11-09T10:30:00+08:00", "replied: 2026-11-19T10:30:00+08:00", "WM701"),
    # or never
    ("2026-11.yml", "    replied: 2026-11-09T10:30:00+08:00\n", "", "WM701"),
    # a reply dated before receipt
    ("2026-10.yml", "replied: 2026-10-10T09:20:00+08:00", "replied: 2026-10-08T09:20:00+08:00", "WM702"),
    # a complaint without its case reference
    ("2026-11.yml", "    complaint_ref: TS-2026-031\n", "", "WM703"),
    # an illegal comment with no action
    ("2026-11.yml", "    action: [deleted, blocked, reported]\n", "", "WM705"),
    # or not reported
    ("2026-11.yml", "action: [deleted, blocked, reported]", "action: [deleted, blocked]", "WM705"),
    # the late answer of the example without its record
    (
        "2026-10.yml",
        "    overdue_reason: 国庆假期值班表漏排了清溪馆公众号，节后才发现这条留言；已把各账号的留言查看写入假期值班表。\n",
        "",
        "WM701",
    ),
]


@pytest.mark.parametrize("name, old, new, rule", CARELESS, ids=[f"{c[3]}-{i}" for i, c in enumerate(CARELESS)])
def test_what_a_careless_editor_does_to_the_example_does_not_pass(run_cli, tmp_path, name, old, new, rule):
    root = tmp_path / "library"
    shutil.copytree(PROJECT / "content", root / "content")
    path = root / "content/messages" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, out, _ = run_cli("check", f"content/messages/{name}", cwd=root)
    assert code == 1 and f" {rule} " in out, out


def test_messages_due_on_a_past_day_shows_what_was_pending_then(run_cli, repo):
    """A reply dated after --today had not been given on that day: the inquiry was pending then; one
    answered that day or before was not; one received later is not listed at all."""
    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER)
    answered = MESSAGES.replace(
        "{id: late, account: wx, kind: inquiry, received: 2026-11-20T10:00:00+08:00}",
        "{id: late, account: wx, kind: inquiry, received: 2026-11-20T10:00:00+08:00, replied: 2026-11-26T09:00:00+08:00}",
    )
    write(repo, "content/messages/2026-11.yml", answered)
    code, out, _ = run_cli("messages", "due", "--root", str(repo), "--today", "2026-11-25")
    assert code == 0
    assert "已逾期  content/messages/2026-11.yml:2  咨询 late（wx，2026-11-20 10:00 收到）：答复期限 2026-11-24" in out
    assert "done" not in out and "soon" not in out  # not received yet on the 25th
    code, out, _ = run_cli("messages", "due", "--root", str(repo), "--today", "2026-11-26")
    assert "咨询 late" not in out  # answered that day


def test_messages_due_says_when_a_log_cannot_be_read_and_lists_an_unreadable_time(run_cli, repo):
    shutil.copytree(PROJECT / documents.CALENDAR_FOLDER, repo / documents.CALENDAR_FOLDER)
    write(repo, "content/messages/2026-11.yml", MESSAGES.replace("  - {id: idea,", "  - {id： idea,"))
    write(
        repo,
        "content/messages/2026-10.yml",
        "messages:\n  - {id: when, account: wx, kind: inquiry, received: 10月24日}\n",
    )
    code, out, _ = run_cli("messages", "due", "--root", str(repo))
    assert code == 1
    first, *rest = out.splitlines()
    assert first.startswith("读不了 content/messages/2026-11.yml:") and "下面的清单不完整" in first
    assert any("咨询 when：收到时间 received 读不了" in line and line.startswith("期限不明") for line in rest), out
