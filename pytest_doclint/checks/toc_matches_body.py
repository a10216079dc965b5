"""toc-matches-body: the table of contents promises exactly the sections the body has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import ClassVar

from pytest_doclint.checks._toc_fix import rename_edits
from pytest_doclint.checks._toc_fix import reorder_edit
from pytest_doclint.checks._toc_fix import toc_edit
from pytest_doclint.checks._toc_pairing import NO_CLAIM
from pytest_doclint.checks._toc_pairing import Analysis
from pytest_doclint.checks._toc_pairing import Anchors
from pytest_doclint.checks._toc_pairing import Pair
from pytest_doclint.checks._toc_pairing import analyse
from pytest_doclint.checks._toc_pairing import describe
from pytest_doclint.checks._toc_pairing import is_ancestor
from pytest_doclint.checks._toc_pairing import same_heading
from pytest_doclint.checks._toc_pairing import same_words
from pytest_doclint.checks._toc_pairing import toc_parent
from pytest_doclint.core import Explanation
from pytest_doclint.core import rule
from pytest_doclint.findings import Edit
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import TocEntry
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options:
    MOVED: ClassVar[dict[str, str]] = {
        "check_links": "moved to the rule `link-fragments`, which is on by default for Markdown "
        "and reST; remove it, and set `link-fragments: off` to stop checking links outside "
        "the TOC",
    }
    """Options that no longer exist here: config naming one fails with where it went."""

    check_unlisted: bool = field(
        default=True,
        metadata={
            "help": "Report body headings the TOC leaves out, down to the depth the "
            "TOC lists (a subsection is required only where the TOC lists that depth)"
        },
    )
    ignore_case: bool = field(
        default=True,
        metadata={
            "help": "Match the `#fragments` of TOC entries to anchors without regard to "
            "case, as GitHub and remark-validate-links do"
        },
    )
    ignored_pattern: str = field(
        default="",
        metadata={
            "help": "A regular expression for TOC entry `#fragments` to accept without "
            "a heading (markdownlint MD051 `ignored_pattern`), e.g. `^figure-`",
            "regex": True,
        },
    )
    min_level: int = field(
        default=1,
        metadata={"help": "Headings above this level (`#` is 1) need no TOC entry"},
    )
    max_level: int = field(
        default=6,
        metadata={"help": "Headings below this level need no TOC entry"},
    )
    similarity: float = field(
        default=0.5,
        metadata={
            "help": "How alike (0-1) an entry and a heading must be to suggest "
            "the heading as a rename"
        },
    )


def explain(document: Document, options: Options) -> Explanation | None:
    """Each TOC entry with the heading it was paired with, or why none."""
    anchors = Anchors(document, options.ignore_case, options.ignored_pattern)
    analysis = analyse(document, anchors, options.similarity)
    if analysis is None:
        said = "made by a directive, not checked" if document.toc else "the document has none"
        return Explanation("TOC entries", [said], {"entries": []}, about="toc")
    lines, data = describe(analysis)
    return Explanation("TOC entries", lines, {"entries": data}, about="toc")


@rule(
    "toc-matches-body",
    "The table of contents matches the body's headings",
    options=Options,
    explain=explain,
)
def toc_matches_body(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Compares the table of contents with the headings of the body. Every TOC entry must reach
    a heading — through its link target where it has one, otherwise through its text — in the
    same order and nested the same way; a linked entry's text must agree with its heading;
    every body heading after the TOC must be listed, down to the depth the TOC lists (a TOC
    that doctoc, markdown-toc or verb wrote lists every heading that deep; a hand-made one
    may list some sections' parts and not others). A section's own contents list (a Markdown
    list of `#fragment` links below the TOC) must link to headings that exist. A
    renamed heading is reported with the closest candidate ("did you mean …?"); a part missing
    with all its subsections is reported once, at its TOC line, with the subsections named.
    Links outside the TOC are checked by `link-fragments`.

    Text matching ignores white space, case and full-width forms (`（一）` = `(一)`), and
    accepts an entry that is the beginning of its heading followed by a separator: the entry
    `(一)系统性重塑` matches the heading `(一)系统性重塑,治理体系的“四梁八柱”更加稳固`.
    Link targets follow GitHub's slugs; explicit anchors (`<a name>`, `{#id}`, reST targets)
    count. A TOC generated by the format (reST `.. contents::`) is not checked.

    ## Why is this bad?
    Readers trust the TOC. An entry without a section sends them looking for text that was
    lost; a section missing from the TOC is one they will not find.

    ## Example
    ```text
    一、总体要求
    二、主要任务
    三、保障措施
    一、总体要求
    ……
    二、主要任务
    ……
    ```

    Use instead: restore `三、保障措施` in the body, or remove it from the TOC.
    """
    anchors = Anchors(document, options.ignore_case, options.ignored_pattern)
    analysis = analyse(document, anchors, options.similarity)
    if analysis is not None:
        found = list(
            _entry_findings(analysis.pairs, anchors, analysis.headings, options.similarity)
        )
        if options.check_unlisted:
            found += _unlisted(analysis, options)
        if found:
            whole = toc_edit(document, analysis) or reorder_edit(document, analysis)
            found = _with_fix(found, whole, rename_edits(document, analysis))
        yield from found
    yield from _local_entries(document, anchors)


