"""Parsers turn a document's text into the :class:`~pytest_doclint.model.Document` model.

Each built-in format has one module with a ``parse(path, source, settings) -> Document``
function, imported the first time a document of that format is read (docutils and
markdown-it are not loaded for a run that lints plain text). Plugins add formats through the
``pytest_doclint_formats`` hook; the format is chosen by file suffix.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from pytest_doclint.model import Document
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import DEFAULT_SCHEMES
from pytest_doclint.numbering import Scheme

SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rest",
    ".rest": "rest",
}
PARSER_MODULES = {"text": "text", "markdown": "markdown", "rest": "rest"}
Parser = Callable[[str, str, "ParseSettings"], Document]


@dataclass(frozen=True)
class Format:
    """A document format a plugin adds: its name, the suffixes it claims, its parser."""

    name: str
    suffixes: tuple[str, ...]
    parse: Parser


@dataclass(frozen=True)
class ParseSettings:
    """What decides, in any format, which lines are headings and which are a TOC."""

    schemes: tuple[Scheme, ...] = tuple(BUILTIN_SCHEMES[name] for name in DEFAULT_SCHEMES)
    max_heading_width: int = 80
    """A plain-text line wider than this (CJK counts 2) is a paragraph, not a heading."""
    run_in_headings: bool = True
    """Read `（一）加强领导。各地要……` as heading `（一）加强领导` followed by its body."""
    toc_markers: tuple[str, ...] = ("目录", "目次", "contents", "table of contents")
    heading_end_punctuation: str = "。；;，,、：:"
    """A plain-text line ending with one of these is a sentence, not a heading."""
    formats: tuple[Format, ...] = ()
    """Formats added by plugins; they win over the built-in ones for their suffixes."""


def format_for(path: str, formats: tuple[Format, ...] = ()) -> str | None:
    """The format of ``path`` by its suffix, or None for a suffix no format claims."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    added = next((f.name for f in formats if suffix in f.suffixes), None)
    return added or SUFFIX_FORMATS.get(suffix)


def parser_for(format_name: str, formats: tuple[Format, ...] = ()) -> Parser:
    added = next((f.parse for f in formats if f.name == format_name), None)
    if added is not None:
        return added
    module = importlib.import_module(f"{__name__}.{PARSER_MODULES[format_name]}")
    return module.parse


def parse(path: str, source: str, format_name: str, settings: ParseSettings) -> Document:
    """Parse ``source`` once into the model every rule reads."""
    return parser_for(format_name, settings.formats)(path, source, settings)
