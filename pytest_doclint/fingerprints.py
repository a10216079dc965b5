"""A finding's identity that survives edits elsewhere in its document.

Reports (SARIF `partialFingerprints`, GitLab `fingerprint`) and the baseline use it to
recognise a finding across commits. It is a hash of:

- the rule id;
- the document's path;
- the text of the offending line, whitespace collapsed: the heading, TOC entry or sentence
  the finding is about, which stays the same when text is inserted above it, where its line
  number does not. A finding on a blank line or outside the text (an unreadable document)
  uses its message instead, with references to other lines (`on line 12`) replaced by `#`;
- the occurrence index: how many earlier findings (in line order) of the same rule in that
  document have the same text, so two findings on identical lines stay distinct.

Editing the offending line itself, or renaming the document, gives a new fingerprint:
that is a different finding as far as a reviewer can tell.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from pytest_doclint.findings import Finding
from pytest_doclint.findings import sort_key

VERSION = "doclint/v2"
"""Names the recipe (the SARIF `partialFingerprints` key); bump it when the recipe changes."""
LINE_REFERENCE = re.compile(r"\b(lines?)\s+\d+(?:\s*[-–]\s*\d+)?|第\s*\d+\s*行", re.IGNORECASE)


def normalise_message(message: str) -> str:
    """The message without line references and with whitespace collapsed."""
    text = LINE_REFERENCE.sub(lambda m: f"{m.group(1)} #" if m.group(1) else "第#行", message)
    return " ".join(text.split())


def anchor_text(finding: Finding, lines: list[str]) -> str:
    """What identifies the place: the offending line's text, else the message."""
    if 0 < finding.line <= len(lines):
        text = " ".join(lines[finding.line - 1].split())
        if text:
            return text
    return normalise_message(finding.message)


def fingerprint(rule: str, path: str, text: str, occurrence: int) -> str:
    data = "\0".join((rule, path, text, str(occurrence)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def assign(findings: Iterable[Finding], path: str, lines: list[str]) -> list[Finding]:
    """``findings`` in line order, each with its fingerprint set."""
    seen: Counter[tuple[str, str]] = Counter()
    result = []
    for finding in sorted(findings, key=sort_key):
        text = anchor_text(finding, lines)
        occurrence = seen[finding.rule, text]
        seen[finding.rule, text] += 1
        result.append(
            replace(finding, fingerprint=fingerprint(finding.rule, path, text, occurrence))
        )
    return result
