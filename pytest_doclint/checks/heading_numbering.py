"""heading-numbering: numbered headings run in sequence under each parent."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from pytest_doclint.checks._numbering_fix import renumbering
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading

MIN_COUNTDOWN = 3
"""Headings that must count down, each below the one before, to read as release notes."""
MAX_STATES = 32
"""How many candidate counts the sequence search keeps per heading."""


@dataclass(frozen=True)
class Options:
    start: int = field(default=1, metadata={"help": "The number each sequence starts at"})


@rule("heading-numbering", "Numbered headings run in sequence", options=Options)
def heading_numbering(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that the numbered headings under each parent run without a gap, a repeat or a
    step backwards: `一、二、三、`, `（一）（二）`, `1. 2.`, `1.1 1.2`, `第一章 第二章`.
    Each scheme counts on its own, restarting under every parent, except article numbers
    (`第N条`), which run through the whole document as in a law. A decimal number must
    continue its parent's (`2.1` under `2.`). A sequence of three or more that only ever counts
    down is a reverse-chronological list (a changelog), not numbering, and is left alone.

    A document may begin mid-way (an excerpt that starts at `第五条`, at chapter 2), and so
    may a section's subsections (`7.2.` first under chapter 7, as in an excerpt), except
    for numbers that do not carry their parent's: where other sections start at `（一）`,
    `（二）` first under its heading means its `（一）` was lost.

    Each finding marks a heading that breaks the count, and only those: after a gap the
    headings that continue from the new number are fine, and when a chapter restarts the
    article count (`第一条` again) the restarted articles are reported, not the ones after
    them that are numbered right.

    ## Why is this bad?
    A gap means a section was deleted or moved and the numbering was not updated; every
    cross-reference ("见第三部分") then points to the wrong place.

    ## Example
    ```text
    二、正视不足
    （二）新兴领域的治理课题亟待破解
    ```

    Use instead:
    ```text
    二、正视不足
    （一）治理效能的均衡性有待提升
    （二）新兴领域的治理课题亟待破解
    ```
    """
    continuous = [h for h in document.headings if h.number and h.number.continuous]
    yield from _check_sequence(document, continuous, _first(continuous, options.start))
    runs: list[list[Heading]] = []
    for siblings in document.siblings():
        by_key: dict[tuple[str, str, tuple[int, ...]], list[Heading]] = {}
        for heading in siblings:
            if not heading.number or heading.number.continuous:
                continue
            misplaced = list(_check_parent(heading))
            yield from misplaced
            if not misplaced:  # `2.1` counts apart from `1.1`
                key = (heading.number.scheme, heading.number.part, heading.number.values[:-1])
                by_key.setdefault(key, []).append(heading)
        runs += by_key.values()
    starting = {_style(run) for run in runs if run[0].parent and _values(run)[0] == options.start}
    for run in runs:
        lost = run[0].parent is not None and _style(run) is not None and _style(run) in starting
        start = options.start if lost else _first(run, options.start)
        yield from _check_sequence(document, run, start)


def _values(run: list[Heading]) -> list[int]:
    return [h.number.value for h in run if h.number]


def _style(run: list[Heading]) -> str | None:
    """The style of a run whose numbers do not say their parent's (`（二）`, not `7.2.`)."""
    number = run[0].number
    return number.style if number and len(number.values) == 1 else None


def _first(run: list[Heading], start: int) -> int:
    """Where a run may start: a document may begin mid-way (an excerpt of a law from its
    `第五条`, a part from its chapter 2), and so may a section's subsections (`7.2.` first
    under chapter 7) — but `（二）` first under a heading, where other headings' `（一）` come
    first, lost its `（一）`."""
    values = _values(run)
    return max(values[0], start) if values else start


def _check_sequence(document: Document, run: list[Heading], start: int) -> Iterator[Finding]:
    values = [h.number.value for h in run if h.number]
    if len(values) >= MIN_COUNTDOWN and all(a > b for a, b in itertools.pairwise(values)):
        return  # counts down: release notes, not numbering (two headings may just be swapped)
    counter, last = start - 1, None
    steps = _explain(values, start)
    fixes = renumbering(document, run, start, steps)  # the whole run's, on its first finding
    for heading, step in zip(run, steps, strict=True):
        if step != "next":
            yield replace(_finding(heading, step, counter, last, start), fixes=fixes)
            fixes = ()
        if step in ("next", "gap", "back"):
            counter, last = heading.number.value, heading  # type: ignore[union-attr]
        elif step == "wrong":
            counter += 1


