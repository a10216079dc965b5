"""Inline suppression comments in Markdown and reST, and the unused-suppression rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.errors import ConfigError
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse
from pytest_doclint.suppression import UNUSED
from pytest_doclint.suppression import apply
from pytest_doclint.suppression import unused

RULES = builtin_rules()


def lint(name: str, text: str) -> list[tuple[str, int, str]]:
    document = parse(name, text, "markdown" if name.endswith(".md") else "rest", ParseSettings())
    findings = [f for rid in ("no-empty-sections", "no-duplicate-headings")
                for f in RULES[rid].run(document, RULES[rid].options(), "error")]  # fmt: skip
    kept, used = apply(findings, document)
    kept += unused(document, used, RULES, "warning")
    return sorted((f.rule, f.line, f.severity) for f in kept)


README = """\
# Guide

## Install
## Usage

Run it.
"""


def test_without_comments_the_finding_stands():
    assert lint("a.md", README) == [("no-empty-sections", 3, "error")]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- doclint-disable-next-line no-empty-sections -->",
        "<!-- doclint-disable-next-line no-empty-sections -- the section is written next week -->",
        "<!-- doclint-disable-next-line -->",
    ],
)
def test_disable_next_line(comment):
    text = README.replace("## Install", f"{comment}\n## Install")
    assert lint("a.md", text) == []


def test_disable_and_enable_delimit_a_range():
    text = (
        "# Guide\n\n<!-- doclint-disable no-empty-sections -->\n## A\n## B\n"
        "<!-- doclint-enable no-empty-sections -->\n## C\n## D\n\nText.\n"
    )
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
    text = README.replace(
        "## Install", "<!-- doclint-disable-next-line no-empty-section -->\n## Install"
    )
    result = lint("a.md", text)
    assert (UNUSED, 3, "warning") in result and ("no-empty-sections", 4, "error") in result


def test_rest_comments_suppress_too():
    text = (
        "Guide\n=====\n\n.. doclint-disable-next-line no-empty-sections -- placeholder\n\n"
        "Install\n-------\n\nUsage\n-----\n\nRun it.\n"
    )
    assert lint("a.rst", text) == []


# --- the rule, as the engine runs it ------------------------------------------------------

STALE = "# Guide\n\n<!-- doclint-disable-next-line no-empty-sections -->\n## A\n\nText.\n"
"""A suppression of a finding that is gone."""
NEEDED = README.replace(
    "## Install", "<!-- doclint-disable-next-line no-empty-sections -->\n## Install"
)
"""A suppression that switches off the empty section `Install`."""


def run(tmp_path: Path, text: str, config: str = "",
        only: set[str] | None = None) -> list[tuple[str, int, str]]:  # fmt: skip
    """The findings the engine reports for ``text`` as `a.md` below ``config``."""
    if config:
        (tmp_path / "doclint.yaml").write_text(config, encoding="utf-8")
    settings = ConfigStore(tmp_path, RULES).settings_for(tmp_path / "a.md")
    document = parse("a.md", text, "markdown", settings.parse)
    return [(f.rule, f.line, f.severity) for f in engine.lint(document, settings, only)]


class TestTheRule:
    def test_both_engine_rules_are_registered_and_documented(self):
        for rid in (UNUSED, engine.UNREADABLE):
            assert rid in RULES
            assert "## What it does" in RULES[rid].doc and "## Why is this bad?" in RULES[rid].doc
        assert RULES[UNUSED].formats == ("markdown", "rest")

    def test_their_checks_find_nothing_on_their_own(self):
        document = parse("a.md", STALE, "markdown", ParseSettings())
        for rid in (UNUSED, engine.UNREADABLE):
            assert RULES[rid].run(document, RULES[rid].options(), "error") == []

    def test_on_by_default_as_a_warning(self, tmp_path):
        assert run(tmp_path, STALE) == [(UNUSED, 3, "warning")]

    def test_off_in_the_config_is_accepted_and_reports_nothing(self, tmp_path):
        """Regression: `unused-suppression: off` was an unknown rule, a usage error."""
        assert run(tmp_path, STALE, "rules:\n  unused-suppression: off\n") == []

    def test_the_configured_severity_is_used(self, tmp_path):
        assert run(tmp_path, STALE, "rules:\n  unused-suppression: error\n") == [
            (UNUSED, 3, "error")
        ]

    def test_a_selection_without_it_reports_no_unused_suppression(self, tmp_path):
        assert run(tmp_path, STALE, only={"no-empty-sections"}) == []

    def test_judged_by_the_rules_a_selection_leaves_out(self, tmp_path):
        """One item per rule runs `unused-suppression` alone: it runs the named rules itself."""
        assert run(tmp_path, NEEDED, only={UNUSED}) == []
        assert run(tmp_path, STALE, only={UNUSED}) == [(UNUSED, 3, "warning")]

    def test_a_suppression_of_a_rule_that_is_off_suppresses_nothing(self, tmp_path):
        config = "rules:\n  no-empty-sections: off\n"
        assert run(tmp_path, NEEDED, config) == [(UNUSED, 3, "warning")]

    def test_the_cache_key_of_its_item_follows_every_rule(self, tmp_path):
        settings = ConfigStore(tmp_path, RULES).settings_for(tmp_path / "a.md")
        assert engine.deciding_rules(settings, {UNUSED}) == {UNUSED, *settings.enabled()}
        assert engine.deciding_rules(settings, {"no-empty-sections"}) == {"no-empty-sections"}


class TestUnreadableDocumentStaysOn:
    def test_off_is_a_config_error_at_its_line(self, tmp_path):
        (tmp_path / "doclint.yaml").write_text("rules:\n  unreadable-document: off\n",
                                               encoding="utf-8")  # fmt: skip
        with pytest.raises(ConfigError) as error:
            ConfigStore(tmp_path, RULES).settings_for(tmp_path / "a.md")
        assert error.value.line == 2
        assert error.value.message.startswith("`unreadable-document` cannot be off")

    def test_warning_is_the_finding_s_severity(self, tmp_path):
        (tmp_path / "doclint.yaml").write_text("rules:\n  unreadable-document: warning\n",
                                               encoding="utf-8")  # fmt: skip
        settings = ConfigStore(tmp_path, RULES).settings_for(tmp_path / "a.md")
        finding = engine.unreadable(FileNotFoundError(2, "No such file"), "a.md", settings)
        assert (finding.rule, finding.severity) == (engine.UNREADABLE, "warning")
