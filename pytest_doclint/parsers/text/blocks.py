"""The content between a plain-text document's headings, as blocks a reader sees.

A block is a run of lines between blank lines and headings: a list when its lines are items
(and the lines items wrap onto), a table when every line has cells, code when it is set in
deeper than the paragraph before it or reads as code, else a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter

from pytest_doclint.model import Block
from pytest_doclint.model import Title
from pytest_doclint.model import segments_of
from pytest_doclint.parsers.text.lines import BULLET
from pytest_doclint.parsers.text.lines import Line
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import is_cjk

FOOTNOTE = re.compile(r"^\^?\[\d+\]")
COLUMNS = re.compile(r"\S {3,}\S")
"""Cells set apart by runs of blanks: a table laid out in columns
(`Rusty Russell      Christopher Yeoh`)."""
CODE_MARK = re.compile(r"[;{}]$|\$[A-Za-z_{(]|^\s*(?:#|//|<[A-Za-z/!?])|[=|]\s|\s[=|]")
"""A line of code: a statement end or brace, a `$variable`, a comment, a tag, an operator."""
WORD = re.compile(r"[(“\"']?[A-Za-z]+(?:['’-][A-Za-z]+)*[)”\"'.,;:!?]*")
"""A word of prose, with the punctuation that may cling to it."""


def blocks(body: list[Line], title: Title | None) -> list[Block]:
    """Runs of content lines between blank lines and headings (TOCs are not in ``body``)."""
    runs = _runs(body, title)
    margin = _prose_margin(runs)
    found: list[Block] = []
    before: list[Line] = []  # the run before: a code sample often follows a line ending in `:`
    for run in runs:
        block = _block(run, before, margin)
        block.segments = tuple(segments_of(line.raw, line.text) for line in run)
        found.append(block)
        before = run
    return found


def _runs(body: list[Line], title: Title | None) -> list[list[Line]]:
    skip = {title.line} if title else set()
    runs: list[list[Line]] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            runs.append(list(run))
            run.clear()

    for line in body:
        if line.blank or line.rule or line.number in skip or line.continues_heading:
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
    return runs


def _prose_margin(runs: list[list[Line]]) -> int:
    """Where the document sets its paragraphs: the commonest indentation of wrapped runs of
    words (DocBook and RFC text set them in from the headings)."""
    prose = [
        run for run in runs if len(run) > 1 and _reads_as_prose(run) and not _list_item(run[0])
    ]
    margins = Counter(min(map(_indent_width, run)) for run in prose)
    return margins.most_common(1)[0][0] if margins else 0


def _list_item(line: Line) -> bool:
    return line.item or bool(BULLET.match(line.text) or FOOTNOTE.match(line.text))


def _block(lines: list[Line], before: list[Line], margin: int) -> Block:
    text = "\n".join(line.text for line in lines)
    start, end = lines[0].number, lines[-1].number
    indent = _indent_width(lines[0])
    if (
        FOOTNOTE.match(lines[0].text)
        or _list_item(lines[0])
        and all(_list_item(line) or _indent_width(line) > indent for line in lines)
    ):  # items, and the lines that items wrap onto (a footnote's at its own margin)
        starts = [i for i, line in enumerate(lines) if _list_item(line)]
        items = tuple(
            "\n".join(line.text for line in lines[a:b])
            for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)
        )
        return Block("list", start, end, text, items=items, indent=indent)
    if all("|" in line.text or set(line.text) <= set("+-=| ") for line in lines) or (
        len(lines) > 1 and all(COLUMNS.search(line.text) for line in lines)
    ):
        return Block("table", start, end, text, indent=indent)
    code_like = sum(
        line.text.endswith((";", "{", "}")) or bool(CODE_MARK.search(line.text)) for line in lines
    )
    if (len(lines) > 1 and code_like * 2 >= len(lines) and not _reads_as_prose(lines)) or (
        _indented_code(lines, before, margin)
    ):
        return Block("code", start, end, text, indent=indent)
    return Block("paragraph", start, end, text, indent=indent)


def _indented_code(lines: list[Line], before: list[Line], margin: int) -> bool:
    """Lines set in deeper than the document's paragraphs (by 4 columns, or by 2 after a line
    ending with a colon) that do not read as prose: a code sample, a command, its output."""
    step = min(map(_indent_width, lines)) - margin
    introduced = bool(before) and before[-1].text.endswith((":", "："))
    if step < 2 or (step < 4 and not introduced):
        return False
    return not _reads_as_prose(lines)


def _reads_as_prose(lines: list[Line]) -> bool:
    """Words, mostly, as many as a sentence has: CJK text, or Latin words that outnumber
    the tokens of code (`$HOME`, `apt-get`, `x = 1`) and run four to a line at least."""
    text = " ".join(line.text for line in lines)
    if sum(map(is_cjk, text)) * 3 >= len(text.replace(" ", "")):
        return True
    tokens = text.split()
    words = [t for t in tokens if WORD.fullmatch(t)]
    return len(words) >= 0.7 * len(tokens) and len(words) >= 4 * len(lines)


def _indent_width(line: Line) -> int:
    return display_width(line.indent.expandtabs(4))
