"""link-fragments: in-document `#fragment` links reach a heading or anchor (markdownlint MD051)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.checks._toc_pairing import Anchors
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Link
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options:
    ignore_case: bool = field(
        default=True,
        metadata={
            "help": "Match `#fragments` to anchors without regard to case, as GitHub "
            "and remark-validate-links do (markdownlint MD051's `ignore_case` "
            "defaults to false)"
        },
    )
    ignored_pattern: str = field(
        default="",
        metadata={
            "help": "A regular expression for `#fragments` to accept without a heading "
            "(markdownlint MD051 `ignored_pattern`), e.g. `^figure-`",
            "regex": True,
        },
    )


@rule(
    "link-fragments",
    "In-document `#fragment` links reach a heading or anchor",
    options=Options,
    formats=("markdown", "rest"),
)
def link_fragments(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a link within the document whose `#fragment` reaches no heading and no anchor:
    `[see below](#instalation)` when the heading is `## Installation`. Inline links and
    reference definitions (`[usage]: #usage`, reported once at the definition) are checked;
    links in the table of contents are left to `toc-matches-body`, which also checks that
    each entry reaches its own heading.

    Fragments follow GitHub's slugs (CJK kept, punctuation dropped, `-1`, `-2` for repeated
    headings, percent-encoding accepted). Explicit anchors count: HTML `id` and `name`
    attributes (`<a name="faq"></a>`), `{#id}` heading attributes and reST targets; so do
    `#top` and GitHub's line links (`#L12`). In reStructuredText the links are references to
    targets within the document (`` `Installation`_ ``).

    ## Why is this bad?
    A link that goes nowhere leaves the reader at the top of the page, or where they were,
    with no sign of the section they were promised. It usually means a heading was renamed
    and the links to it were not.

    ## Example
    ```markdown
    ## Installation

    Run `pip install tool`, then see [usage](#usage-guide).

    ## Usage
    ```

    Use instead:
    ```markdown
    ## Installation

    Run `pip install tool`, then see [usage](#usage).

    ## Usage
    ```
    """
    anchors = Anchors(document, options.ignore_case, options.ignored_pattern)
    for link in document.links:
        if not anchors.exists(link.target):
            yield _broken(link, anchors.closest(link.target))


def _broken(link: Link, closest: str | None) -> Finding:
    return Finding(
        link.line,
        link.column,
        f"Link `{shorten(link.text)}` points to `#{link.target}`, which no heading or anchor has",
        hint=f"did you mean `#{closest}`?"
        if closest
        else "fix the link, or add the heading it points to",
        length=len(link.text) + 2,  # the brackets around the link text
    )
