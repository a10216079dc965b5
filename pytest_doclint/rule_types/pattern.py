"""pattern: forbidden text (placeholders such as `XX区`, `TODO`, `某某`; banned words)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import units
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options(Common):
    patterns: list[str] = field(
        default_factory=list,
        metadata={
            "required": True,
            "help": "The forbidden texts: literal text, or regular expressions with `regex: true`",
        },
    )
    regex: bool = field(
        default=False,
        metadata={
            "help": "Read `patterns` as regular expressions (Python syntax, `\\p{Han}` allowed)",
        },
    )
    ignore_case: bool = field(default=False, metadata={"help": "Match regardless of case"})
    word_boundaries: bool = field(
        default=True,
        metadata={
            "help": "A literal pattern that starts or ends with a Latin letter or digit does not "
            "match inside a longer word (`TODO` is not found in `TODOS`); CJK text has no word "
            "spaces, so a pattern is found anywhere in it",
        },
    )


def matchers_for(rule: Instance) -> list:
    """One compiled matcher per entry of ``patterns`` (literal unless `regex: true`)."""
    options = rule.options
    assert isinstance(options, Options)
    return [
        rule.pattern(p, ("patterns", str(i)), literal=not options.regex)
        for i, p in enumerate(options.patterns)
    ]


def make(rule: Instance) -> Check:
    matchers = matchers_for(rule)

    def check(document: Document, run: Run) -> Iterator[Finding]:
        parts = units(document, rule.scope)
        for matcher in matchers:
            for hit in run.hits(matcher, parts):
                yield rule.say(
                    "found",
                    hit.line,
                    hit.column,
                    len(hit.text),
                    match=shorten(hit.text),
                    pattern=matcher.source,
                )

    return check


RULE_TYPE = RuleType(
    name="pattern",
    summary="Text that must not appear",
    options=Options,
    make=make,
    messages={"found": ("Text `{match}` is not allowed here", "remove or replace `{match}`")},
    placeholders=("match", "pattern"),
)
