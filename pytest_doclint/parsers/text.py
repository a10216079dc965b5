"""Plain text: headings are numbered lines (`一、`, `（一）`, `1.`, `1.1`, `第一章`, …).

Telling a heading from a numbered sentence is the hard part. A numbered line is a heading when
it stands alone (short, no sentence-ending punctuation, not the continuation of a wrapped
sentence, not a wrapped list item), or, in CJK text, when its first sentence is short enough
to be a run-in heading (`（一）加强组织领导。各地要……`). The TOC is the block after a marker
line (`目录`, `Contents`) or a leading run of numbered lines that the body repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import normalize

# `第一章 总则 ........ 3`, `1.1. Purpose ......... 2`, `Introduction      5`
LEADER = re.compile(
    r"^(?P<text>.*?\S)(?:\s*(?:[.·…．⋯_]\s?){3,}\s*(?:\d+|[ivxlc]+)?|\s{3,}(?:\d+|[ivxlc]+))\s*$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[-*+•·●○▪◦]\s+")
WRAP_WIDTH = 50
"""A line this wide that does not end a sentence is probably wrapped prose."""


@dataclass
class Candidate:
    """A line that could be a heading, judged on the line alone."""

    number: Number
    title: str
    text: str
    column: int
    run_in: bool


@dataclass
class Line:
    number: int
    raw: str
    text: str
    indent: str
    candidate: Candidate | None = None

    @property
    def blank(self) -> bool:
        return not self.text


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    lines = [_line(i + 1, raw, settings) for i, raw in enumerate(source.splitlines())]
    _reject_in_context(lines)
    tocs = _explicit_tocs(lines, settings) or _leading_toc(lines)
    in_toc = {n for toc in tocs for n in range(toc.line, toc.end_line + 1)}
    body = [line for line in lines if line.number not in in_toc]
    title = _title(body, settings)
    headings = [_heading(line) for line in body if line.candidate]
    _assign_levels(headings, tocs[0].entries if tocs else [])
    blocks = _blocks(body, title)
    document = Document(path, source, "text", title=title, toc=tocs[0] if tocs else None,
                        headings=headings, blocks=blocks)  # fmt: skip
    return document.link()


def _line(number: int, raw: str, settings: ParseSettings) -> Line:
    raw = raw.replace("\f", "")
    text = raw.strip()
    line = Line(number, raw, text, raw[: len(raw) - len(raw.lstrip())])
    line.candidate = _candidate(text, len(line.indent) + 1, settings)
    return line


def _candidate(text: str, column: int, settings: ParseSettings) -> Candidate | None:
    """Judge ``text`` alone: a standalone heading, a run-in heading, or neither."""
    found = match_number(text, settings.schemes)
    if not found:
        return None
    scheme, number, title = found
    if scheme.run_in == "always":
        return Candidate(number, "", number.token, column, run_in=bool(title))
    if not title and scheme.title_required:
        return None
    if display_width(text) <= settings.max_heading_width and not text.endswith(
        tuple(settings.heading_end_punctuation)
    ):
        return Candidate(number, title, text, column, run_in=False)
    if settings.run_in_headings and scheme.run_in == "allowed" and "。" in title:
        head, _, rest = title.partition("。")
        if head and display_width(number.token + head) <= settings.max_heading_width:
            return Candidate(number, head, number.token + head, column, run_in=bool(rest.strip()))
    return None


def _reject_in_context(lines: list[Line]) -> None:
    """Drop candidates that continue a wrapped sentence or are wrapped list items."""
    for index, line in enumerate(lines):
        if not line.candidate:
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if before and not before.blank and not before.candidate and _continues(before.text):
            line.candidate = None
        elif after and not after.blank and not after.candidate and _hangs(line, after):
            line.candidate = None


def _continues(text: str) -> bool:
    """True if the sentence on this line runs on to the next line."""
    if ends_sentence(text):
        return False
    return text.endswith(("，", ",", "、", "；", ";")) or display_width(text) >= WRAP_WIDTH


def _hangs(line: Line, after: Line) -> bool:
    """`1. Install the package and` / `   configure it`: a wrapped list item."""
    candidate = line.candidate
    assert candidate is not None
    title_column = len(line.indent) + line.text.find(candidate.title) if candidate.title else -1
    return after.indent.isascii() and len(after.indent) >= 2 and len(after.indent) == title_column


def _entry_text(text: str) -> str:
    """A TOC line without its dot leader and page number."""
    found = LEADER.match(text)
    return found["text"] if found else text


def _key(number: Number | None, title: str) -> tuple[tuple[int, ...], str]:
    return (number.values if number else (), normalize(title))


def _explicit_tocs(lines: list[Line], settings: ParseSettings) -> list[Toc]:
    markers = {normalize(m) for m in settings.toc_markers}
    tocs: list[Toc] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if normalize(line.text) in markers:
            toc = _toc_after(lines, index, settings)
            if toc.entries:
                tocs.append(toc)
                index = toc.end_line
                continue
        index += 1
    return tocs


def _toc_after(lines: list[Line], marker: int, settings: ParseSettings) -> Toc:
    """Entries follow the marker until a line that is no entry, or the body's first heading."""
    entries: list[TocEntry] = []
    end = marker + 1
    for line in lines[marker + 1 :]:
        if line.blank:
            continue
        text = _entry_text(line.text)
        entry = _toc_entry(line, text, settings)
        if entries and _key(entry.number, entry.title) == _key(entries[0].number, entries[0].title):
            break  # the body repeats the first entry: the TOC is over
        if entry.number is None and entries and entries[-1].number and len(line.indent) > len(
            lines[entries[-1].line - 1].indent
        ) and text == line.text:
            entries[-1].title += " " + text  # an entry wrapped onto a second line
            entries[-1].text += " " + text
        elif text != line.text or entry.number or _short_label(text, settings):
            entries.append(entry)
        else:
            break
        end = line.number
    return Toc(entries, marker + 1, end, marker=lines[marker].text)


