"""pytest nodes: a document is a File; its item (or one item per rule) runs the engine."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pytest
from _pytest._code.code import ReprFileLocation
from _pytest._code.code import TerminalRepr
from _pytest._io import TerminalWriter

from pytest_doclint import engine
from pytest_doclint.checks import Rule
from pytest_doclint.config import Layer
from pytest_doclint.config import Settings
from pytest_doclint.findings import Finding
from pytest_doclint.findings import render_all
from pytest_doclint.findings import summary
from pytest_doclint.model import Document
from pytest_doclint.parsers import format_for
from pytest_doclint.rule_types import check_example

MARKER = "doclint"
DOCUMENT_ITEM = "doclint"
REPORT_PROPERTY = "doclint"


class DoclintWarning(UserWarning):
    """A finding at severity `warning`: shown in pytest's warnings summary, never a failure."""


class DoclintFailure(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings)
        self.findings = findings


class FindingsRepr(TerminalRepr):
    """Editor's notes instead of a traceback; the first line stands alone in the summary."""

    def __init__(self, text: str, path: str, first_line: int, headline: str) -> None:
        self.text = text
        self.reprcrash = ReprFileLocation(path, first_line, headline)

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.splitlines():
            tw.line(line, red=line.startswith(self.reprcrash.path))


class DocumentFile(pytest.File):
    """One document; parsed at most once per process, on first use by any of its items."""

    def __init__(self, *, settings: Settings, rules: dict[str, Rule], only: set[str] | None,
                 per_rule: bool, **kwargs: object) -> None:  # fmt: skip
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.settings, self.rules, self.only, self.per_rule = settings, rules, only, per_rule

    @property
    def shown_path(self) -> str:
        """The path in messages and reports: relative to the rootdir, with `/`."""
        return self.nodeid  # a File's node id is its path (which may itself contain `::`)

    unreadable: engine.UnreadableDocument | OSError | None = None
    """Why the document could not be read, kept for its other items."""
    reporter: str = DOCUMENT_ITEM
    """The item that reports an unreadable document: one finding, not one per rule item."""

    @cached_property
    def document(self) -> Document:
        """Read on the first item's run, not at collection; a read error is kept for the rest."""
        if self.unreadable is None:
            try:
                return engine.read(Path(self.path), self.shown_path, self.settings)
            except (engine.UnreadableDocument, OSError) as error:
                self.unreadable = error
        raise self.unreadable

    def collect(self) -> list[DoclintItem]:
        # A rule for another format (`rest-syntax` on a .txt) would only ever pass: no item.
        format_name = format_for(self.path.name, self.settings.parse.formats) or "text"
        selected = [rid for rid in self.settings.enabled() if (self.only is None or rid in self.only)
                    and format_name in self.settings.rules[rid].rule.formats]  # fmt: skip
        if self.per_rule or self.settings.items == "rule":
            self.reporter = selected[0] if selected else DOCUMENT_ITEM
            return [DoclintItem.from_parent(self, name=rid, rule_ids={rid}) for rid in selected]
        return [DoclintItem.from_parent(self, name=DOCUMENT_ITEM, rule_ids=set(selected))]


class DoclintItem(pytest.Item):
    """Runs some rules (all of the document's, or one) and fails with their error findings."""

    parent: DocumentFile

    def __init__(self, *, rule_ids: set[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rule_ids = rule_ids
        self.add_marker(MARKER)

    def runtest(self) -> None:
        file = self.parent
        result = engine.Result(file.shown_path, "unknown", "unknown")
        try:
            document = file.document
        except (engine.UnreadableDocument, OSError) as error:
            if self.name != file.reporter:
                pytest.skip(f"{file.shown_path} cannot be read: see its `{file.reporter}` item")
            result.findings = [engine.unreadable(error)]
        else:
            result.format, result.encoding = document.format, document.encoding
            result.findings = engine.lint(document, file.settings, self.rule_ids)
        self.user_properties.append((REPORT_PROPERTY, result.as_dict()))
        for finding in result.findings:
            if finding.severity == "warning":
                self.warn(DoclintWarning(finding.concise(file.shown_path)))
        errors = [f for f in result.findings if f.severity == "error"]
        if errors:
            raise DoclintFailure(errors)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str | TerminalRepr:
        if not isinstance(excinfo.value, DoclintFailure):
            return super().repr_failure(excinfo)  # a crash in a rule is a bug: show it as one
        findings = excinfo.value.findings
        path = self.parent.shown_path
        lines = self.parent.document.lines if "document" in self.parent.__dict__ else []
        headline = summary(findings)
        text = f"{headline}\n\n{render_all(findings, path, lines)}"
        return FindingsRepr(text, path, findings[0].line, headline)

    def reportinfo(self) -> tuple[Path, int, str]:
        label = self.parent.shown_path if self.name == DOCUMENT_ITEM else f"{self.name} {self.parent.shown_path}"
        return Path(self.path), 0, f"[doclint] {label}"


class RuleExamplesFile(pytest.File):
    """A config or pack whose rule instances carry `examples:`: each example is a test."""

    def __init__(self, *, layer: Layer, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.layer = layer

    def collect(self) -> list[RuleExampleItem]:
        items = []
        for rid, rule in self.layer.instances.items():
            examples = getattr(rule, "examples", None)
            for kind in ("valid", "invalid"):
                for index, text in enumerate(getattr(examples, kind, ())):
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

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str | TerminalRepr:
        if isinstance(excinfo.value, ExampleFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return Path(self.path), 0, f"[doclint example] {self.name}"


class ExampleFailure(Exception):
    """A rule's own example does not behave as its config says."""
