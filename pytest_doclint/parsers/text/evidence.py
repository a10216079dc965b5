"""The TOC as evidence for the body: the line an entry names is a heading.

Each entry is looked for below the TOC, after the heading of the entry before it (then
anywhere, for an entry out of order): a line with the same number, however it is written
(`1.` = `Chapter 1.` = `第 1 章` = `第一章`; `A.` = `Appendix A.`), and the same title — or the
title's first line, when the heading wraps onto the next line; or the entry's text at the
start of a longer line (a run-in heading, `3.1. Overall conventions In the diagrams …`); or,
for an unnumbered entry (`Preface`), the same text on a line of its own. Such a line is a
heading whatever the line before it ends with, and whatever its title starts with.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from dataclasses import dataclass

from pytest_doclint.model import TocEntry
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.text.lines import Candidate
from pytest_doclint.parsers.text.lines import Line
from pytest_doclint.parsers.text.lines import label_key
from pytest_doclint.parsers.text.lines import short_label
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import squeeze

MIN_STYLED = 3
"""Headings the TOC names that it takes to show how the document sets its headings ..."""
STYLED = 0.9
"""... and the share of them that must be set alike."""
MAX_WRAPPED = 3
"""Lines a heading may wrap onto after its first."""
SEPARATORS = tuple(",，:：;；、。—–-(（ ")
"""What may follow an abbreviated entry in its heading: `(一)系统性重塑,治理体系的……`."""


@dataclass
class _Found:
    position: int
    """Index of the heading's line in the body."""
    text: str
    """The heading as it reads (both lines of a wrapped heading)."""
    title: str
    run_in: bool = False
    wrapped: int = 0
    """How many lines after the first the heading takes."""


class _Index:
    """Body lines by the number they start with, and by their text."""

    def __init__(self, body: list[Line]) -> None:
        self.by_number: dict[tuple[bool, tuple[int, ...]], list[int]] = defaultdict(list)
        self.by_label: dict[str, list[int]] = defaultdict(list)
        for position, line in enumerate(body):
            if line.numbered:
                self.by_number[line.numbered[0].key].append(position)
            if not line.blank:
                self.by_label[label_key(line.text)].append(position)


def promote_listed(body: list[Line], entries: list[TocEntry], settings: ParseSettings) -> None:
    """Make the line each entry names a heading; ``body`` is what follows the TOC."""
    index = _Index(body)
    cursor = 0
    taken: set[int] = set()
    for entry in entries:
        found = _find(entry, body, index, cursor, taken, settings)
        if found is None:
            continue
        line = body[found.position]
        number = line.numbered[0] if line.numbered else entry.number
        if number and entry.number and entry.number.part:
            number = dataclasses.replace(number, part=entry.number.part)
        line.candidate = Candidate(
            number, found.title, found.text, len(line.indent) + 1, found.run_in, listed=True
        )
        line.item = False
        for extra in range(1, found.wrapped + 1):
            body[found.position + extra].continues_heading = True
        taken.add(found.position)
        cursor = found.position + 1


def _find(
    entry: TocEntry,
    body: list[Line],
    index: _Index,
    cursor: int,
    taken: set[int],
    settings: ParseSettings,
) -> _Found | None:
    """The entry's heading, looked for after ``cursor`` first."""
    if entry.number:
        positions = index.by_number.get(entry.number.key, [])
    else:
        positions = index.by_label.get(label_key(entry.text), [])
    ordered = sorted((p for p in positions if p not in taken), key=lambda p: (p < cursor, p))
    for position in ordered:
        found = (
            _numbered(entry, body, position, settings)
            if entry.number
            else _unnumbered(body, position)
        )
        if found:
            return found
    return None


def _numbered(
    entry: TocEntry, body: list[Line], position: int, settings: ParseSettings
) -> _Found | None:
    line = body[position]
    assert line.numbered is not None
    title = line.numbered[1]
    wanted, have = normalize(entry.title), normalize(title)
    if squeeze(title) == squeeze(entry.title):
        return _Found(position, line.text, title)
    if have.startswith(wanted) and have[len(wanted)].startswith(SEPARATORS):
        if short_label(line.text, settings) or line.candidate:
            return _Found(position, line.text, title)  # the TOC abbreviates the title
        head = line.text[: len(line.text) - len(title)] + title[: _cut(title, entry.title)]
        return _Found(position, head.rstrip(), entry.title, run_in=True)
    joined, text = title, line.text
    for extra, rest in enumerate(body[position + 1 : position + 1 + MAX_WRAPPED], start=1):
        if rest.blank or rest.numbered or not squeeze(entry.title).startswith(squeeze(joined)):
            break
        joined, text = f"{joined} {rest.text}", f"{text} {rest.text}"
        if squeeze(joined) == squeeze(entry.title):
            return _Found(position, text, joined, wrapped=extra)
    return None


def _cut(title: str, entry_title: str) -> int:
    """How many characters of ``title`` the entry's title takes (white space may differ)."""
    wanted = normalize(entry_title)
    for end in range(len(title) + 1):
        if normalize(title[:end]) == wanted:
            return end
    return len(entry_title)


def _unnumbered(body: list[Line], position: int) -> _Found | None:
    """An unnumbered entry's heading stands on a line of its own."""
    line = body[position]
    before = body[position - 1] if position else None
    if before is None or before.blank or before.candidate:
        return _Found(position, line.text, line.text)
    return None


def keep_house_style(body: list[Line]) -> None:
    """Where the headings the TOC names share a way of being set — underlined (`----` under
    the title, as Sphinx writes text), or their number followed by a NO-BREAK SPACE (as
    DocBook does) — a numbered line set otherwise is not one of them: a list item."""
    underlined = {id(line) for line, after in itertools.pairwise(body) if after.rule}
    listed = [line for line in body if line.candidate and line.candidate.listed]
    for trait in (lambda line: id(line) in underlined, _set_with_nbsp):
        if len(listed) >= MIN_STYLED and sum(map(trait, listed)) >= STYLED * len(listed):
            for line in body:
                if (
                    line.candidate
                    and line.candidate.number
                    and not line.candidate.listed
                    and (not trait(line))
                ):
                    line.candidate = None


def _set_with_nbsp(line: Line) -> bool:
    number = line.numbered[0] if line.numbered else None
    return number is not None and line.text[len(number.token) : len(number.token) + 1] == "\u00a0"
