"""The built-in rules: one module per rule, each a check function marked with
:func:`pytest_doclint.core.rule`. Modules whose names start with `_` hold what several rules
share (TOC pairing, the reading of an ending) and define no rule."""

from __future__ import annotations

import sys
from functools import cache

from pytest_doclint.core import Rule
from pytest_doclint.core import marked_rules


@cache
def builtin_rules() -> dict[str, Rule]:
    """Every rule defined in this package, by id, in module order."""
    return marked_rules(sys.modules[__name__])
