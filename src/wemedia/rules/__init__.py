"""All rule families. Importing this package registers every rule once, in `registry.RULES`."""

from wemedia.rules import (  # noqa: F401
    accounts,
    ailabels,
    assessment,
    basics,
    corrections,
    disclosure,
    frequency,
    history,
    hottopics,
    images,
    integrity,
    messages,
    mix,
    publishing,
    review,
    series,
    staffing,
    statistics,
    trail,
    versions,
)
from wemedia.rules.registry import RULES, Rule, rule  # noqa: F401
