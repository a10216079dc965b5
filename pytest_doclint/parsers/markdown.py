"""Markdown: CommonMark with YAML front matter and GFM tables, parsed by pyromark.

pyromark (pulldown-cmark's Python bindings) yields one event per element with its byte
range in the source; :func:`_tree` turns the events into a small tree of block nodes, each
holding its inline events, and the readers below build the model from that tree.

Only top-level ATX and setext headings are body headings: a heading in a block quote or a
list item is part of that quote or item (its anchor still counts as a link target), and a
`<h2>` written in HTML is HTML. The TOC is a list of `#fragment` links found between
`<!-- toc -->` markers, under a `Contents` heading, or as the first list made of such links.
"""

from __future__ import annotations

import dataclasses
import html
import re
from bisect import bisect_right
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from urllib.parse import unquote

import pyromark
import yaml

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import FrontMatter
from pytest_doclint.model import Heading
from pytest_doclint.model import Link
from pytest_doclint.model import Tag
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.model import segments_of
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.directives import directives_in
from pytest_doclint.slugs import HTML_HEADING
from pytest_doclint.slugs import Slugger
from pytest_doclint.slugs import code_text
from pytest_doclint.slugs import fence_closed
from pytest_doclint.slugs import github_slug
from pytest_doclint.slugs import html_anchors
from pytest_doclint.slugs import inline_text
from pytest_doclint.slugs import plain_line
from pytest_doclint.slugs import reader_line
from pytest_doclint.textutil import normalize

OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
"""CommonMark with GFM tables and strikethrough. Front matter is found by :func:`_yaml_front`
instead of pulldown-cmark's metadata blocks, which it also reads in mid-document."""
PARSER = pyromark.Markdown(options=OPTIONS)

# markdown-toc, VS Code's Markdown All in One, doctoc, MarkdownTOC, mdformat-toc.
TOC_START = re.compile(
    r"<!--\s*(?:toc|(?:toc|mdformat-toc)\s+start\b[^>]*?|start\s+doctoc\b[^>]*?"
    r"|markdowntoc\b[^>]*?)\s*-->",
    re.I,
)
TOC_END = re.compile(
    r"<!--\s*(?:/toc|tocstop|(?:toc|mdformat-toc)\s+end\b[^>]*?"
    r"|end\s+doctoc\b[^>]*?|/markdowntoc)\s*-->",
    re.I,
)
TOOL_MARKERS = {
    "doctoc": re.compile(r"\bdoctoc\b", re.I),
    "mdformat-toc": re.compile(r"\bmdformat-toc\b", re.I),
    "markdown-toc": re.compile(r"\bmarkdowntoc\b|<!--\s*tocstop\s*-->", re.I),
}
"""Markers only a generator writes (`<!-- toc -->` alone is written by hand too)."""
GENERATED_NOTE = re.compile(r"TOC generated (?:by|with) \[?(?P<tool>[\w-]+)", re.IGNORECASE)
"""The note verb and markdown-toc leave after the TOC they write."""
TEXT_START = re.compile(r"\s*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[?")
"""What comes before the words on a heading or TOC entry line: indentation, `##`, `- `, `[`."""
EXTRA_TOC_MARKERS = ("toc", "table of content")
"""Accepted besides ``settings.toc_markers`` (`Contents`, `目录`, …), compared normalised."""
TOC_SHARE = 2 / 3
"""Share of a list's items that must start with a `#fragment` link for a bare list to be a TOC."""
LINK_FIRST = re.compile(r"\s*(?:[*_~]{1,3}\s*)?\[")
"""Source that may start with a link."""
EMPHASIS = frozenset(("Emphasis", "Strong", "Strikethrough"))
CUSTOM_ID = re.compile(r"\s*\{#([a-z\d]+(?:[-_][a-z\d]+)*)\}\s*$")
"""`## Options {#options}`: an id as markdownlint reads it (lower case, digits, `-`, `_`)."""
CLOSING_HASHES = re.compile(r"\t[ \t]*#+[ \t]*$")
"""An ATX heading's closing `#`s after a tab, which CommonMark strips and pulldown-cmark
0.10 keeps as text."""
DOCFX_TAB = re.compile(r"\[[^\]]*\]\(#(tab/[A-Za-z\d-]+(?:\+[A-Za-z\d-]+)*(?:/[A-Za-z\d-]*)?)\)")
"""`# [Linux](#tab/linux)`: a DocFX tab label, not a heading (markdownlint skips it too)."""
KINDS = ("paragraph", "list", "table", "code", "html", "quote")
"""Top-level nodes that are blocks (headings and thematic breaks are not)."""
END_BREAKS = re.compile(r"(?:\s*(?:<br\s*/?>|\\))+$", re.IGNORECASE)
LINK_AT_END = re.compile(
    r"\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+[\"'(][^\"')]*[\"')])?\s*\)$"
    r"|\]\[[^\]]*\]$|<(?:https?|ftp|mailto):[^>\s]+>$|<img\b[^>]*>$|"
    r"</a>$|\]$",
    re.IGNORECASE,
)
"""The end of a link, an image, an autolink, a reference link or an `<img>`."""
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
HTML_TAGS = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])", re.DOTALL)
"""An HTML comment (skipped), or the start of an opening or closing tag and its name."""
FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
TRAILING_TAB = re.compile(r"[ \t]*\t[ \t]*(?=\r|\n|\Z)")
"""White space with a tab at the end of a line. pulldown-cmark 0.10 takes "```" + tab for no
closing fence and `|---|---|` + tab for no table delimiter row (CommonMark and GFM allow
trailing spaces and tabs): such tabs are read as spaces, which changes nothing else but
whether a paragraph line ends in a hard break, a break all the same to a reader."""
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
LONE_CR = re.compile(r"\r(?!\n)")
"""A line ending of old Mac files, which pulldown-cmark reads as one only outside HTML blocks:
read as LF, which has its byte length, so byte offsets stay those of the source."""
YAML_OPEN = re.compile(r"-{3,}")
FRONT_MATTER = {"---": ("yaml", ("---",)), "+++": ("toml", ("+++", "...")), "{": ("json", ("}",))}
"""markdownlint's front matter: opening line → its kind and the lines that may close it."""

