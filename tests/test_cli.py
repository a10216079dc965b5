"""The `doclint` command: output, exit codes, config, reports; agreement with the plugin;
the pre-commit hook manifest; the recipes of docs/ci.md."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pytest_doclint import cli
from pytest_doclint import discovery
from pytest_doclint import reports
from pytest_doclint import runner
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import TOP_KEYS
from pytest_doclint.findings import Finding
from pytest_doclint.reference import rule_page
from pytest_doclint.report_model import DocumentReport

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SPEECH_LINES = [  # the start of each line
    "speech.txt:6:1: toc-matches-body TOC entry `(一)治理效能的均衡性有待提升` has no heading",
    "speech.txt:9:1: toc-matches-body TOC entry `(四)多元共治的协同效应仍需深化` has no heading",
    "speech.txt:10:1: toc-matches-body TOC entry `三、聚焦攻坚冲刺决胜中开创治理新局` has no",
    "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`",
    "speech.txt:35:111: no-truncated-ending The document stops mid-sentence",
]
GUIDE = "# Guide\n\n## Install\n\n## Usage\n\nRun it.\n\n## Install\n\nAgain.\n"
CLEAN = "# Notes\n\n## One\n\nAll good.\n"


def from_json(data: dict) -> DocumentReport:
    """A document of a JSON report, as reports take it (without a baseline)."""
    findings = tuple(Finding(**f) for f in data["findings"])
    return DocumentReport(data["path"], data["format"], data["encoding"], findings)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def script(name: str) -> str:
    """A console script of this environment (next to the interpreter, else on PATH)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"console script `{name}` is not installed: pip install -e ."
    return found


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (with a pyproject.toml, so it is the rootdir) holding the examples."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for variable in ("NO_COLOR", "FORCE_COLOR"):  # colour is tested on its own (TestColor)
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'docs'\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "speech.txt", tmp_path / "speech.txt")
    shutil.copy(EXAMPLES / "speech-repaired.txt", tmp_path / "repaired.txt")
    return tmp_path


class TestOutput:
    def test_concise_lines_summary_and_exit_code(self, project):
        code, out, err = run("--concise", ".")
        assert code == cli.EXIT_FINDINGS
        lines = out.splitlines()
        assert len(lines) == 6
        assert all(line.startswith(start) for line, start in zip(lines, SPEECH_LINES, strict=False))
        assert lines[5] == ("5 findings in 1 of 2 documents — toc-matches-body ×3, "
                            "heading-numbering ×1, no-truncated-ending ×1; fix them, or record "
                            "them with --baseline FILE --update-baseline; `doclint --outline "
                            "PATH` shows how a document was read")  # fmt: skip
        assert err == ""

    def test_clean_documents_exit_zero(self, project):
        code, out, _ = run("repaired.txt")
        assert (code, out) == (cli.EXIT_CLEAN, "1 document checked, 0 failed, no findings\n")

    def test_quiet_drops_the_summary(self, project):
        assert run("-q", "repaired.txt")[1] == ""
        assert len(run("-q", "--concise", "speech.txt")[1].splitlines()) == 5

    @pytest.mark.parametrize("view", [[], ["--full"]])
    def test_full_form_is_the_default_with_snippet_and_hint(self, project, view):
        code, out, _ = run(*view, "speech.txt")
        assert code == cli.EXIT_FINDINGS
        assert (
            "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`\n"
            "  32 | (二)新兴领域的治理课题亟待破解\n     | ^^^^\n  hint: " in out
        )

    def test_concise_and_full_exclude_each_other(self, project, capsys):
        assert run("--concise", "--full", "speech.txt")[0] == cli.EXIT_USAGE
        assert "not allowed with argument" in capsys.readouterr().err

    def test_warnings_alone_exit_zero(self, project):
        (project / "doclint.yaml").write_text(
            "rules:\n  toc-matches-body: warning\n  heading-numbering: warning\n"
            "  no-truncated-ending: warning\n", encoding="utf-8")  # fmt: skip
        code, out, _ = run("speech.txt")
        assert code == cli.EXIT_CLEAN
        assert out.splitlines()[-1].startswith("5 findings in 0 of 1 document — ")

    def test_select_and_ignore(self, project):
        code, out, _ = run("-q", "--concise", "--select", "heading-numbering,no-truncated-ending",
                           "--ignore", "no-truncated-ending", ".")  # fmt: skip
        assert code == cli.EXIT_FINDINGS
        assert out == "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`\n"

    def test_module_entry_point(self, project):
        done = subprocess.run([sys.executable, "-m", "pytest_doclint", "speech.txt"],
                              capture_output=True, encoding="utf-8", cwd=project)  # fmt: skip
        assert done.returncode == 1
        assert done.stdout.startswith(SPEECH_LINES[0])

    def test_console_script(self, project):
        done = subprocess.run([script("doclint"), "-q", "repaired.txt"], capture_output=True,
                              text=True, encoding="utf-8", cwd=project)  # fmt: skip
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")

    def test_github_annotations(self, project, monkeypatch):
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        out = run("speech.txt")[1]
        assert out.count("\n::error file=speech.txt,") + out.startswith("::error") == 5
        assert "::error file=speech.txt,line=32,col=1,title=heading-numbering::Heading" in out
        assert "::error" not in run("--no-annotations", "speech.txt")[1]


