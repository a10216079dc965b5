"""The full rendered failure text of every rule fixture, held in ``tests/snapshots/``.

``test_rules.py`` checks *which* lines a rule flags; these snapshots pin *how* each finding
reads (message wording, column, caret, hint), so that a change of any of them shows up as a
diff in code review. Each fixture document with findings has one snapshot,
``tests/snapshots/<path under tests/fixtures>.txt``, holding ``render_all`` of its findings
exactly as the pytest failure shows them, with paths relative to ``tests/fixtures``.

``tests/snapshots/terminal/`` holds what `doclint` prints for two documents (the sample
speech, a Chinese Markdown guide) in each view (full, concise) with and without colour, so
caret alignment under CJK text and the colours are reviewed too (``cat`` one to see them).

Accept a change with ``DOCLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py``:
it rewrites the snapshots that differ and deletes those that no longer belong to a finding.
"""

from __future__ import annotations

import difflib
import importlib.util
import io
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pytest_doclint import cli
from pytest_doclint.findings import render_all
from pytest_doclint.model import split_lines

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_VARIABLE = "DOCLINT_UPDATE_SNAPSHOTS"
UPDATE_COMMAND = f"{UPDATE_VARIABLE}=1 python -m pytest tests/test_snapshots.py"


def _load_rule_tests() -> ModuleType:
    """test_rules.py's helpers, loaded from its file: the tests folder is not a package, and
    no test imports another, so this works under every pytest import mode."""
    name = "_doclint_rule_tests"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "test_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


rule_tests = _load_rule_tests()
FIXTURES: Path = rule_tests.FIXTURES


def updating() -> bool:
    """Whether the run accepts the rendered text as the new snapshots."""
    return os.environ.get(UPDATE_VARIABLE, "") not in ("", "0")


def snapshot_for(fixture: Path) -> Path:
    """The snapshot mirrors the fixture's path, so a reviewer finds one from the other."""
    return SNAPSHOTS / f"{fixture.relative_to(FIXTURES).as_posix()}.txt"


def fixture_for(snapshot: Path) -> Path:
    """The fixture a snapshot was rendered from (which may no longer exist)."""
    return FIXTURES / snapshot.relative_to(SNAPSHOTS).as_posix().removesuffix(".txt")


TERMINAL = SNAPSHOTS / "terminal"
"""The snapshots of `doclint`'s terminal output, which belong to no rule fixture."""
TERMINAL_DOCUMENTS = {
    "speech": Path(__file__).parent.parent / "examples" / "speech.txt",
    "guide-zh": Path(__file__).parent / "data" / "terminal" / "guide-zh.md",
}
TERMINAL_VIEWS = {"full": [], "concise": ["--concise"]}
TERMINAL_COLORS = {"plain": "--color=never", "color": "--color=always"}


def snapshot_files() -> list[Path]:
    """Every rule snapshot on disk (other files in the folder, like .gitattributes, are not)."""
    return sorted(path for path in SNAPSHOTS.rglob("*.txt")
                  if path.is_file() and TERMINAL not in path.parents)  # fmt: skip


def has_markers(fixture: Path) -> bool:
    """Markers declare the findings (test_rules.py holds the rule to them), so the cases are
    known without running any rule at collection time."""
    _, expected = rule_tests.strip_markers(fixture.read_text(encoding="utf-8"))
    return bool(expected)


def snapshot_cases() -> list[Path]:
    """Fixtures that declare findings, and those that still have a snapshot (it may be stale)."""
    kept = {fixture_for(snapshot) for snapshot in snapshot_files()}
    return [path for path in rule_tests.fixture_files() if path in kept or has_markers(path)]


def rendered(fixture: Path) -> str:
    """The fixture's findings as the pytest failure shows them; empty when there are none."""
    text, _ = rule_tests.strip_markers(fixture.read_text(encoding="utf-8"))
    findings = rule_tests.lint(fixture, text)
    if not findings:
        return ""
    shown = fixture.relative_to(FIXTURES).as_posix()
    return render_all(findings, shown, split_lines(text)) + "\n"


