"""The baseline: findings recorded as known, so that only new ones fail. No pytest here.

A team adopting the linter on a legacy corpus records today's findings once; from then on a
new finding fails, and so does a recorded one that has been fixed, until the baseline is
written again: the count of known findings can only go down (a ratchet). Findings are
matched by fingerprint (``fingerprints.py``), so text inserted elsewhere in a document does
not turn its known findings into new ones.

The file is YAML (or JSON, by its suffix), sorted by document, rule and message, with one
entry per finding, so that a pull request that fixes findings shows them as removed lines.
Only findings at severity `error` are recorded: warnings never fail a run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from collections.abc import Container
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.findings import count_of
from pytest_doclint.fingerprints import normalise_message

if TYPE_CHECKING:
    from pytest_doclint.report_model import DocumentReport

VERSION = 1
HEADER = """\
# pytest-doclint baseline: findings that were known when this file was written.
# They do not fail the run; a new finding does, and so does one of these once it is
# fixed, until the file is written again with --doclint-update-baseline (pytest) or
# --update-baseline (doclint). Entries are matched by fingerprint, not by line.
"""
ENTRY_KEYS = ("rule", "message", "fingerprint")


@dataclass(frozen=True)
class Entry:
    """One known finding; the message is for the reader, the fingerprint matches."""

    rule: str
    message: str
    fingerprint: str

    @classmethod
    def of(cls, finding: Finding) -> Entry:
        return cls(finding.rule, normalise_message(finding.message), finding.fingerprint)


class Baseline:
    """The known findings, by document path (relative to the rootdir, with `/`)."""

    def __init__(self, path: Path, documents: dict[str, list[Entry]]) -> None:
        self.path = path
        self.documents = documents

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read ``path``; a missing or malformed file raises :class:`ConfigError`."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"baseline {path} does not exist; write it with "
                              "--doclint-update-baseline (pytest) or --update-baseline "
                              "(doclint)") from None  # fmt: skip
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"baseline {path} cannot be read: {error}") from None
        return cls(path, _documents(path, _parsed(path, text)))

    @classmethod
    def open(cls, path: Path, update: bool) -> Baseline:
        """The baseline to hold a run against, or to update (which may create it)."""
        return cls(path, {}) if update and not path.exists() else cls.load(path)

    def entries(self, document: str, rules: Container[str]) -> list[Entry]:
        return [e for e in self.documents.get(document, ()) if e.rule in rules]

    def judge(self, report: DocumentReport) -> DocumentReport:
        """``report`` with what this baseline knows of it: which findings it lists, and which
        of its entries for the report's rules no finding matches any more."""
        entries = self.entries(report.path, report.rules)
        unmatched = Counter(e.fingerprint for e in entries)
        known: set[str] = set()
        for finding in report.findings:
            if unmatched[finding.fingerprint] > 0:
                unmatched[finding.fingerprint] -= 1
                known.add(finding.fingerprint)
        fixed = []
        for entry in entries:
            if unmatched[entry.fingerprint] > 0:
                unmatched[entry.fingerprint] -= 1
                fixed.append(entry)
        return replace(report, known=frozenset(known), fixed=tuple(fixed))

    def updated(self, reports: Iterable[DocumentReport],
                exists: Callable[[str], bool]) -> Baseline:  # fmt: skip
        """The baseline after a run that made ``reports``. Each report's rules have their
        entries replaced by its findings at severity `error`; other rules' entries stay (a run
        with `--doclint-select`), and so do other documents' entries while their file
        ``exists`` (a run over part of the tree)."""
        linted = {report.path: report for report in reports}
        documents = {path: entries for path, entries in self.documents.items()
                     if path in linted or exists(path)}  # fmt: skip
        for path, report in linted.items():
            kept = [e for e in documents.get(path, ()) if e.rule not in report.rules]
            documents[path] = kept + [Entry.of(f) for f in report.findings if f.severity == "error"]
        return Baseline(
            self.path,
            {
                path: sorted(entries, key=_entry_order)
                for path, entries in sorted(documents.items())
                if entries
            },
        )

    def count(self) -> int:
        return sum(len(entries) for entries in self.documents.values())

    def change_from(self, older: Baseline) -> str:
        """How this baseline differs from ``older``, for the line that reports writing it."""

        def keys(baseline: Baseline) -> Counter[tuple[str, str]]:
            return Counter((path, e.fingerprint) for path, es in baseline.documents.items()
                           for e in es)  # fmt: skip

        added, removed = keys(self) - keys(older), keys(older) - keys(self)
        return f"{count_of(self.count())}: {added.total()} added, {removed.total()} removed"

    def dumps(self) -> str:
        data = {
            "version": VERSION,
            "documents": {
                path: [asdict(e) for e in entries] for path, entries in self.documents.items()
            },
        }
        if self.path.suffix.lower() == ".json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.dumps(), encoding="utf-8", newline="\n")


def _entry_order(entry: Entry) -> tuple[str, str, str]:
    return (entry.rule, entry.message, entry.fingerprint)


def _parsed(path: Path, text: str) -> object:
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"baseline is not valid JSON: {error.msg}", str(path), error.lineno
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ConfigError(f"baseline is not valid YAML: {problem}", str(path), line) from None


def _documents(path: Path, data: object) -> dict[str, list[Entry]]:
    """The entries of a parsed baseline, or a :class:`ConfigError` saying what is wrong."""
    regenerate = "; write it again with --doclint-update-baseline"
    if not isinstance(data, dict) or data.get("version") != VERSION:
        shape = f"a mapping with `version: {VERSION}` and `documents`"
        raise ConfigError(f"baseline {path} is not a doclint baseline of version {VERSION} "
                          f"({shape}){regenerate}")  # fmt: skip
    documents = data.get("documents") or {}
    if not isinstance(documents, dict):
        raise ConfigError(f"baseline {path}: `documents` must map document paths to lists of "
                          f"findings{regenerate}")  # fmt: skip
    result = {}
    for document, entries in documents.items():
        if not isinstance(entries, list):
            raise ConfigError(
                f"baseline {path}: `{document}` must be a list of findings{regenerate}"
            )
        result[str(document)] = [_entry(path, document, n, e, regenerate)
                                 for n, e in enumerate(entries, 1)]  # fmt: skip
    return result


def _entry(path: Path, document: str, number: int, entry: object, regenerate: str) -> Entry:
    if not isinstance(entry, dict) or any(not isinstance(entry.get(k), str) for k in ENTRY_KEYS):
        keys = ", ".join(f"`{k}`" for k in ENTRY_KEYS)
        raise ConfigError(f"baseline {path}: finding {number} of `{document}` needs {keys} as "
                          f"text{regenerate}")  # fmt: skip
    return Entry(entry["rule"], entry["message"], entry["fingerprint"])
