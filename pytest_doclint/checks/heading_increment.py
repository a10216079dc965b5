"""heading-increment: a heading more than one level below the heading before it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.checks._front_matter import DEFAULT_TITLE
from pytest_doclint.checks._front_matter import front_matter
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options:
    front_matter_title: str = field(
        default=DEFAULT_TITLE,
        metadata={
            "regex": True,
            "help": "A front matter line matching this regular expression (case ignored) is "
            "the document's level-1 title, so a first heading of level 3 skips level 2; "
            '`""` ignores the front matter (markdownlint MD001 `front_matter_title`)',
        },
    )


@rule(
    "heading-increment",
    "Heading levels go down one level at a time",
    options=Options,
    formats=("markdown",),
)
def heading_increment(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a heading whose level is more than one below the level of the heading before
    it: an `###` right after a `#`. Going back up any number of levels is fine, and so is
    any level for the first heading, unless the front matter has a title, which counts as
    the `#` heading. This is markdownlint's MD001.

    ## Why is this bad?
    A skipped level is usually a heading promoted or demoted by mistake. Outlines, TOC
    generators and screen readers then show a section that has no parent.

    ## Example
    ```markdown
    # Installation
    ### From source
    ```

    Use instead:
    ```markdown
    # Installation
    ## From source
    ```
    """
    matter = front_matter(document)
    after = matter.end_line if matter else 0
    previous = 1 if matter and matter.title_line(options.front_matter_title) else None
    for heading in document.markup_headings:
        if heading.line <= after:
            continue  # TOML or JSON front matter that Markdown read as text
        if previous is not None and heading.level > previous + 1:
            expected = "#" * (previous + 1)
            yield Finding(
                heading.line,
                heading.column,
                f"Heading `{shorten(heading.text)}` skips a level "
                f"(expected h{previous + 1}, found h{heading.level})",
                hint=f"make it a `{expected}` heading, or add the missing level above it",
                length=max(len(heading.text), 1),
            )
        previous = heading.level
