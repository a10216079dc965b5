"""Find the documents below some paths and lint them: the `doclint` command's engine room.

The same engine, config discovery and rule selection as the pytest plugin, without pytest:
no per-item cost, and nothing here may import it.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pytest_doclint import discovery
from pytest_doclint import encoding
from pytest_doclint import engine
from pytest_doclint import pool
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Settings
from pytest_doclint.config import matches
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.model import Document
from pytest_doclint.options import did_you_mean
from pytest_doclint.parsers import Format
from pytest_doclint.report_model import DocumentReport


def select_rules(
    rules: dict[str, Rule],
    select: Iterable[str],
    ignore: Iterable[str],
    options: tuple[str, str] = ("--select", "--ignore"),
) -> set[str] | None:
    """The rule ids to run, from comma-separated ``select``/``ignore`` values; None for all.

    `unreadable-document` cannot be ignored: a document that cannot be read would pass
    unseen. A selection that does not name it still reports such a document (the front ends
    add it to what every document's report answers for).
    """
    chosen = _rule_ids(rules, select, options[0])
    dropped = _rule_ids(rules, ignore, options[1])
    if engine.UNREADABLE in dropped:
        raise ConfigError(f"{options[1]}: `{engine.UNREADABLE}` cannot be ignored: a document "
                          "that cannot be read would pass unseen; `exclude` the files that "
                          "are not documents")  # fmt: skip
    if not chosen and not dropped:
        return None
    return (chosen or set(rules)) - dropped


def _rule_ids(rules: dict[str, Rule], values: Iterable[str], option: str) -> set[str]:
    ids = {rid.strip() for value in values for rid in value.split(",")} - {""}
    for rid in sorted(ids - set(rules)):
        hint = did_you_mean(rid, rules)
        raise ConfigError(f"{option}: unknown rule `{rid}`{hint} (rules: {', '.join(rules)})")
    return ids


Quotes = dict[int, str]
"""The source lines a report's findings point at, by line number: what a snippet quotes."""
Page = dict[str, object]
"""What a front end asked to keep of a document besides its report (JSON data)."""
Pager = Callable[[Document | Exception, Settings, set[str] | None], Page]
"""Makes a document's page, in the process that read it (the HTML report's outline)."""


class Linted(NamedTuple):
    report: DocumentReport
    quotes: Quotes
    page: Page | None = None


def iter_lint(
    paths: Iterable[Path | str],
    rootdir: Path,
    rules: dict[str, Rule],
    only: set[str] | None = None,
    formats: tuple[Format, ...] = (),
    packs: dict[str, Path] | None = None,
    jobs: int = 1,
    pager: Pager | None = None,
) -> Iterator[Linted]:
    """Lint every document below ``paths``; yields its report, the lines its findings
    quote and, when a ``pager`` is given, the page it makes of the document, by path.
    ``rules``, ``formats`` and ``packs`` are the run's: the built-in ones
    with what plugins add (:func:`pytest_doclint.extensions.gather`). Each report answers
    for the rules selected, and for `unreadable-document`, which no selection leaves out.

    With ``jobs`` above 1 the documents are read and linted in that many processes; the
    reports come back in the same order, so the output is the same as with one.
    """
    planned = plan(paths, rootdir, rules, formats, packs)
    tasks = [(shown, file, settings, only, pager) for shown, file, settings in planned]
    yield from pool.ordered_map(_lint_one, tasks, jobs)


def _lint_one(
    shown: str, file: Path, settings: Settings, only: set[str] | None, pager: Pager | None
) -> Linted:
    document = _read(file, shown, settings)
    selected = {rid for rid in settings.enabled() if only is None or rid in only}
    report = engine.report_of(shown, document, settings, selected | {engine.UNREADABLE})
    page = pager(document, settings, only) if pager else None
    if not isinstance(document, Document):
        return Linted(report, {}, page)
    return Linted(report, {f.line: document.line_text(f.line) for f in report.findings}, page)


def _read(file: Path, shown: str, settings: Settings) -> Document | Exception:
    try:
        return engine.read(file, shown, settings)
    except (encoding.UnreadableDocument, OSError) as error:
        return error


def iter_documents(
    paths: Iterable[Path | str],
    rootdir: Path,
    rules: dict[str, Rule],
    formats: tuple[Format, ...] = (),
    packs: dict[str, Path] | None = None,
) -> Iterator[tuple[str, Document | Exception, Settings]]:
    """Every document below ``paths``, read: (shown path, the document or why it could not
    be read, its settings), by shown path (see :func:`plan`)."""
    for shown, file, settings in plan(paths, rootdir, rules, formats, packs):
        yield shown, _read(file, shown, settings), settings


def plan(
    paths: Iterable[Path | str],
    rootdir: Path,
    rules: dict[str, Rule],
    formats: tuple[Format, ...] = (),
    packs: dict[str, Path] | None = None,
) -> list[tuple[str, Path, Settings]]:
    """The documents below ``paths``: (shown path, file, its settings), by shown path.

    A file is a document when its config's `include` globs select it and `exclude` does not,
    also when it is named directly: pre-commit hands over every text file it sees. Config
    errors raise :class:`ConfigError` before any document is read.
    """
    rootdir = rootdir.resolve()
    store = ConfigStore(rootdir, rules, formats, packs)
    given = [Path(p) for p in paths]
    for path in given:
        if not path.exists():
            raise ConfigError(f"no such file or folder: {path}")
    starts = [p.resolve() for p in given]
    for config in discovery.reachable_configs(starts, rootdir):
        layer = store.load(config)
        if layer:  # resolves `extends` too: a missing pack or a cycle stops here
            store.settings_for(config, [layer])
    documents: dict[Path, None] = {}
    for start in starts:
        for file in discovery.walk(start):
            documents.setdefault(file)
    linted = []
    for file in documents:
        settings = store.settings_for(file)
        if matches(file, settings.include) and not matches(file, settings.exclude):
            linted.append((discovery.shown_path(file, rootdir), file, settings))
    return sorted(linted, key=lambda entry: entry[0])
