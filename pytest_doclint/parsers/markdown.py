"""Markdown: CommonMark with YAML front matter and GFM tables, parsed by markdown-it-py.

Only top-level ATX and setext headings are body headings: a heading in a block quote or a
list item is part of that quote or item (its anchor still counts as a link target), and a
`<h2>` written in HTML is HTML. The TOC is a list of `#fragment` links found between
`<!-- toc -->` markers, under a `Contents` heading, or as the first list made of such links.
Inline markup is parsed only where it is read (headings, TOC items, lines with links):
it is about half of markdown-it's work, and block text needs no more than a line filter.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Link
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
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
from pytest_doclint.slugs import link_column
from pytest_doclint.slugs import plain_line
from pytest_doclint.slugs import reader_line
from pytest_doclint.textutil import normalize

MD = MarkdownIt("commonmark").use(front_matter_plugin).enable(["table", "strikethrough"])
MD.core.ruler.disable("inline")  # see _Parsed.children: inline markup is parsed on demand

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
"""Source that may start with a link: tested before paying for the inline parse."""
FRAGMENT_LINK = re.compile(r"\]\(\s*<?#")
"""Source that may hold an inline `[text](#fragment)` link (`#123` in a changelog does not)."""
EMPHASIS = ("strong_open", "em_open", "s_open")
CUSTOM_ID = re.compile(r"\s*\{#([a-z\d]+(?:[-_][a-z\d]+)*)\}\s*$")
"""`## Options {#options}`: an id as markdownlint reads it (lower case, digits, `-`, `_`)."""
DOCFX_TAB = re.compile(r"\[[^\]]*\]\(#(tab/[A-Za-z\d-]+(?:\+[A-Za-z\d-]+)*(?:/[A-Za-z\d-]*)?)\)")
"""`# [Linux](#tab/linux)`: a DocFX tab label, not a heading (markdownlint skips it too)."""
KINDS = {
    "paragraph_open": "paragraph",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "blockquote_open": "quote",
}
LISTS = ("bullet_list_open", "ordered_list_open")
END_BREAKS = re.compile(r"(?:\s*(?:<br\s*/?>|\\))+$", re.IGNORECASE)
LINK_AT_END = re.compile(
    r"\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+[\"'(][^\"')]*[\"')])?\s*\)$"
    r"|\]\[[^\]]*\]$|<(?:https?|ftp|mailto):[^>\s]+>$|<img\b[^>]*>$|"
    r"</a>$|\]$",
    re.IGNORECASE,
)
"""The end of a link, an image, an autolink, a reference link or an `<img>`."""
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)

Span = tuple[int, int]
"""Indices of a top-level block's first and last token."""


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    env: dict[str, object] = {}
    tokens = MD.parse(source, env)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parsed = _Parsed(tokens, env, lines, _top_level(tokens), settings)
    document = Document(path, source, "markdown")
    _headings(parsed, document)
    reader = _TocReader(parsed)
    toc = reader.find()
    document.toc = toc
    document.other_tocs = reader.link_lists(toc.end_line if toc else 0)
    document.title = _title(parsed, document)
    document.blocks = _blocks(parsed)
    skip = {n for t in [toc, *document.other_tocs] if t for n in range(t.line, t.end_line + 1)}
    document.links = sorted(_links(parsed, skip), key=lambda link: (link.line, link.column))
    for token in tokens:
        if token.type in ("html_block", "inline") and "<" in token.content:
            document.anchors.update(html_anchors(token.content))
            if "doclint-" in token.content and "<!--" in token.content and token.map:
                document.directives.extend(directives_in(token.content, token.map[0] + 1))
    return document.link()


