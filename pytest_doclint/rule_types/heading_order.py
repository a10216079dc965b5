"""heading-order: the headings of a level follow a template, with `*`, `+` and `?` wildcards.

The template has the outline syntax of :mod:`pytest_doclint.outlines` (shared with the
built-in `required-headings` rule): `*` stands for any number of headings, `+` for at least
one, `?` for exactly one, and any other entry for a heading with that text (compared after
:func:`~pytest_doclint.textutil.normalize`, with or without its number: `总体要求` fits
`一、总体要求`). When the headings do not fit, the
explanation with the fewest problems is reported (a renamed heading, an extra one, missing
entries), preferring the one that matches the most entries by name: one missing section is
one finding, and the headings after it are not reported again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from difflib import SequenceMatcher

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.outlines import ONE
from pytest_doclint.outlines import align
from pytest_doclint.outlines import expand
from pytest_doclint.outlines import next_named
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import locate
from pytest_doclint.scope import units
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options(Common):
    scope: str | list[str] = field(
        default="headings.h1",
        metadata={
            "help": "Which headings the template describes: one level (`headings.h1`, the "
            "default; `headings.h2`, …) or `headings` for all of them in document order",
        },
    )
    headings: list[str] = field(
        default_factory=list,
        metadata={
            "required": True,
            "help": "The template, in order: heading texts (with or without their number), "
            "`*` for any number of headings, `+` for at least one, `?` for exactly one",
        },
    )


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    template = expand(options.headings)

    def check(document: Document, run: Run) -> Iterator[Finding]:
        headings = [u.heading for u in units(document, rule.scope) if u.heading]
        missing: list[str] = []
        for op, i, j in align(template, headings, _fits, _similar):
            if op == "missing":
                missing.append(template[j])
                continue
            if missing and i < len(headings):
                h = headings[i]
                yield rule.say(
                    "missing",
                    h.line,
                    _column(document, h),
                    len(h.text),
                    match=shorten(h.text),
                    expected=_listing(missing),
                )
            missing = []
            if op in ("rename", "extra"):
                h = headings[i]
                expected = template[j] if op == "rename" else next_named(template, j)
                yield rule.say(
                    op,
                    h.line,
                    _column(document, h),
                    len(h.text),
                    match=shorten(h.text),
                    expected=f"`{shorten(expected)}`" if expected else "no more headings",
                )
        if missing:
            last = headings[-1] if headings else None
            yield rule.say(
                "ends-early",
                last.line if last else 1,
                _column(document, last) if last else 1,
                len(last.text) if last else 1,
                match=shorten(last.text) if last else "",
                expected=_listing(missing),
            )

    return check


def _column(document: Document, heading: Heading) -> int:
    return locate(document, heading.line, heading.text, 0, heading.text)


def _fits(entry: str, heading: Heading) -> bool:
    wanted = normalize(entry)
    return wanted in (normalize(heading.text), normalize(heading.title))


def _similar(entry: str, heading: Heading) -> bool:
    """Close enough to be the entry renamed: the same number, or much the same words."""
    number = heading.number
    if number and normalize(entry).startswith(normalize(number.token)):
        return True
    title = normalize(heading.title)
    wanted = normalize(entry)
    return wanted in title or title in wanted or SequenceMatcher(None, wanted, title).ratio() >= 0.5


def _listing(entries: list[str]) -> str:
    named = [f"`{shorten(e)}`" if e != ONE else "one more heading" for e in entries]
    return ", ".join(named)


RULE_TYPE = RuleType(
    name="heading-order",
    summary="Headings follow a template",
    options=Options,
    make=make,
    messages={
        "rename": (
            "Heading `{match}` does not follow the template (expected {expected})",
            "rename the section to {expected}, or move it",
        ),
        "extra": (
            "Heading `{match}` is not in the template (expected {expected})",
            "remove or move the section, or add it to the template",
        ),
        "missing": (
            "Heading `{match}` skips the required {expected}",
            "add {expected} before this section",
        ),
        "ends-early": (
            "The headings end before the template does (missing {expected})",
            "add {expected} at the end",
        ),
    },
    placeholders=("match", "expected"),
    structural=True,
)