class TestUsageErrors:
    def test_unknown_rule(self, project):
        code, out, err = run("--select", "heading-numbers", ".")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err == ("--select: unknown rule `heading-numbers`; "
                       "did you mean `heading-numbering`? "
                       f"(rules: {', '.join(builtin_rules())})\n")  # fmt: skip

    def test_bad_config_is_one_line_on_stderr(self, project):
        (project / "doclint.yaml").write_text("rules:\n  toc-match-body: error\n", encoding="utf-8")
        code, out, err = run(".")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err.count("\n") == 1
        assert err.startswith("doclint.yaml:2: unknown rule `toc-match-body`; "
                              "did you mean `toc-matches-body`?")  # fmt: skip

    def test_bad_config_below_a_folder_stops_the_run(self, project):
        (project / "sub").mkdir()
        (project / "sub" / "doclint.yaml").write_text("severity: high\n", encoding="utf-8")
        code, out, err = run(".")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err.startswith("sub/doclint.yaml:1: unknown key `severity`")

    def test_bad_pyproject_table(self, project):
        pyproject = project / "pyproject.toml"
        pyproject.write_text("[tool.doclint]\nitems = 'page'\n", encoding="utf-8")
        code, _, err = run("speech.txt")
        assert code == cli.EXIT_USAGE
        assert "unknown item mode `page`" in err

    def test_no_paths(self, project):
        code, _, err = run()
        assert code == cli.EXIT_USAGE
        assert "give at least one PATH" in err

    def test_missing_path(self, project):
        code, _, err = run("nowhere.md")
        assert code == cli.EXIT_USAGE
        assert err == "no such file or folder: nowhere.md\n"

    def test_unknown_option(self, project, capsys):
        assert run("--frobnicate", ".")[0] == cli.EXIT_USAGE
        assert "unrecognized arguments: --frobnicate" in capsys.readouterr().err

    def test_bad_report_format(self, project):
        code, _, err = run("--report", "xml:out.xml", ".")
        assert code == cli.EXIT_USAGE
        assert err.startswith("--report: unknown report format `xml`")


class TestEngineRules:
    """`unused-suppression` and `unreadable-document` are selected, ignored and configured
    like every other rule (their findings are made by the engine, not by a check)."""

    STALE = "# Guide\n\n<!-- doclint-disable-next-line no-empty-sections -->\n## A\n\nText.\n"
    UNUSED = (
        "guide.md:3:1: unused-suppression Suppression of `no-empty-sections` suppresses nothing\n"
    )

    @pytest.fixture
    def guide(self, project: Path) -> Path:
        guide = project / "guide.md"
        guide.write_text(self.STALE, encoding="utf-8")
        return guide

    def test_ignore_unused_suppression(self, guide):
        """Regression: `--ignore unused-suppression` stopped the run as an unknown rule."""
        assert run("-q", "--concise", "guide.md") == (cli.EXIT_CLEAN, self.UNUSED, "")
        assert run("-q", "--ignore", "unused-suppression", "guide.md") == (cli.EXIT_CLEAN, "", "")

    def test_select_unused_suppression(self, guide):
        assert run("-q", "--concise", "--select", "unused-suppression", "guide.md") == (
            cli.EXIT_CLEAN,
            self.UNUSED,
            "",
        )

    def test_unused_suppression_off_in_the_config(self, guide):
        """Regression: `unused-suppression: off` stopped the run as an unknown rule."""
        (guide.parent / "doclint.yaml").write_text("rules:\n  unused-suppression: off\n",
                                                   encoding="utf-8")  # fmt: skip
        clean = "1 document checked, 0 failed, no findings\n"
        assert run("guide.md") == (cli.EXIT_CLEAN, clean, "")

    def test_unused_suppression_as_an_error_fails(self, guide):
        (guide.parent / "doclint.yaml").write_text("rules:\n  unused-suppression: error\n",
                                                   encoding="utf-8")  # fmt: skip
        assert run("-q", "--concise", "guide.md") == (cli.EXIT_FINDINGS, self.UNUSED, "")

    def test_unreadable_document_cannot_be_ignored(self, project):
        code, out, err = run("--ignore", "unreadable-document", ".")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err.startswith("--ignore: `unreadable-document` cannot be ignored: a document that "
                              "cannot be read would pass unseen")  # fmt: skip

    def test_unreadable_document_cannot_be_off(self, project):
        (project / "doclint.yaml").write_text("rules:\n  unreadable-document: off\n",
                                              encoding="utf-8")  # fmt: skip
        code, out, err = run(".")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err.startswith("doclint.yaml:2: `unreadable-document` cannot be off")
        assert err.count("\n") == 1

    def test_unreadable_document_as_a_warning_passes(self, project):
        (project / "broken.txt").write_bytes(b"abc\x00\x01zz")
        (project / "doclint.yaml").write_text("rules:\n  unreadable-document: warning\n",
                                              encoding="utf-8")  # fmt: skip
        code, out, _ = run("-q", "--concise", "broken.txt")
        assert code == cli.EXIT_CLEAN
        assert out == ("broken.txt:1:4: unreadable-document The document cannot be read: "
                       "binary file: a NUL byte at byte offset 3\n")  # fmt: skip

    def test_a_selection_still_reports_an_unreadable_document(self, project):
        (project / "broken.txt").write_bytes(b"abc\x00\x01zz")
        code, out, _ = run("-q", "--concise", "--select", "heading-numbering", "broken.txt",
                           "speech.txt")  # fmt: skip
        assert code == cli.EXIT_FINDINGS
        assert [line.split(" ")[:2] for line in out.splitlines()] == [
            ["broken.txt:1:4:", "unreadable-document"],
            ["speech.txt:32:1:", "heading-numbering"],
        ]

    def test_listed_and_explained(self, project):
        listed = [line.split()[0] for line in run("--list-rules")[1].splitlines()]
        for rid in ("unreadable-document", "unused-suppression"):
            assert rid in listed
            assert run("--explain", rid) == (cli.EXIT_CLEAN, rule_page(builtin_rules()[rid]), "")


