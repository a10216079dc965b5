"""rest-syntax: reStructuredText that docutils cannot read as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document

SPHINX_EXTENSIONS = re.compile(
    r'Unknown (directive type|interpreted text role) "|No (directive|role) entry for "'
)
"""Directives and roles that Sphinx or its extensions define (`automodule`, `:ref:`):
docutils alone does not know them, which says nothing about the document's syntax."""


@dataclass(frozen=True)
class Options:
    allow_unknown_directives: bool = field(
        default=True,
        metadata={
            "help": "Accept directives and roles docutils does not define, as Sphinx "
            "projects use them (`automodule`, `:ref:`)"
        },
    )


@rule("rest-syntax", "reStructuredText that docutils can read", options=Options, formats=("rest",))
def rest_syntax(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports the errors docutils, the reference reStructuredText parser, finds in a document
    (system messages of level error and severe): a malformed table, an inconsistent title
    underline hierarchy, a broken block, a duplicate target. Directives and roles that only
    Sphinx defines are accepted unless `allow_unknown_directives` is false.

    ## Why is this bad?
    Text that docutils cannot parse renders as raw markup or disappears in the published
    document, and every structural check after it works on a guess.

    ## Example
    ```rst
    +-----+-----+
    | a   | b
    +-----+-----+
    ```

    Use instead: close every table row with its column separator.
    """
    for problem in document.syntax_problems:
        if options.allow_unknown_directives and SPHINX_EXTENSIONS.search(problem.message):
            continue
        yield Finding(
            problem.line,
            1,
            f"docutils cannot read this: {problem.message.splitlines()[0].rstrip('.:')}",
            hint="fix the markup at this line; docutils' message names the construct",
        )
