"""ruff keeps the code consistent: lint and format as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT

TREES = ["src", "tests", "hooks"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args, *TREES], cwd=PROJECT, capture_output=True, text=True)


def test_ruff_finds_nothing_to_lint():
    done = _ruff("check", "--no-cache", "--output-format", "concise")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    done = _ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
