"""End-to-end: the plugin inside real pytest runs (pytester), as users run it in CI."""

from __future__ import annotations

import json

import pytest

SPEECH_FINDINGS = {
    ("toc-matches-body", 6),
    ("toc-matches-body", 9),
    ("toc-matches-body", 10),
    ("heading-numbering", 32),
    ("no-truncated-ending", 35),
}


def report(
    pytester: pytest.Pytester, name: str = "report.json"
) -> dict[str, list[tuple[str, int]]]:
    data = json.loads((pytester.path / name).read_text(encoding="utf-8"))
    return {d["path"]: [(f["rule"], f["line"]) for f in d["findings"]] for d in data["documents"]}


class TestSpeech:
    def test_fails_with_exactly_the_expected_findings(self, pytester, speech):
        result = pytester.runpytest("--doclint", "--doclint-report=report.json")
        result.assert_outcomes(failed=1)
        assert result.ret == pytest.ExitCode.TESTS_FAILED
        assert set(report(pytester)["speech.txt"]) == SPEECH_FINDINGS
        assert len(report(pytester)["speech.txt"]) == len(SPEECH_FINDINGS)
        result.stdout.fnmatch_lines(
            [
                "*[[]doclint[]] speech.txt*",
                "5 problems to fix before publishing: toc-matches-body ×3, heading-numbering, "
                "no-truncated-ending",
                "speech.txt:6:1: toc-matches-body TOC entry `(一)治理效能的均衡性有待提升` has no "
                "heading in the body",
                "speech.txt:9:1: toc-matches-body *(四)多元共治的协同效应仍需深化*",
                "speech.txt:10:1: toc-matches-body *三、聚焦攻坚冲刺决胜中开创治理新局* 4 "
                "subsections*(一)筑牢基层政权根基* (line 11)*(line 14)",
                "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`",
                "  32 | (二)新兴领域的治理课题亟待破解",
                "     | ^^^^",
                "speech.txt:35:111: no-truncated-ending The document stops mid-sentence*现象在一` "
                "(sentences before it in its paragraph end, it does not)",
                "FAILED speech.txt::doclint - 5 problems to fix before publishing*",
            ]
        )
        result.stdout.no_fnmatch_line("*Traceback*")

    def test_repaired_copy_passes_all_rules(self, pytester, repaired):
        result = pytester.runpytest("--doclint", "--doclint-report=report.json")
        result.assert_outcomes(passed=1)
        assert result.ret == pytest.ExitCode.OK
        assert report(pytester) == {"repaired.txt": []}

    def test_report_lists_every_document_with_format_and_encoding(self, pytester, speech, repaired):
        pytester.runpytest("--doclint", "--doclint-report=out/report.json")
        data = json.loads((pytester.path / "out/report.json").read_text(encoding="utf-8"))
        assert [d["path"] for d in data["documents"]] == ["repaired.txt", "speech.txt"]
        assert {(d["format"], d["encoding"]) for d in data["documents"]} == {("text", "utf-8")}
        first = data["documents"][1]["findings"][0]
        assert set(first) == {
            "rule",
            "severity",
            "line",
            "column",
            "message",
            "hint",
            "fingerprint",
        }

    def test_one_item_per_rule(self, pytester, speech):
        result = pytester.runpytest("--doclint", "--doclint-per-rule", "-v")
        result.assert_outcomes(failed=3, passed=2)
        result.stdout.fnmatch_lines_random(
            [
                "*speech.txt::toc-matches-body FAILED*",
                "*speech.txt::heading-numbering FAILED*",
                "*speech.txt::no-truncated-ending FAILED*",
                "*speech.txt::no-duplicate-headings PASSED*",
                "*speech.txt::no-empty-sections PASSED*",
            ]
        )

    def test_one_item_per_rule_from_config_and_k_by_rule(self, pytester, speech):
        pytester.makefile(".yaml", doclint="items: rule\n")
        result = pytester.runpytest("-k", "numbering", "-v")
        result.assert_outcomes(failed=1, deselected=4)
        result.stdout.fnmatch_lines(["*speech.txt::heading-numbering FAILED*"])

    def test_select_and_ignore_pick_rules(self, pytester, speech):
        pytester.runpytest(
            "--doclint",
            "--doclint-select=heading-numbering,no-truncated-ending",
            "--doclint-ignore=no-truncated-ending",
            "--doclint-report=report.json",
        )
        assert report(pytester) == {"speech.txt": [("heading-numbering", 32)]}

    def test_junitxml_has_the_finding_text_not_a_traceback(self, pytester, speech):
        pytester.runpytest("--doclint", "--junitxml=junit.xml")
        xml = (pytester.path / "junit.xml").read_text(encoding="utf-8")
        assert 'message="5 problems to fix before publishing' in xml
        assert "speech.txt:32:1: heading-numbering" in xml
        assert "Traceback" not in xml
        assert "<property" not in xml  # findings travel on the report, not as a dict dump

    def test_parallel_run_gives_the_same_outcomes_and_report(self, pytester, speech, repaired):
        serial = pytester.runpytest_subprocess("--doclint", "--doclint-report=serial.json")
        parallel = pytester.runpytest_subprocess(
            "--doclint", "-n", "2", "--doclint-report=parallel.json"
        )
        serial.assert_outcomes(failed=1, passed=1)
        parallel.assert_outcomes(failed=1, passed=1)
        assert report(pytester, "serial.json") == report(pytester, "parallel.json")


