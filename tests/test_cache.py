"""The result cache: unchanged documents are not linted again, and nothing stale is reused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pytest_doclint import cache
from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.report_model import DocumentReport

EXAMPLES = Path(__file__).parent.parent / "examples"
GUIDE = "# Guide\n\n## Install\n\nRun it.\n\n## Usage\n\nStart it.\n"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path of every document the engine parses (pytester runs in this process)."""
    parsed: list[str] = []
    original = engine.parse

    def counting(path, source, format_name, settings):  # noqa: ANN001, ANN202
        parsed.append(path)
        return original(path, source, format_name, settings)

    monkeypatch.setattr(engine, "parse", counting)
    return parsed


@pytest.fixture
def corpus(pytester: pytest.Pytester) -> pytest.Pytester:
    """The speech (fails), its repaired copy and a clean guide in a subfolder."""
    shutil.copy(EXAMPLES / "speech.txt", pytester.path / "speech.txt")
    shutil.copy(EXAMPLES / "speech-repaired.txt", pytester.path / "repaired.txt")
    pytester.mkdir("sub")
    (pytester.path / "sub" / "guide.md").write_text(GUIDE, encoding="utf-8")
    return pytester


def lint(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--doclint", "-rA", "--doclint-report=report.json", *args)


def outcome_lines(result: pytest.RunResult) -> list[str]:
    """The per-item outcomes of `-rA` and the findings, without timings."""
    return sorted(
        line for line in result.outlines if line.startswith(("PASSED ", "FAILED ", "speech.txt:"))
    )


class TestReuse:
    def test_a_second_run_parses_nothing_and_reports_the_same(self, corpus, parses):
        first = lint(corpus)
        first.assert_outcomes(passed=2, failed=1)
        assert sorted(parses) == ["repaired.txt", "speech.txt", "sub/guide.md"]
        first.stdout.fnmatch_lines(["cache: 0 of 3 results reused, 3 linted"])
        report = (corpus.path / "report.json").read_bytes()

        parses.clear()
        second = lint(corpus)
        second.assert_outcomes(passed=2, failed=1)  # the real outcomes: never `skipped`
        assert parses == []
        second.stdout.fnmatch_lines(["cache: 3 of 3 results reused, 0 linted"])
        assert outcome_lines(second) == outcome_lines(first)
        second.stdout.fnmatch_lines(
            [
                "speech.txt:32:1: heading-numbering *",
                "  32 | (二)新兴领域的治理课题亟待破解",
                "     | ^^^^",
            ]
        )  # the snippet, from the cached result
        assert (corpus.path / "report.json").read_bytes() == report

    def test_a_changed_document_is_linted_again_alone(self, corpus, parses):
        lint(corpus)
        parses.clear()
        guide = corpus.path / "sub" / "guide.md"
        guide.write_text(GUIDE + "\n## Usage\n\nAgain.\n", encoding="utf-8")
        result = lint(corpus)
        assert parses == ["sub/guide.md"]
        result.assert_outcomes(passed=1, failed=2)
        result.stdout.fnmatch_lines(["sub/guide.md:11:4: no-duplicate-headings *"])

    def test_same_content_is_reused_whatever_its_timestamp(self, corpus, parses):
        lint(corpus)
        parses.clear()
        speech = corpus.path / "speech.txt"
        speech.write_bytes(speech.read_bytes())  # touched, not changed
        lint(corpus)
        assert parses == []

    def test_a_changed_config_relints_exactly_the_documents_it_covers(self, corpus, parses):
        lint(corpus)
        parses.clear()
        (corpus.path / "sub" / "doclint.yaml").write_text(
            "extends: [default]\nrules:\n  no-duplicate-headings: {scope: document}\n",
            encoding="utf-8",
        )
        lint(corpus)
        assert parses == ["sub/guide.md"]
        parses.clear()
        (corpus.path / "doclint.yaml").write_text("rules:\n  heading-numbering: warning\n",
                                                  encoding="utf-8")  # fmt: skip
        result = lint(corpus)
        # sub/doclint.yaml extends only the default pack: the root config does not reach it
        assert sorted(parses) == ["repaired.txt", "speech.txt"]
        result.stdout.fnmatch_lines(
            ["*speech.txt:32: DoclintWarning: column 1: heading-numbering*"]
        )

    def test_a_changed_rule_selection_is_linted_again(self, corpus, parses):
        lint(corpus)
        parses.clear()
        result = lint(corpus, "--doclint-select=heading-numbering")
        assert len(parses) == 3
        result.assert_outcomes(passed=2, failed=1)

    def test_per_rule_items_are_cached_one_by_one(self, corpus, parses):
        lint(corpus, "--doclint-per-rule")
        parses.clear()
        result = lint(corpus, "--doclint-per-rule")
        assert parses == []
        result.stdout.fnmatch_lines(["cache: 17 of 17 results reused, 0 linted"])  # 7 for guide.md
        result.assert_outcomes(passed=14, failed=3)

    def test_warnings_are_reported_again_from_the_cache(self, corpus, parses):
        (corpus.path / "doclint.yaml").write_text("rules:\n  toc-matches-body: warning\n",
                                                  encoding="utf-8")  # fmt: skip
        lint(corpus)
        parses.clear()
        result = lint(corpus)
        assert parses == []
        result.stdout.fnmatch_lines(["*speech.txt:6: DoclintWarning: column 1: toc-matches-body*"])


class TestSwitches:
    def test_no_cache_lints_everything_and_says_nothing(self, corpus, parses):
        lint(corpus)
        parses.clear()
        result = lint(corpus, "--doclint-no-cache")
        assert len(parses) == 3
        result.stdout.no_fnmatch_line("cache: *")

    def test_cache_clear_empties_it(self, corpus, parses):
        lint(corpus)
        parses.clear()
        result = lint(corpus, "--cache-clear")
        assert len(parses) == 3
        result.stdout.fnmatch_lines(["cache: 0 of 3 results reused, 3 linted"])

    def test_without_pytest_cache_plugin_it_still_lints(self, corpus, parses):
        result = lint(corpus, "-p", "no:cacheprovider")
        result.assert_outcomes(passed=2, failed=1)
        lint(corpus, "-p", "no:cacheprovider")
        assert len(parses) == 6

    def test_a_corrupt_cache_entry_is_ignored(self, corpus, parses):
        lint(corpus)
        stored = next((corpus.path / ".pytest_cache" / "v").rglob("results"))
        stored.write_text('{"version": 1, "entries": "nonsense"}', encoding="utf-8")
        parses.clear()
        result = lint(corpus)
        result.assert_outcomes(passed=2, failed=1)


class TestParallel:
    def test_xdist_workers_reuse_and_the_controller_stores(self, corpus):
        serial = lint(corpus, "-p", "no:xdist", "--doclint-no-cache")
        report = (corpus.path / "report.json").read_bytes()
        first = lint(corpus, "-n", "2")
        first.stdout.fnmatch_lines(["cache: 0 of 3 results reused, 3 linted"])
        second = lint(corpus, "-n", "2")
        second.stdout.fnmatch_lines(["cache: 3 of 3 results reused, 0 linted"])
        second.assert_outcomes(passed=2, failed=1)
        assert (corpus.path / "report.json").read_bytes() == report
        assert serial.ret == first.ret == second.ret == pytest.ExitCode.TESTS_FAILED


class TestKeys:
    PLUGIN = '''
import pytest
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding


@rule("no-lorem", "No placeholder Latin")
def no_lorem(document, options):
    """Flags `lorem ipsum` left in a document."""
    for number, line in enumerate(document.lines, start=1):
        if "{word}" in line.lower():
            yield Finding(number, 1, "Placeholder text")


@pytest.hookimpl
def pytest_doclint_rules():
    return [no_lorem]
'''

    def test_a_changed_plugin_rule_relints(self, pytester, parses):
        pytester.makeconftest(self.PLUGIN.replace("{word}", "lorem"))
        pytester.makefile(".yaml", doclint="rules:\n  no-lorem: error\n")
        pytester.makefile(".txt", note="Lorem ipsum dolor sit amet.\n")
        pytester.runpytest().assert_outcomes(failed=1)
        pytester.runpytest().assert_outcomes(failed=1)
        assert parses == ["note.txt"]
        pytester.makeconftest(self.PLUGIN.replace("{word}", "dolorem"))
        pytester.runpytest().assert_outcomes(passed=1)
        assert parses == ["note.txt", "note.txt"]

    def test_settings_fingerprint_follows_what_decides_findings(self, tmp_path):
        store = ConfigStore(tmp_path, builtin_rules())
        settings = store.settings_for(tmp_path / "a.md")
        rules = set(settings.enabled())
        base = cache.settings_fingerprint(settings, rules)
        assert base == cache.settings_fingerprint(store.settings_for(tmp_path / "b.md"), rules)
        assert base != cache.settings_fingerprint(settings, rules - {"toc-matches-body"})
        closing = "rules:\n  no-truncated-ending: {closing_lines: ['^fin$']}\n"
        (tmp_path / "doclint.yaml").write_text(closing, encoding="utf-8")
        changed = ConfigStore(tmp_path, builtin_rules()).settings_for(tmp_path / "a.md")
        assert base != cache.settings_fingerprint(changed, rules)
        assert "0x" not in base  # nothing that differs between processes (object addresses)

    def test_a_yaml_rule_instance_is_part_of_the_key(self, tmp_path):
        def key(pattern: str) -> str:
            (tmp_path / "doclint.yaml").write_text(
                f"rules:\n  placeholders:\n    type: pattern\n    patterns: [{pattern}]\n",
                encoding="utf-8")  # fmt: skip
            settings = ConfigStore(tmp_path, builtin_rules()).settings_for(tmp_path / "a.md")
            return cache.settings_fingerprint(settings, {"placeholders"})

        assert key("TODO") == key("TODO")
        assert key("TODO") != key("FIXME")

    def test_stored_entries_of_vanished_documents_are_dropped(self):
        store = cache.ResultCache(None, "code")
        for path in ("a.md", "gone.md"):
            store.put(f"{path}::doclint", "k", DocumentReport(path, "markdown", "utf-8"))
        stored = store.stored(lambda path: path == "a.md")
        assert list(stored["entries"]) == ["a.md::doclint"]
        assert cache.ResultCache(json.loads(json.dumps(stored)), "code").get("a.md::doclint", "k")
