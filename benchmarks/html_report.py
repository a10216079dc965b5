"""How fast a 1,000-document HTML report opens, and how big it is.

Writes 1,000 documents (variants of the supplied speech: parts cut, headings renumbered,
endings cut) into a temporary folder, builds `doclint --html` over them and times headless
Chromium loading the report (`data-ready-ms`, set by the report's script once the summary is
ready, measured from navigation start). Not a test: timings depend on the machine.

    python3 benchmarks/html_report.py [N]
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPEECH = Path(__file__).parent.parent / "examples" / "speech.txt"


def corpus(folder: Path, count: int) -> None:
    """``count`` variants of the speech in 20 folders: each drops a different body line and
    ends at a different line, so no two pages are the same."""
    lines = SPEECH.read_text(encoding="utf-8").splitlines()
    for index in range(count):
        body = lines[: 15 + index % 20] + lines[15 + index % 20 + 1 :]
        text = "\n".join(body[: len(body) - index % 3]) + "\n"
        target = folder / f"part-{index % 20:02d}" / f"speech-{index:04d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus(folder / "docs", count)
        report = folder / "report.html"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest_doclint", "-q", "--html", str(report),
                        str(folder / "docs")], cwd=folder, check=False)  # fmt: skip
        built = time.perf_counter() - started
        started = time.perf_counter()
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                              "--dump-dom", report.as_uri()], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
        loaded = time.perf_counter() - started
        ready = re.search(r'data-ready-ms="(\d+)"', dom)
        print(
            f"{count} documents: report {report.stat().st_size / 1e6:.1f} MB, built in "
            f"{built:.1f} s; chromium: summary ready {ready.group(1) if ready else '?'} ms "
            f"after navigation, whole headless run {loaded:.1f} s"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
