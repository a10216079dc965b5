"""Plain text: headings are numbered lines (`一、`, `（一）`, `1.`, `1.1`, `第一章`, …).

Telling a heading from a numbered sentence is the hard part. A numbered line is a heading when
it stands alone (short, no sentence-ending punctuation, not the continuation of a wrapped
sentence, not a wrapped list item), or, in CJK text, when its first sentence is short enough
to be a run-in heading (`（一）加强组织领导。各地要……`). It is a list item when it is a
Latin sentence (`1. Update the changelog.`), continues a list that a label line opened
(`附件：1. 项目清单` / `      2. 分工表`), or is set in further than the body text around it
in a layout that indents its body (DocBook, RFC). The TOC is the block after a marker line
(`目录`, `Contents`) or a leading run of numbered lines that the body repeats; a body line that
repeats an unnumbered entry (`Preface`) is that entry's heading.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.model import split_lines
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import is_cjk
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import unclosed_pair

# `第一章 总则 ........ 3`, `1.1. Purpose ......... 2`, `Introduction      5`
LEADER = re.compile(
    r"^(?P<text>.*?\S)(?:\s*(?:[.·…．⋯_]\s?){3,}\s*(?:\d+|[ivxlc]+)?"
    r"|\s*(?:[.·…．⋯_]\s?){2,}\s*(?:\d+|[ivxlc]+)|\s{3,}(?:\d+|[ivxlc]+))\s*$",
    re.IGNORECASE,
)  # a long title leaves room for two leader dots only: `… (BTYPE=10) .. 13`
BULLET = re.compile(r"^[-*+•·●○▪◦]\s+")
LATIN_SENTENCE = re.compile(r"[A-Za-z0-9)\]\"'”’]\.$")
LABEL = re.compile(r"[：:]\s*")
WRAP_WIDTH = 50
"""A line this wide that does not end a sentence is probably wrapped prose."""
WRAP_COLUMNS = 70
"""Where plain-text tools wrap lines: a TOC line that could not take the next word is wrapped."""


@dataclass
class Candidate:
    """A line that could be a heading, judged on the line alone."""

    number: Number | None
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
    numbered: Number | None = None
    """The number token the line starts with, heading or not."""
    item: bool = False
    """An item of a numbered list, not a heading (`附件：1. …` / `      2. …`)."""

    @property
    def blank(self) -> bool:
        return not self.text


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    lines = [_line(i + 1, raw, settings) for i, raw in enumerate(split_lines(source))]
    _reject_in_context(lines, settings)
    _reject_nested_items(lines)
    tocs = _explicit_tocs(lines, settings) or _leading_toc(lines) or _bullet_toc(lines)
    in_toc = {n for toc in tocs for n in range(toc.line, toc.end_line + 1)}
    body = [line for line in lines if line.number not in in_toc]
    if tocs:
        _promote_listed(body, tocs[0])
        _promote_run_in(body, tocs[0])
    _demote_article_items(body)
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
    found = match_number(text, settings.schemes)
    line.numbered = found[1] if found else None
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
    ) and not _latin_sentence(title):
        return Candidate(number, title, text, column, run_in=False)
    if settings.run_in_headings and scheme.run_in == "allowed" and "。" in title:
        head, _, rest = title.partition("。")
        if head and display_width(number.token + head) <= settings.max_heading_width:
            return Candidate(number, head, number.token + head, column, run_in=bool(rest.strip()))
    return None


def _latin_sentence(title: str) -> bool:
    """`1. Update the changelog.`: words ending in a full stop are a sentence, not a title."""
    return len(title.split()) > 1 and bool(LATIN_SENTENCE.search(title))


def _reject_in_context(lines: list[Line], settings: ParseSettings) -> None:
    """Drop candidates that continue a wrapped sentence, are wrapped list items, or continue
    a list that a label line opened (`附件：1. 项目清单` / `      2. 分工表`)."""
    listed: Number | None = None
    for index, line in enumerate(lines):
        candidate = line.candidate
        if listed and candidate and candidate.number and _next_item(listed, candidate.number):
            listed, line.candidate, line.item = candidate.number, None, True
            continue
        listed = _opens_list(line.text, settings) if not candidate else None
        line.item = listed is not None
        if not candidate:
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if (before and not before.blank and not before.candidate and _continues(before.text)) or (
            after and not after.blank and not after.candidate and _hangs(line, after)
        ):
            line.candidate = None


def _reject_nested_items(lines: list[Line]) -> None:
    """In a layout whose body text is set in from its headings (DocBook, RFC, man pages), a
    numbered line set in further than the text before it is a list item, as are the items
    that follow at its margin: `5.18.1. Autotools` / `    It has 4 steps.` / `     1. set up …`.
    """
    margins = [m for line in lines if line.candidate and (m := _margin(line)) is not None]
    base = min(margins, default=0)
    prose: int | None = None  # margin of the body text before
    item: tuple[int, Number] | None = None  # margin and number of the list item being read
    for line in lines:
        margin, number = _margin(line), line.numbered
        if line.blank:
            continue
        if margin is None:
            prose = item = None
        elif number and (
            (item and abs(margin - item[0]) <= 1 and _next_item(item[1], number))  # `  9.` `10.`
            or (prose is not None and base < prose < margin)
        ):
            line.candidate, line.item, item = None, True, (margin, number)
        elif line.candidate:
            prose = item = None
        elif item is None or margin <= item[0]:
            prose, item = margin, None


def _margin(line: Line) -> int | None:
    """Width of a line's indentation in blanks; None for CJK paragraph indentation (`　　`)."""
    indent = line.indent.replace("\u00a0", " ").expandtabs(4)
    return len(indent) if indent.isascii() else None