class TestOptIn:
    def test_installed_plugin_alone_collects_nothing(self, pytester, speech):
        result = pytester.runpytest()
        assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED

    def test_config_in_rootdir_turns_it_on(self, pytester, speech):
        pytester.makefile(".yaml", doclint="rules:\n  no-empty-sections: error\n")
        pytester.runpytest().assert_outcomes(failed=1)

    def test_hidden_config_name_works_too(self, pytester, speech):
        (pytester.path / ".doclint.yaml").write_text("{}\n", encoding="utf-8")
        pytester.runpytest().assert_outcomes(failed=1)

    def test_pyproject_table_turns_it_on(self, pytester, speech):
        pytester.makepyprojecttoml("[tool.doclint]\nexclude = []\n")
        pytester.runpytest().assert_outcomes(failed=1)

    def test_config_in_the_documents_folder_lints_only_that_folder(self, pytester, speech):
        docs = pytester.mkdir("docs")
        (docs / "doclint.yaml").write_text("rules: {}\n", encoding="utf-8")
        speech.rename(docs / "speech.txt")
        pytester.makefile(".txt", notes="1. not linted: no config covers this folder\n")
        result = pytester.runpytest("-v")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["docs/speech.txt::doclint FAILED*"])

    def test_disabling_the_plugin(self, pytester, speech):
        pytester.makefile(".yaml", doclint="{}\n")
        result = pytester.runpytest("-p", "no:doclint")
        assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED

    def test_marker_selects_and_deselects(self, pytester, speech):
        pytester.runpytest("--doclint", "-m", "doclint").assert_outcomes(failed=1)
        pytester.runpytest("--doclint", "-m", "not doclint").assert_outcomes(deselected=1)

    def test_last_failed_reruns_only_failed_documents(self, pytester, speech, repaired):
        pytester.runpytest("--doclint").assert_outcomes(failed=1, passed=1)
        result = pytester.runpytest("--doclint", "--lf", "-v")
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*rerun previous 1 failure*"])
        result.stdout.no_fnmatch_line("*repaired.txt*")

    def test_include_and_exclude_globs(self, pytester, speech, repaired):
        pytester.makefile(".yaml", doclint="exclude: [speech.txt]\n")
        pytester.makefile(".md", README="# Readme\n\nNothing to see.\n")
        result = pytester.runpytest("-v")
        result.assert_outcomes(passed=2)
        result.stdout.no_fnmatch_line("*speech.txt*")


