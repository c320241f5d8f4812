"""The one message for a file a record names that is not there (WM012, WM202, WM211).

At commit time a file can be on the editor's disk and still not be in the commit (never `git add`ed):
then "does not exist" would baffle them, so the message says what is really wrong and what to type.
"""

from __future__ import annotations

from wemedia.i18n import Text


def missing_file(archive, what: Text, written: str, target: str, remedy: Text) -> Text:
    """`what` (e.g. 素材文件 / the asset file) named as `written`, expected at repository path `target`."""
    if archive.uncommitted(target):
        return Text(
            f"{what.zh}“{written}”在电脑上，但没有加入这次提交；请运行 git add {target}，再提交。",
            f"{what.en} '{written}' is on this computer but not in this commit; run git add {target} and commit again.",
        )
    return Text(
        f"{what.zh}“{written}”不存在（应在 {target}）；{remedy.zh}",
        f"{what.en} '{written}' does not exist (expected at {target}); {remedy.en}",
    )
