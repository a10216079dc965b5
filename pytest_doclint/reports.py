"""Report formats: pure functions from the per-document findings to the text of a report.

Both front ends (the pytest plugin and the ``doclint`` command) collect one
:class:`~pytest_doclint.report_model.DocumentReport` per document and hand the list to
:func:`render`. Output is deterministic: documents sorted by path, findings by line, column
and rule, so a parallel run (pytest-xdist) writes the same bytes as a serial one. No pytest
here.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pytest_doclint import fingerprints
from pytest_doclint.baseline import Entry
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Edit
from pytest_doclint.findings import Finding
from pytest_doclint.report_model import DocumentReport

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = fingerprints.VERSION
"""The `partialFingerprints` key."""
MARKDOWN_MAX_ROWS = 500
"""Findings listed in the Markdown table; a PR comment is limited to 65,536 characters."""
SEVERITY_LEVELS = {"error": "error", "warning": "warning"}
CODE_QUALITY_SEVERITIES = {"error": "major", "warning": "minor"}


# --- the shared shape ---------------------------------------------------------------------


def finding_key(finding: Finding) -> tuple[int, int, str, str, str, str]:
    return (finding.line, finding.column, finding.rule, finding.message, finding.severity,
            finding.hint or "")  # fmt: skip


def in_order(documents: Iterable[DocumentReport]) -> list[DocumentReport]:
    """Documents sorted by path, each with its findings in line order, whatever order the
    items of a run (or the workers of a parallel one) finished in."""
    return [replace(d, findings=tuple(sorted(d.findings, key=finding_key)))
            for d in sorted(documents, key=lambda d: d.path)]  # fmt: skip


@dataclass(frozen=True)
class Stats:
    """Documents checked and failed, findings per rule and per severity (sorted by name)."""

    documents: int
    failed: int
    findings: int
    rules: dict[str, int]
    severities: dict[str, int]
    known: int = 0
    """Findings the baseline lists (they do not fail)."""
    fixed: int = 0
    """Findings the baseline lists that are gone (they fail until it is updated)."""

    @property
    def checked(self) -> str:
        noun = "document" if self.documents == 1 else "documents"
        return f"{self.documents} {noun} checked, {self.failed} failed"


def stats(documents: list[DocumentReport]) -> Stats:
    findings = [f for d in documents for f in d.findings]
    return Stats(
        documents=len(documents),
        failed=sum(1 for d in documents if d.failed),
        findings=len(findings),
        rules=dict(sorted(Counter(f.rule for f in findings).items())),
        severities=dict(sorted(Counter(f.severity for f in findings).items())),
        known=sum(len(d.known_findings) for d in documents),
        fixed=sum(len(d.fixed) for d in documents),
    )


def summary_lines(documents: list[DocumentReport]) -> list[str]:
    """The terminal summary: checked/failed, then findings per rule and per severity."""
    counts = stats(documents)
    if not counts.findings and not counts.fixed:
        return [f"{counts.checked}, no findings"]
    lines = [counts.checked]
    if counts.findings:
        lines += [f"findings per rule: {_counts(counts.rules)}",
                  f"findings per severity: {_counts(counts.severities)}"]  # fmt: skip
    if counts.known:
        lines.append(f"known from the baseline: {counts.known}")
    if counts.fixed:
        lines.append(f"in the baseline but fixed (update it): {counts.fixed}")
    return lines


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counter.items())


# --- json ---------------------------------------------------------------------------------


def to_json(documents: Iterable[DocumentReport]) -> str:
    """`{"documents": [...]}`, every document with its findings (an empty list when clean);
    with a baseline, each finding says whether it is `known` or `new`."""
    keys = ("rule", "severity", "line", "column", "message", "hint", "fingerprint")
    shaped = [{"path": d.path, "format": d.format, "encoding": d.encoding,
               "findings": [{**{k: getattr(f, k) for k in keys}, **_baseline_state(d, f),
                             **_fixes_of(f)} for f in d.findings],
               **({"fixed": [asdict(e) for e in d.fixed]} if d.judged else {})}
              for d in in_order(documents)]  # fmt: skip
    return json.dumps({"documents": shaped}, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str, source: str) -> list[DocumentReport]:
    """The documents of a JSON report (``source`` names it in errors), as the run that wrote
    it had them: what :func:`merged` joins and every format renders again."""
    try:
        return [_document_of(d) for d in json.loads(text)["documents"]]
    except (ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"{source}: not a doclint JSON report ({type(error).__name__}: "
                          f"{error}); merge the reports written by --report json:PATH or "
                          "--doclint-report=json:PATH") from None  # fmt: skip


def _document_of(data: dict[str, Any]) -> DocumentReport:
    judged = "fixed" in data
    findings = tuple(Finding(f["line"], f["column"], f["message"], f["hint"], rule=f["rule"],
                             severity=f["severity"], fingerprint=f["fingerprint"],
                             fixes=tuple(Edit(**e) for e in f.get("fixes", ())))
                     for f in data["findings"])  # fmt: skip
    known = {f["fingerprint"] for f in data["findings"] if f.get("baseline") == "known"}
    return DocumentReport(data["path"], data["format"], data["encoding"], findings,
                          frozenset(f.rule for f in findings),
                          frozenset(known) if judged else None,
                          tuple(Entry(**e) for e in data.get("fixed", [])))  # fmt: skip


def merged(documents: Iterable[DocumentReport]) -> list[DocumentReport]:
    """The reports of several runs (CI shards) as one run's: a document that more than one
    linted (its rules split over shards) is reported once, with all their findings; the
    one finding of an unreadable document, which every shard reports, once."""
    by_path: dict[str, DocumentReport] = {}
    for document in documents:
        earlier = by_path.get(document.path)
        by_path[document.path] = document if earlier is None else earlier.merged(document)
    unique = (replace(d, findings=tuple(dict.fromkeys(d.findings))) for d in by_path.values())
    return in_order(unique)


def _fixes_of(finding: Finding) -> dict[str, list[dict[str, Any]]]:
    """The finding's edits, for a finding that has some (`doclint --fix` applies them)."""
    return {"fixes": [asdict(e) for e in finding.fixes]} if finding.fixes else {}