def _toc_entry(line: Line, text: str, settings: ParseSettings) -> TocEntry:
    text = BULLET.sub("", text)
    found = match_number(text, settings.schemes)
    column = len(line.indent) + 1
    if found:
        _, number, title = found
        return TocEntry(text, title, number, 0, line.number, column)
    return TocEntry(text, text, None, len(line.indent), line.number, column)


def _short_label(text: str, settings: ParseSettings) -> bool:
    return display_width(text) <= settings.max_heading_width and not ends_sentence(text) and not (
        text.endswith(tuple(settings.heading_end_punctuation))
    )


def _leading_toc(lines: list[Line]) -> list[Toc]:
    """A run of numbered lines at the top (after an optional title) that the body repeats."""
    content = [line for line in lines if not line.blank]
    start = 1 if content and not content[0].candidate else 0
    run: list[Line] = []
    for line in content[start:]:
        if not line.candidate or line.candidate.run_in:
            break
        run.append(line)
    if len(run) < 2:
        return []
    first = run[0].candidate
    assert first is not None
    later = [line.candidate for line in content[start + len(run) :] if line.candidate]
    if not any(_key(c.number, c.title) == _key(first.number, first.title) for c in later):
        return []
    entries = [
        TocEntry(c.text, c.title, c.number, 0, line.number, c.column)
        for line in run
        if (c := line.candidate)
    ]
    return [Toc(entries, run[0].number, run[-1].number)]


def _title(body: list[Line], settings: ParseSettings) -> Title | None:
    """The first line of the body, if it is short, unnumbered and not a sentence."""
    first = next((line for line in body if not line.blank), None)
    if first and not first.candidate and _short_label(first.text, settings):
        return Title(first.text, first.number)
    return None


def _heading(line: Line) -> Heading:
    c = line.candidate
    assert c is not None
    return Heading(c.text, c.title, c.number, 0, line.number, c.column, run_in=c.run_in)


def _assign_levels(headings: list[Heading], entries: list[TocEntry]) -> None:
    """Levels are the dense ranks of the number schemes the document uses."""
    ranks = sorted({item.number.rank for item in [*headings, *entries] if item.number})
    level_of = {rank: index + 1 for index, rank in enumerate(ranks)}
    for heading in headings:
        heading.level = level_of[heading.number.rank] if heading.number else 1
    indents = sorted({e.level for e in entries if not e.number})
    for entry in entries:
        entry.level = (
            level_of[entry.number.rank] if entry.number else indents.index(entry.level) + 1
        )


def _blocks(body: list[Line], title: Title | None) -> list[Block]:
    """Runs of content lines between blank lines and headings (TOCs are not in ``body``)."""
    skip = {title.line} if title else set()
    blocks: list[Block] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            blocks.append(_block(run))
            run.clear()

    for line in body:
        if line.blank or line.number in skip:
            flush()
        elif line.candidate:
            flush()
            if line.candidate.run_in:
                rest = line.text[len(line.candidate.text) :].lstrip("。 \u3000")
                run.append(Line(line.number, line.raw, rest, line.indent))
        else:
            run.append(line)
    flush()
    return blocks


def _block(lines: list[Line]) -> Block:
    text = "\n".join(line.text for line in lines)
    start, end = lines[0].number, lines[-1].number
    if all(BULLET.match(line.text) or re.match(r"^\^?\[\d+\]", line.text) for line in lines):
        return Block("list", start, end, text, last_item=lines[-1].text)
    if all("|" in line.text or set(line.text) <= set("+-=| ") for line in lines):
        return Block("table", start, end, text)
    code_like = sum(line.text.endswith((";", "{", "}")) for line in lines)
    return Block("code" if code_like * 2 >= len(lines) else "paragraph", start, end, text)
