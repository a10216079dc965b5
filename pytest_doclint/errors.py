"""Errors that stop a run with a message for the person who wrote the config."""

from __future__ import annotations

import os


class ConfigError(Exception):
    """A config or pack is wrong: ``path:line:col: message``, no traceback."""

    def __init__(
        self,
        message: str,
        path: str = "",
        line: int = 0,
        column: int = 0,
        *,
        key: tuple[str, ...] = (),
    ) -> None:
        self.message, self.path, self.line, self.column = message, _shown(path), line, column
        self.key = key
        """Where in the YAML the problem is, relative to what was validated: a rule
        instance's `("patterns", "2")`; the caller that knows the file turns it into a line."""
        location = ":".join(str(p) for p in (self.path, line, column) if p)
        super().__init__(f"{location}: {message}" if location else message)


def _shown(path: str) -> str:
    """A path below the working directory reads better relative to it."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
