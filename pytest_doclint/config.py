"""Load, validate and merge `doclint.yaml` files, `[tool.doclint]` and the rule packs.

Every layer is validated on its own, so that an error names the file, line and key that
caused it. A document's settings are the default pack, then each config from the rootdir
down to the document's folder (its packs first, then its own keys, then its matching
``overrides``); later layers win.
"""

from __future__ import annotations

import codecs
import dataclasses
import fnmatch
import os
import sys
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import yaml

from pytest_doclint import options
from pytest_doclint import regexes
from pytest_doclint import rule_types
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import NUMERALS
from pytest_doclint.numbering import build_scheme
from pytest_doclint.options import did_you_mean
from pytest_doclint.options import kind_of
from pytest_doclint.options import one_of
from pytest_doclint.parsers import Format
from pytest_doclint.parsers import ParseSettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("doclint.yaml", ".doclint.yaml")
SEVERITIES = ("error", "warning", "off")
ITEM_MODES = ("document", "rule")
TOP_KEYS = ("extends", "include", "exclude", "items", "rules", "text", "overrides", "root",
            "encoding")  # fmt: skip
OVERRIDE_KEYS = ("files", "rules", "text", "encoding")
TEXT_KEYS = ("schemes", "custom_schemes", "max_heading_width", "run_in_headings",
             "toc_markers", "heading_end_punctuation")  # fmt: skip
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.rst")
MAX_YAML_NODES = 20_000
"""More nodes than any config needs: an alias bomb stops here, before it is expanded."""
MAX_YAML_DEPTH = 50
"""Deeper than any config needs; deeper still, the YAML parser itself would recurse too far."""
AUTO_ENCODING = "auto"
"""`encoding: auto` (the default): detect each document's encoding."""
ENCODINGS = (AUTO_ENCODING, "utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "gbk", "big5",
             "shift_jis", "euc-jp", "euc-kr", "cp1252", "latin-1", "cp1251")  # fmt: skip
"""Suggested when a configured encoding is unknown; any text codec Python has is accepted."""