BLOCK_TAGS = {
    "Paragraph": "paragraph",
    "HtmlBlock": "html",
    "Item": "item",
    "TableHead": "row",
    "TableRow": "row",
    "TableCell": "cell",
    "DefinitionList": "quote",
    "DefinitionListTitle": "paragraph",
    "DefinitionListDefinition": "quote",
}
"""pulldown-cmark's block tags given as a string → our node kinds."""
BLOCK_KEYS = {
    "Heading": "heading",
    "BlockQuote": "quote",
    "CodeBlock": "code",
    "List": "list",
    "Table": "table",
    "FootnoteDefinition": "quote",
    "MetadataBlock": "code",
}
"""pulldown-cmark's block tags given as a dict → our node kinds."""
INLINE_ENDS = frozenset(
    ("Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Link", "Image")
)
CONTAINERS = frozenset(("root", "item", "quote"))
"""Nodes that hold blocks: inline events straight in an item are a tight list's paragraph."""

Inline = tuple[Any, Any]
"""A pyromark inline event and its source byte range (`start`, `end`)."""


@dataclass(slots=True, eq=False)
class _Node:
    """A block of the document: its kind, byte range, nesting and contents."""

    kind: str
    """`heading`, `paragraph`, `list`, `item`, `quote`, `table`, `row`, `cell`, `code`, `html`,
    `hr` (a thematic break) or `root`."""
    start: int
    end: int
    level: int
    """The containers around it (lists, items, quotes): markdown-it's token level."""
    data: Any = None
    """A heading's level, a code block's kind (`Indented` or the fence info)."""
    inline: list[Inline] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    document = Document(path, source, "markdown")
    parsed = _Parsed(source, settings)
    document.front_matter = _front_matter(document.lines)
    _headings(parsed, document)
    reader = _TocReader(parsed)
    toc = reader.find()
    document.toc = toc
    document.other_tocs = reader.link_lists(toc.end_line if toc else 0)
    document.title = _title(parsed, document)
    document.blocks = _blocks(parsed)
    skip = {n for t in [toc, *document.other_tocs] if t for n in range(t.line, t.end_line + 1)}
    document.links = sorted(_links(parsed, skip), key=lambda link: (link.line, link.column))
    _html(parsed, document)
    return document.link()