def _opens_list(text: str, settings: ParseSettings) -> Number | None:
    """The `1.` of a label line `附件：1. 项目清单`, whose list runs on in the lines below."""
    label = LABEL.search(text)
    found = match_number(text[label.end() :], settings.schemes) if label else None
    return found[1] if found and found[1].values == (1,) else None


def _next_item(previous: Number, number: Number) -> bool:
    return (number.style, len(number.values), number.value) == (
        previous.style, len(previous.values), previous.value + 1
    )


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
    gap = False  # a blank line since the last entry
    for line in lines[marker + 1 :]:
        if line.blank:
            gap = bool(entries)
            continue
        text = _entry_text(line.text)
        entry = _toc_entry(line, text, settings)
        if entries and _key(entry.number, entry.title) == _key(entries[0].number, entries[0].title):
            break  # the body repeats the first entry: the TOC is over
        plain = entry.number is None and text == line.text  # no number and no page number
        if plain and entries and not gap and _wraps(entries[-1], lines[entries[-1].line - 1], line):
            entries[-1].title += " " + text  # an entry wrapped onto a second line
            entries[-1].text += " " + text
        elif plain and gap and any(e.number for e in entries):
            break  # the text after a numbered TOC (a DocBook chapter's own TOC)
        elif not plain or _short_label(text, settings):
            entries.append(entry)
        else:
            break
        gap, end = False, line.number
    return Toc(entries, marker + 1, end, marker=lines[marker].text)


def _wraps(entry: TocEntry, previous: Line, line: Line) -> bool:
    """`7.9.1. Snapshot upstream tarball (alternative git deborig` / `approach)`: set in under
    a numbered entry, or after an entry that filled its line or left a bracket open."""
    if entry.number and len(line.indent) > len(previous.indent):
        return True
    overflow = display_width(previous.raw.rstrip()) + 1 + display_width(line.text.split()[0])
    return overflow > WRAP_COLUMNS or unclosed_pair(previous.text) is not None


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


def _bullet_toc(lines: list[Line]) -> list[Toc]:
    """The document's first bullet list, before any heading, whose first item the body
    repeats on a line of its own: an unnumbered TOC (`-   INSTALLATION` / `    -   Update`),
    as pandoc writes a Markdown TOC in plain text. Indentation gives the levels."""
    start = next((i for i, line in enumerate(lines) if line.candidate or BULLET.match(line.text)), None)
    if start is None or lines[start].candidate:
        return []
    run = list(itertools.takewhile(lambda line: bool(BULLET.match(line.text)), lines[start:]))
    if len(run) < 3:
        return []
    first = _label_key(BULLET.sub("", run[0].text))
    after = lines[start + len(run) :]
    repeated = any(_label_key(line.text) == first and (index == 0 or after[index - 1].blank)
                   for index, line in enumerate(after))  # fmt: skip
    if not repeated:
        return []
    entries = [TocEntry(BULLET.sub("", line.text), BULLET.sub("", line.text), None,
                        len(line.indent), line.number, len(line.indent) + 1) for line in run]  # fmt: skip
    return [Toc(entries, run[0].number, run[-1].number)]


def _promote_listed(body: list[Line], toc: Toc) -> None:
    """A body line that repeats an unnumbered TOC entry (`Preface`, `Glossary`) on a line of
    its own, after a blank line or a heading, is that entry's heading."""
    wanted = Counter(_label_key(e.text) for e in toc.entries if e.number is None)
    previous: Line | None = None
    for line in body:
        key = _label_key(line.text)
        if not line.candidate and wanted[key] and (
            previous is None or previous.blank or previous.candidate
        ):
            wanted[key] -= 1
            line.candidate = Candidate(None, line.text, line.text, len(line.indent) + 1, False)
        previous = line


