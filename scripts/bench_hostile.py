"""Benchmark the hostile inputs at the sizes issue 6 names; the numbers go in docs/robustness.md.

    python scripts/bench_hostile.py                 # folder run + 50 MB documents + encodings
    python scripts/bench_hostile.py --only folder   # or: big, encodings
    python scripts/bench_hostile.py --with-known-bugs   # also the cases that hang today

Each pytest run is a child process that reports its own peak resident memory (``ru_maxrss``),
so every number is one run's peak, not the largest of all runs so far. The hostile folder is
the one ``tests/test_hostile_inputs.py`` builds, at full size: a 5 MB line, 10,000 headings of
each kind, a 50 MB log among the other hostile files.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import test_hostile_inputs as hostile  # noqa: E402

from pytest_doclint import encoding  # noqa: E402

FULL = hostile.Sizes(
    long_line=5_000_000,
    big_document=50_000_000,
    headings=10_000,
    repeated_headings=10_000,
    nesting=50,
)
MEASURED = """
import resource, sys, pytest
code = pytest.main(sys.argv[1:])
print(f"peak_rss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(int(code))
"""


def run(folder: Path, *args: str) -> tuple[float, int, int, str]:
    """Seconds, exit code, peak RSS (MiB) and the last summary line of one pytest run."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "--doclint", "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = next(
        int(line.split("=")[1])
        for line in done.stderr.splitlines()
        if line.startswith("peak_rss_kib=")
    )
    summary = next((line for line in reversed(done.stdout.splitlines()) if " in " in line), "")
    return seconds, done.returncode, peak // 1024, summary.strip("= ")


def folder_run(with_bugs: bool) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        cases = hostile.build(folder, FULL, with_hangs=with_bugs)
        left_out = [c.name for c in hostile.cases(FULL) if c.hangs and not with_bugs]
        size = sum(
            p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
        )
        seconds, code, peak, summary = run(folder)
        print(
            f"hostile folder: {len(cases)} files, {size / 1e6:.0f} MB: {seconds:.1f} s, exit "
            f"{code}, "
            f"peak RSS {peak} MiB ({summary})"
        )
        if left_out:
            print(f"  left out (known bugs that hang today): {', '.join(left_out)}")


def big_documents() -> None:
    log = hostile._big_log(50_000_000)
    for suffix in ("txt", "md", "rst"):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
            (folder / f"log.{suffix}").write_text(log, encoding="utf-8")
            seconds, code, peak, summary = run(folder)
            print(
                f"50 MB log as .{suffix}: {seconds:.1f} s, exit {code}, peak RSS {peak} MiB "
                f"({summary})"
            )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        (folder / "log.txt").write_bytes(("运行日志\n\n" + log).encode("gb18030"))
        seconds, code, peak, summary = run(folder)
        print(
            f"50 MB log in GB18030 (guessed): {seconds:.1f} s, exit {code}, peak RSS {peak} MiB "
            f"({summary})"
        )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        baseline = run(folder, "--co")
        print(f"baseline (pytest, plugin, no document): peak RSS {baseline[2]} MiB")


def encodings() -> None:
    """How often the guess reads legacy bytes back as the text written, by length."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests/fixtures").rglob("*"))
        if p.suffix in (".txt", ".md", ".rst") and p.is_file()
    ]
    texts = [t for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t)]
    for codec in ("gb18030", "gbk"):
        for lines in (1, 2, 3, 5, None):
            right = tried = utf8 = 0
            for text in texts:
                part = text if lines is None else "\n".join(text.split("\n")[:lines]) + "\n"
                data = part.encode(codec)
                try:
                    data.decode("utf-8")
                    utf8 += 1
                    continue
                except UnicodeDecodeError:
                    tried += 1
                with contextlib.suppress(encoding.UnreadableDocument):
                    right += encoding.decode(data)[0] == part
            label = "whole documents" if lines is None else f"first {lines} line(s)"
            print(
                f"{codec}, {label}: {right}/{tried} read right ({utf8} also valid UTF-8, read as "
                f"such)"
            )
    samples = {
        "big5": hostile.TRADITIONAL,
        "shift_jis": hostile.JAPANESE,
        "euc-kr": hostile.KOREAN,
        "cp1252": hostile.FRENCH,
        "cp1251": "Глава 1. Общие положения\n\nНастоящий документ определяет порядок работы.\n",
    }
    for codec, text in samples.items():
        name = encoding.decode(text.encode(codec))[1]
        first = text.split("\n")[0] + "\n"
        try:
            alone = "read right" if encoding.decode(first.encode(codec))[0] == first else "misread"
        except encoding.UnreadableDocument:
            alone = "unreadable (set `encoding:`)"
        print(f"{codec}: whole sample read as {name}; its first line alone: {alone}")
    print(f"utf-16 with BOM: {encoding.decode(codecs.BOM_UTF16_LE + 'é'.encode('utf-16-le'))[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("folder", "big", "encodings"))
    parser.add_argument(
        "--with-known-bugs",
        action="store_true",
        help="also put the cases that hang today into the folder",
    )
    args = parser.parse_args()
    if args.only in (None, "encodings"):
        encodings()
    if args.only in (None, "folder"):
        folder_run(args.with_known_bugs)
    if args.only in (None, "big"):
        big_documents()


if __name__ == "__main__":
    main()
