"""Report formats (json, sarif, github, markdown, gitlab), fingerprints and the terminal summary."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from pytest_doclint import reports
from pytest_doclint.baseline import Entry
from pytest_doclint.checks import builtin_rules
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.report_model import DocumentReport

DATA = Path(__file__).parent / "data"
RULES = builtin_rules()
EXAMPLES = Path(__file__).parent.parent / "examples"
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$")
"""Only the characters RFC 3986 allows in a URI reference (non-ASCII must be percent-encoded)."""


def finding(rule: str, line: int, message: str, severity: str = "error", column: int = 1,
            hint: str | None = "a hint") -> Finding:  # fmt: skip
    return Finding(line, column, message, hint=hint, rule=rule, severity=severity,
                   fingerprint=f"{rule}@{line}")  # fmt: skip


def document(path: str, *findings: Finding, format: str = "text") -> DocumentReport:
    return DocumentReport(path, format, "utf-8", findings)


def from_json(data: dict) -> DocumentReport:
    """A document of a JSON report, as reports take it (without a baseline)."""
    findings = tuple(Finding(**f) for f in data["findings"])
    return DocumentReport(data["path"], data["format"], data["encoding"], findings)


DOCUMENTS = [
    document("docs/b.md", finding("no-empty-sections", 9, "Section `Install` is empty: "
                                  "`Usage` follows on line 10"),
             finding("no-duplicate-headings", 4, "Heading `Setup` repeats the heading on line 2",
                     severity="warning", column=3),
             format="markdown"),
    document("docs/a.txt"),
    document("docs/通知 2025.txt",
             finding("heading-numbering", 32, "Heading number `(二)` skips `(一)`",
                     hint="100% sure: number it `(一)`\nor restore it")),
]  # fmt: skip


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


class TestJson:
    def test_schema_and_order(self):
        data = json.loads(reports.to_json(DOCUMENTS))
        paths = [d["path"] for d in data["documents"]]
        assert paths == ["docs/a.txt", "docs/b.md", "docs/通知 2025.txt"]
        assert data["documents"][0] == {"path": "docs/a.txt", "format": "text", "encoding": "utf-8",
                                        "findings": []}  # fmt: skip
        assert [(f["line"], f["rule"]) for f in data["documents"][1]["findings"]] == [
            (4, "no-duplicate-headings"),
            (9, "no-empty-sections"),
        ]
        keys = ["rule", "severity", "line", "column", "message", "hint", "fingerprint"]
        assert list(data["documents"][1]["findings"][0]) == keys

    def test_input_order_does_not_matter(self):
        shuffled = [replace(d, findings=d.findings[::-1]) for d in reversed(DOCUMENTS)]
        for render in reports.FORMATS.values():
            assert render(shuffled, RULES) == render(DOCUMENTS, RULES)

    def test_inputs_are_not_changed(self):
        before = [d.as_dict() for d in DOCUMENTS]
        for render in reports.FORMATS.values():
            render(DOCUMENTS, RULES)
        assert [d.as_dict() for d in DOCUMENTS] == before


class TestSarif:
    def test_validates_against_the_sarif_2_1_0_schema(self):
        log = json.loads(reports.to_sarif(DOCUMENTS, RULES))
        sarif_validator().validate(log)
        assert log["version"] == "2.1.0"

    def test_rules_metadata_comes_from_the_rules(self):
        driver = json.loads(reports.to_sarif(DOCUMENTS, RULES))["runs"][0]["tool"]["driver"]
        assert driver["name"] == "doclint"
        rules = RULES
        assert [r["id"] for r in driver["rules"]] == list(rules)
        for descriptor in driver["rules"]:
            rule = rules[descriptor["id"]]
            assert descriptor["shortDescription"]["text"] == rule.summary
            assert rule.doc.splitlines()[0] in descriptor["help"]["text"]
            assert descriptor["help"]["markdown"].startswith(rule.doc)
            assert f"docs/rules/{rule.id}.md" in descriptor["help"]["markdown"]

    def test_help_uri_is_absolute_and_points_to_the_rule_page(self):
        base = "https://example.org/pytest-doclint/docs/rules/"
        log = json.loads(reports.to_sarif(DOCUMENTS, RULES, rules_url=base))
        sarif_validator().validate(log)
        uris = {r["id"]: r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
        assert uris["toc-matches-body"] == base + "toc-matches-body.md"

    def test_no_help_uri_without_a_base(self):
        log = json.loads(reports.to_sarif(DOCUMENTS, RULES, rules_url=""))
        assert all("helpUri" not in r for r in log["runs"][0]["tool"]["driver"]["rules"])

    def test_results_have_levels_locations_and_fingerprints(self):
        run = json.loads(reports.to_sarif(DOCUMENTS, RULES))["runs"][0]
        assert run["columnKind"] == "unicodeCodePoints"
        results = run["results"]
        assert [(r["ruleId"], r["level"]) for r in results] == [
            ("no-duplicate-headings", "warning"), ("no-empty-sections", "error"),
            ("heading-numbering", "error")]  # fmt: skip
        location = results[0]["locations"][0]["physicalLocation"]
        assert location == {"artifactLocation": {"uri": "docs/b.md"},
                            "region": {"startLine": 4, "startColumn": 3}}  # fmt: skip
        rules = run["tool"]["driver"]["rules"]
        assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
        assert [r["partialFingerprints"]["doclint/v2"] for r in results] == [
            "no-duplicate-headings@4",
            "no-empty-sections@9",
            "heading-numbering@32",
        ]
        assert all("baselineState" not in r for r in results)

    def test_artifact_uris_are_percent_encoded(self):
        results = json.loads(reports.to_sarif(DOCUMENTS, RULES))["runs"][0]["results"]
        uri = results[-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "docs/%E9%80%9A%E7%9F%A5%202025.txt"
        assert URI_REFERENCE.match(uri)

    def test_the_runs_rules_are_described_and_only_they(self):
        plugin_rule = replace(RULES["no-empty-sections"], id="acme-no-lorem", summary="No lorem")
        rules = {"no-empty-sections": RULES["no-empty-sections"], "acme-no-lorem": plugin_rule}
        driver = json.loads(reports.to_sarif(DOCUMENTS, rules))["runs"][0]["tool"]["driver"]
        assert [r["id"] for r in driver["rules"]][:2] == ["no-empty-sections", "acme-no-lorem"]
        assert driver["rules"][1]["shortDescription"]["text"] == "No lorem"

    def test_a_rule_the_run_does_not_know_gets_a_descriptor(self):
        docs = [document("x.txt", finding("retired-rule", 1, "Found by a rule since removed"))]
        log = json.loads(reports.to_sarif(docs, RULES))
        sarif_validator().validate(log)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert rules[log["runs"][0]["results"][0]["ruleIndex"]]["id"] == "retired-rule"

    def test_clean_run_is_valid_with_no_results(self):
        log = json.loads(reports.to_sarif([document("a.txt")], RULES))
        sarif_validator().validate(log)
        assert log["runs"][0]["results"] == []


class TestGithub:
    def test_one_workflow_command_per_finding(self):
        lines = reports.to_github(DOCUMENTS).splitlines()
        assert lines[0] == (
            "::warning file=docs/b.md,line=4,col=3,title=no-duplicate-headings"
            "::Heading `Setup` repeats the heading on line 2%0Ahint: a hint"
        )
        assert lines[1].startswith("::error file=docs/b.md,line=9,col=1,title=no-empty-sections::")
        assert len(lines) == 3

    def test_escaping_of_data_and_properties(self):
        line = reports.to_github(DOCUMENTS).splitlines()[2]
        assert line == (
            "::error file=docs/通知 2025.txt,line=32,col=1,title=heading-numbering"
            "::Heading number `(二)` skips `(一)`"
            "%0Ahint: 100%25 sure: number it `(一)`%0Aor restore it"
        )
        docs = [document("a:b,c%d.md", finding("r", 1, "x\r\ny", hint=None))]
        expected = "::error file=a%3Ab%2Cc%25d.md,line=1,col=1,title=r::x%0D%0Ay\n"
        assert reports.to_github(docs) == expected

    def test_escape_functions(self):
        assert reports.escape_data("50% a:b,c\r\n") == "50%25 a:b,c%0D%0A"
        assert reports.escape_property("50% a:b,c\r\n") == "50%25 a%3Ab%2Cc%0D%0A"

    def test_clean_documents_print_nothing(self):
        assert reports.to_github([document("a.txt")]) == ""


class TestMarkdown:
    def test_summary_tables(self):
        text = reports.to_markdown(DOCUMENTS)
        assert text.startswith("## doclint\n\n3 documents checked, 2 failed, 3 findings.\n")
        assert (
            "| `heading-numbering` | 1 |\n| `no-duplicate-headings` | 1 |\n"
            "| `no-empty-sections` | 1 |"
        ) in text
        assert "| error | 2 |\n| warning | 1 |" in text
        assert ("| `docs/b.md` | 4 | 3 | `no-duplicate-headings` | warning | "
                "Heading `Setup` repeats the heading on line 2 |") in text  # fmt: skip

    def test_cells_escape_pipes_and_newlines(self):
        text = reports.to_markdown([document("a|b.md", finding("r", 1, "x | y\nz"))])
        assert "| `a\\|b.md` | 1 | 1 | `r` | error | x \\| y z |" in text

    def test_clean_run(self):
        assert (
            reports.to_markdown([document("a.txt"), document("b.txt")])
            == "## doclint\n\n2 documents checked, 0 failed, no findings.\n"
        )

    def test_long_tables_are_cut(self):
        many = [document("a.md", *[finding("r", n, f"m{n}") for n in range(1, 602)])]
        text = reports.to_markdown(many)
        assert text.count("| `a.md` |") == reports.MARKDOWN_MAX_ROWS
        assert "101 more findings are not listed here" in text


class TestGitlab:
    def test_code_quality_issues(self):
        issues = json.loads(reports.to_gitlab(DOCUMENTS))
        assert issues[0] == {
            "description": "no-duplicate-headings: Heading `Setup` repeats the heading on line 2",
            "check_name": "no-duplicate-headings",
            "fingerprint": "no-duplicate-headings@4",
            "severity": "minor",
            "location": {"path": "docs/b.md", "lines": {"begin": 4}},
        }
        assert [i["severity"] for i in issues] == ["minor", "major", "major"]
        sarif = json.loads(reports.to_sarif(DOCUMENTS, RULES))["runs"][0]["results"]
        prints = [r["partialFingerprints"]["doclint/v2"] for r in sarif]
        assert [i["fingerprint"] for i in issues] == prints


class TestBaselineStates:
    """With a baseline, documents carry the fingerprints it knows and the entries it lost."""

    KNOWN = [replace(DOCUMENTS[0], known=frozenset({"no-empty-sections@9"})),
             replace(DOCUMENTS[2], known=frozenset(),
                     fixed=(Entry("toc-matches-body", "TOC entry `X`", "f"),))]  # fmt: skip

    def test_json_marks_known_and_new_and_lists_fixed_entries(self):
        data = json.loads(reports.to_json(self.KNOWN))["documents"]
        assert [(f["rule"], f["baseline"]) for f in data[0]["findings"]] == [
            ("no-duplicate-headings", "new"),
            ("no-empty-sections", "known"),
        ]
        assert data[0]["fixed"] == []
        assert data[1]["fixed"][0]["rule"] == "toc-matches-body"
        assert (
            "baseline" not in json.loads(reports.to_json(DOCUMENTS))["documents"][1]["findings"][0]
        )

    def test_sarif_baseline_state(self):
        log = json.loads(reports.to_sarif(self.KNOWN, RULES))
        sarif_validator().validate(log)
        assert [(r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]] == [
            ("no-duplicate-headings", "new"), ("no-empty-sections", "unchanged"),
            ("heading-numbering", "new")]  # fmt: skip

    def test_annotations_leave_out_known_findings(self):
        lines = reports.to_github(self.KNOWN).splitlines()
        assert [line.split(",title=")[1].split("::")[0] for line in lines] == [
            "no-duplicate-headings",
            "heading-numbering",
        ]

    def test_known_errors_do_not_fail_a_document_and_fixed_entries_do(self):
        clean_but_stale = replace(DOCUMENTS[1], known=frozenset(), fixed=self.KNOWN[1].fixed)
        assert not self.KNOWN[0].failed  # its one error is known; the warning
        assert self.KNOWN[1].failed  # a new error, and a fixed entry
        assert clean_but_stale.failed
        assert reports.summary_lines([self.KNOWN[0], clean_but_stale]) == [
            "2 documents checked, 1 failed",
            "findings per rule: no-duplicate-headings 1, no-empty-sections 1",
            "findings per severity: error 1, warning 1",
            "known from the baseline: 1",
            "in the baseline but fixed (update it): 1"]  # fmt: skip
        assert "2 findings (1 known from the baseline)." in reports.to_markdown([self.KNOWN[0]])


class TestTargets:
    @pytest.mark.parametrize(("value", "expected"), [
        ("report.json", ("json", "report.json")),
        ("sarif:out/doclint.sarif", ("sarif", "out/doclint.sarif")),
        ("SARIF:x.sarif", ("sarif", "x.sarif")),
        ("markdown:/tmp/summary.md", ("markdown", "/tmp/summary.md")),
        ("github:annotations.txt", ("github", "annotations.txt")),
        ("gitlab:gl-code-quality-report.json", ("gitlab", "gl-code-quality-report.json")),
        ("C:\\reports\\doclint.json", ("json", "C:\\reports\\doclint.json")),
        ("out/a:b.json", ("json", "out/a:b.json")),
    ])  # fmt: skip
    def test_format_prefix(self, value, expected):
        assert reports.parse_target(value) == expected

    @pytest.mark.parametrize(("value", "message"), [
        ("xml:out.xml", "unknown report format `xml` in `xml:out.xml` "
                        "(expected one of: json, sarif, github, markdown, gitlab)"),
        ("sarif:", "report `sarif:` has no path after the format"),
        ("", "a report needs a path: [FORMAT:]PATH"),
    ])  # fmt: skip
    def test_bad_targets(self, value, message):
        with pytest.raises(ConfigError) as error:
            reports.parse_target(value)
        assert str(error.value) == message


class TestSummaryLines:
    def test_counts(self):
        assert reports.summary_lines(DOCUMENTS) == [
            "3 documents checked, 2 failed",
            "findings per rule: heading-numbering 1, no-duplicate-headings 1, no-empty-sections 1",
            "findings per severity: error 2, warning 1",
        ]

    def test_warnings_alone_do_not_fail_a_document(self):
        docs = [document("a.md", finding("r", 1, "m", severity="warning"))]
        assert reports.summary_lines(docs)[0] == "1 document checked, 0 failed"

    def test_clean(self):
        lines = reports.summary_lines([document("a.txt")])
        assert lines == ["1 document checked, 0 failed, no findings"]


# --- inside pytest ------------------------------------------------------------------------


class TestPluginReports:
    def test_repeatable_reports_in_every_format(self, pytester, speech, repaired):
        targets = ["plain.json", "json:out/r.json", "sarif:r.sarif", "github:gh.txt",
                   "markdown:r.md", "gitlab:cq.json"]  # fmt: skip
        result = pytester.runpytest("--doclint", *[f"--doclint-report={t}" for t in targets])
        result.assert_outcomes(failed=1, passed=1)

        def read(name: str) -> str:
            return (pytester.path / name).read_text(encoding="utf-8")

        assert read("out/r.json") == read("plain.json")
        documents = json.loads(read("plain.json"))["documents"]
        assert [d["path"] for d in documents] == ["repaired.txt", "speech.txt"]
        assert read("r.sarif") == reports.to_sarif([from_json(d) for d in documents], RULES)
        sarif_validator().validate(json.loads(read("r.sarif")))
        assert read("gh.txt").count("::error file=speech.txt,") == 5
        assert "2 documents checked, 1 failed, 5 findings." in read("r.md")
        assert len(json.loads(read("cq.json"))) == 5

    def test_unknown_format_is_a_usage_error(self, pytester, speech):
        result = pytester.runpytest("--doclint", "--doclint-report=xml:out.xml")
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines(["ERROR: --doclint-report: unknown report format `xml`*"])

    def test_terminal_summary_section(self, pytester, speech, repaired, monkeypatch):
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        result = pytester.runpytest("--doclint")
        result.stdout.fnmatch_lines([
            "*= doclint summary =*",
            "2 documents checked, 1 failed",
            "findings per rule: heading-numbering 1, no-truncated-ending 1, toc-matches-body 3",
            "findings per severity: error 5",
            "*short test summary info*",
        ], consecutive=False)  # fmt: skip
        result.stdout.no_fnmatch_line("::error*")

    def test_no_summary_when_no_document_was_linted(self, pytester, speech):
        pytester.makepyfile(test_one="def test_one():\n    pass\n")
        result = pytester.runpytest()
        result.assert_outcomes(passed=1)
        result.stdout.no_fnmatch_line("*doclint summary*")

    def test_warnings_count_in_the_summary(self, pytester, speech):
        pytester.makefile(".yaml", doclint="rules:\n  toc-matches-body: warning\n")
        result = pytester.runpytest()
        result.stdout.fnmatch_lines(["findings per severity: error 2, warning 3"])

    def test_github_annotations_on_github_actions(self, pytester, speech, monkeypatch):
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        result = pytester.runpytest("--doclint")
        result.stdout.fnmatch_lines([
            "::error file=speech.txt,line=6,col=1,title=toc-matches-body::TOC entry*",
            "::error file=speech.txt,line=32,col=1,title=heading-numbering::Heading number*",
        ])  # fmt: skip
        assert sum(line.startswith("::error ") for line in result.outlines) == 5

    def test_annotations_can_be_turned_off(self, pytester, speech, monkeypatch):
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        result = pytester.runpytest("--doclint", "--doclint-no-annotations")
        result.stdout.no_fnmatch_line("::error*")
        result.stdout.fnmatch_lines(["1 document checked, 1 failed"])


# --- parallel identity --------------------------------------------------------------------


def make_corpus(root: Path, count: int = 50) -> list[Path]:
    """``count`` documents: variants of the examples and small Markdown files, in subfolders."""
    speech = (EXAMPLES / "speech.txt").read_text(encoding="utf-8")
    repaired = (EXAMPLES / "speech-repaired.txt").read_text(encoding="utf-8")
    variants = [
        lambda n: speech,
        lambda n: repaired,
        lambda n: "\n" * n + speech,  # the same findings, further down
        lambda n: repaired.rstrip()[:-3] + "\n",  # cut off mid-sentence
        lambda n: speech.rstrip() + "。\n",  # finished, the TOC still wrong
        lambda n: f"# Guide {n}\n\n## Install\n\n## Usage\n\nRun `x{n}`.\n\n## Install\n\nOk.\n",
        lambda n: f"# Notes {n}\n\n## One\n\nText.\n\n## Two\n\nThe text stops in the middle of",
        lambda n: f"# Clean {n}\n\n## Part\n\nAll good.\n\n## Other part\n\nAlso good.\n",
        lambda n: f"Title {n}\n\n1. First\n\nText.\n\n3. Third\n\nMore text.\n",
        lambda n: "Contents\n\n1. Scope\n2. Terms\n\n1. Scope\n\nAll of it.\n\n3. Terms\n\nDone.\n",
    ]
    suffixes = [".txt", ".txt", ".txt", ".txt", ".txt", ".md", ".md", ".md", ".txt", ".txt"]
    folders = ["", "a", "a/b", "通知", "c d"]
    written = []
    for n in range(count):
        kind = n % len(variants)
        folder = root / folders[n % len(folders)]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"doc {n:02d}{suffixes[kind]}"
        path.write_text(variants[kind](n), encoding="utf-8")
        written.append(path)
    return written


class TestParallelIdentity:
    FILES = ("r.json", "r.sarif", "r.md", "gh.txt", "cq.json")

    def run(self, pytester: pytest.Pytester, out: str, *args: str) -> dict[str, bytes]:
        formats = ("json", "sarif", "markdown", "github", "gitlab")
        targets = [f"--doclint-report={fmt}:{out}/{name}"
                   for fmt, name in zip(formats, self.FILES, strict=True)]  # fmt: skip
        result = pytester.runpytest_subprocess("--doclint", "-p", "no:cacheprovider", *targets,
                                               *args)  # fmt: skip
        assert result.ret == pytest.ExitCode.TESTS_FAILED
        return {name: (pytester.path / out / name).read_bytes() for name in self.FILES}

    def test_serial_and_xdist_write_byte_identical_reports(self, pytester):
        make_corpus(pytester.path / "docs")
        serial = self.run(pytester, "serial", "docs")
        parallel = self.run(pytester, "parallel", "-n", "2", "docs")
        per_rule = self.run(pytester, "per-rule", "-n", "2", "--doclint-per-rule", "docs")
        assert parallel == serial
        assert per_rule == serial
        documents = json.loads(serial["r.json"])["documents"]
        assert len(documents) == 50
        assert sum(1 for d in documents if d["findings"]) >= 30
        sarif_validator().validate(json.loads(serial["r.sarif"]))
