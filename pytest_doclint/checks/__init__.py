"""The rule registry: one module per rule, each a check function marked with :func:`rule`.

The marker only attaches a :class:`Rule` to the function (as pluggy's markers do); the
registry finds marked functions by walking this package. A rule's id, summary, options
dataclass and docstring are the single source for config validation and the rules reference.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document

FORMATS = ("text", "markdown", "rest")


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


@dataclass(frozen=True)
class Explanation:
    """What a rule saw in a document, for `doclint --outline`: lines for people, data for
    tools (JSON keys in snake case)."""

    title: str
    lines: list[str]
    data: dict[str, object]
    about: str = "document"
    """The part of the outline it belongs with: `toc` (shown under the TOC), `ending` (shown
    last) or `document`."""


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    check: Callable[[Document, object], Iterable[Finding]]
    options: type = NoOptions
    formats: tuple[str, ...] = FORMATS
    since: str = "0.1.0"
    explain: Callable[[Document, object], Explanation | None] | None = None
    """What the rule read in a document and why it judged as it did (`doclint --outline`)."""

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def run(self, document: Document, options: object, severity: str) -> list[Finding]:
        if document.format not in self.formats:
            return []
        return [f.attributed(self.id, severity) for f in self.check(document, options)]


def rule(
    id: str, summary: str, *, options: type = NoOptions, formats: tuple[str, ...] = FORMATS,
    explain: Callable[[Document, object], Explanation | None] | None = None,
) -> Callable[[Callable], Callable]:
    """Mark a check function as the rule ``id``; ``explain`` tells what it saw."""

    def mark(check: Callable) -> Callable:
        check.__doclint_rule__ = Rule(id, summary, check, options, formats,  # type: ignore[attr-defined]
                                      explain=explain)  # fmt: skip
        return check

    return mark


@cache
def builtin_rules() -> dict[str, Rule]:
    """Every rule defined in this package, by id, in module order."""
    found: dict[str, Rule] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            marked = getattr(value, "__doclint_rule__", None)
            if isinstance(marked, Rule):
                found[marked.id] = marked
    return found
