"""All rule families. Importing this package registers every rule once, in `registry.RULES`."""

from wemedia.rules import basics, corrections, disclosure, images, integrity, publishing, review, staffing  # noqa: F401
from wemedia.rules.registry import RULES, Rule, rule  # noqa: F401
