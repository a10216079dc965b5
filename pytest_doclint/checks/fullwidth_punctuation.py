"""fullwidth-punctuation: Chinese running text uses `，：；？！（）`, not `,:;?!()`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.scope import Unit
from pytest_doclint.scope import locate
from pytest_doclint.scope import units
from pytest_doclint.textutil import is_cjk

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
MAY_END = ":?!)"
"""Marks that may end a line of Chinese text (`同志们:`, `吗?`); the others sit between words."""
SKIP_BEFORE = "”’」』）》】"
SKIP_AFTER = "“‘「『（《【 \t"
URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+")
ENUMERATOR = re.compile(r"\s*[(（][一二三四五六七八九十\d]{1,3}[)）]")
"""`(一)` opening a numbered item: its numbering style is heading-hierarchy's business."""


@dataclass(frozen=True)
class Options:
    marks: str = field(
        default=",:;?!()",
        metadata={
            "help": "The half-width marks to report in Chinese text, out of `,:;?!()`",
        },
    )


@rule(
    "fullwidth-punctuation",
    "Chinese text uses full-width punctuation",
    options=Options,
)
def fullwidth_punctuation(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a half-width `,` `;` `(` between two Chinese characters, and a half-width `:`
    `?` `!` `)` after a Chinese character and before another or at the end of the line, in
    the title, heading titles, paragraphs, lists and quotes. Closing quotes before the mark
    and opening ones after it are looked through (`“多圈”,则是`). Numbers (`6:00-9:00`,
    `3,000`), URLs, e-mail addresses, code, tables, the table of contents, English text and
    the number of an item (`(一)`, left to `heading-hierarchy`) are left alone. One finding
    per line: the first mark, with the count of the others.

    ## Why is this bad?
    GB/T 15834 (标点符号用法) sets Chinese text in full-width punctuation; half-width marks
    crowd the characters and show that the text was typed with an English input method,
    which an official document should not show.

    ## Example
    ```text
    今天,我们在这里召开推进会:
    ```

    Use instead:
    ```text
    今天，我们在这里召开推进会：
    ```

    ## References
    - GB/T 15834-2011 标点符号用法
    """
    marks = {m for m in options.marks if m in FULL_WIDTH}
    for unit in units(document, ("title", "headings", "paragraphs")):
        for line, text, start in _texts(unit):
            found = [i for i in _half_width(text, start, marks)]
            if not found:
                continue
            first = text[found[0]]
            more = f" ({len(found) - 1} more on this line)" if len(found) > 1 else ""
            kinds = sorted({text[i] for i in found}, key=",:;?!()".index)
            hint = f"use the full-width `{FULL_WIDTH[first]}`"
            if len(kinds) > 1:
                hint = "use full-width marks: " + " ".join(f"`{FULL_WIDTH[k]}`" for k in kinds)
            yield Finding(
                line,
                locate(document, line, text, found[0], first),
                f"Half-width `{first}` in Chinese text{more}",
                hint=hint,
            )


def _texts(unit: Unit) -> Iterator[tuple[int, str, int]]:
    """(line, text line, offset to start looking at): a heading's number is not its text."""
    for line, text in unit.lines:
        start = 0
        if unit.heading and unit.heading.title:
            start = max(text.find(unit.heading.title), 0)
        elif unit.kind != "title":
            enumerator = ENUMERATOR.match(text)
            start = enumerator.end() if enumerator else 0
        yield line, text, start


def _half_width(text: str, start: int, marks: set[str]) -> Iterator[int]:
    urls = [m.span() for m in URL.finditer(text)]
    for index in range(start, len(text)):
        char = text[index]
        if char not in marks or any(a <= index < b for a, b in urls):
            continue
        before = _neighbour(text, index, -1, SKIP_BEFORE)
        after = _neighbour(text, index, 1, SKIP_AFTER)
        if not (before and is_cjk(before)):
            continue
        if (after and is_cjk(after)) or (after is None and char in MAY_END):
            yield index


def _neighbour(text: str, index: int, step: int, skip: str) -> str | None:
    """The first character from ``index`` in direction ``step`` that is not in ``skip``."""
    index += step
    while 0 <= index < len(text) and text[index] in skip:
        index += step
    return text[index] if 0 <= index < len(text) else None
