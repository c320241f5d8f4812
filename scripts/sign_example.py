"""What scripts/sign-example runs (see there). Throw-away keys live in a temporary folder only."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from wemedia import archive, digest, reviewing, signatures, writer
from wemedia.model import Post

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    team = ROOT / "content" / "team.yml"
    with tempfile.TemporaryDirectory(prefix="wemedia-example-keys-") as folder:
        keys: dict[str, Path] = {}
        was = team.read_bytes()
        text = was.decode("utf-8")
        for person in archive.load(ROOT).people.values():
            for old in person.key_materials:
                private = Path(folder) / person.id
                if person.id not in keys:
                    subprocess.run(
                        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{person.id}@example", "-f", private],
                        check=True,
                        stdin=subprocess.DEVNULL,
                    )
                    keys[person.id] = private
                new = " ".join(Path(f"{private}.pub").read_text().split()[:2])
                text = text.replace(old, new)
        writer.replace(team, was, text)
        loaded = archive.load(ROOT)
        signed = 0
        for post in loaded.posts:
            for i, _ in enumerate(post.reviews):
                doc = archive.load(ROOT, [post.doc.path]).document(post.doc.path)
                current = Post(doc)
                review = current.reviews[i]
                value = digest.post_digest(current, loaded)
                message = signatures.message(review.stage, current.id, value, review.reviewer, review.at, review.checks)
                armored = signatures.sign(message, signatures.NAMESPACES[review.stage], keys[review.reviewer])
                entry = reviewing.Entry(review.stage, review.reviewer, review.at, value, armored, tuple(review.checks))
                path = ROOT / post.doc.path
                writer.replace(path, doc.raw, reviewing.with_entry(doc, entry))
                signed += 1
    print(f"signed {signed} review entries with {len(keys)} throw-away keys; private keys deleted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
