"""Where a run looks: the rootdir, the folders walked for documents, the configs reachable
from the paths given. Both front ends use it, so `pytest docs/` and `doclint docs/` read the
same configs and skip the same folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path

from pytest_doclint.config import CONFIG_NAMES

ROOT_MARKERS = ("pyproject.toml", "pytest.ini", "tox.ini", "setup.cfg")
"""The files by which pytest picks its rootdir; the command looks for the same ones."""
SKIPPED_FOLDERS = frozenset(
    {
        "node_modules",
        "__pycache__",
        "site-packages",
        "venv",
        "build",
        "dist",
        "CVS",
        "_darcs",
        "{arch}",
    }
)
"""Never walked into (besides hidden folders, `*.egg` and virtual environments)."""


def find_rootdir(start: Path) -> Path:
    """The nearest of ``start`` and its parents holding a pytest rootdir marker, else ``start``.

    Run from the same folder, `doclint` and `pytest` then agree on the rootdir: it is where
    `[tool.doclint]` is read, where the config cascade stops, and what report paths are
    relative to.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in ROOT_MARKERS):
            return folder
    return start


def shown_path(path: Path, rootdir: Path) -> str:
    """``path`` relative to ``rootdir`` with `/` (with `..` when it lies outside)."""
    return Path(os.path.relpath(path, rootdir)).as_posix()


def skipped(folder: str, parent: str) -> bool:
    return (
        folder.startswith(".")
        or folder in SKIPPED_FOLDERS
        or folder.endswith(".egg")
        or os.path.isfile(os.path.join(parent, folder, "pyvenv.cfg"))
    )


def walk(path: Path) -> Iterator[Path]:
    """Files below ``path`` in sorted order, skipping hidden and tool folders."""
    if not path.is_dir():
        yield path
        return
    for current, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not skipped(d, current))
        for name in sorted(files):
            # Pipes, dangling links and link loops are yielded too: the engine refuses to read
            # them and reports them, as the plugin does, instead of passing over them.
            yield Path(current) / name


def reachable_configs(paths: Iterable[Path], rootdir: Path) -> list[Path]:
    """Every config a run over ``paths`` can reach: validated before linting, like the plugin."""
    found = [rootdir / "pyproject.toml"] if (rootdir / "pyproject.toml").is_file() else []
    for start in paths:
        folder = start if start.is_dir() else start.parent
        found += [
            p / n
            for p in (folder, *folder.parents)
            for n in CONFIG_NAMES
            if (p / n).is_file() and (p == rootdir or rootdir in p.parents)
        ]
        if start.is_dir():
            found += [f for f in walk(start) if f.name in CONFIG_NAMES]
    return list(dict.fromkeys(found))
