"""Safe fixes: the edits findings carry, and `doclint --fix`/`--diff`/`--doclint-fix`."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from pytest_doclint import cli
from pytest_doclint import fixes
from pytest_doclint.checks._toc_fix import toc_edit
from pytest_doclint.checks._toc_pairing import Anchors
from pytest_doclint.checks._toc_pairing import analyse
from pytest_doclint.findings import Edit
from pytest_doclint.findings import Finding
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse
from pytest_doclint.report_model import DocumentReport

EXAMPLES = Path(__file__).parent.parent / "examples"
PEERS = Path(
    os.environ.get("DOCLINT_PEER_FIXTURES", Path(__file__).parents[2] / "shared" / "peer-fixtures")
)
MARKERS = {
    "doctoc": (
        "<!-- START doctoc generated TOC please keep comment here to allow auto update -->\n"
        "<!-- DON'T EDIT THIS SECTION, INSTEAD RE-RUN doctoc TO UPDATE -->\n",
        "<!-- END doctoc generated TOC please keep comment here to allow auto update -->\n",
    ),
    "markdown-toc": ("<!-- toc -->\n", "<!-- tocstop -->\n"),
    "mdformat-toc": (
        "<!-- mdformat-toc start --slug=github --maxlevel=6 --minlevel=2 -->\n",
        "<!-- mdformat-toc end -->\n",
    ),  # fmt: skip
    "md-toc": ("<!--TOC-->\n", "<!--TOC-->\n"),
}
SECTIONS = [("Install", ["Requirements"]), ("Usage", ["Options"]), ("Licence", [])]
TOC = (
    "- [Install](#install)\n  - [Requirements](#requirements)\n"
    "- [Usage](#usage)\n  - [Options](#options)\n- [Licence](#licence)\n"
)
CHANGES = {
    "renamed": [("Installation", ["System requirements"]), ("Usage", ["Options"]), ("Licence", [])],
    "reordered": [("Usage", ["Options"]), ("Install", ["Requirements"]), ("Licence", [])],
    "added": [*SECTIONS[:2], ("Support", []), SECTIONS[2]],
    "removed": [SECTIONS[0], SECTIONS[2]],
}


def guide(marker: str, sections: list[tuple[str, list[str]]], newline: str = "\n") -> str:
    """A guide whose TOC (between ``marker``'s comments) was written for :data:`SECTIONS`."""
    start, end = MARKERS[marker]
    body = "".join(
        f"## {name}\n\nText of {name}.\n\n" + "".join(f"### {s}\n\nMore.\n\n" for s in subs)
        for name, subs in sections
    )
    text = f"# Guide\n\n{start}\n{TOC}\n{end}\n{body}The end.\n"
    return text.replace("\n", newline)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def toc_findings(path: Path) -> list[dict]:
    code, out, _ = run(
        "--select", "toc-matches-body", "--report", f"json:{path}.json", "-q", str(path)
    )
    return json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))["documents"][0]["findings"]


def outside_toc(data: bytes) -> tuple[bytes, bytes]:
    """The bytes before the TOC's first entry line, and those after its last."""
    lines = data.splitlines(keepends=True)
    entries = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"- [")]
    return b"".join(lines[: entries[0]]), b"".join(lines[entries[-1] + 1 :])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'docs'\n", encoding="utf-8")
    return tmp_path


class TestRoundTrip:
    @pytest.mark.parametrize("change", CHANGES)
    @pytest.mark.parametrize("marker", MARKERS)
    def test_stale_toc_is_written_anew(self, project, marker, change):
        path = project / "guide.md"
        path.write_text(guide(marker, CHANGES[change]), encoding="utf-8")
        before = path.read_bytes()
        assert toc_findings(path)
        code, out, err = run("--fix", "--select", "toc-matches-body", str(path))
        assert (code, err) == (0, ""), out
        assert "guide.md: fixed toc-matches-body" in out
        assert toc_findings(path) == []
        after = path.read_bytes()
        assert outside_toc(after) == outside_toc(before)
        assert run("--fix", str(path))[1].startswith("1 document checked")
        assert path.read_bytes() == after

    @pytest.mark.parametrize(
        ("newline", "codec"), [("\r\n", "utf-8"), ("\n", "utf-8-sig"), ("\r\n", "gb18030")]
    )
    def test_encoding_bom_and_line_endings_are_kept(self, project, newline, codec):
        text = guide("doctoc", CHANGES["renamed"], newline).replace("Text of", "这一节讲")
        path = project / "guide.md"
        path.write_bytes(text.encode(codec))
        before = path.read_bytes()
        assert run("--fix", str(path))[0] == 0
        after = path.read_bytes()
        assert outside_toc(after) == outside_toc(before)
        assert after.decode(codec).count(newline) == text.count(newline)
        assert "- [Installation](#installation)" in after.decode(codec)
        assert after.startswith(b"\xef\xbb\xbf") == (codec == "utf-8-sig")


