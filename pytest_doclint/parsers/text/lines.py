"""Plain-text lines, and which of them could be headings judged by their shape and neighbours.

A numbered line is a heading *candidate* when it stands alone: short, no sentence-ending
punctuation, not a Latin sentence. It stops being one in context: when it continues a
wrapped sentence, is a wrapped list item, continues a list a label line opened
(`附件：1. 项目清单` / `      2. 分工表`), is set in further than the body text around it in a
layout that indents its body (DocBook, RFC), or is the first line of a numbered paragraph
that fills the line and runs on (`1. You may copy and distribute verbatim copies of …`).
What the TOC says about a line is decided later (:mod:`.evidence`) and wins over all this.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import Number
from pytest_doclint.numbering import match_number
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import normalize

BULLET = re.compile(r"^[-*+•·●○▪◦]\s+")
LATIN_SENTENCE = re.compile(r"[A-Za-z0-9)\]\"'”’]\.$")
LABEL = re.compile(r"[：:]\s*")
WRAP_WIDTH = 50
"""A line this wide that does not end a sentence is probably wrapped prose."""
WRAP_COLUMNS = 70
"""Where plain-text tools wrap lines: a line that could not take the next word is wrapped."""
RULE_MARKS = "=-~^*#+_.:━─═"
FULL_WIDTH = 64
MAX_TITLE_LINES = 3
"""Lines a title may take when it wraps; a numbered text that runs on longer is a paragraph."""
"""A numbered line this wide that runs on into the next line is a paragraph, not a title."""


@dataclass
class Candidate:
    """A line that could be a heading, judged on the line alone."""

    number: Number | None
    title: str
    text: str
    column: int
    run_in: bool
    listed: bool = False
    """The TOC lists it: a heading whatever its neighbours say."""


@dataclass
class Line:
    number: int
    raw: str
    text: str
    indent: str
    candidate: Candidate | None = None
    numbered: tuple[Number, str] | None = None
    """The number token the line starts with and the text after it, heading or not (read as
    leniently as a TOC entry is: `5.3. /etc/fstab`)."""
    item: bool = False
    """An item of a numbered list, not a heading (`附件：1. …` / `      2. …`)."""
    continues_heading: bool = False
    """The second line of a heading that wraps (`6.32. pam_timestamp - … authentication` /
    `attempts`)."""

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def width(self) -> int:
        return display_width(self.raw.rstrip())

    @property
    def rule(self) -> bool:
        """A line of one repeated mark: a heading's underline or a separator, not content."""
        return len(self.text) >= 3 and len(set(self.text)) == 1 and self.text[0] in RULE_MARKS


BARE_NUMBER = re.compile(r"(?P<n>\d{1,3})(?P<gap>[ \t\u00a0]{1,4})(?=\S)")
"""`4  Definitions`: a section number without a full stop (Internet-Drafts, RFCs)."""


def read_lines(source_lines: list[str], settings: ParseSettings) -> list[Line]:
    lines = [_line(i + 1, raw, settings) for i, raw in enumerate(source_lines)]
    _reject_in_context(lines, settings)
    _reject_nested_items(lines)
    _number_parents(lines, settings)
    return lines


def _line(number: int, raw: str, settings: ParseSettings) -> Line:
    raw = raw.replace("\f", "")
    text = raw.strip()
    line = Line(number, raw, text, raw[: len(raw) - len(raw.lstrip())])
    line.candidate = _candidate(text, len(line.indent) + 1, settings)
    found = match_number(text, settings.schemes, strict=False)
    line.numbered = (found[1], found[2]) if found else None
    return line


def _candidate(text: str, column: int, settings: ParseSettings) -> Candidate | None:
    """Judge ``text`` alone: a standalone heading, a run-in heading, or neither."""
    found = match_number(text, settings.schemes)
    if not found:
        return None
    scheme, number, title = found
    if scheme.run_in == "always":
        return Candidate(number, "", number.token, column, run_in=bool(title))
    if not title and scheme.title_required:
        return None
    if (
        display_width(text) <= settings.max_heading_width
        and not ends_with(text, settings)
        and (not latin_sentence(title))
    ):
        return Candidate(number, title, text, column, run_in=False)
    if settings.run_in_headings and scheme.run_in == "allowed" and "。" in title:
        head, _, rest = title.partition("。")
        if head and display_width(number.token + head) <= settings.max_heading_width:
            return Candidate(number, head, number.token + head, column, run_in=bool(rest.strip()))
    return None


def ends_with(text: str, settings: ParseSettings) -> bool:
    """The line ends with punctuation that closes a sentence or a clause."""
    return text.endswith(tuple(settings.heading_end_punctuation))


def short_label(text: str, settings: ParseSettings) -> bool:
    """Short, and neither a sentence nor a clause: a title, a TOC entry, a sign-off."""
    return (
        display_width(text) <= settings.max_heading_width
        and not ends_sentence(text)
        and not (ends_with(text, settings))
    )


def latin_sentence(title: str) -> bool:
    """`1. Update the changelog.`: words ending in a full stop are a sentence, not a title."""
    return len(title.split()) > 1 and bool(LATIN_SENTENCE.search(title))


def label_key(text: str) -> str:
    """`General Options:` in the body is the TOC's `General Options`."""
    return normalize(text).rstrip(":：")


