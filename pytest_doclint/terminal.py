"""How `doclint` writes to a terminal: colour when the output is one, and a summary that
says what to do next.

Colour follows https://no-color.org: ``--color=always|never`` decides; with ``auto`` (the
default) a non-empty ``NO_COLOR`` turns it off, a non-empty ``FORCE_COLOR`` on (the common
convention of CI services whose logs show colour), and otherwise it is on for a terminal
only, so a file or a pipe gets plain text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TextIO

from pytest_doclint import reports
from pytest_doclint.findings import Paint
from pytest_doclint.findings import plain
from pytest_doclint.i18n import _
from pytest_doclint.i18n import ngettext
from pytest_doclint.report_model import DocumentReport

COLOR_CHOICES = ("auto", "always", "never")

MARKUP: dict[str, tuple[str, ...]] = {
    "location": ("bold",),
    "error": ("red", "bold"),
    "warning": ("yellow", "bold"),
    "gutter": ("blue", "bold"),
    "hint": ("cyan",),
    "count": ("bold",),
}
"""Each part of the output as pytest's TerminalWriter markup names, so both front ends agree."""

_SGR = {"bold": 1, "red": 31, "green": 32, "yellow": 33, "blue": 34, "cyan": 36}


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour ``stream``: ``--color`` first, then NO_COLOR, FORCE_COLOR, a tty."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and environ.get("TERM") != "dumb"


def ansi(text: str, role: str) -> str:
    """``text`` in the ANSI colours of its ``role``."""
    codes = ";".join(str(_SGR[name]) for name in MARKUP[role])
    return f"\x1b[{codes}m{text}\x1b[0m"


def painter(color: bool) -> Paint:
    return ansi if color else plain


def summary(documents: list[DocumentReport], paint: Paint = plain) -> str:
    """One line: how many findings in how many documents, per rule, and what to do next."""
    counts = reports.stats(documents)
    if not counts.findings and not counts.fixed:
        return reports.summary_lines(documents)[0]
    parts = [_headline(documents, paint) if counts.findings else counts.checked]
    if counts.known:
        parts.append(_("{count} known from the baseline").format(count=counts.known))
    if counts.fixed:
        parts.append(_("{count} in the baseline but fixed").format(count=counts.fixed))
    parts += _next_steps(documents, counts.fixed)
    return "; ".join(parts)


def _headline(documents: list[DocumentReport], paint: Paint) -> str:
    """`5 findings in 1 of 2 documents — toc-matches-body ×3, heading-numbering ×1`."""
    findings = [f for d in documents for f in d.findings]
    severity = {f.rule: f.severity for f in findings if f.severity == "error"}
    per_rule = Counter(f.rule for f in findings).most_common()
    rules = ", ".join(
        _("{rule} ×{count}").format(
            rule=paint(rule, severity.get(rule, "warning")), count=paint(str(n), "count")
        )  # fmt: skip
        for rule, n in per_rule
    )
    found = ngettext("{count} finding", "{count} findings", len(findings))
    total = ngettext("{count} document", "{count} documents", len(documents))
    return _("{findings} in {failed} of {documents} — {rules}").format(
        findings=found.format(count=paint(str(len(findings)), "count")),
        failed=paint(str(sum(1 for d in documents if d.failed)), "count"),
        documents=total.format(count=len(documents)),
        rules=rules,
    )


def _next_steps(documents: list[DocumentReport], fixed: int) -> list[str]:
    """Fix or record the new findings, record the fixes of known ones; known findings alone
    need nothing now."""
    if any(d.new_findings for d in documents):
        step = _("fix them, or record them with --baseline FILE --update-baseline")
    elif fixed:
        step = _("record the fixes with --baseline FILE --update-baseline")
    else:
        return []
    return [step, _("`doclint --outline PATH` shows how a document was read")]
