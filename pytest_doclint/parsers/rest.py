"""reStructuredText, read by docutils (the reference implementation), silently and safely.

docutils gives the structure (sections, lists, tables, directives) but not dependable line
numbers: a title's ``line`` is its underline, a comment's or a directive's is the line after
it, a table has none. So a title is found by its text next to docutils' line, and a body
element by the source: top-level elements start at the left margin after a blank line (a
"unit"), and each element takes the unit its smallest descendant line falls in. A unit no
element claims (a list's next item) belongs to the element before it.

No transforms run: every section stays a section, and the document title is recognised the
way docutils' ``doctitle_xform`` would promote it (the one top section, nothing before it but
comments and targets); it is then the document's title, not a heading.
"""

from __future__ import annotations

import bisect
import io
import re
import warnings
from dataclasses import dataclass

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Link
from pytest_doclint.model import SyntaxProblem
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.model import segments_of
from pytest_doclint.model import split_lines
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.directives import directives_in
from pytest_doclint.textutil import normalize

Message = tuple[int, int, str]
"""A docutils error: 1-based line, level (3 error, 4 severe) and message text."""

QUIET = {
    "report_level": 5,  # nothing is written to the warning stream ...
    "halt_level": 5,  # ... and nothing stops the parse: messages are collected instead
    "file_insertion_enabled": False,  # no `include`, no `:file:` options, no image probing
    "raw_enabled": False,
    "doctitle_xform": False,
    "syntax_highlight": "none",
}
LISTS = (nodes.bullet_list, nodes.enumerated_list)
KINDS: tuple[tuple[tuple[type, ...], str], ...] = (
    ((nodes.paragraph, nodes.line_block, nodes.rubric), "paragraph"),
    ((*LISTS, nodes.definition_list, nodes.field_list, nodes.option_list), "list"),
    ((nodes.table,), "table"),
    ((nodes.literal_block, nodes.doctest_block, nodes.math_block, nodes.system_message), "code"),
    ((nodes.comment,), "comment"),
    (
        (
            nodes.block_quote,
            nodes.Admonition,
            nodes.topic,
            nodes.sidebar,
            nodes.container,
            nodes.compound,
            nodes.footnote,
            nodes.citation,
        ),
        "quote",
    ),
    ((nodes.image, nodes.figure, nodes.raw), "html"),
    ((nodes.target, nodes.substitution_definition), "definitions"),
)
INVISIBLE = (None, "comment", "definitions")
SPLITS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Characters ``str.splitlines`` breaks lines at but editors (and ``split_lines``) do not."""
ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1*\s*$")
ITEM_MARK = re.compile(r"^\s*(?:[-*+•‣⁃]|\(?(?:\d+|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)])\s+")


@dataclass
class _Item:
    """A section title or a top-level body element, with the source lines it spans."""

    node: nodes.Element
    depth: int
    heading: bool
    kind: str | None = None
    start: int = 0
    end: int = 0
    line: int = 0
    """For a heading: the line of the title text (between its overline and underline)."""


def parse(path: str, source: str, settings: ParseSettings) -> Document:
    document, messages = parse_with_messages(path, source, settings)
    document.syntax_problems = [SyntaxProblem(line, text) for line, _, text in messages]
    for block in document.blocks:
        if block.kind == "comment" and "doclint-" in block.text:
            document.directives.extend(directives_in(block.text, block.start_line))
    return document


def parse_with_messages(
    path: str, source: str, settings: ParseSettings
) -> tuple[Document, list[Message]]:
    """The document, and docutils' errors (level 3+) sorted by line, for a syntax rule."""
    tree, messages = _doctree(SPLITS.sub(" ", source))
    reader = _Reader(tree, split_lines(source), settings)
    items = _items(tree, 0)
    _locate(items, reader.lines)
    promoted = _promoted(tree)
    toc, taken = reader.toc(items, promoted)
    kept = [item for index, item in enumerate(items) if index not in taken]
    title = next((Title(_title_text(i.node), i.line) for i in items if i.node is promoted), None)
    shift = 1 if promoted is not None else 0
    headings = [reader.heading(i, shift) for i in kept if i.heading and i.node is not promoted]
    blocks = [_block(i, reader.lines) for i in kept if not i.heading and i.kind]
    anchors = {
        a
        for node in tree.findall(_targetable)
        if isinstance(node, nodes.Element)
        for a in node["ids"]
    }
    document = Document(
        path,
        source,
        "rest",
        title=title,
        toc=toc,
        headings=headings,
        blocks=blocks,
        links=reader.links(kept),
        anchors=anchors,
    )
    return document.link(), messages


