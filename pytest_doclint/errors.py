"""Errors that stop a run with a message for the person who wrote the config."""

from __future__ import annotations


class ConfigError(Exception):
    """A config or pack is wrong: ``path:line:col: message``, no traceback."""

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0) -> None:
        self.message, self.path, self.line, self.column = message, path, line, column
        location = ":".join(str(p) for p in (path, line, column) if p)
        super().__init__(f"{location}: {message}" if location else message)