def _top_level(tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for index, token in enumerate(tokens):
        if token.level:
            continue
        if token.nesting == 1:
            start = index
        else:
            spans.append((index if token.nesting == 0 else start, index))
    return spans


@dataclass
class _Parsed:
    """One document's tokens, lines and top-level blocks, as the readers below share them."""

    tokens: list[Token]
    env: dict[str, object]
    lines: list[str]
    spans: list[Span]
    settings: ParseSettings
    fragment_references: bool = field(init=False)

    def __post_init__(self) -> None:
        references = self.env.get("references")
        self.fragment_references = isinstance(references, dict) and any(
            str(r.get("href", "")).startswith("#") for r in references.values()
        )

    def may_link(self, token: Token) -> bool:
        """Whether ``token`` may hold a `#fragment` link, judged without parsing it.

        When a reference definition points to a fragment, every `]` may be its use.
        """
        if FRAGMENT_LINK.search(token.content):
            return True
        return self.fragment_references and "]" in token.content

    def children(self, token: Token) -> list[Token]:
        """The inline tokens of ``token``, parsed the first time they are asked for.

        Non-empty content always yields tokens, so no children means not parsed yet.
        """
        if not token.children and token.content:
            token.children = MD.inline.parse(token.content, MD, self.env, [])
        return token.children or []

    def first_line(self, span: Span) -> int:
        token = self.tokens[span[0]]
        return token.map[0] + 1 if token.map else 1

    def last_line(self, span: Span) -> int:
        token = self.tokens[span[0]]
        return _trimmed_end(token.map, self.lines) if token.map else 1

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


def _trimmed_end(line_map: list[int], lines: list[str]) -> int:
    """The 1-based last line of a token's map, trailing blank lines left out."""
    last = line_map[1] - 1
    while last > line_map[0] and not lines[last].strip():
        last -= 1
    return last + 1


def _comment(token: Token) -> bool:
    return token.type == "html_block" and token.content.lstrip().startswith("<!--")


def _link_at(children: list[Token], index: int) -> tuple[str, str] | None:
    """The `#fragment` and text of the link that opens at ``index``, if it is one."""
    child = children[index]
    href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
    if len(href) < 2 or not href.startswith("#"):
        return None
    end = next(i for i in range(index, len(children)) if children[i].type == "link_close")
    return href, inline_text(children[index + 1 : end])[0].strip()


def _written_inline(content: str, href: str) -> bool:
    """`[text](#x)` rather than `[text][label]`: the destination is in the paragraph."""
    content = content.replace("](<", "](")
    return f"]({href}" in content or f"]({unquote(href)}" in content


def _definition_links(parsed: _Parsed, skip: set[int]) -> Iterator[Link]:
    references = parsed.env.get("references")
    if not isinstance(references, dict):
        return
    for label, reference in references.items():
        href, where = str(reference.get("href", "")), reference.get("map")
        if len(href) > 1 and href.startswith("#") and where and where[0] + 1 not in skip:
            line = where[0] + 1
            column = parsed.lines[line - 1].find("[") + 1
            yield Link(str(label).lower(), unquote(href[1:]), line, max(column, 1))


# Headings and title


def _html_heading(token: Token) -> tuple[int, str, str | None] | None:
    """A top-level HTML block that is one heading element on one line
    (`<h2 align="center">Support</h2>`): its level, text and `id`."""
    content = token.content.strip()
    if token.type != "html_block" or token.level or "\n" in content:
        return None
    found = HTML_HEADING.fullmatch(content)
    if not found:
        return None
    text = html.unescape(re.sub(r"<[^>]*>", "", found[2])).strip()
    explicit = HTML_ID.search(found[1])
    return int(found[1][2]), text, explicit[1] if explicit else None


def _headings(parsed: _Parsed, document: Document) -> None:
    """Body headings in order; nested headings only lend their anchors to ``anchors``.

    Every heading GitHub renders takes a slug, nested ones included, so all of them go
    through one slugger in document order to number repeats as GitHub does. A heading
    with a `{#custom-id}` is anchored at that id; GitHub, which shows `{#custom-id}` as
    text, slugs it with the rest, and that slug stays a valid target.
    """
    slugger = Slugger()
    for index, token in enumerate(parsed.tokens):
        element = _html_heading(token) if token.map else None
        if element:
            level, text, explicit = element
            title, number = parsed.numbered(text)
            line = token.map[0] + 1  # type: ignore[index]
            anchor = explicit or github_slug(text)
            document.headings.append(
                Heading(
                    text, title, number, level, line, parsed.column(line), anchor=anchor, html=True
                )
            )
            continue
        if token.type != "heading_open" or not token.map:
            continue
        inline = parsed.tokens[index + 1]
        tab = DOCFX_TAB.fullmatch(inline.content.strip())
        if tab:
            document.anchors.add(tab[1])  # the label's link selects its tab
            continue
        custom = CUSTOM_ID.search(inline.content)
        if custom:
            inline.content = inline.content[: custom.start()]
        shown, slugged = inline_text(parsed.children(inline))
        anchor = slugger.slug(slugged + (custom[0] if custom else ""))
        if custom:
            document.anchors.add(anchor)
            anchor = custom[1]
        if token.level:
            document.anchors.add(anchor)
            continue
        text = shown.strip()
        title, number = parsed.numbered(text)
        line = token.map[0] + 1
        document.headings.append(
            Heading(
                text,
                title,
                number,
                int(token.tag[1:]),
                line,
                parsed.text_column(line),
                anchor=anchor,
            )
        )


def _title(parsed: _Parsed, document: Document) -> Title | None:
    """The front matter's `title:`, else a level-1 heading that opens the document."""
    tokens = parsed.tokens
    if tokens and tokens[0].type == "front_matter":
        title = _front_matter_title(tokens[0])
        if title:
            return title
    for start, _ in parsed.spans:
        token = tokens[start]
        if token.type == "front_matter" or _comment(token):
            continue
        if token.type == "heading_open" and token.tag == "h1":
            line = parsed.first_line((start, start))
            heading = next(h for h in document.headings if h.line == line)
            return Title(heading.text, line) if heading.text else None
        return None
    return None


def _front_matter_title(token: Token) -> Title | None:
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError:
        data = None
    for offset, line in enumerate(token.content.split("\n")):
        found = re.match(r"title\s*:\s*(.*)$", line)
        if found:
            value = data.get("title") if isinstance(data, dict) else found[1].strip("\"' ")
            if isinstance(value, (str, int, float)) and str(value).strip():
                return Title(str(value).strip(), (token.map[0] if token.map else 0) + offset + 2)
            return None
    return None


# Table of contents


class _TocReader:
    """Finds the TOC list and turns its items into entries."""

    def __init__(self, parsed: _Parsed) -> None:
        self.parsed, self.tokens = parsed, parsed.tokens
        self.markers = {normalize(m) for m in (*parsed.settings.toc_markers, *EXTRA_TOC_MARKERS)}

    def find(self) -> Toc | None:
        spans = self.parsed.spans
        toc = self.between_markers(spans) or self.under_marker(spans) or self.first_link_list(spans)
        if toc and not toc.written_by:
            toc.written_by = self._noted_tool(toc.end_line)
        return toc

    def link_lists(self, after: int) -> list[Toc]:
        """The lists below the TOC that are made of `#fragment` links: a section's own
        contents list (`Advanced globbing`: `- [Extglobs](#extglobs)` …)."""
        found = (
            self._link_list(span)
            for span in filter(self._is_list, self.parsed.spans)
            if self.parsed.first_line(span) > after
        )
        return [dataclasses.replace(toc, kind="local") for toc in found if toc]

    def _noted_tool(self, end: int) -> str:
        """`_(TOC generated by verb using markdown-toc)_` in the paragraph after the TOC."""
        after = [s for s in self.parsed.spans if self.parsed.first_line(s) > end][:1]
        for span in after:
            token = self.tokens[span[0]]
            content = self.tokens[span[0] + 1].content if token.type == "paragraph_open" else ""
            found = GENERATED_NOTE.search(content)
            if found:
                return found["tool"]
        return ""

    def between_markers(self, spans: list[Span]) -> Toc | None:
        """Lists between `<!-- toc -->` and `<!-- tocstop -->` (or doctoc's START/END)."""
        start = next((s for s in spans if self._comment_matches(s, TOC_START)), None)
        if start is None:
            return None
        after = spans[spans.index(start) + 1 :]
        end = next((s for s in after if self._comment_matches(s, TOC_END)), None)
        inside = after[: after.index(end)] if end else self._until_heading(after)
        entries = [e for span in inside if self._is_list(span) for e in self._entries(span)]
        if not entries:
            return None
        marker = self.tokens[start[0]].content.strip().split("\n")[0]
        last = self.parsed.last_line(end or inside[-1])
        closing = self.tokens[end[0]].content if end else ""
        tool = next(
            (name for name, mark in TOOL_MARKERS.items() if mark.search(f"{marker} {closing}")), ""
        )
        return Toc(entries, self.parsed.first_line(start), last, marker=marker, written_by=tool)

    def under_marker(self, spans: list[Span]) -> Toc | None:
        """The first list after a `Contents` heading, or right after a `**Contents**` line."""
        for position, span in enumerate(spans):
            marker = self._marker_text(span)
            if marker is None:
                continue
            candidates = self._until_heading(spans[position + 1 :])
            if self.tokens[span[0]].type == "paragraph_open":
                candidates = candidates[:1]
            found = next((s for s in candidates if self._is_list(s)), None)
            entries = self._entries(found) if found else []
            if found and entries:
                last = self.parsed.last_line(found)
                return Toc(entries, self.parsed.first_line(span), last, marker=marker)
        return None

    def first_link_list(self, spans: list[Span]) -> Toc | None:
        """The first list whose items mostly start with a `#fragment` link."""
        return next(filter(None, map(self._link_list, filter(self._is_list, spans))), None)

    def _link_list(self, span: Span) -> Toc | None:
        items = [i for i in range(*span) if self.tokens[i].type == "list_item_open"]
        linked = sum(self._starts_with_link(i) for i in items)
        if linked < 2 or linked < TOC_SHARE * len(items):
            return None
        first, last = self.parsed.first_line(span), self.parsed.last_line(span)
        return Toc(self._entries(span), first, last)

    def _comment_matches(self, span: Span, pattern: re.Pattern[str]) -> bool:
        token = self.tokens[span[0]]
        return token.type == "html_block" and bool(pattern.search(token.content))

    def _until_heading(self, spans: list[Span]) -> list[Span]:
        types = [self.tokens[s[0]].type for s in spans]
        return spans[: types.index("heading_open")] if "heading_open" in types else spans

    def _is_list(self, span: Span) -> bool:
        return self.tokens[span[0]].type in LISTS

    def _marker_text(self, span: Span) -> str | None:
        """The text of a heading or one-line paragraph that announces a TOC."""
        kind = self.tokens[span[0]].type
        if kind not in ("heading_open", "paragraph_open"):
            return None
        inline = self.tokens[span[0] + 1]
        if kind == "heading_open":
            text = inline_text(self.parsed.children(inline))[0].strip()
        elif "\n" not in inline.content:
            text = plain_line(inline.content).strip()
        else:
            return None
        return text if normalize(text).rstrip(":：") in self.markers else None

    def _first_link(self, item: int) -> tuple[int, str, str] | None:
        """Where the item's first `#fragment` link opens in its own inline tokens, and the
        link's fragment and text (a nested list's links belong to its own items)."""
        inline = self.tokens[item + 2]
        if self.tokens[item + 1].type != "paragraph_open" or not self.parsed.may_link(inline):
            return None
        children = self.parsed.children(inline)
        for index in range(len(children)):
            found = _link_at(children, index)
            if found:
                return index, *found
        return None

    def _starts_with_link(self, item: int) -> bool:
        if self.tokens[item + 1].type != "paragraph_open":
            return False
        inline = self.tokens[item + 2]
        found = LINK_FIRST.match(inline.content) and self._first_link(item)
        if not found:
            return False
        return all(
            c.type in EMPHASIS or (c.type == "text" and not c.content.strip())
            for c in self.parsed.children(inline)[: found[0]]
        )

    def _entries(self, span: Span) -> list[TocEntry]:
        entries: list[TocEntry] = []
        for item in range(*span):
            token = self.tokens[item]
            if token.type != "list_item_open" or not token.map:
                continue
            found = self._first_link(item)
            external = None if found else self._external_link(item)
            if not (found or external):
                continue
            text = found[2] if found else external or ""
            title, number = self.parsed.numbered(text)
            line = token.map[0] + 1
            entries.append(
                TocEntry(
                    text,
                    title,
                    number,
                    (token.level + 1) // 2,
                    line,
                    self.parsed.text_column(line),
                    unquote(found[1][1:]) if found else None,
                    external=not found,
                )
            )
        return entries

    def _external_link(self, item: int) -> str | None:
        """The text of a link to another file or site that opens the item, if one does."""
        if self.tokens[item + 1].type != "paragraph_open" or not LINK_FIRST.match(
            self.tokens[item + 2].content
        ):
            return None
        children = self.parsed.children(self.tokens[item + 2])
        start = next((i for i, c in enumerate(children) if c.type == "link_open"), None)
        if start is None:
            return None
        end = next(i for i in range(start, len(children)) if children[i].type == "link_close")
        return inline_text(children[start + 1 : end])[0].strip() or None


# Blocks


def _blocks(parsed: _Parsed) -> list[Block]:
    """One block per top-level block token, plus runs of link reference definitions.

    markdown-it keeps no token for a reference definition, so the top-level lines that no
    token covers and that are not blank are the definitions.
    """
    blocks: list[Block] = []
    covered: set[int] = set()
    for span in parsed.spans:
        token = parsed.tokens[span[0]]
        if token.map:
            covered.update(range(*token.map))
            if token.type in KINDS and not _html_heading(token):
                blocks.append(_block(parsed, span))
    blocks.extend(_definitions(covered, parsed.lines))
    return sorted(blocks, key=lambda b: b.start_line)


def _block(parsed: _Parsed, span: Span) -> Block:
    token = parsed.tokens[span[0]]
    kind, first, last = KINDS[token.type], parsed.first_line(span), parsed.last_line(span)
    raw = parsed.lines[first - 1 : last]
    closed = True
    items: tuple[str, ...] = ()
    if kind == "code":
        fence = token.markup if token.type == "fence" else None
        closed = fence is None or fence_closed(raw, fence)
        text = code_text(raw, fence, closed)
    elif _comment(token):
        kind, closed, text = "comment", "-->" in token.content, "\n".join(r.strip() for r in raw)
    elif kind == "paragraph" and _spans_lines(raw):
        text = _shown_lines(parsed, token, raw)
    else:
        text = "\n".join(reader_line(kind, r) for r in raw)
    if kind == "list":
        items = _items(parsed, span)
    ends_with = _ends_with(raw[-1]) if kind in ("paragraph", "list", "quote") else ""
    return Block(kind, first, last, text, closed=closed, items=items, ends_with=ends_with)


def _spans_lines(raw: list[str]) -> bool:
    """Inline markup that opens on one line and closes on another (a link whose text wraps):
    reading line by line would leave its `[` behind."""
    return len(raw) > 1 and any(
        line.count("[") != line.count("]") or line.count("`") % 2 for line in raw
    )


def _shown_lines(parsed: _Parsed, token: Token, raw: list[str]) -> str:
    """The paragraph as rendered, one line per source line (its soft breaks kept)."""
    inline = parsed.tokens[parsed.tokens.index(token) + 1]
    lines = [""]
    for child in parsed.children(inline):
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        else:
            lines[-1] += inline_text([child])[0]
    if len(lines) != len(raw):  # markup the inline parse could not place: read line by line
        return "\n".join(reader_line("paragraph", r) for r in raw)
    return "\n".join(line.strip() for line in lines)


def _ends_with(source: str) -> str:
    """`link` or `code` when the block's last line ends with a link, an image or a code span
    (line breaks and `<br>` after it aside): an ending that needs no full stop."""
    line = END_BREAKS.sub("", source.rstrip())
    if LINK_AT_END.search(line):
        return "link"
    return "code" if line.endswith("`") else ""


def _items(parsed: _Parsed, span: Span) -> tuple[str, ...]:
    """The reader's text of each top-level item of the list at ``span``."""
    items = []
    for index in range(span[0], span[1] + 1):
        item = parsed.tokens[index]
        if item.type == "list_item_open" and item.level == 1 and item.map:
            raw = parsed.lines[item.map[0] : _trimmed_end(item.map, parsed.lines)]
            items.append("\n".join(reader_line("list", r) for r in raw))
    return tuple(items)


def _definitions(covered: set[int], lines: list[str]) -> Iterator[Block]:
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip() and index not in covered:
            run.append(index)
        elif run:
            text = "\n".join(lines[i].strip() for i in run)
            yield Block("definitions", run[0] + 1, run[-1] + 1, text)
            run = []


# Links


def _links(parsed: _Parsed, skip: set[int]) -> Iterator[Link]:
    """In-document `#fragment` links outside the TOC, at the line they are written on.

    A reference-style link (`[text][label]`) is reported at its definition
    (`[label]: #fragment`), where the fragment is written, once however often it is used.
    """
    yield from _definition_links(parsed, skip)
    for token in parsed.tokens:
        if token.type != "inline" or not token.map or token.map[0] + 1 in skip:
            continue
        if not parsed.may_link(token):
            continue
        line = token.map[0] + 1
        children = parsed.children(token)
        for index, child in enumerate(children):
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            found = _link_at(children, index)
            if found and _written_inline(token.content, found[0]):
                href, text = found
                column = link_column(parsed.lines[line - 1], text, href)
                yield Link(text, unquote(href[1:]), line, column)