PLACEHOLDERS = """\
rules:
  placeholders:
    type: pattern
    severity: warning
    description: Placeholders left in a notice
    patterns: ["XX区", "某某"]
    examples:
      valid: ["会议在朝阳区召开。"]
      invalid: ["会议在XX区召开。"]
"""


class TestRuleDocs:
    def test_list_rules(self, project):
        code, out, _ = run("--list-rules")
        assert code == 0
        rules = builtin_rules()
        listed = [line.split()[0] for line in out.splitlines()]
        assert listed[: len(rules)] == list(rules)
        assert all(rule.summary in out for rule in rules.values())

    def test_list_rules_shows_the_rule_instances_of_the_packs(self, project):
        _, out, _ = run("--list-rules")
        (line,) = [line for line in out.splitlines() if line.startswith("announced-count ")]
        assert line.split(None, 1)[1] == (
            "An announced number of parts is the number that "
            "follows  (zh-official pack, type announced-count)"
        )
        assert "house-spelling" in out and "(en-prose pack, type substitution)" in out

    def test_list_rules_shows_the_instances_of_the_config_that_applies_here(self, project,
                                                                          monkeypatch):  # fmt: skip
        (project / "notices").mkdir()
        (project / "notices" / "doclint.yaml").write_text(PLACEHOLDERS, encoding="utf-8")
        assert "placeholders" not in run("--list-rules")[1]
        monkeypatch.chdir(project / "notices")
        code, out, _ = run("--list-rules")
        assert code == 0
        assert out.splitlines()[-1].split(None, 1) == [
            "placeholders",
            "Placeholders left in a notice  (notices/doclint.yaml:2, type pattern)",
        ]

    def test_explain(self, project):
        code, out, _ = run("--explain", "toc-matches-body")
        assert (code, out) == (0, rule_page(builtin_rules()["toc-matches-body"]))

    def test_a_broken_config_hides_only_its_own_instances(self, project):
        (project / "doclint.yaml").write_text("rulez: {}\n", encoding="utf-8")
        assert run("--explain", "link-fragments")[0] == 0
        code, out, err = run("--list-rules")
        assert code == 0 and "link-fragments" in out and "announced-count" in out
        assert err == (
            "doclint: note: rule instances of the configs here are not listed: "
            "doclint.yaml:1: unknown key `rulez`; did you mean `rules`? (expected "
            "one of: " + ", ".join(TOP_KEYS) + ")\n"
        )

    def test_explain_a_pack_instance(self, project):
        code, out, _ = run("--explain", "announced-count")
        assert code == 0
        assert out.startswith(
            "# `announced-count`\n\nAn announced number of parts is the "
            "number that follows.\n\nDefined in: pack `zh-official` "
            "(rules/zh-official.yaml:"
        )
        assert "Type: `announced-count`" in out and "Severity: error" in out
        # the type's documentation, its keys, and the instance's own definition and examples
        assert "## The `announced-count` type" in out and "1. **Sections.**" in out
        assert "| `patterns` | list of text | `[]` |" in out
        assert "## Definition\n\n```yaml\nannounced-count:\n  type: announced-count\n```" in out
        assert "Flagged:\n\n```text\n下面，我讲三点意见。\n一、统一思想" in out

    def test_explain_an_instance_of_the_config_that_applies_here(self, project):
        (project / "doclint.yaml").write_text(PLACEHOLDERS, encoding="utf-8")
        code, out, _ = run("--explain", "placeholders")
        assert code == 0
        assert "Defined in: doclint.yaml:2 · Type: `pattern`" in out
        assert "Severity: warning" in out
        assert "  patterns:\n  - XX区\n  - 某某\n" in out
        assert "Left alone:\n\n```text\n会议在朝阳区召开。\n```" in out

    def test_explain_unknown_rule(self, project):
        code, out, err = run("--explain", "toc-match-body")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert "did you mean `toc-matches-body`?" in err
        assert "did you mean `announced-count`?" in run("--explain", "anounced-count")[2]


