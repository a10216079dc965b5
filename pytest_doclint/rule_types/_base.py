"""What every rule type shares: the common keys, validation of a rule instance, messages.

A rule type is a module with an ``Options`` dataclass (its keys, each with a `help`) and a
``make(instance)`` function that compiles the instance's patterns and returns the check.
:func:`validate` checks a YAML mapping against the ``Options`` fields the way the config
layer checks a built-in rule's options, and raises a :class:`ConfigError` whose ``key`` is
the path of the offending value inside the rule's mapping (`("patterns", "2")`).
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint import options
from pytest_doclint.core import Examples
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.options import did_you_mean
from pytest_doclint.options import kind_of
from pytest_doclint.options import one_of
from pytest_doclint.parsers import PARSER_MODULES
from pytest_doclint.patterns import DEFAULT_TIMEOUT_MS
from pytest_doclint.patterns import Matcher
from pytest_doclint.patterns import Run
from pytest_doclint.patterns import compile_pattern
from pytest_doclint.scope import SCOPES
from pytest_doclint.scope import parse_scope

RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:[-._][a-z0-9]+)*")
"""A rule id: kebab-case, optionally namespaced (`placeholders`, `house.terms`)."""
EXAMPLE_KEYS = ("valid", "invalid", "format")


@dataclass(frozen=True)
class Common:
    """The keys every rule type has."""

    type: str = field(default="", metadata={"required": True, "help": "The rule type"})
    severity: str = field(
        default="error",
        metadata={
            "choices": ("error", "warning", "off"),
            "help": "`error` fails the document, `warning` only reports, `off` disables the rule",
        },
    )
    message: str = field(
        default="",
        metadata={
            "help": "The finding's message, with `{placeholders}` from the type (sentence case, "
            "no full stop, document text in backticks); empty: the type's own message",
        },
    )
    hint: str = field(
        default="",
        metadata={
            "help": "How to fix it, in the imperative, with the same placeholders",
        },
    )
    description: str = field(
        default="",
        metadata={
            "help": "One line saying what the rule checks (shown in listings)",
        },
    )
    scope: str | list[str] = field(
        default="all",
        metadata={
            "help": "Where to look: "
            + ", ".join(f"`{s}`" for s in SCOPES)
            + ", or one heading level: `headings.h1` … `headings.h6`, `headings.level-N`; "
            "a list means all of them",
        },
    )
    timeout_ms: int = field(
        default=DEFAULT_TIMEOUT_MS,
        metadata={
            "minimum": 1,
            "maximum": 10_000,
            "help": "How long a pattern may take on one line before it is reported and skipped",
        },
    )
    examples: dict[str, object] = field(
        default_factory=dict,
        metadata={
            "help": "`valid:` and `invalid:` lists of text the rule must pass and flag, run as "
            "tests; `format:` (`text`, `markdown`, `rest`) parses each as a whole document",
        },
    )


@dataclass(frozen=True)
class TypeRule(Rule):
    """A rule built from YAML: an ordinary :class:`Rule` that remembers where it came from."""

    type: str = ""
    scope: tuple[str, ...] = ()
    spec: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    """The mapping it was built from."""


Check = Callable[[Document, Run], Iterable[Finding]]


@dataclass(frozen=True)
class RuleType:
    """One kind of declarative rule: its keys, its check and its default messages."""

    name: str
    summary: str
    options: type
    """A dataclass derived from :class:`Common`: the keys a rule of this type takes."""
    make: Callable[[Instance], Check]
    messages: Mapping[str, tuple[str, str]]
    """Situation → (message, hint) used when the rule sets no `message`/`hint`."""
    placeholders: tuple[str, ...]
    """Names a `message` or `hint` template may use."""
    structural: bool = False
    """Reads the document's structure (headings, sections): examples are whole documents."""


@dataclass(frozen=True)
class Instance:
    """A validated rule instance, handed to its type's ``make``."""

    id: str
    rule_type: RuleType
    options: Common
    scope: tuple[str, ...]

    def pattern(
        self, pattern: object, key: tuple[str, ...], *, literal: bool, groups: tuple[str, ...] = ()
    ) -> Matcher:
        """Compile one of this rule's patterns with its `ignore_case`/`word_boundaries`."""
        return compile_pattern(
            self.id,
            pattern,
            key,
            literal=literal,
            groups=groups,
            ignore_case=bool(getattr(self.options, "ignore_case", False)),
            word_boundaries=bool(getattr(self.options, "word_boundaries", True)),
        )

    def say(
        self, situation: str, line: int, column: int, span: int = 1, **values: object
    ) -> Finding:
        """A finding with the rule's message and hint, or the type's for ``situation``;
        ``span`` characters are underlined, ``values`` fill the placeholders."""
        message, hint = self.rule_type.messages[situation]
        shown = {
            name: " ".join(str(values.get(name, "")).split())
            for name in self.rule_type.placeholders
        }
        message = (self.options.message or message).format_map(shown)
        hint = (self.options.hint or hint).format_map(shown)
        return Finding(line, column, message, hint=hint or None, length=max(span, 1))


