"""paired-punctuation: “” ‘’ 《》 （） 【】 open and close within each paragraph or heading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.core import rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.scope import Unit
from pytest_doclint.scope import locate
from pytest_doclint.scope import units

SCOPE = ("title", "headings", "body")
ENUMERATOR = re.compile(r"(?:^|(?<=[\s；;。：:，,]))[0-9A-Za-z一二三四五六七八九十]{1,3}[）)]")
"""`1）` and `a）` number list items with a closer alone: it is not stray."""


@dataclass(frozen=True)
class Options:
    pairs: list[str] = field(
        default_factory=lambda: ["“”", "‘’", "《》", "（）", "【】"],
        metadata={
            "help": "The marks to balance, each an opening and a closing mark written "
            "together (`「」` for corner brackets)",
        },
    )

    def __post_init__(self) -> None:
        for pair in self.pairs:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ConfigError(
                    f"paired-punctuation: `{pair}` in `pairs` is not an "
                    "opening and a closing mark (write them together: `“”`)"
                )


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    message: str
    hint: str


@rule(
    "paired-punctuation",
    "Quotation marks and brackets are closed in the paragraph that opens them",
    options=Options,
)
def paired_punctuation(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Checks that each opening `“` `‘` `《` `（` `【` is closed, and each closing mark opened,
    within its title, heading, or paragraph (a list, quote or table counts as one). Each
    kind of mark is balanced on its own, so `“……（……”……）` is not reported. A closing `’`
    next to a Latin letter or digit is an apostrophe (`don’t`, `’90s`), and a `）` after an
    item number (`1）`, `a）`) marks a list item. One finding per line: the first problem,
    with the count of the others.

    ## Why is this bad?
    An unclosed `“` or `《` leaves the reader unsure where a quotation or a title ends; it
    usually means text was cut, or a mark was typed half-width (`"`) on one side only.

    ## Example
    ```text
    深入开展“XX十干·善作善成主题实践活动。
    ```

    Use instead:
    ```text
    深入开展“XX十干·善作善成”主题实践活动。
    ```
    """
    closers = {pair[1]: pair[0] for pair in options.pairs}
    openers = {pair[0]: pair[1] for pair in options.pairs}
    for unit in units(document, SCOPE):
        problems = list(_problems(document, unit, openers, closers))
        by_line: dict[int, list[Problem]] = {}
        for problem in problems:
            by_line.setdefault(problem.line, []).append(problem)
        for line, found in sorted(by_line.items()):
            first = min(found, key=lambda p: p.column)
            more = f" ({len(found)} unbalanced marks on this line)" if len(found) > 1 else ""
            yield Finding(line, first.column, first.message + more, hint=first.hint)


def _problems(
    document: Document, unit: Unit, openers: dict[str, str], closers: dict[str, str]
) -> Iterator[Problem]:
    where = "this " + ("paragraph" if unit.kind not in ("title", "heading") else unit.kind)
    stacks: dict[str, list[tuple[int, str, int]]] = {o: [] for o in openers}
    for line, text in unit.lines:
        enumerators = {m.end() - 1 for m in ENUMERATOR.finditer(text)}
        for index, char in enumerate(text):
            if char in openers:
                stacks[char].append((line, text, index))
            elif char in closers:
                opener = closers[char]
                if stacks[opener]:
                    stacks[opener].pop()
                elif not (index in enumerators or _apostrophe(char, text, index)):
                    yield Problem(
                        line,
                        locate(document, line, text, index, char),
                        f"Closing `{char}` has no opening `{opener}` in {where}",
                        f"add the opening `{opener}` where it belongs, or remove the `{char}`",
                    )
    for opener, stack in stacks.items():
        for line, text, index in stack:
            yield Problem(
                line,
                locate(document, line, text, index, opener),
                f"Opening `{opener}` is not closed in {where}",
                f"add the closing `{openers[opener]}` where it belongs, or remove the `{opener}`",
            )


def _apostrophe(char: str, text: str, index: int) -> bool:
    """A `’` touching a Latin letter or digit elides letters: `don’t`, `students’`, `’90s`."""
    if char != "’":
        return False
    near = text[index - 1 : index] + text[index + 1 : index + 2]
    return any(c.isascii() and c.isalnum() for c in near)
