"""What a plugin author imports: the marker, the finding, the model; the version everywhere."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest_doclint
from pytest_doclint import Document
from pytest_doclint import Finding
from pytest_doclint import rule
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse


def test_every_exported_name_exists() -> None:
    assert all(hasattr(pytest_doclint, name) for name in pytest_doclint.__all__)
    assert {"rule", "Finding", "Document", "Heading", "Rule"} <= set(pytest_doclint.__all__)


def test_the_version_is_the_installed_one_and_the_command_prints_it() -> None:
    assert pytest_doclint.__version__ == metadata.version("pytest-doclint")
    done = subprocess.run(
        [sys.executable, "-m", "pytest_doclint", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == f"doclint {pytest_doclint.__version__}"


def test_the_package_says_it_is_typed() -> None:
    assert (Path(pytest_doclint.__file__).parent / "py.typed").is_file()


@rule("no-lorem", "No placeholder text is left")
def no_lorem(document: Document, options: object):
    """Flags `lorem ipsum` left in a document."""
    for number, line in enumerate(document.lines, start=1):
        if "lorem ipsum" in line.lower():
            yield Finding(number, line.lower().index("lorem") + 1, "Placeholder `lorem ipsum`")


def test_a_rule_written_with_the_public_api_runs() -> None:
    from pytest_doclint.core import rule_of

    marked = rule_of(no_lorem)
    assert marked is not None and marked.id == "no-lorem" and marked.since == "0.1.0"
    document = parse("guide.md", "# Guide\n\nLorem ipsum dolor.\n", "markdown", ParseSettings())
    (finding,) = marked.run(document, None, "warning")
    assert (finding.rule, finding.line, finding.column, finding.severity) == (
        "no-lorem",
        3,
        1,
        "warning",
    )
