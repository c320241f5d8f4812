"""Where the package finds its schemas, example content and site skeleton.

An installed wheel carries them under `wemedia/_data/` (pyproject's force-include); an editable
install (this checkout) reads them from the repository top level. One function per resource, so no
other module guesses paths.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
_DATA = _PKG / "_data"
_CHECKOUT = _PKG.parent.parent  # src/wemedia -> repository top


def _pick(packaged: Path, checkout: Path) -> Path:
    return packaged if packaged.exists() else checkout


def schemas_dir() -> Path:
    return _pick(_DATA / "schemas", _CHECKOUT / "schemas")


def example_content() -> Path:
    return _pick(_DATA / "example", _CHECKOUT / "content")


def empty_content() -> Path:
    """The registers of a new repository without the example: empty lists, commented examples."""
    return _PKG / "templates" / "content"


def skeleton_file(name: str) -> Path:
    """`mkdocs.yml`, `hooks/…` or `docs/…` as this repository has them."""
    return _pick(_DATA / "skeleton" / name, _CHECKOUT / name)
