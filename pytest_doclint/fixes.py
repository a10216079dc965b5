"""Apply the edits rules attach to findings: `doclint --fix`, `doclint --diff`, `--doclint-fix`.

A document is read and linted afresh from its bytes, so the edits fit exactly the text they
are applied to; only the selected rules' edits are applied, and nothing outside them changes.
The fixed text is written back in the document's encoding, byte order mark and line endings,
through a temporary file renamed over it (its permissions kept), and only if the file still
holds the bytes that were read. A fixed document has no edit left: a second run changes nothing.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pytest_doclint import encoding
from pytest_doclint import engine
from pytest_doclint import runner
from pytest_doclint.config import Settings
from pytest_doclint.extensions import Extensions
from pytest_doclint.findings import Edit
from pytest_doclint.findings import Finding

WRITABLE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
"""A file with none of these is read-only by choice, even to a user (root) who may write it."""
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
"""A line with its ending, as :func:`pytest_doclint.model.split_lines` counts lines."""
NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Fix:
    """What fixing one document does: its text before and after, the findings repaired."""

    shown: str
    file: Path
    data: bytes
    """The bytes the document was read from: written over only if the file still has them."""
    before: str
    after: str
    encoding: str
    repaired: tuple[Finding, ...]

    @property
    def changes(self) -> bool:
        return self.before != self.after

    def summary(self) -> str:
        """`toc-matches-body (line 6)`: the findings whose edits were made."""
        return ", ".join(f"{f.rule} (line {f.line})" for f in self.repaired)

    def diff(self) -> str:
        """A unified diff of the fix, `a/PATH` to `b/PATH`."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.shown}",
            f"b/{self.shown}",
        )
        return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


def show(paths: Iterable[Path | str], rootdir: Path, found: Extensions, only: set[str] | None,
         out: TextIO) -> bool:  # fmt: skip
    """`--diff`: print the fixes of the documents below ``paths``; whether there are any."""
    planned = [f for f in plan_all(paths, rootdir, found, only) if f.changes]
    out.writelines(f.diff() for f in planned)
    return bool(planned)


def fix(paths: Iterable[Path | str], rootdir: Path, found: Extensions, only: set[str] | None,
        out: TextIO, err: TextIO) -> None:  # fmt: skip
    """`--fix`: write the fixes of the documents below ``paths``, saying what each repaired;
    a document that cannot be written is named on ``err`` with what to do, and left as it is."""
    for done, line in write_all(plan_all(paths, rootdir, found, only)):
        (out if done else err).write(f"{line}\n" if done else f"doclint: {line}\n")


def write_all(planned: Iterable[Fix]) -> Iterator[tuple[bool, str]]:
    """Write each fix that changes its document: (written, what was fixed or why not)."""
    for each in planned:
        if each.changes:
            problem = write(each)
            yield (False, problem) if problem else (True, f"{each.shown}: fixed {each.summary()}")


def plan_all(paths: Iterable[Path | str], rootdir: Path, found: Extensions,
             only: set[str] | None) -> Iterator[Fix]:  # fmt: skip
    """The fix of every document below ``paths`` that can be read, by path."""
    for shown, file, settings in runner.plan(paths, rootdir, found.rules, found.formats,
                                             found.packs):  # fmt: skip
        planned = plan(shown, file, settings, only)
        if planned is not None:
            yield planned


def plan(shown: str, file: Path, settings: Settings, only: set[str] | None) -> Fix | None:
    """The fix of one document by the rules ``only`` names (all enabled ones for None), or
    None for a document that cannot be read (its lint reports why)."""
    try:
        data = encoding.read_bytes(file)
        document = engine.parse_bytes(data, file, shown, settings)
    except (encoding.UnreadableDocument, OSError):
        return None
    selected = {rid for rid in settings.enabled() if only is None or rid in only}
    repaired = tuple(f for f in engine.lint(document, settings, selected) if f.fixes)
    after = apply(document.source, [e for f in repaired for e in f.fixes])
    return Fix(shown, file, data, document.source, after, document.encoding, repaired)


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made; an edit that overlaps one before it is left out (the
    next run makes it, on the text the first one left)."""
    starts = _line_starts(text)
    placed = sorted((_offset(starts, e.line, e.column), _offset(starts, e.end_line,
                     e.end_column), e.text) for e in edits)  # fmt: skip
    parts, at = [], 0
    for start, end, replacement in placed:
        if start < at:
            continue
        parts += [text[at:start], replacement.replace("\n", _newline_at(text, start))]
        at = end
    return "".join(parts) + text[at:]


def _line_starts(text: str) -> list[int]:
    starts: list[int] = []
    at = 0
    for found in LINE.finditer(text):
        if found.start() == len(text) and starts:
            break
        starts.append(at)
        at = found.end()
    return starts


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(line, len(starts)) - 1] + column - 1


def _newline_at(text: str, offset: int) -> str:
    """The line ending of the line at ``offset`` (of the document's first line without one)."""
    found = NEWLINE.search(text, offset) or NEWLINE.search(text)
    return found.group() if found else "\n"


def write(fix: Fix) -> str | None:
    """Write the fixed text over the document; None when written, else why not (a sentence
    naming the file and what to do)."""
    target = Path(os.path.realpath(fix.file))
    if not os.access(target, os.W_OK) or not target.stat().st_mode & WRITABLE:
        return f"{fix.shown}: not fixed: the file is read-only; make it writable and run again"
    try:
        if encoding.read_bytes(target) != fix.data:
            return f"{fix.shown}: not fixed: the file changed since it was read; run again"
        _replace(target, encoding.encode(fix.after, fix.data, fix.encoding))
    except OSError as error:
        return f"{fix.shown}: not fixed: {error.strerror or error}; check the folder can be written"
    return None


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``:
    a reader sees the old document or the new one, never half of it."""
    mode = target.stat().st_mode
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temporary:
            temporary.write(data)
        os.chmod(name, mode)
        os.replace(name, target)
    except BaseException:
        os.unlink(name)
        raise
