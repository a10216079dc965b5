"""User patterns: compiled once, matched line by line with a time limit.

Patterns are compiled with the `regex` package, whose syntax is Python's `re` (plus
`\\p{Han}` and other Unicode properties) and whose matching functions take a `timeout`.
A syntax error stops the run as a :class:`~pytest_doclint.errors.ConfigError` naming the
rule and the pattern; a match that runs out of time becomes a finding, and the pattern is
not tried again on that document, so one pathological pattern costs at most one time limit
per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

import regex

from pytest_doclint import regexes
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.scope import Unit
from pytest_doclint.scope import locate
from pytest_doclint.textutil import shorten

DEFAULT_TIMEOUT_MS = 100
"""How long one pattern may take on one line before it is given up."""
WORD = "A-Za-z0-9_"
"""Characters a literal pattern's edge must not run into (`TODO` is not in `TODOS`)."""


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern and the text the user wrote for it."""

    source: str
    compiled: regex.Pattern = field(compare=False)


def compile_pattern(
    rule_id: str,
    pattern: object,
    key: tuple[str, ...],
    *,
    literal: bool,
    ignore_case: bool = False,
    word_boundaries: bool = True,
    groups: tuple[str, ...] = (),
) -> Matcher:
    """Compile one user pattern; any problem is a ConfigError at ``key``."""
    where = f"rule `{rule_id}`: `{'.'.join(key)}`"
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{where} must be non-empty text, got {pattern!r}", key=key)
    text = regex.escape(pattern) if literal else pattern
    if literal and word_boundaries:  # only a Latin edge: CJK text has no word spaces
        text = (f"(?<![{WORD}])" if _latin(pattern[0]) else "") + text
        text += f"(?![{WORD}])" if _latin(pattern[-1]) else ""
    flags = regex.IGNORECASE if ignore_case else 0
    try:
        compiled = regexes.compile_user(text, flags)
    except regexes.BadPattern:  # reported with the pattern the user wrote, not the escaped one
        try:
            regexes.compile_user(pattern)
        except regexes.BadPattern as error:
            raise ConfigError(f"{where} {error}", key=key) from None
        raise
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise ConfigError(
            f"{where} `{pattern}` needs a group named `{missing[0]}`: `(?P<{missing[0]}>…)`",
            key=key,
        )
    try:
        empty = compiled.fullmatch("", timeout=0.05) is not None
    except TimeoutError:  # pragma: no cover - an empty string cannot take this long
        empty = False
    if empty:
        raise ConfigError(
            f"{where} `{pattern}` matches empty text, so it would match everywhere", key=key
        )
    return Matcher(pattern, compiled)


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


@dataclass(frozen=True)
class Hit:
    """A match located in the document."""

    unit: Unit
    line: int
    column: int
    match: regex.Match
    text_line: str

    @property
    def text(self) -> str:
        return str(self.match.group(0))


class Run:
    """The matching of one rule instance over one document, within the time limit."""

    def __init__(self, document: Document, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        self.document = document
        self.timeout_ms = timeout_ms
        self.timeouts: list[Finding] = []
        self._given_up: set[str] = set()

    def gave_up(self, matcher: Matcher) -> bool:
        """Whether ``matcher`` ran out of time on this document (and was dropped)."""
        return matcher.source in self._given_up

    def finditer(self, matcher: Matcher, text: str, line: int) -> list[regex.Match]:
        """Every match of ``matcher`` in ``text`` (source line ``line``), or none when the
        pattern runs out of time: that is reported once, and the pattern is dropped."""
        if matcher.source in self._given_up:
            return []
        try:
            return list(matcher.compiled.finditer(text, timeout=self.timeout_ms / 1000))
        except TimeoutError:
            self._given_up.add(matcher.source)
            self.timeouts.append(
                Finding(
                    line,
                    locate(self.document, line, text, 0),
                    f"Pattern `{shorten(matcher.source)}` took longer than {self.timeout_ms} ms "
                    "on this line; simplify it",
                    hint="avoid nested repetition such as `(a+)+`, which backtracks without end; "
                    "the pattern is skipped for the rest of this document",
                    length=max(len(text), 1),
                )
            )
            return []

    def hits(self, matcher: Matcher, units: Iterable[Unit]) -> Iterator[Hit]:
        """Every match of ``matcher`` in ``units``, line by line, with its column."""
        for unit in units:
            for line, text in unit.lines:
                for match in self.finditer(matcher, text, line):
                    column = locate(self.document, line, text, match.start(), match.group(0))
                    yield Hit(unit, line, column, match, text)
