"""Validating one config layer on its own: every key, rule, option, severity and pattern,
the first problem raised as a located :class:`ConfigError`."""

from __future__ import annotations

import codecs
import dataclasses
import typing

from pytest_doclint import options
from pytest_doclint import regexes
from pytest_doclint import rule_types
from pytest_doclint.config.keys import AUTO_ENCODING
from pytest_doclint.config.keys import ENCODINGS
from pytest_doclint.config.keys import ITEM_MODES
from pytest_doclint.config.keys import OVERRIDE_KEYS
from pytest_doclint.config.keys import SEVERITIES
from pytest_doclint.config.keys import TEXT_KEYS
from pytest_doclint.config.keys import TOP_KEYS
from pytest_doclint.config.reading import Layer
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import NUMERALS
from pytest_doclint.numbering import build_scheme
from pytest_doclint.options import did_you_mean
from pytest_doclint.options import kind_of
from pytest_doclint.options import one_of


def fail_at(layer: Layer, keys: tuple[str, ...], message: str) -> typing.NoReturn:
    line = layer.lines.get(keys) or layer.lines.get(keys[:-1]) or layer.lines.get(()) or 0
    raise ConfigError(message, str(layer.path), line)


def unknown_choice(value: object, allowed: typing.Iterable[str], what: str) -> str:
    allowed = list(allowed)
    return f"unknown {what} `{value}`{did_you_mean(str(value), allowed)} ({one_of(allowed)})"


def _check_keys(
    layer: Layer, at: tuple[str, ...], mapping: object, allowed: tuple[str, ...], what: str
) -> dict:
    if not isinstance(mapping, dict):
        fail_at(
            layer, at, f"`{'.'.join(at) or 'config'}` must be a mapping, got {kind_of(mapping)}"
        )
    for key in mapping:
        if key not in allowed:
            fail_at(layer, (*at, str(key)), unknown_choice(key, allowed, what))
    return mapping


