"""Every regular expression a user writes goes through here: YAML rule patterns, the
patterns of built-in rule options (`ignored_pattern`, `front_matter_title`) and custom
numbering schemes.

They are compiled with the `regex` package, whose syntax is Python's `re` plus Unicode
properties such as `\\p{Han}`, and matched with a time limit: a pattern that backtracks
without end on one long line cannot hang a CI run. The config loader also refuses the
patterns that are known to (a repeat of a repeat with nothing between them, `(a+)+`), so that
the time limit is a last resort rather than a verdict. Our own patterns use `re`.
"""

from __future__ import annotations

import re
import typing
from re import _parser as sre_parse  # type: ignore[attr-defined]  # the stdlib's own parser

import regex

TIMEOUT_S = 0.1
IGNORECASE = regex.IGNORECASE
"""How long one match of a user pattern may take on one line."""
REPEATS = ("MAX_REPEAT", "MIN_REPEAT")
"""Names of the repeat operators in a parsed regex (`*`, `+`, `{m,n}`, and their lazy forms)."""
AnyPattern = re.Pattern[str] | regex.Pattern[str]


class BadPattern(ValueError):
    """A user pattern that cannot be used; the message says why, for a config error."""


def compile_user(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``pattern`` compiled, or :class:`BadPattern` naming the syntax error and its place."""
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:  # the stubs do not declare `msg` and `pos`
        position = getattr(error, "pos", None)
        where = f" at position {position}" if position is not None else ""
        reason = getattr(error, "msg", str(error))
        message = f"`{pattern}` is not a valid regular expression: {reason}{where}"
        raise BadPattern(message) from None


def check_user(pattern: str) -> None:
    """Raise :class:`BadPattern` for a pattern that does not compile or can take exponential
    time: a repeat of a repeat that can split the same text many ways (`(a+)+`, `(a*)*`,
    `(\\w+\\s*)+`). `(\\d+\\.)+` is fine: the dot separates the repeats."""
    compile_user(pattern)
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:  # syntax only `regex` knows (`\\p{Han}`): the time limit guards it
        return
    if _ambiguous_repeat(parsed):
        raise BadPattern(
            f"`{pattern}` repeats a repeat with nothing between them, which can take "
            "exponential time on a long line; put a separator in the outer repeat"
        )


def match(pattern: AnyPattern, text: str) -> regex.Match[str] | re.Match[str] | None:
    """``pattern`` matched at the start of ``text``; a user pattern that runs out of time
    matches nothing."""
    if isinstance(pattern, re.Pattern):
        return pattern.match(text)
    try:
        return pattern.match(text, timeout=TIMEOUT_S)
    except TimeoutError:
        return None


def search(pattern: AnyPattern, text: str) -> bool:
    """Whether ``pattern`` occurs in ``text``; one that runs out of time does not."""
    if isinstance(pattern, re.Pattern):
        return pattern.search(text) is not None
    try:
        return pattern.search(text, timeout=TIMEOUT_S) is not None
    except TimeoutError:
        return False


def _ambiguous_repeat(parsed: typing.Any) -> bool:
    for op, av in parsed:
        name = str(op)
        if name in REPEATS and av[1] > 1 and _only_repeats(av[2]):
            return True
        if any(_ambiguous_repeat(inner) for inner in _inner(name, av)):
            return True
    return False


def _inner(name: str, av: typing.Any) -> list[typing.Any]:
    """The sub-patterns of one parsed regex element."""
    if name in REPEATS:
        return [av[2]]
    if name == "SUBPATTERN":
        return [av[-1]]
    if name == "BRANCH":
        return list(av[1])
    return []


def _only_repeats(parsed: typing.Any) -> bool:
    """True when everything ``parsed`` must match is an unbounded repeat (or nothing is)."""
    required = [(str(op), av) for op, av in parsed if not (str(op) in REPEATS and av[0] == 0)]
    unbounded = any(str(op) in REPEATS and av[1] == sre_parse.MAXREPEAT for op, av in parsed)
    for name, av in required:
        if name in REPEATS and av[1] == sre_parse.MAXREPEAT:
            continue
        if not any(_only_repeats(inner) for inner in _inner(name, av)) or name in REPEATS:
            return False
        unbounded = True
    return unbounded
