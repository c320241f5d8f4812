"""What a check reports on: the selection, and the command-line paths it starts from.

Loading (`archive`) and selecting are separate jobs: rules always see the whole archive, and the
selection only decides whose findings are reported — which is why `wemedia check F` reports exactly
what the full check reports for F.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from wemedia import documents
from wemedia.archive import CONTENT, Archive, post_like, walk
from wemedia.model import Post
from wemedia.textfile import decode


def choose(archive: Archive, selection: list[str] | None, removed: Iterable[str] = ()) -> set[str]:
    """The paths to report on: everything, or the paths given plus what a change makes necessary.

    A selection that includes (or removes) a register reports on everything: removing a person or an
    account can break every post that names them. A register that cannot be read is reported with any
    selection: the rules that need it stand down, so its own error must stop the change, or a broken
    register would pass anything; so is a disclosure policy the guard cannot read. A removed file is checked through the documents that name it. With a
    history (`--staged`, `--base`), the released posts it judges are reported on too — a deleted one
    under its old path, an unchanged one whose image the change replaced under its own. A post
    brings the per-platform versions it names (`channels[].file`): their media are judged against the
    post's assets (WM210), so a change to the post can break them. A change to the official calendar
    (`content/policy/calendar/`) reports on every month of messages, whose deadlines it sets. A removed
    monthly figures file or screenshot reports on the months left, where its absence is reported (WM801)."""
    removed = set(removed)
    if selection is None or any(p in documents.REGISTER_PATHS for p in set(selection) | removed):
        chosen = {p for p in archive.files if archive.kind_of(p) is not None}
    else:
        chosen = {p for p in selection if archive.kind_of(p) is not None}
        if removed:
            from wemedia.references import referrers

            chosen |= referrers(archive, removed)
        chosen |= _variants(archive, chosen)
        if any(documents.kind_of(p) == "targets" for p in removed):
            # a year's targets removed: what it leaves undone stands at the library's entry (WM901)
            chosen.add("content/libraries.yml")
        if any(documents.kind_of(p) == "policy-calendar" for p in set(selection) | removed):
            # the working days changed: every inquiry's deadline may have moved
            chosen |= {p for p in archive.files if archive.kind_of(p) == "messages"}
        if any(p.startswith("content/metrics/") for p in removed):
            chosen |= _metrics_neighbours(archive)
    chosen |= {p for p, kind in documents.REGISTER_PATHS.items() if kind in archive.unreadable_registers}
    if archive.history is not None:  # released posts the change deletes, renames or changes through a file
        from wemedia import history

        chosen |= set(history.judged(archive))
    from wemedia import disclosure

    if disclosure.policy(archive).problems:  # the guard fails closed: its policy's error blocks any change
        chosen.add(disclosure.POLICY)
    return chosen


def _metrics_neighbours(archive: Archive) -> set[str]:
    """A monthly figures file or screenshot removed: the months left are where its absence is reported
    (WM801, WM802), or the accounts register when no month is left."""
    months = {p for p in archive.files if archive.kind_of(p) == "metrics"}
    return months or {"content/accounts.yml"}


def _variants(archive: Archive, chosen: Iterable[str]) -> set[str]:
    """The per-platform version files that the chosen posts name and that are variants."""
    out: set[str] = set()
    for path in chosen:
        doc = archive.document(path)
        if doc is not None and doc.kind == "post" and doc.ok:
            out.update(v for _, v in Post(doc).variants if archive.kind_of(v) == "variant")
    return out


def named_before(previous: dict[str, bytes]) -> set[str]:
    """The per-platform version files that posts named in their previous versions (`previous`: each
    changed or removed post's bytes as git last had them). Pointing a channel at another file, or
    removing the post, leaves the old file named by nobody: it turns into a broken post (WM003) or a
    stray (WM006), so the same change must check it. Parsed as `documents.read` parses a post."""
    out: set[str] = set()
    for path, raw in previous.items():
        text = decode(raw).text
        if text is None or documents.kind_of(path) != "post":
            continue
        doc = documents.from_text(path, "post", text)
        if post_like(doc):
            out.update(v for _, v in Post(doc).variants if v != path)
    return out


def expand(root: Path, paths: list[Path]) -> tuple[list[str], list[str], list[str]]:
    """Command-line paths as repository-relative files under content/; also the paths not found, and
    those that exist but are not under content/ (nothing there is checked)."""
    chosen: list[str] = []
    missing: list[str] = []
    outside: list[str] = []
    all_files: list[str] | None = None
    for path in paths:
        absolute = Path(os.path.abspath(path))
        try:
            rel = absolute.relative_to(root).as_posix()
        except ValueError:
            missing.append(str(path))
            continue
        if absolute.is_dir():
            all_files = all_files if all_files is not None else walk(root)
            prefix = "" if rel == "." else rel + "/"
            chosen.extend(f for f in all_files if f.startswith(prefix))
        elif absolute.exists() or absolute.is_symlink():
            (chosen if rel.startswith(CONTENT + "/") else outside).append(rel)
        else:
            missing.append(str(path))
    return sorted(set(chosen)), missing, outside
