"""announced-count: "下面，我讲三点意见" must be followed by three parts.

A sentence announcing a count of parts is found by patterns whose group `n` holds the count
(Chinese numerals, digits, English number words; `几`, `several` and `a few` mean at least
two). What delivers the parts is looked for in this order, and the first that applies counts:

1. **Sections.** The announcement is in the last block before a heading that opens a
   sub-section of the announcement's own section (or a top-level section, before the first
   heading): the parts are that heading and its later siblings at the same level.
2. **Items.** The lines after the announcement in its block, or the list right after it,
   start with item markers (`1.`, `（1）`, `一、`, `-`): each item is one part, however many
   lines or paragraphs it runs on, and its sub-items (indented deeper) are not parts. In
   plain text the list may be blocks parted by blank lines, one item each.
3. **Ordinals.** `一是……二是……` or `第一，……第二，……` after it, up to the next heading.

When nothing after the announcement delivers parts, it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

import regex

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.numbering import parse_chinese
from pytest_doclint.patterns import Matcher
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Common
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import Unit
from pytest_doclint.scope import sentences
from pytest_doclint.scope import units
from pytest_doclint.textutil import shorten

ZH = r"(?P<n>[一二三四五六七八九十两]{1,3}|几|[0-9]{1,2})"
EN = (
    r"(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few"
    r"|[0-9]{1,2})"
)
EN_PARTS = r"(?:steps|sections|parts|points|stages|phases|chapters|topics|questions|reasons)"
DEFAULT_PATTERNS = (
    # 下面，我讲三点意见 / 我讲以下几点 / 谈两点体会 / 提三个方面的要求
    rf"(?:讲|谈|说|提|强调|报告|汇报|交流|分享)(?:以下|如下|这么)?{ZH}(?:点|个方面|方面|个问题|项|个部分)",
    # 主要有三个方面 / 分为四个部分 / 从三个方面入手
    rf"(?:有|包括|分为|分成|涉及|围绕|从)(?:以下|如下)?{ZH}个?(?:方面|部分|阶段|步骤|环节|板块)",
    # 提出以下三点要求 / 如下四个方面
    rf"(?:以下|如下){ZH}(?:点|个方面|方面|个部分|部分|项|个问题|个步骤)",
    # the following four sections
    rf"(?i)\bfollowing\s+{EN}\s+{EN_PARTS}\b",
    # three steps follow / three sections below
    rf"(?i)\b{EN}\s+{EN_PARTS}\s+(?:follow|below|are\s+(?:described|listed|given)\s+below)\b",
    # this guide is in three parts / consists of four sections
    rf"(?i)\b(?:in|into|has|have|consists\s+of|comprises)\s+{EN}\s+(?:parts|sections|steps|stages|phases|chapters)\b",
)
EN_NUMBERS = {
    word: n
    for n, word in enumerate(
        (
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ),
        start=1,
    )
}
SEVERAL = ("几", "several", "a few")
"""An indefinite count: at least two parts must follow."""
ITEM = re.compile(
    r"\s*(?:[-*+•·]\s|\d{1,2}[.)．、]|[（(]\d{1,2}[)）]"
    r"|[（(]?[一二三四五六七八九十]{1,3}[、)）]|[①-⑳])"
)
"""An item number or bullet at the start of a line."""
ORDINAL = re.compile(
    r"(?<![\u4e00-\u9fff])([一二三四五六七八九十]{1,2})是"
    r"|第([一二三四五六七八九十]{1,2})[，,、：:]"
)
"""`一是` (not the end of a word: `统一是`) and `第一，`."""
SHOWN_PARTS = 5


@dataclass(frozen=True)
class Options(Common):
    scope: str | list[str] = field(
        default="paragraphs",
        metadata={
            "help": "Where announcements are looked for (`paragraphs`, the default, or `body`)",
        },
    )
    patterns: list[str] = field(
        default_factory=list,
        metadata={
            "help": "More announcement patterns (regular expressions with a group `(?P<n>…)` "
            "holding the count), tried after the built-in ones",
        },
    )
    defaults: bool = field(
        default=True,
        metadata={
            "help": "Use the built-in patterns (Chinese `讲三点意见`, `主要有三个方面`, "
            "`分为四个部分`; English `three steps follow`, `the following four sections`)",
        },
    )
    ignore_case: bool = field(
        default=False,
        metadata={
            "help": "Match `patterns` regardless of case",
        },
    )


@dataclass(frozen=True)
class Part:
    label: str
    line: int


def make(rule: Instance) -> Check:
    options = rule.options
    assert isinstance(options, Options)
    matchers = [Matcher(p, regex.compile(p)) for p in DEFAULT_PATTERNS] if options.defaults else []
    matchers += [
        rule.pattern(p, ("patterns", str(i)), literal=False, groups=("n",))
        for i, p in enumerate(options.patterns)
    ]

    def check(document: Document, run: Run) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for unit in units(document, rule.scope):
            for matcher in matchers:
                for hit in run.hits(matcher, [unit]):
                    announced = _count(hit.match.group("n"))
                    if announced == 0:
                        continue
                    offset, sentence = _sentence_at(hit.text_line, hit.match.start())
                    if (hit.line, offset) in seen:
                        continue  # two patterns found the same announcement
                    seen.add((hit.line, offset))
                    parts = _delivered(document, unit, hit.line, hit.text_line[hit.match.end() :])
                    if parts is None or _agrees(announced, len(parts)):
                        continue
                    more = announced is not None and len(parts) > announced
                    yield rule.say(
                        "more" if more else "fewer",
                        hit.line,
                        hit.column,
                        len(hit.text),
                        match=shorten(hit.text),
                        sentence=shorten(sentence),
                        announced="several" if announced is None else announced,
                        delivered=len(parts),
                        parts=_listing(parts),
                    )

    return check


def _count(token: str) -> int | None:
    """The announced number; None for an indefinite `几`/`several`; 0 for no number."""
    token = " ".join(token.casefold().split())
    if token in SEVERAL:
        return None
    if token.isdigit():
        return int(token)
    return EN_NUMBERS.get(token) or parse_chinese(token) or 0


def _agrees(announced: int | None, delivered: int) -> bool:
    return delivered >= 2 if announced is None else delivered == announced


def _sentence_at(text: str, offset: int) -> tuple[int, str]:
    found = (0, text)
    for start, sentence in sentences(text):
        if start > offset:
            break
        found = (start, sentence)
    return found


def _delivered(document: Document, unit: Unit, line: int, rest: str) -> list[Part] | None:
    """The parts that follow the announcement on ``line``, or None when nothing does."""
    return (
        _sections(document, unit, line)
        or _items(document, unit, line)
        or _ordinals(document, unit, line, rest)
    )


def _sections(document: Document, unit: Unit, line: int) -> list[Part] | None:
    following = next((h for h in document.headings if h.line > line), None)
    if following is None:
        return None
    parent = _section_of(document, line)
    if following.parent is not parent:
        return None
    last = unit.lines[-1][0]
    if any(last < b.start_line < following.line for b in document.content_blocks()):
        return None  # more text before the sections: the announcement is not their preamble
    siblings = parent.children if parent else document.roots
    return [
        Part(_label(h), h.line) for h in siblings if h.line > line and h.level == following.level
    ]


def _section_of(document: Document, line: int) -> Heading | None:
    inner = None
    for heading in document.headings:
        if heading.line < line <= heading.end_line:
            inner = heading
    return inner


def _label(heading: Heading) -> str:
    return heading.number.token if heading.number else shorten(heading.text, 16)


def _items(document: Document, unit: Unit, line: int) -> list[Part] | None:
    """One part per item after the announcement, counted as a reader counts them: each
    line that starts with an item marker at the items' own indent is one part, however
    many lines or paragraphs it runs on; sub-items, indented deeper, are not parts."""
    lines = _lines_after(document, unit, line) or _list_after(document, unit)
    starts = [(n, document.line_text(n)) for n in lines]
    starts = [(n, text) for n, text in starts if ITEM.match(text)]
    if not starts:
        return None
    indent = min(_indent(text) for _, text in starts)
    return [Part(shorten(text.strip(), 16), n) for n, text in starts if _indent(text) == indent]


def _lines_after(document: Document, unit: Unit, line: int) -> list[int]:
    """The lines after the announcement in its own block; when the announcement opens an
    item of a list, only that item's lines (its sub-items), not the items after it."""
    after = [n for n, _ in unit.lines if n > line]
    announcing = document.line_text(line)
    if unit.kind != "list" or not ITEM.match(announcing):
        return after
    level = _indent(announcing)
    for position, number in enumerate(after):
        text = document.line_text(number)
        if ITEM.match(text) and _indent(text) <= level:
            return after[:position]
    return after


