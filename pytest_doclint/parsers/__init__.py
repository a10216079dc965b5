"""Parsers turn a document's text into the :class:`~pytest_doclint.model.Document` model.

Each format has one module with a ``parse(path, source, settings) -> Document`` function.
The format is chosen by file suffix; ``formats`` in the config maps further suffixes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.model import Document
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import DEFAULT_SCHEMES
from pytest_doclint.numbering import Scheme

SUFFIX_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                  ".rst": "rest", ".rest": "rest"}  # fmt: skip
PARSER_MODULES = {"text": "text", "markdown": "markdown", "rest": "rest"}


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
    extra: dict[str, object] = field(default_factory=dict)


Parser = Callable[[str, str, ParseSettings], Document]


def format_for(path: str, extra_suffixes: dict[str, str] | None = None) -> str | None:
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return (extra_suffixes or {}).get(suffix) or SUFFIX_FORMATS.get(suffix)


def parser_for(format_name: str) -> Parser:
    module = importlib.import_module(f"{__name__}.{PARSER_MODULES[format_name]}")
    return module.parse  # type: ignore[no-any-return]


def parse(path: str, source: str, format_name: str, settings: ParseSettings) -> Document:
    """Parse ``source`` once into the model every rule reads."""
    return parser_for(format_name)(path, source, settings)
