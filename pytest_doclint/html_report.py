"""The HTML report (`--doclint-html=PATH`, `doclint --html PATH`): one self-contained file.

It renders data, it never judges: each document's findings (its :class:`DocumentReport`) and
its outline (:meth:`pytest_doclint.outline.Outline.as_data`, with the rules' explanations)
are laid out as the TOC beside the body's heading tree, each finding at its line. Every
document page is rendered here, once, and embedded as a string in the file's JSON; the
page's script inserts a document only when it is opened, so a corpus of thousands of
documents opens as fast as its summary table. No network: CSS and script are inline.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from html import escape
from importlib import resources
from pathlib import Path

from pytest_doclint import engine
from pytest_doclint import reports
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Settings
from pytest_doclint.encoding import UnreadableDocument
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.i18n import _
from pytest_doclint.i18n import ngettext
from pytest_doclint.model import Document
from pytest_doclint.outline import outline
from pytest_doclint.report_model import DocumentReport

Page = dict[str, object]
"""A document's outline data and the source lines the report quotes (plain JSON data)."""
ENDING_LINES = 3
"""Non-blank lines shown at the end of a document, above the ending's verdict."""
STATUS_SIGNS = {"paired": "✓", "missing": "✗", "renamed": "≈", "out of order": "↕"}
"""A sign beside each pairing status, so that no status is told by colour alone."""
_LANGUAGES = (("ja", re.compile(r"[\u3040-\u30ff]")), ("ko", re.compile(r"[\uac00-\ud7af]")),
              ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")))  # fmt: skip


def language() -> str:
    """The report's language code, for `<html lang>`."""
    # Translators: the BCP 47 code of the language you translate into, e.g. `zh-CN`.
    return _("en")


def page_of(document: Document | Exception, settings: Settings, only: set[str] | None) -> Page:
    """What the report shows of ``document`` besides its findings: its outline and the
    source lines it quotes (empty when the document cannot be read)."""
    if isinstance(document, Exception):
        return {"outline": None, "lines": [], "ending": []}
    filled = [(n, text) for n, text in enumerate(document.lines, start=1) if text.strip()]
    return {
        "outline": outline(document, settings, only).as_data(),
        "lines": [[n, text] for n, text in enumerate(document.lines, start=1)],
        "ending": [[n, text] for n, text in filled[-ENDING_LINES:]],
    }


def write(
    target: Path,
    documents: list[DocumentReport],
    store: ConfigStore,
    only: set[str] | None,
    pages: dict[str, Page] | None = None,
) -> None:
    """Write the report of ``documents`` to ``target``, with the ``pages`` the run made as it
    linted (`doclint`). A document without one is read again here for its outline: under
    pytest-xdist the controller, which writes the report, has every worker's findings but
    none of their parsed documents."""
    made = pages or {}
    pages = {r.path: made.get(r.path) or page_for(r, store, only) for r in documents}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(documents, pages), encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot write the HTML report {target}: {error.strerror}") from None


def page_for(report: DocumentReport, store: ConfigStore, only: set[str] | None) -> Page:
    """The page of the document ``report`` is about, read again from below the rootdir."""
    file = store.rootdir / report.path
    settings = store.settings_for(file)
    try:
        document: Document | Exception = engine.read(file, report.path, settings)
    except (UnreadableDocument, OSError) as error:
        document = error
    return page_of(document, settings, only)


def extra(report: DocumentReport, store: ConfigStore, only: set[str] | None) -> str:
    """The document's page for a pytest-html row, with the few styles it needs inline."""
    prefix = "dl-" + hashlib.sha1(report.path.encode()).hexdigest()[:8]
    style = (
        "<style>.dl-finding{border-left:4px solid #a51d2d;padding:0 .5rem;margin:.2rem 0}"
        ".dl-col ul{list-style:none;padding-left:1.2rem}.dl-wires{display:none}</style>"
    )
    return style + fragment(report, page_for(report, store, only), prefix).replace("\n", " ")


def render(documents: Iterable[DocumentReport], pages: dict[str, Page]) -> str:
    """The whole report: the summary, and every document's page embedded for the script."""
    ordered = reports.in_order(documents)
    fragments = [fragment(d, pages.get(d.path), f"doc-{i}") for i, d in enumerate(ordered)]
    labels = {"shown": _("Showing {shown} of {total} documents"), "back": _("All documents")}
    payload = json.dumps({"pages": fragments, "labels": labels}, ensure_ascii=False)
    template = resources.files("pytest_doclint").joinpath("html_report.html").read_text("utf-8")
    return (template.replace("{{lang}}", language())
            .replace("{{title}}", escape(_("Document check report")))
            .replace("{{summary}}", _summary(ordered))
            .replace("{{data}}", payload.replace("</", "<\\/")))  # fmt: skip


def _summary(documents: list[DocumentReport]) -> str:
    counts = reports.stats(documents)
    folders = sorted({f for d in documents for f in _folders(d.path)})
    rows = "".join(_document_row(i, d) for i, d in enumerate(documents))
    per_rule = "".join(f"<tr><th scope='row'>{escape(r)}</th><td>{n}</td></tr>"
                       for r, n in counts.rules.items())  # fmt: skip
    return (
        f"<p>{escape(_('{checked}, {findings} findings').format(checked=counts.checked, findings=counts.findings))}</p>"  # noqa: E501
        f"<section aria-labelledby='dl-rules'><h2 id='dl-rules'>{escape(_('Findings per rule'))}</h2>"  # noqa: E501
        f"<table><thead><tr><th scope='col'>{escape(_('Rule'))}</th><th scope='col'>"
        f"{escape(_('Findings'))}</th></tr></thead><tbody>{per_rule}</tbody></table></section>"
        f"<section aria-labelledby='dl-docs-h'><h2 id='dl-docs-h'>{escape(_('Documents'))}</h2>"
        f"<form class='dl-filters' role='search' aria-label='{escape(_('Filter documents'))}'>"
        + _select("dl-f-rule", _("Rule"), _("All rules"), list(counts.rules))
        + _select("dl-f-severity", _("Severity"), _("All severities"), list(counts.severities))
        + _select("dl-f-folder", _("Folder"), _("All folders"), folders)
        + f"</form><p id='dl-count' aria-live='polite'></p><table id='dl-docs'><thead><tr>"
        f"<th scope='col'>{escape(_('Document'))}</th><th scope='col'>{escape(_('Result'))}</th>"
        f"<th scope='col'>{escape(_('Findings'))}</th></tr></thead><tbody>{rows}</tbody></table>"
        "</section>"
    )


def _folders(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _select(ident: str, label: str, everything: str, values: list[str]) -> str:
    options = "".join(f"<option>{escape(v)}</option>" for v in values)
    return (f"<label>{escape(label)} <select id='{ident}'><option value=''>{escape(everything)}"
            f"</option>{options}</select></label> ")  # fmt: skip


def _document_row(index: int, document: DocumentReport) -> str:
    rules = " ".join(sorted({f.rule for f in document.findings}))
    severities = " ".join(sorted({f.severity for f in document.findings}))
    folder = "/".join(document.path.split("/")[:-1])
    return (f"<tr data-rules=' {rules} ' data-severities=' {severities} ' "
            f"data-folder='{escape(folder)}'><td><a href='#doc-{index}'>{escape(document.path)}"
            f"</a></td><td>{_result(document)}</td><td>{len(document.findings)}</td>"
            "</tr>")  # fmt: skip


def _result(document: DocumentReport) -> str:
    if document.failed:
        return f"<strong class='dl-failed'>✗ {escape(_('failed'))}</strong>"
    return f"<span class='dl-passed'>✓ {escape(_('passed'))}</span>"


def fragment(document: DocumentReport, page: Page | None, prefix: str) -> str:
    """One document's page: outline beside the TOC, the ending, every other finding."""
    data = page.get("outline") if page else None
    lines = {int(n): str(t) for n, t in page["lines"]} if page else {}  # type: ignore[attr-defined]
    lang = _text_language([document.path, *lines.values()][:200])
    placed: set[Finding] = set()
    parts = [f"<article class='dl-doc' aria-labelledby='{prefix}-h'>"
             f"<h2 id='{prefix}-h' tabindex='-1'>{escape(document.path)}</h2>"
             f"<p>{escape(_('Result'))}: {_result(document)} · {escape(document.format)}, "
             f"{escape(document.encoding)} · {escape(ngettext('{n} finding', '{n} findings', len(document.findings)).format(n=len(document.findings)))}</p>"]  # noqa: E501  # fmt: skip
    if isinstance(data, dict):
        parts.append(_outline_section(document, data, prefix, lang, placed))
        parts.append(_ending_section(document, data, page, lang, placed))  # type: ignore[arg-type]
    elif page is None:
        parts.append(f"<p>{escape(_('The outline of this document is not in the report.'))}</p>")
    parts.append(_other_findings(document, lines, lang, placed))
    return "".join(parts) + "</article>"


def _text_language(texts: list[str]) -> str:
    """The `lang` of a document's text: a CJK language when its script says so, else unknown."""
    joined = "".join(texts)
    return next((code for code, script in _LANGUAGES if script.search(joined)), "")


def _finding(document: DocumentReport, finding: Finding) -> str:
    known = f" ({escape(_('known from the baseline'))})" if document.is_known(finding) else ""
    hint = (f"<br><span class='dl-hint'>{escape(_('hint'))}: {escape(finding.hint)}</span>"
            if finding.hint else "")  # fmt: skip
    sign = "✗" if finding.severity == "error" else "!"
    return (f"<div class='dl-finding dl-{escape(finding.severity)}' role='note'>{sign} "
            f"<strong>{escape(finding.severity)}</strong> <code>{escape(finding.rule)}</code>"
            f"{known}: {escape(finding.message)}{hint}</div>")  # fmt: skip


def _at(document: DocumentReport, line: int, placed: set[Finding]) -> str:
    found = [f for f in document.findings if f.line == line and f not in placed]
    placed.update(found)
    return "".join(_finding(document, f) for f in found)


def _outline_section(document: DocumentReport, data: dict, prefix: str, lang: str,
                     placed: set[Finding]) -> str:  # fmt: skip
    toc = data.get("toc")
    pairs = data.get("rules", {}).get("toc-matches-body", {}).get("entries", [])
    by_line = {p["line"]: p for p in pairs}
    paired_with = {p["heading_line"]: p["line"] for p in pairs if p.get("heading_line")}
    toc_items = []
    for entry in toc["entries"] if toc else []:
        pair = by_line.get(entry["line"], {})
        status = pair.get("status", "")
        target = pair.get("heading_line")
        link = (
            f" → <a href='#{prefix}-h{target}'>{escape(_('line'))} {target}</a>"
            if target
            else f" → {escape(_('no heading in the body'))}"
            if status == "missing"
            else ""
        )
        badge = (f" <span class='dl-badge'>{STATUS_SIGNS.get(status, '')} {escape(_(status))}"
                 "</span>" if status else "")  # fmt: skip
        body = (
            f"<span class='dl-ln'>L{entry['line']}</span> <span lang='{lang}'>"
            f"{escape(entry['text'])}</span>{badge}{link}{_at(document, entry['line'], placed)}"
        )
        pair = f" data-pair='{prefix}-h{target}'" if target else ""
        css = status.replace(" ", "-")
        toc_items.append((entry["level"], f"id='{prefix}-t{entry['line']}' class='dl-st-{css}'"
                          f"{pair}", body))  # fmt: skip
    tree_items = []
    for heading in data["headings"]:
        line = heading["line"]
        back = (
            f" ← <a href='#{prefix}-t{paired_with[line]}'>{escape(_('TOC line'))} "
            f"{paired_with[line]}</a>"
            if line in paired_with
            else ""
        )
        body = (
            f"{_at(document, line, placed)}<span class='dl-ln'>L{line}</span> "
            f"<span lang='{lang}'>{escape(heading['text'])}</span>{back}"
        )
        tree_items.append((heading["level"], f"id='{prefix}-h{line}'", body))
    toc_title = (_("Table of contents, lines {start}-{end}").format(start=toc["start_line"],
                 end=toc["end_line"]) if toc else _("Table of contents: none found"))  # fmt: skip
    return (f"<section aria-labelledby='{prefix}-o'><h3 id='{prefix}-o'>"
            f"{escape(_('Table of contents and body headings'))}</h3><div class='dl-sbs'>"
            f"<section class='dl-col dl-toc'><h4>{escape(toc_title)}</h4>{_nested(toc_items)}"
            "</section><svg class='dl-wires' aria-hidden='true' focusable='false'></svg>"
            f"<section class='dl-col dl-tree'><h4>{escape(_('Headings of the body'))}</h4>"
            f"{_nested(tree_items)}</section></div></section>")  # fmt: skip


def _nested(items: list[tuple[int, str, str]]) -> str:
    """Nested lists from (level, attributes, content); a level may jump by more than one."""
    html: list[str] = []
    open_levels: list[int] = []
    for level, attributes, content in items:
        while open_levels and level < open_levels[-1]:
            html.append("</li></ul>")
            open_levels.pop()
        if open_levels and level == open_levels[-1]:
            html.append("</li>")
        else:
            html.append("<ul>")
            open_levels.append(level)
        html.append(f"<li {attributes}>{content}")
    html += ["</li></ul>"] * len(open_levels)
    return "".join(html)


def _ending_section(document: DocumentReport, data: dict, page: Page, lang: str,
                    placed: set[Finding]) -> str:  # fmt: skip
    verdict = data.get("rules", {}).get("no-truncated-ending")
    rows = "".join(f"<li value='{n}'><span lang='{lang}'>{escape(text)}</span>"
                   f"{_at(document, n, placed)}</li>" for n, text in page["ending"])  # type: ignore[attr-defined]  # noqa: E501  # fmt: skip
    said = ""
    if verdict and verdict.get("verdict") in ("truncated", "complete"):
        sign = "✂" if verdict["verdict"] == "truncated" else "✓"
        evidence = "".join(f"<li>{escape(e)}</li>" for e in verdict.get("evidence", []))
        said = (f"<p class='dl-verdict dl-{verdict['verdict']}'>{sign} <strong>"
                f"{escape(_(verdict['verdict']))}</strong>: {escape(verdict['reason'])}</p>"
                f"<ul>{evidence}</ul>")  # fmt: skip
    return (
        f"<section><h3>{escape(_('End of the document'))}</h3>"
        f"<ol class='dl-source'>{rows}</ol>{said}</section>"
    )


def _other_findings(document: DocumentReport, lines: dict[int, str], lang: str,
                    placed: set[Finding]) -> str:  # fmt: skip
    rest = [f for f in document.findings if f not in placed]
    if not rest:
        return ""
    rows = "".join(f"<tr><td>{f.line}</td><td><span lang='{lang}'>{escape(lines.get(f.line, ''))}"
                   f"</span></td><td>{_finding(document, f)}</td></tr>" for f in rest)  # fmt: skip
    return (
        f"<section><h3>{escape(_('Other findings'))}</h3><table><thead><tr>"
        f"<th scope='col'>{escape(_('Line'))}</th><th scope='col'>{escape(_('Text'))}</th>"
        f"<th scope='col'>{escape(_('Finding'))}</th></tr></thead><tbody>{rows}</tbody>"
        "</table></section>"
    )
