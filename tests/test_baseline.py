"""The ratcheting baseline: known findings xfail, new ones fail, fixed ones fail as XPASS."""

from __future__ import annotations

import json
import shutil
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from pytest_doclint import cli
from pytest_doclint.baseline import Baseline
from pytest_doclint.baseline import Entry
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.report_model import DocumentReport

EXAMPLES = Path(__file__).parent.parent / "examples"
GUIDE = """\
# Guide

## Install

Run the installer.

## Usage

Start it.

## Install

Again, for the second machine.
"""
NOTES = """\
=====
Notes
=====

Setup
=====

First.

Setup
=====

Second.
"""
BASELINE = "doclint-baseline.yaml"


def finding(rule: str, line: int, fingerprint: str, severity: str = "error") -> Finding:
    return Finding(line, 1, f"{rule} at line {line}", rule=rule, severity=severity,
                   fingerprint=fingerprint)  # fmt: skip


def report(path: str, *findings: Finding, rules: set[str]) -> DocumentReport:
    return DocumentReport(path, "markdown", "utf-8", findings, frozenset(rules))


class TestJudge:
    BASE = Baseline(Path("b.yaml"), {"a.md": [Entry("r", "m", "f1"), Entry("r", "m", "f2"),
                                              Entry("s", "m", "f3")]})  # fmt: skip

    def test_new_known_and_fixed(self):
        judged = self.BASE.judge(report("a.md", finding("r", 3, "f1"), finding("r", 9, "f9"),
                                        rules={"r"}))  # fmt: skip
        assert [f.fingerprint for f in judged.known_findings] == ["f1"]
        assert [f.fingerprint for f in judged.failures] == ["f9"]
        assert judged.fixed == (Entry("r", "m", "f2"),)
        assert judged.failed

    def test_only_the_rules_judged_count(self):
        judged = self.BASE.judge(report("a.md", finding("r", 3, "f1"), finding("r", 4, "f2"),
                                        rules={"r"}))  # fmt: skip
        assert judged.fixed == ()  # `s` did not run: its entry is neither matched nor fixed
        assert not judged.failed

    def test_an_unknown_warning_does_not_fail(self):
        judged = self.BASE.judge(report("b.md", finding("r", 1, "w", severity="warning"),
                                        rules={"r"}))  # fmt: skip
        assert (judged.failures, judged.known_findings, judged.fixed) == ([], [], ())
        assert [f.fingerprint for f in judged.new_findings] == ["w"]

    def test_a_known_finding_downgraded_to_a_warning_still_matches(self):
        judged = self.BASE.judge(report("a.md", finding("s", 1, "f3", severity="warning"),
                                        rules={"s"}))  # fmt: skip
        assert [f.fingerprint for f in judged.known_findings] == ["f3"] and judged.fixed == ()


class TestUpdate:
    def test_replaces_the_rules_run_and_keeps_the_others(self):
        old = Baseline(Path("b.yaml"), {"a.md": [Entry("r", "m", "f1"), Entry("s", "m", "f3")]})
        linted = report("a.md", finding("r", 2, "f7"), finding("r", 5, "w", severity="warning"),
                        rules={"r"})  # fmt: skip
        new = old.updated([linted], exists=lambda path: True)
        assert new.documents == {"a.md": [Entry("r", "r at line #", "f7"), Entry("s", "m", "f3")]}

    def test_documents_outside_the_run_stay_while_their_file_exists(self):
        old = Baseline(Path("b.yaml"), {"kept.md": [Entry("r", "m", "1")],
                                        "deleted.md": [Entry("r", "m", "2")]})  # fmt: skip
        new = old.updated([report("clean.md", rules={"r"})], exists=lambda path: path == "kept.md")
        assert list(new.documents) == ["kept.md"]

    def test_output_is_sorted_and_reads_as_yaml_or_json(self, tmp_path):
        entries = {
            "z.md": [Entry("r", "b", "2"), Entry("r", "a", "9")],
            "a.md": [Entry("q", "m", "1")],
        }
        for name in ("b.yaml", "b.json"):
            written = Baseline(tmp_path / name, {}).updated(
                [report(p, *[finding(e.rule, 1, e.fingerprint) for e in es], rules={"r", "q"})
                 for p, es in entries.items()], exists=lambda path: True)  # fmt: skip
            written.save()
            text = (tmp_path / name).read_text(encoding="utf-8")
            data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
            assert list(data["documents"]) == ["a.md", "z.md"]
            assert [e["message"] for e in data["documents"]["z.md"]] == ["r at line #"] * 2
            assert Baseline.load(tmp_path / name).documents == written.documents
        assert (
            (tmp_path / "b.yaml")
            .read_text(encoding="utf-8")
            .startswith("# pytest-doclint baseline")
        )


