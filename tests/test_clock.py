"""One "today" (Asia/Shanghai, or fixed by `--today` / WEMEDIA_TODAY) and one meaning of "in post":
`Person.active_on` and `Person.key_valid_on`, on real team registers, and the same repository giving
different verdicts on different days."""

from __future__ import annotations

import datetime as dt

import pytest

from wemedia import archive, clock

from conftest import write

D = dt.date


def test_today_is_the_date_in_shanghai_unless_fixed(monkeypatch):
    monkeypatch.delenv(clock.ENV)
    before = dt.datetime.now(clock.SHANGHAI).date()
    today = clock.today()
    after = dt.datetime.now(clock.SHANGHAI).date()
    assert today in (before, after)  # a run across midnight may see either


def test_the_environment_fixes_today_and_fixed_beats_it(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-03-04")
    assert clock.today() == D(2027, 3, 4)
    with clock.fixed(D(2026, 1, 2)):
        assert clock.today() == D(2026, 1, 2)
        with clock.fixed(D(2025, 5, 6)):
            assert clock.today() == D(2025, 5, 6)
        assert clock.today() == D(2026, 1, 2)
    assert clock.today() == D(2027, 3, 4)


@pytest.mark.parametrize("value", ["2026-12-1", "20261201", "2026-W48-1", "2026-02-30", "tomorrow", "2026-12-01T00:00"])
def test_a_malformed_date_is_refused_in_chinese_first(monkeypatch, value):
    monkeypatch.setenv(clock.ENV, value)
    with pytest.raises(clock.BadDate) as bad:
        clock.today()
    assert bad.value.message.zh == f"WEMEDIA_TODAY 的值“{value}”不是有效日期；请写成 年-月-日，如 2026-12-01。"
    assert "YYYY-MM-DD" in bad.value.message.en


@pytest.mark.parametrize(
    "value, day",
    [
        ("2026-09-02", D(2026, 9, 2)),
        ("2026-09-02T23:59:00+08:00", D(2026, 9, 2)),
        ("2026-09-02T16:00:00Z", D(2026, 9, 3)),  # midnight in Shanghai
        ("2026-09-02T15:59:59+00:00", D(2026, 9, 2)),
        ("2026-09-03T01:00:00+09:00", D(2026, 9, 3)),
        ("2026-09-02T10:00:00", D(2026, 9, 2)),  # no zone: read as Shanghai time
        (D(2026, 9, 2), D(2026, 9, 2)),
        (dt.datetime(2026, 9, 2, 20, tzinfo=dt.UTC), D(2026, 9, 3)),
        ("2026-09-02 10:00:00+08:00", D(2026, 9, 2)),
        ("soon", None),
        ("2026-09-0210:00", None),
        ("2026-13-01", None),
        ("", None),
        (20260902, None),
        (None, None),
    ],
)
def test_day_of_a_date_or_time_as_written(value, day):
    assert clock.day_of(value) == day


TEAM = """people:
  - {id: open, name: 甲, library: lib, roles: [editor]}
  - {id: both, name: 乙, library: lib, roles: [editor], active: {from: 2026-01-01, until: 2026-06-30}}
  - {id: since, name: 丙, library: lib, roles: [editor], active: {from: 2026-03-01}}
  - {id: odd, name: 丁, library: lib, roles: [editor], active: {from: 2026-01-01, until: 不详}}
  - {id: flat, name: 戊, library: lib, roles: [editor], active: 2026-01-01}
  - id: keyed
    name: 己
    library: lib
    roles: [reviewer]
    keys:
      - {key: ssh-ed25519 AAAAold old-laptop, valid_from: 2025-01-01, valid_until: 2025-12-31}
      - {key: ssh-ed25519 AAAAnew, valid_from: 2026-01-01}
      - {key: ssh-ed25519 AAAAnofrom}
      - {key: ssh-ed25519 AAAAbad, valid_from: 2026-01-01, valid_until: 不详}
"""


@pytest.fixture
def people(repo):
    write(repo, "content/team.yml", TEAM)
    return archive.load(repo).people


@pytest.mark.parametrize(
    "who, day, active",
    [
        ("open", D(1999, 1, 1), True),  # no `active`: in post throughout
        ("both", D(2025, 12, 31), False),
        ("both", D(2026, 1, 1), True),
        ("both", D(2026, 6, 30), True),
        ("both", D(2026, 7, 1), False),
        ("since", D(2026, 2, 28), False),
        ("since", D(2026, 3, 1), True),
        ("since", D(2099, 1, 1), True),
        ("odd", D(2026, 3, 1), False),  # an end that is not a date cannot show the person was in post
        ("flat", D(2026, 3, 1), True),  # `active` that is not a mapping: the schema reports it; no period
    ],
)
def test_active_on_counts_both_ends(people, who, day, active):
    assert people[who].active_on(day) is active


@pytest.mark.parametrize(
    "key, day, valid",
    [
        ("ssh-ed25519 AAAAold", D(2025, 6, 1), True),  # the comment is not part of the key
        ("ssh-ed25519 AAAAold another-comment", D(2025, 12, 31), True),
        ("ssh-ed25519 AAAAold", D(2026, 1, 1), False),
        ("ssh-ed25519 AAAAold", D(2024, 12, 31), False),
        ("ssh-ed25519 AAAAnew", D(2026, 1, 1), True),
        ("ssh-ed25519 AAAAnew", D(2030, 1, 1), True),
        ("ssh-ed25519 AAAAnew", D(2025, 12, 31), False),
        ("ssh-ed25519 AAAAnofrom", D(2026, 6, 1), False),  # valid_from is required
        ("ssh-ed25519 AAAAbad", D(2026, 6, 1), False),
        ("ssh-rsa AAAAnew", D(2026, 6, 1), False),  # the key type is part of the key
        ("ssh-ed25519 AAAAunknown", D(2026, 6, 1), False),
        ("ssh-ed25519", D(2026, 6, 1), False),
        ("", D(2026, 6, 1), False),
    ],
)
def test_key_valid_on_its_own_period(people, key, day, valid):
    assert people["keyed"].key_valid_on(key, day) is valid


def test_a_person_without_keys_has_no_valid_key(people):
    assert people["open"].key_valid_on("ssh-ed25519 AAAAnew", D(2026, 6, 1)) is False


ASSISTANT_UNTIL_NEXT_JUNE = """people:
  - {id: ed, name: 编辑甲, library: lib, roles: [editor]}
  - {id: rv1, name: 审核乙, library: lib, roles: [reviewer]}
  - {id: rv2, name: 审核丙, library: lib, roles: [reviewer]}
  - {id: mgr, name: 管理丁, library: lib, roles: [manager, reviewer]}
  - {id: asst, name: 助理戊, library: lib, roles: [assistant], active: {from: 2024-01-01, until: 2027-06-30}}
"""


def test_the_same_repository_on_different_days(run_cli, repo, monkeypatch):
    write(repo, "content/team.yml", ASSISTANT_UNTIL_NEXT_JUNE)
    write(repo, "content/policy/publishing.yml", "qr_check_days: 365\n")  # the QR code stays in date (WM423)
    assert run_cli("check", "--root", str(repo), "--today", "2026-12-01")[0] == 0
    assert run_cli("check", "--root", str(repo), "--today", "2027-06-30")[0] == 0
    code, out, _ = run_cli("check", "--root", str(repo), "--today", "2027-07-01")
    assert code == 1 and "WM401" in out and "没有在岗的运营助理岗" in out
    monkeypatch.setenv(clock.ENV, "2027-07-01")
    assert run_cli("check", "--root", str(repo))[0] == 1
    assert run_cli("check", "--root", str(repo), "--today", "2026-12-01")[0] == 0  # the option beats the variable
    assert clock.today() == D(2027, 7, 1)  # `--today` lasts one run only


def test_a_malformed_today_exits_2_with_a_chinese_message(run_cli, repo, monkeypatch):
    code, out, err = run_cli("check", "--root", str(repo), "--today", "2026-13-01")
    assert (code, out) == (2, "")
    assert err == "wemedia: 错误：--today 的值“2026-13-01”不是有效日期；请写成 年-月-日，如 2026-12-01。\n"
    monkeypatch.setenv(clock.ENV, "12/01/2026")
    code, out, err = run_cli("check", "--root", str(repo))
    assert (code, out) == (2, "")
    assert "WEMEDIA_TODAY 的值“12/01/2026”不是有效日期" in err
    code, _, err = run_cli("check", "--root", str(repo), "--lang", "en")
    assert code == 2 and "WEMEDIA_TODAY '12/01/2026' is not a valid date" in err
