"""Read, parse and lint one document: the engine both front ends share. No pytest here."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from pytest_doclint.checks import Rule
from pytest_doclint.config import Settings
from pytest_doclint.findings import Finding
from pytest_doclint.findings import sort_key
from pytest_doclint.model import Document
from pytest_doclint.parsers import format_for
from pytest_doclint.parsers import parse

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


class UnreadableDocument(Exception):
    """The bytes of a document are no text in any encoding we try."""


@dataclass
class Result:
    """What the linter says about one document."""

    path: str
    format: str
    encoding: str
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "findings": [f.as_dict() for f in sorted(self.findings, key=sort_key)]}  # fmt: skip


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: a BOM decides; else UTF-8, else GB18030 (Word/WPS exports)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        offset = error.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise UnreadableDocument(
            f"the file is not UTF-8 or GB18030 text (first undecodable byte at offset {offset})"
        ) from None


def read(path: Path, shown_as: str, settings: Settings) -> Document:
    """Read and parse ``path`` once; ``shown_as`` is the path messages print."""
    source, encoding = decode(path.read_bytes())
    format_name = format_for(path.name) or "text"
    document = parse(shown_as, source, format_name, settings.parse)
    document.encoding = encoding
    return document


def lint(document: Document, settings: Settings, rules: dict[str, Rule],
         only: set[str] | None = None) -> list[Finding]:  # fmt: skip
    """Findings of every enabled rule (or of the rules in ``only``), in line order."""
    findings: list[Finding] = []
    for rid, setting in settings.enabled().items():
        if only is None or rid in only:
            findings += rules[rid].run(document, setting.options, setting.severity)
    return sorted(findings, key=sort_key)
