"""The checked-in rules reference is what the rules' metadata generates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pytest_doclint.checks import builtin_rules
from pytest_doclint.reference import pages

DOCS = Path(__file__).parent.parent / "docs" / "rules"


@pytest.mark.parametrize("name", sorted(pages()))
def test_reference_page_is_up_to_date(name):
    page = DOCS / name
    assert page.is_file(), f"{page} is missing: run `python scripts/generate_docs.py`"
    assert page.read_text(encoding="utf-8") == pages()[name], (
        f"{page} is stale: run `python scripts/generate_docs.py` and commit the result"
    )


@pytest.mark.parametrize("rule", builtin_rules().values(), ids=lambda r: r.id)
def test_every_rule_documents_itself(rule):
    for section in ("## What it does", "## Why is this bad?", "## Example"):
        assert section in rule.doc, f"{rule.id} docstring lacks `{section}`"
    for option in dataclasses.fields(rule.options):
        assert option.metadata.get("help"), f"{rule.id} option `{option.name}` has no help text"
