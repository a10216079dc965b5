"""Where a rule instance looks: the `scope` key, resolved against the document model.

Every rule type reads its text through :func:`units`, so `scope: body` means the same
thing to a `pattern` rule as to a `length` rule. A :class:`Unit` is one title, TOC entry,
heading or content block, kept as its text lines with their source line numbers (block
text is laid out one text line per source line); :func:`locate` turns an offset in a text
line into the column of the source line, where markup may surround the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import column_at
from pytest_doclint.textutil import is_cjk

SCOPES = ("title", "toc", "headings", "body", "paragraphs", "all")
"""Scope names; `headings.h1` … `headings.h6` and `headings.level-N` name one heading level."""
LEVEL_SCOPE = re.compile(r"headings\.(?:h([1-6])|level-([1-9][0-9]?))")
PARAGRAPH_KINDS = ("paragraph", "list", "quote")
BODY_KINDS = (*PARAGRAPH_KINDS, "table")
"""Blocks a reader reads as text: never code, HTML, comments or link definitions."""
SENTENCE_MARKS = "。！？!?"
CLOSERS = "”’」』）)】》\"'"
ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "no",
        "fig",
        "al",
        "approx",
        "inc",
        "ltd",
        "co",
        "eq",
        "ch",
        "sec",
        "vol",
    )
)
"""A full stop after these does not end an English sentence."""


@dataclass(frozen=True)
class Unit:
    """One piece of a scope: a title, TOC entry, heading or block, line by line."""

    kind: str
    """`title`, `TOC entry`, `heading`, or a block kind (`paragraph`, `list`, `quote`, `table`)."""
    lines: tuple[tuple[int, str], ...]
    """(source line, text line) pairs; a title, entry or heading has one."""
    heading: Heading | None = None

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 1

    @property
    def text(self) -> str:
        return join_lines(text for _, text in self.lines)


def parse_scope(value: str | list[str]) -> tuple[str, ...]:
    """The scope names of a `scope` value; ValueError names the first unknown one."""
    names = (value,) if isinstance(value, str) else tuple(value)
    if not names:
        raise ValueError("`scope` names no part of the document")
    for name in names:
        if name not in SCOPES and not LEVEL_SCOPE.fullmatch(name):
            raise ValueError(name)
    return names


def scope_level(name: str) -> int | None:
    """The heading level a per-level scope names (`headings.h2` → 2), else None."""
    found = LEVEL_SCOPE.fullmatch(name)
    return int(found[1] or found[2]) if found else None


def units(document: Document, scope: tuple[str, ...]) -> list[Unit]:
    """The document's parts that ``scope`` names, in line order, each part once."""
    found: dict[tuple[int, str], Unit] = {}  # a Markdown `# Title` is title and heading
    for name in scope:
        for unit in _units(document, name):
            found.setdefault((unit.line, unit.text), unit)
    return sorted(found.values(), key=lambda u: u.line)


def _units(document: Document, name: str) -> Iterator[Unit]:
    everything = name == "all"
    if (everything or name == "title") and document.title:
        yield Unit("title", ((document.title.line, document.title.text),))
    toc = document.toc
    if (everything or name == "toc") and toc and not toc.generated:
        yield from (Unit("TOC entry", ((e.line, e.text),)) for e in toc.entries)
    level = scope_level(name)
    if everything or name == "headings" or level:
        for heading in document.headings:
            if level is None or heading.level == level:
                yield Unit("heading", ((heading.line, heading.text),), heading)
    kinds = BODY_KINDS if everything or name == "body" else PARAGRAPH_KINDS
    if everything or name in ("body", "paragraphs"):
        in_toc = range(toc.line, toc.end_line + 1) if toc else range(0)
        for block in document.blocks:
            if block.kind in kinds and block.start_line not in in_toc:
                lines = block.text.split("\n")[: block.end_line - block.start_line + 1]
                yield Unit(block.kind, tuple(enumerate(lines, start=block.start_line)))


def locate(document: Document, line: int, text: str, start: int, matched: str = "") -> int:
    """The 1-based column, in source ``line``, of offset ``start`` of its text line ``text``.

    The text line is the source line with markup removed; the model knows where each of its
    runs of text stands in the source (:meth:`Document.segments`). A text line the model
    does not hold is placed at column 1.
    """
    del matched  # the segments place every offset, the matched text among them
    return column_at(document.segments(line, text), start) or 1


def join_lines(lines: Iterator[str] | list[str]) -> str:
    """Text lines as one string: CJK lines join without a space, Latin ones with one."""
    return _join(list(lines))[0]


def _join(lines: list[str]) -> tuple[str, list[tuple[int, int, int]]]:
    """The joined text and, for each non-empty line, (offset in the joined text, index of
    the line, offset of its first character in the line)."""
    joined, segments = "", []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if joined and not (is_cjk(joined[-1]) and is_cjk(stripped[0])):
            joined += " "
        segments.append((len(joined), index, len(line) - len(line.lstrip())))
        joined += stripped
    return joined, segments


def position(unit: Unit, offset: int) -> tuple[int, str, int]:
    """Where offset ``offset`` of ``unit.text`` is: (source line, text line, offset in it)."""
    _, segments = _join([text for _, text in unit.lines])
    if not segments:
        return unit.line, "", 0
    at, index, lead = next(
        ((a, i, d) for a, i, d in reversed(segments) if a <= offset), segments[0]
    )
    line, text = unit.lines[index]
    return line, text, lead + max(offset - at, 0)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``.

    A sentence ends at `。！？!?` (a run of them), at `……`, or at a full stop followed by
    white space or the end, unless the stop belongs to a number (`3.5`), an initial (`J.`)
    or a common abbreviation (`e.g.`, `Dr.`). Closing quotes and brackets after the mark
    belong to the sentence.
    """
    start, index, length = 0, 0, len(text)
    while index < length:
        char = text[index]
        end = None
        if char in SENTENCE_MARKS or text.startswith("……", index):
            end = index + 1
            while end < length and (text[end] in SENTENCE_MARKS or text[end] == "…"):
                end += 1
        elif char == "." and (index + 1 == length or text[index + 1].isspace()):
            word = text[start:index].rsplit(None, 1)[-1] if text[start:index].strip() else ""
            if not (word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())):
                end = index + 1
        if end is None:
            index += 1
            continue
        while end < length and text[end] in CLOSERS:
            end += 1
        yield from _sentence(text, start, end)
        start = index = end
    yield from _sentence(text, start, length)


def _sentence(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        yield start + len(piece) - len(piece.lstrip()), stripped