def _reject_in_context(lines: list[Line], settings: ParseSettings) -> None:
    """Drop candidates that continue a wrapped sentence, are wrapped list items or numbered
    paragraphs, or continue a list that a label line opened."""
    listed: Number | None = None
    for index, line in enumerate(lines):
        candidate = line.candidate
        if listed and candidate and candidate.number and next_item(listed, candidate.number):
            listed, line.candidate, line.item = candidate.number, None, True
            continue
        listed = _opens_list(line.text, settings) if not candidate else None
        line.item = listed is not None
        if not candidate:
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if before and not before.blank and not before.candidate and _continues(before.text):
            line.candidate = None
        elif after and not after.blank and not after.candidate:
            wrapped = _wrapped_title(line, lines[index + 1 : index + 1 + MAX_TITLE_LINES])
            if _hangs(line, after) or wrapped is None:
                line.candidate = None
            for rest in lines[index + 1 : index + 1 + (wrapped or 0)]:
                candidate.text += f" {rest.text}"
                candidate.title += f" {rest.text}"
                rest.continues_heading = True


def _number_parents(lines: list[Line], settings: ParseSettings) -> None:
    """`4  Definitions` / … / `4.1  Players`: a bare number is no heading number on its own (it
    is too often a count), but a line of its own that the next heading's number continues
    (`4.1` after `4`) is that heading's parent; and then its siblings, set in as far and
    standing alone as it does (`1  Status of this memo`), are headings too."""
    bare: dict[int, tuple[int, str]] = {}  # line index → (number, title) of standalone lines
    proven: set[str] = set()  # indents of the bare numbers a child heading continues
    following: Candidate | None = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        found = BARE_NUMBER.match(line.text)
        if (
            found
            and not line.candidate
            and _stands_alone(lines, index)
            and short_label(line.text, settings)
        ):
            bare[index] = (int(found["n"]), line.text[found.end() :])
            if (
                following
                and following.number
                and following.number.scheme == "decimal"
                and (following.number.values == (bare[index][0], 1))
            ):
                proven.add(line.indent)
        if line.candidate:
            following = line.candidate
    rank = BUILTIN_SCHEMES["decimal"].rank
    for index, (value, title) in bare.items():
        line = lines[index]
        if line.indent in proven:
            number = Number("decimal", str(value), (value,), rank, "{n}", "arabic")
            line.candidate = Candidate(number, title, line.text, len(line.indent) + 1, False)
            line.numbered = (number, title)


def _stands_alone(lines: list[Line], index: int) -> bool:
    return all(0 <= i < len(lines) and lines[i].blank for i in (index - 1, index + 1))


def _reject_nested_items(lines: list[Line]) -> None:
    """In a layout whose body text is set in from its headings (DocBook, RFC, man pages), a
    numbered line set in further than the text before it is a list item, as are the items
    that follow at its margin: `5.18.1. Autotools` / `    It has 4 steps.` / `     1. set up …`.
    """
    margins = [m for line in lines if line.candidate and (m := margin(line)) is not None]
    base = min(margins, default=0)
    prose: int | None = None  # margin of the body text before
    item: tuple[int, Number] | None = None  # margin and number of the list item being read
    for line in lines:
        at, number = margin(line), line.numbered[0] if line.numbered else None
        if line.blank:
            continue
        if at is None:
            prose = item = None
        elif number and (
            (item and abs(at - item[0]) <= 1 and next_item(item[1], number))  # `  9.` `10.`
            or (prose is not None and base <= prose < at)
        ):
            line.candidate, line.item, item = None, True, (at, number)
        elif line.candidate:
            prose = item = None
        elif item is None or at <= item[0]:
            prose, item = at, None


def margin(line: Line) -> int | None:
    """Width of a line's indentation in blanks; None for CJK paragraph indentation (`　　`)."""
    indent = line.indent.replace("\u00a0", " ").expandtabs(4)
    return len(indent) if indent.isascii() else None


def _opens_list(text: str, settings: ParseSettings) -> Number | None:
    """The `1.` of a label line `附件：1. 项目清单`, whose list runs on in the lines below."""
    label = LABEL.search(text)
    found = match_number(text[label.end() :], settings.schemes) if label else None
    return found[1] if found and found[1].values == (1,) else None


def next_item(previous: Number, number: Number) -> bool:
    return (number.style, len(number.values), number.value) == (
        previous.style,
        len(previous.values),
        previous.value + 1,
    )


def _continues(text: str) -> bool:
    """True if the sentence on this line runs on to the next line.

    A line ending with `；` closes a clause of a list of provisions: what follows may be the
    next heading (`……的；` / `二、保障措施`).
    """
    if ends_sentence(text):
        return False
    return text.endswith(("，", ",", "、")) or display_width(text) >= WRAP_WIDTH


def _hangs(line: Line, after: Line) -> bool:
    """`1. Install the package and` / `   configure it`: a wrapped list item."""
    candidate = line.candidate
    assert candidate is not None
    title_column = len(line.indent) + line.text.find(candidate.title) if candidate.title else -1
    return after.indent.isascii() and len(after.indent) >= 2 and len(after.indent) == title_column


def _wrapped_title(line: Line, rest: list[Line]) -> int | None:
    """How many of the ``rest`` lines (the next `MAX_TITLE_LINES` are enough) a title that
    fills its line wraps onto (0 when it does not), or None for a numbered paragraph:
    `1. You may copy and distribute verbatim copies of …` / `you receive it, …` runs on at
    the heading's own margin for longer, or ends a sentence."""
    if line.width < FULL_WIDTH or rest[0].indent != line.indent:
        return 0
    run = list(itertools.takewhile(lambda after: not after.blank, rest))
    if len(run) > MAX_TITLE_LINES - 1 or run[-1].text.endswith((".", "。", ";", "；", ",", "，")):
        return None
    if any(after.candidate or after.indent != line.indent for after in run):
        return None
    return len(run)
