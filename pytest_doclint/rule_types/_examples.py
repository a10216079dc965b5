"""A rule instance's own examples, run as tests: valid ones pass, invalid ones are flagged.

An example is text of the rule's scope: a title, headings (one per line), TOC entries
(one per line), or paragraphs (separated by blank lines). Structural types (`heading-order`,
`announced-count`) read a whole document, and so does any rule whose `examples` set a
`format`: the example is then parsed as a document of that format.
"""

from __future__ import annotations

from pytest_doclint.core import NoOptions
from pytest_doclint.core import Rule
from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Title
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse
from pytest_doclint.scope import scope_level
from pytest_doclint.textutil import shorten

EXAMPLE_PATH = "<example>"


def check_example(rule: Rule, text: str, expect_findings: bool) -> str | None:
    """None when ``rule`` flags ``text`` exactly when ``expect_findings``; else the reason."""
    findings = rule.run(example_document(rule, text), NoOptions(), "error")
    shown = f"`{shorten(' '.join(text.split()), 60)}`"
    if expect_findings and not findings:
        return f"invalid example {shown} gives no finding"
    if not expect_findings and findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        return f"valid example {shown} gives {first.line}:{first.column}: {first.message}{more}"
    return None


def example_document(rule: Rule, text: str) -> Document:
    """The document an example stands for (see the module docstring)."""
    form = rule.examples.format
    from pytest_doclint.rule_types import RULE_TYPES  # the registry imports this module

    rule_type = RULE_TYPES.get(getattr(rule, "type", ""))
    if form or rule_type is None or rule_type.structural:
        return parse(EXAMPLE_PATH, text, form or "text", ParseSettings())
    return scoped_document(text, getattr(rule, "scope", ("paragraphs",))[0])


def scoped_document(text: str, scope: str) -> Document:
    """A document whose ``scope`` holds ``text``: the place an example is written for."""
    document = Document(EXAMPLE_PATH, text, "text")
    lines = [(n, line) for n, line in enumerate(document.lines, start=1) if line.strip()]
    level = scope_level(scope)
    after = 0
    if scope == "title" and lines:
        document.title = Title(lines[0][1].strip(), lines[0][0])
        after = lines[0][0]
    elif scope == "toc" and lines:
        entries = [TocEntry(t.strip(), t.strip(), None, 1, n) for n, t in lines]
        document.toc = Toc(entries, lines[0][0], lines[-1][0])
        return document
    elif scope == "headings" or level:
        document.headings = [Heading(t.strip(), t.strip(), None, level or 1, n) for n, t in lines]
        return document.link()
    document.blocks = _paragraphs(document, after)
    return document


def _paragraphs(document: Document, after: int) -> list[Block]:
    """Runs of non-blank lines after line ``after``, each a paragraph."""
    blocks: list[Block] = []
    start = None
    for number, line in enumerate([*document.lines, ""], start=1):
        if number <= after:
            continue
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            text = "\n".join(document.lines[start - 1 : number - 1])
            blocks.append(Block("paragraph", start, number - 1, text))
            start = None
    return blocks
