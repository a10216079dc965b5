"""The document model every rule reads: parsed once per document, never by a rule.

A parser (``pytest_doclint.parsers``) turns source text into a :class:`Document`:
its title, its table of contents, the body's heading tree and its content blocks,
each with 1-based line and column numbers. Nothing here imports pytest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.numbering import Number


@dataclass
class Heading:
    """A body heading: the section it opens runs to ``end_line``."""

    text: str
    """The heading as written, number token included, inline markup removed."""
    title: str
    """The text after the number token (the whole text for unnumbered headings)."""
    number: Number | None
    level: int
    line: int
    column: int = 1
    end_line: int = 0
    """Last line of the section this heading opens (filled in by :meth:`Document.link`)."""
    run_in: bool = False
    """The heading is the first sentence of a paragraph (`（一）加强领导。各地要……`)."""
    anchor: str | None = None
    """Link target id, for formats that have them (Markdown slugs, reST ids)."""
    html: bool = False
    """Written as a one-line HTML element (`<h2 align="center">Support</h2>`): a reader sees a
    heading, but Markdown's own heading rules (markdownlint's) do not count it."""
    parent: Heading | None = field(default=None, repr=False)
    children: list[Heading] = field(default_factory=list, repr=False)


@dataclass
class TocEntry:
    """One line of a table of contents, with the heading it promises."""

    text: str
    title: str
    number: Number | None
    level: int
    line: int
    column: int = 1
    target: str | None = None
    """The `#fragment` the entry links to, when the format has links."""
    external: bool = False
    """The entry links to another file: it names a section that may live there, so it
    claims nothing about this body unless a heading here has its text."""


@dataclass
class Toc:
    entries: list[TocEntry]
    line: int
    """First line of the TOC: its marker (`目录`, `Contents`) or its first entry."""
    end_line: int
    marker: str | None = None
    generated: bool = False
    """Built by a directive (reST `.. contents::`): nothing to check against."""
    kind: str = "toc"
    """`toc` for the document's TOC; `local` for a chapter's own TOC and `list` for a list of
    tables, figures or examples, which are kept only to show where they are."""


@dataclass
class Title:
    text: str
    line: int


@dataclass
class Block:
    """A run of content: what a section holds between its headings.

    ``kind`` is one of ``paragraph``, ``list``, ``table``, ``code``, ``html``,
    ``quote``, ``comment``, ``definitions`` (link references: render nothing).
    """

    kind: str
    start_line: int
    end_line: int
    text: str
    """The block's text as a reader sees it (markup removed where the format has any)."""
    closed: bool = True
    """False for a code fence, comment or HTML block that the document never closes."""
    items: tuple[str, ...] = ()
    """For lists: the text of each top-level item."""
    ends_with: str = ""
    """Markup the block's text ends with, when it ends with markup rather than words: `link`
    (a Markdown or reST link, an image link) or `code` (a code span). Empty for plain text."""
    indent: int = 0
    """Display columns the block's first line is set in from the margin (`　　` counts 4):
    an indented paragraph is prose, never a sign-off."""

    @property
    def last_item(self) -> str | None:
        return self.items[-1] if self.items else None

    @property
    def renders(self) -> bool:
        return self.kind not in ("comment", "definitions")


@dataclass
class Link:
    """An in-document link to a `#fragment` (outside the TOC)."""

    text: str
    target: str
    line: int
    column: int


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment: `<!-- doclint-disable-next-line rule-id -- reason -->`."""

    line: int
    action: str
    """`disable`, `enable`, `disable-next-line` or `disable-file`."""
    rules: frozenset[str]
    """The rule ids it names; empty means every rule."""
    reason: str = ""


@dataclass(frozen=True)
class SyntaxProblem:
    """An error the format's own parser reported (docutils' system messages, level ≥ 3)."""

    line: int
    message: str


@dataclass
class Document:
    path: str
    source: str
    format: str
    encoding: str = "utf-8"
    title: Title | None = None
    toc: Toc | None = None
    other_tocs: list[Toc] = field(default_factory=list)
    """Contents lists that are not the document's TOC (`local` and `list` kinds)."""
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    """Link targets that exist besides heading anchors (HTML `id`/`name` attributes)."""
    syntax_problems: list[SyntaxProblem] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    lines: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = split_lines(self.source)

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line``, or an empty string past the end."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    @property
    def markup_headings(self) -> list[Heading]:
        """The headings written in the format's own syntax, HTML headings left out."""
        return [h for h in self.headings if not h.html]

    @property
    def roots(self) -> list[Heading]:
        return [h for h in self.headings if h.parent is None]

    def siblings(self) -> Iterator[list[Heading]]:
        """Every group of headings that share one parent, top level first."""
        yield self.roots
        for heading in self.headings:
            if heading.children:
                yield heading.children

    def content_blocks(self) -> list[Block]:
        """Blocks a reader sees: comments, reference definitions and text of nothing but
        white space (a line of ideographic spaces) left out; an image-only line stays."""
        return [b for b in self.blocks if b.renders and self._written(b)]

    def _written(self, block: Block) -> bool:
        """Something but white space stands in the block's lines (an image-only line does)."""
        return any(self.line_text(n).strip() for n in range(block.start_line, block.end_line + 1))

    def link(self) -> Document:
        """Build the heading tree and section spans from the levels of ``headings``."""
        stack: list[Heading] = []
        last_line = max(len(self.lines), 1)
        for heading in self.headings:
            heading.parent, heading.children = None, []
            while stack and stack[-1].level >= heading.level:
                stack.pop().end_line = heading.line - 1
            if stack:
                heading.parent = stack[-1]
                stack[-1].children.append(heading)
            stack.append(heading)
        for heading in stack:
            heading.end_line = last_line
        return self


def split_lines(source: str) -> list[str]:
    """Lines as editors count them: only CR LF, CR and LF end a line (not form feeds or
    U+2028, which ``str.splitlines`` also splits on); a final line break adds no line."""
    lines = re.split(r"\r\n|\r|\n", source)
    return lines[:-1] if lines and lines[-1] == "" else lines
