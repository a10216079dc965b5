"""consistency: one of two spellings per document, never both (`WeChat` / `微信`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

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


@dataclass(frozen=True)
class Options(Common):
    either: dict[str, str] = field(
        default_factory=dict,
        metadata={
            "required": True,
            "help": "Pairs of spellings of which a document may use one (`{WeChat: 微信, "
            "e-mail: email}`); with `regex: true` both sides are regular expressions",
        },
    )
    regex: bool = field(default=False, metadata={"help": "Read both sides as regular expressions"})
    ignore_case: bool = field(default=False, metadata={"help": "Match regardless of case"})
    word_boundaries: bool = field(
        default=True,
        metadata={
            "help": "A literal spelling with a Latin edge does not match inside a longer word",
        },
    )


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    pairs = [
        (
            rule.pattern(one, ("either", one), literal=not options.regex),
            rule.pattern(other, ("either", one), literal=not options.regex),
        )
        for one, other in options.either.items()
    ]

    def check(document: Document, run: Run) -> Iterator[Finding]:
        parts = units(document, rule.scope)
        for one, other in pairs:
            first_one, first_other = _first(run, one, parts), _first(run, other, parts)
            if not (first_one and first_other):
                continue
            earlier, later = sorted((first_one, first_other), key=lambda h: (h.line, h.column))
            yield rule.say(
                "both",
                later.line,
                later.column,
                len(later.text),
                match=shorten(later.text),
                other=shorten(earlier.text),
                other_line=earlier.line,
            )

    return check


def _first(run: Run, matcher: Matcher, parts: list) -> Hit | None:
    return next(run.hits(matcher, parts), None)


RULE_TYPE = RuleType(
    name="consistency",
    summary="One of two spellings per document",
    options=Options,
    make=make,
    messages={
        "both": (
            "`{match}` and `{other}` (line {other_line}) both appear in this document",
            "use one of them throughout",
        )
    },
    placeholders=("match", "other", "other_line"),
)
