"""The repair of a stale Markdown TOC, for `toc-matches-body`: the list written anew from the
body's headings, in the style the list already has.

Only where the direction of the repair is certain: a TOC between a generator's markers
(doctoc, markdown-toc, mdformat-toc, md-toc) is the body's copy, so it is written anew whatever
it lists; a list under a `Contents` heading only when every entry still has its section
(renamed, reordered or added headings), as an entry without one may name text the body lost.
A plain-text or reST TOC whose every entry has its section gets its renamed entries' titles
made the headings' and its lines put in the body's order. A document whose ending is cut
off gets no fix: trimming its TOC would hide the cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_doclint.checks._ending import judge
from pytest_doclint.checks._toc_pairing import NO_CLAIM
from pytest_doclint.checks._toc_pairing import Analysis
from pytest_doclint.checks._toc_pairing import Pair
from pytest_doclint.findings import Edit
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import TocEntry

ITEM_START = re.compile(r"(?P<indent>[ \t]*)(?P<bullet>[-*+]|\d{1,9}(?P<delimiter>[.)]))[ \t]+")
"""The start of a TOC line before its link: indentation and list marker."""
ENUMERATOR = re.compile(r"\d|^\s*\(?[a-zA-Z]{1}[.)]")
"""A list enumerator before a TOC entry (`1.`, `a)`): it numbers the line, not the section."""
DEFAULT_INDENT = 2
"""Spaces per level when the TOC has no nested entry to copy (doctoc, markdown-toc and
mdformat-toc all indent by two)."""
TRUNCATION_LABEL_WIDTH = 40
"""`no-truncated-ending`'s default `max_label_width`: the fix asks the same question."""


@dataclass(frozen=True)
class _Style:
    """How the TOC writes its items: bullet (or ordered-list delimiter) and indentation."""

    bullet: str
    ordered: bool
    indent: int

    def line(self, depth: int, number: int, heading: Heading) -> str:
        marker = f"{number}{self.bullet}" if self.ordered else self.bullet
        text = re.sub(r"([\[\]\\])", r"\\\1", heading.text)
        return f"{' ' * (self.indent * (depth - 1))}{marker} [{text}](#{heading.anchor})"


def toc_edit(document: Document, analysis: Analysis) -> Edit | None:
    """The edit that writes the TOC list anew from the headings, or None where the TOC
    cannot be repaired with certainty."""
    toc, pairs = analysis.toc, analysis.pairs
    if document.format != "markdown" or not _repairable(document, analysis):
        return None
    style = _style(document, analysis)
    if style is None:  # not one entry a line, each a list item opening with its link
        return None
    deepest = max(analysis.depth[id(p.heading)] for p in pairs if p.heading)
    # The headings below the TOC, and those above it an entry lists (doctoc lists the title).
    wanted = {id(p.heading) for p in pairs if p.heading} | {id(h) for h in analysis.required}
    listed = [
        h
        for h in analysis.headings
        if h.anchor and 0 < analysis.depth.get(id(h), 0) <= deepest and id(h) in wanted
    ]
    lines, counters = [], [0] * (deepest + 1)
    for heading in listed:
        depth = analysis.depth[id(heading)]
        counters[depth] += 1
        counters[depth + 1 :] = [0] * (deepest - depth)
        lines.append(style.line(depth, counters[depth], heading))
    first, last = toc.entries[0].line, toc.entries[-1].line
    old = [document.line_text(n) for n in range(first, last + 1)]
    if len(old) != len(toc.entries) or not lines or old == lines:
        return None
    return Edit(first, 1, last, len(old[-1]) + 1, "\n".join(lines))


def rename_edits(document: Document, analysis: Analysis) -> dict[int, Edit]:
    """For a plain-text or reST TOC whose every entry has its section: the renamed entries'
    titles made the headings' (numbers, leaders and page numbers kept), by TOC line."""
    if document.format == "markdown" or not _complete(document, analysis):
        return {}
    edits = {}
    for item in analysis.pairs:
        line = item.entry.line
        text = _renamed_line(document, item)
        if text != document.line_text(line):
            edits[line] = Edit(line, 1, line, len(document.line_text(line)) + 1, text)
    return edits


