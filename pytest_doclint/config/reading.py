"""Reading a config file: YAML or `[tool.doclint]` TOML, keeping the line of every key so
that an error names the file, line and key that caused it."""

from __future__ import annotations

import codecs
import tomllib
import typing
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import yaml

from pytest_doclint.config.keys import MAX_YAML_DEPTH
from pytest_doclint.config.keys import MAX_YAML_NODES
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError


@dataclass
class Layer:
    """One validated config file (or pack): raw settings plus where each came from."""

    path: Path
    data: dict[str, typing.Any]
    lines: dict[tuple[str, ...], int]
    instances: dict[str, Rule] = field(default_factory=dict)
    """Rules this layer defines from YAML (`type: pattern`, …), by id."""
    known_instances: set[str] = field(default_factory=set)
    """Ids of rule instances this layer may configure: its own and its packs'."""

    def where(self, *keys: str) -> str:
        line = self.lines.get(keys) or self.lines.get(keys[:1]) or 0
        return f"{self.path}:{line}" if line else str(self.path)


def read_text(path: Path) -> str:
    """A config file's text: UTF-8 (a byte order mark is allowed), else a located error."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the config: {error.strerror or error}", str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, start) + 1
        raise ConfigError(
            f"a config must be UTF-8 text; undecodable byte at byte offset {start}", str(path), line
        ) from None


def read_yaml(path: Path, text: str) -> Layer:
    """Parse ``text`` keeping the line of every key; syntax errors name the line."""
    try:
        loader = yaml.SafeLoader(text)  # checks every character first
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise ConfigError(
            f"invalid YAML: character U+{error.character:04X} is not allowed", str(path), line
        ) from None
    try:
        node = loader.get_single_node()
        lines: dict[tuple[str, ...], int] = {}
        if node is not None:
            _record_lines(node, (), lines, [0])
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(
            f"invalid YAML: {error.problem or error}", str(path), line, column
        ) from None
    except RecursionError:
        raise ConfigError("invalid YAML: nested too deeply", str(path)) from None
    except ConfigError as error:  # from _record_lines, which knows the line but not the file
        raise ConfigError(error.message, str(path), error.line) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("a doclint config must be a mapping of keys to values", str(path), 1)
    return Layer(path, data, lines)


def _record_lines(node: yaml.Node, at: tuple[str, ...], lines: dict, count: list[int]) -> None:
    count[0] += 1
    if count[0] > MAX_YAML_NODES:
        raise ConfigError(
            f"too many YAML nodes (more than {MAX_YAML_NODES}); aliases that "
            "expand exponentially are not allowed",
            line=node.start_mark.line + 1,
        )
    if len(at) > MAX_YAML_DEPTH:
        raise ConfigError(
            f"YAML nested more than {MAX_YAML_DEPTH} levels deep", line=node.start_mark.line + 1
        )
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            keys = (*at, str(key.value))
            lines[keys] = key.start_mark.line + 1
            _record_lines(value, keys, lines, count)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*at, str(index)), lines, count)


def read_pyproject(path: Path) -> Layer | None:
    """The `[tool.doclint]` table of a pyproject.toml, or None when there is none."""
    text = read_text(path)
    try:
        table = tomllib.loads(text).get("tool", {}).get("doclint")
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", str(path)) from None
    if table is None:
        return None
    header = next(
        (
            n + 1
            for n, line in enumerate(text.splitlines())
            if line.strip().startswith("[tool.doclint")
        ),
        0,
    )
    return Layer(path, table, {(): header})
