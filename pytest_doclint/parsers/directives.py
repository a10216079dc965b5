"""The suppression comments a parser finds in a document's comments (`doclint-disable`,
`doclint-enable`, `doclint-disable-next-line`, `doclint-disable-file`), read into the model;
:mod:`pytest_doclint.suppression` applies them after the rules have run."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pytest_doclint.model import Directive

DIRECTIVE = re.compile(
    r"doclint-(?P<action>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<rules>[^\n]*?)(?:\s+--(?!>)\s*(?P<reason>.*?))?\s*(?:-->|$)",
    re.MULTILINE,
)


def directives_in(text: str, first_line: int) -> Iterator[Directive]:
    """The directives in a comment's ``text`` that starts on ``first_line``."""
    for found in DIRECTIVE.finditer(text):
        line = first_line + text.count("\n", 0, found.start())
        rules = frozenset(found["rules"].replace(",", " ").split())
        yield Directive(line, found["action"], rules, (found["reason"] or "").strip())
