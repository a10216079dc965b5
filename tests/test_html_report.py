"""The HTML report: built by `doclint --html` and `pytest --doclint-html` on the supplied
speech, checked as files and, in headless Chromium, as the rendered DOM."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
ARTIFACTS = ROOT / ".ci" / "artifacts"
MISSING_TOC_LINES = [6, 9, 10, 11, 12, 13, 14]
CUT_OFF = "权责不对等、“小马拉大车”的现象在一"


class Elements(HTMLParser):
    """The start tags of a page, with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


@pytest.fixture
def speech(pytester: pytest.Pytester) -> Path:
    target = pytester.path / "speech.txt"
    shutil.copy(EXAMPLES / "speech.txt", target)
    return target


def doclint_html(pytester: pytest.Pytester, *paths: str) -> str:
    result = pytester.run(sys.executable, "-m", "pytest_doclint", "--html", "report.html", *paths)
    assert result.ret == 1, result.stderr.str()
    return (pytester.path / "report.html").read_text(encoding="utf-8")


def test_the_report_is_one_file_that_needs_no_network(pytester, speech):
    html = doclint_html(pytester, "speech.txt")
    tags = parsed(html).tags
    assert ("html", {"lang": "en"}) in tags
    assert not [a for _, a in tags if "src" in a or a.get("rel") == "stylesheet"]
    assert not re.search(r"https?://", html)
    assert "1 document checked, 1 failed, 5 findings" in html


def test_pytest_writes_the_same_report_as_doclint_and_under_xdist(pytester, speech):
    expected = doclint_html(pytester, "speech.txt")
    for extra in ([], ["-n", "2"]):
        pytester.runpytest("--doclint", "--doclint-html=out.html", "-p", "no:cacheprovider",
                           *extra).assert_outcomes(failed=1)  # fmt: skip
        assert (pytester.path / "out.html").read_text(encoding="utf-8") == expected


@pytest.mark.skipif(importlib.util.find_spec("pytest_html") is None, reason="needs pytest-html")
def test_under_pytest_html_the_document_row_shows_its_outline(pytester, speech):
    result = pytester.runpytest("--doclint", "--html=ph.html", "--self-contained-html")
    result.assert_outcomes(failed=1)
    page = (pytester.path / "ph.html").read_text(encoding="utf-8")
    assert "Table of contents, lines 1-14" in page and "no heading in the body" in page


def test_without_pytest_html_the_plugin_runs_as_before(pytester, speech):
    result = pytester.runpytest("--doclint", "-p", "no:html")
    result.assert_outcomes(failed=1)
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


def test_a_report_that_cannot_be_written_is_a_usage_error(pytester, speech):
    (pytester.path / "taken").write_text("a file, not a folder")
    result = pytester.run(sys.executable, "-m", "pytest_doclint", "--html", "taken/r.html",
                          "speech.txt")  # fmt: skip
    assert result.ret == 2
    assert "cannot write the HTML report taken/r.html" in result.stderr.str()
    assert "Traceback" not in result.stderr.str()


def test_a_thousand_documents_make_a_report_under_20_megabytes(tmp_path):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "html_report.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.corpus(tmp_path / "docs", 1000)
    subprocess.run([sys.executable, "-m", "pytest_doclint", "-q", "--html", "r.html", "docs"],
                   cwd=tmp_path, capture_output=True, check=False)  # fmt: skip
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("<tr data-rules=") == 1000
    assert (tmp_path / "r.html").stat().st_size < 20_000_000


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (not in CI: `apt-get install -y chromium`)")
    return found


def test_chromium_shows_the_toc_beside_the_headings_with_what_is_missing(pytester, speech):
    browser = chromium()
    doclint_html(pytester, "speech.txt")
    url = (pytester.path / "report.html").as_uri() + "#doc-0"
    flags = ["--headless", "--no-sandbox", "--disable-gpu"]
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True,
                         timeout=120, check=True).stdout  # fmt: skip
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "html-report-speech.png"
    subprocess.run([browser, *flags, "--window-size=1280,1600", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120, check=True)  # fmt: skip
    assert shot.stat().st_size > 0
    rendered = dom.split('<script type="application/json"')[0]  # the DOM, not the data
    elements = parsed(rendered)
    entries = {int(a["id"].rsplit("-t", 1)[1]): a["class"]
               for tag, a in elements.tags if tag == "li" and "-t" in a.get("id", "")}  # fmt: skip
    assert sorted(entries) == list(range(1, 15))
    assert [n for n, status in entries.items() if status == "dl-st-missing"] == MISSING_TOC_LINES
    headings = [a["id"] for tag, a in elements.tags if tag == "li" and "-h" in a.get("id", "")]
    assert headings == [f"doc-0-h{n}" for n in (20, 22, 24, 26, 29, 32, 34)]
    text = "".join(elements.text)
    assert CUT_OFF in text and "truncated: The document stops mid-sentence" in text
    assert "nor have its 4 subsections" in text and "skips `(一)`" in text
    assert ("main", {"id": "dl-summary", "hidden": ""}) in elements.tags