class TestDiscovery:
    def test_walk_skips_hidden_and_tool_folders(self, project):
        for folder in (".git", ".venv", "node_modules", "build", "dist", "venv", "pkg.egg", "env"):
            (project / folder).mkdir()
            shutil.copy(EXAMPLES / "speech.txt", project / folder / "copy.txt")
        (project / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
        (project / "notes").mkdir()
        (project / "notes" / "a.md").write_text(CLEAN, encoding="utf-8")
        linted = runner.iter_lint([project], project, builtin_rules())
        paths = [linted.report.path for linted in linted]
        assert paths == ["notes/a.md", "repaired.txt", "speech.txt"]

    def test_named_files_outside_include_are_skipped(self, project):
        (project / "a.py").write_text("x = 1\n", encoding="utf-8")
        code, out, _ = run("a.py", "pyproject.toml", "repaired.txt")
        assert (code, out) == (0, "1 document checked, 0 failed, no findings\n")

    def test_exclude_applies_to_named_files(self, project):
        (project / "doclint.yaml").write_text("exclude: [speech.txt]\n", encoding="utf-8")
        assert run("speech.txt", "repaired.txt")[0] == cli.EXIT_CLEAN

    def test_rootdir_is_the_nearest_project_folder(self, project, monkeypatch):
        (project / "pyproject.toml").write_text(
            "[tool.doclint]\nrules = { toc-matches-body = 'off' }\n", encoding="utf-8")  # fmt: skip
        docs = project / "docs" / "zh"
        docs.mkdir(parents=True)
        shutil.move(project / "speech.txt", docs / "speech.txt")
        monkeypatch.chdir(docs)
        code, out, _ = run("-q", "--concise", ".")
        assert code == cli.EXIT_FINDINGS
        assert out.splitlines() == [
            "docs/zh/speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`",
            "docs/zh/speech.txt:35:111: no-truncated-ending The document stops mid-sentence: the "
            "text breaks off after `…对等、“小马拉大车”的现象在一` (sentences before it in its "
            "paragraph end, it does not)",
        ]  # fmt: skip
        assert discovery.find_rootdir(docs) == project.resolve()

    def test_root_option(self, project, monkeypatch):
        (project / "docs").mkdir()
        shutil.move(project / "speech.txt", project / "docs" / "speech.txt")
        code, out, _ = run("-q", "--concise", "--root", "docs", "--select", "heading-numbering",
                           "docs")  # fmt: skip
        assert out == "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`\n"

    def test_without_a_project_marker_the_rootdir_is_the_current_folder(self, tmp_path):
        assert discovery.find_rootdir(tmp_path) in (tmp_path.resolve(), *tmp_path.resolve().parents)
        parents = tmp_path.resolve().parents
        if not any((p / m).is_file() for p in parents for m in discovery.ROOT_MARKERS):
            assert discovery.find_rootdir(tmp_path) == tmp_path.resolve()


class TestReports:
    def test_reports_in_every_format(self, project):
        code, _, _ = run("--report", "plain.json", "--report", "sarif:out/r.sarif",
                         "--report", "markdown:r.md", "--report", "github:gh.txt",
                         "--report", "gitlab:cq.json", ".")  # fmt: skip
        assert code == cli.EXIT_FINDINGS
        documents = json.loads((project / "plain.json").read_text(encoding="utf-8"))["documents"]
        assert [d["path"] for d in documents] == ["repaired.txt", "speech.txt"]
        formats = {"out/r.sarif": "sarif", "r.md": "markdown", "gh.txt": "github",
                   "cq.json": "gitlab"}  # fmt: skip
        typed = [from_json(d) for d in documents]
        for name, format_name in formats.items():
            expected = reports.render(format_name, typed, builtin_rules())
            assert (project / name).read_text(encoding="utf-8") == expected


class TestJobs:
    """`-j N` lints in N processes and prints and writes what one process does."""

    @pytest.fixture
    def library(self, project: Path) -> Path:
        """Enough documents, of every kind of finding, for each process to get several."""
        (project / "doclint.yaml").write_text(
            "rules:\n  no-empty-sections: warning\n", encoding="utf-8")  # fmt: skip
        for number in range(12):
            folder = project / f"part{number % 3}"
            folder.mkdir(exist_ok=True)
            shutil.copy(EXAMPLES / "speech.txt", folder / f"speech{number}.txt")
            (folder / f"guide{number}.md").write_text(GUIDE, encoding="utf-8")
            (folder / f"empty{number}.md").write_text("# A\n\n## B\n", encoding="utf-8")
        (project / "part1" / "broken.txt").write_bytes(b"abc\x00\x01zz")
        return project

    @pytest.mark.parametrize("view", [[], ["--full"]])
    def test_output_and_reports_are_those_of_one_process(self, library, view):
        outputs = []
        for jobs in ("1", "2", "3"):
            reports_ = [a for f in ("json", "sarif", "markdown")
                        for a in ("--report", f"{f}:.out{jobs}/r.{f}")]  # fmt: skip
            outputs.append(run("-j", jobs, *view, *reports_, "."))
        assert outputs[0][0] == cli.EXIT_FINDINGS
        assert outputs[1] == outputs[0] == outputs[2]
        assert outputs[0][1].count("no-truncated-ending") == 13 + 1  # 13 speeches + the summary
        for name in ("r.json", "r.sarif", "r.markdown"):
            one = (library / ".out1" / name).read_bytes()
            assert (library / ".out2" / name).read_bytes() == one
            assert (library / ".out3" / name).read_bytes() == one

    def test_a_crash_in_a_process_is_reported_as_one(self, library, monkeypatch):
        def broken(*_args):
            raise RuntimeError("rule bug")

        monkeypatch.setattr(runner.engine, "report_of", broken)
        code, out, err = run("-j", "2", ".")
        assert (code, out) == (cli.EXIT_CRASH, "")
        assert "internal error" in err
        assert "RuntimeError: rule bug" in err

    @pytest.mark.parametrize("value", ["0", "-1", "two"])
    def test_a_bad_number_of_processes_is_a_usage_error(self, project, capsys, value):
        assert run("-j", value, ".")[0] == cli.EXIT_USAGE
        assert "expected a number of processes" in capsys.readouterr().err


class TestMerge:
    """`--merge`: the JSON reports of CI shards make the reports of one run over everything."""

    FORMATS = ("json", "sarif", "markdown", "gitlab", "github")

    @pytest.fixture
    def shards(self, project: Path) -> Path:
        for name in ("guides", "notes"):
            (project / name).mkdir()
            (project / name / "guide.md").write_text(GUIDE, encoding="utf-8")
            (project / name / "clean.md").write_text(CLEAN, encoding="utf-8")
        (project / "notes" / "broken.txt").write_bytes(b"abc\x00\x01zz")
        return project

    def reports_to(self, folder: str) -> list[str]:
        return [a for f in self.FORMATS for a in ("--report", f"{f}:.out/{folder}/r.{f}")]

    def assert_same_reports(self, project: Path, one: str, other: str) -> None:
        for name in (f"r.{f}" for f in self.FORMATS):
            expected = (project / ".out" / one / name).read_bytes()
            assert (project / ".out" / other / name).read_bytes() == expected, name

    def test_shards_merge_into_the_run_over_everything(self, shards):
        whole = run("--concise", ".", *self.reports_to("whole"))
        run("guides", "speech.txt", "--report", "json:.out/shard1.json")
        run("notes", "repaired.txt", "--report", "json:.out/shard2.json")
        joined = run("--merge", ".out/shard2.json", ".out/shard1.json", *self.reports_to("merged"))
        assert joined == whole
        assert joined[0] == cli.EXIT_FINDINGS
        self.assert_same_reports(shards, "whole", "merged")

    def test_a_document_linted_by_two_shards_is_reported_once(self, shards):
        run(".", *self.reports_to("whole"))
        run(".", "--select", "toc-matches-body,no-truncated-ending",
            "--report", "json:.out/a.json")  # fmt: skip
        run(".", "--ignore", "toc-matches-body,no-truncated-ending",
            "--report", "json:.out/b.json")  # fmt: skip
        run("--merge", ".out/a.json", ".out/b.json", *self.reports_to("merged"))
        self.assert_same_reports(shards, "whole", "merged")

    def test_a_baseline_judgement_survives_the_merge(self, shards):
        run(".", "--baseline", "known.yaml", "--update-baseline")
        (shards / "guides" / "new.md").write_text(GUIDE, encoding="utf-8")
        whole = run("--concise", ".", "--baseline", "known.yaml", *self.reports_to("whole"))
        run("guides", "--baseline", "known.yaml", "--report", "json:.out/s1.json")
        run("notes", "speech.txt", "repaired.txt", "--baseline", "known.yaml",
            "--report", "json:.out/s2.json")  # fmt: skip
        joined = run("--merge", ".out/s1.json", ".out/s2.json", *self.reports_to("merged"))
        assert joined == whole
        assert '"baseline": "known"' in (shards / ".out/merged/r.json").read_text("utf-8")
        self.assert_same_reports(shards, "whole", "merged")

    def test_a_file_that_is_not_a_report_is_a_usage_error(self, shards):
        (shards / "other.json").write_text('{"results": []}', encoding="utf-8")
        code, out, err = run("--merge", "other.json")
        assert (code, out) == (cli.EXIT_USAGE, "")
        assert err.startswith("other.json: not a doclint JSON report (KeyError: 'documents')")


class TestAgreementWithThePlugin:
    """`doclint` and `pytest --doclint` on the same folder write the same reports."""

    def test_same_reports(self, pytester, monkeypatch):
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        for example in EXAMPLES.glob("*.txt"):
            shutil.copy(example, pytester.path / example.name)
        (pytester.path / "guides").mkdir()
        (pytester.path / "guides" / "guide.md").write_text(GUIDE, encoding="utf-8")
        (pytester.path / "guides" / "notes.md").write_text(CLEAN, encoding="utf-8")
        (pytester.path / "guides" / "doclint.yaml").write_text(
            "rules:\n  no-empty-sections: warning\n", encoding="utf-8")  # fmt: skip
        (pytester.path / "guides" / "ignored.py").write_text("x = 1\n", encoding="utf-8")
        (pytester.path / "guides" / "broken.txt").write_bytes(b"abc\x00\x01zz")  # unreadable
        os.mkfifo(pytester.path / "guides" / "pipe.md")  # not a file: both report it unreadable
        pytester.makepyprojecttoml("[tool.doclint]\nexclude = ['*-repaired.txt']\n")
        # reports go to a hidden folder: neither front end lints the other's Markdown report
        formats = [("json", "r.json"), ("sarif", "r.sarif"), ("markdown", "r.md"),
                   ("gitlab", "cq.json")]  # fmt: skip
        result = pytester.runpytest(*[f"--doclint-report={f}:.out/plugin/{n}" for f, n in formats])
        result.assert_outcomes(failed=4, passed=1)
        code, _, _ = run(".", *[a for f, n in formats for a in ("--report", f"{f}:.out/cli/{n}")])
        assert code == cli.EXIT_FINDINGS
        for _, name in formats:
            assert (pytester.path / ".out/cli" / name).read_bytes() == (
                pytester.path / ".out/plugin" / name
            ).read_bytes()
        report = json.loads((pytester.path / ".out/cli/r.json").read_text(encoding="utf-8"))
        documents = report["documents"]
        paths = [d["path"] for d in documents]
        assert paths == ["guides/broken.txt", "guides/guide.md", "guides/notes.md",
                         "guides/pipe.md", "speech.txt"]  # fmt: skip
        assert [f["rule"] for f in documents[0]["findings"]] == ["unreadable-document"]
        assert {f["severity"] for f in documents[1]["findings"]} == {"error", "warning"}


class TestPreCommitHook:
    def manifest(self) -> dict:
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        assert isinstance(hooks, list) and len(hooks) == 1
        return hooks[0]

    def test_manifest(self):
        hook = self.manifest()
        assert hook["id"] == "doclint"
        assert hook["entry"] == "doclint"
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "rst", "text"]
        assert set(hook) <= {"id", "name", "description", "entry", "language", "types_or",
                             "require_serial", "args", "files", "exclude"}  # fmt: skip

    def test_entry_lints_the_files_pre_commit_hands_over(self, project):
        """pre-commit runs `entry args… files…`, the files being every staged text file."""
        (project / "notes.md").write_text(CLEAN, encoding="utf-8")
        (project / "setup.py").write_text("print('not a document')\n", encoding="utf-8")
        hook = self.manifest()
        command = [script(hook["entry"]), *hook.get("args", [])]
        failing = subprocess.run([*command, "speech.txt", "notes.md", "setup.py", "pyproject.toml"],
                                 capture_output=True, encoding="utf-8", cwd=project)  # fmt: skip
        assert failing.returncode == 1
        assert failing.stdout.splitlines()[-1].startswith("5 findings in 1 of 2 documents")
        passing = subprocess.run([*command, "repaired.txt", "notes.md", "setup.py"],
                                 capture_output=True, encoding="utf-8", cwd=project)  # fmt: skip
        assert (passing.returncode, passing.stderr) == (0, "")