def validate(rule_id: str, rule_type: RuleType, spec: Mapping[str, object]) -> Instance:
    """Check ``spec`` against the type's keys; the first problem raises a ConfigError."""
    fields = {f.name: f for f in dataclasses.fields(rule_type.options)}
    for key, value in spec.items():
        if key not in fields:
            raise ConfigError(
                _choice(
                    f"unknown key `{key}` for rule `{rule_id}` of type `{rule_type.name}`",
                    str(key),
                    fields,
                ),
                key=(str(key),),
            )
        if key != "severity":  # the config layer's (YAML reads a bare `off` as false)
            _check_value(rule_id, fields[key], value)
    for name, option in fields.items():
        if option.metadata.get("required") and not spec.get(name):
            raise ConfigError(
                f"rule `{rule_id}` of type `{rule_type.name}` needs `{name}`: "
                f"{_lower(option.metadata['help'])}",
                key=(name,) if name in spec else (),
            )
    options = rule_type.options(**spec)
    try:
        scope = parse_scope(options.scope)
    except ValueError as error:
        raise ConfigError(
            _choice(
                f"unknown scope `{error}` for rule `{rule_id}`",
                str(error),
                [*SCOPES, "headings.h1", "headings.level-2"],
            ),
            key=("scope",),
        ) from None
    for key in ("message", "hint"):
        _check_template(rule_id, rule_type, key, getattr(options, key))
    return Instance(rule_id, rule_type, options, scope)


def _check_value(rule_id: str, option: dataclasses.Field, value: object) -> None:
    wrong = options.problem(option, value)
    if wrong:
        raise ConfigError(f"rule `{rule_id}`: `{option.name}` {wrong}", key=(option.name,))


def _check_template(rule_id: str, rule_type: RuleType, key: str, template: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise ConfigError(
            f"rule `{rule_id}`: `{key}` is not a valid template: {error} (write "
            "`{{` and `}}` for literal braces)",
            key=(key,),
        ) from None
    for name in names:
        if name not in rule_type.placeholders:
            allowed = ", ".join(f"`{{{p}}}`" for p in rule_type.placeholders)
            raise ConfigError(
                f"rule `{rule_id}`: unknown placeholder `{{{name}}}` in `{key}` "
                f"(a `{rule_type.name}` rule has: {allowed})",
                key=(key,),
            )


def examples_of(rule_id: str, value: object) -> Examples:
    """The `examples` mapping, checked."""
    if not value:
        return Examples()
    assert isinstance(value, dict)  # checked by validate()
    for key in value:
        if key not in EXAMPLE_KEYS:
            raise ConfigError(
                _choice(
                    f"unknown key `{key}` in `examples` of rule `{rule_id}`", str(key), EXAMPLE_KEYS
                ),
                key=("examples", str(key)),
            )
    texts: dict[str, tuple[str, ...]] = {}
    for kind in ("valid", "invalid"):
        items = value.get(kind, [])
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list):
            raise ConfigError(
                f"rule `{rule_id}`: `examples.{kind}` must be a list of text, got {kind_of(items)}",
                key=("examples", kind),
            )
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise ConfigError(
                    f"rule `{rule_id}`: `examples.{kind}[{index}]` must be text, "
                    f"got {kind_of(item)}",
                    key=("examples", kind, str(index)),
                )
        texts[kind] = tuple(items)
    form = value.get("format")
    if form is not None and form not in PARSER_MODULES:
        raise ConfigError(
            _choice(
                f"rule `{rule_id}`: unknown `examples.format` `{form}`", str(form), PARSER_MODULES
            ),
            key=("examples", "format"),
        )
    return Examples(texts["valid"], texts["invalid"], form)


def _choice(message: str, value: str, allowed: Iterable[str]) -> str:
    allowed = list(allowed)
    return f"{message}{did_you_mean(value, allowed)} ({one_of(allowed)})"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def schema(rule_type: RuleType) -> dict[str, object]:
    """JSON Schema of one rule instance of ``rule_type`` (for the config schema)."""
    examples = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "valid": {"type": "array", "items": {"type": "string"}},
            "invalid": {"type": "array", "items": {"type": "string"}},
            "format": {"enum": list(PARSER_MODULES)},
        },
    }
    properties: dict[str, object] = {}
    for option in dataclasses.fields(rule_type.options):
        if option.name == "type":
            properties[option.name] = {"const": rule_type.name, "description": rule_type.summary}
        elif option.name == "examples":
            properties[option.name] = {**examples, "description": option.metadata["help"]}
        else:
            properties[option.name] = options.schema(option)
    required = [f.name for f in dataclasses.fields(rule_type.options) if f.metadata.get("required")]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }
