"""Conformance with the established Markdown linters, over ``../shared/peer-fixtures``.

The fixtures are other projects' test documents together with what those projects expect
to find in them, restated in our rule ids (see the fixtures' README). They are read where
they are — ``../shared/peer-fixtures`` next to the repository, or ``$DOCLINT_PEER_FIXTURES``
— and never copied here; without them these tests skip (``.ci/run`` makes that an error).

For every document and each rule the peer makes a claim about (``active_rules``), only that
rule runs, with the peer's options translated into ours (:func:`our_options`), on the
document parsed by our Markdown parser; the set of (rule, line) pairs must equal the
peer's. Where the peer's expectation rests on markdownlint's inline
``<!-- markdownlint-disable -->`` comments, which we do not read, the fixtures'
``findings_if_inline_directives_ignored`` is the expectation instead.

markdownlint's MD051, remark-validate-links and the TOC generators (markdown-toc, doctoc:
every generated entry must resolve) claim only that a `#fragment` link reaches a heading or
anchor, in the TOC and elsewhere alike; the fixtures file those claims under
``toc-matches-body``. We split the job in two: ``toc-matches-body`` checks the TOC's links
(and more: entries whose text disagrees with their heading, entries out of order or nested
wrongly, headings the TOC leaves out), ``link-fragments`` every other link. So for those
claims both rules run (:data:`LINK_RULES`) and only their findings that say a fragment
reaches nothing are compared, together (:func:`reaches_nothing`): "TOC entry … links to
`#x`, which no heading has" and "Link … points to `#x`, which no heading or anchor has". A
TOC link that lands on another heading's anchor than the entry's (it resolves, to the wrong
place) is left out, as are all findings without a `#fragment`.

Documents where the peers disagree with each other, or whose expectation rests on a
peer-specific feature we deliberately do not copy, are in :data:`XFAIL` with the reason;
they are strict, so one that starts to pass must be moved out of the list.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from pytest_doclint.checks import builtin_rules
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse

REPO = Path(__file__).parent.parent
ENVIRONMENT = "DOCLINT_PEER_FIXTURES"
MAX_XFAIL = 10
"""The issue's budget: at most this many documents may be expected to fail."""

UNREACHED = re.compile(r"`#(?P<fragment>.*?)`, which no heading (?:or anchor )?has(?:$|,)")
"""Our wording (toc-matches-body, link-fragments) for a `#fragment` that reaches nothing."""
LINK_RULES = ("toc-matches-body", "link-fragments")
"""Our rules that together do what the link-checking peers claim under toc-matches-body."""
LINK_PEERS = (
    "MD051",
    "remark-validate-links:missing-heading",
    "markdown-toc",
    "doctoc (generated TOC)",
)

XFAIL: dict[str, str] = {
    # The peers disagree with each other; we side with markdownlint's MD001/MD025.
    "remark-lint/heading-increment/not-ok.md": (
        "peers disagree: remark-lint measures a heading against its enclosing section (`# / ###"
        " / ###` flags both h3s); MD001 and we measure it against the previous heading"
    ),
    "remark-lint/heading-increment/html.md": (
        "peers disagree: remark-lint counts the HTML `<h3>` as a heading; MD001 and we do not"
    ),
    "remark-lint/no-multiple-toplevel-headings/html.md": (
        "peers disagree: remark-lint counts HTML `<h1>` elements as headings; MD025 and we do not"
    ),
    # The peers disagree; we side with remark-lint's reading of headings as plain text.
    "markdownlint/headings-with-html-entities.md": (
        "peers disagree: MD024 compares heading source, where `&#x000A9;` and `&#X000A9;` "
        "differ; we compare the text readers see (`©` twice), as remark-lint does"
    ),
    # Peer-specific features we deliberately do not copy.
    "markdownlint/blockquote-headings.md": (
        "a heading in a block quote or list item belongs to the quote or item and is not a body"
        " heading (issue #3); MD025 counts `> # Quoted heading` as a second title"
    ),
    "markdownlint/link-fragments.md": (
        "MD051's own anchor rules: `#ToP` flagged (browsers scroll to the top whatever the "
        "case), `<a name>` ignored beside an `id`, its line-link grammar (`#l7`, `#L30C12`); "
        "and findings on reference definition lines (see remark-validate-links/definitions.md)"
    ),
    "markdownlint/texmath-content.md": (
        "markdownlint reads `$$ … $$` as a math block (micromark's math extension); we parse "
        "CommonMark + GFM, where `$` is text, so a link inside it is a link"
    ),
}
"""Document → why our answer differs from the peer's, by design."""


def fixtures_folder() -> Path:
    """Where the fixtures should be: ``$DOCLINT_PEER_FIXTURES``, else next to the repository."""
    configured = os.environ.get(ENVIRONMENT)
    return Path(configured) if configured else REPO.parent / "shared" / "peer-fixtures"


def peer_fixtures() -> Path | None:
    """The fixtures folder, or None when it is absent."""
    folder = fixtures_folder()
    return folder if (folder / "expected.json").is_file() else None


