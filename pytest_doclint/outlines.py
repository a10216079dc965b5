"""Matching headings against a required outline: the one matcher behind both the built-in
`required-headings` rule and the `heading-order` rule type.

An outline is a list of entries: heading texts, `*` for any number of headings, `+` for at
least one, `?` for exactly one. :func:`align` finds the cheapest reading of the headings as
the outline (fewest problems, then the most entries matched by name), as a list of steps;
each rule decides how to report the problems among them.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import TypeVar

ANY, SOME, ONE = "*", "+", "?"
Item = TypeVar("Item")
Step = tuple[str, int, int]
"""(`match`, `any`, `skip`, `rename`, `extra` or `missing`; item index, entry index)."""
PROBLEMS = ("rename", "extra", "missing")


def expand(outline: Sequence[str]) -> list[str]:
    """The outline with `+` written as `?` then `*`, the two things it means."""
    expanded: list[str] = []
    for entry in outline:
        expanded += [ONE, ANY] if entry.strip() == SOME else [entry.strip()]
    return expanded


def align(
    outline: list[str],
    items: Sequence[Item],
    fits: Callable[[str, Item], bool],
    similar: Callable[[str, Item], bool] = lambda entry, item: False,
) -> list[Step]:
    """The cheapest way to read ``items`` as the (expanded) ``outline``. ``fits`` says
    whether an entry names an item; ``similar`` whether an item that does not fit is the
    entry renamed (one problem) rather than an extra item and a missing entry (two)."""
    n, m = len(items), len(outline)
    best: dict[tuple[int, int], tuple[tuple[int, int], str, tuple[int, int]]] = {}
    best[(n, m)] = ((0, 0), "", (n, m))

    def move(problems: int, named: int, op: str, to: tuple[int, int]) -> tuple:
        (cost, matched), _, _ = best[to]
        return (cost + problems, matched - named), op, to

    def moves(i: int, j: int) -> Iterator[tuple]:
        """The ways on from item ``i`` and entry ``j``, in order of preference on a tie."""
        entry = outline[j] if j < m else None
        if entry == ANY:
            yield move(0, 0, "skip", (i, j + 1))
            if i < n:
                yield move(0, 0, "any", (i + 1, j))
            return
        if entry is not None:
            if i < n and (entry == ONE or fits(entry, items[i])):
                yield move(0, int(entry != ONE), "match", (i + 1, j + 1))
            elif i < n and similar(entry, items[i]):
                yield move(1, 0, "rename", (i + 1, j + 1))
            yield move(1, 0, "missing", (i, j + 1))
        if i < n:
            yield move(1, 0, "extra", (i + 1, j))

    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i, j) != (n, m):
                best[(i, j)] = min(moves(i, j), key=lambda option: option[0])
    steps, at = [], (0, 0)
    while at != (n, m):
        _, op, following = best[at]
        steps.append((op, *at))
        at = following
    return steps


def next_named(outline: list[str], j: int) -> str:
    """The next entry an item must be named, from entry ``j`` on ("" when none is)."""
    return next((e for e in outline[j:] if e not in (ANY, ONE)), "")
