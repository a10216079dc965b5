"""Regenerate docs/rules/ and the config schema from the rules' metadata:
`python scripts/generate_docs.py`."""

from __future__ import annotations

from pathlib import Path

from pytest_doclint.reference import write_reference
from pytest_doclint.schema import write_schema

if __name__ == "__main__":
    for path in write_reference(Path(__file__).parent.parent / "docs" / "rules"):
        print(path)
    print(write_schema())