def _doctree(source: str) -> tuple[nodes.document, list[Message]]:
    """Parse without printing, raising, or reading any other file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        settings = get_default_settings(Parser)
        for name, value in QUIET.items():
            setattr(settings, name, value)
        settings.warning_stream = io.StringIO()
        tree = new_document("<rest>", settings)
        messages: list[Message] = []
        tree.reporter.attach_observer(lambda message: _collect(message, messages))
        try:
            Parser().parse(source, tree)
        except Exception as error:  # keep what was parsed; the syntax rule reports the rest
            messages.append((1, 4, f"docutils stopped parsing: {error}"))
    return tree, sorted(messages, key=lambda m: m[0])


def _collect(message: nodes.system_message, messages: list[Message]) -> None:
    if message["level"] >= 3:
        first = message.children[0] if message.children else message
        text = " ".join(first.astext().split())
        messages.append((message.get("line") or 1, message["level"], text))


def _items(parent: nodes.Element, depth: int) -> list[_Item]:
    """Section titles and top-level body elements, in document order."""
    found: list[_Item] = []
    for child in parent.children:
        if isinstance(child, nodes.section):
            found.append(_Item(child, depth + 1, heading=True))
            found.extend(_items(child, depth + 1))
        elif isinstance(child, nodes.Element) and _placed(child):
            found.append(_Item(child, depth, heading=False, kind=_kind(child)))
    return found


def _placed(node: nodes.Element) -> bool:
    """Titles are placed with their section; a message only where it replaced the markup."""
    if isinstance(node, nodes.title):
        return False
    if isinstance(node, nodes.system_message):
        return node["level"] >= 3 and any(isinstance(c, nodes.literal_block) for c in node.children)
    return True


def _kind(node: nodes.Element) -> str | None:
    if isinstance(node, nodes.topic) and "contents" in node["classes"]:
        return None
    if isinstance(node, nodes.block_quote) and all(isinstance(c, LISTS) for c in node.children):
        return "list"  # an indented list
    return next((kind for types, kind in KINDS if isinstance(node, types)), None)


def _locate(items: list[_Item], lines: list[str]) -> None:
    """Give every heading its lines, then every body element between two headings."""
    for item in items:
        if item.heading:
            _locate_title(item, lines)
    group: list[_Item] = []
    first = 1
    ends: list[_Item | None] = [*items, None]  # None: the end of the document
    for current in ends:
        if current is None or current.heading:
            last = current.start - 1 if current else len(lines)
            _place(group, lines, first, last)
            group, first = [], (current.end + 1 if current else 0)
        else:
            group.append(current)


def _locate_title(item: _Item, lines: list[str]) -> None:
    """The title text next to docutils' line (the underline), with over- and underline."""
    title = item.node.children[0] if item.node.children else None
    raw = title.rawsource.strip() if isinstance(title, nodes.title) else ""
    guess = ((title.line if title else None) or item.node.line or 2) - 1
    near = (guess, guess - 1, guess + 1, guess - 2, guess + 2)
    found = [n for n in near if 0 < n <= len(lines) and raw and lines[n - 1].strip() == raw]
    item.line = found[0] if found else min(max(guess, 1), max(len(lines), 1))
    over = item.line - 1
    has_over = (
        over > 0 and ADORNMENT.match(lines[over - 1]) and (over == 1 or not lines[over - 2].strip())
    )
    under = item.line + 1
    item.start = over if has_over else item.line
    item.end = under if under <= len(lines) and ADORNMENT.match(lines[under - 1]) else item.line


