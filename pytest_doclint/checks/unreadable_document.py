"""unreadable-document: a document selected for linting whose text cannot be read."""

from __future__ import annotations

from collections.abc import Iterator

from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document

RULE_ID = "unreadable-document"
"""The id the engine reports an unreadable document under."""


@rule(
    RULE_ID,
    "Every document selected for linting can be read as text",
    off_refused="a document that cannot be read would pass unseen; set it to `warning` to "
    "report it without failing, or `exclude` the files that are not documents",
)
def unreadable_document(document: Document, options: object) -> Iterator[Finding]:
    """
    ## What it does
    Reports a document the run selects (by the config's `include` globs, or by name on the
    command line) that cannot be read as text: a binary file with a text suffix, bytes that
    are not valid in the document's encoding and fit no other, a file that cannot be opened
    (no permission, a dangling symlink, a symlink loop) or that is no regular file (a named
    pipe). The finding says why, and where the first undecodable byte is.

    The severity may be `warning`, to report such documents without failing the run. It
    cannot be `off`: a config that turns it off stops the run with a usage error, and so do
    `--ignore` and `--doclint-ignore`; a `--select` that leaves it out still reports such
    documents. To leave out a file that is no document, `exclude` it.

    ## Why is this bad?
    Every other rule needs the text. A document that cannot be read is checked by none of
    them, so without this finding a run would pass while saying nothing about it.

    ## Example
    A `notice.txt` whose bytes (in hex) hold a NUL, so it is no text:
    ```text
    e9 80 9a e7 9f a5 00 01
    ```

    Use instead: save the document as UTF-8 text, set `encoding:` for one in an encoding
    that cannot be told from its bytes (UTF-16 without a byte order mark), or `exclude` a
    file that is not a document.
    """
    # A document that reaches a rule has been read. The engine reports the one that cannot
    # be, under this rule's id and severity, before any rule runs (engine.unreadable).
    yield from ()
