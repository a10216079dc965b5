"""User patterns: one compiler, one refusal of runaway repeats, one time limit."""

from __future__ import annotations

import pytest

from pytest_doclint import regexes


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b", r"(\w+\s*)+$"])
def test_runaway_repeats_are_refused(pattern: str) -> None:
    with pytest.raises(regexes.BadPattern, match="repeats a repeat"):
        regexes.check_user(pattern)


@pytest.mark.parametrize("pattern", [r"(\d+\.)+", r"^第[一二三]+章", r"\p{Han}{2,}"])
def test_ordinary_patterns_pass(pattern: str) -> None:
    regexes.check_user(pattern)


def test_a_syntax_error_names_its_position() -> None:
    with pytest.raises(regexes.BadPattern, match=r"missing \) at position 12"):
        regexes.compile_user("(?P<n>[0-9]+")


def test_a_pattern_that_runs_away_gives_up_within_the_time_limit() -> None:
    """What the loader cannot foresee the time limit stops: it matches nothing. (Without
    the limit this search takes about 10^8 steps; the test would hang, not pass.)"""
    runaway = regexes.compile_user("(a|aa)+$")
    assert regexes.search(runaway, "a" * 40 + "b") is False
    assert regexes.match(runaway, "a" * 40 + "b") is None