def _baseline_state(document: DocumentReport, finding: Finding) -> dict[str, str]:
    if not document.judged:
        return {}
    return {"baseline": "known" if document.is_known(finding) else "new"}


# --- sarif --------------------------------------------------------------------------------


def to_sarif(documents: Iterable[DocumentReport], rules: dict[str, Rule],
             rules_url: str | None = None) -> str:  # fmt: skip
    """SARIF 2.1.0 as GitHub code scanning reads it: rule metadata, locations, fingerprints.

    ``rules`` are the run's rules, plugins' included: each gets a descriptor. ``rules_url``
    is the base URL of the rule pages (`<base>/<rule-id>.md`); without one, the `Rules`
    project URL of the installed package is used, if it has one. SARIF wants an absolute
    `helpUri`, so with neither the rules carry their docs in `help` only.
    """
    documents = in_order(documents)
    rules_url = _rules_url() if rules_url is None else rules_url
    used = sorted({f.rule for d in documents for f in d.findings} - set(rules))
    descriptors = [_descriptor(r, rules_url) for r in rules.values()]
    descriptors += [{"id": rid, "shortDescription": {"text": rid},
                     "defaultConfiguration": {"level": "error"}} for rid in used]  # fmt: skip
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    results = []
    for document in documents:
        for finding in document.findings:
            text = _with_hint(finding)
            result = {
                "ruleId": finding.rule,
                "ruleIndex": index[finding.rule],
                "level": SEVERITY_LEVELS.get(finding.severity, "note"),
                "message": {"text": text},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(document.path)},
                    "region": {"startLine": max(finding.line, 1),
                               "startColumn": max(finding.column, 1)},
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
            }  # fmt: skip
            if finding.fixes:
                result["fixes"] = [_sarif_fix(document.path, finding)]
            if document.judged:  # SARIF's word for a finding the baseline lists
                result["baselineState"] = "unchanged" if document.is_known(finding) else "new"
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "doclint", "version": _version(),
                                "semanticVersion": _version(), "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }  # fmt: skip
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_fix(path: str, finding: Finding) -> dict[str, object]:
    """The finding's edits as one SARIF fix: regions in the run's code-point columns."""
    replacements = [{"deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                       "endLine": e.end_line, "endColumn": e.end_column},
                     "insertedContent": {"text": e.text}} for e in finding.fixes]  # fmt: skip
    return {
        "description": {"text": finding.hint or finding.message},
        "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(path)},
                             "replacements": replacements}],
    }  # fmt: skip


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference: spaces, `%` and non-ASCII letters percent-encoded."""
    return quote(path, safe="/")


def _descriptor(rule: Rule, rules_url: str) -> dict[str, object]:
    page = f"docs/rules/{rule.id}.md"
    doc = rule.doc or rule.summary
    descriptor: dict[str, object] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {
            "text": f"{doc}\n\nReference: {page}",
            "markdown": f"{doc}\n\nReference: `{page}`",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["documentation"]},
    }
    if rules_url:
        descriptor["helpUri"] = f"{rules_url.rstrip('/')}/{rule.id}.md"
    return descriptor


def _rules_url() -> str:
    """The `Rules` project URL of the installed distribution, or an empty string."""
    try:
        urls = metadata.metadata("pytest-doclint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return ""
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "rules":
            return url.strip()
    return ""


def _version() -> str:
    try:
        return metadata.version("pytest-doclint")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "0+unknown"


def _with_hint(finding: Finding) -> str:
    return finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")


# --- github -------------------------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(documents: Iterable[DocumentReport]) -> str:
    """One `::error` / `::warning` workflow command per finding the baseline does not list
    (GitHub annotations: a pull request shows what it adds, not the known backlog)."""
    lines = []
    for document in in_order(documents):
        path = escape_property(document.path)
        for f in document.new_findings:
            command = "error" if f.severity == "error" else "warning"
            where = f"file={path},line={f.line},col={f.column}"
            title = escape_property(f.rule)
            lines.append(f"::{command} {where},title={title}::{escape_data(_with_hint(f))}")
    return "".join(line + "\n" for line in lines)


# --- markdown -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(documents: Iterable[DocumentReport]) -> str:
    """A summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`."""
    documents = in_order(documents)
    counts = stats(documents)
    parts = ["## doclint", ""]
    if not counts.findings:
        return "\n".join([*parts, f"{counts.checked}, no findings."]) + "\n"
    known = f" ({counts.known} known from the baseline)" if counts.known else ""
    parts += [f"{counts.checked}, {counts.findings} findings{known}.", ""]
    parts += ["| rule | findings |", "| --- | ---: |"]
    parts += [f"| `{rule}` | {n} |" for rule, n in counts.rules.items()]
    parts += ["", "| severity | findings |", "| --- | ---: |"]
    parts += [f"| {severity} | {n} |" for severity, n in counts.severities.items()]
    parts += ["", "| document | line | column | rule | severity | message |",
              "| --- | ---: | ---: | --- | --- | --- |"]  # fmt: skip
    rows = [(d.path, f) for d in documents for f in d.findings]
    for path, f in rows[:MARKDOWN_MAX_ROWS]:
        parts.append(f"| `{_cell(path)}` | {f.line} | {f.column} | `{f.rule}` "
                     f"| {f.severity} | {_cell(f.message)} |")  # fmt: skip
    if len(rows) > MARKDOWN_MAX_ROWS:
        parts += ["", f"{len(rows) - MARKDOWN_MAX_ROWS} more findings are not listed here; "
                      "see the JSON or SARIF report."]  # fmt: skip
    return "\n".join(parts) + "\n"


# --- gitlab code quality ------------------------------------------------------------------


def to_gitlab(documents: Iterable[DocumentReport]) -> str:
    """GitLab's code quality report (a subset of the Code Climate format)."""
    issues = []
    for document in in_order(documents):
        for f in document.findings:
            issues.append({
                "description": f"{f.rule}: {f.message}",
                "check_name": f.rule,
                "fingerprint": f.fingerprint,
                "severity": CODE_QUALITY_SEVERITIES.get(f.severity, "info"),
                "location": {"path": document.path, "lines": {"begin": f.line}},
            })  # fmt: skip
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# --- choosing and writing -----------------------------------------------------------------

Renderer = Callable[[list[DocumentReport], dict[str, Rule]], str]
"""A report format: the run's documents and rules to the report's text."""

FORMATS: dict[str, Renderer] = {
    "json": lambda documents, rules: to_json(documents),
    "sarif": to_sarif,
    "github": lambda documents, rules: to_github(documents),
    "markdown": lambda documents, rules: to_markdown(documents),
    "gitlab": lambda documents, rules: to_gitlab(documents),
}
"""Only SARIF describes the rules; the other formats name a finding's rule by its id."""


def parse_target(value: str) -> tuple[str, str]:
    """`[FORMAT:]PATH` → (format, path); without a format it is JSON.

    A prefix of two or more letters before the first `:` is a format name (`C:\\x.json`
    stays a path); an unknown one is a usage error.
    """
    prefix, sep, rest = value.partition(":")
    if sep and len(prefix) > 1 and prefix.isalpha() and prefix.isascii():
        if prefix.lower() not in FORMATS:
            raise ConfigError(f"unknown report format `{prefix}` in `{value}` "
                              f"(expected one of: {', '.join(FORMATS)})")  # fmt: skip
        if not rest:
            raise ConfigError(f"report `{value}` has no path after the format")
        return prefix.lower(), rest
    if not value:
        raise ConfigError("a report needs a path: [FORMAT:]PATH")
    return "json", value


def render(format_name: str, documents: list[DocumentReport], rules: dict[str, Rule]) -> str:
    return FORMATS[format_name](documents, rules)


def write_reports(documents: list[DocumentReport], rules: dict[str, Rule],
                  targets: Iterable[tuple[str, str]], base: Path) -> list[Path]:  # fmt: skip
    """Write each (format, path) target of a run with ``rules``, relative to ``base``;
    returns the files written."""
    written = []
    for format_name, target in targets:
        path = base / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(format_name, documents, rules), encoding="utf-8", newline="\n")
        written.append(path)
    return written
