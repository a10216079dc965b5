"""Inline suppression comments in Markdown and reST, and the unused-suppression warning."""

from __future__ import annotations

import pytest

from pytest_doclint.checks import builtin_rules
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse
from pytest_doclint.suppression import UNUSED
from pytest_doclint.suppression import apply

RULES = builtin_rules()


def lint(name: str, text: str) -> list[tuple[str, int, str]]:
    document = parse(name, text, "markdown" if name.endswith(".md") else "rest", ParseSettings())
    findings = [f for rid in ("no-empty-sections", "no-duplicate-headings")
                for f in RULES[rid].run(document, RULES[rid].options(), "error")]  # fmt: skip
    kept = apply(findings, document, RULES)
    return sorted((f.rule, f.line, f.severity) for f in kept)


README = """\
# Guide

## Install
## Usage

Run it.
"""


def test_without_comments_the_finding_stands():
    assert lint("a.md", README) == [("no-empty-sections", 3, "error")]


@pytest.mark.parametrize("comment", [
    "<!-- doclint-disable-next-line no-empty-sections -->",
    "<!-- doclint-disable-next-line no-empty-sections -- the section is written next week -->",
    "<!-- doclint-disable-next-line -->",
])
def test_disable_next_line(comment):
    text = README.replace("## Install", f"{comment}\n## Install")
    assert lint("a.md", text) == []


def test_disable_and_enable_delimit_a_range():
    text = ("# Guide\n\n<!-- doclint-disable no-empty-sections -->\n## A\n## B\n"
            "<!-- doclint-enable no-empty-sections -->\n## C\n## D\n\nText.\n")
    assert lint("a.md", text) == [("no-empty-sections", 7, "error")]


def test_disable_file_anywhere_in_the_document():
    text = README + "\n<!-- doclint-disable-file no-empty-sections -- legacy page -->\n"
    assert lint("a.md", text) == []


def test_comment_in_a_code_fence_is_no_directive():
    text = README + "\n```markdown\n<!-- doclint-disable-file -->\n```\n"
    assert lint("a.md", text) == [("no-empty-sections", 3, "error")]


def test_suppression_that_suppresses_nothing_is_a_warning():
    text = "# Guide\n\n<!-- doclint-disable-next-line no-duplicate-headings -->\n## A\n\nText.\n"
    assert lint("a.md", text) == [(UNUSED, 3, "warning")]


def test_unknown_rule_in_a_suppression_is_reported():
    text = README.replace("## Install", "<!-- doclint-disable-next-line no-empty-section -->\n## Install")
    result = lint("a.md", text)
    assert (UNUSED, 3, "warning") in result and ("no-empty-sections", 4, "error") in result


def test_rest_comments_suppress_too():
    text = ("Guide\n=====\n\n.. doclint-disable-next-line no-empty-sections -- placeholder\n\n"
            "Install\n-------\n\nUsage\n-----\n\nRun it.\n")
    assert lint("a.rst", text) == []
