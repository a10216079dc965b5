"""The repair of a stale Markdown TOC, for `toc-matches-body`: the list written anew from the
body's headings, in the style the list already has.

Only where the direction of the repair is certain: a TOC between a generator's markers
(doctoc, markdown-toc, mdformat-toc, md-toc) is the body's copy, so it is written anew whatever
it lists; a list under a `Contents` heading only when every entry still has its section
(renamed, reordered or added headings), as an entry without one may name text the body lost.
A plain-text or reST TOC whose every entry has its section gets its renamed entries' titles
made the headings'. A document whose ending is cut off gets no fix: trimming its TOC would hide
the cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_doclint.checks._ending import judge
from pytest_doclint.checks._toc_pairing import NO_CLAIM
from pytest_doclint.checks._toc_pairing import Analysis
from pytest_doclint.findings import Edit
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import TocEntry

ITEM_START = re.compile(r"(?P<indent>[ \t]*)(?P<bullet>[-*+]|\d{1,9}(?P<delimiter>[.)]))[ \t]+")
"""The start of a TOC line before its link: indentation and list marker."""
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
    titles made the headings' (by TOC line), their numbers, leaders and page numbers kept."""
    if document.format == "markdown" or not _complete(document, analysis):
        return {}
    edits = {}
    for item in analysis.pairs:
        entry, heading = item.entry, item.heading
        if item.how != "renamed" or heading is None or not entry.text.endswith(entry.title):
            continue
        start = entry.column - 1 + len(entry.text) - len(entry.title)
        if document.line_text(entry.line)[entry.column - 1 :].startswith(entry.text):
            end = start + len(entry.title)
            edits[entry.line] = Edit(entry.line, start + 1, entry.line, end + 1, heading.title)
    return edits


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
