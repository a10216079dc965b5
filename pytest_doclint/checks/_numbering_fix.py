"""The repair of a numbered run that skips or repeats a number, for `heading-numbering`.

The run is renumbered from its start, each number written in its own style and width
(`（一）` stays full-width), only where the numbering is plainly a miscount: every heading
either continues the count, skips ahead or repeats the one before. Where the TOC lists a
skipped number, or the text names it, a section may have been lost: no fix.
"""

from __future__ import annotations

from pytest_doclint.findings import Edit
from pytest_doclint.model import Document
from pytest_doclint.model import Heading

MISCOUNTS = frozenset(("next", "gap", "extra"))
"""The steps (heading_numbering._explain) of a run that a renumbering repairs."""
MAX_SKIPPED = 5
"""More numbers missing than this is no miscount but lost text, or numbers of another kind."""


def renumbering(
    document: Document, run: list[Heading], start: int, steps: list[str]
) -> tuple[Edit, ...]:
    """The edits that number ``run`` from ``start`` on, or none where that is not certain."""
    if not set(steps) <= MISCOUNTS or any(h.number is None for h in run):
        return ()
    skipped = {
        h.number.render((*h.number.values[:-1], value))  # type: ignore[union-attr]
        for h, before in zip(run, [start - 1, *(_value(h) for h in run)], strict=False)
        for value in range(before + 1, _value(h))
    }
    if len(skipped) > MAX_SKIPPED or (skipped and _mentioned(document, skipped, run)):
        return ()
    edits = []
    for position, heading in enumerate(run):
        number = heading.number
        assert number is not None
        wanted = number.render((*number.values[:-1], start + position))
        at = heading.column - 1
        if wanted == number.token:
            continue
        if wanted == "?" or not document.line_text(heading.line)[at:].startswith(number.token):
            return ()
        edits.append(Edit(heading.line, heading.column, heading.line,
                          heading.column + len(number.token), wanted))  # fmt: skip
    return tuple(edits)


def _value(heading: Heading) -> int:
    return heading.number.value if heading.number else 0


def _mentioned(document: Document, tokens: set[str], run: list[Heading]) -> bool:
    """A TOC entry, another heading or the text names one of the skipped ``tokens``."""
    entries = [e.text for toc in (document.toc, *document.other_tocs) if toc for e in toc.entries]
    others = [h.text for h in document.headings if h not in run]
    texts = "\n".join([*entries, *others, *(b.text for b in document.blocks)])
    return any(token in texts for token in tokens)