def _units(lines: list[str], first: int, last: int) -> list[int]:
    """Lines that may start a top-level element: at the margin after a blank line or markup."""
    starts: list[int] = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        margin = not text[0].isspace()
        after_blank = number == first or not lines[number - 2].strip()
        after_markup = bool(starts) and lines[starts[-1] - 1].startswith("..")
        if not starts or (margin and (after_blank or after_markup)):
            starts.append(number)
    return starts


def _place(group: list[_Item], lines: list[str], first: int, last: int) -> None:
    """Assign each element the unit its nearest line falls in; later units extend it."""
    if not group:
        return
    units = _units(lines, first, last) or [max(min(first, last), 1)]
    used, floor = -1, 0
    for item in group:
        hint = _hint(item.node)
        if hint is None:
            hint, index = 0, min(used + 1, len(units) - 1)
        else:
            hint = min(max(hint, first), max(last, first))
            index = bisect.bisect_right(units, hint) - 1
        used, start = _start(units, max(index, used, 0), used, hint, floor, lines)
        item.start = floor = min(start, max(last, first))
    claimed = {item.start for item in group}
    markup = {u for u in units if u not in claimed and lines[u - 1].startswith("..")}
    stops = sorted(claimed | markup | {last + 1})
    for item in group:
        position = bisect.bisect_right(stops, item.start)
        stop = stops[position] if position < len(stops) else last + 1
        item.end = max(_last_text(lines, item.start, stop - 1), item.start)


def _start(
    units: list[int], index: int, used: int, hint: int, floor: int, lines: list[str]
) -> tuple[int, int]:
    """The unit an element takes and its first line; a second element in a unit needs a hint."""
    if index != used:
        return index, units[index]
    if hint > floor and lines[hint - 1].strip():
        return index, hint  # a `::` block or a quote after its paragraph
    if index + 1 < len(units):
        return index + 1, units[index + 1]  # docutils' line is at or before the last element
    return index, max(hint, floor + 1)  # no blank line between them: a guess


def _hint(node: nodes.Element) -> int | None:
    """The smallest line docutils gives the element or anything in it."""
    if isinstance(node, nodes.system_message) and node.get("line"):
        return int(node["line"])
    return min((n.line for n in node.findall(nodes.Element) if n.line), default=None)


def _last_text(lines: list[str], start: int, end: int) -> int:
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _promoted(tree: nodes.document) -> nodes.section | None:
    """The section docutils would make the document title (``DocTitle.candidate_index``)."""
    index = tree.first_child_not_matching_class(nodes.PreBibliographic)  # type: ignore[arg-type]
    candidate = tree[index] if index is not None and index == len(tree) - 1 else None
    return candidate if isinstance(candidate, nodes.section) else None


def _title_text(section: nodes.Element) -> str:
    title = section.children[0] if section.children else None
    return " ".join(title.astext().split()) if isinstance(title, nodes.title) else ""