class _Parsed:
    """One document's source, lines and block tree, as the readers below share them."""

    def __init__(self, source: str, settings: ParseSettings) -> None:
        self.settings = settings
        self.data = source.encode("utf-8", "surrogatepass")
        self.lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(self.data))]
        """The byte offset of each line's start."""
        self.yaml_end, self.yaml = _yaml_front(self.lines)
        body = TRAILING_TAB.sub(_spaces, source) if "\t" in source else source
        if "\r" in body:  # pulldown-cmark 0.10 runs an HTML block on over a lone CR
            body = LONE_CR.sub("\n", body)
        if self.yaml_end:  # blanked out, so that byte offsets stay those of the source
            end = self.starts[self.yaml_end] if self.yaml_end < len(self.starts) else len(self.data)
            front = re.sub(rb"[^\r\n]", b" ", self.data[:end])
            body = front.decode() + body[len(self.text(0, end)) :]
        self.root, self.nodes, self.links, self.inline_html = _tree(body, len(self.data))
        self.references = PARSER.reference_definitions(body)

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "surrogatepass")

    def line_of(self, offset: int) -> int:
        """The 1-based line of byte ``offset``."""
        return bisect_right(self.starts, offset)

    def column_of(self, offset: int) -> int:
        """The 1-based column (in characters) of byte ``offset`` on its line."""
        start = self.starts[bisect_right(self.starts, offset) - 1]
        return len(self.text(start, offset)) + 1

    def first_line(self, node: _Node) -> int:
        return bisect_right(self.starts, node.start)

    def end_line(self, node: _Node) -> int:
        """The line the node's range ends on: a list's range may take the indentation of
        the line after it, which is not the list's."""
        end, data = node.end, self.data
        while end > node.start and data[end - 1] in b" \t":
            end -= 1
        return bisect_right(self.starts, max(end - 1, node.start))

    def last_line(self, node: _Node) -> int:
        """The node's last line, trailing blank lines left out."""
        first = self.first_line(node)
        last = self.end_line(node)
        while last > first and not self.lines[last - 1].strip():
            last -= 1
        return last

    def content(self, node: _Node) -> str:
        """The source of a leaf node's inline content (an HTML block's HTML)."""
        if node.kind == "html":
            return "".join(event["Html"] for event, _ in node.inline if "Html" in event)
        if not node.inline:
            return ""
        return self.text(node.inline[0][1]["start"], node.inline[-1][1]["end"])

    def column(self, line: int) -> int:
        text = self.lines[line - 1]
        return len(text) - len(text.lstrip()) + 1

    def text_column(self, line: int) -> int:
        """Where the words of a heading or a TOC entry start on ``line``: after the `#`
        marks, a list marker and a link's `[`, so that a caret sits under the text."""
        found = TEXT_START.match(self.lines[line - 1])
        return found.end() + 1 if found else self.column(line)

    def numbered(self, text: str) -> tuple[str, Number | None]:
        """The title after a heading number, and the number (None when unnumbered)."""
        found = match_number(text, self.settings.schemes)
        return (found[2], found[1]) if found else (text, None)


def _tree(body: str, size: int) -> tuple[_Node, list[_Node], list[tuple[_Node, int]], list[_Node]]:
    """The block tree of ``body``: its root, every node in document order, where each
    link starts (its node and the index of its start among the node's inline events), and
    the nodes that hold inline HTML.

    Inline events straight in a container (a tight list item's text) go to a paragraph
    made for them, as markdown-it and a reader see one there.
    """
    root = _Node("root", 0, size, -1)
    stack: list[_Node] = [root]
    nodes: list[_Node] = []
    inline_html: list[_Node] = []
    links: list[tuple[_Node, int]] = []
    top = owner = root
    inline: list[Inline] | None = None  # the inline events of ``owner``; None in a container
    for item in PARSER.events_with_range(body, merge_text=True):
        event = item[0]
        if event.__class__ is dict:
            if "Text" in event or "Code" in event:
                if inline is None:
                    owner = _implicit(top, item[1]["start"], nodes)
                    inline = owner.inline
                inline.append(item)
                continue
            tag = event.get("Start")
            if tag is None:
                tag = event.get("End")
                if tag is None or (tag.__class__ is str and tag in INLINE_ENDS):
                    if inline is None:
                        owner = _implicit(top, item[1]["start"], nodes)
                        inline = owner.inline
                    if "InlineHtml" in event and (not inline_html or inline_html[-1] is not owner):
                        inline_html.append(owner)
                    inline.append(item)
                    continue
                if top.kind == "list" and top.children:  # pulldown-cmark's list range runs
                    top.end = top.children[-1].end  # on over the reference definitions after it
                stack.pop()
                top = owner = stack[-1]
                inline = None if top.kind in CONTAINERS else top.inline
                continue
            if tag.__class__ is str:
                kind, data = BLOCK_TAGS.get(tag, ""), None
            else:
                key = next(iter(tag))
                kind, data = BLOCK_KEYS.get(key, ""), tag[key]
            if not kind:  # an inline element: emphasis, a link, an image
                if inline is None:
                    owner = _implicit(top, item[1]["start"], nodes)
                    inline = owner.inline
                if data is not None and key == "Link":
                    links.append((owner, len(inline)))
                inline.append(item)
                continue
        elif event != "Rule":  # SoftBreak, HardBreak
            if inline is None:
                owner = _implicit(top, item[1]["start"], nodes)
                inline = owner.inline
            inline.append(item)
            continue
        else:
            kind, data = "hr", None
        span = item[1]
        node = _Node(kind, span["start"], span["end"], len(stack) - 1, data)
        top.children.append(node)
        nodes.append(node)
        if kind != "hr":
            stack.append(node)
            top = owner = node
        inline = None if top.kind in CONTAINERS else top.inline
    return root, nodes, links, inline_html