class TestSeverities:
    def test_warning_passes_and_shows_in_the_warnings_summary(self, pytester, speech):
        pytester.makefile(
            ".yaml",
            doclint=(
                "rules:\n  toc-matches-body: warning\n  heading-numbering: warning\n"
                "  no-truncated-ending: warning\n"
            ),
        )
        result = pytester.runpytest()
        result.assert_outcomes(passed=1, warnings=5)
        # Each warning once, at the finding's line, with that line under it (not the
        # document's first line under every warning, as `Item.warn` would have it).
        result.stdout.fnmatch_lines(
            [
                "  speech.txt:32: DoclintWarning: column 1: heading-numbering Heading number "
                "`(二)` skips `(一)`",
                "    (二)新兴领域的治理课题亟待破解",
                "",
                "speech.txt::doclint",
                "  speech.txt:35: DoclintWarning: column 111: no-truncated-ending The document "
                "stops mid-sentence*",
            ],
            consecutive=True,
        )
        shown = result.stdout.str()
        assert shown.count("DoclintWarning") == 5
        assert shown.count("heading-numbering Heading number") == 1
        first_line = (pytester.path / "speech.txt").read_text("utf-8").splitlines()[0]
        assert f"    {first_line}\n" not in shown

    def test_off_creates_no_item(self, pytester, speech):
        pytester.makefile(".yaml", doclint="items: rule\nrules:\n  heading-numbering: off\n")
        result = pytester.runpytest("-v")
        result.assert_outcomes(failed=2, passed=2)
        result.stdout.no_fnmatch_line("*::heading-numbering*")

    def test_overrides_apply_to_matching_paths(self, pytester, speech):
        legacy = pytester.mkdir("legacy")
        (legacy / "speech.txt").write_bytes(speech.read_bytes())
        pytester.makefile(
            ".yaml",
            doclint=(
                "overrides:\n  - files: [legacy/*.txt]\n    rules:\n"
                "      toc-matches-body: off\n      heading-numbering: off\n"
                "      no-truncated-ending: off\n"
            ),
        )
        result = pytester.runpytest("-v")
        result.assert_outcomes(failed=1, passed=1)
        result.stdout.fnmatch_lines_random(
            ["legacy/speech.txt::doclint PASSED*", "speech.txt::doclint FAILED*"]
        )

    def test_options_reach_the_rule(self, pytester):
        pytester.makefile(
            ".txt",
            doc=(
                "一、总体要求\n（一）加强领导\n各地要落实。\n二、工作措施\n（一）加强领导\n各部门要配合。\n"
            ),
        )
        pytester.runpytest("--doclint", "--doclint-report=report.json")
        assert report(pytester) == {"doc.txt": []}  # siblings scope: different parents
        pytester.makefile(
            ".yaml", doclint="rules:\n  no-duplicate-headings:\n    scope: document\n"
        )
        pytester.runpytest("--doclint-report=report.json")
        assert report(pytester) == {"doc.txt": [("no-duplicate-headings", 5)]}


class TestUnusedSuppression:
    """A rule like the others: ignored, turned off, given its own item (`unreadable-document`,
    which cannot be turned off, is in test_hostile_inputs.py)."""

    STALE = "# Guide\n\n<!-- doclint-disable-next-line no-empty-sections -->\n## A\n\nText.\n"

    @pytest.fixture
    def guide(self, pytester: pytest.Pytester) -> pytest.Pytester:
        pytester.makefile(".md", guide=self.STALE)
        return pytester

    def test_doclint_ignore_unused_suppression(self, guide):
        """Regression: `--doclint-ignore=unused-suppression` was a usage error."""
        result = guide.runpytest("--doclint", "--doclint-report=report.json")
        result.assert_outcomes(passed=1, warnings=1)
        assert report(guide) == {"guide.md": [("unused-suppression", 3)]}
        result = guide.runpytest("--doclint", "--doclint-ignore=unused-suppression",
                                 "--doclint-report=report.json")  # fmt: skip
        result.assert_outcomes(passed=1)
        assert report(guide) == {"guide.md": []}

    def test_off_in_the_config(self, guide):
        """Regression: `unused-suppression: off` in doclint.yaml was a usage error."""
        guide.makefile(".yaml", doclint="rules:\n  unused-suppression: off\n")
        guide.runpytest("--doclint-report=report.json").assert_outcomes(passed=1)
        assert report(guide) == {"guide.md": []}

    def test_its_own_item_per_rule_fails_at_severity_error(self, guide):
        guide.makefile(".yaml", doclint="items: rule\nrules:\n  unused-suppression: error\n")
        result = guide.runpytest("-v")
        result.assert_outcomes(failed=1, passed=6)
        result.stdout.fnmatch_lines(["*guide.md::unused-suppression FAILED*"])
        result.stdout.fnmatch_lines(["*guide.md::no-empty-sections PASSED*"])

    def test_a_used_suppression_passes_its_own_item(self, pytester):
        text = self.STALE.replace("## A\n\nText.\n", "## A\n## B\n\nText.\n")
        pytester.makefile(".md", guide=text)
        result = pytester.runpytest("--doclint", "--doclint-per-rule", "-v")
        result.assert_outcomes(passed=7)
        result.stdout.no_fnmatch_line("*DoclintWarning*")  # it ran no-empty-sections to judge
        result.stdout.fnmatch_lines(["*guide.md::unused-suppression PASSED*"])


