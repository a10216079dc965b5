"""pytest nodes: a document is a File; its item (or one item per rule) runs the engine."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from _pytest._code.code import ReprFileLocation
from _pytest._code.code import TerminalRepr
from _pytest._io import TerminalWriter

from pytest_doclint import encoding
from pytest_doclint import engine
from pytest_doclint import pool
from pytest_doclint.baseline import Baseline
from pytest_doclint.baseline import Entry
from pytest_doclint.cache import ResultCache
from pytest_doclint.config import Layer
from pytest_doclint.config import Settings
from pytest_doclint.core import Rule
from pytest_doclint.findings import Finding
from pytest_doclint.findings import count_of
from pytest_doclint.findings import render_all
from pytest_doclint.findings import summary
from pytest_doclint.i18n import _
from pytest_doclint.model import Document
from pytest_doclint.model import split_lines
from pytest_doclint.parsers import format_for
from pytest_doclint.report_model import DocumentReport
from pytest_doclint.rule_types import check_example
from pytest_doclint.terminal import MARKUP

if TYPE_CHECKING:
    from _pytest._code.code import TracebackStyle

MARKER = "doclint"
DOCUMENT_ITEM = "doclint"


@dataclass(frozen=True)
class LintRun:
    """What every document of a run shares: the rules, the selection, cache and baseline."""

    rules: dict[str, Rule]
    only: set[str] | None
    per_rule: bool
    cache: ResultCache | None = None
    baseline: Baseline | None = None
    update_baseline: bool = False
    baseline_name: str = ""
    """The baseline's path as the user gave it, for messages."""


class DoclintWarning(UserWarning):
    """A finding at severity `warning`: shown in pytest's warnings summary, never a failure."""


class DoclintFailure(Exception):
    def __init__(self, findings: list[Finding], note: str = "") -> None:
        super().__init__(findings)
        self.findings, self.note = findings, note


class KnownFindings(DoclintFailure):
    """Every finding is in the baseline: the item's `xfail(strict=True)` marker expects this."""


class FindingsRepr(TerminalRepr):
    """Editor's notes instead of a traceback; the first line stands alone in the summary.

    Coloured as `doclint` colours them when pytest's terminal has markup (its ``--color``)."""

    def __init__(self, findings: list[Finding], path: str, lines: list[str], note: str) -> None:
        self.findings, self.lines, self.note = findings, lines, note
        self.reprcrash = ReprFileLocation(path, findings[0].line, summary(findings))

    def toterminal(self, tw: TerminalWriter) -> None:
        def paint(text: str, role: str) -> str:
            return tw.markup(text, **dict.fromkeys(MARKUP[role], True))

        tw.line(self.reprcrash.message, bold=True)
        tw.line()
        tw.line(render_all(self.findings, self.reprcrash.path, self.lines, paint))
        if self.note:
            tw.line()
            tw.line(self.note)


