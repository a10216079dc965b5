"""Imports run one way: front ends → engine and config → rules → parsers → the model.

Read from the package's source with `ast` (every `from pytest_doclint… import`, at any depth,
including imports inside functions), so that a shortcut taken in a hurry fails here rather
than in a review months later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "pytest_doclint"
MODEL = {
    "textutil",
    "errors",
    "model",
    "findings",
    "numbering",
    "slugs",
    "regexes",
    "outlines",
    "i18n",
}
"""The document model and the plain helpers it is made of."""
RULE_CORE = {"core", "scope", "patterns", "options"}
"""What both kinds of rule build on."""
ALLOWED = {
    "model": MODEL,
    "parsers": MODEL | {"parsers"},
    "core": MODEL | RULE_CORE,
    "scope": MODEL | RULE_CORE,
    "patterns": MODEL | RULE_CORE,
    "options": MODEL | RULE_CORE,
    "checks": MODEL | RULE_CORE | {"checks"},
    "rule_types": MODEL | RULE_CORE | {"rule_types", "parsers"},
}
"""Layer → the top-level modules or packages of pytest_doclint it may import."""


def layer_of(path: Path) -> str:
    top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    return "model" if top in MODEL else top


def imported(path: Path) -> set[str]:
    """The top-level pytest_doclint modules ``path`` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "pytest_doclint":
                found |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[1] for a in node.names if a.name.startswith("pytest_doclint.")
            }
    return found


LAYERED = sorted(p for p in PACKAGE.rglob("*.py") if layer_of(p) in ALLOWED)


@pytest.mark.parametrize("path", LAYERED, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_only_run_down(path: Path) -> None:
    layer = layer_of(path)
    upward = imported(path) - ALLOWED[layer] - {path.stem}
    assert not upward, f"{path.relative_to(PACKAGE)} ({layer}) imports {sorted(upward)}"


def test_the_layers_are_all_there() -> None:
    """A renamed module must not make the check above vacuous."""
    layers = {layer_of(p) for p in LAYERED}
    assert layers == set(ALLOWED)
    assert len(LAYERED) > 40


def test_the_check_sees_a_backward_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from pytest_doclint.reports import render\n")
    assert imported(sample) == {"reports"}
