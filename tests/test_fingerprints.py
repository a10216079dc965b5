"""Fingerprints: a finding's identity across edits elsewhere in its document."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_doclint import fingerprints
from pytest_doclint import runner
from pytest_doclint.checks import builtin_rules
from pytest_doclint.findings import Finding

EXAMPLES = Path(__file__).parent.parent / "examples"
RULES = builtin_rules()


def prints(findings: list[Finding], lines: list[str], path: str = "a.md") -> list[str]:
    return [f.fingerprint for f in fingerprints.assign(findings, path, lines)]


class TestRecipe:
    def test_the_offending_line_counts_not_its_number(self):
        lines = ["# Guide", "", "## Install", "", "## Install"]
        moved = ["# Guide", "", "Intro.", "", "## Install", "", "## Install"]
        here = Finding(5, 1, "Heading `Install` repeats the heading on line 3", rule="r")
        there = Finding(7, 1, "Heading `Install` repeats the heading on line 5", rule="r")
        assert prints([here], lines) == prints([there], moved)

    def test_rule_path_text_and_occurrence_make_the_identity(self):
        base = fingerprints.fingerprint("r", "a.md", "## X", 0)
        assert len({base, fingerprints.fingerprint("s", "a.md", "## X", 0),
                    fingerprints.fingerprint("r", "b.md", "## X", 0),
                    fingerprints.fingerprint("r", "a.md", "## Y", 0),
                    fingerprints.fingerprint("r", "a.md", "## X", 1)}) == 5  # fmt: skip

    def test_findings_on_identical_lines_get_occurrence_indexes(self):
        lines = ["---", "text", "---", "---"]
        found = fingerprints.assign([Finding(4, 1, "m", rule="r"), Finding(1, 1, "m", rule="r"),
                                     Finding(3, 1, "m", rule="s")], "a.md", lines)  # fmt: skip
        assert [(f.line, f.fingerprint) for f in found] == [
            (1, fingerprints.fingerprint("r", "a.md", "---", 0)),
            (3, fingerprints.fingerprint("s", "a.md", "---", 0)),
            (4, fingerprints.fingerprint("r", "a.md", "---", 1))]  # fmt: skip

    def test_whitespace_in_the_line_does_not_count(self):
        assert prints([Finding(1, 1, "m", rule="r")], ["  ## Install\t "]) == prints(
            [Finding(1, 1, "m", rule="r")], ["## Install"]
        )

    def test_a_blank_line_or_no_text_falls_back_to_the_message(self):
        blank = prints(
            [Finding(2, 1, "Section `X` is empty: line 9 follows", rule="r")], ["x", " "]
        )
        outside = prints([Finding(1, 1, "Section `X` is empty: line 12 follows", rule="r")], [])
        assert (
            blank
            == outside
            == [fingerprints.fingerprint("r", "a.md", "Section `X` is empty: line # follows", 0)]
        )

    def test_message_normalisation(self):
        assert (
            fingerprints.normalise_message("`a`  (line 11); `b` (lines 12-14) on Line 3")
            == "`a` (line #); `b` (lines #) on Line #"
        )
        assert fingerprints.normalise_message("与第12行重复") == "与第#行重复"


class TestAcrossEdits:
    @pytest.mark.parametrize("name", ["speech.txt", "guide.md"])
    def test_survive_ten_lines_inserted_above(self, tmp_path, name):
        if name == "speech.txt":
            old_text = (EXAMPLES / "speech.txt").read_text(encoding="utf-8")
            new_text, shift = "\n" * 10 + old_text, 10
        else:
            old_text = ("# Guide\n\n## Install\n\n## Usage\n\nRun it.\n\n## Install\n\nAgain.\n\n"
                        "## Usage\n\nStop here and")  # fmt: skip
            intro = "".join(f"Intro line {n}.\n" for n in range(10)) + "\n"
            new_text, shift = old_text.replace("# Guide\n\n", "# Guide\n\n" + intro, 1), 11
        found = {}
        for version, text in (("old", old_text), ("new", new_text)):
            (tmp_path / version).mkdir()
            (tmp_path / version / name).write_text(text, encoding="utf-8")
            ((result, _, _),) = runner.iter_lint([tmp_path / version], tmp_path / version, RULES)
            found[version] = result.findings
        old, new = found["old"], found["new"]
        assert len(old) >= 3
        assert [f.line + shift for f in old] == [f.line for f in new]
        assert [f.fingerprint for f in old] == [f.fingerprint for f in new]
        assert len({f.fingerprint for f in old}) == len(old)

    def test_editing_the_offending_line_gives_a_new_fingerprint(self, tmp_path):
        text = (EXAMPLES / "speech.txt").read_text(encoding="utf-8")
        edited = text.replace("(二)新兴领域的治理课题亟待破解", "(二)新兴领域的治理课题仍待破解")
        found = {}
        for version, content in (("old", text), ("new", edited)):
            (tmp_path / version).mkdir()
            (tmp_path / version / "speech.txt").write_text(content, encoding="utf-8")
            ((result, _, _),) = runner.iter_lint([tmp_path / version], tmp_path / version, RULES)
            found[version] = {f.line: f.fingerprint for f in result.findings}
        assert found["old"].keys() == found["new"].keys()
        assert [n for n in found["old"] if found["old"][n] != found["new"][n]] == [32]