# --- docs/ci.md: every command shown works ------------------------------------------------

CI_DOC = ROOT / "docs" / "ci.md"
COMMAND = re.compile(r"^(pytest|doclint|python -m pytest_doclint)(\s|$)")


def ci_blocks() -> list[tuple[str, str]]:
    text = CI_DOC.read_text(encoding="utf-8")
    return re.findall(r"^```(\w+)\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def ci_commands() -> list[str]:
    """`pytest`/`doclint` commands: shell blocks, YAML `run:`/`script:`, and inline code."""
    commands = []
    for language, body in ci_blocks():
        if language == "sh":
            commands += [line.strip() for line in body.splitlines()]
        elif language == "yaml":
            commands += _yaml_commands(yaml.safe_load(body))
    text = CI_DOC.read_text(encoding="utf-8")
    spans = [" ".join(s.split()) for s in re.findall(r"(?<!`)`([^`\n]+(?:\n[^`\n]+)?)`(?!`)", text)]
    commands += [s for s in spans if "/" in s or " -" in s]  # `doclint summary` is no command
    # the shard matrix needs its matrix and its shards: test_the_shard_matrix_… runs it
    chosen = (c for c in commands if COMMAND.match(c) and "${{" not in c and "--merge" not in c)
    return list(dict.fromkeys(chosen))


def _yaml_commands(value: object) -> list[str]:
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if key == "run" and isinstance(item, str):
                found.append(item.strip())
            elif key == "script" and isinstance(item, list):
                found += [str(line) for line in item]
            else:
                found += _yaml_commands(item)
        return found
    if isinstance(value, list):
        return [c for item in value for c in _yaml_commands(item)]
    return []


@pytest.fixture
def ci_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A documentation repository: docs/ with the examples and a legacy folder."""
    docs = tmp_path / "docs"
    (docs / "legacy").mkdir(parents=True)
    shutil.copy(EXAMPLES / "speech.txt", docs / "speech.txt")
    shutil.copy(EXAMPLES / "speech-repaired.txt", docs / "repaired.txt")
    shutil.copy(EXAMPLES / "speech.txt", docs / "legacy" / "old.txt")
    (docs / "guide.md").write_text(CLEAN, encoding="utf-8")
    (docs / "doclint.yaml").write_text("{}\n", encoding="utf-8")  # for `pytest docs/`
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'docs'\n", encoding="utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


BASELINE_OPTION = re.compile(r"--(?:doclint-)?baseline[= ]")


class TestCiRecipes:
    def test_the_recipes_are_found(self):
        commands = ci_commands()
        assert any(c.startswith("pytest --doclint docs/ --doclint-report=sarif:") for c in commands)
        assert any("--junitxml=junit.xml --doclint-report=gitlab:" in c for c in commands)
        assert any(c.startswith("doclint --explain") for c in commands)
        assert any("--doclint-select=no-truncated-ending" in c for c in commands)

    @pytest.mark.parametrize("command", ci_commands())
    def test_command_works(self, ci_sandbox, command):
        python = f'"{sys.executable}"'
        shell = re.sub(r"^pytest\b", f"{python} -m pytest -p no:cacheprovider", command)
        shell = re.sub(r"^(doclint|python -m pytest_doclint)\b", f"{python} -m pytest_doclint",
                       shell)  # fmt: skip
        env = {**os.environ, "GITHUB_STEP_SUMMARY": str(ci_sandbox / "step-summary.md")}
        env.pop("GITHUB_ACTIONS", None)
        gated = BASELINE_OPTION.search(command) and "update-baseline" not in command
        if gated:  # the recipe's first step: record the findings known today
            update = ("--doclint-update-baseline" if command.startswith("pytest")
                      else "--update-baseline")  # fmt: skip
            subprocess.run(f"{shell} {update}", shell=True, cwd=ci_sandbox, env=env, check=True,
                           capture_output=True)  # fmt: skip
        done = subprocess.run(shell, shell=True, cwd=ci_sandbox, env=env, capture_output=True,
                              text=True, encoding="utf-8")  # fmt: skip
        assert done.returncode in ((0,) if gated else (0, 1)), (
            f"{command}\n{done.stdout}\n{done.stderr}"
        )
        assert "usage:" not in done.stderr and "ERROR:" not in done.stderr, done.stderr
        for target in re.findall(r"(?:--doclint-report=|--report )\"?(?:\w+:)?([^\s\"]+)", command):
            path = Path(target.replace("$GITHUB_STEP_SUMMARY", env["GITHUB_STEP_SUMMARY"]))
            assert (ci_sandbox / path).is_file(), f"{command} wrote no {path}"
        if "--junitxml=junit.xml" in command:
            assert (ci_sandbox / "junit.xml").is_file()

    def test_the_shard_matrix_reports_what_one_run_does(self, ci_sandbox):
        """The matrix recipe's shards, run one after the other, then its merge step."""
        workflows = [yaml.safe_load(body) for language, body in ci_blocks() if language == "yaml"]
        (workflow,) = [w for w in workflows if "report" in w.get("jobs", {})]
        lint, report = workflow["jobs"]["lint"], workflow["jobs"]["report"]
        (shard,) = [s["run"] for s in lint["steps"] if s.get("run", "").startswith("pytest")]
        (merge,) = [s["run"] for s in report["steps"] if s.get("run", "").startswith("doclint")]
        env = {**os.environ, "GITHUB_STEP_SUMMARY": "summary.md"}
        env.pop("GITHUB_ACTIONS", None)
        python = f'"{sys.executable}"'
        for group in lint["strategy"]["matrix"]["group"]:
            command = shard.replace("${{ matrix.group }}", str(group))
            subprocess.run(re.sub(r"^pytest\b", f"{python} -m pytest -p no:cacheprovider",
                                  command), shell=True, cwd=ci_sandbox, env=env,
                           capture_output=True, check=False)  # fmt: skip
        shards = sorted(p.name for p in ci_sandbox.glob("doclint-*.json"))
        assert shards == ["doclint-1.json", "doclint-2.json", "doclint-3.json"]
        merged = subprocess.run(merge.replace("doclint", f"{python} -m pytest_doclint", 1),
                                shell=True, cwd=ci_sandbox, env=env, capture_output=True,
                                text=True)  # fmt: skip
        assert merged.returncode == cli.EXIT_FINDINGS, merged.stderr
        whole = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--doclint", "docs/",
             "--doclint-report=sarif:whole.sarif", "--doclint-report=markdown:whole.md"],
            cwd=ci_sandbox, capture_output=True, check=False)  # fmt: skip
        assert whole.returncode == 1
        for mine, theirs in (("doclint.sarif", "whole.sarif"), ("summary.md", "whole.md")):
            assert (ci_sandbox / mine).read_bytes() == (ci_sandbox / theirs).read_bytes()

    def test_workflow_files_are_valid_yaml_with_the_expected_shape(self):
        blocks = [yaml.safe_load(body) for language, body in ci_blocks() if language == "yaml"]
        github = next(b for b in blocks if "jobs" in b)
        steps = github["jobs"]["doclint"]["steps"]
        upload = next(s for s in steps if "codeql-action/upload-sarif" in s.get("uses", ""))
        assert upload["if"] == "always()" and upload["with"]["sarif_file"] == "doclint.sarif"
        assert github["permissions"]["security-events"] == "write"
        gitlab = next(b for b in blocks if "doclint" in b and "script" in b["doclint"])
        assert gitlab["doclint"]["artifacts"]["reports"] == {
            "junit": "junit.xml",
            "codequality": "gl-code-quality-report.json",
        }
        local = next(b for b in blocks if b.get("repos", [{}])[0].get("repo") == "local")
        hook = local["repos"][0]["hooks"][0]
        manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
        assert (hook["id"], hook["entry"], hook["types_or"]) == (
            manifest["id"],
            manifest["entry"],
            manifest["types_or"],
        )

    def test_the_baseline_example_is_what_an_update_writes(self, ci_sandbox, monkeypatch):
        (example,) = [yaml.safe_load(body) for language, body in ci_blocks()
                      if language == "yaml" and "fingerprint:" in body]  # fmt: skip
        monkeypatch.chdir(ci_sandbox)
        code, _, _ = run("docs", "--baseline", "doclint-baseline.yaml", "--update-baseline")
        assert code == cli.EXIT_CLEAN
        written = yaml.safe_load((ci_sandbox / "doclint-baseline.yaml").read_text(encoding="utf-8"))
        assert written["version"] == example["version"]
        for path, entries in example["documents"].items():
            assert all(entry in written["documents"][path] for entry in entries)

    def test_the_addopts_recipe_gates_every_run(self, ci_sandbox):
        (settings,) = [body for language, body in ci_blocks() if language == "toml"]
        pyproject = ci_sandbox / "pyproject.toml"
        pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n" + settings,
                             encoding="utf-8")  # fmt: skip
        pytest_ = [sys.executable, "-m", "pytest", "--doclint", "docs/"]
        recorded = subprocess.run([*pytest_, "--doclint-update-baseline"], cwd=ci_sandbox,
                                  capture_output=True, text=True)  # fmt: skip
        assert recorded.returncode == 0, recorded.stdout[-2000:]
        gated = subprocess.run(pytest_, cwd=ci_sandbox, capture_output=True, text=True)
        assert gated.returncode == 0, gated.stdout[-2000:]
        assert re.search(r"2 passed, 2 xfailed", gated.stdout), gated.stdout[-2000:]

    def test_the_legacy_config_works(self, ci_sandbox, monkeypatch):
        configs = [body for language, body in ci_blocks()
                   if language == "yaml"
                   and set(yaml.safe_load(body)) <= set(TOP_KEYS)]  # fmt: skip
        assert len(configs) == 1
        (ci_sandbox / "doclint.yaml").write_text(configs[0], encoding="utf-8")
        monkeypatch.chdir(ci_sandbox)
        code, _, _ = run("--report", "r.json", "docs")
        assert code == cli.EXIT_FINDINGS  # docs/speech.txt still fails
        documents = json.loads((ci_sandbox / "r.json").read_text(encoding="utf-8"))["documents"]
        legacy = next(d for d in documents if d["path"] == "docs/legacy/old.txt")
        assert legacy["findings"] and {f["severity"] for f in legacy["findings"]} == {"warning"}


def test_show_config_names_where_each_setting_comes_from(pytester):
    docs = pytester.mkdir("docs")
    (docs / "doclint.yaml").write_text(
        "extends: [zh-official]\nrules:\n  heading-numbering: warning\n",
        encoding="utf-8")  # fmt: skip
    pytester.makepyprojecttoml("")
    code, out, _ = run("--show-config", "docs/report.txt")
    assert code == cli.EXIT_CLEAN
    lines = out.splitlines()
    numbering = lines.index("  heading-numbering:")
    assert lines[numbering + 1] == "    severity: warning  # docs/doclint.yaml:3"
    hierarchy = lines.index("  heading-hierarchy:")
    assert lines[hierarchy + 1].startswith("    severity: error  # ")
    assert lines[hierarchy + 1].endswith("zh-official.yaml:10")
    assert "    severity: off  # default" in lines