def _promote_run_in(body: list[Line], toc: Toc) -> None:
    """`3.1. Overall conventions In the diagrams below, …`: a numbered TOC entry that no
    heading repeats is the run-in heading of the body line that begins with its text."""
    found = {_key(line.candidate.number, line.candidate.title) for line in body if line.candidate}
    for entry in toc.entries:
        if entry.number is None or _key(entry.number, entry.title) in found:
            continue
        start = normalize(entry.text) + " "
        for line in body:
            if not line.candidate and normalize(line.text).startswith(start):
                line.candidate = Candidate(entry.number, entry.title, line.text[: len(entry.text)],
                                           len(line.indent) + 1, run_in=True)  # fmt: skip
                break


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
        elif article_rank is not None and candidate.number.rank > article_rank:
            line.candidate = None
        else:
            article_rank = None


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
    """Levels are the dense ranks of the number schemes the document uses; an unnumbered
    heading takes the level of its TOC entry (entries without numbers rank by indentation)."""
    ranks = sorted({item.number.rank for item in [*headings, *entries] if item.number})
    level_of = {rank: index + 1 for index, rank in enumerate(ranks)}
    indents = sorted({e.level for e in entries if not e.number})
    for entry in entries:
        entry.level = (
            level_of[entry.number.rank] if entry.number else indents.index(entry.level) + 1
        )
    unnumbered = {_label_key(e.text): e.level for e in entries if not e.number}
    for heading in headings:
        heading.level = (
            level_of[heading.number.rank] if heading.number else
            unnumbered.get(_label_key(heading.text), 1)
        )  # fmt: skip


def _label_key(text: str) -> str:
    """`General Options:` in the body is the TOC's `General Options`."""
    return normalize(text).rstrip(":：")


def _blocks(body: list[Line], title: Title | None) -> list[Block]:
    """Runs of content lines between blank lines and headings (TOCs are not in ``body``)."""
    skip = {title.line} if title else set()
    blocks: list[Block] = []
    run: list[Line] = []
    prose: list[Line] = []  # the last paragraph: a code sample is indented deeper than prose

    def flush() -> None:
        nonlocal prose
        if run:
            blocks.append(_block(run, prose))
            if blocks[-1].kind == "paragraph":
                prose = list(run)
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
            if _list_item(line) and run and not any(map(_list_item, run)):
                flush()  # `材料应包括：` / `- 年度工作完成情况`: the list is a block of its own
            run.append(line)
    flush()
    return blocks


def _list_item(line: Line) -> bool:
    return line.item or bool(BULLET.match(line.text) or re.match(r"^\^?\[\d+\]", line.text))


def _block(lines: list[Line], prose: list[Line]) -> Block:
    text = "\n".join(line.text for line in lines)
    start, end = lines[0].number, lines[-1].number
    if _list_item(lines[0]) and all(
        _list_item(line) or _indent_width(line) > _indent_width(lines[0]) for line in lines
    ):  # items, and the lines that items wrap onto
        starts = [i for i, line in enumerate(lines) if _list_item(line)]
        items = tuple("\n".join(line.text for line in lines[a:b])
                      for a, b in zip(starts, [*starts[1:], len(lines)]))  # fmt: skip
        return Block("list", start, end, text, items=items)
    if all("|" in line.text or set(line.text) <= set("+-=| ") for line in lines):
        return Block("table", start, end, text)
    code_like = sum(line.text.endswith((";", "{", "}")) for line in lines)
    if code_like * 2 >= len(lines) or _indented_code(lines, prose):
        return Block("code", start, end, text)
    return Block("paragraph", start, end, text)


def _indented_code(lines: list[Line], prose: list[Line]) -> bool:
    """Lines set in deeper than the paragraph before them (by 4 columns, or by 2 after a
    line ending with a colon), and not CJK prose: a code sample or a command."""
    if not prose:
        return False
    step = min(map(_indent_width, lines)) - min(map(_indent_width, prose))
    introduced = prose[-1].text.endswith((":", "："))
    if step < 2 or (step < 4 and not introduced):
        return False
    text = "".join("".join(line.text.split()) for line in lines)
    return sum(map(is_cjk, text)) * 3 < len(text)


def _indent_width(line: Line) -> int:
    return display_width(line.indent.expandtabs(4))
