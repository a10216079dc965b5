"""docs/plugins.md is a complete third-party rule package: its files, written out as the page
names them, make a plugin that pytest loads, and the package's own test passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "plugins.md"
NAMED_BLOCK = re.compile(
    r"^`(?P<path>[\w./-]+)`(?:[^\n]|\n(?!\n))*\n\n```\w*\n(?P<body>.*?)^```", re.M | re.S
)
"""A code block right after the paragraph that starts by naming its file (`` `x.py`: ``)."""


def page_files() -> dict[str, str]:
    return {m["path"]: m["body"] for m in NAMED_BLOCK.finditer(PAGE.read_text(encoding="utf-8"))}


def test_the_page_names_every_file_of_the_package() -> None:
    assert set(page_files()) == {
        "pyproject.toml",
        "doclint_house.py",
        "tests/test_rules.py",
        "tests/fixtures/signed.txt",
        "tests/fixtures/unsigned.txt",
    }


def test_the_package_on_the_page_works(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, body in page_files().items():
        target = pytester.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    pytester.syspathinsert()  # what `pip install -e .` and its entry point would do
    monkeypatch.setenv("PYTEST_PLUGINS", "doclint_house")
    # importlib mode: the page's tests/test_rules.py must not clash with ours by module name
    result = pytester.runpytest("--import-mode=importlib", "tests/test_rules.py")
    result.assert_outcomes(passed=1)
