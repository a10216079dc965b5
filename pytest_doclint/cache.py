"""Results of earlier runs, reused while nothing that decides them has changed. No pytest here.

A result is stored under a key made of everything it depends on:

- the document's bytes (its SHA-256, not its modification time: a checkout or a copy
  changes times, not content, and an edit within the same second changes content);
- the effective settings for the document: each rule's severity, options and definition
  (a YAML rule instance's whole mapping), how text is parsed, the configured encoding, and
  which rules the test item runs;
- the code that computes it: this package's version and source files, the versions of the
  packages it requires (docutils' messages change between versions), and for each rule or
  format a plugin adds, its distribution's version, or the hash of its source file (a
  `conftest.py`).

So a changed config, document or rule invalidates exactly the results it could change. The
pytest plugin keeps the results in pytest's cache (``.pytest_cache``) under
:data:`CACHE_KEY`; only the controller writes it, once, at the end of the run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

from pytest_doclint import engine
from pytest_doclint.config import Settings
from pytest_doclint.core import Rule
from pytest_doclint.parsers import Format
from pytest_doclint.report_model import DocumentReport

CACHE_KEY = "doclint/results"
"""The key in pytest's cache (`config.cache`)."""
STORE_VERSION = 1
PACKAGE = "pytest-doclint"
PACKAGE_DIR = Path(__file__).parent


class ResultCache:
    """Reports by test id (`docs/a.md::doclint`), each with the key it was computed under."""

    def __init__(self, stored: object, code: str) -> None:
        entries = None
        if isinstance(stored, dict) and stored.get("version") == STORE_VERSION:
            entries = stored.get("entries")
        self.entries: dict[str, dict] = dict(entries) if isinstance(entries, dict) else {}
        self.code = code

    def key(self, content: bytes, settings: Settings, rules: set[str]) -> str:
        """The key of what ``rules`` find in ``content`` under ``settings``."""
        deciding = engine.deciding_rules(settings, rules)
        digest = hashlib.sha256(self.code.encode())
        digest.update(settings_fingerprint(settings, deciding).encode())
        digest.update(hashlib.sha256(content).digest())
        return digest.hexdigest()

    def get(self, item_id: str, key: str) -> DocumentReport | None:
        """The stored report, if it was computed under ``key``; an entry someone has edited
        into another shape counts as missing."""
        entry = self.entries.get(item_id)
        try:
            return DocumentReport.from_dict(entry["result"]) if entry["key"] == key else None  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, item_id: str, key: str, report: DocumentReport) -> None:
        """Store what the rules found; a baseline's judgement belongs to the run, not to the
        document, and is made again on every run."""
        unjudged = replace(report, known=None, fixed=())
        self.entries[item_id] = {"key": key, "result": unjudged.as_dict()}

    def stored(self, exists: Callable[[str], bool]) -> dict:
        """What to write back: every entry whose document still ``exists``."""
        kept = {}
        for item, entry in sorted(self.entries.items()):
            result = self.get(item, entry.get("key", "") if isinstance(entry, dict) else "")
            if result is not None and exists(result.path):
                kept[item] = entry
        return {"version": STORE_VERSION, "entries": kept}


def settings_fingerprint(settings: Settings, rules: set[str]) -> str:
    """Everything in ``settings`` that can change the findings of ``rules``."""
    enabled = settings.enabled()
    data = {
        "rules": {rid: [enabled[rid].severity, canonical(enabled[rid].options),
                        canonical(enabled[rid].rule)] for rid in sorted(rules) if rid in enabled},
        "parse": canonical(settings.parse),
        "encoding": settings.encoding,
    }  # fmt: skip
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def canonical(value: object) -> object:
    """``value`` as plain JSON data that is the same in every process: dataclasses by field,
    functions and classes by name (their code is in :func:`code_fingerprint`), patterns by
    their source."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"class": _name(type(value)), **fields}
    if isinstance(value, re.Pattern):
        return [value.pattern, value.flags]
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(canonical(v), sort_keys=True) for v in value)
    if isinstance(value, type) or callable(value):
        return _name(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _name(value: object) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def code_fingerprint(rules: Iterable[Rule], formats: Iterable[Format]) -> str:
    """The code the results depend on: this package, what it requires, plugins' rules."""
    parts = [_own_code()]
    for function in [rule.check for rule in rules] + [f.parse for f in formats]:
        module = inspect.getmodule(function)
        if module is not None and not module.__name__.startswith("pytest_doclint"):
            parts.append(_provider(module.__name__, getattr(module, "__file__", None)))
    return hashlib.sha256("\n".join(sorted(set(parts))).encode()).hexdigest()


@cache
def _own_code() -> str:
    """This package's version, its source files' hash and its requirements' versions."""
    digest = hashlib.sha256(_version(PACKAGE).encode())
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(source.read_bytes())
    for requirement in _requirements():
        digest.update(f"{requirement} {_version(requirement)}".encode())
    return digest.hexdigest()


def _requirements() -> list[str]:
    """The names of the distributions this package needs at run time (not its extras)."""
    try:
        requires = metadata.requires(PACKAGE) or []
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return []
    names = [re.match(r"[A-Za-z0-9._-]+", r) for r in requires if "extra ==" not in r]
    return sorted({m.group(0) for m in names if m})


def _provider(module: str, file: str | None) -> str:
    """A plugin module's identity: its distribution and version, else its source's hash."""
    distributions = _distributions().get(module.split(".")[0], [])
    if distributions:
        return " ".join(f"{d} {_version(d)}" for d in sorted(distributions))
    if file and Path(file).is_file():
        return f"{module} {hashlib.sha256(Path(file).read_bytes()).hexdigest()}"
    return module


@cache
def _distributions() -> Mapping[str, list[str]]:
    """Top-level module → distributions providing it (slow to build: once per process)."""
    return metadata.packages_distributions()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"
