"""Read, parse and lint one document: the engine both front ends share. No pytest here.

The bytes are decoded by :mod:`pytest_doclint.encoding`, parsed once into the document model
and handed to every enabled rule; suppression comments and fingerprints are applied to what
the rules find. Two rules' findings are made here, as no check function can see what they
are about: `unreadable-document` (there is no document to hand a check) and
`unused-suppression` (it needs the other rules' findings). Nothing here writes to a document.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pytest_doclint import encoding
from pytest_doclint import fingerprints
from pytest_doclint import suppression
from pytest_doclint.checks.unreadable_document import RULE_ID as UNREADABLE
from pytest_doclint.checks.unused_suppression import RULE_ID as UNUSED
from pytest_doclint.config import RuleSetting
from pytest_doclint.config import Settings
from pytest_doclint.encoding import UnreadableDocument
from pytest_doclint.findings import Finding
from pytest_doclint.model import Directive
from pytest_doclint.model import Document
from pytest_doclint.parsers import format_for
from pytest_doclint.parsers import parse
from pytest_doclint.report_model import DocumentReport


def read(path: Path, shown_as: str, settings: Settings) -> Document:
    """Read and parse ``path`` once; ``shown_as`` is the path messages print.

    Raises :class:`UnreadableDocument` or :class:`OSError` when there is no text to lint.
    """
    return parse_bytes(encoding.read_bytes(path), path, shown_as, settings)


def parse_bytes(data: bytes, path: Path, shown_as: str, settings: Settings) -> Document:
    """The document whose bytes are ``data``; its format comes from ``path``'s suffix."""
    source, name = encoding.decode(data, settings.encoding)
    format_name = format_for(path.name, settings.parse.formats) or "text"
    document = parse(shown_as, source, format_name, settings.parse)
    document.encoding = name
    return document


def unreadable(error: Exception, path: str, settings: Settings) -> Finding:
    """The one finding of a document that cannot be read (either front end reports it)."""
    severity = settings.rules[UNREADABLE].severity
    if isinstance(error, UnreadableDocument):
        finding = Finding(error.line, error.column, f"The document cannot be read: {error}",
                          hint=error.hint, rule=UNREADABLE, severity=severity)  # fmt: skip
    else:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        finding = Finding(1, 1, f"The document cannot be read: {reason}",
                          hint="restore the file, or make it readable", rule=UNREADABLE,
                          severity=severity)  # fmt: skip
    return fingerprints.assign([finding], path, [])[0]


def lint(document: Document, settings: Settings, only: set[str] | None = None) -> list[Finding]:
    """Findings of every enabled rule (or of the rules in ``only``), in line order, less
    those the document's suppression comments switch off, each with its fingerprint; with
    `unused-suppression` among the rules, the suppressions that switch nothing off."""
    chosen = {rid: s for rid, s in settings.enabled().items() if only is None or rid in only}
    kept, used = suppression.apply(_findings(document, chosen.values()), document)
    if UNUSED in chosen and document.directives:
        kept += _unused_suppressions(document, settings, chosen, used)
    return fingerprints.assign(kept, document.path, document.lines)


def _findings(document: Document, rules: Iterable[RuleSetting]) -> list[Finding]:
    return [f for s in rules for f in s.rule.run(document, s.options, s.severity)]


def _unused_suppressions(document: Document, settings: Settings, chosen: dict[str, RuleSetting],
                         used: set[Directive]) -> list[Finding]:  # fmt: skip
    """The `unused-suppression` findings. Whether a suppression is used depends on the
    findings of the rules it names, so those not ``chosen`` (an item that runs one rule, a
    `--select`) run here too, for the judgement only."""
    named = suppression.named_rules(document.directives)
    judges = [s for rid, s in settings.enabled().items()
              if rid not in chosen and (named is None or rid in named)]  # fmt: skip
    used = used | suppression.apply(_findings(document, judges), document)[1]
    return list(suppression.unused(document, used, settings.rules, chosen[UNUSED].severity))


def deciding_rules(settings: Settings, rules: set[str]) -> set[str]:
    """The rules whose settings decide what :func:`lint` finds for ``rules``: every enabled
    one once `unused-suppression` is among them, as any rule's findings may use a
    suppression."""
    return rules | set(settings.enabled()) if UNUSED in rules else rules


def report_of(path: str, document: Document | Exception, settings: Settings,
              rules: set[str]) -> DocumentReport:  # fmt: skip
    """What ``rules`` say about the document at ``path``, parsed or failed to read."""
    answers = frozenset(rules)
    if isinstance(document, Exception):
        finding = unreadable(document, path, settings)
        return DocumentReport(path, "unknown", "unknown", (finding,), answers)
    findings = tuple(lint(document, settings, rules))
    return DocumentReport(path, document.format, document.encoding, findings, answers)
