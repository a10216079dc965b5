"""required-headings: the document's headings follow a required outline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.outlines import ANY
from pytest_doclint.outlines import ONE
from pytest_doclint.outlines import SOME
from pytest_doclint.textutil import shorten

LEVEL_PREFIX = re.compile(r"(#{1,6}) ")
NONE = "[None]"
"""What is expected once the outline is used up (markdownlint's word for it)."""


@dataclass(frozen=True)
class Options:
    headings: list[str] = field(
        default_factory=lambda: [ANY],
        metadata={
            "help": "The outline, in order: heading texts, each optionally with its level as "
            "`#` marks (`# Title`, `## Install`); `*` stands for any number of headings, "
            "`+` for at least one, `?` for exactly one. `[]` allows no heading at all; the "
            "default `['*']` allows anything, so the rule checks nothing until configured",
        },
    )
    match_case: bool = field(
        default=False,
        metadata={
            "help": "Compare heading texts with their case (markdownlint MD043 `match_case`)"
        },
    )


@rule(
    "required-headings",
    "The headings follow the required outline",
    options=Options,
)
def required_headings(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Compares the document's headings, in order, with the `headings` option: the first
    heading that does not fit the outline is reported, or, when the document ends before
    the outline does, the end of the document. One finding at most: after the first
    mismatch, every later heading would be off too. An entry with `#` marks must match the
    heading's level as well as its text; one without them matches the text at any level.
    This is markdownlint's MD043, whose `*`, `+` and `?` wildcards it shares, and whose
    greedy reading it keeps: a wildcard takes headings until the next entry fits. (The
    `heading-order` rule type reads the same outline syntax, from `pytest_doclint/outlines.py`,
    for the reading with the fewest problems.)

    ## Why is this bad?
    Documents of one kind (READMEs, runbooks, design notes, 公文) are easier to write,
    review and read when their sections always come in the same order under the same
    names. A missing or renamed section breaks that promise.

    ## Example
    With `headings: ["?", "## Installation", "## Usage", "*"]` (any title, then these two
    sections, then anything):
    ```markdown
    # Project name
    ## Usage
    ```

    Use instead:
    ```markdown
    # Project name
    ## Installation
    ## Usage
    ```
    """
    outline = options.headings
    wanted = 0  # index of the outline entry the next heading must fit
    skipping = False  # after `*` or `+`: a heading that does not fit is the wildcard's
    for heading in document.markup_headings:
        expected = outline[wanted] if wanted < len(outline) else NONE
        wanted += 1
        if expected == ANY:
            following = outline[wanted] if wanted < len(outline) else NONE
            wanted += 1
            if not _fits(following, heading, options.match_case):
                skipping = True
                wanted -= 1
        elif expected == SOME:
            skipping = True
        elif expected == ONE or _fits(expected, heading, options.match_case):
            skipping = False
        elif skipping:
            wanted -= 1
        else:
            yield _mismatch(heading, expected)
            return
    left = outline[wanted:]
    if left and left != [ANY] and (document.markup_headings or any(e != ANY for e in outline)):
        missing = [_describe(e) for e in left if e != ANY]
        yield Finding(
            _end_line(document),
            1,
            f"The document ends before the required outline does (missing {missing[0]})",
            hint="add the missing sections at the end: " + ", ".join(missing),
        )


def _fits(expected: str, heading: Heading, match_case: bool) -> bool:
    """Whether the outline entry ``expected`` names ``heading``: same text, and same level
    when the entry has `#` marks."""
    prefix = LEVEL_PREFIX.match(expected)
    if prefix:
        if len(prefix[1]) != heading.level:
            return False
        expected = expected[prefix.end() :]
    text = heading.text
    if not match_case:
        expected, text = expected.casefold(), text.casefold()
    return expected.strip() == text.strip()


def _describe(entry: str) -> str:
    if entry == SOME:
        return "at least one more heading (`+`)"
    if entry == ONE:
        return "one more heading (`?`)"
    return f"`{shorten(entry, 32)}`"


def _mismatch(heading: Heading, expected: str) -> Finding:
    actual = f"{'#' * heading.level} {heading.text}"
    if expected == NONE:
        message = (
            f"Heading `{shorten(actual)}` is not in the required outline "
            "(expected no more headings)"
        )
        hint = "remove the heading, or add it to the `headings` option"
    else:
        message = (
            f"Heading `{shorten(actual)}` does not follow the required outline "
            f"(expected `{shorten(expected)}`)"
        )
        hint = f"rename or move the section so that `{shorten(expected)}` comes here"
    return Finding(
        heading.line, heading.column, message, hint=hint, length=max(len(heading.text), 1)
    )


def _end_line(document: Document) -> int:
    """The line the end of the document is on: after a final line break, the empty line
    that follows it (where a missing section would be added)."""
    ends_with_break = document.source.endswith(("\n", "\r"))
    return len(document.lines) + 1 if ends_with_break or not document.lines else len(document.lines)