def reorder_edit(document: Document, analysis: Analysis) -> Edit | None:
    """For a plain-text or reST TOC whose every entry has its section, some out of order: the
    TOC's lines in the body's order, renamed entries with their headings' titles."""
    if document.format == "markdown" or all(p.in_order for p in analysis.pairs):
        return None
    if not _complete(document, analysis):
        return None
    ordered = _in_body_order(document, analysis)
    if ordered is None:
        return None
    first, last = analysis.toc.entries[0].line, analysis.toc.entries[-1].line
    text = "\n".join(_renamed_line(document, p) for p in ordered)
    return Edit(first, 1, last, len(document.line_text(last)) + 1, text)


def _renamed_line(document: Document, item: Pair) -> str:
    """The entry's TOC line, with the heading's title for a renamed entry's."""
    entry, heading, text = item.entry, item.heading, document.line_text(item.entry.line)
    if item.how != "renamed" or heading is None or not entry.text.endswith(entry.title):
        return text
    start = entry.column - 1 + len(entry.text) - len(entry.title)
    if not text[entry.column - 1 :].startswith(entry.text):
        return text
    return text[:start] + heading.title + text[start + len(entry.title) :]


def _in_body_order(document: Document, analysis: Analysis) -> list[Pair] | None:
    """The TOC's pairs sorted by their headings' lines, where moving whole lines is certain to
    be right: one entry a line, on consecutive lines, each at its heading's level and with its
    heading's number, and no list enumerator before it (a TOC that numbers its lines by
    position would come out misnumbered)."""
    pairs = analysis.pairs
    if any(
        ENUMERATOR.search(document.line_text(p.entry.line)[: p.entry.column - 1]) for p in pairs
    ):
        return None
    lines = [p.entry.line for p in pairs]
    if lines != list(range(lines[0], lines[0] + len(lines))):
        return None
    for item in pairs:
        heading = item.heading
        assert heading is not None  # _complete: every entry has its section
        entry_number = item.entry.number.values if item.entry.number else None
        heading_number = heading.number.values if heading.number else None
        if entry_number != heading_number:
            return None
        if analysis.depth.get(id(heading)) != item.entry.level:
            return None
    return sorted(pairs, key=lambda p: p.heading.line if p.heading else 0)


def _complete(document: Document, analysis: Analysis) -> bool:
    """Every entry names a section of this body, and the body is not cut off."""
    if analysis.toc.generated or any(p.heading is None for p in analysis.pairs):
        return False
    return not _cut_off(document)


def _cut_off(document: Document) -> bool:
    verdict = judge(document, (), TRUNCATION_LABEL_WIDTH)
    return verdict is not None and verdict.truncated


def _repairable(document: Document, analysis: Analysis) -> bool:
    toc = analysis.toc
    if toc.generated or not toc.marker or any(p.how in NO_CLAIM for p in analysis.pairs):
        return False
    if not all(e.target for e in toc.entries) or not any(p.heading for p in analysis.pairs):
        return False
    between_markers = toc.marker.startswith("<!--")
    if not between_markers and any(p.heading is None for p in analysis.pairs):
        return False  # a hand-kept TOC naming a section the body lacks: stale, or text lost?
    return not _cut_off(document)


def _style(document: Document, analysis: Analysis) -> _Style | None:
    """The bullet and indentation of the TOC's own items; None for lines not written as
    one-line list items (a TOC the fix would not know how to rewrite)."""
    starts = [_item_start(document, e) for e in analysis.toc.entries]
    if any(s is None for s in starts):
        return None
    first = starts[0]
    assert first is not None
    ordered = first["delimiter"] is not None
    bullet = first["delimiter"] if ordered else first["bullet"]
    indent = next(
        (
            len(s["indent"]) // (p.entry.level - 1)
            for s, p in zip(starts, analysis.pairs, strict=True)
            if s and p.entry.level > 1 and s["indent"]
        ),
        DEFAULT_INDENT,
    )
    return _Style(bullet, ordered, indent or DEFAULT_INDENT)


def _item_start(document: Document, entry: TocEntry) -> re.Match[str] | None:
    """The indentation and list marker before the entry's link, read off its line."""
    before = document.line_text(entry.line)[: entry.column - 1]
    found = ITEM_START.match(before)
    return found if found and before[found.end() :] == "[" else None
