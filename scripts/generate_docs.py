"""Regenerate docs/rules/ from the rules' metadata: `python scripts/generate_docs.py`."""

from __future__ import annotations

from pathlib import Path

from pytest_doclint.reference import write_reference

if __name__ == "__main__":
    for path in write_reference(Path(__file__).parent.parent / "docs" / "rules"):
        print(path)
