"""What a run says about one document: the report both front ends pass around. No pytest here.

The engine makes one per document, or per test item of a document (one item per rule); a
baseline adds which of its findings it knows; the pytest plugin merges a document's items
into one. The report formats, the result cache and pytest-xdist's transport read it, and only
there does it turn into plain data (:meth:`DocumentReport.as_dict`,
:meth:`DocumentReport.from_dict`). Whether a document fails is decided here, once:
:attr:`DocumentReport.failed`.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from typing import Any
from typing import final

from pytest_doclint.baseline import Entry
from pytest_doclint.findings import Finding


@final
@dataclass(frozen=True)
class DocumentReport:
    """One document's findings, the rules they come from, and a baseline's judgement of them."""

    path: str
    """As messages show it: relative to the rootdir, with `/`."""
    format: str
    encoding: str
    findings: tuple[Finding, ...] = ()
    """In line order, each with its fingerprint."""
    rules: frozenset[str] = frozenset()
    """The rules the report answers for: those that ran, whose baseline entries it judges."""
    known: frozenset[str] | None = None
    """Fingerprints of the findings the baseline lists; None when no baseline judged them."""
    fixed: tuple[Entry, ...] = ()
    """Baseline entries of ``rules`` that no finding matches any more."""

    @property
    def judged(self) -> bool:
        """Whether a baseline judged the findings: reports then say which are known."""
        return self.known is not None

    def is_known(self, finding: Finding) -> bool:
        return self.known is not None and finding.fingerprint in self.known

    @property
    def known_findings(self) -> list[Finding]:
        return [f for f in self.findings if self.is_known(f)]

    @property
    def new_findings(self) -> list[Finding]:
        """The findings the baseline does not list: all of them when no baseline judged."""
        return [f for f in self.findings if not self.is_known(f)]

    @property
    def failures(self) -> list[Finding]:
        """The findings that fail the document: new ones at severity `error`."""
        return [f for f in self.new_findings if f.severity == "error"]

    @property
    def failed(self) -> bool:
        """A document fails on a new error, or when a finding the baseline lists is gone (the
        baseline is stale until it is updated)."""
        return bool(self.failures or self.fixed)

    def merged(self, other: DocumentReport) -> DocumentReport:
        """This report with ``other``, the same document's report from another test item."""
        known = None if other.known is None else other.known | (self.known or frozenset())
        return replace(other, findings=self.findings + other.findings,
                       rules=self.rules | other.rules, known=known,
                       fixed=self.fixed + other.fixed)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        """Plain data, as the result cache stores it and pytest-xdist carries it."""
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "findings": [f.as_dict() for f in self.findings], "rules": sorted(self.rules),
                "known": None if self.known is None else sorted(self.known),
                "fixed": [asdict(e) for e in self.fixed]}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentReport:
        known = data["known"]
        return cls(data["path"], data["format"], data["encoding"],
                   tuple(Finding.from_dict(f) for f in data["findings"]), frozenset(data["rules"]),
                   None if known is None else frozenset(known),
                   tuple(Entry(**e) for e in data["fixed"]))  # fmt: skip
