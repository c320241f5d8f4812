"""The one writer: every file wemedia creates or changes goes through here.

It never overwrites what exists and never leaves a half-written file: text is written to a temporary
file beside the target and linked into place only if the target is still absent. A new file gets the
permissions the user's umask gives, as a file saved by any other program would (a temporary file is
made private, 0600, and would otherwise keep that).

A command that changes a file (`wemedia team add` appending to the team register) uses `replace`: the
caller gives the bytes it read and the bytes it wants, and the file is replaced atomically only if it
still holds what was read — an edit saved by someone else in the meantime is never lost.

File systems without hard links (FAT/exFAT USB sticks, some network shares) refuse the link; there the
file is created exclusively (O_CREAT|O_EXCL, which fails if it exists) and written in place, and if the
writing fails the partial file is removed again.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

# What link(2) says where the file system has no hard links: EPERM on Linux's vfat/exfat and FUSE
# mounts, EOPNOTSUPP/ENOTSUP or ENOSYS elsewhere, EXDEV on some network shares, EMLINK never expected.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS}


class AlreadyExists(FileExistsError):
    pass


class Changed(Exception):
    """The file no longer holds what the caller read (or is not a regular file): nothing was written."""

    def __init__(self, path: Path, reason: str = "changed"):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason  # reason: "changed" | "missing" | "not-a-file"


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (no window for other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def create(path: Path, content: str | bytes) -> Path:
    """Write a new file; raise AlreadyExists if `path` is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wemedia-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if hasattr(os, "fchmod"):
                try:
                    os.fchmod(handle.fileno(), 0o666 & ~_umask())
                except OSError:  # a file system without Unix permissions: it has its own idea of them
                    pass
        try:
            os.link(tmp, path)  # atomic and fails if the target exists
        except FileExistsError:
            raise AlreadyExists(str(path)) from None
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            create_exclusive(path, data)
    finally:
        os.unlink(tmp)
    return path


def create_exclusive(path: Path, data: bytes) -> Path:
    """Create `path` only if absent and write `data` into it; on any failure remove what was created.

    The way of `create` where hard links are not available. The mode asked for is 0666, which the
    operating system narrows by the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise AlreadyExists(str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        # ours alone: O_EXCL created it a moment ago, so removing it deletes nothing the user had
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    return path


def replace(path: Path, was: bytes, content: str | bytes) -> Path:
    """Replace the content of the existing file `path`, which the caller read as `was`, with `content`.

    Raises Changed, writing nothing, if the file is gone, is a symbolic link or not a regular file, or no
    longer holds `was` (checked before writing and again just before the switch). The switch is atomic
    (a temporary file beside it, fsync, `os.replace`): a reader sees the old file or the new one. The
    file keeps its permissions."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    _unchanged(path, was)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wemedia-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, mode)
        except OSError:  # a file system without Unix permissions
            pass
        _unchanged(path, was)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _unchanged(path: Path, was: bytes) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise Changed(path, "missing") from None
    if not stat.S_ISREG(info.st_mode):
        raise Changed(path, "not-a-file")
    with open(path, "rb") as handle:
        if handle.read() != was:
            raise Changed(path)