def _with_fix(
    findings: list[Finding], edit: Edit | None, renames: dict[int, Edit]
) -> list[Finding]:
    """The TOC's findings, the first carrying the edit that repairs the whole TOC, or each
    renamed entry's finding the edit of its line."""
    if edit is not None:
        return [replace(findings[0], fixes=(edit,)), *findings[1:]]
    return [replace(f, fixes=(renames[f.line],)) if f.line in renames else f for f in findings]


def _entry_findings(
    pairs: list[Pair], anchors: Anchors, headings: list[Heading], threshold: float
) -> Iterator[Finding]:
    part: TocEntry | None = None
    listed = {id(p.heading) for p in pairs if p.heading}
    previous: Heading | None = None  # the heading of the last entry above that has one
    for position, item in enumerate(pairs):
        entry, heading = item.entry, item.heading
        if position and pairs[position - 1].heading:
            previous = pairs[position - 1].heading
        if part and entry.level > part.level:
            continue  # named in its part's finding
        part = None
        if item.how in NO_CLAIM:
            continue
        if heading is None:
            children = _children(pairs, position)
            if children and all(c.heading is None and c.how not in NO_CLAIM for c in children):
                part = entry
                yield _missing_part(entry, children, previous)
            else:
                yield _missing(entry, anchors, headings, previous)
        elif item.how == "renamed":
            yield _finding(
                entry,
                f"TOC entry `{shorten(entry.text)}` does not match the heading "
                f"on line {heading.line}",
                f"did you mean `{shorten(heading.text)}`? make the entry and the heading agree",
            )
        elif not item.in_order:
            yield _finding(
                entry,
                f"TOC entry `{shorten(entry.text)}` is out of order: {_misplaced(pairs, position)}",
                "list the entries in the order of the body",
            )
        elif entry.target and not _reaches(entry, heading, anchors):
            yield _link_finding(entry, heading, anchors)
        elif item.how == "link" and not same_words(entry, heading):
            yield _finding(
                entry,
                f"TOC entry `{shorten(entry.text)}` links to the heading "
                f"`{shorten(heading.text)}` (line {heading.line}) but names it "
                "differently",
                "make the entry and the heading agree",
            )
        else:
            yield from _nesting(pairs, position, listed)


def _reaches(entry: TocEntry, heading: Heading, anchors: Anchors) -> bool:
    """The entry's link lands on its heading, or on an explicit anchor no other heading owns
    (a slug collision sends `#yup` to the title `Yup`, not to the API heading `yup`)."""
    owner = anchors.heading(entry.target or "")
    return owner is heading or (owner is None and anchors.exists(entry.target or ""))


def _link_finding(entry: TocEntry, heading: Heading, anchors: Anchors) -> Finding:
    owner = anchors.heading(entry.target or "")
    where = f"the anchor of the heading on line {owner.line}" if owner else "which no heading has"
    return _finding(
        entry,
        f"TOC entry `{shorten(entry.text)}` links to `#{entry.target}`, "
        f"{where}, not to its heading on line {heading.line}",
        f"link the entry to `#{heading.anchor}`",
    )


def _nesting(pairs: list[Pair], position: int, listed: set[int]) -> Iterator[Finding]:
    """The entry's TOC parent must pair with an ancestor of the entry's heading (``listed``:
    the ids of the headings the TOC pairs with)."""
    item, parent = pairs[position], toc_parent(pairs, position)
    heading = item.heading
    assert heading is not None
    if parent is None or parent.heading is None:
        ancestor = heading.parent
        while ancestor is not None and id(ancestor) not in listed:
            ancestor = ancestor.parent
        if parent is None and ancestor is not None:
            yield _finding(
                item.entry,
                f"TOC entry `{shorten(item.entry.text)}` is at the top "
                f"of the TOC, but its heading on line {heading.line} belongs to "
                f"`{shorten(ancestor.text, 24)}` (line {ancestor.line})",
                "indent the entry under its section's entry",
            )
    elif not is_ancestor(parent.heading, heading):
        yield _finding(
            item.entry,
            f"TOC entry `{shorten(item.entry.text)}` is listed under "
            f"`{shorten(parent.entry.text, 24)}`, but its heading on line "
            f"{heading.line} is not in that section",
            "move or indent the entry to match the body's sections",
        )


