"""Pairing TOC entries with body headings, for `toc-matches-body`.

An entry pairs with a heading through its link target (Markdown, reST) or, without one,
through its text: the same number, and the same title or its beginning followed by a
separator. Pairs are then judged for order (the longest run in body order is in order),
nesting (an entry's TOC parent must pair with an ancestor of its heading) and coverage.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from difflib import get_close_matches

from pytest_doclint import regexes
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.textutil import normalize
from pytest_doclint.textutil import shorten

SEPARATORS = tuple(",，:：;；、。—–-(（ ")
LABEL = re.compile(r"^(chapter|appendix|part|section|附录|附件)\s*", re.IGNORECASE)
GITHUB_FRAGMENTS = re.compile(r"top|readme|L\d+(C\d+)?(-L\d+(C\d+)?)?|#.*", re.IGNORECASE)
"""Fragments that need no heading: the page top, GitHub's README wrapper and source line
links, and the `##` placeholder some READMEs use for a link that only carries a title."""
NO_CLAIM = ("anchor", "external")
"""Pairs that say nothing about this body: an explicit anchor, or a link to another file."""


@dataclass
class Pair:
    entry: TocEntry
    heading: Heading | None = None
    how: str = ""
    """`link`: its target is the heading's anchor; `text`: its text names the heading;
    `anchor`: its target is an explicit anchor, no heading; `external`: it links to another
    file and no heading here has its text; `renamed`: it looks alike."""
    in_order: bool = True


class Anchors:
    """Every link target of a document, with its heading where it has one."""

    def __init__(self, document: Document, ignore_case: bool, ignored: str = "") -> None:
        self.fold = str.casefold if ignore_case else str
        self.headings = {self.fold(h.anchor): h for h in document.headings if h.anchor}
        self.others = {self.fold(a) for a in document.anchors}
        self.ignored = regexes.compile_user(ignored) if ignored else None

    def heading(self, target: str) -> Heading | None:
        return self.headings.get(self.fold(target))

    def exists(self, target: str) -> bool:
        key = self.fold(target)
        return (
            key in self.headings
            or key in self.others
            or bool(GITHUB_FRAGMENTS.fullmatch(target))
            or bool(self.ignored and regexes.search(self.ignored, target))
        )

    def closest(self, target: str) -> str | None:
        names = [h.anchor for h in self.headings.values() if h.anchor]
        found = get_close_matches(target, names, n=1, cutoff=0.6)
        return found[0] if found else None


def listable(document: Document, toc: Toc) -> list[Heading]:
    """Headings a TOC lists: those after it, less the title and the TOC's own heading
    (`## Contents`); all of them if the TOC comes last."""
    title = document.title.line if document.title else None
    headings = [
        h for h in document.headings if h.line != title and not toc.line <= h.line <= toc.end_line
    ]
    return [h for h in headings if h.line > toc.end_line] or headings


def same_heading(entry: TocEntry, heading: Heading) -> bool:
    """The entry names this heading: the same number, and the same title or its beginning."""
    entry_number = entry.number.key if entry.number else None
    heading_number = heading.number.key if heading.number else None
    if entry_number != heading_number:
        return _names(_unlabelled(entry.text), _unlabelled(heading.text))
    return _names(normalize(entry.title), normalize(heading.title))


def _unlabelled(text: str) -> str:
    """`Appendix A. Manifesto` and `A. Manifesto` name one section."""
    return LABEL.sub("", normalize(text))


def _names(entry: str, heading: str) -> bool:
    if entry == heading or entry.replace(" ", "") == heading.replace(" ", ""):
        return True  # the same title, perhaps wrapped where it had no space
    return bool(entry) and heading.startswith(entry) and heading[len(entry)].startswith(SEPARATORS)


def same_words(entry: TocEntry, heading: Heading) -> bool:
    """A linked entry agrees with its heading: the same words, case, punctuation and a
    plural `s` aside (`Third party packages` = `Third-party package`), or its beginning."""
    entry_words, heading_words = _words(entry.text), _words(heading.text)
    return heading_words[: len(entry_words)] == entry_words or same_heading(entry, heading)


def _words(text: str) -> list[str]:
    words = re.findall(r"\w+", normalize(text))
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def likeness(entry: TocEntry, heading: Heading) -> float:
    return SequenceMatcher(None, normalize(entry.title), normalize(heading.title)).ratio()


class _TextIndex:
    """The headings by the texts an entry may name them with (see :func:`same_heading`):
    whole without spaces, and each beginning that ends at a separator; under the number they
    carry for an entry with the same number, and unlabelled for one with another. Looking an
    entry up here instead of trying every heading keeps a TOC of thousands of entries from
    taking quadratic time; :func:`same_heading` still decides each candidate."""

    def __init__(self, headings: list[Heading]) -> None:
        self.forms: dict[tuple[str, object, str, str], list[int]] = {}
        """(compared as, number, `whole` or `start`, text) → heading positions."""
        for position, heading in enumerate(headings):
            number = heading.number.key if heading.number else None
            self._add(position, ("title", number), normalize(heading.title))
            self._add(position, ("text", None), _unlabelled(heading.text))

    def _add(self, position: int, kind: tuple[str, object], text: str) -> None:
        compared, number = kind
        keys = {(compared, number, "whole", text.replace(" ", ""))}
        keys |= {(compared, number, "start", text[:at]) for at in range(1, len(text))
                 if text[at].startswith(SEPARATORS)}  # fmt: skip
        for key in keys:
            self.forms.setdefault(key, []).append(position)

    def candidates(self, entry: TocEntry) -> list[int]:
        """The positions of the headings the entry may name, in order."""
        number = entry.number.key if entry.number else None
        title, text = normalize(entry.title), _unlabelled(entry.text)
        keys = [
            ("title", number, "whole", title.replace(" ", "")),
            ("title", number, "start", title),
            ("text", None, "whole", text.replace(" ", "")),
            ("text", None, "start", text),
        ]
        return sorted({p for key in keys for p in self.forms.get(key, [])})


def pair(
    entries: list[TocEntry], headings: list[Heading], anchors: Anchors, after_toc: list[Heading]
) -> list[Pair]:
    """Pair each entry with a heading, looking ahead of the last pair first.

    A link decides, except that a link landing above the TOC (often on the title, through a
    slug collision) yields to a heading after the TOC that has the entry's text.
    """
    pairs = [Pair(entry) for entry in entries]
    index = {id(h): i for i, h in enumerate(headings)}
    below = {id(h) for h in after_toc}
    used: set[int] = set()
    cursor = 0
    texts = _TextIndex(headings)
    for item in pairs:
        target = item.entry.target
        linked = anchors.heading(target) if target else None
        by_text = _text_match(item.entry, headings, texts, used, cursor, below)
        if (
            linked is not None
            and id(linked) in index
            and index[id(linked)] not in used
            and (id(linked) in below or by_text is None)
        ):
            found, item.how = index[id(linked)], "link"
        elif target and linked is None and anchors.exists(target):
            item.how = "anchor"
            continue
        elif by_text is not None:
            found, item.how = by_text, "text"
        else:
            item.how = "external" if item.entry.external else ""
            continue
        item.heading = headings[found]
        used.add(found)
        cursor = max(cursor, found + 1)
    _mark_order(pairs, index)
    return pairs


def _text_match(entry: TocEntry, headings: list[Heading], texts: _TextIndex, used: set[int],
                cursor: int, below: set[int]) -> int | None:  # fmt: skip
    """The next unused heading after the TOC that the entry's text names, else any."""
    candidates = texts.candidates(entry)
    split = bisect_left(candidates, cursor)
    order = candidates[split:] + candidates[:split]
    found = [i for i in order if i not in used and same_heading(entry, headings[i])]
    return next((i for i in found if id(headings[i]) in below), found[0] if found else None)


