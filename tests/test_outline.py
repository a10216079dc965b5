"""`doclint --outline`: the document as the linter read it, as text and as JSON, run as the
installed command on copies of the supplied speech and on a Markdown guide."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
SPEECH_TOC = [  # TOC line, entry text, body line it pairs with (None: missing)
    (1, "一、回顾过往砥砺奋进中彰显治理成效", 20),
    (2, "(一)系统性重塑", 22),
    (3, "(二)实践性创造", 24),
    (4, "(三)品牌化建设", 26),
    (5, "二、正视不足变局挑战中标定前进方向", 29),
    (6, "(一)治理效能的均衡性有待提升", None),
    (7, "(二)新兴领域的治理课题亟待破解", 32),
    (8, "(三)基层主体的内生动力需要持续激发", 34),
    (9, "(四)多元共治的协同效应仍需深化", None),
    (10, "三、聚焦攻坚冲刺决胜中开创治理新局", None),
    (11, "(一)筑牢基层政权根基", None),
    (12, "(二)攻坚新兴领域“两个覆盖”", None),
    (13, "(三)深化基层减负赋能", None),
    (14, "(四)升级党群服务中心功能", None),
]
GUIDE = """\
# Guide

- [Install](#install)
- [Use it](#usage)
- [Licence](#licence)

## Install

Run `pip install guide`.

## Usage

Call it.
"""


def outline(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.run(sys.executable, "-m", "pytest_doclint", "--outline", *args)


@pytest.fixture
def speech(pytester: pytest.Pytester) -> Path:
    target = pytester.path / "speech.txt"
    shutil.copy(EXAMPLES / "speech.txt", target)
    return target


def test_text_pairs_every_toc_entry_or_says_it_is_missing(pytester, speech):
    result = outline(pytester, "speech.txt")
    assert result.ret == 0
    text = result.stdout.str()
    assert "TOC: lines 1-14, without a title, 14 entries" in text
    entries = [line.strip() for line in result.outlines if line.strip().startswith("L")]
    assert len(entries) == len(SPEECH_TOC)
    for line, (toc_line, name, body_line) in zip(entries, SPEECH_TOC, strict=True):
        assert line.startswith(f"L{toc_line} ") and name in line
        if body_line is None:
            assert line.endswith("-> no heading in the body  [missing]")
        else:
            assert f"-> L{body_line} `" in line and "[" not in line.rsplit("(", 1)[-1]


def test_text_shows_the_heading_tree_and_the_ending_verdict(pytester, speech):
    result = outline(pytester, "speech.txt")
    result.stdout.fnmatch_lines(
        [
            "headings (7): line, level, number, text",
            "     20  1  一、  回顾过往砥砺奋进中彰显治理成效",
            "     22  2    (一)  系统性重塑*",
            "     29  1  二、  正视不足变局挑战中标定前进方向",
            "     32  2    (二)  新兴领域的治理课题亟待破解",
            "Ending (no-truncated-ending):",
            "  line 35: `…*现象在一`",
            "  truncated: The document stops mid-sentence*",
            "  evidence: sentences before it in its paragraph end, it does not",
        ]
    )


def test_json_gives_the_same_pairing_as_data(pytester, speech):
    result = outline(pytester, "--format", "json", "speech.txt")
    assert result.ret == 0
    (document,) = json.loads(result.stdout.str())["documents"]
    assert (document["toc"]["start_line"], document["toc"]["end_line"]) == (1, 14)
    entries = document["rules"]["toc-matches-body"]["entries"]
    assert [(e["line"], e["text"], e["heading_line"]) for e in entries] == SPEECH_TOC
    assert {e["status"] for e in entries if e["heading_line"] is None} == {"missing"}
    assert [h["line"] for h in document["headings"]] == [20, 22, 24, 26, 29, 32, 34]
    ending = document["rules"]["no-truncated-ending"]
    assert (ending["verdict"], ending["line"]) == ("truncated", 35)


def test_the_repaired_speech_reads_complete(pytester):
    shutil.copy(EXAMPLES / "speech-repaired.txt", pytester.path / "repaired.txt")
    (document,) = json.loads(outline(pytester, "--format", "json", "repaired.txt").stdout.str())[
        "documents"
    ]
    entries = document["rules"]["toc-matches-body"]["entries"]
    assert all(e["status"] == "paired" for e in entries)
    assert document["rules"]["no-truncated-ending"]["verdict"] == "complete"


def test_markdown_entries_say_how_they_were_paired(pytester):
    pytester.makefile(".md", guide=GUIDE)
    result = outline(pytester, "guide.md")
    result.stdout.fnmatch_lines(
        [
            "TOC: lines 3-5, without a title, 3 entries",
            "TOC entries (toc-matches-body):",
            "  L3 * Install  -> L7 `Install` (by its link)",
            "  L4 * Use it  -> L11 `Usage` (by its link)",
            "  L5 * Licence  -> no heading in the body (`#licence` reaches none)  [[]missing[]]",
        ]
    )


def test_select_limits_the_explanations(pytester, speech):
    result = outline(pytester, "--select", "toc-matches-body", "speech.txt")
    assert "TOC entries (toc-matches-body):" in result.stdout.str()
    assert "Ending" not in result.stdout.str()


def test_an_unreadable_document_is_named_not_skipped(pytester):
    (pytester.path / "broken.md").write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00")
    result = outline(pytester, "broken.md")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["broken.md:*"])
