"""Shared fixtures: small real repositories in temporary folders, and the real `wemedia` CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import signing

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
BASE = TESTS / "fixtures" / "base"

# The real console scripts (wemedia, pre-commit, mkdocs) of this environment, whichever way pytest started.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
# Rules that depend on the date judge by this day, in this process and every `wemedia` it starts, so that
# no test changes its verdict when the calendar moves on. A fixture case may name its own (`today:`).
os.environ["WEMEDIA_TODAY"] = "2026-12-01"

DRAFT = """---
title: 测试文章
library: lib
author: ed
created: 2026-09-01
category: news
source: {type: original}
licence: CC-BY-4.0
status: draft
---

# 测试文章

正文。
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A minimal editorial repository: one library, four people, one account, no posts."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    signing.replace_keys(root)  # reviewers' public keys, made for this test session
    return root


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def run_cli(capsys):
    """Call `wemedia …` in-process (main(argv) -> int) and return (exit code, stdout, stderr)."""
    from wemedia.cli.main import main

    def call(*argv: str, cwd: Path | None = None):
        old = Path.cwd()
        if cwd:
            os.chdir(cwd)
        try:
            code = main(list(argv))
        finally:
            os.chdir(old)
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


@pytest.fixture
def agent(tmp_path, monkeypatch):
    """A real ssh-agent of our own, on a socket in tmp_path, stopped after the test."""
    socket = tmp_path / "agent.sock"
    process = subprocess.Popen(
        ["ssh-agent", "-D", "-a", str(socket)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(200):
            if socket.exists():
                break
            time.sleep(0.01)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(socket))
        yield socket
    finally:
        process.terminate()
        process.wait(timeout=10)