def check_snapshot(snapshot: Path, new: str, name: str) -> None:
    """Pass when ``new`` is the snapshot's text; rewrite it when updating; else fail with a diff."""
    old = snapshot.read_bytes().decode("utf-8") if snapshot.exists() else None
    if new == old:
        return
    if updating():
        write_snapshot(snapshot, new)
        return
    problem = (f"has no snapshot yet; it reads:\n{new}" if old is None
               else f"differs from its snapshot:\n{difference(snapshot, old, new)}")  # fmt: skip
    pytest.fail(f"{name} {problem}\nTo accept the change, run: {UPDATE_COMMAND}", pytrace=False)


def write_snapshot(snapshot: Path, text: str) -> None:
    """UTF-8 and LF on every platform, so a snapshot diffs the same everywhere."""
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    snapshot.write_text(text, encoding="utf-8", newline="\n")


def delete_snapshot(snapshot: Path) -> None:
    """Remove a snapshot and the folders it leaves empty, so renames leave no debris."""
    snapshot.unlink()
    folder = snapshot.parent
    while folder != SNAPSHOTS and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def difference(snapshot: Path, old: str, new: str) -> str:
    """A unified diff, or a plain sentence when only line endings differ (a diff hides them)."""
    if old.replace("\r\n", "\n") == new:
        return "the snapshot has CRLF line endings; snapshots are LF only\n"
    name = snapshot.relative_to(SNAPSHOTS.parent.parent).as_posix()
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{name} (snapshot)",
        tofile=f"{name} (rendered now)",
    )
    return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


@pytest.mark.parametrize(
    "fixture", snapshot_cases(), ids=lambda path: path.relative_to(FIXTURES).as_posix()
)
def test_rendered_findings_match_snapshot(fixture: Path) -> None:
    """Any change of the rendered text must be seen, and accepted, in review."""
    snapshot = snapshot_for(fixture)
    new = rendered(fixture)
    old = snapshot.read_bytes().decode("utf-8") if snapshot.exists() else None
    if new == old or (not new and old is None):
        return
    if updating() and new:
        write_snapshot(snapshot, new)
        return
    if updating():
        delete_snapshot(snapshot)
        return
    if not new:
        problem = "has no finding now, but its snapshot remains; delete it"
    elif old is None:
        problem = f"has no snapshot yet; its findings render as:\n{new}"
    else:
        problem = f"renders differently from its snapshot:\n{difference(snapshot, old, new)}"
    name = fixture.relative_to(FIXTURES).as_posix()
    pytest.fail(f"{name} {problem}\nTo accept the change, run: {UPDATE_COMMAND}", pytrace=False)


def test_no_orphan_snapshots() -> None:
    """A snapshot whose fixture was deleted or renamed would otherwise linger unchecked."""
    fixtures = set(rule_tests.fixture_files())
    orphans = [path for path in snapshot_files() if fixture_for(path) not in fixtures]
    if orphans and updating():
        for orphan in orphans:
            delete_snapshot(orphan)
        return
    if orphans:
        listing = "".join(
            f"  {path.relative_to(SNAPSHOTS.parent.parent).as_posix()}\n" for path in orphans
        )
        pytest.fail(
            f"{len(orphans)} snapshot(s) without a fixture in tests/fixtures/ (deleted or "
            f"renamed?):\n{listing}To delete them, run: {UPDATE_COMMAND}",
            pytrace=False,
        )


@pytest.mark.parametrize("color", TERMINAL_COLORS)
@pytest.mark.parametrize("view", TERMINAL_VIEWS)
@pytest.mark.parametrize("document", TERMINAL_DOCUMENTS)
def test_terminal_output_matches_snapshot(document: str, view: str, color: str) -> None:
    """What an editor sees in a terminal or a CI log, findings and summary, byte for byte."""
    path = TERMINAL_DOCUMENTS[document]
    out = io.StringIO()
    args = ["--root", str(path.parent), "-j", "1", *TERMINAL_VIEWS[view], TERMINAL_COLORS[color]]
    cli.main([*args, str(path)], stdout=out)
    name = f"{document}-{view}-{color}.txt"
    check_snapshot(TERMINAL / name, out.getvalue(), f"doclint {' '.join(args)} {path.name}")