class DocumentFile(pytest.File):
    """One document; read and parsed at most once per process, on first use by its items."""

    def __init__(self, *, settings: Settings, run: LintRun, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.settings, self.run = settings, run
        self._content: bytes | Exception | None = None
        self._parsed: Document | Exception | None = None

    @property
    def shown_path(self) -> str:
        """The path in messages and reports: relative to the rootdir, with `/`."""
        return self.nodeid  # a File's node id is its path (which may itself contain `::`)

    reporter: str = DOCUMENT_ITEM
    """The item that reports an unreadable document: one finding, not one per rule item."""

    def content(self) -> bytes | Exception:
        """The document's bytes, read on the first item's run; why not, if it cannot be read."""
        if self._content is None:
            try:
                self._content = encoding.read_bytes(Path(self.path))
            except (encoding.UnreadableDocument, OSError) as error:
                self._content = error
        return self._content

    def parsed(self) -> Document | Exception:
        """The parsed document, or why it cannot be read (kept for the other items)."""
        if self._parsed is None:
            content = self.content()
            try:
                if isinstance(content, Exception):
                    raise content
                self._parsed = engine.parse_bytes(content, Path(self.path), self.shown_path,
                                                  self.settings)  # fmt: skip
            except (encoding.UnreadableDocument, OSError) as error:
                self._parsed = error
        return self._parsed

    def lines(self) -> list[str]:
        """The text's lines, for the snippets of a failure (decoded again, not parsed, when
        the findings came from the cache)."""
        if isinstance(self._parsed, Document):
            return self._parsed.lines
        content = self.content()
        try:
            return [] if isinstance(content, Exception) else split_lines(
                encoding.decode(content, self.settings.encoding)[0])  # fmt: skip
        except encoding.UnreadableDocument:
            return []

    def teardown(self) -> None:
        """Its items have run: free the text and the parse before the next document's."""
        self._content = self._parsed = None

    def collect(self) -> list[DoclintItem]:
        # A rule for another format (`rest-syntax` on a .txt) would only ever pass: no item.
        # Nor has `unreadable-document`: the reporter item reports it, whatever is selected.
        format_name = format_for(self.path.name, self.settings.parse.formats) or "text"
        only = self.run.only
        selected = [rid for rid in self.settings.enabled()
                    if rid != engine.UNREADABLE and (only is None or rid in only)
                    and format_name in self.settings.rules[rid].rule.formats]  # fmt: skip
        if self.run.per_rule or self.settings.items == "rule":
            self.reporter = selected[0] if selected else DOCUMENT_ITEM
            items = [DoclintItem.from_parent(self, name=rid, rule_ids={rid}) for rid in selected]
        else:
            items = [DoclintItem.from_parent(self, name=DOCUMENT_ITEM, rule_ids=set(selected))]
        for item in items:
            item.expect_known_findings()
        return items


class DoclintItem(pytest.Item):
    """Runs some rules (all of the document's, or one) and fails with their error findings."""

    parent: DocumentFile

    def __init__(self, *, rule_ids: set[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rule_ids = rule_ids
        self.add_marker(MARKER)
        self.report: DocumentReport | None = None
        """What the run found, judged by the baseline if there is one."""
        self.cache_key: str | None = None
        """The key the report is cached under; None when it is not cached."""
        self.reused = False
        """Whether the report came from the cache."""
        self.prelinted: DocumentReport | None = None
        """The report linted ahead of the run, in a process pool (see :func:`prelint`)."""

    @property
    def judged_rules(self) -> set[str]:
        """The rules whose findings this item reports (an unreadable document's too)."""
        return self.rule_ids | ({engine.UNREADABLE} if self.name == self.parent.reporter else set())

    def expect_known_findings(self) -> None:
        """Known findings make a strict xfail: fixing one makes the item XPASS and fail."""
        run = self.parent.run
        if run.baseline is None or run.update_baseline:
            return
        known = run.baseline.entries(self.parent.shown_path, self.judged_rules)
        if known:
            reason = f"the baseline {run.baseline_name} lists {count_of(len(known))}"
            self.add_marker(pytest.mark.xfail(reason=reason, strict=True, raises=KnownFindings))

    @property
    def fixed(self) -> tuple[Entry, ...]:
        """Baseline entries no finding matches any more."""
        return self.report.fixed if self.report is not None else ()

    def runtest(self) -> None:
        run = self.parent.run
        report, self.cache_key, self.reused = self._linted()
        if run.baseline is not None and not run.update_baseline:
            report = run.baseline.judge(report)
        self.report = report
        for finding in report.findings:
            if finding.severity == "warning":
                self.warn_finding(finding)
        if run.update_baseline and report.failures:
            recorded = count_of(len(report.failures))
            pytest.xfail(f"{recorded} recorded in the baseline {run.baseline_name}")
        known = report.known_findings
        if report.failures:
            listed = f"{count_of(len(known))} known from the baseline {run.baseline_name}"
            notes = ([f"Not shown: {listed}."] if known else []) + (
                [self.fixed_note()] if self.fixed else [])  # fmt: skip
            raise DoclintFailure(report.failures, "\n".join(notes))
        if known and not self.fixed:
            raise KnownFindings(known)

    def warn_finding(self, finding: Finding) -> None:
        """A warning located at the finding, not at the item: pytest's summary then prints
        `path:line:` and the offending line under it, where `Item.warn` would print the
        document's first line under every warning."""
        text = _("column {column}: {rule} {message}").format(
            column=finding.column, rule=finding.rule, message=finding.message)  # fmt: skip
        warnings.warn_explicit(DoclintWarning(text), DoclintWarning, self.parent.shown_path,
                               finding.line)  # fmt: skip

    def cached(self) -> tuple[DocumentReport | None, str | None]:
        """The report the cache holds for this item's document as it is now, or None; with
        the cache key (None when there is no cache or the document cannot be read)."""
        file = self.parent
        content = file.content()
        if file.run.cache is None or isinstance(content, Exception):
            return None, None
        key = file.run.cache.key(content, file.settings, self.judged_rules)
        return file.run.cache.get(self.nodeid, key), key

    def _linted(self) -> tuple[DocumentReport, str | None, bool]:
        """The report from the cache when its key matches, else linted ahead or now; with
        the key (None when there is no cache) and whether the cache had it."""
        file = self.parent
        cached, key = self.cached()
        if cached is not None:
            return cached, key, True
        if self.prelinted is not None:
            return self.prelinted, key, False
        document = file.parsed()
        if isinstance(document, Exception) and self.name != file.reporter:
            pytest.skip(f"{file.shown_path} cannot be read: see its `{file.reporter}` item")
        report = engine.report_of(file.shown_path, document, file.settings, self.judged_rules)
        return report, key, False

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if not isinstance(excinfo.value, DoclintFailure):  # a crash in a rule is a bug: show it
            return super().repr_failure(excinfo, style)
        value = excinfo.value
        return FindingsRepr(value.findings, self.parent.shown_path, self.parent.lines(), value.note)

    def fixed_note(self) -> str:
        """Why an XPASS(strict) failed: the known findings that are gone."""
        name = self.parent.run.baseline_name
        listed = "\n".join(f"  {e.rule} {e.message}" for e in self.fixed)
        return (f"{count_of(len(self.fixed))} from the baseline {name} no longer found in "
                f"{self.parent.shown_path}:\n{listed}\n  hint: fixed? record it: run again "
                f"with --doclint-update-baseline and commit {name}")  # fmt: skip

    def reportinfo(self) -> tuple[Path, int, str]:
        label = (
            self.parent.shown_path
            if self.name == DOCUMENT_ITEM
            else f"{self.name} {self.parent.shown_path}"
        )
        return Path(self.path), 0, f"[doclint] {label}"


def prelint(items: list[pytest.Item], jobs: int) -> None:
    """Lint the documents of ``items`` in ``jobs`` processes before the run, each document
    parsed once for all its items; the items then report what was found, in pytest's order.

    Items the cache answers are left out. A document that cannot be read is left to its
    items, which report it as they do without a pool.
    """
    pending: dict[DocumentFile, list[DoclintItem]] = {}
    for item in items:
        if isinstance(item, DoclintItem) and item.cached()[0] is None:
            pending.setdefault(item.parent, []).append(item)
    for file in pending:
        file.teardown()  # the bytes read for the cache keys: the pool reads them itself
    tasks = [(Path(f.path), f.shown_path, f.settings, [i.judged_rules for i in its])
             for f, its in pending.items()]  # fmt: skip
    linted = pool.ordered_map(_lint_ahead, tasks, jobs)
    for its, found in zip(pending.values(), linted, strict=True):
        for item, report in zip(its, found or [], strict=False):  # none: left to the items
            item.prelinted = report


def _lint_ahead(path: Path, shown: str, settings: Settings,
                rule_sets: list[set[str]]) -> list[DocumentReport] | None:  # fmt: skip
    """The reports of one document's items, or None when it cannot be read."""
    try:
        document = engine.read(path, shown, settings)
    except (encoding.UnreadableDocument, OSError):
        return None
    return [engine.report_of(shown, document, settings, rules) for rules in rule_sets]


class RuleExamplesFile(pytest.File):
    """A config or pack whose rule instances carry `examples:`: each example is a test."""

    def __init__(self, *, layer: Layer, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.layer = layer

    def collect(self) -> list[RuleExampleItem]:
        items = []
        for rid, rule in self.layer.instances.items():
            for kind in ("valid", "invalid"):
                for index, text in enumerate(getattr(rule.examples, kind)):
                    items.append(RuleExampleItem.from_parent(
                        self, name=f"{rid}::{kind}[{index}]", rule=rule, text=text,
                        expect_findings=kind == "invalid"))  # fmt: skip
        return items


class RuleExampleItem(pytest.Item):
    """One example of a YAML rule: an invalid one must be flagged, a valid one left alone."""

    def __init__(self, *, rule: Rule, text: str, expect_findings: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rule, self.text, self.expect_findings = rule, text, expect_findings
        self.add_marker(MARKER)

    def runtest(self) -> None:
        reason = check_example(self.rule, self.text, self.expect_findings)
        if reason:
            raise ExampleFailure(f"{self.path.name}: rule `{self.rule.id}`: {reason}")

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, ExampleFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return Path(self.path), 0, f"[doclint example] {self.name}"


class ExampleFailure(Exception):
    """A rule's own example does not behave as its config says."""
