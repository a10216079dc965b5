"""The rule API below both kinds of rule: what a rule is, the marker that makes a check
function one, and the registry that finds marked functions.

Built-in checks (`pytest_doclint.checks`), YAML rule types (`pytest_doclint.rule_types`) and
plugins' rules all build on this module, and it imports nothing above the document model:
the marker only attaches a :class:`Rule` to the function, as pluggy's markers do, and
:func:`marked_rules` finds them later. A rule's id, summary, options dataclass and docstring
are the single source for config validation, the JSON Schema and the rules reference.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document

FORMATS = ("text", "markdown", "rest")
"""The document formats a rule runs on unless it names fewer."""
MARK = "__doclint_rule__"
"""The attribute :func:`rule` sets on a check function."""


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
class Examples:
    """Texts a rule must leave alone (``valid``) and flag (``invalid``), run as tests."""

    valid: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()
    format: str | None = None
    """None: each example is text of the rule's scope; else a whole document to parse."""

    def __bool__(self) -> bool:
        return bool(self.valid or self.invalid)


Check = Callable[[Document, object], Iterable[Finding]]
Explain = Callable[[Document, Any], Explanation | None]
"""Options differ per rule: the marker cannot know their type."""


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    check: Check
    options: type = NoOptions
    formats: tuple[str, ...] = FORMATS
    since: str = "0.1.0"
    """The version that added the rule, for the rules reference."""
    explain: Explain | None = None
    """What the rule read in a document and why it judged as it did (`doclint --outline`)."""
    examples: Examples = Examples()
    """Examples the rule carries (YAML rule instances do), each run as a test."""
    off_refused: str = ""
    """Why the rule may not be switched off, when it may not (a config setting `off` is
    then a usage error at its line, and the schema leaves `off` out)."""

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def run(self, document: Document, options: object, severity: str) -> list[Finding]:
        if document.format not in self.formats:
            return []
        return [f.attributed(self.id, severity) for f in self.check(document, options)]


def rule(
    id: str,
    summary: str,
    *,
    options: type = NoOptions,
    formats: tuple[str, ...] = FORMATS,
    since: str = "0.1.0",
    explain: Explain | None = None,
    off_refused: str = "",
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Mark a check function as the rule ``id``; ``explain`` tells what it saw."""

    def mark(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        marked = Rule(id, summary, check, options, formats, since, explain, off_refused=off_refused)
        setattr(check, MARK, marked)
        return check

    return mark


def rule_of(value: object) -> Rule | None:
    """The rule ``value`` was marked as, if it is a marked check function."""
    marked = getattr(value, MARK, None)
    return marked if isinstance(marked, Rule) else None


def marked_rules(package: ModuleType) -> dict[str, Rule]:
    """Every rule marked in the modules of ``package``, by id, in module order."""
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            marked = rule_of(value)
            if marked is not None:
                found[marked.id] = marked
    return found
