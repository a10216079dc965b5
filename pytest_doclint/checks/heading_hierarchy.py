"""heading-hierarchy: heading levels 一、→（一）→1.→（1）, none skipped, one style each."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.scope import locate

GBT_9704_LEVELS = ["一、", "（一）", "1.", "（1）"]

Key = tuple[str, int]
"""A level of numbering: the scheme and the depth of a decimal number (`1.` is 1, `1.1` 2)."""


@dataclass(frozen=True)
class Options:
    levels: list[str] = field(
        default_factory=lambda: list(GBT_9704_LEVELS),
        metadata={
            "help": "The levels, top down, each written as its first number (GB/T 9704 "
            "§7.3.3: `一、`, `（一）`, `1.`, `（1）`); a sample that is no heading number is "
            "ignored. `（一）` also stands for `(一)`, `1.` for `1、` and `1．`",
        },
    )
    one_style: bool = field(
        default=True,
        metadata={
            "help": "Report a heading number written differently from the others of its "
            "level in the document: `(二)` among `（一）` `（三）`, `2、` among `1.` `3.`",
        },
    )


@rule(
    "heading-hierarchy",
    "Heading levels follow 一、→（一）→1.→（1）, one style per level",
    options=Options,
)
def heading_hierarchy(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks the numbered headings against the levels of GB/T 9704-2012 (`一、` → `（一）` →
    `1.` → `（1）`, or the `levels` option): a heading may only sit directly under the level
    just above its own, so `1.` right under `一、` skips the `（一）` level, and a level may
    not sit under a lower one (`一、` under `（一）`). Each level is written in one style
    throughout the document: `（一）` and `(一)` are not mixed, nor `1.`, `1、` and `1．`; the
    style most headings of the level use is the one expected, the first one on a tie.
    Headings numbered otherwise (`第一章`, `1.1`, `①`) and unnumbered ones are left alone.
    A skipped level is reported once per section, at the first heading that skips it:
    adding the missing heading above it fixes its siblings too.

    ## Why is this bad?
    An official document's numbers tell the reader where a section sits. A skipped level
    makes a sub-point look like a part, and mixed full-width and half-width brackets look
    careless in a document that carries an institution's name.

    ## Example
    ```text
    一、总体要求
    1. 提高认识
    （二）压实责任
    (三)强化督查
    ```

    Use instead:
    ```text
    一、总体要求
    （一）提高认识
    （二）压实责任
    （三）强化督查
    ```

    ## References
    - GB/T 9704-2012 党政机关公文格式, §7.3.3 (结构层次序数)
    """
    chain = _chain(options.levels)
    reported: set[int] = set()
    placed: set[tuple[int, Key]] = set()  # (parent line, level): said once per section
    for heading in document.headings:
        finding = _placement(document, heading, chain)
        if finding and heading.parent and heading.number:  # a misplaced one has both
            reported.add(heading.line)
            group = (heading.parent.line, _key(heading.number))
            if group not in placed:
                placed.add(group)
                yield finding
    if options.one_style:
        yield from (f for f in _styles(document, chain) if f.line not in reported)


def _key(number: Number) -> Key:
    return (number.scheme, len(number.values))


def _chain(levels: list[str]) -> dict[Key, tuple[int, str]]:
    """Level key → (position in the chain, the sample as the user wrote it)."""
    schemes = tuple(BUILTIN_SCHEMES.values())
    chain: dict[Key, tuple[int, str]] = {}
    for sample in levels:
        found = match_number(sample.strip(), schemes)
        if found:
            chain.setdefault(_key(found[1]), (len(chain), sample.strip()))
    return chain


def _placement(
    document: Document, heading: Heading, chain: dict[Key, tuple[int, str]]
) -> Finding | None:
    parent = heading.parent
    if not (heading.number and parent and parent.number):
        return None
    here, above = chain.get(_key(heading.number)), chain.get(_key(parent.number))
    if here is None or above is None or here[0] == above[0] + 1:
        return None
    token, parent_token = heading.number.token, parent.number.token
    if here[0] <= above[0]:
        message = (
            f"Heading `{token}` sits under `{parent_token}` (line {parent.line}), "
            "which is not a higher level"
        )
        hint = f"renumber it one level below `{parent_token}`, or move it out of that section"
    else:
        skipped = [sample for position, sample in chain.values() if above[0] < position < here[0]]
        listed = ", ".join(f"`{s}`" for s in skipped)
        message = (
            f"Heading `{token}` sits directly under `{parent_token}` (line "
            f"{parent.line}) and skips the {listed} level{'s' * (len(skipped) > 1)}"
        )
        hint = f"add a {listed.split(', ')[0]} heading above it, or renumber it at that level"
    return Finding(heading.line, _column(document, heading), message, hint=hint, length=len(token))


def _styles(document: Document, chain: dict[Key, tuple[int, str]]) -> Iterator[Finding]:
    groups: dict[Key, list[Heading]] = {}
    for heading in document.headings:
        if heading.number and _key(heading.number) in chain:
            groups.setdefault(_key(heading.number), []).append(heading)
    for group in groups.values():
        counts = Counter(h.number.style for h in group if h.number)
        if len(counts) < 2:
            continue
        usual = max(counts, key=lambda s: (counts[s], -_first(group, s)))
        model = next(h for h in group if h.number and h.number.style == usual)
        for heading in group:
            number = heading.number
            if number is None or number.style == usual:
                continue
            want = dataclasses.replace(number, style=usual).render(number.values)
            yield Finding(
                heading.line,
                _column(document, heading),
                f"Heading number `{number.token}` is styled differently from "
                f"`{model.number.token}` (line {model.line}) at the same level",  # type: ignore[union-attr]
                hint=f"write it `{want}`, like the other headings of its level",
                length=len(number.token),
            )


def _column(document: Document, heading: Heading) -> int:
    """Where the number is: after the `##` of a Markdown heading."""
    token = heading.number.token if heading.number else ""
    return locate(document, heading.line, heading.text, 0, token)


def _first(group: list[Heading], style: str) -> int:
    return next(i for i, h in enumerate(group) if h.number and h.number.style == style)