def _spaces(found: re.Match[str]) -> str:
    return found[0].replace("\t", " ")


def _implicit(top: _Node, start: int, nodes: list[_Node]) -> _Node:
    """A paragraph for the inline events straight in container ``top``."""
    node = _Node("paragraph", start, start, top.level + 1)
    top.children.append(node)
    nodes.append(node)
    return node


def _yaml_front(lines: list[str]) -> tuple[int, str]:
    """The YAML front matter the Markdown parse skips: the number of lines it takes and its
    text (between the delimiters), or (0, "") without one.

    As mdit-py-plugins' front_matter reads it: a first line of three or more `-`, closed by a
    line of as many `-` or by `...`; never closed, it is no front matter.
    """
    opening = YAML_OPEN.match(lines[0]) if lines else None
    if opening is None:
        return 0, ""
    for index in range(1, len(lines)):
        line = lines[index]
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.lstrip(" ")
        if indent == 0 and stripped.startswith("...") and not stripped[3:].strip(" "):
            return index + 1, "\n".join(lines[1:index])
        if indent >= 4 or not stripped.startswith("-"):
            continue
        dashes = len(stripped) - len(stripped.lstrip("-"))
        if dashes >= opening.end() and not stripped[dashes:].strip(" "):
            return index + 1, "\n".join(lines[1:index])
    return 0, ""


def _front_matter(lines: list[str]) -> FrontMatter | None:
    """The front matter as markdownlint finds it: YAML between `---` lines, TOML between
    `+++` lines (pandoc closes with `...`), JSON between a `{` line and a `}` line, each
    delimiter alone on its line; the blank lines right after it belong to it."""
    found = FRONT_MATTER.get(lines[0].rstrip()) if lines else None
    if found is None:
        return None
    kind, closers = found
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if close is None:
        return None
    end = close
    while end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1
    return FrontMatter(kind, tuple(lines[: close + 1]), 1, end + 1)


def _html_heading(parsed: _Parsed, node: _Node) -> tuple[int, str, str | None] | None:
    """A top-level HTML block that is one heading element on one line
    (`<h2 align="center">Support</h2>`): its level, text and `id`."""
    if node.kind != "html" or node.level:
        return None
    content = parsed.content(node).strip()
    if "\n" in content:
        return None
    found = HTML_HEADING.fullmatch(content)
    if not found:
        return None
    text = html.unescape(re.sub(r"<[^>]*>", "", found[2])).strip()
    explicit = HTML_ID.search(found[1])
    return int(found[1][2]), text, explicit[1] if explicit else None


def _events(inline: Iterable[Inline]) -> Iterator[Any]:
    return (event for event, _ in inline)


def _comment(parsed: _Parsed, node: _Node) -> bool:
    return node.kind == "html" and parsed.content(node).lstrip().startswith("<!--")