def _list_after(document: Document, unit: Unit) -> list[int]:
    """The lines of the list right after ``unit``, before the next heading.

    A list is one block in Markdown; in plain text a blank line between items ends a
    block, so the list is the run of blocks that each start with an item marker, or are
    set in deeper than the first (an item's further paragraphs).
    """
    end = unit.lines[-1][0]
    heading = next((h.line for h in document.headings if h.line > end), None)
    lines: list[int] = []
    indent = 0
    for block in document.content_blocks():
        if block.start_line <= end:
            continue
        if heading is not None and block.start_line > heading:
            break
        first = document.line_text(block.start_line)
        if lines and _indent(first) > indent:
            pass  # more of the item above
        elif block.kind == "list" or ITEM.match(first):
            indent = indent if lines else _indent(first)
        else:
            return lines
        lines += range(block.start_line, block.end_line + 1)
    following = document.line_text(heading) if heading is not None else ""
    if lines and ITEM.match(following) and _indent(following) == indent:
        # The list runs on into a numbered line read as a heading (plain text takes a
        # `2. 压实责任` that stands alone for one): too unsure to count its items.
        return []
    return lines


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _ordinals(document: Document, unit: Unit, line: int, rest: str) -> list[Part] | None:
    texts = [(line, rest)] + [(n, t) for n, t in unit.lines if n > line]
    following = next((h.line for h in document.headings if h.line > line), None)
    last = unit.lines[-1][0]
    for block in document.content_blocks():
        if last < block.start_line and (following is None or block.start_line < following):
            texts += list(enumerate(block.text.split("\n"), start=block.start_line))
    parts: list[Part] = []
    for number, text in texts:
        for found in ORDINAL.finditer(text):
            value = parse_chinese(found[1] or found[2])
            if value == len(parts) + 1:
                parts.append(Part(found[0].rstrip("，,、：:"), number))
    return parts or None


def _listing(parts: list[Part]) -> str:
    shown = ", ".join(f"`{p.label}` at line {p.line}" for p in parts[:SHOWN_PARTS])
    return shown + (", …" if len(parts) > SHOWN_PARTS else "") if parts else "none"


RULE_TYPE = RuleType(
    name="announced-count",
    summary="An announced number of parts is the number that follows",
    options=Options,
    make=make,
    messages={
        "fewer": (
            "`{sentence}` announces {announced} parts (found {delivered}: {parts})",
            "add the missing parts, or change the count to {delivered}",
        ),
        "more": (
            "`{sentence}` announces {announced} parts (found {delivered}: {parts})",
            "change the count to {delivered}, or merge the extra parts",
        ),
    },
    placeholders=("match", "sentence", "announced", "delivered", "parts"),
    structural=True,
)
