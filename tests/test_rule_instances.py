"""Rule instances written in YAML (`type: pattern`, …) run as rules of the plugin."""

from __future__ import annotations

import json

import pytest


def findings(pytester: pytest.Pytester) -> list[tuple[str, int]]:
    data = json.loads((pytester.path / "report.json").read_text(encoding="utf-8"))
    return [(f["rule"], f["line"]) for d in data["documents"] for f in d["findings"]]


def test_zh_official_pack_counts_the_announced_points(pytester, speech):
    pytester.makefile(".yaml", doclint="extends: [zh-official]\n")
    pytester.runpytest("--doclint-report=report.json").assert_outcomes(failed=1)
    assert ("announced-count", 19) in findings(pytester)


def test_placeholder_pattern_rule(pytester, speech):
    pytester.makefile(
        ".yaml",
        doclint=(
            "rules:\n"
            "  placeholders:\n"
            "    type: pattern\n"
            '    message: "Placeholder `{match}` left in the text"\n'
            "    scope: body\n"
            "    patterns: [XX区, 某某]\n"
        ),
    )
    result = pytester.runpytest("--doclint-report=report.json")
    result.assert_outcomes(failed=1)
    assert ("placeholders", 18) in findings(pytester)
    result.stdout.fnmatch_lines(
        ["speech.txt:18:*: placeholders Placeholder `XX区` left in the text"]
    )


def test_a_child_config_sets_the_severity_of_a_parent_instance(pytester, repaired):
    pytester.makefile(
        ".yaml", doclint=("rules:\n  placeholders:\n    type: pattern\n    patterns: [XX区]\n")
    )
    docs = pytester.mkdir("docs")
    repaired.rename(docs / "repaired.txt")
    (docs / "doclint.yaml").write_text("rules:\n  placeholders: warning\n", encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, warnings=2)


def test_unknown_rule_type_is_a_located_usage_error(pytester, speech):
    pytester.makefile(".yaml", doclint="rules:\n  dates:\n    type: patern\n    patterns: [x]\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: doclint.yaml:3: *patern*pattern*"])


def test_instance_cannot_take_a_built_in_id(pytester, speech):
    pytester.makefile(
        ".yaml", doclint="rules:\n  toc-matches-body:\n    type: pattern\n    patterns: [x]\n"
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: doclint.yaml:2: `toc-matches-body` is a built-in rule*"])


def test_pathological_pattern_finishes_with_a_finding(pytester):
    pytester.makefile(".txt", doc="a" * 50_000 + "b\n")
    pytester.makefile(
        ".yaml",
        doclint=(
            "rules:\n  slow:\n    type: pattern\n    regex: true\n    patterns: ['(a+)+$']\n"
            "    scope: all\n"
        ),
    )
    result = pytester.runpytest("--doclint-report=report.json")
    assert ("slow", 1) in findings(pytester)
    result.stdout.fnmatch_lines(["*took longer than*simplify it*"])


HOUSE_PACK = """\
rules:
  placeholders:
    type: pattern
    patterns: [XX区, 某某]
    examples:
      valid: ["会议在东城区召开。"]
      invalid: ["会议在XX区召开。", "{second}"]
"""


def house_pack(pytester: pytest.Pytester, second: str) -> None:
    """The project's own pack, in `rules/`, which its config extends by path."""
    rules = pytester.mkdir("rules")
    (rules / "house.yaml").write_text(HOUSE_PACK.format(second=second), encoding="utf-8")
    pytester.makefile(".yaml", doclint="extends: [rules/house.yaml]\n")


def test_examples_in_a_pack_run_as_tests(pytester):
    house_pack(pytester, "请某某同志发言。")
    result = pytester.runpytest("--doclint", "rules/", "-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*house.yaml::placeholders::invalid?1? PASSED*"])


def test_a_wrong_example_fails_with_its_reason(pytester):
    house_pack(pytester, "请张三同志发言。")
    result = pytester.runpytest("--doclint", "rules/")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*house.yaml: rule `placeholders`: invalid example `请张三同志发言。` gives no finding*"]
    )


def test_shipped_packs_examples_pass(pytester):
    from pytest_doclint.config import packs_dir

    result = pytester.runpytest("--doclint", str(packs_dir()))
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) >= 6 and not outcomes.get("failed")


PROMETHEUS_ALERTS = """\
groups:
  - name: docs-site
    rules:
      - alert: DocsSiteDown
        expr: up{job="docs"} == 0
        for: 5m
"""


def test_an_unrelated_rules_folder_is_not_read_as_packs(pytester, repaired):
    """A project's `rules/alerts.yaml` (Prometheus alert rules) is nobody's rule pack."""
    pytester.mkdir("rules")
    (pytester.path / "rules" / "alerts.yaml").write_text(PROMETHEUS_ALERTS, encoding="utf-8")
    pytester.makefile(".yaml", doclint="{}\n")
    result = pytester.runpytest("--doclint-report=report.json")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*unknown key*")