def test_crash_in_a_rule_keeps_the_traceback(pytester, speech):
    pytester.makeconftest(
        "import dataclasses\n"
        "from pytest_doclint.checks import builtin_rules\n"
        "def boom(document, options):\n"
        "    raise RuntimeError('rule bug')\n"
        "rules = builtin_rules()\n"
        "rules['no-empty-sections'] = dataclasses.replace(rules['no-empty-sections'], check=boom)\n"
    )
    result = pytester.runpytest_subprocess("--doclint")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*def boom(document, options):*", "E*RuntimeError: rule bug"])


WHERE_LINTED = '''
import os

import pytest

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding

RUN_PROCESS = os.getpid()


@rule("where-linted", "Says which process linted the document", formats=("markdown",))
def where_linted(document, options):
    """Reports the process it runs in: the pytest process or another."""
    place = "the pytest process" if os.getpid() == RUN_PROCESS else "another process"
    yield Finding(1, 1, f"linted in {place}")


@pytest.hookimpl
def pytest_doclint_rules():
    return [where_linted]
'''


class TestLintAhead:
    """`--doclint-jobs N`: documents are linted in N processes during collection, then
    reported in pytest's order as if linted in the run."""

    @pytest.fixture
    def library(self, pytester: pytest.Pytester, speech) -> pytest.Pytester:
        pytester.makeconftest(WHERE_LINTED)
        pytester.makefile(".yaml", doclint="rules:\n  where-linted: warning\n")
        for number in range(8):
            pytester.makefile(".md", **{f"guide{number}": "# Guide\n\n## Install\n\nRun it.\n"})
            pytester.makefile(".md", **{f"twice{number}": "# A\n\n## B\n\nx.\n\n## B\n\ny.\n"})
        return pytester

    def test_findings_and_reports_are_those_of_one_process(self, library):
        runs = {}
        for jobs in ("1", "2"):
            result = library.runpytest("-p", "no:cacheprovider", f"--doclint-jobs={jobs}",
                                       f"--doclint-report=json:.out/{jobs}.json",
                                       f"--doclint-report=sarif:.out/{jobs}.sarif")  # fmt: skip
            result.assert_outcomes(failed=9, passed=8, warnings=16)
            runs[jobs] = result.stdout.lines
        place = {"1": "the pytest process", "2": "another process"}
        for jobs in ("1", "2"):
            report = (library.path / ".out" / f"{jobs}.json").read_text(encoding="utf-8")
            assert f"linted in {place[jobs]}" in report
            assert f"linted in {place[str(3 - int(jobs))]}" not in report
        one = (library.path / ".out/1.json").read_text(encoding="utf-8")
        two = (library.path / ".out/2.json").read_text(encoding="utf-8")
        assert two == one.replace("the pytest process", "another process")
        failures = [line for line in runs["1"] if line.startswith("FAILED")]
        assert failures == [line for line in runs["2"] if line.startswith("FAILED")]

    def test_one_item_per_rule_parses_once_in_the_pool(self, library):
        result = library.runpytest("-p", "no:cacheprovider", "--doclint-jobs=2",
                                   "--doclint-per-rule", "-rf")  # fmt: skip
        result.assert_outcomes(failed=11, passed=122, warnings=16)
        result.stdout.fnmatch_lines(["FAILED twice0.md::no-duplicate-headings - *"])

    def test_the_cache_answers_before_the_pool(self, library):
        library.runpytest("--doclint-jobs=2").assert_outcomes(failed=9, passed=8, warnings=16)
        again = library.runpytest("--doclint-jobs=2")
        again.assert_outcomes(failed=9, passed=8, warnings=16)
        again.stdout.fnmatch_lines(["cache: 17 of 17 results reused, 0 linted"])