class TestLoad:
    @pytest.mark.parametrize(("text", "expected"), [
        ("version: 1\ndocuments:\n  a.md:\n  - rule: r\n    message: m\n    fingerprint: [x\n",
         "b.yaml:7: baseline is not valid YAML*"),
        ("- 1\n", "baseline *b.yaml is not a doclint baseline of version 1*"),
        ("version: 2\ndocuments: {}\n", "baseline *b.yaml is not a doclint baseline of version 1*"),
        ("version: 1\ndocuments: [a.md]\n", "*`documents` must map document paths*"),
        ("version: 1\ndocuments:\n  a.md: {rule: r}\n", "*`a.md` must be a list of findings*"),
        ("version: 1\ndocuments:\n  a.md:\n  - rule: r\n    message: m\n",
         "*finding 1 of `a.md` needs `rule`, `message`, `fingerprint` as text*"),
    ])  # fmt: skip
    def test_a_broken_file_says_what_is_wrong(self, tmp_path, monkeypatch, text, expected):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as error:
            Baseline.load(tmp_path / "b.yaml")
        assert fnmatch(str(error.value), expected), str(error.value)

    def test_a_missing_file_says_how_to_write_it(self, tmp_path):
        with pytest.raises(
            ConfigError, match="does not exist; write it with --doclint-update-baseline"
        ):
            Baseline.load(tmp_path / "none.yaml")
        assert Baseline.open(tmp_path / "none.yaml", update=True).documents == {}


# --- end to end ---------------------------------------------------------------------------


@pytest.fixture
def three_documents(pytester: pytest.Pytester) -> dict[str, Path]:
    """The speech (5 findings), a Markdown guide and a reST note with a repeated heading."""
    shutil.copy(EXAMPLES / "speech.txt", pytester.path / "speech.txt")
    (pytester.path / "guide.md").write_text(GUIDE, encoding="utf-8")
    (pytester.path / "notes.rst").write_text(NOTES, encoding="utf-8")
    return {name: pytester.path / name for name in ("speech.txt", "guide.md", "notes.rst")}


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--doclint", f"--doclint-baseline={BASELINE}", "-ra", *args)


def entries(pytester: pytest.Pytester) -> dict[str, list[str]]:
    data = yaml.safe_load((pytester.path / BASELINE).read_text(encoding="utf-8"))
    return {path: [e["rule"] for e in found] for path, found in data["documents"].items()}


