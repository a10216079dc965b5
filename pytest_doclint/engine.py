"""Read, parse and lint one document: the engine both front ends share. No pytest here.

The bytes are decoded by :mod:`pytest_doclint.encoding`, parsed once into the document model
and handed to every enabled rule; suppression comments and fingerprints are applied to what
the rules find. Nothing here writes to a document.
"""

from __future__ import annotations

from pathlib import Path

from pytest_doclint import encoding
from pytest_doclint import fingerprints
from pytest_doclint import suppression
from pytest_doclint.config import Settings
from pytest_doclint.encoding import UnreadableDocument
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.parsers import format_for
from pytest_doclint.parsers import parse
from pytest_doclint.report_model import DocumentReport

UNREADABLE = "unreadable-document"
"""Rule id of the finding for a document that cannot be read; no rule module runs it."""


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


def unreadable(error: Exception, path: str) -> Finding:
    """The one finding of a document that cannot be read (either front end reports it)."""
    if isinstance(error, UnreadableDocument):
        finding = Finding(error.line, error.column, f"The document cannot be read: {error}",
                          hint=error.hint, rule=UNREADABLE)  # fmt: skip
    else:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        finding = Finding(1, 1, f"The document cannot be read: {reason}",
                          hint="restore the file, or make it readable", rule=UNREADABLE)  # fmt: skip
    return fingerprints.assign([finding], path, [])[0]


def lint(document: Document, settings: Settings, only: set[str] | None = None) -> list[Finding]:
    """Findings of every enabled rule (or of the rules in ``only``), in line order, less
    those the document's suppression comments switch off, each with its fingerprint."""
    findings: list[Finding] = []
    for rid, setting in settings.enabled().items():
        if only is None or rid in only:
            findings += setting.rule.run(document, setting.options, setting.severity)
    kept = suppression.apply(findings, document, settings.rules, only)
    return fingerprints.assign(kept, document.path, document.lines)


def report_of(path: str, document: Document | Exception, settings: Settings,
              rules: set[str]) -> DocumentReport:  # fmt: skip
    """What ``rules`` say about the document at ``path``, parsed or failed to read."""
    answers = frozenset(rules)
    if isinstance(document, Exception):
        return DocumentReport(path, "unknown", "unknown", (unreadable(document, path),), answers)
    findings = tuple(lint(document, settings, rules))
    return DocumentReport(path, document.format, document.encoding, findings, answers)