def _explain(values: list[int], start: int) -> list[str]:
    """The fewest findings that account for ``values``, one step per heading.

    Each heading either continues the count (`next`), continues it after missing numbers
    (`gap`), sets the count back (`back`: a restart, a section moved up), takes its place in
    the count with a wrong number (`wrong`: in `1 2 1 2 5` the third and fourth), or stands
    outside the count (`extra`: a repeat). Between explanations with as many findings, the
    one that leaves alone the headings whose number matches their position wins, then the
    one with earlier findings.
    """
    Cost = tuple[int, int, int]
    best: dict[int, Cost] = {start - 1: (0, 0, 0)}
    history: list[dict[int, tuple[int, str]]] = []  # per heading: counter → (before, step)
    for index, value in enumerate(values):
        in_place = int(value == start + index)
        found: dict[int, Cost] = {}
        came: dict[int, tuple[int, str]] = {}
        for counter, cost in best.items():
            if value == counter + 1:
                moves = [("next", value), ("extra", counter)]
            else:
                moves = [
                    ("gap" if value > counter else "back", value),
                    ("extra", counter),
                    ("wrong", counter + 1),
                ]
            for step, after in moves:
                penalty = (1, in_place, index) if step != "next" else (0, 0, 0)
                total = (cost[0] + penalty[0], cost[1] + penalty[1], cost[2] + penalty[2])
                if after not in found or total < found[after]:
                    found[after], came[after] = total, (counter, step)
        # The cheapest few counts are enough: a long run of one number would otherwise keep
        # one state per heading and make the search quadratic.
        best = dict(sorted(found.items(), key=lambda item: item[1])[:MAX_STATES])
        history.append(came)
    counter = min(best, key=lambda key: best[key])
    steps = []
    for came in reversed(history):
        counter, step = came[counter]
        steps.append(step)
    return steps[::-1]


def _finding(
    heading: Heading, step: str, counter: int, last: Heading | None, start: int
) -> Finding:
    number = heading.number
    assert number is not None
    prefix = number.values[:-1]
    want = number.render((*prefix, counter + 1))
    value = number.value
    hint = f"number it `{want}`"
    if step == "gap":
        skipped = (
            f"`{want}`"
            if value == counter + 2
            else f"`{want}` to `{number.render((*prefix, value - 1))}`"
        )
        message = f"Heading number `{number.token}` skips {skipped}"
        after = f"after line {last.line}" if last else "as the first of its level"
        hint += f", or restore the missing heading {after}"
    elif last and value == counter:
        message = f"Heading number `{number.token}` repeats line {last.line}"
        hint += f", or merge the section into the one on line {last.line}"
    elif value == start < counter:
        message = f"Heading number `{number.token}` restarts the count (expected `{want}`)"
    elif last and last.number and value < counter:
        message = (
            f"Heading number `{number.token}` comes after `{last.number.token}` (line {last.line})"
        )
        hint = "move the section to its place in the sequence, or renumber it"
    else:
        message = f"Heading number `{number.token}` is out of sequence (expected `{want}`)"
    return Finding(heading.line, heading.column, message, hint=hint, length=len(number.token))


def _check_parent(heading: Heading) -> Iterator[Finding]:
    """`2.1` belongs under `2.`: a decimal number continues its decimal parent's."""
    number, parent = heading.number, heading.parent
    if not (number and parent and parent.number and len(number.values) > 1):
        return
    if parent.number.scheme != number.scheme or len(parent.number.values) != len(number.values) - 1:
        return
    if number.values[:-1] != parent.number.values:
        numbered = [
            c
            for c in parent.children
            if c.number
            and c.number.style == number.style
            and len(c.number.values) == len(number.values)
        ]
        want = number.render((*parent.number.values, numbered.index(heading) + 1))
        yield Finding(
            heading.line,
            heading.column,
            f"Heading number `{number.token}` does not continue its parent "
            f"`{parent.number.token}` (line {parent.line})",
            hint=f"number it `{want}`",
            length=len(number.token),
        )