def _headings(parsed: _Parsed, document: Document) -> None:
    """Body headings in order; nested headings only lend their anchors to ``anchors``.

    Every heading GitHub renders takes a slug, nested ones included, so all of them go
    through one slugger in document order to number repeats as GitHub does. A heading
    with a `{#custom-id}` is anchored at that id; GitHub, which shows `{#custom-id}` as
    text, slugs it with the rest, and that slug stays a valid target.
    """
    slugger = Slugger()
    for node in parsed.nodes:
        if node.kind == "html":
            element = _html_heading(parsed, node)
            if element:
                level, text, explicit = element
                title, number = parsed.numbered(text)
                line = parsed.first_line(node)
                anchor = explicit or github_slug(text)
                heading = Heading(
                    text, title, number, level, line, parsed.column(line), anchor=anchor, html=True
                )
                document.headings.append(heading)
            continue
        if node.kind != "heading":
            continue
        content = parsed.content(node)
        tab = DOCFX_TAB.fullmatch(content.strip())
        if tab:
            document.anchors.add(tab[1])  # the label's link selects its tab
            continue
        shown, slugged = inline_text(_events(node.inline))
        closing = CLOSING_HASHES.search(content) if parsed.data[node.start] == 0x23 else None
        if closing and shown.endswith(closing[0]):  # `## Tab\t##`: pulldown-cmark keeps `##`
            shown, slugged = _without(shown, closing[0]), _without(slugged, closing[0])
        custom = CUSTOM_ID.search(content)
        anchor = slugger.slug(slugged)
        if custom:
            shown = _without(shown, custom[0])
            document.anchors.add(anchor)
            anchor = custom[1]
        if node.level:
            document.anchors.add(anchor)
            continue
        text = shown.strip()
        title, number = parsed.numbered(text)
        line = parsed.first_line(node)
        column = parsed.text_column(line)
        heading = Heading(text, title, number, int(node.data["level"][1]), line, column)
        heading.anchor = anchor
        heading.segments = segments_of(parsed.lines[line - 1], text, column - 1)
        document.headings.append(heading)


def _without(text: str, suffix: str) -> str:
    """``text`` less the ``suffix`` it ends with (a `{#custom-id}`, a closing `##`)."""
    return text[: -len(suffix)] if text.endswith(suffix) else CUSTOM_ID.sub("", text)


def _title(parsed: _Parsed, document: Document) -> Title | None:
    """The front matter's `title:`, else a level-1 heading that opens the document."""
    if parsed.yaml_end:
        title = _front_matter_title(parsed.yaml)
        if title:
            return title
    for node in parsed.root.children:
        if _comment(parsed, node):
            continue
        if node.kind == "heading" and node.data["level"] == "H1":
            line = parsed.first_line(node)
            heading = next((h for h in document.headings if h.line == line), None)
            if heading is None or not heading.text:
                return None
            return Title(heading.text, line, segments=heading.segments)
        return None
    return None


def _front_matter_title(content: str) -> Title | None:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        data = None
    for offset, line in enumerate(content.split("\n")):
        found = re.match(r"title\s*:\s*(.*)$", line)
        if found:
            value = data.get("title") if isinstance(data, dict) else found[1].strip("\"' ")
            if isinstance(value, (str, int, float)) and str(value).strip():
                text = str(value).strip()
                return Title(text, offset + 2, segments=segments_of(line, text, 0))
            return None
    return None


# Table of contents


