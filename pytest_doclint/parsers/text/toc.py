"""Where a plain-text document lists its contents, and what each entry says.

A contents list is a *region*: a marker line (`目录`, `Contents`, `List of Tables`) and the
entries under it, or a run of numbered lines that the body repeats (a TOC without a title).
An entry is a numbered line, or a short label (`Preface`, `前言`), perhaps with a dot
leader and a page number; a line under an entry that the entry's own line had no room for is
the rest of that entry (`7.9.1. Snapshot upstream tarball (alternative git deborig` /
`approach)`). The first TOC is the document's; the rest are chapters' own TOCs. Lists of
tables, figures and examples are regions too: their lines are neither entries nor body.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.text.lines import BULLET
from pytest_doclint.parsers.text.lines import WRAP_COLUMNS
from pytest_doclint.parsers.text.lines import Line
from pytest_doclint.parsers.text.lines import label_key
from pytest_doclint.parsers.text.lines import short_label
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import unclosed_pair

# `第一章 总则 ........ 3`, `1.1. Purpose ......... 2`, `Introduction      5`: a leader needs a
# page number after it, or four dots at least (`And finally...` ends with an ellipsis).
LEADER = re.compile(
    r"^(?P<text>.*?\S)(?:\s*(?:[.·…．⋯_]\s?){4,}\s*(?:\d+|[ivxlc]+)?"
    r"|\s*(?:[.·…．⋯_]\s?){2,}\s*(?:\d+|[ivxlc]+)|\s{3,}(?:\d+|[ivxlc]+))\s*$",
    re.IGNORECASE,
)  # a long title leaves room for two leader dots only: `… (BTYPE=10) .. 13`
LIST_MARKER = re.compile(
    r"(?:list of (?:tables|figures|examples|equations|procedures|illustrations|listings)"
    r"|(?:表格|插图|插圖|图|圖|表|范例|範例|示例|例子|例)(?:清单|清單|目录|目錄|列表|索引))",
    re.IGNORECASE,
)
"""A list of tables, figures or examples: captions, not sections."""
APPENDIX_ENTRY = dataclasses.replace(
    BUILTIN_SCHEMES["letter"], name="appendix", rank=BUILTIN_SCHEMES["decimal"].rank
)
"""A TOC writes appendices `A.` beside the chapters' `1.`, where the body writes `Appendix A.`."""
PROSE_WORDS = 9
"""A line of this many words is running text: an entry's title is shorter."""
MIN_IMPLICIT = 2
"""Numbered lines a TOC without a title needs, besides being repeated by the body."""

Key = tuple[tuple[bool, tuple[int, ...]], str]


@dataclass
class Region:
    """Lines that list contents: ``kind`` is `toc`, `local` (a chapter's own) or `list`."""

    kind: str
    start: int
    """Index (0-based, in the document's lines) of the marker, or of the first entry."""
    end: int
    """Index of the last line that belongs to the region."""
    entries: list[TocEntry]
    marker: str | None = None

    def toc(self) -> Toc:
        return Toc(self.entries, self.start + 1, self.end + 1, marker=self.marker, kind=self.kind)


def entry_key(number: Number | None, title: str) -> Key:
    return (number.key if number else (False, ()), normalize(title))


def regions(lines: list[Line], settings: ParseSettings) -> list[Region]:
    """Every contents region, in document order; the first `toc` is the document's TOC."""
    reader = _Reader(lines, settings)
    found = reader.marked()
    if not any(r.kind == "toc" for r in found):
        found += _untitled(reader, found) or _bullet_toc(lines)
    found.sort(key=lambda r: r.start)
    first = next((r for r in found if r.kind == "toc"), None)
    for region in found:
        if region.kind == "toc" and region is not first:
            region.kind = "local"
    return found


