"""Messages in the reader's language.

Every string shown to a reader goes through `_` (or `ngettext` when it counts something) so
that a gettext catalogue can translate it. Until the catalogue lands they return the English.
"""

from __future__ import annotations


def _(message: str) -> str:
    """``message`` in the reader's language."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that fits ``count``, in the reader's language."""
    return singular if count == 1 else plural
