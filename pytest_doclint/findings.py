"""What a rule reports, and how a finding reads to an editor.

``path:line:col: rule-id message``, then the offending line with a caret under the
offending text (CJK counted as two columns), then a hint.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace

from pytest_doclint.i18n import _
from pytest_doclint.textutil import display_width

Paint = Callable[[str, str], str]
"""Colours ``text`` as a ``role`` (`location`, `error`, `warning`, `gutter`, `hint`, `count`):
the front end's choice, plain text when the output is not a terminal (see terminal.py)."""


def plain(text: str, role: str) -> str:
    """No colour."""
    return text


SNIPPET_CONTEXT = 60
"""Display columns of a long line shown on each side of the marked text."""


@dataclass(frozen=True)
class Edit:
    """A safe repair: replace the text from (``line``, ``column``) up to, not including,
    (``end_line``, ``end_column``) with ``text``. Lines and columns are 1-based and count
    characters of the decoded text; ``text`` ends its lines with `\\n`, which the fixer
    writes in the document's own line ending."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem at a place. Rules leave ``rule`` and ``severity`` to the engine."""

    line: int
    column: int
    message: str
    hint: str | None = None
    length: int = 1
    """How many characters the caret underlines."""
    rule: str = ""
    severity: str = "error"
    fingerprint: str = ""
    """Identity across edits elsewhere in the document; the engine sets it (fingerprints.py)."""
    fixes: tuple[Edit, ...] = ()
    """The edits that repair the finding, when the repair is mechanical and certain
    (`doclint --fix` applies them); most findings have none."""

    def attributed(self, rule: str, severity: str) -> Finding:
        return replace(self, rule=rule, severity=severity)

    def as_dict(self) -> dict[str, object]:
        """Every field, as the front ends pass findings on (reports pick what they show)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        fixes = tuple(Edit(**edit) for edit in data.get("fixes", ()))
        return cls(**{**data, "fixes": fixes})

    def concise(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.rule} {self.message}"


def count_of(findings: int) -> str:
    """`1 finding`, `3 findings`."""
    return f"{findings} finding" if findings == 1 else f"{findings} findings"


def sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.line, finding.column, finding.rule)


def headline(finding: Finding, path: str, paint: Paint = plain) -> str:
    """:meth:`Finding.concise`, with the location and the rule id standing out in colour."""
    location = paint(f"{path}:{finding.line}:{finding.column}:", "location")
    return f"{location} {paint(finding.rule, finding.severity)} {finding.message}"


def render(finding: Finding, path: str, quoted: str | None, paint: Paint = plain) -> str:
    """The full form: concise line, snippet of the ``quoted`` source line with a caret, hint."""
    parts = [headline(finding, path, paint)]
    if quoted is not None:
        before, marked, after = _snippet(quoted.expandtabs(4), finding)
        number = paint(f"  {finding.line} |", "gutter")
        gutter = paint(f"  {' ' * len(str(finding.line))} |", "gutter")
        caret = paint("^" * max(display_width(marked), 1), finding.severity)
        parts.append(f"{number} {before}{marked}{after}")
        parts.append(f"{gutter} {' ' * display_width(before)}{caret}")
    if finding.hint:
        parts.append(paint(_("  hint: {hint}").format(hint=finding.hint), "hint"))
    return "\n".join(parts)


def _snippet(text: str, finding: Finding) -> tuple[str, str, str]:
    """The line split around the marked text; a long line keeps only the part near the mark."""
    start = finding.column - 1
    end = start + finding.length
    before, marked, after = text[:start], text[start:end], text[end:]
    if display_width(before) > SNIPPET_CONTEXT:
        before = "…" + before[-SNIPPET_CONTEXT // 2 :]
    if display_width(after) > SNIPPET_CONTEXT:
        after = after[: SNIPPET_CONTEXT // 2] + "…"
    return before, marked, after


def render_all(findings: Iterable[Finding], path: str, lines: list[str],
               paint: Paint = plain) -> str:  # fmt: skip
    """Findings grouped by rule, each group in line order, separated by a blank line."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=sort_key):
        by_rule.setdefault(finding.rule, []).append(finding)
    return "\n\n".join(
        "\n".join(render(f, path, quoted_line(lines, f.line), paint) for f in group)
        for group in by_rule.values()
    )


def quoted_line(lines: list[str], line: int) -> str | None:
    """The 1-based source ``line`` a snippet quotes, or None when there is no such line."""
    return lines[line - 1] if 0 < line <= len(lines) else None


def summary(findings: list[Finding]) -> str:
    """One line that stands alone in pytest's short summary."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    noun = "problem" if len(findings) == 1 else "problems"
    detail = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in counts.items())
    return f"{len(findings)} {noun} to fix before publishing: {detail}"