class _Reader:
    """Reads entries from the lines of one document."""

    def __init__(self, lines: list[Line], settings: ParseSettings) -> None:
        self.lines, self.settings = lines, settings
        self.markers = {normalize(m) for m in settings.toc_markers}
        self.schemes = settings.schemes
        if BUILTIN_SCHEMES["appendix"] in settings.schemes:
            self.schemes += (APPENDIX_ENTRY,)
        widths = sorted(line.width for line in lines if not line.blank)
        self.wrap = max(widths[int(len(widths) * 0.98)] if widths else 0, WRAP_COLUMNS)
        """Where this document's lines wrap: few lines are wider."""

    def marked(self) -> list[Region]:
        found: list[Region] = []
        index = 0
        while index < len(self.lines):
            kind = self.marker_kind(self.lines[index])
            if kind:
                entries, end = self.entries(index + 1)
                if entries:
                    found.append(Region(kind, index, end, entries, self.lines[index].text))
                    index = end + 1
                    continue
            index += 1
        return found

    def marker_kind(self, line: Line) -> str | None:
        text = normalize(line.text).rstrip(":：")
        if text in self.markers:
            return "toc"
        return "list" if text and LIST_MARKER.fullmatch(text) else None

    def entries(self, first: int) -> tuple[list[TocEntry], int]:
        """The entries from ``first`` on, and the index of the region's last line."""
        entries: list[TocEntry] = []
        end = first - 1
        gap = False  # a blank line since the last entry
        seen: set[Key] = set()  # a TOC lists a numbered section once
        seen_first: Key | None = None  # the body begins where it repeats the first entry
        part = ""  # the caption the entries below count under, once the count starts over
        count = _Count()  # what the entries of that part (or of the TOC) have counted
        for index in range(first, len(self.lines)):
            line = self.lines[index]
            if line.blank:
                gap = bool(entries)
                continue
            if line.rule:
                continue  # a caption's underline
            if self.marker_kind(line):
                break  # the next list (`List of Tables`) or a chapter's own TOC
            text = entry_text(line.text)
            entry = self.entry(line, text)
            key = entry_key(entry.number, entry.title)
            repeats = key in seen if entry.number else key == seen_first
            if repeats or count.restarts(entry):
                break  # the body repeats an entry, or its outline starts over: the TOC is over
            plain = entry.number is None and text == line.text  # no number and no page number
            if plain and entries and not gap and self.wraps(entries[-1], line):
                last = entries[-1]
                seen.discard(entry_key(last.number, last.title))
                _extend(last, text)
                seen.add(entry_key(last.number, last.title))
                if len(entries) == 1:
                    seen_first = entry_key(last.number, last.title)
            elif plain and gap and any(e.number for e in entries):
                if not self.opens_part(index, seen):
                    break  # the text after a numbered TOC (a DocBook chapter's own TOC)
                part, count = text, _Count()
            elif part and entry.number:
                entries.append(
                    dataclasses.replace(entry, number=dataclasses.replace(entry.number, part=part))
                )
                count.add(entries[-1])
                seen.add(key)
            elif gap and self.opens_body(index):
                break  # a heading with its text: the body has begun
            elif not plain or short_label(text, self.settings):
                entries.append(entry)
                count.add(entry)
                seen.add(key)
                seen_first = seen_first or key
            else:
                break
            gap, end = False, index
        return entries, end

    def opens_part(self, index: int, seen: set[Key]) -> bool:
        """`Appendix` / `* 1. Overview of tools`: a caption after which the entries count from
        1 again, as a part of their own (the TOC has not listed these entries yet)."""
        following = next(
            (
                i
                for i in range(index + 1, len(self.lines))
                if not (self.lines[i].blank or self.lines[i].rule)
            ),
            None,
        )
        if following is None:
            return False
        entry = self.entry(self.lines[following], entry_text(self.lines[following].text))
        return bool(entry.number and entry.number.values == (1,)) and (
            entry_key(entry.number, entry.title) not in seen
        )

    def numbered(self, line: Line) -> bool:
        """The line reads as a numbered entry (`1. Scope`, `* 1. Scope`)."""
        return not line.blank and self.entry(line, entry_text(line.text)).number is not None

    def entry(self, line: Line, text: str) -> TocEntry:
        found = match_number(text, self.schemes, strict=False)
        column = len(line.indent) + 1
        if found:
            _, number, title = found
            return TocEntry(text, title, number, len(line.indent), line.number, column)
        return TocEntry(text, text, None, len(line.indent), line.number, column)

    def wraps(self, entry: TocEntry, line: Line) -> bool:
        """`7.9.1. Snapshot upstream tarball (alternative git deborig` / `approach)`: an
        unnumbered line set in under a numbered entry, or as far as one that is set in
        (numbered entries never share their depth with unnumbered ones), or after an entry
        that filled its line or left a bracket open."""
        previous = self.lines[entry.line - 1]
        if entry.number and (
            len(line.indent) > len(previous.indent)
            or (previous.indent and line.indent == previous.indent)
        ):
            return True
        overflow = previous.width + 1 + display_width(line.text.split()[0])
        return overflow > self.wrap or unclosed_pair(previous.text) is not None

    def opens_body(self, index: int) -> bool:
        """After a blank line, a line followed by prose, or by a chapter's own TOC, is the
        body's first heading."""
        lines = self.lines
        following = next((lines[i] for i in range(index + 1, len(lines)) if not lines[i].blank),
                         None)  # fmt: skip
        return following is not None and (
            self.prose(following) or self.marker_kind(following) is not None
        )

    def prose(self, line: Line) -> bool:
        """Running text: not numbered as entries are, and too long for an entry's title, a
        sentence, or as many words as a wrapped line has."""
        text = line.text
        words = len(text.split())
        return not self.numbered(line) and (
            display_width(text) > self.settings.max_heading_width
            or words >= PROSE_WORDS
            or (ends_sentence(text) and words >= 5)
            or text.endswith(("，", "。", "：", ":", ","))
        )


