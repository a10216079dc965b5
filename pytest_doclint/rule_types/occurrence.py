"""occurrence: how often a pattern may or must appear in each part of the scope."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import Unit
from pytest_doclint.scope import units
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options(Common):
    pattern: str = field(
        default="",
        metadata={
            "required": True,
            "help": "The text to count: literal, or a regular expression with `regex: true`",
        },
    )
    min: int | None = field(
        default=None,
        metadata={
            "minimum": 0,
            "help": "Fewest occurrences allowed in each part",
        },
    )
    max: int | None = field(
        default=None,
        metadata={
            "minimum": 0,
            "help": "Most occurrences allowed in each part",
        },
    )
    per: str = field(
        default="each",
        metadata={
            "choices": ("each", "document"),
            "help": "`each`: count in each part of the scope (each paragraph, heading, TOC entry, "
            "the title); `document`: count over the whole scope",
        },
    )
    regex: bool = field(default=False, metadata={"help": "Read `pattern` as a regular expression"})
    ignore_case: bool = field(default=False, metadata={"help": "Match regardless of case"})
    word_boundaries: bool = field(
        default=True,
        metadata={
            "help": "A literal pattern with a Latin edge does not match inside a longer word",
        },
    )


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    if options.min is None and options.max is None:
        raise ConfigError(
            f"rule `{rule.id}` of type `occurrence` needs `min`, `max` or both", key=()
        )
    if options.min is not None and options.max is not None and options.min > options.max:
        raise ConfigError(
            f"rule `{rule.id}`: `min` ({options.min}) is more than `max` ({options.max})",
            key=("min",),
        )
    matcher = rule.pattern(options.pattern, ("pattern",), literal=not options.regex)

    def check(document: Document, run: Run) -> Iterator[Finding]:
        parts = units(document, rule.scope)
        groups: list[tuple[str, list[Unit]]] = (
            [("document", parts)] if options.per == "document" else [(u.kind, [u]) for u in parts]
        )
        for name, group in groups:
            hits = list(run.hits(matcher, group))
            if run.gave_up(matcher):
                return
            values = {
                "pattern": shorten(matcher.source),
                "count": len(hits),
                "unit": name,
                "min": options.min,
                "max": options.max,
            }
            if options.max is not None and len(hits) > options.max:
                extra = hits[options.max]
                yield rule.say(
                    "too-many",
                    extra.line,
                    extra.column,
                    len(extra.text),
                    match=shorten(extra.text),
                    **values,
                )
            elif options.min is not None and len(hits) < options.min:
                line = group[0].line if group else 1
                column = next((u.heading.column for u in group[:1] if u.heading), 1)
                yield rule.say("too-few", line, column, 1, match="", **values)

    return check


RULE_TYPE = RuleType(
    name="occurrence",
    summary="How often a pattern may appear",
    options=Options,
    make=make,
    messages={
        "too-many": (
            "Too many `{pattern}` in this {unit} (expected at most {max}, found {count})",
            "remove the extra occurrences from here on",
        ),
        "too-few": (
            "Too few `{pattern}` in this {unit} (expected at least {min}, found {count})",
            "add `{pattern}` to this {unit}",
        ),
    },
    placeholders=("match", "pattern", "count", "min", "max", "unit"),
)
