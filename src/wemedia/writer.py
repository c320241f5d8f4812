"""The one writer: every file wemedia creates goes through here.

It never overwrites what exists and never leaves a half-written file: text is written to a temporary
file beside the target and linked into place only if the target is still absent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AlreadyExists(FileExistsError):
    pass


def create(path: Path, content: str | bytes) -> Path:
    """Write a new file; raise AlreadyExists if `path` is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wemedia-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            os.link(tmp, path)  # atomic and fails if the target exists
        except FileExistsError:
            raise AlreadyExists(str(path)) from None
    finally:
        os.unlink(tmp)
    return path