@dataclass
class _Count:
    """What the entries of a TOC (or of its current part) have counted, kept as they come:
    each line asks whether it starts the count over, which rescanning the entries would make
    quadratic in a TOC of thousands of entries."""

    top: TocEntry | None = None
    """The first entry: its level is the TOC's top level, its scheme the top-level count's."""
    last_top: int | None = None
    """The last value counted at the top level in the top entry's scheme."""
    numbers: set[tuple[int, ...]] = field(default_factory=set)
    """The numbers listed so far."""

    def add(self, entry: TocEntry) -> None:
        top = self.top = self.top or entry
        if entry.number is None:
            return
        self.numbers.add(entry.number.values)
        if top.number and entry.number.scheme == top.number.scheme and entry.level <= top.level:
            self.last_top = entry.number.value

    def restarts(self, entry: TocEntry) -> bool:
        """`第一章 总则概述` after `第七章 附则`: a top-level number the TOC has counted past, at
        the TOC's top level, starts the body (a chapter's own count restarts deeper, `    1.`)."""
        top = self.top
        if top is None or not (entry.number and top.number) or entry.level > top.level:
            return False
        return (
            entry.number.scheme == top.number.scheme
            and self.last_top is not None
            and entry.number.value <= self.last_top
            and entry.number.values in self.numbers
        )


def entry_text(text: str) -> str:
    """A TOC line without its bullet, dot leader and page number."""
    found = LEADER.match(text)
    return BULLET.sub("", found["text"] if found else text)


def _extend(entry: TocEntry, text: str) -> None:
    """Join the wrapped rest of an entry (no space between CJK characters, as `normalize`)."""
    entry.title += " " + text
    entry.text += " " + text


