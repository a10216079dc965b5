"""Run the linter over the development corpus and compare with its recorded verdicts.

    bash ../shared/dev-corpus/build.sh          # builds /tmp/dev-corpus
    python scripts/corpus_check.py [--corpus DIR] [--show]

A finding for a rule not in a document's verdict is a false positive; a rule in the verdict
that the linter does not report is a false negative. Prints both counts and the details.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.findings import render

HERE = Path(__file__).resolve().parent.parent
SOURCES = HERE.parent / "shared" / "dev-corpus" / "sources.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/dev-corpus"))
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--show", action="store_true", help="print every finding in full")
    args = parser.parse_args()
    with args.sources.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    rules = builtin_rules()
    settings = ConfigStore(args.corpus, rules).settings_for(args.corpus / "x.txt", [])
    false_pos = false_neg = found = 0
    started = time.perf_counter()
    for row in rows:
        name = f"{row['id']}.{row['format']}"
        expected = set() if row["verdict"] == "clean" else set(row["verdict"].split(","))
        document = engine.read(args.corpus / name, name, settings)
        findings = engine.lint(document, settings)
        got = {f.rule for f in findings}
        extra = [f for f in findings if f.rule not in expected]
        missing = expected - got
        false_pos += len(extra)
        false_neg += len(missing)
        found += len(expected & got)
        if extra or missing:
            print(
                f"{name}: verdict {row['verdict']}; false positives {len(extra)}; "
                f"missed {sorted(missing) or '-'}"
            )
            for finding in extra if args.show else extra[:3]:
                print("   ", render(finding, name, document.lines).splitlines()[0][:200])
    elapsed = time.perf_counter() - started
    print(
        f"\n{len(rows)} documents in {elapsed:.1f} s: {false_pos} false-positive findings, "
        f"{false_neg} missed rule verdicts, {found} rule verdicts found"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
