"""`wemedia team add` and `wemedia team allowed-signers` — the team register, content/team.yml.

    wemedia team add ID --name 姓名 --library L --role ROLE [--role ROLE…] [--from DATE] [--until DATE]
                     [--key PUBKEY_FILE] [--note 说明]
    wemedia team allowed-signers [--output FILE]

`team add` with an ID that is not registered appends one person: short roles (`roles: [reviewer]`),
`active: {from, until}` and the key valid over the same dates. With an ID already registered it adds to
that person, never rewriting what is there: each role as a dated role (`{role, library, from, until}`,
from today unless `--from` says otherwise — a role added later must not reach back over reviews signed
before it) and the key valid from that date. Ending a role (handing it over) is an edit of the entry
by hand: its `until`.

Only what must change changes: the new text is inserted into the file's bytes (comments, layout, BOM
and line ends of everything else stay as they were), the result is parsed again and must equal the
register with exactly the new entries, and the one writer (`writer.replace`) switches the file
atomically, only if nobody saved it meanwhile. What it refuses — an ID, library, role or date that is
wrong, a file that is not an OpenSSH public key, a key already registered, a namesake without a note
to tell them apart — it says in Chinese with what to do, and writes nothing.

`team allowed-signers` prints (or writes) the register's keys in ssh-keygen's allowed_signers format, the
same file `git config gpg.ssh.allowedSignersFile` takes: principal = the person's id, the wemedia
namespaces and git's, valid from the first to the last whole day (Asia/Shanghai) that both the key and
the person's `active` period cover.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from wemedia import archive as archive_mod
from wemedia import clock, documents, labels, signatures, writer, yamlpos
from wemedia.cli.common import EXIT_OK, NO_REPOSITORY, fail, lang_of, repository
from wemedia.cli.parsing import pick
from wemedia.i18n import Text
from wemedia.model import Person, folded_name, key_material, told_apart

TEAM = "content/team.yml"
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\Z")  # defs.schema.json#/$defs/id


def add(sub) -> None:
    p = sub.add_parser(
        "team",
        help="团队名册：登记人员、岗位和公钥 / the team register: people, roles and keys",
        description="wemedia team add：登记人员或为已登记的人添加岗位、公钥；wemedia team allowed-signers：生成 "
        "ssh-keygen 和 git 用的 allowed_signers 文件。 / wemedia team add: register a person or add a role or key "
        "to one; wemedia team allowed-signers: the allowed_signers file for ssh-keygen and git.",
    )
    p.add_argument("--lang", choices=("zh", "en"), help="消息语言（默认中文）/ message language (default zh)")
    actions = p.add_subparsers(dest="action", metavar="add | allowed-signers")
    new = actions.add_parser(
        "add",
        help="登记一人，或为已登记的人添加岗位、公钥 / register a person, or add a role or key to one",
        raw=True,
        description="登记一人（追加到 content/team.yml 末尾），或为已登记的人添加带日期的岗位和公钥；文件的其余部分一字不改。 / "
        "Register a person (appended to content/team.yml), or add a dated role and a key to a registered one; "
        "the rest of the file stays byte for byte.",
    )
    new.description = pick(new.description, new.lang)
    new.epilog = _epilog(new.lang)
    new.add_argument("id", metavar="ID", help="人员编号，如 zhang-wei / the person's id, e.g. zhang-wei")
    new.add_argument("--name", help="姓名（新登记时必填）/ name (required for a new person)")
    new.add_argument(
        "--library",
        help="图书馆编号（libraries.yml）：新登记时为所属图书馆，已登记时为新岗位所在的图书馆 / library id: the "
        "person's own for a new person, where the new role is for a registered one",
    )
    new.add_argument(
        "--role",
        action="append",
        default=[],
        help="岗位，可写多次；写编号或中文名：manager 运营管理岗、assistant 运营助理岗、editor 编辑、reviewer 审核 / "
        "role, repeatable: manager, assistant, editor, reviewer (or the Chinese label)",
    )
    new.add_argument(
        "--from", dest="start", metavar="DATE", help="起始日期 YYYY-MM-DD（默认今天，北京时间）/ first day"
    )
    new.add_argument("--until", metavar="DATE", help="截止日期 YYYY-MM-DD（含当日，默认不限）/ last day (included)")
    new.add_argument(
        "--key",
        metavar="PUBKEY_FILE",
        help="SSH 公钥文件（.pub），审核、签发签名用 / the SSH public key file (.pub) used to sign reviews",
    )
    new.add_argument("--note", help="区分同名人员的说明，如所在部门 / a note that tells namesakes apart")
    new.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    new.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    new.set_defaults(run=run_add)
    signers = actions.add_parser(
        "allowed-signers",
        help="生成 allowed_signers 文件（ssh-keygen -Y verify、git 验证签名用）/ the allowed_signers file",
        description="按团队名册输出 ssh-keygen 的 allowed_signers 文件：每把公钥一行，principal 为人员编号，"
        "valid-after / valid-before 取公钥有效期与在岗期间的交集（北京时间整日）。也可用作 git config "
        "gpg.ssh.allowedSignersFile。 / Print the register's keys as an ssh-keygen allowed_signers file "
        "(principal: the person's id; validity: the key's and the person's whole days in Asia/Shanghai); "
        "also usable as git's gpg.ssh.allowedSignersFile.",
    )
    signers.add_argument("--output", metavar="FILE", help="写入文件（默认输出到屏幕）/ write to FILE (default stdout)")
    signers.add_argument("--root", metavar="DIR", help="编辑仓库所在目录 / the editorial repository")
    signers.add_argument("--lang", choices=("zh", "en"), help="消息语言 / message language")
    signers.set_defaults(run=run_signers)


def _epilog(lang: str) -> str:
    if lang == "en":
        return "\n".join(
            [
                "examples:",
                '  wemedia team add zhang-wei --name "Zhang Wei" --library nanhu --role reviewer --role editor '
                "--key ~/.ssh/id_ed25519.pub",
                "  wemedia team add chen-jing --role manager --from 2026-11-21     (a dated role for a registered "
                "person)",
                "  wemedia team add wu-min --library nanhu --role reviewer --from 2026-11-01   (part-time at another "
                "library)",
                "A role ends by its 'until' in content/team.yml (edit it by hand); roles and keys are judged on the",
                "day of each review, so a later change rewrites nothing.",
            ]
        )
    return "\n".join(
        [
            "示例：",
            "  wemedia team add zhang-wei --name 张伟 --library nanhu --role reviewer --role editor "
            "--key ~/.ssh/id_ed25519.pub",
            "  wemedia team add chen-jing --role manager --from 2026-11-21     （为已登记的人添加带日期的岗位）",
            "  wemedia team add wu-min --library nanhu --role reviewer --from 2026-11-01   （兼职另一图书馆）",
            "岗位的结束（交接）请在 content/team.yml 中给该岗位写上 until；审核按当日所任岗位判断，以后的变动不影响以前的记录。",
        ]
    )


# -- team add ---------------------------------------------------------------------------------------


def run_add(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    if not _ID.match(args.id):
        return fail(
            args,
            Text(
                f"编号“{args.id}”不合要求：只能用小写字母、数字和连字符，如 zhang-wei（同名时加数字，如 zhang-wei-2）。",
                f"the id '{args.id}' is not valid: use lowercase letters, digits and hyphens, e.g. zhang-wei.",
            ),
        )
    registers = archive_mod.load(root, [])
    for kind, path in (("team", TEAM), ("libraries", "content/libraries.yml")):
        if kind in registers.unreadable_registers:
            return fail(
                args,
                Text(
                    f"{path} 读不了，无法登记；请先运行 wemedia check {path} 并改正。",
                    f"{path} cannot be read, so nothing can be registered; run wemedia check {path} and fix it.",
                ),
            )
    try:
        start = clock.parse(args.start, "--from") if args.start else clock.today()
        until = clock.parse(args.until, "--until") if args.until else None
    except clock.BadDate as bad:
        return fail(args, bad.message)
    if until is not None and until < start:
        return fail(
            args,
            Text(
                f"--until {until} 早于起始日期 {start}；请改正日期。",
                f"--until {until} is before the first day {start}; correct the dates.",
            ),
        )
    roles = []
    for written in args.role:
        role = labels.lookup("team.role", written)
        if role is None:
            return fail(
                args,
                Text(
                    f"岗位“{written}”不认识；可选（写编号或中文名均可）：{labels.listing('team.role')}。",
                    f"unknown role '{written}'; choose one of: {labels.listing('team.role', 'en')}.",
                ),
            )
        if role not in roles:
            roles.append(role)
    library = args.library
    if library is not None and library not in registers.libraries:
        known = "、".join(sorted(registers.libraries)) or "（无）"
        return fail(
            args,
            Text(
                f"图书馆“{library}”不在 content/libraries.yml 中；已登记：{known}。请改正 --library，或先登记这个图书馆。",
                f"the library '{library}' is not in content/libraries.yml; registered: {known}. Correct --library "
                "or register the library first.",
            ),
        )
    key = None
    if args.key:
        key = read_public_key(Path(args.key))
        if isinstance(key, Text):
            return fail(args, key)
        owner = _key_owner(registers.people, key)
        if owner is not None:
            return fail(args, _key_taken(owner, args.id, args.key))
    person = registers.people.get(args.id)
    if person is None:
        plan = _new_person(args, registers, roles, library, start, until, key)
    else:
        plan = _more_for(args, person, roles, library, start, until, key)
    if isinstance(plan, Text):
        return fail(args, plan)
    return _write(args, root, registers, plan)


def _key_owner(people: dict[str, Person], key: str) -> Person | None:
    wanted = key_material(key)
    for person in people.values():
        keys = person.get("keys", [])
        for entry in keys if isinstance(keys, list) else ():
            if isinstance(entry, dict) and key_material(entry.get("key")) == wanted:
                return person
    return None


def _key_taken(owner: Person, pid: str, written: str) -> Text:
    if owner.id == pid:
        return Text(
            f"{written} 中的公钥已登记在 {pid} 名下，不必再加；有效期请在 content/team.yml 中修改。",
            f"the key in {written} is already registered to {pid}; change its dates in content/team.yml if needed.",
        )
    return Text(
        f"{written} 中的公钥已登记给 {owner.id}（{owner.get('name')}）；同一把密钥不能登记给两个人。"
        f"若就是此人，请用 wemedia team add {owner.id} …；否则请本人另生成一把密钥：ssh-keygen -t ed25519。",
        f"the key in {written} is already registered to {owner.id}; one key cannot belong to two people. If it is "
        f"that person, use wemedia team add {owner.id} …; otherwise generate a key of their own: ssh-keygen -t ed25519.",
    )


def _new_person(args, registers, roles, library, start, until, key):
    """The YAML of a new entry (one block mapping, keys in the register's usual order), or why not."""
    missing = [flag for flag, value in (("--name", args.name), ("--library", library), ("--role", roles)) if not value]
    if missing:
        return Text(
            f"{args.id} 还没有登记；新登记须写 {'、'.join(missing)}，如 wemedia team add {args.id} --name 张伟 "
            "--library nanhu --role reviewer --key ~/.ssh/id_ed25519.pub。",
            f"{args.id} is not registered yet; a new person needs {', '.join(missing)}, e.g. wemedia team add "
            f'{args.id} --name "Zhang Wei" --library nanhu --role reviewer --key ~/.ssh/id_ed25519.pub.',
        )
    name, note = args.name.strip(), (args.note or "").strip()
    if not folded_name(name):
        return Text("--name 不能为空。", "--name must not be empty.")
    for other in registers.people.values():
        if folded_name(other.get("name")) and folded_name(other.get("name")) == folded_name(name):
            if not folded_name(other.get("note")) and folded_name(note):
                return Text(
                    f"团队名册中已有同名的 {other.id}（{other.get('name')}），但没有写说明（note）；同名的两人都要写明区别。"
                    f"请先在 content/team.yml 中给 {other.id} 加上 note（如所在部门），再登记新的一位。",
                    f"{other.id} ({other.get('name')}) has the same name but no note; namesakes both need one. Add a "
                    f"note to {other.id} in content/team.yml first (e.g. the department), then register this person.",
                )
            if not told_apart(note, other.get("note")):
                return Text(
                    f"团队名册中已有同名的 {other.id}（{other.get('name')}）"
                    f"{'，说明也相同' if note else ''}。若就是此人，要添加岗位或公钥请用 wemedia team add {other.id} …；"
                    "若确是另一人，请用 --note 写明区别（如所在部门），与对方的说明不同。",
                    f"{other.id} ({other.get('name')}) has the same name{' and note' if note else ''}. If it is that "
                    f"person, add a role or key with wemedia team add {other.id} …; if not, tell them apart with "
                    "--note (e.g. the department), different from the other's note.",
                )
    fields = [("id", args.id), ("name", _scalar(name))]
    if note:
        fields.append(("note", _scalar(note)))
    fields += [("library", library), ("roles", f"[{', '.join(roles)}]"), ("active", _flow(_period(start, until)))]
    data = {"id": args.id, "name": name, **({"note": note} if note else {}), "library": library, "roles": roles}
    data["active"] = {k: v for k, v in (("from", start.isoformat()), ("until", _iso(until))) if v}
    lines = [f"{k}: {v}" for k, v in fields]
    if key:
        lines += ["keys:", f"  - key: {_scalar(key)}", *(f"    {k}: {v}" for k, v in _period(start, until, "valid_"))]
        data["keys"] = [{"key": key, **dict(_period(start, until, "valid_"))}]
    return _Plan(new_person=(lines, data), summary=_said_new(args.id, name, library, roles, start, until, key))


def _more_for(args, person: Person, roles, library, start, until, key):
    """The dated roles and the key to add to a registered person, or why not."""
    if args.name and folded_name(args.name) != folded_name(person.get("name")):
        return Text(
            f"{args.id} 已登记为“{person.get('name')}”，与 --name“{args.name}”不符；给已登记的人添加岗位或公钥时可不写 "
            f"--name。若是另一人，请换一个编号（如 {args.id}-2）。",
            f"{args.id} is registered as '{person.get('name')}', not '{args.name}'; leave --name out to add to "
            f"them, or choose another id (e.g. {args.id}-2) for someone else.",
        )
    if args.note:
        return Text(
            f"{args.id} 已登记；说明（note）请直接在 {TEAM} 中修改。",
            f"{args.id} is registered; change their note in {TEAM} by hand.",
        )
    if not roles and not key:
        return Text(
            f"{args.id} 已登记；请用 --role 写要添加的岗位，或用 --key 写要添加的公钥。",
            f"{args.id} is registered; give --role for a role or --key for a key to add.",
        )
    home = person.text("library")
    library = library or home
    if not person.active_on(start):
        begin, end = person.active_period
        return Text(
            f"{args.id} 的在岗期间为 {begin or '…'} 至 {end or '…'}，不含 {start}，从这天起的岗位和公钥都不会生效；"
            f"请用 --from 写在岗期间内的日期，或先在 {TEAM} 中改正 active。",
            f"{args.id} is in post {begin or '…'} to {end or '…'}, which does not include {start}; give --from within "
            f"that period, or correct 'active' in {TEAM} first.",
        )
    for role in roles:
        if person.holds(role, library, start):
            return Text(
                f"{args.id} 在 {start} 已是图书馆“{library}”的{labels.labelled('team.role', role)}，不必再加。",
                f"{args.id} already holds the role {role} at '{library}' on {start}.",
            )
    items, data = [], []
    for role in roles:
        fields = [("role", role)] + ([("library", library)] if library != home else []) + _period(start, until)
        items.append(_flow(fields))
        data.append(dict(fields))
    key_item = (key, _period(start, until, "valid_")) if key else None
    return _Plan(
        person=(person, items, data, key_item),
        summary=_said_more(args.id, library, roles, start, until, key),
    )


class _Plan:
    def __init__(self, summary: Text, new_person=None, person=None):
        self.summary, self.new_person, self.person = summary, new_person, person


def _period(start: dt.date, until: dt.date | None, prefix: str = "") -> list[tuple[str, str]]:
    fields = [("valid_from" if prefix else "from", start.isoformat())]
    if until is not None:
        fields.append(("valid_until" if prefix else "until", until.isoformat()))
    return fields


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _flow(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in fields) + "}"


def _scalar(value: str, flow: bool = False) -> str:
    """`value` as a YAML scalar: as written when our reader gives it back unchanged there, else quoted."""
    probe = f"[{value}]" if flow else f"k: {value}"
    try:
        data = yamlpos.load(probe)
        back = data[0] if flow else data["k"]
    except (yamlpos.YamlError, KeyError, IndexError, TypeError):
        back = None
    return value if back == value and "\n" not in value else json.dumps(value, ensure_ascii=False)


def _said_new(pid, name, library, roles, start, until, key) -> Text:
    period = f"{start} 起" + (f"至 {until}" if until else "")
    period_en = f"from {start}" + (f" to {until}" if until else "")
    roles_zh = "、".join(labels.labelled("team.role", r) for r in roles)
    return Text(
        f"已登记 {pid}（{name}）：图书馆 {library}，{roles_zh}，{period}"
        + ("，公钥同期有效" if key else "，未登记公钥")
        + f"。请检查 {TEAM} 的改动后提交，由运营管理岗审核。",
        f"registered {pid} ({name}): library {library}, {', '.join(roles)}, {period_en}"
        + (", key valid over the same days" if key else ", no key")
        + f". Review the change to {TEAM} and commit it for a manager to approve.",
    )


def _said_more(pid, library, roles, start, until, key) -> Text:
    period = f"{start} 起" + (f"至 {until}" if until else "")
    period_en = f"from {start}" + (f" to {until}" if until else "")
    what_zh = "、".join(
        [f"图书馆 {library} 的{labels.labelled('team.role', r)}" for r in roles] + (["公钥"] if key else [])
    )
    what_en = ", ".join([f"{r} at {library}" for r in roles] + (["a key"] if key else []))
    return Text(
        f"已为 {pid} 添加{what_zh}，{period}。请检查 {TEAM} 的改动后提交，由运营管理岗审核。",
        f"added to {pid}: {what_en}, {period_en}. Review the change to {TEAM} and commit it for a manager to approve.",
    )


# -- writing: insert into the bytes, check the result, switch atomically --------------------------------


class _Unsafe(Exception):
    """The file's layout is one this command does not edit by itself."""


def _write(args, root: Path, registers, plan: _Plan) -> int:
    path = root / TEAM
    doc = registers.document(TEAM)
    if doc is None:  # no register yet: a new file holding this person
        if plan.new_person is None:
            raise AssertionError("a registered person without a register")
        lines, _ = plan.new_person
        writer.create(path, "people:\n" + _block_item(lines, 2))
        print(plan.summary.get(lang_of(args)))
        return EXIT_OK
    try:
        edits, expected = _edits(doc, plan)
        raw = _apply(doc, edits)
        _verify(doc, raw, expected)
    except _Unsafe as why:
        if plan.new_person:
            snippet = _block_item(plan.new_person[0], 2)
        else:
            _, role_items, _, key_item = plan.person
            snippet = "".join(f"roles: - {item}\n" for item in role_items)
            if key_item:
                snippet += f"keys: - {_flow([('key', key_item[0]), *key_item[1]])}\n"
        return fail(
            args,
            Text(
                f"{TEAM} 的写法（{why.args[0]}）无法自动添加，文件没有改动；请手工添加：\n{snippet}",
                f"{TEAM} is laid out in a way ({why.args[0]}) this command does not edit; nothing was changed. "
                f"Add by hand:\n{snippet}",
            ),
        )
    try:
        writer.replace(path, doc.raw, raw)
    except writer.Changed:
        return fail(
            args,
            Text(
                f"{TEAM} 在读取之后被修改（或不是普通文件），为免覆盖别人的改动，没有写入；请重新运行。",
                f"{TEAM} changed after it was read (or is not a regular file); nothing was written, so no one's "
                "edit is lost. Run the command again.",
            ),
        )
    print(plan.summary.get(lang_of(args)))
    return EXIT_OK


def _block_item(lines: list[str], dash: int) -> str:
    """A block sequence item whose mapping lines are `lines`, its dash at column `dash` (0-based)."""
    pad = " " * dash
    return "".join(f"{pad}{'- ' if i == 0 else '  '}{line}\n" for i, line in enumerate(lines))


def _edits(doc, plan: _Plan) -> tuple[list[tuple[int, int, str]], object]:
    """(line, column, text) insertions into doc.text (1-based), and the data the result must hold."""
    import copy

    text = doc.text or ""
    lines = text.split("\n")
    spans = doc.spans()
    data = copy.deepcopy(doc.data) if isinstance(doc.data, dict) else {}
    if plan.new_person:
        entry, entry_data = plan.new_person
        people = data.get("people")
        if "people" not in data:  # an empty file, or comments only
            data["people"] = [entry_data]
            return [(None, 1, "people:\n" + _block_item(entry, 2))], data
        if not isinstance(people, list):  # `people:` with no list is an unreadable register, refused before
            raise _Unsafe("people 不是列表")
        people.append(entry_data)
        start = spans[("people",)]
        if _char(lines, start) == "[":  # `people: []`, as `wemedia init --empty` writes it
            if len(people) > 1:
                raise _Unsafe("people 写成了方括号列表")
            return [(start[2], start[3], "\n" + _block_item(entry, 2).removesuffix("\n"), (start[0], start[1]))], data
        dash = start[1] - 1
        last = _item_end(lines, spans[("people", len(people) - 2)][0] - 1, dash)
        return [(last + 2, 1, _block_item(entry, dash))], data
    person, role_items, role_data, key_item = plan.person
    index = person.path[1]
    entry = data["people"][index]
    base = ("people", index)
    edits = []
    if role_items:
        roles = entry.get("roles")
        if "roles" not in entry or not isinstance(roles, list):
            if "roles" in entry:
                raise _Unsafe("roles 不是列表")
            entry["roles"] = list(role_data)
            edits.append(_add_field(lines, spans, base, "roles", f"[{', '.join(role_items)}]", None))
        else:
            roles.extend(role_data)
            edits += _add_items(lines, spans, base + ("roles",), len(roles) - len(role_data), role_items)
    if key_item:
        key, period = key_item
        keys = entry.get("keys")
        item_data = {"key": key, **dict(period)}
        flow_item = _flow([("key", key), *period])
        block_lines = [f"key: {_scalar(key)}", *(f"{k}: {v}" for k, v in period)]
        if "keys" not in entry:
            entry["keys"] = [item_data]
            edits.append(_add_field(lines, spans, base, "keys", f"[{flow_item}]", block_lines))
        elif not isinstance(keys, list):
            raise _Unsafe("keys 不是列表")
        else:
            keys.append(item_data)
            edits += _add_items(lines, spans, base + ("keys",), len(keys) - 1, [flow_item], [block_lines])
    return edits, data


def _char(lines: list[str], at: tuple) -> str:
    line = lines[at[0] - 1]
    return line[at[1] - 1 : at[1]]


def _item_end(lines: list[str], first: int, dash: int) -> int:
    """0-based index of the last line of the block sequence item starting on line `first` (0-based)
    whose dash is at column `dash` (0-based): the lines after it indented deeper belong to it."""
    last = first
    for k in range(first + 1, len(lines)):
        body = lines[k].lstrip(" ")
        if not body:
            continue
        if len(lines[k]) - len(body) <= dash:
            break
        last = k
    return last


def _add_items(lines, spans, path, count: int, flow_items: list[str], block_items: list[list[str]] | None = None):
    """Insertions appending items to the sequence at `path`, which holds `count` items now."""
    start, end = spans[path], spans[path]
    if _char(lines, start) == "[":
        joint = ", " if count else ""
        return [(end[2], end[3] - 1, joint + ", ".join(flow_items))]
    if _char(lines, start) != "-":
        raise _Unsafe("列表的写法不认识")
    dash = start[1] - 1
    last = _item_end(lines, spans[path + (count - 1,)][0] - 1, dash)
    items = block_items or [[item] for item in flow_items]
    text = "".join(
        " " * dash + "- " + "\n".join(line if i == 0 else " " * (dash + 2) + line for i, line in enumerate(item)) + "\n"
        for item in items
    )
    return [(last + 2, 1, text)]


def _add_field(lines, spans, base, key: str, flow_value: str, block_lines: list[str] | None):
    """An insertion adding `key` to the mapping at `base` (a person)."""
    start, end = spans[base][:2], spans[base][2:]
    if _char(lines, start) == "{":
        return (end[0], end[1] - 1, f", {key}: {flow_value}")
    dash = spans[("people",)][1] - 1
    pad = " " * (start[1] - 1)
    last = _item_end(lines, start[0] - 1, dash)
    if block_lines:
        text = f"{pad}{key}:\n{pad}  - " + f"\n{pad}    ".join(block_lines) + "\n"
    else:
        text = f"{pad}{key}: {flow_value}\n"
    return (last + 2, 1, text)


def _apply(doc, edits) -> bytes:
    """doc.raw with the insertions made, in the file's own line ends; every other byte as it was.

    An edit is (line, column, text) — inserted there; line None, or a line past the last one, is the
    end of the file — or (line, column, text, (line, column)): the text replaces what lies from the
    second place up to the first (the `[]` of an empty `people: []`, and the spaces before it)."""
    raw = doc.raw
    count = len((doc.text or "").split("\n"))
    for line, column, insert, *replaced in sorted(edits, key=lambda e: (e[0] or 1 << 30, e[1]), reverse=True):
        if line is None or line > count:
            at = len(raw)
            if raw and not raw.endswith(b"\n"):
                insert = "\n" + insert
        else:
            at = doc.byte_offset(line, column)
        cut = at
        if replaced:
            cut = doc.byte_offset(*replaced[0])
            while cut > 0 and raw[cut - 1 : cut] in (b" ", b"\t"):
                cut -= 1
        raw = raw[:cut] + insert.replace("\n", doc.newline).encode("utf-8") + raw[at:]
    return raw


def _verify(doc, raw: bytes, expected) -> None:
    """The new bytes must read as the register with exactly the additions: anything else is refused."""
    body = raw[len(documents.BOM) :] if doc.bom else raw
    try:
        text = body.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise _Unsafe("编码") from None
    again = documents.from_text(TEAM, "team", text)
    if not again.ok or again.data != expected:
        raise _Unsafe("修改后内容不符")


# -- public keys ----------------------------------------------------------------------------------


def read_public_key(path: Path) -> str | Text:
    """`type base64` of the one OpenSSH public key in the file at `path` (its comment left out: a
    comment often carries a user and host name, which the register does not need), or why not."""
    shown = os.fspath(path)
    try:
        if not path.is_file():
            raise FileNotFoundError
        data = path.read_bytes()[:65536]
    except OSError:
        return Text(
            f"找不到公钥文件 {shown}；请给出 ssh-keygen 生成的 .pub 文件，如 ~/.ssh/id_ed25519.pub"
            "（没有时先运行 ssh-keygen -t ed25519）。",
            f"no public key file {shown}; give the .pub file ssh-keygen made, e.g. ~/.ssh/id_ed25519.pub (run "
            "ssh-keygen -t ed25519 first if there is none).",
        )
    if b"PRIVATE KEY" in data:
        return Text(
            f"{shown} 是私钥，不能登记，也不要交给任何人；请给出同名的 .pub 文件（公钥），如 {shown}.pub。",
            f"{shown} is a private key: never register or share it; give the matching .pub file, e.g. {shown}.pub.",
        )
    not_a_key = Text(
        f"{shown} 不是 OpenSSH 公钥文件（应只有一行，以 ssh-ed25519、ecdsa-sha2-nistp256 或 ssh-rsa 开头）；"
        "请给出 ssh-keygen 生成的 .pub 文件，如 ~/.ssh/id_ed25519.pub。",
        f"{shown} is not an OpenSSH public key file (one line starting with ssh-ed25519, ecdsa-sha2-nistp256 or "
        "ssh-rsa); give the .pub file ssh-keygen made, e.g. ~/.ssh/id_ed25519.pub.",
    )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return not_a_key
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if len(lines) != 1:
        return not_a_key
    try:
        return signatures.openssh_key(lines[0])  # the one parser: what verify() would refuse is refused here
    except signatures.SignatureError:
        return not_a_key


# -- team allowed-signers ---------------------------------------------------------------------------

# Every namespace wemedia signs in, and git's: the same file verifies reviews and signed commits.
ALLOWED_NAMESPACES = (*signatures.NAMESPACES.values(), "git")


def signer_lines(people: dict[str, Person]) -> list[str]:
    """The allowed_signers lines of the register: one per key of each person, valid over the days both
    the key (`valid_from`–`valid_until`) and the person (`active`) cover. A key without a readable
    `valid_from`, with a date that cannot be read, or whose days never meet the person's is left out:
    wemedia accepts no signature by it either."""
    out = []
    for pid, person in people.items():
        keys = person.get("keys", [])
        period = person.get("active") if isinstance(person.get("active"), dict) else {}
        lines = []
        for entry in keys if isinstance(keys, list) else ():
            if not isinstance(entry, dict) or key_material(entry.get("key")) is None:
                continue
            bounds = _dates(entry.get("valid_from"), entry.get("valid_until"), period.get("from"), period.get("until"))
            if bounds is None:
                continue
            line = signatures.allowed_signers_line([pid], entry["key"], list(ALLOWED_NAMESPACES), *bounds)
            if line not in lines:
                lines.append(line)
        if lines:
            out.append(f"# {pid}")
            out += lines
    return out


def _dates(key_from, key_until, active_from, active_until):
    """(first day, last day or None: open) that both the key and the person cover; None when there is
    none, when the key has no `valid_from`, or when a date written cannot be read (as `key_valid_on`
    and `active_on` judge them)."""
    written = (key_from, key_until, active_from, active_until)
    days = [None if value is None else clock.day_of(value) for value in written]
    if key_from is None or any(day is None for day, value in zip(days, written, strict=True) if value is not None):
        return None
    first = max(day for day in (days[0], days[2]) if day is not None)
    last = min((day for day in (days[1], days[3]) if day is not None), default=None)
    return None if last is not None and last < first else (first, last)


def run_signers(args) -> int:
    root = repository(args)
    if root is None:
        return fail(args, NO_REPOSITORY)
    registers = archive_mod.load(root, [])
    if "team" in registers.unreadable_registers:
        return fail(
            args,
            Text(
                f"{TEAM} 读不了；请先运行 wemedia check {TEAM} 并改正。",
                f"{TEAM} cannot be read; run wemedia check {TEAM} and fix it.",
            ),
        )
    header = [
        "# allowed_signers：由 wemedia team allowed-signers 按 content/team.yml 生成，请勿手工修改。",
        "# generated from content/team.yml by `wemedia team allowed-signers`; do not edit.",
        "# ssh-keygen -Y verify -f 本文件 -I 人员编号 -n wemedia-signoff -s 签名 -Overify-time=审核时间(YYYYMMDDHHMMSS) < 消息",
        "# (without -Overify-time ssh-keygen judges the key's dates by today); git config gpg.ssh.allowedSignersFile 本文件",
    ]
    text = "\n".join(header + signer_lines(registers.people)) + "\n"
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output)
    try:
        if os.path.lexists(target):
            writer.replace(target, target.read_bytes() if target.is_file() else b"", text)
        else:
            writer.create(target, text)
    except (writer.Changed, writer.AlreadyExists):
        return fail(
            args,
            Text(
                f"{args.output} 不是普通文件或刚被修改，没有写入；请换一个文件名或重新运行。",
                f"{args.output} is not a regular file or just changed; nothing was written. Choose another name "
                "or run again.",
            ),
        )
    count = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    print(Text(f"已写入 {args.output}：{count} 把公钥。", f"wrote {args.output}: {count} keys.").get(lang_of(args)))
    return EXIT_OK
