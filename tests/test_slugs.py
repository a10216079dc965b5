"""GitHub heading slugs: github-slugger's fixtures and doctoc's anchors, reproduced exactly."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyromark
import pytest

from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.markdown import parse
from pytest_doclint.slugs import Slugger
from pytest_doclint.slugs import github_slug
from pytest_doclint.slugs import inline_text
from pytest_doclint.slugs import plain_line

PEER_FIXTURES = Path(
    os.environ.get("DOCLINT_PEER_FIXTURES")
    or Path(__file__).resolve().parents[1].parent / "shared" / "peer-fixtures"
)


def _peer_json(relative: str) -> list[dict[str, Any]]:
    path = PEER_FIXTURES / relative
    if not path.is_file():
        pytest.skip(f"peer fixture {path} is absent (set DOCLINT_PEER_FIXTURES to its folder)")
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello World", "hello-world"),
        ("Install the CLI!", "install-the-cli"),
        ("What's new in 2.0?", "whats-new-in-20"),
        ("一、总体要求", "一总体要求"),
        ("（一）加强组织领导", "一加强组织领导"),
        ("Contributors ✨", "contributors-"),
        ("References / Thanks", "references--thanks"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Ⓐ circled", "ⓐ-circled"),
        ("¼ and ²", "-and-"),
    ],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_repeats_are_numbered_in_order() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("Usage", "Usage", "usage", "Usage")] == [
        "usage",
        "usage-1",
        "usage-2",
        "usage-3",
    ]


def test_a_generated_suffix_does_not_take_an_existing_slug() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("foo-1", "foo", "foo")] == ["foo-1", "foo", "foo-2"]


def test_sluggers_are_independent() -> None:
    first, second = Slugger(), Slugger()
    first.slug("Intro")
    assert second.slug("Intro") == "intro"


def test_plain_line_removes_inline_markup() -> None:
    line = "**Bold** and _em_ with `code`, [a link](http://x.org) and ![alt](i.png) <b>tag</b> \\*"
    assert plain_line(line) == "Bold and em with code, a link and alt tag *"
    assert plain_line("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"
    assert plain_line("Fish &amp; Chips") == "Fish & Chips"


def test_inline_text_leaves_images_out_of_the_slug_text() -> None:
    events = list(pyromark.events("Image ![Alt](x.png) Ref `code`", merge_text=False))
    assert inline_text(events) == ("Image Alt Ref code", "Image  Ref code")


def test_github_slugger_fixtures() -> None:
    """All 78 entries, in order, through one slugger: repeats carry over between entries."""
    entries = sorted(_peer_json("slugs.json"), key=lambda e: int(e["order"]))
    assert len(entries) == 78
    slugger = Slugger()
    mismatches = [
        (entry["order"], entry["name"], slug, entry["slug"])
        for entry in entries
        if (slug := slugger.slug(str(entry["text"]))) != entry["slug"]
    ]
    assert mismatches == []


def test_doctoc_anchors() -> None:
    """Each fixture document parsed on its own: its headings take doctoc's (GitHub's) anchors."""
    entries = _peer_json("doctoc/anchors.json")
    assert len(entries) == 41
    documents: dict[str, dict[int, str | None]] = {}
    mismatches = []
    for entry in entries:
        name = str(entry["file"])
        if name not in documents:
            source = (PEER_FIXTURES / "doctoc" / name).read_text(encoding="utf-8")
            headings = parse(name, source, ParseSettings()).headings
            documents[name] = {h.line: h.anchor for h in headings}
        anchor = documents[name].get(int(entry["line"]))
        if anchor != entry["anchor_decoded"]:
            mismatches.append((name, entry["line"], entry["heading_markdown"], anchor))
    assert mismatches == []
