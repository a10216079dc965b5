"""no-duplicate-headings: two headings with the same text in one scope."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options:
    scope: str = field(
        default="siblings",
        metadata={
            "choices": ("siblings", "document"),
            "help": "`siblings`: only headings under the same parent clash (markdownlint "
            "MD024 `siblings_only`); `document`: any two headings in the document clash",
        },
    )


@rule("no-duplicate-headings", "No two headings share the same text", options=Options)
def no_duplicate_headings(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Reports a heading whose text (number token aside, white space, case and full-width forms
    normalised) repeats an earlier heading: among its siblings by default, or anywhere in the
    document with `scope: document`. A TOC entry is never a duplicate of its body heading.

    ## Why is this bad?
    Two sections with one name usually mean a section was pasted twice or a heading was not
    renamed after copying; readers and link anchors cannot tell them apart.

    ## Example
    ```text
    一、总体要求
    （一）加强组织领导
    （二）加强组织领导
    ```

    Use instead:
    ```text
    一、总体要求
    （一）加强组织领导
    （二）强化督促检查
    ```

    `### Fixed` under two different versions of a changelog is not a duplicate in the
    default `siblings` scope.
    """
    groups = [document.headings] if options.scope == "document" else document.siblings()
    for group in groups:
        seen: dict[tuple[int, str], Heading] = {}
        for heading in group:
            title = normalize(heading.title)
            if not title and heading.text.strip():
                continue  # a bare number (`第一条`) names no section: nothing to repeat
            # Siblings share a parent and a level: a top-level `# Change Log` after a
            # `## Change log` that has no `#` parent is a new part, not a repeat.
            key = (heading.level if options.scope == "siblings" else 0, title)
            first = seen.setdefault(key, heading)
            if first is not heading:
                yield Finding(
                    heading.line,
                    heading.column,
                    f"Heading `{shorten(heading.text)}` repeats the heading on line {first.line}",
                    hint="rename one of the two sections, or merge them",
                    length=len(heading.text),
                )
