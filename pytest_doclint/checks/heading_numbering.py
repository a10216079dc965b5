"""heading-numbering: numbered headings run in sequence under each parent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.checks import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading


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
    continue its parent's (`2.1` under `2.`). A sequence that only ever counts down is a
    reverse-chronological list (a changelog), not numbering, and is left alone.

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
    yield from _check_sequence(continuous, options.start)
    for siblings in document.siblings():
        schemes: dict[str, list[Heading]] = {}
        for heading in siblings:
            if heading.number and not heading.number.continuous:
                schemes.setdefault(heading.number.scheme, []).append(heading)
        for run in schemes.values():
            yield from _check_sequence(run, options.start)


def _check_sequence(run: list[Heading], start: int) -> Iterator[Finding]:
    values = [h.number.value for h in run if h.number]
    if len(values) > 1 and all(a > b for a, b in zip(values, values[1:])):
        return  # counts down: release notes, not numbering
    expected = start
    previous: Heading | None = None
    for heading in run:
        number = heading.number
        assert number is not None
        yield from _check_parent(heading)
        if number.value != expected:
            yield _finding(heading, expected, previous)
        expected, previous = number.value + 1, heading


def _finding(heading: Heading, expected: int, previous: Heading | None) -> Finding:
    number = heading.number
    assert number is not None
    prefix = number.values[:-1]
    want = number.render((*prefix, expected))
    if previous and number.value == expected - 1:
        message = f"Heading number `{number.token}` repeats line {previous.line}"
    elif number.value < expected:
        message = f"Heading number `{number.token}` comes after `{previous.number.token}` " \
            f"(line {previous.line})" if previous and previous.number else \
            f"Heading number `{number.token}` is out of order"
    elif number.value == expected + 1:
        message = f"Heading number `{number.token}` skips `{want}`"
    else:
        last = number.render((*prefix, number.value - 1))
        message = f"Heading number `{number.token}` skips `{want}` to `{last}`"
    after = f"after line {previous.line}" if previous else "as the first of its level"
    return Finding(
        heading.line,
        heading.column,
        message,
        hint=f"number it `{want}`, or restore the missing heading {after}",
        length=len(number.token),
    )


def _check_parent(heading: Heading) -> Iterator[Finding]:
    """`2.1` belongs under `2.`: a decimal number continues its decimal parent's."""
    number, parent = heading.number, heading.parent
    if not (number and parent and parent.number and len(number.values) > 1):
        return
    if parent.number.scheme != number.scheme or len(parent.number.values) != len(number.values) - 1:
        return
    if number.values[:-1] != parent.number.values:
        want = number.render((*parent.number.values, number.value))
        yield Finding(
            heading.line,
            heading.column,
            f"Heading number `{number.token}` does not continue its parent "
            f"`{parent.number.token}` (line {parent.line})",
            hint=f"number it `{want}`",
            length=len(number.token),
        )
