"""pytest-doclint: a document consistency linter delivered as a pytest plugin.

What a plugin author needs to write a rule: the :func:`rule` marker, the :class:`Finding` a
check yields, and the document model it reads (:class:`Document` and its parts). Everything
else in the package is the linter's own machinery and may change between versions.
"""

from __future__ import annotations

from importlib import metadata

from pytest_doclint.core import Explanation
from pytest_doclint.core import NoOptions
from pytest_doclint.core import Rule
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Link
from pytest_doclint.model import Toc
from pytest_doclint.model import TocEntry

__all__ = [
    "Block",
    "Document",
    "Explanation",
    "Finding",
    "Heading",
    "Link",
    "NoOptions",
    "Rule",
    "Toc",
    "TocEntry",
    "__version__",
    "rule",
]

try:
    __version__ = metadata.version("pytest-doclint")
except metadata.PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
    __version__ = "0.0.0"