class TestWhenNoFix:
    def test_speech_gets_none(self, project):
        shutil.copy(EXAMPLES / "speech.txt", project / "speech.txt")
        findings = toc_findings(project / "speech.txt")
        assert [f["line"] for f in findings] == [6, 9, 10]
        assert not any("fixes" in f for f in findings)
        assert run("--diff", "speech.txt") == (0, "", "")

    def test_cut_off_document_keeps_its_toc(self, project):
        text = guide("doctoc", CHANGES["removed"]).replace(
            "The end.\n", "It is configured by the\n"
        )
        (project / "guide.md").write_text(text, encoding="utf-8")
        assert run("--diff", "guide.md")[:2] == (0, "")

    def test_contents_list_naming_a_missing_section_is_left_to_a_person(self, project):
        text = guide("doctoc", CHANGES["removed"]).replace(MARKERS["doctoc"][0], "## Contents\n")
        (project / "guide.md").write_text(text.replace(MARKERS["doctoc"][1], ""), encoding="utf-8")
        assert toc_findings(project / "guide.md")
        assert run("--diff", "guide.md")[:2] == (0, "")

    def test_contents_list_with_renamed_headings_is_fixed(self, project):
        text = guide("doctoc", CHANGES["renamed"]).replace(MARKERS["doctoc"][0], "## Contents\n")
        (project / "guide.md").write_text(text.replace(MARKERS["doctoc"][1], ""), encoding="utf-8")
        code, out, _ = run("--diff", "guide.md")
        assert code == 1
        assert "+- [Installation](#installation)\n" in out
        assert "+  - [System requirements](#system-requirements)\n" in out

    def test_only_selected_rules_fix(self, project):
        (project / "guide.md").write_text(guide("doctoc", CHANGES["added"]), encoding="utf-8")
        assert run("--diff", "--select", "heading-numbering", "guide.md")[:2] == (0, "")


class TestWriting:
    def test_diff_never_writes(self, project):
        path = project / "guide.md"
        path.write_text(guide("markdown-toc", CHANGES["added"]), encoding="utf-8")
        stat, data = path.stat(), path.read_bytes()
        code, out, _ = run("--diff", "guide.md")
        assert code == 1
        assert out.startswith("--- a/guide.md\n+++ b/guide.md\n")
        assert "+- [Support](#support)\n" in out
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (data, stat.st_mtime_ns)

    def test_read_only_file_is_reported_and_kept(self, project):
        path = project / "guide.md"
        path.write_text(guide("doctoc", CHANGES["added"]), encoding="utf-8")
        data = path.read_bytes()
        path.chmod(0o444)
        code, _, err = run("--fix", "guide.md")
        assert code == 1
        assert err == (
            "doclint: guide.md: not fixed: the file is read-only; make it writable and run again\n"
        )
        assert path.read_bytes() == data

    def test_permissions_are_kept(self, project):
        path = project / "guide.md"
        path.write_text(guide("doctoc", CHANGES["added"]), encoding="utf-8")
        path.chmod(0o640)
        assert run("--fix", "guide.md")[0] == 0
        assert path.stat().st_mode & 0o777 == 0o640
        assert [p.name for p in project.iterdir() if p.name.endswith(".tmp")] == []

    def test_document_changed_since_read_is_not_written(self, project):
        path = project / "guide.md"
        path.write_text(guide("doctoc", CHANGES["added"]), encoding="utf-8")
        planned = fixes.plan("guide.md", path, _settings(project, path), None)
        assert planned is not None and planned.changes
        path.write_text("# Rewritten meanwhile\n", encoding="utf-8")
        assert (
            fixes.write(planned)
            == "guide.md: not fixed: the file changed since it was read; run again"
        )
        assert path.read_text(encoding="utf-8") == "# Rewritten meanwhile\n"


def _settings(root: Path, path: Path):
    from pytest_doclint.checks import builtin_rules
    from pytest_doclint.config import ConfigStore

    return ConfigStore(root, builtin_rules()).settings_for(path)