def _misplaced(pairs: list[Pair], position: int) -> str:
    """Where the body puts the heading of an out-of-order entry, against its TOC neighbours."""
    heading = pairs[position].heading
    assert heading is not None
    placed = [p for p in pairs if p.heading and p.in_order and p.how != "renamed"]
    above = [p for p in placed if p.entry.line < pairs[position].entry.line]
    if above and above[-1].heading and above[-1].heading.line > heading.line:
        return (
            f"its heading on line {heading.line} comes before that of "
            f"`{shorten(above[-1].entry.text, 24)}` (line {above[-1].heading.line})"
        )
    below = next((p for p in placed if p.entry.line > pairs[position].entry.line), None)
    if below is None or below.heading is None:
        return f"its heading is on line {heading.line}"
    return (
        f"its heading on line {heading.line} comes after that of "
        f"`{shorten(below.entry.text, 24)}` (line {below.heading.line})"
    )


def _children(pairs: list[Pair], position: int) -> list[Pair]:
    level = pairs[position].entry.level
    end = position + 1
    while end < len(pairs) and pairs[end].entry.level > level:
        end += 1
    return pairs[position + 1 : end]


def _missing(
    entry: TocEntry, anchors: Anchors, headings: list[Heading], previous: Heading | None
) -> Finding:
    if entry.target and not any(same_heading(entry, h) for h in headings):
        closest = anchors.closest(entry.target)
        hint = f"did you mean `#{closest}`?" if closest else _where(previous)
        return _finding(
            entry,
            f"TOC entry `{shorten(entry.text)}` links to `#{entry.target}`, which no heading has",
            hint,
        )
    return _finding(
        entry,
        f"TOC entry `{shorten(entry.text)}` has no heading in the body",
        _where(previous),
    )


def _missing_part(entry: TocEntry, children: list[Pair], previous: Heading | None) -> Finding:
    names = "; ".join(f"`{shorten(c.entry.text, 24)}` (line {c.entry.line})" for c in children)
    return _finding(
        entry,
        f"TOC entry `{shorten(entry.text)}` has no section in the body, nor have its "
        f"{len(children)} subsections: {names}",
        _where(previous),
    )


def _where(previous: Heading | None) -> str:
    """Where the missing section belongs: after ``previous``, the heading the last entry
    above it pairs with."""
    if previous is None:
        return "restore the section in the body, or remove the entry from the TOC"
    return (
        f"the body has nothing for it after `{shorten(previous.text, 24)}` (line "
        f"{previous.line}); restore the section, or remove the entry from the TOC"
    )


def _finding(entry: TocEntry, message: str, hint: str) -> Finding:
    return Finding(entry.line, entry.column, message, hint=hint, length=len(entry.text))


def _unlisted(analysis: Analysis, options: Options) -> Iterator[Finding]:
    """Headings no entry names where the TOC's own choices say it should.

    How deep a TOC goes is its choice, as long as it is consistent. A heading needs an entry
    when the TOC lists one of its siblings (the TOC chose to list that section's parts), or
    when it is numbered at a level and depth the TOC lists elsewhere (`8.1` when `1.1` and
    `2.1` are listed: numbering makes the outline regular). A TOC a tool wrote (doctoc,
    markdown-toc) lists every heading down to its depth, so there any heading that deep does.
    """
    pairs, depth = analysis.pairs, analysis.depth
    exhaustive = bool(analysis.toc.written_by)
    listed = {id(p.heading) for p in pairs if p.heading}
    numbered_levels = {p.heading.level for p in pairs if p.heading and p.heading.number}
    deepest = max(
        (depth[id(p.heading)] for p in pairs if p.heading and id(p.heading) in depth), default=0
    )
    parents_listed = {id(p.heading.parent) for p in pairs if p.heading}
    for heading in analysis.required:
        if id(heading) in listed or not options.min_level <= heading.level <= options.max_level:
            continue
        if id(heading) not in depth or depth[id(heading)] > deepest:
            continue
        regular = heading.number is not None and heading.level in numbered_levels
        if id(heading.parent) not in parents_listed and not regular and not exhaustive:
            continue
        entry = next(
            (p.entry for p in reversed(pairs) if p.heading and p.heading.line < heading.line), None
        )
        after = f"after `{shorten(entry.text, 24)}` (TOC line {entry.line})" if entry else "first"
        yield Finding(
            heading.line,
            heading.column,
            f"Heading `{shorten(heading.text)}` is not listed in the TOC",
            hint=f"add it to the TOC {after}, or remove the heading",
            length=len(heading.text),
        )


def _local_entries(document: Document, anchors: Anchors) -> Iterator[Finding]:
    """A chapter's own contents list promises its sections as the TOC does: each `#fragment`
    it links must reach a heading."""
    for toc in document.other_tocs:
        if toc.kind != "local":
            continue
        for entry in toc.entries:
            if entry.target and not anchors.exists(entry.target):
                closest = anchors.closest(entry.target)
                yield _finding(
                    entry,
                    f"Entry `{shorten(entry.text)}` of the contents list at "
                    f"line {toc.line} links to `#{entry.target}`, which no heading "
                    "has",
                    f"did you mean `#{closest}`?"
                    if closest
                    else "link the entry to its section's heading",
                )