@dataclass
class _Reader:
    """What building headings, TOC entries and links needs besides the items."""

    tree: nodes.document
    lines: list[str]
    settings: ParseSettings

    def numbered(self, text: str) -> tuple[Number | None, str]:
        found = match_number(text, self.settings.schemes)
        return (found[1], found[2]) if found else (None, text)

    def heading(self, item: _Item, shift: int) -> Heading:
        text = _title_text(item.node)
        number, title = self.numbered(text)
        ids = item.node["ids"]
        return Heading(
            text, title, number, item.depth - shift, item.line, 1, anchor=ids[0] if ids else None
        )

    def toc(self, items: list[_Item], promoted: nodes.Node | None) -> tuple[Toc | None, set[int]]:
        """The first TOC in the document, and the items it takes out of the body."""
        markers = {normalize(marker) for marker in self.settings.toc_markers}
        in_preamble = True
        for index, item in enumerate(items):
            node = item.node
            if item.heading and normalize(_title_text(node)) in markers:
                rest = range(index + 1, len(items))
                after = next(
                    (j for j in rest if items[j].heading or items[j].kind not in INVISIBLE), 0
                )
                if after and isinstance(items[after].node, LISTS):
                    entries = self.entries(items[after].node, 1, items[after])
                    toc = Toc(entries, item.line, items[after].end, marker=_title_text(node))
                    return toc, {index, after}
            elif isinstance(node, nodes.topic) and "contents" in node["classes"]:
                return Toc([], item.start, item.end, marker="contents", generated=True), {index}
            elif in_preamble and isinstance(node, LISTS) and self.link_list(node):
                return Toc(self.entries(node, 1, item), item.start, item.end), {index}
            in_preamble = in_preamble and (not item.heading or node is promoted)
        return None, set()

    def link_list(self, node: nodes.Element) -> bool:
        """A list whose items are mostly links within the document (`` `Title`_ ``)."""
        paragraphs = [_first_paragraph(item) for item in node.findall(nodes.list_item)]
        linked = [
            p
            for p in paragraphs
            if p is not None and any(self.target(ref) for ref in p.findall(nodes.reference))
        ]
        return len(paragraphs) >= 2 and 2 * len(linked) > len(paragraphs)

    def entries(self, node: nodes.Element, level: int, span: _Item) -> list[TocEntry]:
        """One entry per list item, its level the depth of list nesting."""
        entries: list[TocEntry] = []
        for item in node.children:
            if not isinstance(item, nodes.Element):
                continue
            paragraph = _first_paragraph(item)
            if paragraph is not None:
                entries.append(self.entry(paragraph, level, span))
            for child in item.children:
                if isinstance(child, LISTS):
                    entries.extend(self.entries(child, level + 1, span))
        return entries

    def entry(self, paragraph: nodes.paragraph, level: int, span: _Item) -> TocEntry:
        text = " ".join(paragraph.astext().split())
        number, title = self.numbered(text)
        written = paragraph.line or 0
        line = written if span.start <= written <= span.end else span.start
        mark = ITEM_MARK.match(self.lines[line - 1]) if line <= len(self.lines) else None
        ref = next(iter(paragraph.findall(nodes.reference)), None)
        target = self.target(ref) if ref is not None else None
        return TocEntry(text, title, number, level, line, mark.end() + 1 if mark else 1, target)

    def target(self, ref: nodes.reference) -> str | None:
        """The id an in-document reference points to (None for a link to elsewhere)."""
        uri = ref.get("refuri")
        if uri is not None:
            return str(uri[1:]) if uri.startswith("#") else None
        if ref.get("refid"):
            return str(ref["refid"])
        name = ref.get("refname")
        node_id = self.tree.nameids.get(name) if name else None
        if not name or _external(self.tree.ids.get(node_id or "")):
            return None
        return str(node_id or nodes.make_id(name))

    def links(self, items: list[_Item]) -> list[Link]:
        """References within the document, placed by finding their markup in the source."""
        links: list[Link] = []
        for item in items:
            scope = item.node.children[0] if item.heading and item.node.children else item.node
            if item.heading and not isinstance(scope, nodes.title):
                continue
            line, column = item.start, 0
            for ref in scope.findall(nodes.reference):
                target = self.target(ref)
                if target is not None:
                    raw = ref.rawsource or ref.astext()
                    line, column = _find(self.lines, raw, line, column, item.end)
                    links.append(Link(" ".join(ref.astext().split()), target, line, column + 1))
                    column += 1
        return links


