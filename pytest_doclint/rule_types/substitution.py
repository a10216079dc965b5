"""substitution: a house-style map of "use X instead of Y" (`其它` → `其他`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

import regex

from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.patterns import Hit
from pytest_doclint.patterns import Matcher
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import units
from pytest_doclint.textutil import shorten

REFERENCE = regex.compile(r"\\(\d+)|\\g<([^>]+)>")  # `\1` and `\g<name>` in a replacement


@dataclass(frozen=True)
class Options(Common):
    swap: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "required": True,
            "help": "What to replace → what to use instead (`{其它: 其他, e-mail: email}`); with "
            "`regex: true` the keys are regular expressions and a value may use `\\1` or "
            "`\\g<name>`",
        },
    )
    regex: bool = field(
        default=False,
        metadata={
            "help": "Read the keys of `swap` as regular expressions",
        },
    )
    ignore_case: bool = field(default=False, metadata={"help": "Match regardless of case"})
    word_boundaries: bool = field(
        default=True,
        metadata={
            "help": "A literal key that starts or ends with a Latin letter or digit does not match "
            "inside a longer word",
        },
    )


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    pairs = [
        (rule.pattern(wrong, ("swap", wrong), literal=not options.regex), right)
        for wrong, right in options.swap.items()
    ]
    if options.regex:
        for matcher, right in pairs:
            _check_references(rule.id, matcher, right)

    def check(document: Document, run: Run) -> Iterator[Finding]:
        parts = units(document, rule.scope)
        hits: list[tuple[Hit, str]] = []
        for matcher, right in pairs:
            for hit in run.hits(matcher, parts):
                replacement = _expand(hit, right) if options.regex else right
                if hit.text != replacement and not _inside(hit, replacement):
                    hits.append((hit, replacement))
        taken: set[tuple[int, int]] = set()
        for hit, replacement in sorted(
            hits, key=lambda h: (h[0].line, h[0].column, -len(h[0].text))
        ):
            place = (hit.line, hit.column)
            if place in taken:  # two keys match here: the longer one speaks
                continue
            taken.add(place)
            yield rule.say(
                "found",
                hit.line,
                hit.column,
                len(hit.text),
                match=shorten(hit.text),
                replacement=shorten(replacement),
            )

    return check


def _check_references(rule_id: str, matcher: Matcher, right: str) -> None:
    """A replacement may only name groups its key has."""
    groups = matcher.compiled.groupindex
    for number, name in REFERENCE.findall(right):
        ref = number or name
        if not (ref in groups or ref.isdigit() and int(ref) <= matcher.compiled.groups):
            raise ConfigError(
                f"rule `{rule_id}`: `swap.{matcher.source}` refers to group "
                f"`{ref}`, which `{matcher.source}` does not have",
                key=("swap", matcher.source),
            )


def _expand(hit: Hit, right: str) -> str:
    try:
        return str(hit.match.expand(right))
    except (IndexError, regex.error):  # a stray backslash: show the value as written
        return right


def _inside(hit: Hit, replacement: str) -> bool:
    """The match is already part of the right text: `登录` swapped for `登录名` is fine
    where the line says `登录名`."""
    start = hit.match.start()
    text = hit.text_line
    at = replacement.find(hit.text)
    while at >= 0:
        if text[start - at : start - at + len(replacement)] == replacement and start >= at:
            return True
        at = replacement.find(hit.text, at + 1)
    return False


RULE_TYPE = RuleType(
    name="substitution",
    summary="Words to replace with the house spelling",
    options=Options,
    make=make,
    messages={
        "found": (
            "Use `{replacement}` instead of `{match}`",
            "replace `{match}` with `{replacement}`",
        )
    },
    placeholders=("match", "replacement"),
)
