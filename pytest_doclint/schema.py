"""The JSON Schema of `doclint.yaml`, generated from the same metadata the loader validates with.

The top-level, override and text keys come from :mod:`pytest_doclint.config`, the built-in
rules and their options from each rule's options dataclass (type from the annotation,
`help` → description, `choices` → enum), the rule types from
:func:`pytest_doclint.rule_types.schema`, the scheme names from
:mod:`pytest_doclint.numbering`. `scripts/generate_docs.py` writes it to
`pytest_doclint/doclint.schema.json`, which ships in the wheel so that editors can complete
and check a config (`# yaml-language-server: $schema=…`, docs/configuration.md), and
`tests/test_schema.py` fails when the checked-in file is stale.

The schema is for editors; the loader stays the authority, and its errors keep the file and
line. The schema cannot know whether a name in `text.schemes` is defined in the same file's
`custom_schemes`, so it suggests the built-in names without enforcing them.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import typing
from pathlib import Path

from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import AUTO_ENCODING
from pytest_doclint.config import DEFAULT_INCLUDE
from pytest_doclint.config import ENCODINGS
from pytest_doclint.config import ITEM_MODES
from pytest_doclint.config import OVERRIDE_KEYS
from pytest_doclint.config import SEVERITIES
from pytest_doclint.config import TEXT_KEYS
from pytest_doclint.config import TOP_KEYS
from pytest_doclint.core import Rule
from pytest_doclint.numbering import BUILTIN_SCHEMES
from pytest_doclint.numbering import DEFAULT_SCHEMES
from pytest_doclint.numbering import NUMERALS
from pytest_doclint.numbering import Scheme
from pytest_doclint.options import plain
from pytest_doclint.options import schema as option_schema
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.rule_types import RULE_TYPES
from pytest_doclint.rule_types import TYPE_ALIASES
from pytest_doclint.rule_types import schema as rule_type_schema
from pytest_doclint.rule_types._base import RULE_ID

SCHEMA_PATH = Path(__file__).parent / "doclint.schema.json"
"""The generated schema, inside the package so that it ships in the wheel."""
REGENERATE = "python scripts/generate_docs.py"

KEY_HELP = {
    "extends": "Packs this config builds on, in order (later ones win): a pack name from the "
    "package's rules/ folder (`default`, `zh-official`, `markdown-docs`), or a file name ending "
    "in `.yaml` next to this config",
    "include": "Globs of the files that are documents; without `/` a glob matches the file name, "
    "with `/` the path below this config's folder (`*` crosses folders)",
    "exclude": "Globs of the files that are never documents, written as for `include`",
    "items": "`document`: one pytest item per document; `rule`: one item per document and rule",
    "rules": "Rule id → severity (`error`, `warning`, `off`) or a mapping with `severity` and the "
    "rule's options; a new id defines a rule of one of the rule types (`type: pattern`, …)",
    "text": "How plain text is read: which numbering schemes make a line a heading, and more",
    "overrides": "Settings for the documents matching some globs, applied after this config's "
    "own keys",
    "root": "`true` stops the search for configs in parent folders at this one",
    "encoding": "The encoding of the documents: `auto` (default) detects it; otherwise any text "
    "codec Python knows (`utf-8`, `gb18030`, `utf-16`, `cp1252`, …)",
    "files": "Globs of the documents this override applies to (required), written as for `include`",
}
TEXT_HELP = {
    "schemes": "The numbering schemes that make a plain-text line a heading, by name: the "
    "built-in ones or those defined in `custom_schemes`",
    "custom_schemes": "Numbering schemes of your own, usable by name in `schemes`; without "
    "`schemes` they are added to the default ones",
    "max_heading_width": "A plain-text line wider than this (display columns, CJK counts 2) is a "
    "paragraph, not a heading",
    "run_in_headings": "Read `（一）加强领导。各地要……` as the heading `（一）加强领导` followed "
    "by its body",
    "toc_markers": "Lines that open a table of contents (`目录`, `Contents`)",
    "heading_end_punctuation": "A plain-text line ending with one of these characters is a "
    "sentence, not a heading",
}
SCHEME_HELP = {
    "name": "The scheme's name, for `schemes` (required)",
    "pattern": "A Python regular expression matched at the start of a line; the named group "
    "`(?P<n>…)` holds the numeral (required)",
    "numeral": "How the numeral is written",
    "rank": "Which level the scheme numbers: smaller ranks number higher levels (`一、` is 40, "
    "`（一）` 50, `1.` 60)",
    "run_in": "`allowed`: a heading may be the first sentence of its paragraph; `always`: the "
    "rest of the line is always body (`第一条 为了……`); `never`: only a line of its own is a "
    "heading",
    "continuous": "Counted through the whole document (`第N条` in a law), not restarted under "
    "each parent heading",
    "title_required": "`false`: a bare number (`第一章`) is a heading too",
}
EXAMPLE_HELP = {
    "valid": "Texts the rule must leave alone, each run as a test",
    "invalid": "Texts the rule must flag, each run as a test",
    "format": "Parse each example as a whole document of this format (default: text of the "
    "rule's scope)",
}
RUN_IN = ("allowed", "always", "never")
"""The values of :attr:`Scheme.run_in`."""
SCHEME_DEFAULTS = {"numeral": "arabic", "rank": 90}
"""What :func:`pytest_doclint.numbering.build_scheme` uses when a key is left out."""


def _help(table: dict[str, str], key: str) -> str:
    if key not in table:
        raise KeyError(
            f"`{key}` has no description: add one in pytest_doclint/schema.py "
            "and run `python scripts/generate_docs.py`"
        )
    return table[key]


def _ref(name: str) -> dict[str, object]:
    return {"$ref": f"#/definitions/{name}"}


def _string_or_list(description: str, **extra: object) -> dict[str, object]:
    return {
        "description": description,
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
        ],
        **extra,
    }


def _builtin_rule(rule: Rule) -> dict[str, object]:
    """`rule: warning` or `rule: {severity: warning, <option>: …}`."""
    options = {f.name: option_schema(f) for f in dataclasses.fields(rule.options)}
    refused = {
        "enum": ["error", "warning"],
        "description": f"`error` fails the document, `warning` only reports; not `off`: "
        f"{rule.off_refused}",
    }
    severity = refused if rule.off_refused else _ref("severity")
    return {
        "description": f"{rule.summary}. Options: docs/rules/{rule.id}.md",
        "oneOf": [
            severity,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"severity": severity, **options},
            },
        ],
    }


def _rule_type(name: str) -> dict[str, object]:
    """One rule type's instance schema, with the config layer's severity and the type's aliases."""
    rule_type = RULE_TYPES[name]
    instance = copy.deepcopy(rule_type_schema(rule_type))
    properties = typing.cast(dict, instance["properties"])
    names = [name, *(alias for alias, target in TYPE_ALIASES.items() if target == name)]
    properties["type"] = {"enum": names, "description": rule_type.summary}
    default = properties["severity"].get("default", "error")
    properties["severity"] = {**_ref("severity")}
    examples = typing.cast(dict, properties["examples"]["properties"])
    for key, text in EXAMPLE_HELP.items():
        examples[key]["description"] = text
    instance["description"] = (
        f"A `{name}` rule: {rule_type.summary[:1].lower()}"
        f"{rule_type.summary[1:]} (docs/rule-types.md). "
        f"Default severity: {default}"
    )
    return instance


