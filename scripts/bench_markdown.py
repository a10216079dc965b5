"""Benchmark: lint a folder of 1,000 Markdown files, and what parsing costs of it.

    python scripts/bench_markdown.py [--files 1000] [--source DIR]

Builds the folder from the Markdown documents of the dev corpus (``/tmp/dev-corpus``, see
``../shared/dev-corpus``) or, without it, from the project's own docs, cycling through them
under new names. Prints, for the whole folder: pyromark's events (the parser alone), our
parse into the model, our parse plus every default rule, and pytest runs with the
plugin (per-document cost included): without the result cache, with it cold (every document
linted, results stored) and warm (every result reused). Speed targets live here, never in a
unit test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyromark

from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, count: int, source: Path) -> list[Path]:
    originals = sorted(source.glob("*.md")) or sorted((ROOT / "docs").rglob("*.md"))
    files = []
    for index in range(count):
        original = originals[index % len(originals)]
        target = folder / f"doc-{index:04d}-{original.name}"
        shutil.copyfile(original, target)
        files.append(target)
    return files


def timed(label: str, megabytes: float, action) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label:<50} {elapsed:7.2f} s  {megabytes / elapsed:6.2f} MB/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--source", type=Path, default=Path("/tmp/dev-corpus"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = build(folder, args.files, args.source)
        texts = [f.read_text(encoding="utf-8") for f in files]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"{len(files)} Markdown files, {megabytes:.1f} MB")
        events = pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES).events_with_range
        timed("pyromark events", megabytes, lambda: [list(events(t)) for t in texts])
        settings = ParseSettings()
        timed(
            "doclint parse",
            megabytes,
            lambda: [
                parse(f.name, t, "markdown", settings) for f, t in zip(files, texts, strict=True)
            ],
        )
        rules = builtin_rules()
        lint_settings = ConfigStore(folder, rules).settings_for(folder / "x.md", [])

        def lint_all() -> None:
            for path in files:
                engine.lint(engine.read(path, path.name, lint_settings), lint_settings)

        timed("doclint read + parse + default rules", megabytes, lint_all)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--doclint",
            "--rootdir",
            str(folder),
            str(folder),
        ]
        for label, extra in (
            ("no cache", ["-p", "no:cacheprovider"]),
            ("cache cold: lints, then stores", []),
            ("cache warm: every result reused", []),
        ):
            timed(
                f"pytest --doclint, {label}",
                megabytes,
                lambda extra=extra: subprocess.run(
                    command + extra, capture_output=True, check=False, cwd=folder
                ),
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