def _first_paragraph(item: nodes.Element) -> nodes.paragraph | None:
    return next((c for c in item.children if isinstance(c, nodes.paragraph)), None)


def _external(node: nodes.Node | None) -> bool:
    """`Python`_ naming `.. _Python: https://…`: a link out of the document."""
    return isinstance(node, nodes.target) and "refuri" in node


def _block(item: _Item, lines: list[str]) -> Block:
    """Text laid out one line per source line: line ``i`` of it is ``start_line + i``."""
    raw = [line.strip() for line in lines[item.start - 1 : item.end]]
    text = "\n".join(raw)
    ends_with = ""
    if isinstance(item.node, nodes.paragraph):
        text = "\n".join(_aligned(_inline_text(item.node).split("\n"), len(raw)))
        ends_with = _ends_with(item.node)
    assert item.kind is not None
    items = _list_items(item.node) if item.kind == "list" else ()
    if item.kind == "list":
        last = list(item.node.findall(nodes.paragraph))
        ends_with = _ends_with(last[-1]) if last else ""
    block = Block(item.kind, item.start, item.end, text, items=items, ends_with=ends_with)
    source = lines[item.start - 1 : item.end]
    block.segments = tuple(map(segments_of, source, text.split("\n")))
    return block


def _aligned(shown: list[str], count: int) -> list[str]:
    """The rendered lines laid over ``count`` source lines, the last on the last: markup
    that took a line of its own (a reference's URL) leaves an empty line where it was."""
    shown = [line.strip() for line in shown]
    if len(shown) > count:
        return [*shown[: count - 1], " ".join(shown[count - 1 :])]
    return [""] * (count - len(shown)) + shown


def _ends_with(paragraph: nodes.Element) -> str:
    """`link` or `code` when the paragraph ends with a reference, an image or a literal."""
    for child in reversed(paragraph.children):
        if isinstance(child, nodes.target) or isinstance(child, nodes.Text) and not child.strip():
            continue
        if isinstance(child, (nodes.reference, nodes.image)):
            return "link"
        return "code" if isinstance(child, nodes.literal) else ""
    return ""


def _inline_text(paragraph: nodes.Element) -> str:
    """The paragraph's text with its line breaks, also those inside dropped markup
    (`` `the docs <https://…>`_ `` wrapped before its URL)."""
    parts = []
    for child in paragraph.children:
        if isinstance(child, nodes.target):
            continue  # the embedded URL of the reference before it, counted there
        text = child.astext()
        missing = getattr(child, "rawsource", "").count("\n") - text.count("\n")
        parts.append(text + "\n" * max(missing, 0))
    return "".join(parts)


def _list_items(node: nodes.Element) -> tuple[str, ...]:
    """The text of each item of a list (of the last list, when quoted or indented)."""
    while isinstance(node, nodes.block_quote) and node.children:
        last = node.children[-1]
        if not isinstance(last, nodes.Element):
            break
        node = last
    return tuple(_visible_text(child) for child in node.children)


def _visible_text(node: nodes.Node) -> str:
    """The text a reader sees: docutils' messages about the markup left out."""
    copy = node.deepcopy()
    for message in list(copy.findall(nodes.system_message)):
        message.parent.remove(message)
    return " ".join(copy.astext().split())


def _find(lines: list[str], raw: str, line: int, column: int, last: int) -> tuple[int, int]:
    """Where the first line of ``raw`` next occurs from (line, column), 0-based column."""
    needle = raw.strip().split("\n")[0]
    for number in range(line, min(last, len(lines)) + 1):
        found = lines[number - 1].find(needle, column if number == line else 0) if needle else -1
        if found >= 0:
            return number, found
    return line, column


def _targetable(node: nodes.Node) -> bool:
    """Sections and the targets that name a place here (`.. _install:`), not a URL."""
    return isinstance(node, nodes.section) or isinstance(node, nodes.target) and not _external(node)