def _load(name: str) -> dict:
    folder = peer_fixtures()
    return json.loads((folder / name).read_text(encoding="utf-8")) if folder else {}


EXPECTED = _load("expected.json")
DOCUMENTS = _load("documents.json")
ABSENT = (
    f"peer fixtures not found: no expected.json in {fixtures_folder()} "
    f"(set ${ENVIRONMENT} to the folder that holds expected.json and documents.json)"
)


def _cases() -> list:
    if not EXPECTED:
        return [pytest.param(None, id="peer-fixtures", marks=pytest.mark.skip(reason=ABSENT))]
    return [pytest.param(doc, id=doc, marks=_xfail(doc)) for doc in sorted(EXPECTED)]


def _xfail(doc: str) -> list:
    return [pytest.mark.xfail(reason=XFAIL[doc], strict=True)] if doc in XFAIL else []


def our_options(rule_id: str, peer_rule: str, peer: dict) -> dict | None:
    """The peer's options as ours, or None when the peer's options switch the rule off.

    Option values of the wrong type behave as markdownlint treats them (its JavaScript
    truthiness), as `wrong-types-in-config-file.md` expects.
    """
    if rule_id == "heading-increment" and "front_matter_title" in peer:
        return {"front_matter_title": peer["front_matter_title"] or ""}
    if rule_id == "single-title":
        options = {"level": int(peer.get("level") or 1)}
        if "front_matter_title" in peer:
            options["front_matter_title"] = peer["front_matter_title"] or ""
        return options
    if rule_id == "no-duplicate-headings":
        return {"scope": "siblings" if peer.get("siblings_only") else "document"}
    if rule_id == "required-headings":
        if not isinstance(peer.get("headings"), list):
            return None  # MD043 does nothing without a list of headings
        return {"headings": peer["headings"], "match_case": bool(peer.get("match_case"))}
    if rule_id == "toc-matches-body":  # for both LINK_RULES, which take the same options
        assert peer_rule in LINK_PEERS, peer_rule
        # MD051 is case-sensitive unless told otherwise; ours default to GitHub's leniency.
        return {
            "ignore_case": bool(peer.get("ignore_case", False)),
            "ignored_pattern": str(peer.get("ignored_pattern", "")),
        }
    return {}


def reaches_nothing(finding: Finding) -> bool:
    """A finding the link-checking peers also make: a `#fragment` link, in the TOC or
    elsewhere, that resolves to no heading and no anchor."""
    return bool(UNREACHED.search(finding.message))


def lint(doc: str, text: str, rule_id: str, options: dict) -> set[tuple[str, int]]:
    """The (rule, line) pairs of our findings, under the rule id the peer's claim uses."""
    document = parse(doc, text, "markdown", ParseSettings())
    if rule_id != "toc-matches-body":
        return {(f.rule, f.line) for f in run(rule_id, document, options)}
    unreached = [f for rid in LINK_RULES for f in run(rid, document, options) if reaches_nothing(f)]
    return {(rule_id, f.line) for f in unreached}


def run(rule_id: str, document: Document, options: dict) -> list[Finding]:
    rule = builtin_rules()[rule_id]
    return rule.run(document, rule.options(**options), "error")


def expected_findings(doc: str) -> list[dict]:
    """The peer's findings, as they are when markdownlint's inline comments are not read."""
    entry = DOCUMENTS[doc]
    if "findings_if_inline_directives_ignored" in entry:
        return entry["findings_if_inline_directives_ignored"]
    return EXPECTED[doc]


@pytest.mark.parametrize("doc", _cases())
def test_peer_conformance(doc: str) -> None:
    """Each active rule finds exactly the lines the peer finds in the document."""
    folder = peer_fixtures()
    assert folder is not None
    text = (folder / doc).read_text(encoding="utf-8")
    want_all = {(f["rule"], f["line"]) for f in expected_findings(doc)}
    differences = []
    for rule_id, spec in DOCUMENTS[doc]["active_rules"].items():
        options = our_options(rule_id, spec["peer_rule"], spec["options"])
        got = lint(doc, text, rule_id, options) if options is not None else set()
        want = {pair for pair in want_all if pair[0] == rule_id}
        if got != want:
            differences.append(
                f"{rule_id} ({spec['peer_rule']} {json.dumps(spec['options'])}): "
                f"missing {sorted(line for _, line in want - got)}, "
                f"extra {sorted(line for _, line in got - want)}"
            )
    assert not differences, f"{doc}:\n  " + "\n  ".join(differences)


@pytest.mark.skipif(not EXPECTED, reason=ABSENT)
def test_xfail_list_is_small_and_current() -> None:
    """At most ten documents are expected to differ, and each of them exists."""
    assert len(XFAIL) <= MAX_XFAIL, f"{len(XFAIL)} xfail documents; at most {MAX_XFAIL} allowed"
    assert set(XFAIL) <= set(EXPECTED), f"unknown documents: {sorted(set(XFAIL) - set(EXPECTED))}"
