"""Merging validated layers into the settings of one document: later layers win, and
where each setting came from is kept for `--show-config`."""

from __future__ import annotations

import dataclasses
import fnmatch
import typing
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from pytest_doclint.config.keys import AUTO_ENCODING
from pytest_doclint.config.keys import DEFAULT_INCLUDE
from pytest_doclint.config.reading import Layer
from pytest_doclint.config.validation import unknown_choice
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import build_scheme
from pytest_doclint.parsers import Format
from pytest_doclint.parsers import ParseSettings


@dataclass
class RuleSetting:
    severity: str
    options: object
    rule: Rule


@dataclass
class Settings:
    """Everything that decides how one document is linted."""

    rules: dict[str, RuleSetting]
    parse: ParseSettings
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    items: str = "document"
    encoding: str | None = None
    """The configured encoding of the document, or None to detect it."""
    origins: dict[str, str] = field(default_factory=dict)
    """`rules.toc-matches-body.severity` → `docs/doclint.yaml:4`: for --doclint-show-config."""

    def enabled(self) -> dict[str, RuleSetting]:
        return {rid: s for rid, s in self.rules.items() if s.severity != "off"}


def _anchored(pattern: str, base: Path) -> str:
    return (base / pattern.removeprefix("./")).as_posix() if "/" in pattern else pattern


def matches(path: Path, patterns: list[str] | tuple[str, ...], base: Path | None = None) -> bool:
    """Globs without `/` match the file name; others the path (below ``base`` if given).

    `*` crosses folders (`docs/*` matches `docs/a/b.md`), so `**` needs no special meaning.
    """
    for pattern in patterns:
        if "/" in pattern:
            target = _anchored(pattern, base) if base else pattern
            if fnmatch.fnmatchcase(path.as_posix(), target.replace("**/", "*")):
                return True
        elif fnmatch.fnmatchcase(path.name, pattern):
            return True
    return False


class Merged:
    """Later layers win, key by key; rule options merge option by option."""

    def __init__(self) -> None:
        self.rules: dict[str, dict] = {}
        self.instances: dict[str, Rule] = {}
        self.text: dict[str, object] = {}
        self.top: dict[str, typing.Any] = {}  # validated: each key has its documented type
        self.origins: dict[str, str] = {}

    def add(self, layer: Layer, data: dict, at: tuple[str, ...]) -> None:
        self.instances.update(layer.instances)
        for key in ("include", "exclude"):
            if key in data:  # a glob with a `/` is relative to the folder of its config
                self.top[key] = [_anchored(p, layer.path.parent) for p in data[key]]
                self.origins[key] = layer.where(*at, key)
        for key in ("items", "encoding"):
            if key in data:
                self.top[key] = data[key]
                self.origins[key] = layer.where(*at, key)
        for rid, entry in (data.get("rules") or {}).items():
            self.rules.setdefault(rid, {}).update(entry)
            for name in entry:
                self.origins[f"rules.{rid}.{name}"] = layer.where(*at, "rules", rid)
        for key, value in (data.get("text") or {}).items():
            self.text[key] = value
            self.origins[f"text.{key}"] = layer.where(*at, "text", key)

    def build(self, rules: dict[str, Rule], formats: tuple[Format, ...] = ()) -> Settings:
        for rid in self.rules.keys() - rules.keys() - self.instances.keys():
            path, _, line = self.origins[f"rules.{rid}.severity"].rpartition(":")
            known = [*rules, *sorted(self.instances)]
            raise ConfigError(
                unknown_choice(rid, known, "rule"), path, int(line) if line.isdigit() else 0
            )
        resolved = {}
        for rid, rule in {**rules, **self.instances}.items():
            entry = dict(self.rules.get(rid, {}))
            severity = entry.pop("severity", "off")
            resolved[rid] = RuleSetting(severity, rule.options(**entry), rule)
        suffixes = tuple(f"*{suffix}" for f in formats for suffix in f.suffixes)
        include: list[str] = self.top.get("include", [*DEFAULT_INCLUDE, *suffixes])
        exclude: list[str] = self.top.get("exclude", [])
        return Settings(
            rules=resolved,
            parse=dataclasses.replace(_parse_settings(self.text), formats=formats),
            include=tuple(include),
            exclude=tuple(exclude),
            items=str(self.top.get("items", "document")),
            encoding=_encoding(self.top.get("encoding", AUTO_ENCODING)),
            origins=self.origins,
        )


def _encoding(value: object) -> str | None:
    return None if value == AUTO_ENCODING else str(value)


def _parse_settings(text: dict[str, typing.Any]) -> ParseSettings:
    """The merged `text:` settings (validated, so their types are known) as parse settings."""
    custom = {s["name"]: build_scheme(s) for s in text.get("custom_schemes", [])}
    known = {**BUILTIN_SCHEMES, **custom}
    defaults = ParseSettings()
    names = text.get("schemes")
    chosen = tuple(known[n] for n in names) if names else None
    schemes = chosen or defaults.schemes + tuple(custom.values())
    values: dict[str, typing.Any] = {
        k: (tuple(v) if isinstance(v, list) else v)
        for k, v in text.items()
        if k not in ("schemes", "custom_schemes")
    }
    return dataclasses.replace(defaults, schemes=schemes, **values)