class _TocReader:
    """Finds the TOC list and turns its items into entries."""

    def __init__(self, parsed: _Parsed) -> None:
        self.parsed = parsed
        self.markers = {normalize(m) for m in (*parsed.settings.toc_markers, *EXTRA_TOC_MARKERS)}
        self.longest = 4 * max(map(len, self.markers)) + 8
        """Text longer than this, white space aside, normalises to no marker (NFKC folds
        a few characters into one at most)."""

    def find(self) -> Toc | None:
        spans = self.parsed.root.children
        toc = self.between_markers(spans) or self.under_marker(spans) or self.first_link_list(spans)
        if toc and not toc.written_by:
            toc.written_by = self._noted_tool(toc.end_line)
        return toc

    def link_lists(self, after: int) -> list[Toc]:
        """The lists below the TOC that are made of `#fragment` links: a section's own
        contents list (`Advanced globbing`: `- [Extglobs](#extglobs)` …)."""
        found = (
            self._link_list(node)
            for node in self.parsed.root.children
            if node.kind == "list" and self.parsed.first_line(node) > after
        )
        return [dataclasses.replace(toc, kind="local") for toc in found if toc]

    def _noted_tool(self, end: int) -> str:
        """`_(TOC generated by verb using markdown-toc)_` in the paragraph after the TOC."""
        after = [n for n in self.parsed.root.children if self.parsed.first_line(n) > end][:1]
        for node in after:
            content = self.parsed.content(node) if node.kind == "paragraph" else ""
            found = GENERATED_NOTE.search(content)
            if found:
                return found["tool"]
        return ""

    def between_markers(self, spans: list[_Node]) -> Toc | None:
        """Lists between `<!-- toc -->` and `<!-- tocstop -->` (or doctoc's START/END)."""
        start = next((s for s in spans if self._comment_matches(s, TOC_START)), None)
        if start is None:
            return None
        after = spans[spans.index(start) + 1 :]
        end = next((s for s in after if self._comment_matches(s, TOC_END)), None)
        inside = after[: after.index(end)] if end else self._until_heading(after)
        entries = [e for node in inside if node.kind == "list" for e in self._entries(node)]
        if not entries:
            return None
        marker = self.parsed.content(start).strip().split("\n")[0]
        last = self.parsed.last_line(end or inside[-1])
        closing = self.parsed.content(end) if end else ""
        tool = next(
            (name for name, mark in TOOL_MARKERS.items() if mark.search(f"{marker} {closing}")), ""
        )
        return Toc(entries, self.parsed.first_line(start), last, marker=marker, written_by=tool)

    def under_marker(self, spans: list[_Node]) -> Toc | None:
        """The first list after a `Contents` heading, or right after a `**Contents**` line."""
        for position, node in enumerate(spans):
            marker = self._marker_text(node)
            if marker is None:
                continue
            candidates = self._until_heading(spans[position + 1 :])
            if node.kind == "paragraph":
                candidates = candidates[:1]
            found = next((s for s in candidates if s.kind == "list"), None)
            entries = self._entries(found) if found else []
            if found and entries:
                last = self.parsed.last_line(found)
                return Toc(entries, self.parsed.first_line(node), last, marker=marker)
        return None

    def first_link_list(self, spans: list[_Node]) -> Toc | None:
        """The first list whose items mostly start with a `#fragment` link."""
        lists = (node for node in spans if node.kind == "list")
        return next(filter(None, map(self._link_list, lists)), None)

    def _link_list(self, node: _Node) -> Toc | None:
        items = list(_items_in(node))
        linked = sum(self._starts_with_link(i) for i in items)
        if linked < 2 or linked < TOC_SHARE * len(items):
            return None
        first, last = self.parsed.first_line(node), self.parsed.last_line(node)
        return Toc(self._entries(node), first, last)

    def _comment_matches(self, node: _Node, pattern: re.Pattern[str]) -> bool:
        return node.kind == "html" and bool(pattern.search(self.parsed.content(node)))

    def _until_heading(self, spans: list[_Node]) -> list[_Node]:
        kinds = [s.kind for s in spans]
        return spans[: kinds.index("heading")] if "heading" in kinds else spans

    def _marker_text(self, node: _Node) -> str | None:
        """The text of a heading or one-line paragraph that announces a TOC."""
        if node.kind == "heading":
            text = inline_text(_events(node.inline))[0].strip()
        elif node.kind == "paragraph":
            content = self.parsed.content(node)
            if "\n" in content or "\r" in content:
                return None
            text = plain_line(content).strip()
        else:
            return None
        if len(text) > self.longest and len(text.replace(" ", "")) > self.longest:
            return None
        return text if normalize(text).rstrip(":：") in self.markers else None

    def _starts_with_link(self, item: _Node) -> bool:
        """The item opens with a `#fragment` link, emphasis around it aside."""
        paragraph = _paragraph(item)
        if paragraph is None:
            return False
        lead = next((i for i, (e, _) in enumerate(paragraph.inline) if not _lead_in(e)), None)
        link = _link_start(paragraph.inline[lead][0]) if lead is not None else None
        href = str(link["dest_url"]) if link else ""
        if len(href) < 2 or not href.startswith("#"):
            return False
        return bool(LINK_FIRST.match(self.parsed.content(paragraph)))

    def _entries(self, node: _Node) -> list[TocEntry]:
        entries: list[TocEntry] = []
        for item in _items_in(node):
            paragraph = _paragraph(item)
            found = _first_link(paragraph) if paragraph else None
            external = None if found else self._external_link(paragraph)
            if not (found or external):
                continue
            text = found[2] if found else external or ""
            title, number = self.parsed.numbered(text)
            line = self.parsed.first_line(item)
            column = self.parsed.text_column(line)
            entry = TocEntry(
                text,
                title,
                number,
                (item.level + 1) // 2,
                line,
                column,
                unquote(found[1][1:]) if found else None,
                external=not found,
            )
            entry.segments = segments_of(self.parsed.lines[line - 1], text, column - 1)
            entries.append(entry)
        return entries

    def _external_link(self, paragraph: _Node | None) -> str | None:
        """The text of a link to another file or site that opens the item, if one does."""
        if paragraph is None or not LINK_FIRST.match(self.parsed.content(paragraph)):
            return None
        inline = paragraph.inline
        start = next((i for i, (e, _) in enumerate(inline) if _link_start(e)), None)
        if start is None:
            return None
        return inline_text(_events(_link_body(inline, start)))[0].strip() or None


def _lead_in(event: Any) -> bool:
    """Emphasis opening, or white space: what may come before an entry's link."""
    if event.__class__ is not dict:
        return False
    tag = event.get("Start")
    if tag is not None:
        return tag.__class__ is str and tag in EMPHASIS
    return not event.get("Text", "x").strip()


def _items_in(node: _Node) -> Iterator[_Node]:
    """Every list item in ``node``, nested ones included, in document order."""
    for child in node.children:
        if child.kind == "item":
            yield child
        yield from _items_in(child)


def _paragraph(item: _Node) -> _Node | None:
    """The paragraph an item opens with, if it opens with one."""
    first = item.children[0] if item.children else None
    return first if first is not None and first.kind == "paragraph" else None


def _link_start(event: Any) -> dict[str, Any] | None:
    tag = event.get("Start") if event.__class__ is dict else None
    return tag.get("Link") if tag.__class__ is dict else None


def _link_body(inline: list[Inline], start: int) -> list[Inline]:
    """The inline events inside the link that opens at ``start``."""
    end = next(
        (i for i in range(start, len(inline)) if inline[i][0] == {"End": "Link"}), len(inline)
    )
    return inline[start + 1 : end]


def _first_link(paragraph: _Node) -> tuple[int, str, str] | None:
    """Where the paragraph's first `#fragment` link opens among its inline events, and the
    link's fragment and text (a nested list's links belong to its own items)."""
    inline = paragraph.inline
    for index, (event, _) in enumerate(inline):
        link = _link_start(event)
        href = str(link["dest_url"]) if link else ""
        if len(href) >= 2 and href.startswith("#"):
            return index, href, inline_text(_events(_link_body(inline, index)))[0].strip()
    return None


# Blocks


def _blocks(parsed: _Parsed) -> list[Block]:
    """One block per top-level node, plus runs of link reference definitions.

    pulldown-cmark yields no event for a reference definition, so the top-level lines that
    no node covers and that are not blank are the definitions.
    """
    blocks: list[Block] = []
    covered: set[int] = set(range(parsed.yaml_end))
    for node in parsed.root.children:
        first, last = parsed.first_line(node), parsed.end_line(node)
        covered.update(range(first - 1, last))
        if node.kind in KINDS and not _html_heading(parsed, node):
            blocks.append(_block(parsed, node))
    blocks.extend(_definitions(covered, parsed.lines))
    return sorted(blocks, key=lambda b: b.start_line)


def _block(parsed: _Parsed, node: _Node) -> Block:
    kind, first, last = node.kind, parsed.first_line(node), parsed.last_line(node)
    raw = parsed.lines[first - 1 : last]
    block = Block(kind, first, last, "")
    if kind == "code":
        fence = FENCE.match(raw[0]) if node.data != "Indented" else None
        block.closed = fence is None or fence_closed(raw, fence[1])
        block.text = code_text(raw, fence[1] if fence else None, block.closed)
    elif _comment(parsed, node):
        content = parsed.content(node)
        block.kind, block.closed = "comment", "-->" in content
        block.text = "\n".join(r.strip() for r in raw)
    elif kind == "paragraph" and _spans_lines(raw):
        block.text = _shown_lines(node, raw)
    else:
        block.text = "\n".join(reader_line(kind, r) for r in raw)
    if kind == "list":
        block.items = _items(parsed, node, block)
    if kind == "table":
        block.rows = _rows(node)
    if kind == "html" and block.kind == "html":
        block.tags = _tags(parsed, node)
    if kind in ("paragraph", "list", "quote"):
        block.ends_with = _ends_with(raw[-1])
    if block.kind in ("paragraph", "list", "quote", "table"):  # the blocks rules read
        block.segments = tuple(map(segments_of, raw, block.text.split("\n")))
    return block


def _spans_lines(raw: list[str]) -> bool:
    """Inline markup that opens on one line and closes on another (a link whose text wraps):
    reading line by line would leave its `[` behind."""
    return len(raw) > 1 and any(
        line.count("[") != line.count("]") or line.count("`") % 2 for line in raw
    )


def _shown_lines(node: _Node, raw: list[str]) -> str:
    """The paragraph as rendered, one line per source line (its soft breaks kept)."""
    lines = [""]
    for event, _ in node.inline:
        if event == "SoftBreak" or event == "HardBreak":
            lines.append("")
        elif event.__class__ is dict:
            lines[-1] += event.get("Text", "") or event.get("Code", "")
    if len(lines) != len(raw):  # markup the inline parse could not place: read line by line
        return "\n".join(reader_line("paragraph", r) for r in raw)
    return "\n".join(line.strip() for line in lines)


