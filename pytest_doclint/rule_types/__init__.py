"""Declarative rule types: rules written in YAML, run like the built-in ones.

A rule instance is a mapping with a ``type`` (Vale's ``extends``) and that type's keys::

    placeholders:
      type: pattern
      message: "Placeholder `{match}` left in the text"
      patterns: ["XX区", "某某", "TODO"]

:func:`build` validates it and returns a :class:`TypeRule`, an ordinary
:class:`~pytest_doclint.checks.Rule` that the engine runs with ``NoOptions``; its
``examples`` are checked one by one with :func:`check_example`. Nothing here imports pytest.
"""

from __future__ import annotations

from collections.abc import Mapping

from pytest_doclint.core import Examples
from pytest_doclint.core import NoOptions
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.options import kind_of
from pytest_doclint.patterns import Run
from pytest_doclint.rule_types import announced_count
from pytest_doclint.rule_types import consistency
from pytest_doclint.rule_types import heading_order
from pytest_doclint.rule_types import length
from pytest_doclint.rule_types import occurrence
from pytest_doclint.rule_types import pattern
from pytest_doclint.rule_types import required_pattern
from pytest_doclint.rule_types import substitution
from pytest_doclint.rule_types._base import RULE_ID
from pytest_doclint.rule_types._base import RuleType
from pytest_doclint.rule_types._base import TypeRule
from pytest_doclint.rule_types._base import _choice
from pytest_doclint.rule_types._base import examples_of
from pytest_doclint.rule_types._base import schema
from pytest_doclint.rule_types._base import validate
from pytest_doclint.rule_types._examples import check_example

__all__ = [
    "RESERVED_KEYS",
    "RULE_TYPES",
    "TYPE_ALIASES",
    "Examples",
    "RuleType",
    "TypeRule",
    "build",
    "check_example",
    "schema",
]

RULE_TYPES: dict[str, RuleType] = {
    module.RULE_TYPE.name: module.RULE_TYPE
    for module in (
        pattern,
        required_pattern,
        substitution,
        occurrence,
        length,
        consistency,
        heading_order,
        announced_count,
    )
}
TYPE_ALIASES = {"required-headings-template": "heading-order"}
"""Other names a `type:` may use for a rule type."""
RULE_NOT_TYPE = {
    "required-headings": "`required-headings` is a built-in rule (markdownlint's MD043, set "
    "with `rules: {required-headings: {headings: […]}}`); for a template of your own, write "
    "`type: heading-order`",
}
"""Names that are rules, not rule types: one name must not mean two algorithms."""
RESERVED_KEYS = (
    "type",
    "severity",
    "message",
    "hint",
    "description",
    "scope",
    "timeout_ms",
    "examples",
)
"""Keys every rule type takes; ``type`` marks a mapping as a rule instance."""


def build(rule_id: str, spec: Mapping[str, object]) -> TypeRule:
    """The rule that the YAML mapping ``spec`` describes, under the id ``rule_id``.

    ``severity`` is accepted and left to the config layer. Any problem raises a
    :class:`ConfigError` whose ``key`` is the path, inside ``spec``, of the offending value.
    """
    if not RULE_ID.fullmatch(rule_id):
        raise ConfigError(
            f"rule id `{rule_id}` must be lower-case words joined by `-` "
            "(`placeholders`, `house-terms`)",
            key=(),
        )
    if not isinstance(spec, Mapping):
        raise ConfigError(
            f"rule `{rule_id}` must be a mapping with a `type`, got {kind_of(spec)}", key=()
        )
    name = spec.get("type")
    if name is None:
        raise ConfigError(
            f"rule `{rule_id}` needs a `type`: one of {', '.join(RULE_TYPES)}", key=()
        )
    if str(name) in RULE_NOT_TYPE:
        raise ConfigError(f"rule `{rule_id}`: {RULE_NOT_TYPE[str(name)]}", key=("type",))
    name = TYPE_ALIASES.get(str(name), name)
    if name not in RULE_TYPES:
        raise ConfigError(
            _choice(
                f"unknown rule type `{spec['type']}` for rule `{rule_id}`",
                str(spec["type"]),
                RULE_TYPES,
            ),
            key=("type",),
        )
    rule_type = RULE_TYPES[str(name)]
    instance = validate(rule_id, rule_type, {**spec, "type": rule_type.name})
    examples = examples_of(rule_id, instance.options.examples)
    run_check = rule_type.make(instance)
    timeout_ms = instance.options.timeout_ms

    def check(document: Document, options: object) -> list[Finding]:
        run = Run(document, timeout_ms)
        findings = list(run_check(document, run)) + run.timeouts
        unique = {(f.line, f.column, f.message): f for f in findings}
        return sorted(unique.values(), key=lambda f: (f.line, f.column))

    summary = (instance.options.description or rule_type.summary).rstrip(".")
    check.__doc__ = f"{summary}.\n\nA `{rule_type.name}` rule defined in the configuration."
    return TypeRule(
        id=rule_id,
        summary=summary,
        check=check,
        options=NoOptions,
        type=rule_type.name,
        scope=instance.scope,
        examples=examples,
        spec=dict(spec),
    )