class TestRatchet:
    def test_the_whole_cycle(self, pytester, three_documents):
        """Issue #5's acceptance, step by step."""
        written = run(pytester, "--doclint-update-baseline")
        assert written.ret == pytest.ExitCode.OK
        written.assert_outcomes(xfailed=3)
        written.stdout.fnmatch_lines(
            [f"baseline: wrote {BASELINE}, 7 findings: 7 added, 0 removed"]
        )
        assert entries(pytester) == {
            "guide.md": ["no-duplicate-headings"],
            "notes.rst": ["no-duplicate-headings"],
            "speech.txt": ["heading-numbering", "no-truncated-ending"] + ["toc-matches-body"] * 3,
        }

        known = run(pytester)
        assert known.ret == pytest.ExitCode.OK
        known.assert_outcomes(xfailed=3)
        known.stdout.fnmatch_lines([f"XFAIL speech.txt::doclint - the baseline {BASELINE} lists "
                                    "5 findings"])  # fmt: skip

        guide = three_documents["guide.md"]
        guide.write_text(GUIDE + "\n## Usage\n\nOnce more.\n", encoding="utf-8")
        new = run(pytester)
        assert new.ret == pytest.ExitCode.TESTS_FAILED
        new.assert_outcomes(failed=1, xfailed=2)
        new.stdout.fnmatch_lines([
            "1 problem to fix before publishing: no-duplicate-headings",
            "guide.md:15:4: no-duplicate-headings *`Usage`*",
            f"Not shown: 1 finding known from the baseline {BASELINE}.",
            "FAILED guide.md::doclint - 1 problem to fix before publishing*",
        ])  # fmt: skip
        new.stdout.no_fnmatch_line("guide.md:11:4:*")
        guide.write_text(GUIDE, encoding="utf-8")

        notes = three_documents["notes.rst"]
        notes.write_text(NOTES.replace("Setup\n=====\n\nSecond.", "Usage\n=====\n\nSecond."),
                         encoding="utf-8")  # fmt: skip
        fixed = run(pytester)
        assert fixed.ret == pytest.ExitCode.TESTS_FAILED
        fixed.assert_outcomes(failed=1, xfailed=2)
        fixed.stdout.fnmatch_lines([
            f"[[]XPASS(strict)[]] the baseline {BASELINE} lists 1 finding",
            f"1 finding from the baseline {BASELINE} no longer found in notes.rst:",
            "  no-duplicate-headings Heading `Setup` repeats the heading on line #",
            "  hint: fixed? record it: run again with --doclint-update-baseline and commit "
            f"{BASELINE}",
            "in the baseline but fixed (update it): 1",
            "FAILED notes.rst::doclint - [[]XPASS(strict)[]] the baseline*",
        ], consecutive=False)  # fmt: skip

        rewritten = run(pytester, "--doclint-update-baseline")
        assert rewritten.ret == pytest.ExitCode.OK
        rewritten.stdout.fnmatch_lines(
            [f"baseline: wrote {BASELINE}, 6 findings: 0 added, 1 removed"]
        )
        assert "notes.rst" not in entries(pytester)
        updated = run(pytester)
        assert updated.ret == pytest.ExitCode.OK
        updated.assert_outcomes(passed=1, xfailed=2)

        speech, guide = three_documents["speech.txt"], three_documents["guide.md"]
        speech.write_text("\n" * 10 + speech.read_text(encoding="utf-8"), encoding="utf-8")
        intro = "".join(f"A line of introduction, number {n}.\n" for n in range(10))
        guide.write_text(GUIDE.replace("# Guide\n", "# Guide\n\n" + intro, 1), encoding="utf-8")
        moved = run(pytester, "--doclint-report=report.json")
        assert moved.ret == pytest.ExitCode.OK
        moved.assert_outcomes(passed=1, xfailed=2)
        report = json.loads((pytester.path / "report.json").read_text(encoding="utf-8"))
        lines = {d["path"]: [f["line"] for f in d["findings"]] for d in report["documents"]}
        assert lines["speech.txt"] == [16, 19, 20, 42, 45] and lines["guide.md"] == [22]
        assert {f["baseline"] for d in report["documents"] for f in d["findings"]} == {"known"}

    def test_a_new_finding_beside_a_fixed_one_names_both(self, pytester, three_documents):
        run(pytester, "--doclint-update-baseline")
        three_documents["guide.md"].write_text(
            GUIDE.replace("## Install\n\nAgain", "## Usage\n\nAgain"), encoding="utf-8"
        )
        result = run(pytester)
        result.assert_outcomes(failed=1, xfailed=2)
        result.stdout.fnmatch_lines([
            "guide.md:11:4: no-duplicate-headings Heading `Usage` repeats the heading on line 7",
            f"1 finding from the baseline {BASELINE} no longer found in guide.md:",
            "  no-duplicate-headings Heading `Install` repeats the heading on line #",
        ], consecutive=False)  # fmt: skip

    def test_per_rule_items_xfail_only_for_their_own_rules(self, pytester, three_documents):
        run(pytester, "--doclint-update-baseline")
        result = run(pytester, "--doclint-per-rule", "-v")
        assert result.ret == pytest.ExitCode.OK
        result.assert_outcomes(passed=15, xfailed=5)  # unused-suppression: guide.md, notes.rst
        result.stdout.fnmatch_lines(["speech.txt::heading-numbering XFAIL*",
                                     "speech.txt::no-duplicate-headings PASSED*",
                                     "speech.txt::no-empty-sections PASSED*",
                                     "speech.txt::no-truncated-ending XFAIL*",
                                     "speech.txt::toc-matches-body XFAIL*"])  # fmt: skip

    def test_parallel_runs_judge_and_write_the_same(self, pytester, three_documents):
        run(pytester, "--doclint-update-baseline", "-p", "no:xdist")
        serial = (pytester.path / BASELINE).read_bytes()
        (pytester.path / BASELINE).unlink()
        assert run(pytester, "--doclint-update-baseline", "-n", "2").ret == pytest.ExitCode.OK
        assert (pytester.path / BASELINE).read_bytes() == serial
        three_documents["guide.md"].write_text(
            GUIDE + "\n## Usage\n\nOnce more.\n", encoding="utf-8"
        )
        run(pytester, "-n", "2").assert_outcomes(failed=1, xfailed=2)

    def test_a_partial_run_keeps_the_other_documents(self, pytester, three_documents):
        run(pytester, "--doclint-update-baseline")
        three_documents["notes.rst"].unlink()
        assert run(pytester, "--doclint-update-baseline", "guide.md").ret == pytest.ExitCode.OK
        assert list(entries(pytester)) == ["guide.md", "speech.txt"]  # notes.rst is gone

    def test_warnings_are_not_recorded(self, pytester, three_documents):
        pytester.makefile(".yaml", doclint="rules:\n  toc-matches-body: warning\n")
        run(pytester, "--doclint-update-baseline")
        assert "toc-matches-body" not in entries(pytester)["speech.txt"]
        run(pytester).assert_outcomes(xfailed=3)

    def test_a_json_baseline(self, pytester, three_documents):
        pytester.runpytest(
            "--doclint", "--doclint-baseline=known.json", "--doclint-update-baseline"
        )
        data = json.loads((pytester.path / "known.json").read_text(encoding="utf-8"))
        assert data["version"] == 1 and len(data["documents"]["speech.txt"]) == 5
        pytester.runpytest("--doclint", "--doclint-baseline=known.json").assert_outcomes(xfailed=3)

    @pytest.mark.parametrize(("args", "message"), [
        ((f"--doclint-baseline={BASELINE}",),
         f"*--doclint-baseline: baseline *{BASELINE} does not exist; write it with*"),
        (("--doclint-update-baseline",),
         "*--doclint-update-baseline needs --doclint-baseline=FILE*"),
    ])  # fmt: skip
    def test_usage_errors(self, pytester, three_documents, args, message):
        result = pytester.runpytest("--doclint", *args)
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines([f"ERROR: {message}"])

    def test_a_broken_baseline_names_its_line(self, pytester, three_documents):
        (pytester.path / BASELINE).write_text(
            "version: 1\ndocuments:\n  a.md: [\n", encoding="utf-8"
        )
        result = run(pytester)
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(
            [f"ERROR: --doclint-baseline: {BASELINE}:4: baseline is not valid YAML*"]
        )


