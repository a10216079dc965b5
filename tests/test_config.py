"""Bad configs stop the run before any test, with one line naming file, line and key."""

from __future__ import annotations

import pytest

BAD_CONFIGS = {
    "yaml-syntax": (
        "rules:\n  toc-matches-body: [error\n",
        "doclint.yaml:2:27: invalid YAML: expected ',' or ']'*",
    ),
    "unknown-key": (
        "rule:\n  toc-matches-body: error\n",
        "doclint.yaml:1: unknown key `rule`; did you mean `rules`?*",
    ),
    "unknown-rule": (
        "rules:\n  toc-match-body: error\n",
        "doclint.yaml:2: unknown rule `toc-match-body`; did you mean `toc-matches-body`?*",
    ),
    "bad-severity": (
        "rules:\n  heading-numbering: fatal\n",
        "doclint.yaml:2: unknown severity `fatal`*(expected one of: error, warning, off)",
    ),
    "unknown-option": (
        "rules:\n  no-duplicate-headings:\n    scopes: document\n",
        "doclint.yaml:3: unknown option for no-duplicate-headings `scopes`; did you mean `scope`?*",
    ),
    "option-choice": (
        "rules:\n  no-duplicate-headings:\n    scope: chapter\n",
        "doclint.yaml:3: option `scope` cannot be `chapter` (expected one of: siblings, document)",
    ),
    "option-type": (
        "rules:\n  heading-numbering:\n    start: one\n",
        "doclint.yaml:3: option `start` must be a whole number, got text `one`",
    ),
    "missing-pack": (
        "extends: [zh-oficial]\n",
        "doclint.yaml:1: unknown pack `zh-oficial`; did you mean `zh-official`?*",
    ),
    "items-mode": ("items: chapter\n", "doclint.yaml:1: unknown item mode `chapter`*"),
    "override-without-files": (
        "overrides:\n  - rules: {heading-numbering: off}\n",
        "doclint.yaml:2: an override needs `files`*",
    ),
    "unknown-scheme": (
        "text:\n  schemes: [cn-part, roman-numerals]\n",
        "doclint.yaml:2: unknown scheme `roman-numerals`*",
    ),
    "bad-scheme-regex": (
        "text:\n  custom_schemes:\n    - name: x\n      pattern: '(?P<n>[0-9]+'\n",
        "doclint.yaml:4: `(?P<n>[0-9]+` is not a valid regular expression: missing ) at position "
        "12",
    ),
    "include-type": (
        "include: {md: true}\n",
        "doclint.yaml:1: `include` must be a list of text, got a mapping",
    ),
    "not-a-mapping": (
        "- toc-matches-body\n",
        "doclint.yaml:1: a doclint config must be a mapping*",
    ),
}


@pytest.mark.parametrize("text,expected", list(BAD_CONFIGS.values()), ids=list(BAD_CONFIGS))
def test_bad_config_is_a_one_line_usage_error(pytester, speech, text, expected):
    pytester.makefile(".yaml", doclint=text)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert len(errors) == 1, result.stderr.lines
    result.stderr.fnmatch_lines([f"ERROR: {expected}"])
    result.stdout.no_fnmatch_line("*passed*")
    assert "Traceback" not in result.stderr.str()


def test_circular_extends(pytester, speech):
    pytester.makefile(
        ".yaml", doclint="extends: [a.yaml]\n", a="extends: [b.yaml]\n", b="extends: [a.yaml]\n"
    )
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: b.yaml:1: `extends` makes a cycle: *a.yaml → b.yaml → a.yaml"]
    )


def test_alias_bomb_is_rejected_before_expansion(pytester, speech):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    pytester.makefile(".yaml", doclint="\n".join(levels) + "\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: *too many YAML nodes*"])


def test_unknown_rule_on_the_command_line(pytester, speech):
    result = pytester.runpytest("--doclint", "--doclint-select=heading-numbers")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: --doclint-select: unknown rule `heading-numbers`; "
            "did you mean `heading-numbering`?*"
        ]
    )


def test_bad_config_in_a_nested_folder_stops_the_run_too(pytester, speech):
    docs = pytester.mkdir("docs")
    (docs / "doclint.yaml").write_text("rules:\n  heading-numbering: sometimes\n", encoding="utf-8")
    result = pytester.runpytest("--doclint")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: docs/doclint.yaml:2: unknown severity `sometimes`*"])


def test_pack_sets_text_settings(pytester):
    pytester.makefile(".yaml", doclint="extends: [zh-official]\n")
    pytester.makefile(".txt", doc="I. Scope\nThis applies.\nIII. Terms\nAs defined.\n")
    pytester.runpytest().assert_outcomes(passed=1)  # roman numerals are no scheme of the pack