def _rules() -> dict[str, object]:
    return {
        "type": ["object", "null"],
        "description": _help(KEY_HELP, "rules"),
        "properties": {rid: _builtin_rule(rule) for rid, rule in builtin_rules().items()},
        "propertyNames": {"pattern": f"^{RULE_ID.pattern}$"},
        "$comment": "An id that is not a built-in rule defines a rule of a rule type; it must "
        "be lower-case words joined by `-` and have a `type`.",
        "additionalProperties": _ref("rule-instance"),
    }


def _custom_scheme() -> dict[str, object]:
    defaults = {
        f.name: f.default
        for f in dataclasses.fields(Scheme)
        if f.default is not dataclasses.MISSING
    }
    defaults.update(SCHEME_DEFAULTS)
    kinds: dict[str, dict[str, object]] = {
        "name": {"type": "string"},
        "pattern": {"type": "string"},
        "numeral": {"enum": list(NUMERALS)},
        "rank": {"type": "integer"},
        "run_in": {"enum": list(RUN_IN)},
        "continuous": {"type": "boolean"},
        "title_required": {"type": "boolean"},
    }
    properties = {}
    for key, kind in kinds.items():
        properties[key] = {**kind, "description": _help(SCHEME_HELP, key)}
        if key in defaults:
            properties[key]["default"] = defaults[key]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "pattern"],
        "properties": properties,
    }


