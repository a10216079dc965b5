"""Every rule against its fixture documents in ``tests/fixtures/<rule-id>/``.

Expected findings are declared inline, at the end of the line they concern, with
markdownlint's marker grammar: ``{rule-id}`` (this line), ``{rule-id:+1}`` / ``{rule-id:-1}``
(relative) and ``{rule-id:12}`` (absolute). Markers, and the single space before them, are
stripped before parsing, so every line and column before them is unchanged. A file without
markers must produce no finding.

Only the rule the folder is named after runs, with the options of the nearest
``doclint.yaml`` (in the rule's folder, or in a sub-folder for a group of cases), loaded by
the real config machinery. The two rules whose findings the engine makes, as no check can
see what they are about (`unreadable-document`, `unused-suppression`), run through it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Settings
from pytest_doclint.encoding import UnreadableDocument
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.parsers import format_for
from pytest_doclint.parsers import parse

FIXTURES = Path(__file__).parent / "fixtures"
SUFFIXES = (".txt", ".md", ".rst")
MARKER = re.compile(
    r"\{(?P<rule>[a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?::(?P<sign>[-+]?)(?P<line>\d+))?\}"
)
TRAILING_MARKERS = re.compile(rf" ?(?:{MARKER.pattern}\s*)+$")
ENGINE_RULES = ("unreadable-document", "unused-suppression")
"""Rules whose findings the engine makes: their check functions find nothing."""


def fixture_files() -> list[Path]:
    return sorted(
        path for path in FIXTURES.glob("*/**/*") if path.suffix in SUFFIXES and path.is_file()
    )


def strip_markers(source: str) -> tuple[str, set[tuple[str, int]]]:
    """The document without its markers, and the (rule, line) pairs they declare."""
    expected: set[tuple[str, int]] = set()
    lines = []
    for number, line in enumerate(source.split("\n"), start=1):
        trailing = TRAILING_MARKERS.search(line)
        if trailing:
            for marker in MARKER.finditer(trailing.group(0)):
                offset = int(marker["line"] or 0)
                if marker["sign"] == "+":
                    target = number + offset
                elif marker["sign"] == "-":
                    target = number - offset
                else:
                    target = offset or number
                expected.add((marker["rule"], target))
            line = line[: trailing.start()]
        lines.append(line)
    return "\n".join(lines), expected


def lint(path: Path, text: str) -> list[Finding]:
    rule_id = path.relative_to(FIXTURES).parts[0]
    rules = builtin_rules()
    store = ConfigStore(FIXTURES, rules)
    settings = store.settings_for(path)
    if rule_id in ENGINE_RULES:
        return _engine_findings(path, text, settings, rule_id)
    format_name = format_for(path.name)
    assert format_name, f"no parser for {path.name}"
    document = parse(str(path), text, format_name, settings.parse)
    return rules[rule_id].run(document, settings.rules[rule_id].options, "error")


def _engine_findings(path: Path, text: str, settings: Settings, rule_id: str) -> list[Finding]:
    """What the engine reports for ``rule_id`` from the document's bytes (in UTF-8, the
    fixture's own encoding, decoded as its config says)."""
    try:
        document: Document | Exception = engine.parse_bytes(text.encode("utf-8"), path,
                                                            str(path), settings)  # fmt: skip
    except UnreadableDocument as error:
        document = error
    return list(engine.report_of(str(path), document, settings, {rule_id}).findings)


def _listing(pairs: set[tuple[str, int]] | list[tuple[str, int]]) -> str:
    return ", ".join(f"{rule}:{line}" for rule, line in sorted(pairs)) or "none"


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_rule_fixture(path: Path) -> None:
    """The rule finds exactly the marked lines, and every finding reads as one clean line."""
    rule_id = path.relative_to(FIXTURES).parts[0]
    assert rule_id in builtin_rules(), f"fixture folder {rule_id!r} names no rule"
    text, expected = strip_markers(path.read_text(encoding="utf-8"))
    assert {rule for rule, _ in expected} <= {rule_id}, (
        f"markers for other rules in a {rule_id} fixture: {_listing(expected)}"
    )
    findings = lint(path, text)
    found = {(f.rule, f.line) for f in findings}
    rendered = "\n".join(f.concise(path.name) for f in findings)
    assert found == expected, (
        f"Too few or too many findings\n expected: {_listing(expected)}\n"
        f"    found: {_listing(found)}\n{rendered}"
    )
    assert len(findings) == len(found), f"two findings on one line:\n{rendered}"
    for finding in findings:
        assert "\n" not in finding.message, f"multi-line message: {finding.message!r}"
        assert not finding.message.rstrip().endswith("."), f"trailing period: {finding.message!r}"
        assert finding.hint, f"finding without a hint: {finding.message!r}"


def test_every_rule_has_fixtures_with_and_without_findings() -> None:
    """Each rule is tested on documents it must flag and documents it must leave alone."""
    flagged: dict[str, int] = {}
    clean: dict[str, int] = {}
    for path in fixture_files():
        rule_id = path.relative_to(FIXTURES).parts[0]
        _, expected = strip_markers(path.read_text(encoding="utf-8"))
        counter = flagged if expected else clean
        counter[rule_id] = counter.get(rule_id, 0) + 1
    for rule_id in builtin_rules():
        assert flagged.get(rule_id), f"{rule_id} has no fixture with findings"
        assert clean.get(rule_id), f"{rule_id} has no fixture without findings"
