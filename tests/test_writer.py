"""The one writer: new files get the user's usual permissions, nothing is overwritten or left half-written,
and creating works on file systems without hard links (a FAT/exFAT USB stick), mounted for real."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wemedia import writer


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".wemedia-"))


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize(
    "mask, mode",
    [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)],
    ids=["umask 022", "umask 027", "umask 002", "umask 077"],
)
def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path, umask, mask, mode):
    """As any editor would save it — not the 0600 of a temporary file, which colleagues could not read."""
    umask(mask)
    path = writer.create(tmp_path / "a" / "post.md", "正文")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == "正文"
    assert _leftovers(path.parent) == []


def test_an_existing_file_is_left_alone(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("原有内容", encoding="utf-8")
    with pytest.raises(writer.AlreadyExists):
        writer.create(path, "新内容")
    assert path.read_text(encoding="utf-8") == "原有内容"
    assert _leftovers(tmp_path) == []


# -- the way without hard links ---------------------------------------------------------------------


def test_the_exclusive_way_writes_and_never_overwrites(tmp_path, umask):
    """`create_exclusive` is what a refused hard link leads to (tested on a real exFAT stick below,
    where root may mount one; this runs everywhere)."""
    umask(0o027)
    path = writer.create_exclusive(tmp_path / "post.md", "正文".encode())
    assert path.read_bytes() == "正文".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(writer.AlreadyExists):
        writer.create_exclusive(path, b"other")
    assert path.read_bytes() == "正文".encode()


# A process whose files may not grow past 1000 bytes (RLIMIT_FSIZE): a write of more fails half-way,
# as on a full USB stick. Run apart, so the limit binds nothing else.
_LIMITED = textwrap.dedent("""
    import errno, resource, signal, sys
    from pathlib import Path
    from wemedia import writer
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
    way = getattr(writer, sys.argv[1])
    try:
        way(Path(sys.argv[2]), b"x" * 100_000)
    except OSError as error:
        print(errno.errorcode[error.errno])
    else:
        print("written")
""")


@pytest.mark.parametrize("way", ["create_exclusive", "create"])
def test_a_failed_write_leaves_no_partial_file(tmp_path, way):
    if sys.platform != "linux":
        pytest.skip("RLIMIT_FSIZE as Linux has it")
    target = tmp_path / "post.md"
    done = subprocess.run([sys.executable, "-c", _LIMITED, way, str(target)], capture_output=True, text=True)
    assert done.stdout.strip() == "EFBIG", done.stdout + done.stderr
    assert not target.exists()
    assert os.listdir(tmp_path) == []  # neither the target nor a temporary file


@pytest.fixture
def stick(tmp_path):
    """A real exFAT file system, as on a USB stick: an image file made by mkfs.exfat, loop-attached and
    mounted (by the kernel's exfat/vfat driver, else by exfat-fuse). Needs root and the tools:
    `apt-get install exfatprogs exfat-fuse` on Debian."""
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    tools = {name: shutil.which(name) for name in ("mkfs.exfat", "losetup", "mount")}
    if not all(tools.values()):
        pytest.skip(f"needs {', '.join(n for n, p in tools.items() if not p)} (apt-get install exfatprogs exfat-fuse)")
    image, mountpoint = tmp_path / "stick.img", tmp_path / "stick"
    mountpoint.mkdir()
    with open(image, "wb") as handle:
        handle.truncate(16 * 1024 * 1024)
    subprocess.run([tools["mkfs.exfat"], str(image)], check=True, capture_output=True)
    loop = subprocess.run([tools["losetup"], "--find", "--show", str(image)], capture_output=True, text=True)
    if loop.returncode != 0:
        pytest.skip(f"no loop device: {loop.stderr.strip()}")
    device = loop.stdout.strip()
    mounted = subprocess.run([tools["mount"], "-t", "exfat", device, str(mountpoint)], capture_output=True)
    if mounted.returncode != 0 and shutil.which("mount.exfat-fuse"):
        mounted = subprocess.run(["mount.exfat-fuse", device, str(mountpoint)], capture_output=True)
    try:
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount exFAT here: {mounted.stderr.decode(errors='replace').strip()}")
        yield mountpoint
    finally:
        if os.path.ismount(mountpoint):
            subprocess.run(["umount", str(mountpoint)], check=True)
        subprocess.run([tools["losetup"], "--detach", device], check=True)


def test_creating_works_on_a_stick_without_hard_links(stick):
    folder = stick / "content" / "posts"
    probe = folder / "probe"
    folder.mkdir(parents=True)
    probe.write_bytes(b"")
    with pytest.raises(OSError) as refused:  # the premise: this file system really has no hard links
        os.link(probe, folder / "probe-link")
    assert refused.value.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS)
    probe.unlink()

    path = writer.create(folder / "2026-12-21-01.md", "冬至：一起来包饺子\n")
    assert path.read_text(encoding="utf-8") == "冬至：一起来包饺子\n"
    with pytest.raises(writer.AlreadyExists):
        writer.create(path, "另一篇")
    assert path.read_text(encoding="utf-8") == "冬至：一起来包饺子\n"
    assert sorted(os.listdir(folder)) == ["2026-12-21-01.md"]  # no temporary file left behind


def test_replacing_works_on_a_stick_too(stick):
    path = writer.create(stick / "team.yml", "people:\n")
    writer.replace(path, b"people:\n", "people:\n  - id: ed\n")
    assert path.read_text(encoding="utf-8") == "people:\n  - id: ed\n"
    assert os.listdir(stick) == ["team.yml"]


# -- changing a file: only if it still holds what was read --------------------------------------------


def test_a_file_is_replaced_whole_keeping_its_permissions(tmp_path):
    path = tmp_path / "team.yml"
    path.write_bytes(b"people:\r\n")
    path.chmod(0o640)
    assert writer.replace(path, b"people:\r\n", "people:\r\n  - id: 甲\r\n") == path
    assert path.read_bytes() == "people:\r\n  - id: 甲\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path):
    """Someone saved the register between our reading and our writing: their edit wins, ours is refused."""
    path = tmp_path / "team.yml"
    path.write_bytes(b"people:\n  - id: theirs\n")
    with pytest.raises(writer.Changed) as refused:
        writer.replace(path, b"people:\n", "people:\n  - id: ours\n")
    assert refused.value.reason == "changed"
    assert path.read_bytes() == b"people:\n  - id: theirs\n"
    assert _leftovers(tmp_path) == []


def test_a_missing_file_or_a_symbolic_link_is_not_replaced(tmp_path):
    with pytest.raises(writer.Changed) as refused:
        writer.replace(tmp_path / "gone.yml", b"", "x")
    assert refused.value.reason == "missing" and not (tmp_path / "gone.yml").exists()
    target = tmp_path / "elsewhere.yml"
    target.write_bytes(b"people:\n")
    (tmp_path / "team.yml").symlink_to(target)
    with pytest.raises(writer.Changed) as refused:
        writer.replace(tmp_path / "team.yml", b"people:\n", "x")
    assert refused.value.reason == "not-a-file"
    assert target.read_bytes() == b"people:\n" and (tmp_path / "team.yml").is_symlink()