def _text() -> dict[str, object]:
    defaults = ParseSettings()
    scheme_name = {
        "type": "string",
        "anyOf": [{"enum": list(BUILTIN_SCHEMES)}, {"type": "string"}],
        "examples": list(BUILTIN_SCHEMES),
        "$comment": "The built-in names are listed for completion but not enforced: a name may "
        "also be one of `custom_schemes`, which JSON Schema cannot look up; the loader checks it.",
    }
    kinds: dict[str, dict[str, object]] = {
        "schemes": {
            "anyOf": [scheme_name, {"type": "array", "items": scheme_name}],
            "default": list(DEFAULT_SCHEMES),
        },
        "custom_schemes": {"type": "array", "items": _ref("custom-scheme")},
        "max_heading_width": {"type": "integer", "default": defaults.max_heading_width},
        "run_in_headings": {"type": "boolean", "default": defaults.run_in_headings},
        "toc_markers": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "default": plain(defaults.toc_markers),
        },
        "heading_end_punctuation": {"type": "string", "default": defaults.heading_end_punctuation},
    }
    missing = set(TEXT_KEYS) - set(kinds)
    if missing:
        raise KeyError(
            f"text keys without a schema: {sorted(missing)}; add them in pytest_doclint/schema.py"
        )
    return {
        "type": "object",
        "additionalProperties": False,
        "description": _help(KEY_HELP, "text"),
        "properties": {k: {**kinds[k], "description": _help(TEXT_HELP, k)} for k in TEXT_KEYS},
    }


def _section_keys(keys: tuple[str, ...]) -> dict[str, object]:
    """The schema of each of ``keys``, top-level or in an override."""
    kinds: dict[str, dict[str, object]] = {
        "extends": _string_or_list(_help(KEY_HELP, "extends"), examples=["default"]),
        "include": _string_or_list(_help(KEY_HELP, "include"), default=list(DEFAULT_INCLUDE)),
        "exclude": _string_or_list(_help(KEY_HELP, "exclude"), default=[]),
        "files": _string_or_list(_help(KEY_HELP, "files")),
        "items": {
            "enum": list(ITEM_MODES),
            "default": ITEM_MODES[0],
            "description": _help(KEY_HELP, "items"),
        },
        "rules": _ref("rules"),
        "text": _ref("text"),
        "overrides": {
            "type": "array",
            "description": _help(KEY_HELP, "overrides"),
            "items": _ref("override"),
        },
        "root": {"type": "boolean", "default": False, "description": _help(KEY_HELP, "root")},
        "encoding": _ref("encoding"),
    }
    missing = set(keys) - set(kinds)
    if missing:
        raise KeyError(
            f"config keys without a schema: {sorted(missing)}; add them in pytest_doclint/schema.py"
        )
    return {key: kinds[key] for key in keys}


def config_schema() -> dict[str, object]:
    """The draft-07 JSON Schema of a `doclint.yaml` (or `[tool.doclint]` table)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "pytest-doclint configuration",
        "description": "doclint.yaml, .doclint.yaml or [tool.doclint] in pyproject.toml: "
        "which files are documents, which rules run on them and how plain text is read "
        "(docs/configuration.md)",
        "$comment": f"Generated from the rules' metadata by `{REGENERATE}`; do not edit.",
        "type": "object",
        "additionalProperties": False,
        "properties": _section_keys(TOP_KEYS),
        "definitions": {
            "severity": {
                "enum": [*SEVERITIES, False],
                "description": "`error` fails the document, `warning` only reports, `off` "
                "disables the rule",
                "$comment": "YAML 1.1 reads a bare `off` as false, which means `off` too.",
            },
            "encoding": {
                "type": "string",
                "default": AUTO_ENCODING,
                "examples": list(ENCODINGS),
                "description": _help(KEY_HELP, "encoding"),
            },
            "rules": _rules(),
            "rule-instance": {
                "type": "object",
                "required": ["type"],
                "description": "A rule of one of the rule types (docs/rule-types.md)",
                "oneOf": [_ref(f"rule-type-{name}") for name in RULE_TYPES],
            },
            **{f"rule-type-{name}": _rule_type(name) for name in RULE_TYPES},
            "text": _text(),
            "custom-scheme": _custom_scheme(),
            "override": {
                "type": "object",
                "additionalProperties": False,
                "required": ["files"],
                "properties": _section_keys(OVERRIDE_KEYS),
            },
        },
    }


def schema_text() -> str:
    """The schema as it is written to :data:`SCHEMA_PATH`."""
    return json.dumps(config_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(schema_text(), encoding="utf-8")
    return path
