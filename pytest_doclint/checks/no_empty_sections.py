"""no-empty-sections: a heading directly followed by a heading of the same or a higher level."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.textutil import shorten


@rule("no-empty-sections", "Every section has content before the next heading of its level")
def no_empty_sections(document: Document, options: object) -> Iterator[Finding]:
    """
    ## What it does
    Reports a heading that is followed directly, with nothing but blank lines, comments or
    link reference definitions in between, by a heading of the same or a higher level, or by
    the end of the document.
    A heading followed by its own subsection is not empty; a run-in heading
    (`（一）加强领导。各地要……`) carries its text on the same line; the document's title
    (`# Guide` directly followed by `# Contents`) names the whole document, not a section.

    ## Why is this bad?
    An empty section is a placeholder that was never written, or text that was deleted
    together with its neighbour's heading.

    ## Example
    ```text
    二、存在的问题
    三、下一步工作
    ```

    Use instead:
    ```text
    二、存在的问题
    一些单位对这项工作重视不够。
    三、下一步工作
    ```

    A heading with nothing after it at the very end of a document is an empty section too.
    """
    starts = sorted({b.start_line for b in document.content_blocks()})
    title = document.title.line if document.title else None
    followers: list[Heading | None] = [*document.headings[1:], None]
    for heading, following in zip(document.headings, followers, strict=False):
        deeper = following is not None and following.level > heading.level
        if heading.run_in or heading.line == title or deeper:
            continue  # the document's title names the whole document, not a section
        first_after = bisect_right(starts, heading.line)  # the first block below the heading
        stop = following.line if following else len(document.lines) + 1
        if first_after < len(starts) and starts[first_after] < stop:
            continue
        after = (
            f"`{shorten(following.text)}` follows on line {following.line}"
            if following
            else "the document ends after it"
        )
        yield Finding(
            heading.line,
            heading.column,
            f"Section `{shorten(heading.text)}` is empty: {after}",
            hint="write the section's text, or remove its heading",
            length=len(heading.text),
        )
