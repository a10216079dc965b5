"""required-pattern: text that must appear (a date line, a signature, a licence notice)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types import pattern
from pytest_doclint.rule_types._base import Check
from pytest_doclint.rule_types._base import Instance
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.scope import scope_level
from pytest_doclint.scope import units
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options(pattern.Options):
    """`patterns` are required here: each must appear at least once in the scope."""


def make(rule: Instance) -> Check:
    matchers = pattern.matchers_for(rule)

    def check(document: Document, run: Run) -> Iterator[Finding]:
        parts = units(document, rule.scope)
        line = parts[0].line if parts else 1
        for matcher in matchers:
            if next(run.hits(matcher, parts), None) is None and not run.gave_up(matcher):
                yield rule.say(
                    "missing",
                    line,
                    1,
                    pattern=shorten(matcher.source),
                    match=shorten(matcher.source),
                    scope=_scope_name(rule.scope),
                )

    return check


def _scope_name(scope: tuple[str, ...]) -> str:
    names = {"all": "document", "toc": "TOC"}
    return " or ".join(
        names.get(s, f"level-{scope_level(s)} headings" if scope_level(s) else s) for s in scope
    )


RULE_TYPE = RuleType(
    name="required-pattern",
    summary="Text that must appear at least once",
    options=Options,
    make=make,
    messages={
        "missing": (
            "Required text `{pattern}` does not appear in the {scope}",
            "add `{pattern}` to the {scope}",
        )
    },
    placeholders=("pattern", "match", "scope"),
)
