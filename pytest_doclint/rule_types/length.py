"""length: the shortest and longest heading, paragraph or sentence, CJK-aware."""

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
from pytest_doclint.scope import locate
from pytest_doclint.scope import position
from pytest_doclint.scope import sentences
from pytest_doclint.scope import units
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import shorten

MEASURES = {"characters": ("characters", len), "width": ("columns", display_width)}


@dataclass(frozen=True)
class Options(Common):
    scope: str | list[str] = field(
        default="headings",
        metadata={
            "help": "What to measure: `headings` (or one level, `headings.h2`), `paragraphs`, "
            "`body`, `title`, `toc`, `all`",
        },
    )
    min: int | None = field(default=None, metadata={"minimum": 0, "help": "Shortest allowed"})
    max: int | None = field(default=None, metadata={"minimum": 1, "help": "Longest allowed"})
    per: str = field(
        default="each",
        metadata={
            "choices": ("each", "sentence"),
            "help": "`each`: measure each heading, paragraph, TOC entry or the title whole; "
            "`sentence`: measure each sentence in them (split at `。！？!?` and at a full stop "
            "that ends a sentence)",
        },
    )
    unit: str = field(
        default="characters",
        metadata={
            "choices": tuple(MEASURES),
            "help": "`characters`: every character counts 1 (a Chinese character too); "
            "`width`: display columns, a CJK character counts 2, as a terminal shows it",
        },
    )


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    if options.min is None and options.max is None:
        raise ConfigError(f"rule `{rule.id}` of type `length` needs `min`, `max` or both", key=())
    if options.min is not None and options.max is not None and options.min > options.max:
        raise ConfigError(
            f"rule `{rule.id}`: `min` ({options.min}) is more than `max` ({options.max})",
            key=("min",),
        )
    measure_name, measure = MEASURES[options.unit]

    def check(document: Document, run: Run) -> Iterator[Finding]:
        for unit in units(document, rule.scope):
            text = unit.text
            pieces = sentences(text) if options.per == "sentence" else [(0, text)]
            for offset, piece in pieces:
                size = measure(" ".join(piece.split()))
                if options.max is not None and size > options.max:
                    situation = "too-long"
                elif options.min is not None and size < options.min:
                    situation = "too-short"
                else:
                    continue
                line, text_line, start = position(unit, offset)
                column = locate(document, line, text_line, start, piece[:8])
                name = "sentence" if options.per == "sentence" else unit.kind
                yield rule.say(
                    situation,
                    line,
                    column,
                    len(piece.split("\n")[0]),
                    match=shorten(piece),
                    length=size,
                    min=options.min,
                    max=options.max,
                    unit=name,
                    Unit=name[:1].upper() + name[1:],
                    measure=measure_name,
                )

    return check


RULE_TYPE = RuleType(
    name="length",
    summary="How long a heading, paragraph or sentence may be",
    options=Options,
    make=make,
    messages={
        "too-long": (
            "{Unit} `{match}` is too long (expected at most {max} {measure}, found {length})",
            "shorten the {unit}, or split it",
        ),
        "too-short": (
            "{Unit} `{match}` is too short (expected at least {min} {measure}, found {length})",
            "expand the {unit}, or merge it with its neighbour",
        ),
    },
    placeholders=("match", "length", "min", "max", "unit", "Unit", "measure"),
)