class TestCommand:
    def test_the_command_ratchets_like_the_plugin(self, pytester, three_documents, capsys):
        def doclint(*args: str) -> tuple[int, str]:
            code = cli.main([str(pytester.path), "--root", str(pytester.path), "--baseline",
                             str(pytester.path / "cli.yaml"), *args])  # fmt: skip
            return code, capsys.readouterr().out

        assert doclint("--update-baseline")[0] == cli.EXIT_CLEAN
        run(pytester, "--doclint-update-baseline")
        assert (pytester.path / "cli.yaml").read_bytes() == (pytester.path / BASELINE).read_bytes()
        code, out = doclint()
        assert code == cli.EXIT_CLEAN and out.endswith("; 7 known from the baseline\n")
        three_documents["guide.md"].write_text(
            GUIDE + "\n## Usage\n\nOnce more.\n", encoding="utf-8"
        )
        code, out = doclint()
        assert code == cli.EXIT_FINDINGS
        assert out.splitlines()[0].startswith("guide.md:15:4: no-duplicate-headings")
        assert "guide.md:11:1" not in out
        renamed = GUIDE.replace("## Install\n\nAgain", "## Setup\n\nAgain")
        three_documents["guide.md"].write_text(renamed, encoding="utf-8")
        code, out = doclint()
        assert code == cli.EXIT_FINDINGS
        assert out.splitlines()[0] == (
            f"guide.md: no-duplicate-headings no longer found, but the baseline "
            f"{pytester.path / 'cli.yaml'} lists it: Heading `Install` repeats the heading on "
            "line #"
        )

    def test_update_needs_a_file(self, capsys):
        assert cli.main(["x", "--update-baseline"]) == cli.EXIT_USAGE
        assert "--update-baseline needs --baseline FILE" in capsys.readouterr().err
