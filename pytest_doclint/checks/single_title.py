"""single-title: more than one top-level heading in a document that has a title."""

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
    level: int = field(
        default=1,
        metadata={"help": "The level of the title heading (`#` is 1)"},
    )
    front_matter_title: str = field(
        default=DEFAULT_TITLE,
        metadata={
            "regex": True,
            "help": "A front matter line matching this regular expression (case ignored) is "
            'the document\'s title, and every heading of `level` repeats it; `""` ignores '
            "the front matter (markdownlint MD025 `front_matter_title`)",
        },
    )


@rule(
    "single-title",
    "A document has one top-level heading, its title",
    options=Options,
    formats=("markdown",),
)
def single_title(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    In a document that has a title, reports every further heading of the title's level
    (`#` by default). The title is a front matter line that matches `front_matter_title`
    (`title: …`), or else a heading of that level that opens the document: only front
    matter, blank lines and comments come before it. A document that does not start with
    its title is a collection of top-level sections, and is left alone. This is
    markdownlint's MD025; headings in block quotes and list items are not counted.

    ## Why is this bad?
    The top-level heading is the document's title: page titles, navigation and search
    results use it. A second one usually means two documents were pasted together, or the
    level of every other heading is off by one.

    ## Example
    ```markdown
    # Project name

    # Installation
    ```

    Use instead:
    ```markdown
    # Project name

    ## Installation
    ```
    """
    matter = front_matter(document)
    after = matter.end_line if matter else 0
    headings = [h for h in document.markup_headings if h.line > after]  # not TOML/JSON read as text
    title = matter.title_line(options.front_matter_title) if matter else None
    where = "the front matter's title is on line" if title else "the title is on line"
    if title is None:
        first = next((h for h in headings if h.level == options.level), None)
        if first is None or first.line != _first_content_line(document, after):
            return  # no title: the top-level headings are the document's parts
        title = first.line
    for heading in headings:
        if heading.level != options.level or heading.line == title:
            continue
        yield Finding(
            heading.line,
            heading.column,
            f"Heading `{shorten(heading.text)}` is a second level-{options.level} heading "
            f"({where} {title})",
            hint=f"make it a level-{options.level + 1} heading, or split the document in two",
            length=max(len(heading.text), 1),
        )


def _first_content_line(document: Document, after: int) -> int | None:
    """The line of the first heading or block a reader sees after line ``after``
    (comments and link reference definitions render nothing)."""
    lines = [h.line for h in document.markup_headings if h.line > after]
    lines += [b.start_line for b in document.blocks if b.renders and b.start_line > after]
    return min(lines, default=None)