def _ends_with(source: str) -> str:
    """`link` or `code` when the block's last line ends with a link, an image or a code span
    (line breaks and `<br>` after it aside): an ending that needs no full stop."""
    line = source.rstrip()
    if line.endswith((">", "\\")):
        line = END_BREAKS.sub("", line)
    if line.endswith((")", "]", ">")) and LINK_AT_END.search(line):
        return "link"
    return "code" if line.endswith("`") else ""


def _items(parsed: _Parsed, node: _Node, block: Block) -> tuple[str, ...]:
    """The reader's text of each top-level item of the list ``node``: its lines of the
    list's text."""
    lines = block.text.split("\n")
    first = block.start_line
    return tuple(
        "\n".join(lines[parsed.first_line(item) - first : parsed.last_line(item) - first + 1])
        for item in node.children
    )


def _rows(table: _Node) -> tuple[tuple[str, ...], ...]:
    """The cells of each row as a reader sees them; cells the row does not write (GFM fills
    a short row up with empty ones) are left out, so a row cut short stays short."""
    return tuple(
        tuple(
            inline_text(_events(cell.inline))[0].strip()
            for cell in row.children
            if not (cell.start == cell.end == row.end)
        )
        for row in table.children
    )


def _tags(parsed: _Parsed, node: _Node) -> tuple[Tag, ...]:
    """The opening and closing tags of an HTML block, comments left out."""
    tags = []
    for event, span in node.inline:
        text = event.get("Html", "") if event.__class__ is dict else ""
        if "<" not in text:
            continue
        line = parsed.line_of(span["start"])
        for found in HTML_TAGS.finditer(text):
            if found[2]:
                where = line + text.count("\n", 0, found.start())
                tags.append(Tag(found[2].lower(), bool(found[1]), where))
    return tuple(tags)


def _definitions(covered: set[int], lines: list[str]) -> Iterator[Block]:
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip() and index not in covered:
            run.append(index)
        elif run:
            text = "\n".join(lines[i].strip() for i in run)
            yield Block("definitions", run[0] + 1, run[-1] + 1, text)
            run = []


# Links, anchors and directives


def _links(parsed: _Parsed, skip: set[int]) -> Iterator[Link]:
    """In-document `#fragment` links outside the TOC, at the line they are written on.

    A reference-style link (`[text][label]`) is reported at its definition
    (`[label]: #fragment`), where the fragment is written, once however often it is used.
    """
    yield from _definition_links(parsed, skip)
    for node, index in parsed.links:
        event, span = node.inline[index]
        link = event["Start"]["Link"]
        href = link["dest_url"]
        if link["link_type"] == "Inline" and len(href) >= 2 and href[0] == "#":
            if parsed.first_line(node) in skip:
                continue
            text = inline_text(_events(_link_body(node.inline, index)))[0].strip()
            start = span["start"]
            yield Link(text, unquote(href[1:]), parsed.line_of(start), parsed.column_of(start))


def _definition_links(parsed: _Parsed, skip: set[int]) -> Iterator[Link]:
    for label, reference in parsed.references.items():
        href = reference["dest"]
        line = parsed.line_of(reference["span"]["start"])
        if len(href) > 1 and href.startswith("#") and line not in skip:
            column = parsed.lines[line - 1].find("[") + 1
            text = " ".join(label.split()).lower().upper().lower()
            yield Link(text, unquote(href[1:]), line, max(column, 1))


def _html(parsed: _Parsed, document: Document) -> None:
    """HTML `id`/`name` anchors, and the suppression directives in HTML comments."""
    for node in parsed.nodes:
        if node.kind == "html":
            content = parsed.content(node)
            if "<" in content:
                document.anchors.update(html_anchors(content))
                if "doclint-" in content and "<!--" in content:
                    document.directives.extend(directives_in(content, parsed.first_line(node)))
    for node in parsed.inline_html:
        shown = [
            e.get("InlineHtml") or e.get("Text") or ""
            for e, _ in node.inline
            if e.__class__ is dict
        ]
        document.anchors.update(html_anchors("".join(shown)))
        for event, span in node.inline:
            comment = event.get("InlineHtml", "") if event.__class__ is dict else ""
            if "doclint-" in comment and "<!--" in comment:
                document.directives.extend(directives_in(comment, parsed.line_of(span["start"])))
