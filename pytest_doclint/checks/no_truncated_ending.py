"""no-truncated-ending: the document does not stop mid-sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.checks._ending import Verdict
from pytest_doclint.checks._ending import judge
from pytest_doclint.core import Explanation
from pytest_doclint.core import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.textutil import shorten


@dataclass(frozen=True)
class Options:
    closing_lines: list[str] = field(
        default_factory=list,
        metadata={
            "help": "More regular expressions for whole lines that may end a document "
            "without terminal punctuation (a sign-off, a form footer)",
            "regex": True,
        },
    )
    max_label_width: int = field(
        default=40,
        metadata={
            "help": "A final line this wide or narrower without punctuation reads as a "
            "sign-off, caption or label, not as a broken sentence (CJK counts 2)"
        },
    )


def _verdict(document: Document, options: Options) -> Verdict | None:
    return judge(document, options.closing_lines, options.max_label_width)


def explain(document: Document, options: Options) -> Explanation | None:
    """The last lines read, the verdict and its evidence."""
    verdict = _verdict(document, options)
    if verdict is None:
        return Explanation(
            "Ending", ["the document has no text"], {"verdict": "empty"}, about="ending"
        )
    said = "truncated" if verdict.truncated else "complete"
    lines = [
        f"line {verdict.line}: `{shorten(verdict.text, 60, tail=True)}`",
        f"{said}: {verdict.reason}",
        *(f"evidence: {e}" for e in verdict.evidence),
    ]
    data = {
        "verdict": said,
        "line": verdict.line,
        "text": verdict.text,
        "reason": verdict.reason,
        "evidence": verdict.evidence,
    }
    return Explanation("Ending", lines, data, about="ending")


@rule(
    "no-truncated-ending",
    "The document does not stop mid-sentence",
    options=Options,
    explain=explain,
)
def no_truncated_ending(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Looks at how the document ends and reports a cut: text that stops mid-sentence, an
    unclosed code fence, comment, HTML element, bracket or quote, or a final heading with no
    text under it. A missing full stop alone is not a cut; the message says what the evidence
    is: a dangling `，` `、` `:` or function word (`和`, `的`, `the`, `of`, `to`), a word broken
    off, a last sentence that is plainly prose (it has clauses, runs over several lines,
    follows finished sentences, stands under an article or is set in as a paragraph), or a
    document whose other paragraphs all end with a full stop.

    Text is judged as a reader sees it (Markdown links and emphasis, reST roles and escapes
    rendered). Legitimate endings pass: a signature and date block (`XX区委办公室` /
    `2025年11月27日`), an address, `谢谢大家！`, `（完）`, a link, a list of labels, a table, a
    code block, a `License: MIT` line, a page footer.

    ## Why is this bad?
    A document that breaks off mid-sentence lost its end in an export, a paste or a merge;
    publishing it shows readers half a thought.

    ## Example
    ```text
    权责不对等、“小马拉大车”的现象在一
    ```

    Use instead:
    ```text
    权责不对等、“小马拉大车”的现象在一些地方仍然存在。
    ```
    """
    verdict = _verdict(document, options)
    if verdict is not None and verdict.truncated:
        column = verdict.column or max(len(document.line_text(verdict.line).rstrip()), 1)
        yield Finding(
            verdict.line, column, verdict.reason, hint=verdict.hint, length=verdict.length
        )
