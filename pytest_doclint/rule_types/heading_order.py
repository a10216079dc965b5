"""heading-order: the headings of a level follow a template, with `*`, `+` and `?` wildcards.

The template is matched like a glob over the sequence of headings: `*` stands for any
number of headings, `+` for at least one, `?` for exactly one, and any other entry for a
heading with that text (compared after :func:`~pytest_doclint.textutil.normalize`, with or
without its number: `总体要求` fits `一、总体要求`). When the headings do not fit, the
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
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import locate
from pytest_doclint.scope import units
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import shorten

ANY, SOME, ONE = "*", "+", "?"


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
    template: list[str] = []
    for entry in options.headings:  # `+` is `?` then `*`
        template += [ONE, ANY] if entry.strip() == SOME else [entry.strip()]

    def check(document: Document, run: Run) -> Iterator[Finding]:
        headings = [u.heading for u in units(document, rule.scope) if u.heading]
        missing: list[str] = []
        for op, i, j in _align(template, headings):
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
                expected = template[j] if op == "rename" else _next(template, j)
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


def _align(template: list[str], headings: list[Heading]) -> list[tuple[str, int, int]]:
    """The cheapest way to read ``headings`` as ``template``: a list of steps
    (`match`, `any`, `skip`, `rename`, `extra`, `missing`; heading index, entry index) with
    the fewest problems, then the most entries matched by name."""
    n, m = len(headings), len(template)
    best: dict[tuple[int, int], tuple[tuple[int, int], str, tuple[int, int]]] = {}
    best[(n, m)] = ((0, 0), "", (n, m))
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i, j) != (n, m):
                best[(i, j)] = min(_moves(template, headings, i, j, best), key=lambda o: o[0])
    steps, at = [], (0, 0)
    while at != (n, m):
        _, op, following = best[at]
        steps.append((op, *at))
        at = following
    return steps


def _moves(
    template: list[str], headings: list[Heading], i: int, j: int, best: dict
) -> Iterator[tuple[tuple[int, int], str, tuple[int, int]]]:
    """The ways on from heading ``i`` and entry ``j``, each with its total cost (problems,
    minus entries matched by name), in order of preference when costs tie."""

    def move(problems: int, named: int, op: str, to: tuple[int, int]) -> tuple:
        (cost, matched), _, _ = best[to]
        return (cost + problems, matched - named), op, to

    n, m = len(headings), len(template)
    entry = template[j] if j < m else None
    if entry == ANY:
        yield move(0, 0, "skip", (i, j + 1))
        if i < n:
            yield move(0, 0, "any", (i + 1, j))
        return
    if entry is not None:
        if i < n and (entry == ONE or _fits(entry, headings[i])):
            yield move(0, int(entry != ONE), "match", (i + 1, j + 1))
        elif i < n and _similar(entry, headings[i]):  # else: an extra and a missing one
            yield move(1, 0, "rename", (i + 1, j + 1))
        yield move(1, 0, "missing", (i, j + 1))
    if i < n:
        yield move(1, 0, "extra", (i + 1, j))


def _next(template: list[str], j: int) -> str:
    """The next entry a heading must be named, from entry ``j`` on."""
    return next((e for e in template[j:] if e not in (ANY, ONE)), "")


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
