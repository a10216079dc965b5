"""The content between a plain-text document's headings, as blocks a reader sees.

A block is a run of lines between blank lines and headings: a list when its lines are items
(and the lines items wrap onto), a table when every line has cells, code when it is set in
deeper than the paragraph before it or reads as code, else a paragraph.
"""

from __future__ import annotations

import re

from pytest_doclint.model import Block
from pytest_doclint.model import Title
from pytest_doclint.parsers.text.lines import BULLET
from pytest_doclint.parsers.text.lines import Line
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import is_cjk

FOOTNOTE = re.compile(r"^\^?\[\d+\]")


def blocks(body: list[Line], title: Title | None) -> list[Block]:
    """Runs of content lines between blank lines and headings (TOCs are not in ``body``)."""
    skip = {title.line} if title else set()
    found: list[Block] = []
    run: list[Line] = []
    prose: list[Line] = []  # the last paragraph: a code sample is indented deeper than prose

    def flush() -> None:
        nonlocal prose
        if run:
            found.append(_block(run, prose))
            if found[-1].kind == "paragraph":
                prose = list(run)
            run.clear()

    for line in body:
        if line.blank or line.number in skip or line.continues_heading:
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
    return found


def _list_item(line: Line) -> bool:
    return line.item or bool(BULLET.match(line.text) or FOOTNOTE.match(line.text))


def _block(lines: list[Line], prose: list[Line]) -> Block:
    text = "\n".join(line.text for line in lines)
    start, end = lines[0].number, lines[-1].number
    indent = _indent_width(lines[0])
    if _list_item(lines[0]) and all(
        _list_item(line) or _indent_width(line) > indent for line in lines
    ):  # items, and the lines that items wrap onto
        starts = [i for i, line in enumerate(lines) if _list_item(line)]
        items = tuple("\n".join(line.text for line in lines[a:b])
                      for a, b in zip(starts, [*starts[1:], len(lines)], strict=True))  # fmt: skip
        return Block("list", start, end, text, items=items, indent=indent)
    if all("|" in line.text or set(line.text) <= set("+-=| ") for line in lines):
        return Block("table", start, end, text, indent=indent)
    code_like = sum(line.text.endswith((";", "{", "}")) for line in lines)
    if code_like * 2 >= len(lines) or _indented_code(lines, prose):
        return Block("code", start, end, text, indent=indent)
    return Block("paragraph", start, end, text, indent=indent)


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
