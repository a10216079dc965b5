"""Extension hooks: a plugin (here a conftest.py) adds a rule, a document format and a pack."""

from __future__ import annotations

import pytest

PLUGIN = '''
from pathlib import Path

import pytest

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.parsers import Format
from pytest_doclint.parsers.text import parse as parse_text


@rule("no-lorem", "No placeholder Latin", formats=("text", "notes"))
def no_lorem(document, options):
    """Flags `lorem ipsum` left in a document."""
    for number, line in enumerate(document.lines, start=1):
        if "lorem ipsum" in line.lower():
            yield Finding(number, line.lower().index("lorem") + 1, "Placeholder `lorem ipsum`",
                          hint="write the real text")


@pytest.hookimpl
def pytest_doclint_rules():
    return [no_lorem]


@pytest.hookimpl
def pytest_doclint_formats():
    return [Format("notes", (".notes",), parse_text)]


@pytest.hookimpl
def pytest_doclint_packs():
    return [Path(__file__).parent / "packs" / "acme.yaml"]
'''


@pytest.fixture
def plugin(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(PLUGIN)
    packs = pytester.mkdir("packs")
    (packs / "acme.yaml").write_text("rules:\n  no-lorem: error\n", encoding="utf-8")
    return pytester


def test_a_plugin_adds_a_rule_a_format_and_a_pack(plugin):
    plugin.makefile(".yaml", doclint="extends: [acme]\n")
    plugin.makefile(".notes", meeting="一、议程\nLorem ipsum dolor sit amet.\n二、结论\n同意。\n")
    result = plugin.runpytest("-v")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["meeting.notes:2:1: no-lorem Placeholder `lorem ipsum`"])


def test_without_the_pack_the_plugin_rule_is_off(plugin):
    plugin.makefile(".yaml", doclint="{}\n")
    plugin.makefile(".notes", meeting="一、议程\nLorem ipsum dolor sit amet.\n二、结论\n同意。\n")
    plugin.runpytest().assert_outcomes(passed=1)


def test_conflicting_rule_ids_name_both_plugins(pytester):
    pytester.makeconftest(
        "import pytest\n"
        "from pytest_doclint.checks import builtin_rules\n"
        "@pytest.hookimpl\n"
        "def pytest_doclint_rules():\n"
        "    return [builtin_rules()['toc-matches-body']]\n"
    )
    pytester.makefile(".yaml", doclint="{}\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: plugin '*conftest.py' registers rule `toc-matches-body`, "
            "already registered by 'pytest-doclint'"
        ]
    )
