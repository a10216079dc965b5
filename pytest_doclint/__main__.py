"""`python -m pytest_doclint PATH…`: the same as the `doclint` command."""

from __future__ import annotations

import sys

from pytest_doclint.cli import main

if __name__ == "__main__":
    sys.exit(main())