def _untitled(reader: _Reader, taken: list[Region]) -> list[Region]:
    """The first run of numbered lines whose first line the body repeats below it: a TOC
    without a title (DocBook after a rule line, an official document's outline before its
    title). Unnumbered lines it ends with that the body does not repeat are the title."""
    lines = reader.lines
    inside = {n for r in taken for n in range(r.start, r.end + 1)}
    later: dict[Key, int] = {}  # the last line each number and title are on
    for index, line in enumerate(lines):
        if line.numbered:
            later[entry_key(*line.numbered)] = index
        elif not line.blank:
            later[entry_key(None, label_key(line.text))] = index
    index = 0
    while index < len(lines):
        line = lines[index]
        starts = reader.numbered(line) and (
            index == 0 or lines[index - 1].blank or not reader.numbered(lines[index - 1])
        )
        if index in inside or not starts:
            index += 1
            continue
        entries, end = reader.entries(index)
        while (
            entries
            and not entries[-1].number
            and later.get(entry_key(None, label_key(entries[-1].text)), -1) <= end
        ):
            entries.pop()
        numbered = [e for e in entries if e.number]
        last = entries[-1].line - 1 if entries else index
        first = entry_key(numbered[0].number, numbered[0].title) if numbered else None
        if len(numbered) >= MIN_IMPLICIT and later.get(first, -1) > last:  # type: ignore[arg-type]
            return [Region("toc", index, last, entries)]
        index = max(end, index) + 1
    return []


def _bullet_toc(lines: list[Line]) -> list[Region]:
    """The document's first bullet list, before any heading, whose first item the body
    repeats on a line of its own: an unnumbered TOC (`-   INSTALLATION` / `    -   Update`),
    as pandoc writes a Markdown TOC in plain text. Indentation gives the levels."""
    start = next(
        (i for i, line in enumerate(lines) if line.candidate or BULLET.match(line.text)), None
    )
    if start is None or lines[start].candidate:
        return []
    run = list(itertools.takewhile(lambda line: bool(BULLET.match(line.text)), lines[start:]))
    if len(run) < 3:
        return []
    first = label_key(BULLET.sub("", run[0].text))
    after = lines[start + len(run) :]
    repeated = any(
        label_key(line.text) == first and (index == 0 or after[index - 1].blank)
        for index, line in enumerate(after)
    )
    if not repeated:
        return []
    entries = [_bullet_entry(line) for line in run]
    return [Region("toc", start, start + len(run) - 1, entries)]


def _bullet_entry(line: Line) -> TocEntry:
    text = BULLET.sub("", line.text)
    return TocEntry(text, text, None, len(line.indent), line.number, len(line.indent) + 1)


def assign_levels(entries: list[TocEntry]) -> None:
    """Entry levels from their numbers, or from their indentation where the numbers restart
    under each parent (`1. Introduction` / `    1. Mutt Home Page`), as they do in manuals
    that number sections per chapter. Unnumbered entries take the level of the numbered
    entries set in as far, else rank by indentation. ``level`` holds the indentation on entry.
    """
    indents = [e.level for e in entries]
    by_indent = {indent: rank + 1 for rank, indent in enumerate(sorted(set(indents)))}
    ranks = sorted({e.number.rank for e in entries if e.number})
    by_rank = {rank: index + 1 for index, rank in enumerate(ranks)}
    restarts = _numbered_per_parent(entries)
    numbered_at = {e.level: by_rank[e.number.rank] for e in entries if e.number}
    for entry in entries:
        if restarts or not entry.number:
            entry.level = (
                numbered_at.get(entry.level, by_indent[entry.level])
                if not restarts
                else by_indent[entry.level]
            )
        else:
            entry.level = by_rank[entry.number.rank]


def _numbered_per_parent(entries: list[TocEntry]) -> bool:
    """An entry `1.` set in under an entry numbered the same way starts a count of its own."""
    for previous, entry in itertools.pairwise(entries):
        if (
            entry.number
            and previous.number
            and entry.number.values == (1,)
            and (entry.number.rank == previous.number.rank and entry.level > previous.level)
        ):
            return True
    return False
