"""`doclint --outline PATH`: the document as the linter read it.

The model's part — title, where the TOC and any other contents lists stand, the heading tree
with number, level and line — comes from the document; each rule that can explain its
verdict (``Rule.explain``) adds its own part: `toc-matches-body` pairs every TOC entry with
its heading or says why none, `no-truncated-ending` shows the last lines read and the
evidence. Text for people, JSON (``as_data``) for tools such as an HTML report. Nothing here
knows what a rule looks at.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.config import Settings
from pytest_doclint.core import Explanation
from pytest_doclint.model import Document
from pytest_doclint.model import Heading
from pytest_doclint.model import Toc
from pytest_doclint.textutil import shorten

KINDS = {
    "toc": "TOC",
    "local": "a section's own contents list",
    "list": "a list of tables or figures",
}


@dataclass
class Outline:
    document: Document
    explanations: dict[str, Explanation] = field(default_factory=dict)
    """Rule id → what the rule saw, for the rules enabled for the document."""

    def as_data(self) -> dict[str, object]:
        document = self.document
        return {
            "path": document.path,
            "format": document.format,
            "encoding": document.encoding,
            "title": {"text": document.title.text, "line": document.title.line}
            if document.title
            else None,
            "toc": _toc_data(document.toc) if document.toc else None,
            "other_tocs": [_toc_data(toc) for toc in document.other_tocs],
            "headings": [_heading_data(h) for h in document.headings],
            "rules": {rid: {"title": e.title, **e.data} for rid, e in self.explanations.items()},
        }

    def as_text(self) -> str:
        document = self.document
        lines = [f"{document.path} ({document.format}, {document.encoding})"]
        if document.title:
            lines.append(f"title: line {document.title.line} `{shorten(document.title.text, 60)}`")
        lines.append(_toc_line(document.toc) if document.toc else "TOC: none found")
        lines += [_toc_line(toc) for toc in document.other_tocs]
        lines += self._explained("toc")
        lines += ["", f"headings ({len(document.headings)}): line, level, number, text"]
        lines += [_heading_line(h) for h in document.headings] or ["  none"]
        lines += self._explained("document") + self._explained("ending")
        return "\n".join(lines) + "\n"

    def _explained(self, about: str) -> list[str]:
        lines = []
        for rid, explanation in self.explanations.items():
            if explanation.about == about:
                lines += [
                    "",
                    f"{explanation.title} ({rid}):",
                    *(f"  {x}" for x in explanation.lines),
                ]
        return lines


def outline(document: Document, settings: Settings, only: set[str] | None = None) -> Outline:
    """The outline of ``document`` with the explanations of the rules ``settings`` enable."""
    result = Outline(document)
    for rid, setting in settings.enabled().items():
        rule = setting.rule
        if rule.explain is None or document.format not in rule.formats:
            continue
        if only is not None and rid not in only:
            continue
        explanation = rule.explain(document, setting.options)
        if explanation is not None:
            result.explanations[rid] = explanation
    return result


def _toc_line(toc: Toc) -> str:
    what = KINDS.get(toc.kind, toc.kind)
    if toc.generated:
        return f"{what}: lines {toc.line}-{toc.end_line}, made by a directive (not checked)"
    marker = f"under `{toc.marker}`" if toc.marker else "without a title"
    tool = f", written by {toc.written_by}" if toc.written_by else ""
    return f"{what}: lines {toc.line}-{toc.end_line}, {marker}{tool}, {len(toc.entries)} entries"


def _toc_data(toc: Toc) -> dict[str, object]:
    return {
        "kind": toc.kind,
        "start_line": toc.line,
        "end_line": toc.end_line,
        "marker": toc.marker,
        "generated": toc.generated,
        "written_by": toc.written_by or None,
        "entries": [
            {
                "line": e.line,
                "level": e.level,
                "text": e.text,
                "number": e.number.token if e.number else None,
                "target": e.target,
            }
            for e in toc.entries
        ],
    }


def _heading_line(heading: Heading) -> str:
    number = heading.number.token if heading.number else "-"
    indent = "  " * (heading.level - 1)
    return f"  {heading.line:>5}  {heading.level}  {indent}{number}  {shorten(heading.title, 60)}"


def _heading_data(heading: Heading) -> dict[str, object]:
    return {
        "line": heading.line,
        "end_line": heading.end_line,
        "level": heading.level,
        "text": heading.text,
        "number": heading.number.token if heading.number else None,
        "anchor": heading.anchor,
        "parent_line": heading.parent.line if heading.parent else None,
    }