def _mark_order(pairs: list[Pair], index: dict[int, int]) -> None:
    """Out of order: the fewest pairs whose headings break the body's order."""
    paired = [p for p in pairs if p.heading]
    run = _increasing_run([index[id(p.heading)] for p in paired])
    for position, item in enumerate(paired):
        item.in_order = position in run


def _increasing_run(values: list[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # tails[k]: index of the smallest last value of a run of length k+1
    before: list[int | None] = []
    for position, value in enumerate(values):
        length = bisect_left([values[t] for t in tails], value)
        before.append(tails[length - 1] if length else None)
        if length == len(tails):
            tails.append(position)
        else:
            tails[length] = position
    run: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        run.add(at)
        at = before[at]
    return run


def find_renames(
    pairs: list[Pair], headings: list[Heading], depth: dict[int, int], threshold: float
) -> None:
    """An unpaired entry whose slot in the body holds an unpaired, alike heading at its depth."""
    taken = {id(p.heading) for p in pairs if p.heading}
    lines = [h.line for h in headings]  # in document order, so ascending
    highs = _lowest_line_from(pairs)
    low = 0  # the lowest a slot starts: after every heading paired above, renames included
    for position, item in enumerate(pairs):
        above = pairs[position - 1].heading if position else None
        if above:
            low = max(low, above.line)
        if item.heading or item.how in NO_CLAIM:
            continue
        first, last = bisect_right(lines, low), bisect_left(lines, highs[position])
        slot = [
            h
            for h in headings[first:last]
            if id(h) not in taken and depth.get(id(h)) == item.entry.level
        ]
        best = max(slot, key=lambda h: likeness(item.entry, h), default=None)
        same_number = bool(
            best
            and best.number
            and item.entry.number
            and best.number.values == item.entry.number.values
        )
        if best and (likeness(item.entry, best) >= threshold or same_number):
            item.heading, item.how = best, "renamed"
            taken.add(id(best))


def _lowest_line_from(pairs: list[Pair]) -> list[int]:
    """For each position, the first line of the headings paired at it or below (a large
    number when none is): where the slot of an unpaired entry there ends."""
    lowest, highs = 10**9, []
    for item in reversed(pairs):
        if item.heading:
            lowest = min(lowest, item.heading.line)
        highs.append(lowest)
    return highs[::-1]


def depths(headings: list[Heading], pairs: list[Pair]) -> dict[int, int]:
    """Each heading's depth counted from the highest level the TOC lists (1 = its top)."""
    paired = [p.heading for p in pairs if p.heading]
    top = min((h.level for h in paired), default=1)
    result = {}
    for heading in headings:
        if heading.level >= top:
            ancestors, parent = 0, heading.parent
            while parent is not None:
                ancestors += parent.level >= top
                parent = parent.parent
            result[id(heading)] = ancestors + 1
    return result


def toc_parent(pairs: list[Pair], position: int) -> Pair | None:
    level = pairs[position].entry.level
    return next((p for p in reversed(pairs[:position]) if p.entry.level < level), None)


def is_ancestor(candidate: Heading, heading: Heading) -> bool:
    parent = heading.parent
    while parent is not None:
        if parent is candidate:
            return True
        parent = parent.parent
    return False


@dataclass
class Analysis:
    """A TOC paired with the body: what `toc-matches-body` judges and `--outline` shows."""

    toc: Toc
    headings: list[Heading]
    """The body's headings outside the TOC."""
    required: list[Heading]
    """The headings an entry may be required for (after the TOC, less the title)."""
    pairs: list[Pair]
    depth: dict[int, int]


def analyse(document: Document, anchors: Anchors, similarity: float) -> Analysis | None:
    """Pair the document's TOC with its headings, renames included; None without a TOC to
    check (none, or one a directive builds)."""
    toc = document.toc
    if toc is None or toc.generated or not toc.entries:
        return None
    # Entries may name any heading (doctoc lists the title above the TOC); only the
    # headings after the TOC need an entry.
    headings = [h for h in document.headings if not toc.line <= h.line <= toc.end_line]
    required = listable(document, toc)
    pairs = pair(toc.entries, headings, anchors, required)
    depth = depths(headings, pairs)
    find_renames(pairs, headings, depth, similarity)
    return Analysis(toc, headings, required, pairs, depth)


HOW = {"link": "by its link", "text": "by its text", "renamed": "renamed?"}


def describe(analysis: Analysis) -> tuple[list[str], list[dict[str, object]]]:
    """Each entry with the heading it was paired with (line → line) or why none."""
    lines, data = [], []
    for item in analysis.pairs:
        entry, heading = item.entry, item.heading
        status = _status(item)
        where = f"L{heading.line} `{shorten(heading.text, 40)}`" if heading else _why_none(item)
        indent = "  " * (entry.level - 1)
        how = f" ({HOW[item.how]})" if heading and item.how in HOW else ""
        flag = "" if status in ("paired", "external", "anchor") else f"  [{status}]"
        lines.append(f"L{entry.line:<5} {indent}{shorten(entry.text, 40)}  -> {where}{how}{flag}")
        data.append(
            {
                "line": entry.line,
                "text": entry.text,
                "level": entry.level,
                "heading_line": heading.line if heading else None,
                "how": item.how or None,
                "status": status,
            }
        )
    return lines, data


def _status(item: Pair) -> str:
    if item.how in NO_CLAIM:
        return item.how
    if item.heading is None:
        return "missing"
    if item.how == "renamed":
        return "renamed"
    return "paired" if item.in_order else "out of order"


def _why_none(item: Pair) -> str:
    if item.how == "external":
        return "another file (no claim about this body)"
    if item.how == "anchor":
        return f"the anchor `#{item.entry.target}` (no heading)"
    if item.entry.target:
        return f"no heading in the body (`#{item.entry.target}` reaches none)"
    return "no heading in the body"