def _string_list(layer: Layer, at: tuple[str, ...], value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail_at(layer, at, f"`{'.'.join(at)}` must be a list of text, got {kind_of(value)}")
    return value


def validate(layer: Layer, rules: dict[str, Rule]) -> Layer:
    """Check every key of ``layer``; the first problem raises a located ConfigError."""
    data = _check_keys(layer, (), layer.data, TOP_KEYS, "key")
    for key in ("extends", "include", "exclude"):
        if key in data:
            data[key] = _string_list(layer, (key,), data[key])
    if "items" in data and data["items"] not in ITEM_MODES:
        fail_at(layer, ("items",), unknown_choice(data["items"], ITEM_MODES, "item mode"))
    if "root" in data and not isinstance(data["root"], bool):
        fail_at(layer, ("root",), f"`root` must be true or false, got {kind_of(data['root'])}")
    _validate_section(layer, (), data, rules)
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        fail_at(layer, ("overrides",), f"`overrides` must be a list, got {kind_of(overrides)}")
    for index, override in enumerate(overrides):
        at = ("overrides", str(index))
        _check_keys(layer, at, override, OVERRIDE_KEYS, "key in an override")
        if "files" not in override:
            fail_at(layer, at, "an override needs `files`: the globs it applies to")
        override["files"] = _string_list(layer, (*at, "files"), override["files"])
        _validate_section(layer, at, override, rules)
    return layer


def _validate_section(
    layer: Layer, at: tuple[str, ...], data: dict, rules: dict[str, Rule]
) -> None:
    if "encoding" in data:
        _check_encoding(layer, (*at, "encoding"), data["encoding"])
    if "rules" in data:
        entries = data["rules"] or {}
        if not isinstance(entries, dict):
            fail_at(layer, (*at, "rules"), f"`rules` must be a mapping, got {kind_of(entries)}")
        data["rules"] = {
            rid: _rule_or_instance(layer, (*at, "rules", str(rid)), value, rules)
            for rid, value in entries.items()
        }
    if "text" in data:
        _validate_text(
            layer,
            (*at, "text"),
            _check_keys(layer, (*at, "text"), data["text"], TEXT_KEYS, "text setting"),
        )


def _check_encoding(layer: Layer, at: tuple[str, ...], value: object) -> None:
    """A text codec Python knows (`gb18030`, `utf-16`, `cp1252`, …) or `auto`."""
    if not isinstance(value, str):
        fail_at(layer, at, f"`encoding` must be text, got {kind_of(value)}")
    if value == AUTO_ENCODING:
        return
    try:
        info = codecs.lookup(value)
    except LookupError:
        fail_at(layer, at, unknown_choice(value, ENCODINGS, "encoding"))
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13: bytes to bytes
        fail_at(
            layer, at, f"`{value}` is not a text encoding (expected one of: {', '.join(ENCODINGS)})"
        )


def _rule_or_instance(
    layer: Layer, at: tuple[str, ...], value: object, rules: dict[str, Rule]
) -> dict:
    """A built-in rule's settings, a new rule instance (`type:`), or an instance's severity."""
    rid = at[-1]
    if isinstance(value, dict) and "type" in value:
        if at[0] == "overrides":
            fail_at(
                layer,
                at,
                f"define rule instance `{rid}` under the top-level `rules`; an "
                "override can set its severity",
            )
        return _instance(layer, at, value, rules)
    if rid in rules:
        return _rule_entry(layer, at, value, rules[rid])
    if isinstance(value, dict) and set(value) - {"severity"}:
        fail_at(layer, at, unknown_choice(rid, [*rules, *sorted(layer.known_instances)], "rule"))
    # The severity of a rule instance, defined here, in a pack or in a parent folder's config:
    # which of them exists is known once the configs are merged (Merged.build checks it).
    if isinstance(value, dict):
        return {"severity": _severity(layer, (*at, "severity"), value.get("severity", "error"))}
    return {"severity": _severity(layer, at, value)}


def _instance(layer: Layer, at: tuple[str, ...], value: dict, rules: dict[str, Rule]) -> dict:
    """Build the YAML rule instance ``value`` (`type: pattern`, …) into a rule of this layer."""
    rid = at[-1]
    if rid in rules:
        fail_at(layer, at, f"`{rid}` is a built-in rule; give the rule instance another id")
    spec = {key: option for key, option in value.items() if key != "severity"}
    try:
        layer.instances[rid] = rule_types.build(rid, spec)
    except ConfigError as error:
        fail_at(layer, (*at, *error.key), error.message)
    layer.known_instances.add(rid)
    return {"severity": _severity(layer, (*at, "severity"), value.get("severity", "error"))}


def _severity(layer: Layer, at: tuple[str, ...], value: object) -> str:
    if value is False:  # YAML 1.1 reads a bare `off` as false
        return "off"
    if value is True:
        return "error"
    if value not in SEVERITIES:
        fail_at(layer, at, unknown_choice(value, SEVERITIES, "severity"))
    return str(value)


def _rule_entry(layer: Layer, at: tuple[str, ...], value: object, rule: Rule) -> dict:
    """`rule: warning` or `rule: {severity: warning, option: value}` → a checked mapping."""
    if not isinstance(value, dict):
        return {"severity": _rule_severity(layer, at, value, rule)}
    fields = {f.name: f for f in dataclasses.fields(rule.options)}
    moved = getattr(rule.options, "MOVED", {})  # a rule's options may say where one went
    for key in value.keys() & moved.keys():
        fail_at(layer, (*at, str(key)), f"option `{key}` of {rule.id} {moved[key]}")
    _check_keys(layer, at, value, ("severity", *fields), f"option for {rule.id}")
    entry = dict(value)
    if "severity" in entry:
        entry["severity"] = _rule_severity(layer, (*at, "severity"), entry["severity"], rule)
    for name, option in entry.items():
        if name != "severity":
            _check_option(layer, (*at, name), option, fields[name])
    return entry


def _rule_severity(layer: Layer, at: tuple[str, ...], value: object, rule: Rule) -> str:
    severity = _severity(layer, at, value)
    if severity == "off" and rule.off_refused:
        fail_at(layer, at, f"`{rule.id}` cannot be off: {rule.off_refused}")
    return severity


def _check_option(
    layer: Layer, at: tuple[str, ...], value: object, spec: dataclasses.Field
) -> None:
    wrong = options.problem(spec, value)
    if wrong:
        fail_at(layer, at, f"option `{at[-1]}` {wrong}")
    if spec.metadata.get("regex"):
        for index, pattern in enumerate(value if isinstance(value, list) else [value]):
            _check_regex(layer, (*at, str(index)) if isinstance(value, list) else at, pattern)


def _check_regex(layer: Layer, at: tuple[str, ...], pattern: object) -> None:
    """A user regular expression that compiles and cannot run away (see regexes.py)."""
    try:
        regexes.check_user(str(pattern))
    except regexes.BadPattern as error:
        fail_at(layer, at, str(error))


def _validate_text(layer: Layer, at: tuple[str, ...], text: dict) -> None:
    if not isinstance(text.get("custom_schemes", []), list):
        fail_at(
            layer,
            (*at, "custom_schemes"),
            f"`custom_schemes` must be a list of schemes, got {kind_of(text['custom_schemes'])}",
        )
    punctuation = text.get("heading_end_punctuation", "")
    if not isinstance(punctuation, str):
        fail_at(
            layer,
            (*at, "heading_end_punctuation"),
            f"`heading_end_punctuation` must be text (the characters), got {kind_of(punctuation)}",
        )
    if "schemes" in text:
        text["schemes"] = _string_list(layer, (*at, "schemes"), text["schemes"])
        for index, name in enumerate(text["schemes"]):
            custom = {
                str(s.get("name")) for s in text.get("custom_schemes", []) if isinstance(s, dict)
            }
            if name not in BUILTIN_SCHEMES and name not in custom:
                fail_at(
                    layer,
                    (*at, "schemes", str(index)),
                    unknown_choice(name, BUILTIN_SCHEMES, "scheme"),
                )
    for index, spec in enumerate(text.get("custom_schemes", [])):
        where = (*at, "custom_schemes", str(index))
        if not isinstance(spec, dict) or "name" not in spec or "pattern" not in spec:
            fail_at(
                layer,
                where,
                "a custom scheme needs `name` and `pattern` (a regex with a group `n`)",
            )
        numeral = spec.get("numeral", "arabic")
        if not isinstance(numeral, str) or numeral not in NUMERALS:
            fail_at(layer, (*where, "numeral"), unknown_choice(numeral, NUMERALS, "numeral"))
        _check_regex(layer, (*where, "pattern"), spec["pattern"])
        try:
            scheme = build_scheme(spec)
        except (regexes.BadPattern, ValueError, TypeError) as error:  # `rank: [1]`, …: say so
            fail_at(layer, where, f"custom scheme `{spec['name']}` is invalid: {error}")
        if "n" not in scheme.pattern.groupindex:
            fail_at(layer, where, f"custom scheme `{spec['name']}` needs a named group `(?P<n>…)`")
    for key, kind in (("max_heading_width", int), ("run_in_headings", bool)):
        if key in text and type(text[key]) is not kind:
            fail_at(
                layer,
                (*at, key),
                f"`{key}` must be {'a whole number' if kind is int else 'true or false'}",
            )
    for key in ("toc_markers",):
        if key in text:
            text[key] = _string_list(layer, (*at, key), text[key])
