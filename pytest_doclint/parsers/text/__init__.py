"""Plain text: headings are numbered lines (`一、`, `（一）`, `1.1`, `第一章`, `Chapter 1.`, …).

Structure is decided per document, from all the evidence it gives:

1. Each line is judged on its shape and neighbours (:mod:`.lines`): a short numbered line
   standing alone may be a heading; a numbered sentence, a wrapped list item or a numbered
   paragraph is not.
2. Contents lists are found (:mod:`.toc`): after a marker line (`目录`, `Table of Contents`),
   or as a run of numbered lines the body repeats; lists of tables and figures, and the
   chapters' own TOCs, are set aside with them.
3. The TOC is evidence for the body (:mod:`.evidence`): the line an entry names is a heading
   whatever its neighbours say, and a heading that wraps onto a second line is read whole.
4. Numbering gives levels: the dense ranks of the number schemes the body uses (`Chapter 1.`
   above `1.1.`); an unnumbered heading takes its entry's level.
"""

from __future__ import annotations

from collections import Counter

from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Title
from pytest_doclint.model import TocEntry
from pytest_doclint.model import segments_of
from pytest_doclint.model import split_lines
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.text.blocks import blocks
from pytest_doclint.parsers.text.evidence import keep_house_style
from pytest_doclint.parsers.text.evidence import promote_listed
from pytest_doclint.parsers.text.lines import Line
from pytest_doclint.parsers.text.lines import label_key
from pytest_doclint.parsers.text.lines import read_lines
from pytest_doclint.parsers.text.lines import short_label
from pytest_doclint.parsers.text.toc import assign_levels
from pytest_doclint.parsers.text.toc import regions

__all__ = ["parse"]


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    lines = read_lines(split_lines(source), settings)
    found = regions(lines, settings)
    inside = {index for region in found for index in range(region.start, region.end + 1)}
    body = [line for index, line in enumerate(lines) if index not in inside]
    for region in found:
        assign_levels(region.entries)
    toc = next((region for region in found if region.kind == "toc"), None)
    if toc:
        promote_listed([line for line in body if line.number > toc.end + 1], toc.entries, settings)
        keep_house_style(body)
    _demote_article_items(body)
    title = _title(body, settings)
    headings = [_heading(line) for line in body if line.candidate]
    _assign_levels(headings, toc.entries if toc else [])
    document = Document(
        path,
        source,
        "text",
        title=title,
        toc=toc.toc() if toc else None,
        headings=headings,
        blocks=blocks(body, title),
    )
    document.other_tocs = [region.toc() for region in found if region is not toc]
    return document.link()


def _demote_article_items(body: list[Line]) -> None:
    """Inside an article (`第二条 生活垃圾分为以下四类：`), `（一）` lines are its items (项),
    not headings: a law numbers its provisions, not sections, below the article."""
    article_rank: int | None = None
    for line in body:
        candidate = line.candidate
        if candidate is None or candidate.number is None:
            continue
        if candidate.number.continuous:
            article_rank = candidate.number.rank
        elif (
            article_rank is not None
            and candidate.number.rank > article_rank
            and (not candidate.listed)
        ):
            line.candidate = None
        else:
            article_rank = None


def _title(body: list[Line], settings: ParseSettings) -> Title | None:
    """The first line of the body, if it is short, unnumbered and not a sentence."""
    first = next((line for line in body if not line.blank), None)
    if first and not first.candidate and short_label(first.text, settings):
        return Title(first.text, first.number, segments_of(first.raw, first.text))
    return None


def _heading(line: Line) -> Heading:
    c = line.candidate
    assert c is not None
    return Heading(c.text, c.title, c.number, 0, line.number, c.column, run_in=c.run_in)


def _assign_levels(headings: list[Heading], entries: list[TocEntry]) -> None:
    """Levels are the dense ranks of the number schemes the body uses; an unnumbered
    heading takes the level its TOC entry has among the numbered ones."""
    ranks = sorted({h.number.rank for h in headings if h.number})
    level_of = {rank: index + 1 for index, rank in enumerate(ranks)}
    for heading in headings:
        if heading.number:
            heading.level = level_of[heading.number.rank]
    body_level = _body_levels(headings, entries)
    listed = {label_key(e.text): e.level for e in entries if not e.number}
    for heading in headings:
        if not heading.number:
            toc_level = listed.get(label_key(heading.text), 1)
            heading.level = body_level.get(toc_level, toc_level)


def _body_levels(headings: list[Heading], entries: list[TocEntry]) -> dict[int, int]:
    """TOC level → the body level of the numbered headings its entries name."""
    by_key = {h.number.key: h.level for h in headings if h.number}
    votes: dict[int, Counter[int]] = {}
    for entry in entries:
        if entry.number and entry.number.key in by_key:
            votes.setdefault(entry.level, Counter())[by_key[entry.number.key]] += 1
    return {level: counts.most_common(1)[0][0] for level, counts in votes.items()}
