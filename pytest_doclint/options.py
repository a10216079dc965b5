"""Rule options: the one table of option types, read by the config loader (to check a value),
the JSON Schema (to describe it) and the rules reference (to document it).

A rule's options are a frozen dataclass; each field's annotation names its type here and its
``metadata`` says the rest: ``help`` (one line), ``choices``, ``minimum``/``maximum``,
``regex`` (a user pattern, checked by :mod:`pytest_doclint.patterns`) and ``required``. So a
bound written once is enforced at load, published in the schema and printed in the docs.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

STRING_LIST: Mapping[str, object] = {"type": "array", "items": {"type": "string"}}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


@dataclass(frozen=True)
class OptionType:
    shown: str
    """How the rules reference names it: `whole number`."""
    described: str
    """How a message names it: `a whole number`."""
    accepts: Callable[[object], bool]
    schema: Mapping[str, object]


TYPES: dict[str, OptionType] = {
    "str": OptionType("text", "text", lambda v: isinstance(v, str), {"type": "string"}),
    "bool": OptionType(
        "true/false", "true or false", lambda v: isinstance(v, bool), {"type": "boolean"}
    ),
    "int": OptionType("whole number", "a whole number", _is_int, {"type": "integer"}),
    "float": OptionType(
        "number", "a number", lambda v: _is_int(v) or isinstance(v, float), {"type": "number"}
    ),
    "int | None": OptionType(
        "whole number",
        "a whole number",
        lambda v: v is None or _is_int(v),
        {"type": ["integer", "null"]},
    ),
    "list[str]": OptionType("list of text", "a list of text", _is_strings, STRING_LIST),
    "str | list[str]": OptionType(
        "text or list of text",
        "text or a list of text",
        lambda v: isinstance(v, str) or _is_strings(v),
        {"anyOf": [{"type": "string"}, STRING_LIST]},
    ),
    "dict[str, str]": OptionType(
        "mapping of text to text",
        "a mapping of text to text",
        lambda v: isinstance(v, dict) and all(isinstance(i, str) for i in (*v, *v.values())),
        {"type": "object", "additionalProperties": {"type": "string"}},
    ),
    "dict[str, object]": OptionType(
        "mapping", "a mapping", lambda v: isinstance(v, dict), {"type": "object"}
    ),
}
"""Annotation of an option field (as written) → the type."""


def option_type(option: dataclasses.Field) -> OptionType:
    """The type of ``option``; an annotation this table does not know is a bug in a rule."""
    name = " ".join(str(option.type).split())
    if name not in TYPES:
        raise TypeError(
            f"option `{option.name}` has the type {name}, which pytest_doclint/options.py "
            "does not describe yet"
        )
    return TYPES[name]


def default(option: dataclasses.Field) -> object:
    if option.default_factory is not dataclasses.MISSING:
        return option.default_factory()
    return option.default


def problem(option: dataclasses.Field, value: object) -> str | None:
    """What is wrong with ``value`` for ``option``, to follow the option's name in a message
    (`must be a whole number, got text `one``), or None when it is fine."""
    kind = option_type(option)
    if not kind.accepts(value):
        return f"must be {kind.described}, got {describe(value)}"
    choices = option.metadata.get("choices")
    if choices and value not in choices:
        return f"cannot be `{value}`{did_you_mean(str(value), choices)} ({one_of(choices)})"
    low, high = option.metadata.get("minimum"), option.metadata.get("maximum")
    if _is_int(value) and (
        (low is not None and value < low) or (high is not None and value > high)
    ):
        bounds = f"at least {low}" + (f" and at most {high}" if high is not None else "")
        return f"must be {bounds}, got {value}"
    return None


def schema(option: dataclasses.Field) -> dict[str, object]:
    """The JSON Schema of ``option``: what the loader accepts, with its help and default."""
    prop: dict[str, object] = {**option_type(option).schema}
    prop["description"] = option.metadata.get("help", "")
    if "choices" in option.metadata:
        prop["enum"] = list(option.metadata["choices"])
    for bound in ("minimum", "maximum"):
        if bound in option.metadata:
            prop[bound] = option.metadata[bound]
    if option.metadata.get("regex"):
        prop["$comment"] = (
            "A Python regular expression: the loader rejects syntax errors and nested "
            "repeats such as `(a+)+`"
        )
    if not option.metadata.get("required"):
        prop["default"] = plain(default(option))
    return prop


def shown_type(option: dataclasses.Field) -> str:
    """The type column of the rules reference: the choices where there are some."""
    if "choices" in option.metadata:
        return " \\| ".join(f"`{choice}`" for choice in option.metadata["choices"])
    return option_type(option).shown


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    """`; did you mean `rules`?` when one of ``allowed`` is close to ``value``, else ``""``."""
    close = difflib.get_close_matches(value, list(allowed), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def one_of(allowed: Iterable[str]) -> str:
    return f"expected one of: {', '.join(allowed)}"


def kind_of(value: object) -> str:
    """What a value is, as a message names it: `text`, `a list`, `nothing`."""
    kinds = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }
    return kinds.get(type(value), type(value).__name__)


def describe(value: object) -> str:
    """A value as a message names it, short scalars shown: `text `one``, `a list`."""
    shown = str(value).lower() if isinstance(value, bool) else str(value)
    scalar = isinstance(value, str | int | float) and len(shown) <= 40
    return f"{kind_of(value)} `{shown}`" if scalar else kind_of(value)


def plain(value: object) -> object:
    """A default as JSON: tuples become lists."""
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value