class TestEdits:
    def test_apply_keeps_everything_outside_the_edits(self):
        text = "one\r\ntwo\r\nthree\r\n"
        assert fixes.apply(text, [Edit(2, 1, 2, 4, "2\nzwei")]) == "one\r\n2\r\nzwei\r\nthree\r\n"

    def test_overlapping_edit_waits_for_the_next_run(self):
        edits = [Edit(1, 1, 1, 4, "ONE"), Edit(1, 2, 1, 3, "x")]
        assert fixes.apply("one\n", edits) == "ONE\n"

    def test_finding_round_trips_with_its_fixes(self):
        finding = Finding(
            6, 3, "stale", fixes=(Edit(6, 1, 9, 22, "- [A](#a)"),), rule="toc-matches-body"
        )
        assert Finding.from_dict(json.loads(json.dumps(finding.as_dict()))) == finding
        report = DocumentReport(
            "guide.md", "markdown", "utf-8", (finding,), frozenset({"toc-matches-body"})
        )
        assert DocumentReport.from_dict(report.as_dict()) == report

    def test_sarif_carries_the_replacements(self, project):
        (project / "guide.md").write_text(guide("doctoc", CHANGES["added"]), encoding="utf-8")
        run("--report", "sarif:out.sarif", "--report", "json:out.json", "guide.md")
        result = json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"][0][
            "results"
        ][0]
        change = result["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"]["uri"] == "guide.md"
        assert change["replacements"][0]["deletedRegion"] == {
            "startLine": 6,
            "startColumn": 1,
            "endLine": 10,
            "endColumn": 22,
        }
        assert "- [Support](#support)" in change["replacements"][0]["insertedContent"]["text"]
        finding = json.loads((project / "out.json").read_text(encoding="utf-8"))["documents"][0][
            "findings"
        ][0]
        assert finding["fixes"][0]["line"] == 6


PEER_CASES = sorted([*PEERS.glob("doctoc/readme-*.md"), *PEERS.glob("markdown-toc/*.md")])
PEER_SLUGIFY = {
    "insert-options.md": "written with markdown-toc's custom `slugify` option, "
    "a slug flavour of its own"
}


@pytest.mark.skipif(not PEER_CASES, reason="the peer fixtures are not next to the repository")
@pytest.mark.parametrize("path", PEER_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_regenerated_toc_equals_the_peers(path):
    """Each peer wrote these TOCs itself: written anew, they come out the same, except the
    fixture doctoc keeps out of date on purpose (its Contributing section is not listed)."""
    if path.name in PEER_SLUGIFY:
        pytest.skip(PEER_SLUGIFY[path.name])
    document = parse(str(path), path.read_text(encoding="utf-8"), "markdown", ParseSettings())
    analysis = analyse(document, Anchors(document, True), 0.5) if document.toc else None
    if analysis is None:
        pytest.skip("no TOC in this fixture (heading fixtures only)")
    edit = toc_edit(document, analysis)
    if path.name == "readme-with-out_of_date_toc.md":
        assert (
            edit is not None
            and "- [Contributing](#contributing)\n- [License](#license)" in edit.text
        )
    else:
        assert edit is None


def test_pytest_fixes_after_the_run(pytester):
    pytester.makefile(".md", guide=guide("doctoc", CHANGES["renamed"]))
    result = pytester.runpytest("--doclint", "--doclint-fix", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["fix: guide.md: fixed toc-matches-body (line 6)"])
    assert "- [Installation](#installation)" in (pytester.path / "guide.md").read_text(
        encoding="utf-8"
    )
    assert pytester.runpytest("--doclint", "-p", "no:cacheprovider").ret == 0


PLAIN = (
    "关于加强基层治理的报告\n\n目录\n一、总体要求……………1\n二、主要工作任务………2\n"
    "三、保障措施……………3\n\n一、总体要求\n坚持党的领导，统筹推进各项工作。\n二、重点工作任务\n"
    "完善治理体系，提升治理能力。\n三、保障措施\n各地要加强组织领导，确保落实。\n"
)
REST = (
    "Field guide\n===========\n\nContents\n--------\n\n- Install\n- Usage\n- Licence\n\n"
    "Installation\n------------\n\nRun pip.\n\nUsage\n-----\n\nCall it.\n\n"
    "Licence\n-------\n\nMIT.\n"
)


class TestRenamedEntries:
    @pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
    def test_plain_text_entry_takes_the_heading_title(self, project, codec):
        path = project / "report.txt"
        path.write_bytes(PLAIN.replace("\n", "\r\n").encode(codec))
        before = path.read_bytes()
        assert run("--fix", "report.txt")[0] == 0
        after = path.read_bytes()
        assert after.decode(codec).splitlines()[4] == "二、重点工作任务………2"
        lines = zip(before.split(b"\r\n"), after.split(b"\r\n"), strict=True)
        changed = [n for n, (old, new) in enumerate(lines) if old != new]
        assert changed == [4]
        assert toc_findings(path) == []
        assert run("--fix", "report.txt")[1] == "1 document checked, 0 failed, no findings\n"

    def test_rest_contents_entry_takes_the_heading_title(self, project):
        (project / "guide.rst").write_text(REST, encoding="utf-8")
        assert run("--fix", "guide.rst")[0] == 0
        text = (project / "guide.rst").read_text(encoding="utf-8")
        assert text == REST.replace("- Install\n", "- Installation\n")
        assert toc_findings(project / "guide.rst") == []

    def test_plain_text_toc_naming_a_missing_section_is_left_alone(self, project):
        text = PLAIN.replace("三、保障措施\n各地", "各地")
        (project / "report.txt").write_text(text, encoding="utf-8")
        assert run("--diff", "report.txt")[:2] == (0, "")


class TestReorderedEntries:
    @pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
    def test_plain_text_toc_lines_follow_the_body(self, project, codec):
        swapped = PLAIN.replace("二、主要工作任务………2\n三、保障措施……………3\n",
                                "三、保障措施……………3\n二、重点工作任务………2\n")  # fmt: skip
        path = project / "report.txt"
        path.write_bytes(swapped.replace("\n", "\r\n").encode(codec))
        assert run("--fix", "report.txt")[0] == 0
        after = path.read_bytes().decode(codec).split("\r\n")
        assert after[3:6] == ["一、总体要求……………1", "二、重点工作任务………2", "三、保障措施……………3"]
        before = swapped.replace("\n", "\r\n").encode(codec).split(b"\r\n")
        kept = path.read_bytes().split(b"\r\n")
        assert kept[:3] + kept[6:] == before[:3] + before[6:]
        assert toc_findings(path) == []
        assert run("--diff", "report.txt")[:2] == (0, "")

    def test_rest_contents_lines_follow_the_body(self, project):
        stale = REST.replace("- Install\n- Usage\n", "- Usage\n- Installation\n")
        (project / "guide.rst").write_text(stale, encoding="utf-8")
        assert run("--fix", "guide.rst")[0] == 0
        text = (project / "guide.rst").read_text(encoding="utf-8")
        assert text == REST.replace("- Install\n", "- Installation\n")
        assert toc_findings(project / "guide.rst") == []

    def test_toc_numbered_by_position_is_left_alone(self, project):
        """Its numbers count the TOC's lines, not the headings: moved lines would be
        misnumbered."""
        stale = REST.replace(
            "- Install\n- Usage\n- Licence\n", "1. Usage\n2. Installation\n3. Licence\n"
        )
        (project / "guide.rst").write_text(stale, encoding="utf-8")
        assert toc_findings(project / "guide.rst") != []
        assert run("--diff", "guide.rst")[:2] == (0, "")


NUMBERED = (
    "关于加强基层治理的报告\n\n一、总体要求\n坚持党的领导，统筹推进各项工作。\n（一）加强领导\n"
    "各级党委要把基层治理摆在突出位置。\n（三）压实责任\n明确责任分工，层层抓好落实。\n"
    "（四）强化考核\n把考核结果作为评价的重要依据。\n"
)


class TestRenumbering:
    def test_run_after_a_gap_is_renumbered_in_its_own_style(self, project):
        (project / "report.txt").write_text(NUMBERED, encoding="utf-8")
        code, out, _ = run("--fix", "report.txt")
        assert code == 0, out
        text = (project / "report.txt").read_text(encoding="utf-8")
        assert text == NUMBERED.replace("（三）", "（二）").replace("（四）", "（三）")
        assert run("--diff", "report.txt")[:2] == (0, "")

    def test_number_the_text_mentions_is_not_renumbered(self, project):
        text = NUMBERED.replace("层层抓好落实", "层层抓好落实，并按（二）的要求报送")
        (project / "report.txt").write_text(text, encoding="utf-8")
        assert run("--diff", "report.txt")[:2] == (0, "")
