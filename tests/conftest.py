from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def speech(pytester: pytest.Pytester) -> Path:
    """The user's sample speech (TOC promises parts the body lacks; stops mid-sentence)."""
    return Path(shutil.copy(EXAMPLES / "speech.txt", pytester.path / "speech.txt"))


@pytest.fixture
def repaired(pytester: pytest.Pytester) -> Path:
    """The speech with its TOC trimmed, the missing `(一)` restored and its end finished."""
    return Path(shutil.copy(EXAMPLES / "speech-repaired.txt", pytester.path / "repaired.txt"))
