"""The rules reference (`docs/rules/<rule-id>.md`), generated from each rule's metadata.

The docstring, summary and options dataclass are the one source; `scripts/generate_docs.py`
writes the pages and `tests/test_reference.py` fails when a checked-in page is stale.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import yaml

from pytest_doclint.checks import Rule
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import packs_dir

TYPE_NAMES = {"str": "text", "int": "whole number", "float": "number", "bool": "true/false",
              "list[str]": "list of text"}  # fmt: skip


def rule_page(rule: Rule) -> str:
    """Markdown for one rule: heading, metadata, the docstring's sections, options table."""
    parts = [
        f"# `{rule.id}`",
        f"{rule.summary}.",
        f"Formats: {', '.join(rule.formats)} · Default severity: {_default_severity(rule.id)} "
        f"· Since: {rule.since}",
        rule.doc,
        "## Options",
        _options_table(rule),
        "## Configuration",
        "```yaml\nrules:\n  " + rule.id + ":\n    severity: error   # or warning, off"
        + "".join(f"\n    {f.name}: {_yaml(f)}" for f in dataclasses.fields(rule.options))
        + "\n```",
    ]
    return "\n\n".join(parts) + "\n"


def _default_severity(rule_id: str) -> str:
    """`error (pack `default`)`, or `off` and the packs that switch the rule on."""
    enabling = []
    for path in sorted(packs_dir().glob("*.yaml")):
        pack = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entry = (pack.get("rules") or {}).get(rule_id)
        severity = entry.get("severity", "off") if isinstance(entry, dict) else entry
        if severity not in (None, False, "off"):
            enabling.append((path.stem, "error" if severity is True else str(severity)))
    default = dict(enabling).get("default")
    if default:
        return f"{default} (pack `default`)"
    packs = ", ".join(f"`{severity}` in pack `{name}`" for name, severity in enabling)
    return f"off ({packs})" if packs else "off (enable it in a config)"


def _options_table(rule: Rule) -> str:
    fields = dataclasses.fields(rule.options)
    if not fields:
        return "This rule has no options."
    hints = typing.get_type_hints(rule.options)
    rows = ["| option | type | default | meaning |", "| --- | --- | --- | --- |"]
    for f in fields:
        kind = TYPE_NAMES.get(getattr(hints[f.name], "__name__", str(hints[f.name])),
                              str(hints[f.name]))  # fmt: skip
        if "choices" in f.metadata:
            kind = " \\| ".join(f"`{c}`" for c in f.metadata["choices"])
        rows.append(f"| `{f.name}` | {kind} | `{_yaml(f)}` | {f.metadata.get('help', '')} |")
    return "\n".join(rows)


def _yaml(f: dataclasses.Field) -> str:
    value = f.default_factory() if f.default is dataclasses.MISSING else f.default  # type: ignore[misc]
    return str(value).lower() if isinstance(value, bool) else str(value)


def index_page(rules: dict[str, Rule]) -> str:
    rows = "\n".join(f"| [`{r.id}`]({r.id}.md) | {r.summary} |" for r in rules.values())
    return ("# Rules reference\n\nGenerated from the rules' own metadata by "
            "`python scripts/generate_docs.py`; do not edit by hand.\n\n"
            f"| rule | what it checks |\n| --- | --- |\n{rows}\n")  # fmt: skip


def pages() -> dict[str, str]:
    """File name → content for every page of the reference."""
    rules = builtin_rules()
    return {"index.md": index_page(rules), **{f"{rid}.md": rule_page(r) for rid, r in rules.items()}}


def write_reference(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
