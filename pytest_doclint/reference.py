"""The rules reference (`docs/rules/<rule-id>.md`), generated from each rule's metadata.

The docstring, summary and options dataclass are the one source; `scripts/generate_docs.py`
writes the pages and `tests/test_reference.py` fails when a checked-in page is stale. A rule
instance defined in YAML (`type: announced-count`) gets a page of the same shape from its
type's documentation and keys and from its own definition; the instances of the packs
pytest-doclint ships are in the reference too.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import CONFIG_NAMES
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Layer
from pytest_doclint.config import packs_dir
from pytest_doclint.core import Rule
from pytest_doclint.options import default
from pytest_doclint.options import shown_type
from pytest_doclint.rule_types import RULE_TYPES
from pytest_doclint.rule_types import TypeRule


@dataclass(frozen=True)
class Definition:
    """Where a YAML rule instance is defined: in a pack, or in a config file."""

    rule: TypeRule
    path: str
    """The file, as shown: `rules/zh-official.yaml`, or relative to the rootdir."""
    line: int
    severity: str
    """The severity the definition gives (`error` unless it says otherwise)."""
    pack: str | None = None
    """The pack's name, when the file is a pack."""

    @property
    def source(self) -> str:
        """`zh-official pack`, or `docs/doclint.yaml:12`."""
        return f"{self.pack} pack" if self.pack else self._place

    @property
    def detail(self) -> str:
        """`pack `zh-official` (rules/zh-official.yaml:14)`, or `docs/doclint.yaml:12`."""
        return f"pack `{self.pack}` ({self._place})" if self.pack else self._place

    @property
    def _place(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def rule_page(rule: Rule, definition: Definition | None = None) -> str:
    """Markdown for one rule: heading, metadata, the docstring's sections, options table.

    A rule instance (a :class:`TypeRule`) is documented by its type instead: the type's
    documentation and keys, then the instance's own definition and examples.
    """
    parts = [f"# `{rule.id}`", f"{rule.summary}."]
    if isinstance(rule, TypeRule):
        parts += _instance_sections(rule, definition)
    else:
        parts += [
            f"Formats: {', '.join(rule.formats)} · Default severity: "
            f"{_default_severity(rule.id)} · Since: {rule.since}",
            rule.doc,
            "## Options",
            _options_table(rule.options),
            "## Configuration",
            "```yaml\nrules:\n  "
            + rule.id
            + f":\n    severity: error   # or {'warning' if rule.off_refused else 'warning, off'}"
            + "".join(f"\n    {f.name}: {_yaml(f)}" for f in dataclasses.fields(rule.options))
            + "\n```",
        ]
    return "\n\n".join(parts) + "\n"


def _instance_sections(rule: TypeRule, definition: Definition | None) -> list[str]:
    rule_type = RULE_TYPES[rule.type]
    # The config layer keeps the severity apart from the rule it builds (`rule.spec`).
    spec = {key: value for key, value in rule.spec.items() if key != "severity"}
    severity = definition.severity if definition else "error"
    examples = spec.pop("examples", None)
    where = f"Defined in: {definition.detail} · " if definition else ""
    # A type's module docstring starts `announced-count: what it checks.`
    about = (inspect.getmodule(rule_type.make).__doc__ or "").strip()
    about = about.removeprefix(f"{rule_type.name}: ")
    sections = [
        f"{where}Type: `{rule.type}` · Formats: {', '.join(rule.formats)} · Severity: {severity}",
        f"## The `{rule.type}` type",
        about[:1].upper() + about[1:] or f"{rule_type.summary}.",
        "## Keys",
        _options_table(rule_type.options),
        "## Definition",
        "```yaml\n"
        + yaml.safe_dump({rule.id: spec}, allow_unicode=True, sort_keys=False, width=88)
        + "```",
    ]
    if examples:
        sections += ["## Examples", _examples(rule)]
    return sections


def _examples(rule: TypeRule) -> str:
    """The instance's `examples`: texts it must leave alone and texts it must flag."""
    fence = rule.examples.format or "text"
    blocks = []
    for title, texts in (("Left alone:", rule.examples.valid), ("Flagged:", rule.examples.invalid)):
        if texts:
            blocks += [title, *(f"```{fence}\n{text.rstrip()}\n```" for text in texts)]
    return "\n\n".join(blocks)


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


def _options_table(options: type) -> str:
    fields = dataclasses.fields(options)
    if not fields:
        return "This rule has no options."
    rows = ["| option | type | default | meaning |", "| --- | --- | --- | --- |"]
    for f in fields:
        kind = shown_type(f)
        rows.append(f"| `{f.name}` | {kind} | `{_yaml(f)}` | {f.metadata.get('help', '')} |")
    return "\n".join(rows)


def _yaml(f: dataclasses.Field) -> str:
    value = default(f)
    return str(value).lower() if isinstance(value, bool) else str(value)


def index_page(rules: dict[str, Rule], instances: dict[str, Definition]) -> str:
    rows = "\n".join(f"| [`{r.id}`]({r.id}.md) | {r.summary} |" for r in rules.values())
    defined = "\n".join(
        f"| [`{rid}`]({rid}.md) | {d.rule.summary} | `{d.rule.type}` | `{d.pack}` |"
        for rid, d in instances.items()
    )
    return (
        "# Rules reference\n\nGenerated from the rules' own metadata by "
        "`python scripts/generate_docs.py`; do not edit by hand.\n\n"
        f"| rule | what it checks |\n| --- | --- |\n{rows}\n\n"
        "## Rule instances of the packs\n\nRules the packs define in YAML from a rule "
        "type ([rule-types.md](../rule-types.md)); they run where a config extends "
        "their pack.\n\n"
        f"| rule | what it checks | type | pack |\n| --- | --- | --- | --- |\n{defined}\n"
    )


def pages() -> dict[str, str]:
    """File name → content for every page of the reference."""
    rules = builtin_rules()
    instances = pack_instances(ConfigStore(packs_dir(), rules))
    return {
        "index.md": index_page(rules, instances),
        **{f"{rid}.md": rule_page(r) for rid, r in rules.items()},
        **{f"{rid}.md": rule_page(d.rule, d) for rid, d in instances.items()},
    }


def pack_instances(store: ConfigStore) -> dict[str, Definition]:
    """The rule instances of the packs shipped, by pytest-doclint and by plugins, by id."""
    found: dict[str, Definition] = {}
    for name, path in _packs(store).items():
        layer = store.load(path)
        if layer is not None:
            found |= _definitions(layer, f"{path.parent.name}/{path.name}", name)
    return found


def _packs(store: ConfigStore) -> dict[str, Path]:
    """Pack name → file; a plugin's pack hides pytest-doclint's of the same name, as in a run."""
    return {path.stem: path for path in sorted(packs_dir().glob("*.yaml"))} | store.packs


def rule_instances(store: ConfigStore, folder: Path) -> dict[str, Definition]:
    """The rule instances of the packs shipped and of the configs that apply in ``folder``
    (and the files they extend), by id; where an id is defined twice the later definition
    wins, as it does when the configs are merged."""
    found = pack_instances(store)
    shipped = set(_packs(store).values())
    # configs_for walks up from a document's folder; any name in ``folder`` stands for one.
    for config in store.configs_for(folder / CONFIG_NAMES[0]):
        for layer in _with_extended(store, config, ()):
            if layer.path not in shipped:
                shown = Path(os.path.relpath(layer.path, store.rootdir)).as_posix()
                found |= _definitions(layer, shown)
    return found


def _with_extended(store: ConfigStore, layer: Layer, chain: tuple[Path, ...]) -> Iterator[Layer]:
    """``layer`` after the files its `extends` names, in the order configs are merged."""
    for name in layer.data.get("extends", []):
        yield from _with_extended(
            store, store.pack(name, layer, (*chain, layer.path)), (*chain, layer.path)
        )
    yield layer


def _definitions(layer: Layer, shown: str, pack: str | None = None) -> dict[str, Definition]:
    entries = layer.data.get("rules") or {}  # validated: an instance's entry holds its severity
    return {
        rid: Definition(
            rule, shown, layer.lines.get(("rules", rid), 0), entries[rid]["severity"], pack
        )
        for rid, rule in layer.instances.items()
        if isinstance(rule, TypeRule)
    }


def write_reference(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
