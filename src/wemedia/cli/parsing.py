"""argparse, speaking the librarian's language.

argparse writes its own words in English — `usage:`, `options`, `show this help message and exit`,
`error: unrecognized arguments` — and the commands' help is written "中文 / English". `Parser` keeps
argparse's behaviour (exit code 2 on a usage error) but says its own words in the chosen language,
shows the chosen half of each bilingual help text, and ends every error with what to do next.

The language must be known before the arguments are parsed (for `--help` and for errors), so
`language(argv)` reads `--lang` from the raw arguments itself, then `WEMEDIA_LANG`.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import re
import sys
import unicodedata

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def language(argv: list[str]) -> str:
    """`--lang en` / `--lang=en` anywhere in argv, else WEMEDIA_LANG, else Chinese."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "en" if os.environ.get("WEMEDIA_LANG") == "en" else "zh"


def pick(text: str | None, lang: str) -> str | None:
    """The `lang` half of a "中文 / English" text; the text unchanged when it is not written so."""
    if not text:
        return text
    for m in re.finditer(r"\s?/ ", text):
        left, right = text[: m.start()], text[m.end() :]
        if _CJK.search(left) and not _CJK.search(right) and right[:1].isascii():
            return right.strip() if lang == "en" else left.strip()
    return text


def width(text: str) -> int:
    """Columns `text` takes in a terminal: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


WORDS = {  # argparse's own words
    "usage": {"zh": "用法：", "en": "usage: "},
    "positionals": {"zh": "参数", "en": "positional arguments"},
    "options": {"zh": "选项", "en": "options"},
    "help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    "version": {"zh": "显示版本号并退出", "en": "show program's version number and exit"},
    "error": {"zh": "错误", "en": "error"},
}


class Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, lang: str = "zh", **kw) -> None:
        super().__init__(prog, max_help_position=32, **kw)
        self.lang = lang

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, WORDS["usage"][self.lang] if prefix is None else prefix)

    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        wide = width(prefix or "") - len(prefix or "")  # argparse aligns continuation lines by len()
        return text.replace("\n" + " " * len(prefix or ""), "\n" + " " * (len(prefix or "") + wide)) if wide else text

    def add_text(self, text):
        super().add_text(pick(text, self.lang))

    def _expand_help(self, action):
        return pick(super()._expand_help(action), self.lang)

    def _format_action(self, action):
        if isinstance(action, argparse._SubParsersAction):  # the commands themselves, not a "命令" line above them
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        return super()._format_action(action)


class RawFormatter(Formatter, argparse.RawDescriptionHelpFormatter):
    """For a command whose description and epilog are laid out by hand (a table), in both languages."""

    def add_text(self, text):
        argparse.RawDescriptionHelpFormatter.add_text(self, text)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words, help texts and errors follow `lang`. `raw=True` keeps the
    description and epilog as written (both languages, line by line)."""

    def __init__(self, *args, lang: str = "zh", raw: bool = False, **kw) -> None:
        kw["formatter_class"] = functools.partial(RawFormatter if raw else Formatter, lang=lang)
        super().__init__(*args, **kw)
        self.lang = lang
        # The parser of the command typed (`wemedia check`): an unknown argument reaches the top
        # parser, but its usage and `--help` are the command's.
        self.command: argparse.ArgumentParser | None = None
        self._positionals.title = WORDS["positionals"][lang]
        self._optionals.title = WORDS["options"][lang]
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = WORDS["help"][lang]

    def add_argument(self, *args, **kw):
        action = super().add_argument(*args, **kw)
        if isinstance(action, argparse._VersionAction):
            action.help = WORDS["version"][self.lang]
        return action

    def add_subparsers(self, **kw):
        kw.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kw)

    def format_help(self):
        text = super().format_help()
        if self.lang == "zh":  # argparse ends section headings with an ASCII colon
            for group in self._action_groups:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str):
        what = translate(message, self.lang)
        target = self.command or self
        target.print_usage(sys.stderr)
        if self.lang == "en":
            joint = " Run" if what.endswith("?") else "; run"
            self.exit(2, f"{target.prog}: error: {what}{joint} `{target.prog} --help` for how to use it.\n")
        joint = "" if what.endswith("？") else "；"
        self.exit(2, f"{target.prog}：错误：{what}{joint}运行 {target.prog} --help 查看用法。\n")


def _names(text: str) -> str:
    return "、".join(part.strip().strip("'") for part in text.split(","))


def _invalid_choice(m: re.Match, lang: str) -> str:
    argument, value, choices = m.group("arg"), m.group("value").strip("'\""), m.group("choices")
    options = [c.strip().strip("'\"") for c in choices.split(",")]
    close = difflib.get_close_matches(value, options, n=1)
    command = argument in ("命令", "command", "post", "命令 / command")
    if lang == "en":
        head = f"unknown command '{value}'" if command else f"'{value}' is not a valid value for {argument}"
        return head + f" (choose from {', '.join(options)})" + (f"; did you mean '{close[0]}'?" if close else "")
    head = f"没有“{value}”这个命令" if command else f"“{value}”不是 {argument} 可用的值"
    return head + f"（可选：{'、'.join(options)}）" + (f"；是否想输入 {close[0]}？" if close else "")


_TYPES = {"int": "整数", "float": "数字"}
# argparse's error messages (3.11–3.13) -> Chinese; group names as argparse fills them in.
_ERRORS: tuple[tuple[re.Pattern, object], ...] = (
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), lambda m: f"未知的参数 {m.group('args')}"),
    (
        re.compile(r"the following arguments are required: (?P<args>.*)"),
        lambda m: f"缺少必填的参数 {_names(m.group('args'))}",
    ),
    (re.compile(r"argument (?P<arg>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)"), None),
    (
        re.compile(r"argument (?P<arg>[^:]+): invalid (?P<type>\w+) value: (?P<value>.*)"),
        lambda m: (
            f"参数 {m.group('arg')} 的值“{m.group('value').strip(chr(39))}”不是有效的"
            f"{_TYPES.get(m.group('type'), m.group('type'))}"
        ),
    ),
    (re.compile(r"argument (?P<arg>[^:]+): expected one argument"), lambda m: f"参数 {m.group('arg')} 后面缺少值"),
    (
        re.compile(r"argument (?P<arg>[^:]+): expected at most one argument"),
        lambda m: f"参数 {m.group('arg')} 后面最多只能有一个值",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): expected at least one argument"),
        lambda m: f"参数 {m.group('arg')} 后面至少要有一个值",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): expected (?P<n>\d+) arguments?"),
        lambda m: f"参数 {m.group('arg')} 后面要有 {m.group('n')} 个值",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): not allowed with argument (?P<other>.*)"),
        lambda m: f"参数 {m.group('arg')} 不能与 {m.group('other')} 同时使用",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): ignored explicit argument (?P<value>.*)"),
        lambda m: f"参数 {m.group('arg')} 不接受值 {m.group('value')}",
    ),
    (
        re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.*)"),
        lambda m: f"选项 {m.group('opt')} 不明确，可能是 {_names(m.group('matches'))}",
    ),
    (
        re.compile(r"one of the arguments (?P<args>.*) is required"),
        lambda m: f"以下参数必须给出一个：{m.group('args')}",
    ),
)


def translate(message: str, lang: str) -> str:
    """argparse's error `message` in `lang`; an unknown message is kept as argparse wrote it."""
    for pattern, zh in _ERRORS:
        if m := pattern.fullmatch(message):
            if zh is None:
                return _invalid_choice(m, lang)
            return message if lang == "en" else zh(m)
    return message
