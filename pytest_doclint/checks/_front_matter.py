"""Front matter as the Markdown linters find it, for rules whose answer depends on its title.

markdownlint (and with it MD001, MD025 and MD041) accepts three kinds at the very start of
a document: YAML between `---` lines, TOML between `+++` lines (pandoc closes with `...`)
and JSON between a `{` line and a `}` line. The blank lines right after the closing line
belong to it too, so "the document starts with a heading" means the first line after them.

The Markdown parser records only YAML front matter's `title:` (``Document.title``); a
configurable title pattern needs the front matter's lines, which the model does not keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_doclint import regexes
from pytest_doclint.model import Document

CLOSERS = {"---": ("---",), "+++": ("+++", "..."), "{": ("}",)}
"""Opening line → the lines that may close it (each alone on its line, white space aside)."""
DEFAULT_TITLE = r'^\s*"?title"?\s*[:=]'
"""A `title:` (YAML), `title =` (TOML) or `"title":` (JSON) line: markdownlint's default."""


@dataclass(frozen=True)
class FrontMatter:
    lines: list[str]
    """Its lines, delimiters included."""
    end_line: int
    """The last line it takes, blank lines after the closing delimiter included (1-based)."""

    def title_line(self, pattern: str) -> int | None:
        """The first line that matches ``pattern`` (case ignored), or None; `""` matches none."""
        if not pattern:
            return None
        title = regexes.compile_user(pattern, regexes.IGNORECASE)
        found = (n for n, line in enumerate(self.lines, start=1) if regexes.search(title, line))
        return next(found, None)


def front_matter(document: Document) -> FrontMatter | None:
    """The Markdown document's front matter, or None when it has none."""
    lines = document.lines
    if document.format != "markdown" or not lines:
        return None
    closers = CLOSERS.get(lines[0].rstrip())
    if closers is None:
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if close is None:
        return None
    end = close
    while end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1
    return FrontMatter(lines[: close + 1], end + 1)
