"""Inline suppression: comments that switch rules off for a line, a range or a file.

Markdown and reST documents may carry `doclint-disable`, `doclint-enable`,
`doclint-disable-next-line` and `doclint-disable-file` comments, each naming rule ids (none
means all rules) and optionally a reason after `--`. A suppression that suppresses nothing is
itself reported, by the rule `unused-suppression` when it is on, so stale comments do not
pile up; which rules' findings judge it is the engine's to decide (``engine.lint``).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator

from pytest_doclint.checks.unused_suppression import RULE_ID as UNUSED
from pytest_doclint.findings import Finding
from pytest_doclint.model import Directive
from pytest_doclint.model import Document


def _covers(directive: Directive, rule: str) -> bool:
    return not directive.rules or rule in directive.rules


def apply(findings: Iterable[Finding], document: Document) -> tuple[list[Finding], set[Directive]]:
    """``findings`` less those the document's suppressions switch off, and the suppressions
    that switched one off."""
    directives = document.directives
    if not directives:
        return list(findings), set()
    next_lines = {d: _next_content_line(document, d.line) for d in directives}
    used: set[Directive] = set()
    kept = []
    for finding in findings:
        suppressor = _suppressor(finding, directives, next_lines)
        if suppressor is None:
            kept.append(finding)
        else:
            used.add(suppressor)
    return kept, used


def named_rules(directives: Iterable[Directive]) -> set[str] | None:
    """The rules the suppressions among ``directives`` name; None when one names every rule."""
    named: set[str] = set()
    for directive in directives:
        if directive.action == "enable":
            continue  # it ends a range: it suppresses nothing itself
        if not directive.rules:
            return None
        named |= directive.rules
    return named


def _next_content_line(document: Document, line: int) -> int:
    """The line `disable-next-line` means: the next one with text (reST wants a blank line
    after a comment)."""
    following = line + 1
    while following <= len(document.lines) and not document.line_text(following).strip():
        following += 1
    return following


def _suppressor(finding: Finding, directives: list[Directive],
                next_lines: dict[Directive, int]) -> Directive | None:  # fmt: skip
    """The directive that switches ``finding``'s rule off at its line, if any."""
    active: dict[str, Directive | None] = {}
    for directive in directives:
        if not _covers(directive, finding.rule):
            continue
        if directive.action == "disable-file":
            return directive
        if directive.action == "disable-next-line" and next_lines[directive] == finding.line:
            return directive
        if directive.line < finding.line and directive.action in ("disable", "enable"):
            active[finding.rule] = directive if directive.action == "disable" else None
    return active.get(finding.rule)


def unused(document: Document, used: set[Directive], known: Iterable[str],
           severity: str) -> Iterator[Finding]:  # fmt: skip
    """An `unused-suppression` finding at ``severity`` for each of the document's
    suppressions that is not ``used``, or that names a rule not among ``known``."""
    known = set(known)
    for directive in document.directives:
        if directive.action == "enable":
            continue
        unknown = sorted(directive.rules - known)
        if unknown:
            message = f"Suppression names unknown rule `{unknown[0]}`"
        elif directive not in used:
            names = ", ".join(f"`{r}`" for r in sorted(directive.rules)) or "all rules"
            message = f"Suppression of {names} suppresses nothing"
        else:
            continue
        yield Finding(directive.line, 1, message, hint="remove the comment, or correct the rule id",
                      rule=UNUSED, severity=severity)  # fmt: skip
