"""Front matter as the Markdown linters find it, for rules whose answer depends on its title.

The Markdown parser keeps it in the model (``Document.front_matter``): markdownlint's three
kinds (YAML, TOML, JSON) at the very start of the document, with the blank lines after it.
"""

from __future__ import annotations

from pytest_doclint.model import Document
from pytest_doclint.model import FrontMatter

DEFAULT_TITLE = r'^\s*"?title"?\s*[:=]'
"""A `title:` (YAML), `title =` (TOML) or `"title":` (JSON) line: markdownlint's default."""


def front_matter(document: Document) -> FrontMatter | None:
    """The document's front matter, or None when it has none."""
    return document.front_matter