def packs_dir() -> Path:
    """Packs ship inside the wheel (`pytest_doclint/rules`); a source checkout has `rules/`."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "rules"


def available_packs() -> list[str]:
    return sorted(p.stem for p in packs_dir().glob("*.yaml"))


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


# --- reading YAML with line numbers ---------------------------------------------------------


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
        raise ConfigError(f"a config must be UTF-8 text; undecodable byte at byte offset {start}",
                          str(path), line) from None  # fmt: skip


def read_yaml(path: Path, text: str) -> Layer:
    """Parse ``text`` keeping the line of every key; syntax errors name the line."""
    try:
        loader = yaml.SafeLoader(text)  # checks every character first
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise ConfigError(f"invalid YAML: character U+{error.character:04X} is not allowed",
                          str(path), line) from None  # fmt: skip
    try:
        node = loader.get_single_node()
        lines: dict[tuple[str, ...], int] = {}
        if node is not None:
            _record_lines(node, (), lines, [0])
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(f"invalid YAML: {error.problem or error}", str(path), line, column) from None
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
        raise ConfigError(f"too many YAML nodes (more than {MAX_YAML_NODES}); aliases that "
                          "expand exponentially are not allowed", line=node.start_mark.line + 1)
    if len(at) > MAX_YAML_DEPTH:
        raise ConfigError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep",
                          line=node.start_mark.line + 1)  # fmt: skip
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            lines[(*at, name)] = key.start_mark.line + 1
            _record_lines(value, (*at, name), lines, count)
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
    header = next((n + 1 for n, line in enumerate(text.splitlines())
                   if line.strip().startswith("[tool.doclint")), 0)  # fmt: skip
    return Layer(path, table, {(): header})


# --- validation -------------------------------------------------------------------------------


def _fail(layer: Layer, keys: tuple[str, ...], message: str) -> typing.NoReturn:
    line = layer.lines.get(keys) or layer.lines.get(keys[:-1]) or layer.lines.get(()) or 0
    raise ConfigError(message, str(layer.path), line)


def _choice(value: object, allowed: typing.Iterable[str], what: str) -> str:
    allowed = list(allowed)
    return f"unknown {what} `{value}`{did_you_mean(str(value), allowed)} ({one_of(allowed)})"


def _check_keys(layer: Layer, at: tuple[str, ...], mapping: object, allowed: tuple[str, ...],
                what: str) -> dict:  # fmt: skip
    if not isinstance(mapping, dict):
        _fail(layer, at, f"`{'.'.join(at) or 'config'}` must be a mapping, got {kind_of(mapping)}")
    for key in mapping:
        if key not in allowed:
            _fail(layer, (*at, str(key)), _choice(key, allowed, what))
    return mapping


def _string_list(layer: Layer, at: tuple[str, ...], value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(layer, at, f"`{'.'.join(at)}` must be a list of text, got {kind_of(value)}")
    return value


def validate(layer: Layer, rules: dict[str, Rule]) -> Layer:
    """Check every key of ``layer``; the first problem raises a located ConfigError."""
    data = _check_keys(layer, (), layer.data, TOP_KEYS, "key")
    for key in ("extends", "include", "exclude"):
        if key in data:
            data[key] = _string_list(layer, (key,), data[key])
    if "items" in data and data["items"] not in ITEM_MODES:
        _fail(layer, ("items",), _choice(data["items"], ITEM_MODES, "item mode"))
    if "root" in data and not isinstance(data["root"], bool):
        _fail(layer, ("root",), f"`root` must be true or false, got {kind_of(data['root'])}")
    _validate_section(layer, (), data, rules)
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        _fail(layer, ("overrides",), f"`overrides` must be a list, got {kind_of(overrides)}")
    for index, override in enumerate(overrides):
        at = ("overrides", str(index))
        _check_keys(layer, at, override, OVERRIDE_KEYS, "key in an override")
        if "files" not in override:
            _fail(layer, at, "an override needs `files`: the globs it applies to")
        override["files"] = _string_list(layer, (*at, "files"), override["files"])
        _validate_section(layer, at, override, rules)
    return layer


def _validate_section(layer: Layer, at: tuple[str, ...], data: dict, rules: dict[str, Rule]) -> None:
    if "encoding" in data:
        _check_encoding(layer, (*at, "encoding"), data["encoding"])
    if "rules" in data:
        entries = data["rules"] or {}
        if not isinstance(entries, dict):
            _fail(layer, (*at, "rules"), f"`rules` must be a mapping, got {kind_of(entries)}")
        data["rules"] = {rid: _rule_or_instance(layer, (*at, "rules", str(rid)), value, rules)
                         for rid, value in entries.items()}  # fmt: skip
    if "text" in data:
        _validate_text(layer, (*at, "text"), _check_keys(layer, (*at, "text"), data["text"],
                                                         TEXT_KEYS, "text setting"))  # fmt: skip


def _check_encoding(layer: Layer, at: tuple[str, ...], value: object) -> None:
    """A text codec Python knows (`gb18030`, `utf-16`, `cp1252`, …) or `auto`."""
    if not isinstance(value, str):
        _fail(layer, at, f"`encoding` must be text, got {kind_of(value)}")
    if value == AUTO_ENCODING:
        return
    try:
        info = codecs.lookup(value)
    except LookupError:
        _fail(layer, at, _choice(value, ENCODINGS, "encoding"))
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13: bytes to bytes
        _fail(layer, at, f"`{value}` is not a text encoding "
              f"(expected one of: {', '.join(ENCODINGS)})")  # fmt: skip


def _rule_or_instance(layer: Layer, at: tuple[str, ...], value: object,
                      rules: dict[str, Rule]) -> dict:  # fmt: skip
    """A built-in rule's settings, a new rule instance (`type:`), or an instance's severity."""
    rid = at[-1]
    if isinstance(value, dict) and "type" in value:
        if at[0] == "overrides":
            _fail(layer, at, f"define rule instance `{rid}` under the top-level `rules`; an "
                  "override can set its severity")
        return _instance(layer, at, value, rules)
    if rid in rules:
        return _rule_entry(layer, at, value, rules[rid])
    if isinstance(value, dict) and set(value) - {"severity"}:
        _fail(layer, at, _choice(rid, [*rules, *sorted(layer.known_instances)], "rule"))
    # The severity of a rule instance, defined here, in a pack or in a parent folder's config:
    # which of them exists is known once the configs are merged (Merged.build checks it).
    if isinstance(value, dict):
        return {"severity": _severity(layer, (*at, "severity"), value.get("severity", "error"))}
    return {"severity": _severity(layer, at, value)}


def _instance(layer: Layer, at: tuple[str, ...], value: dict, rules: dict[str, Rule]) -> dict:
    """Build the YAML rule instance ``value`` (`type: pattern`, …) into a rule of this layer."""
    rid = at[-1]
    if rid in rules:
        _fail(layer, at, f"`{rid}` is a built-in rule; give the rule instance another id")
    spec = {key: option for key, option in value.items() if key != "severity"}
    try:
        layer.instances[rid] = rule_types.build(rid, spec)
    except ConfigError as error:
        _fail(layer, (*at, *error.key), error.message)
    layer.known_instances.add(rid)
    return {"severity": _severity(layer, (*at, "severity"), value.get("severity", "error"))}


def _severity(layer: Layer, at: tuple[str, ...], value: object) -> str:
    if value is False:  # YAML 1.1 reads a bare `off` as false
        return "off"
    if value is True:
        return "error"
    if value not in SEVERITIES:
        _fail(layer, at, _choice(value, SEVERITIES, "severity"))
    return str(value)


def _rule_entry(layer: Layer, at: tuple[str, ...], value: object, rule: Rule) -> dict:
    """`rule: warning` or `rule: {severity: warning, option: value}` → a checked mapping."""
    if not isinstance(value, dict):
        return {"severity": _severity(layer, at, value)}
    fields = {f.name: f for f in dataclasses.fields(rule.options)}
    moved = getattr(rule.options, "MOVED", {})  # a rule's options may say where one went
    for key in value.keys() & moved.keys():
        _fail(layer, (*at, str(key)), f"option `{key}` of {rule.id} {moved[key]}")
    _check_keys(layer, at, value, ("severity", *fields), f"option for {rule.id}")
    entry = dict(value)
    if "severity" in entry:
        entry["severity"] = _severity(layer, (*at, "severity"), entry["severity"])
    for name, option in entry.items():
        if name != "severity":
            _check_option(layer, (*at, name), option, fields[name])
    return entry


def _check_option(layer: Layer, at: tuple[str, ...], value: object,
                  spec: dataclasses.Field) -> None:  # fmt: skip
    wrong = options.problem(spec, value)
    if wrong:
        _fail(layer, at, f"option `{at[-1]}` {wrong}")
    if spec.metadata.get("regex"):
        for index, pattern in enumerate(value if isinstance(value, list) else [value]):
            _check_regex(layer, (*at, str(index)) if isinstance(value, list) else at, pattern)


def _check_regex(layer: Layer, at: tuple[str, ...], pattern: object) -> None:
    """A user regular expression that compiles and cannot run away (see regexes.py)."""
    try:
        regexes.check_user(str(pattern))
    except regexes.BadPattern as error:
        _fail(layer, at, str(error))


def _validate_text(layer: Layer, at: tuple[str, ...], text: dict) -> None:
    if not isinstance(text.get("custom_schemes", []), list):
        _fail(layer, (*at, "custom_schemes"), f"`custom_schemes` must be a list of schemes, got "
              f"{kind_of(text['custom_schemes'])}")  # fmt: skip
    punctuation = text.get("heading_end_punctuation", "")
    if not isinstance(punctuation, str):
        _fail(layer, (*at, "heading_end_punctuation"), "`heading_end_punctuation` must be text "
              f"(the characters), got {kind_of(punctuation)}")  # fmt: skip
    if "schemes" in text:
        text["schemes"] = _string_list(layer, (*at, "schemes"), text["schemes"])
        for index, name in enumerate(text["schemes"]):
            custom = {str(s.get("name")) for s in text.get("custom_schemes", []) if isinstance(s, dict)}
            if name not in BUILTIN_SCHEMES and name not in custom:
                _fail(layer, (*at, "schemes", str(index)), _choice(name, BUILTIN_SCHEMES, "scheme"))
    for index, spec in enumerate(text.get("custom_schemes", [])):
        where = (*at, "custom_schemes", str(index))
        if not isinstance(spec, dict) or "name" not in spec or "pattern" not in spec:
            _fail(layer, where, "a custom scheme needs `name` and `pattern` (a regex with a group `n`)")
        numeral = spec.get("numeral", "arabic")
        if numeral not in NUMERALS:
            _fail(layer, (*where, "numeral"), _choice(numeral, NUMERALS, "numeral"))
        _check_regex(layer, (*where, "pattern"), spec["pattern"])
        try:
            scheme = build_scheme(spec)
        except (regexes.BadPattern, ValueError) as error:  # the message says what is wrong
            _fail(layer, where, f"custom scheme `{spec['name']}` is invalid: {error}")
        if "n" not in scheme.pattern.groupindex:
            _fail(layer, where, f"custom scheme `{spec['name']}` needs a named group `(?P<n>…)`")
    for key, kind in (("max_heading_width", int), ("run_in_headings", bool)):
        if key in text and type(text[key]) is not kind:
            _fail(layer, (*at, key), f"`{key}` must be {'a whole number' if kind is int else 'true or false'}")
    for key in ("toc_markers",):
        if key in text:
            text[key] = _string_list(layer, (*at, key), text[key])


# --- packs, discovery and merging -------------------------------------------------------------


class ConfigStore:
    """Loads each config file and pack once; answers "what settings apply to this document"."""

    def __init__(self, rootdir: Path, rules: dict[str, Rule], formats: tuple[Format, ...] = (),
                 packs: dict[str, Path] | None = None) -> None:  # fmt: skip
        self.rootdir = rootdir
        self.rules = rules
        self.formats = formats
        """Formats plugins add: their parsers, and their suffixes in the default `include`."""
        self.packs = packs or {}
        """Packs plugins ship, by name; they are found before the packs of pytest-doclint."""
        self._layers: dict[Path, Layer | None] = {}
        self._extended: set[Path] = set()
        """Pack files a config names in `extends:` by path."""

    def load(self, path: Path) -> Layer | None:
        """The validated layer in ``path`` (a YAML config or pyproject.toml), cached."""
        if path not in self._layers:
            self._layers[path] = None  # a cycle through `extends` finds this placeholder
            if path.name == "pyproject.toml":
                layer = read_pyproject(path)
            else:
                layer = read_yaml(path, read_text(path))
            if layer:
                layer.known_instances = self._instances_known_to(layer)
            self._layers[path] = validate(layer, self.rules) if layer else None
        return self._layers[path]

    def _instances_known_to(self, layer: Layer) -> set[str]:
        """Rule instances a layer may set the severity of: its own, and its packs'."""
        rules = layer.data.get("rules")
        known = ({str(rid) for rid, value in rules.items() if isinstance(value, dict) and "type" in value}
                 if isinstance(rules, dict) else set())  # fmt: skip
        extends = layer.data.get("extends") or []
        for name in [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []:
            path = self._pack_path(name, layer) if isinstance(name, str) else None
            loaded = self.load(path) if path and path.is_file() else None
            if loaded is not None:  # None also while a cycle is being loaded: reported later
                known |= loaded.known_instances
        return known

    def _pack_path(self, name: str, layer: Layer) -> Path:
        if name in self.packs:
            return self.packs[name]
        candidate = (layer.path.parent / name) if name.endswith((".yaml", ".yml")) else None
        if candidate and candidate.is_file():
            self._extended.add(candidate.resolve())
            return candidate
        return packs_dir() / f"{name}.yaml"

    def is_pack(self, path: Path) -> bool:
        """Whether ``path`` is a rule pack of this run: shipped, a plugin's, or named by path
        in a config's `extends:`. A YAML file is never a pack for its folder's name alone
        (a project's `rules/alerts.yaml` may be anything)."""
        resolved = Path(os.path.realpath(path))  # never raises, even on a symlink loop
        shipped = resolved.parent == packs_dir().resolve() and resolved.suffix == ".yaml"
        plugins = {p.resolve() for p in self.packs.values()}
        return shipped or resolved in plugins or resolved in self._extended

    def configs_for(self, document: Path) -> list[Layer]:
        """Config files that apply to ``document``: outermost first, stopping at `root: true`."""
        found: list[Layer] = []
        for folder in _folders(document.parent, self.rootdir):
            for layer in self._configs_in(folder):
                found.append(layer)
            if found and found[-1].data.get("root"):
                break
        return list(reversed(found))

    def _configs_in(self, folder: Path) -> Iterator[Layer]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                layer = self.load(folder / name)
                if layer:
                    yield layer
        if folder == self.rootdir and (folder / "pyproject.toml").is_file():
            layer = self.load(folder / "pyproject.toml")
            if layer:
                yield layer

    def pack(self, name: str, layer: Layer, chain: tuple[Path, ...]) -> Layer:
        path = self._pack_path(name, layer)
        if not path.is_file():
            _fail(layer, ("extends",), _choice(name, available_packs(), "pack"))
        if path in chain:
            cycle = " → ".join(p.name for p in (*chain, path))
            _fail(layer, ("extends",), f"`extends` makes a cycle: {cycle}")
        loaded = self.load(path)
        assert loaded is not None
        return loaded

    def settings_for(self, document: Path, layers: list[Layer] | None = None) -> Settings:
        """The merged settings for ``document``: default pack, then its configs in order."""
        layers = self.configs_for(document) if layers is None else layers
        merged = Merged()
        default = self.pack("default", Layer(packs_dir() / "default.yaml", {}, {}), ())
        self._apply(merged, default, document, ())
        for layer in layers:
            self._apply(merged, layer, document, ())
        return merged.build(self.rules, self.formats)

    def _apply(self, merged: Merged, layer: Layer, document: Path, chain: tuple[Path, ...]) -> None:
        for name in layer.data.get("extends", []):
            self._apply(merged, self.pack(name, layer, (*chain, layer.path)), document,
                        (*chain, layer.path))  # fmt: skip
        merged.add(layer, layer.data, ())
        for index, override in enumerate(layer.data.get("overrides", [])):
            if matches(document, override["files"], layer.path.parent):
                merged.add(layer, override, ("overrides", str(index)))


def _folders(start: Path, rootdir: Path) -> Iterator[Path]:
    """``start`` and its parents, up to ``rootdir`` (or the filesystem root if outside it)."""
    folder = start
    while True:
        yield folder
        if folder == rootdir or folder.parent == folder:
            return
        folder = folder.parent


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
        self.top: dict[str, object] = {}
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
            raise ConfigError(_choice(rid, known, "rule"), path, int(line) if line.isdigit() else 0)
        resolved = {}
        for rid, rule in {**rules, **self.instances}.items():
            entry = dict(self.rules.get(rid, {}))
            severity = entry.pop("severity", "off")
            resolved[rid] = RuleSetting(severity, rule.options(**entry), rule)
        return Settings(
            rules=resolved,
            parse=dataclasses.replace(_parse_settings(self.text), formats=formats),
            include=tuple(self.top.get("include", DEFAULT_INCLUDE + tuple(
                f"*{suffix}" for f in formats for suffix in f.suffixes))),  # type: ignore[arg-type]
            exclude=tuple(self.top.get("exclude", ())),  # type: ignore[arg-type]
            items=str(self.top.get("items", "document")),
            encoding=_encoding(self.top.get("encoding", AUTO_ENCODING)),
            origins=self.origins,
        )


def _encoding(value: object) -> str | None:
    return None if value == AUTO_ENCODING else str(value)


def _parse_settings(text: dict[str, object]) -> ParseSettings:
    custom = {s["name"]: build_scheme(s) for s in text.get("custom_schemes", [])}  # type: ignore[union-attr]
    known = {**BUILTIN_SCHEMES, **custom}
    defaults = ParseSettings()
    names = text.get("schemes")
    schemes = tuple(known[n] for n in names) if names else defaults.schemes + tuple(custom.values())  # type: ignore[union-attr]
    values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in text.items()
              if k not in ("schemes", "custom_schemes")}  # fmt: skip
    return dataclasses.replace(defaults, schemes=schemes, **values)
