"""no-truncated-ending: the document does not stop mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field

from pytest_doclint.checks import rule
from pytest_doclint.findings import Finding
from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import shorten
from pytest_doclint.textutil import unclosed_pair

# Lines that legitimately close a document without being a sentence.
DATES = (
    r"\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?",  # 2025年11月27日
    r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月([一二三四五六七八九十]{1,3}日)?",
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
    r"([A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4}|[A-Z][a-z]+ \d{4})",
)
SIGNED_DATE = re.compile(f"(?:{'|'.join(DATES)})$")
"""A date that ends a sign-off: `XX区委办公室 2025年11月27日`."""
CLOSING_LINES = (
    *DATES,
    r"[（(](全文)?完[）)]|[（(]此页无正文[）)]|[-—=*]*\s*(END|完|全文完)\s*[-—=*]*",
    r".*\[Page \d+\]|-\s*\d+\s*-|第\s*\d+\s*页.*",  # page footers
    r"(©|\(c\)|copyright|license|licensed|版权|许可).*",
    r"(https?://|www\.|mailto:)\S+|\S+@\S+\.\w+|<\S+>",
)
HTML_CONTAINER = re.compile(r"<(/?)(details|div|table|section|blockquote|pre|ul|ol)\b[^>]*>",
                            re.IGNORECASE)  # fmt: skip
MIN_CUT_ITEM = 24
"""Display width below which a final list item without a full stop reads as a label."""
FORM_FIELDS = re.compile(r"(?:[^\s。，,；;：:]{1,12}[：:]\s*){2,}$")
"""`名称：日期：`: blank fields of a form at the end of an annex, not a broken sentence."""
CONTINUATION = ("，", ",", "、", "；", ";", "：", ":", "—", "-", "及", "和", "与")
CLAUSE = re.compile(r"[，；]")
"""Clause punctuation inside a CJK line: prose, never a sign-off or a label."""
PROSE_WORDS = 8
"""A Latin line of this many words is prose, not an address or a caption line."""
UNCLOSED = {"code": "code block", "html": "HTML block"}
CONTACT = re.compile(r"<[^\s<>]+>|(?<!\S)[^\s@]+@[^\s@]+\.\w+|https?://\S+")
"""Anchored so that a long line without spaces is scanned in linear time."""
"""An e-mail address or a web address: a contact or reference line, not a sentence."""


@dataclass(frozen=True)
class Options:
    closing_lines: list[str] = field(
        default_factory=list,
        metadata={"help": "More regular expressions for whole lines that may end a document "
                  "without terminal punctuation (a sign-off, a form footer)", "regex": True},
    )
    max_label_width: int = field(
        default=40,
        metadata={"help": "A final line this wide or narrower without punctuation reads as a "
                  "sign-off, caption or label, not as a broken sentence (CJK counts 2)"},
    )


@rule("no-truncated-ending", "The document does not stop mid-sentence", options=Options)
def no_truncated_ending(document: Document, options: Options) -> Iterator[Finding]:
    """
    ## What it does
    Looks at the last content of the document, trailing blank lines aside, and reports it when
    it stops mid-sentence: no terminal punctuation for its script (`。！？…` and closing quotes
    or brackets for CJK, `.!?` for Latin) after text that is clearly prose, a dangling `，`
    `、` `：`, an unclosed bracket or quote, an unclosed code fence or comment, or a final
    heading with no body.

    Legitimate endings pass: a signature and date block (`XX区委办公室` / `2025年11月27日`),
    `谢谢大家！`, `（完）`, a list, a table, a code block, a `License: MIT` line, a page footer.

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
    blocks = document.content_blocks()
    last_heading = document.headings[-1] if document.headings else None
    if last_heading and not last_heading.run_in and (
        not blocks or blocks[-1].end_line < last_heading.line
    ):
        yield Finding(
            last_heading.line,
            last_heading.column,
            f"The document ends with the heading `{shorten(last_heading.text)}` "
            "and no text under it",
            hint="write the section, or remove the heading if the document is complete",
            length=len(last_heading.text),
        )
        return
    open_element = _unclosed_element(document)
    if open_element:
        yield open_element
        return
    closing = [re.compile(p, re.IGNORECASE) for p in (*CLOSING_LINES, *options.closing_lines)]
    contacts = False  # the lines after the block being judged give addresses
    section_start = last_heading.line if last_heading else 0
    # Only the last section's text can be its end: a complete `## License` / `MIT` says
    # nothing about whether the section before it was finished.
    for block in reversed([b for b in blocks if b.end_line >= section_start]):
        verdict = _judge(document, block, closing, options.max_label_width, contacts)
        if verdict is not None:
            yield from verdict
            return
        contacts = contacts or bool(CONTACT.search(block.text))


def _judge(
    document: Document, block: Block, closing: list[re.Pattern[str]], max_label: int,
    contacts: bool,
) -> list[Finding] | None:
    """Findings for the block that ends the document, or None to look at the block before."""
    if not block.closed:
        what = UNCLOSED.get(block.kind, block.kind)
        return [Finding(block.start_line, 1, f"The document ends inside an unclosed {what} "
                        f"opened on line {block.start_line}",
                        hint="close it, or restore the text that was cut off")]
    if block.kind == "table":
        return _judge_table(document, block)
    if block.kind in ("code", "html"):
        return []
    if block.kind == "list":
        return _judge_list(document, block)
    lines = _without_sign_off(block.text.split("\n"), closing, max_label)
    if not lines:
        return None  # only a date, a footer, a sign-off: judge the text before it
    text = "\n".join(lines)
    last = lines[-1].strip()
    contacts = contacts or bool(CONTACT.search("\n".join(block.text.split("\n")[len(lines) :])))
    if contacts and last.endswith((":", "：")):
        return []  # `Questions can be sent by email to:` introduces the addresses after it
    cut = _Cut(document, block.start_line + len(lines) - 1, last)
    opener = unclosed_pair(text)
    if opener:
        return [cut.finding(f"The document ends inside `{opener}`, which is never closed")]
    if ends_sentence(last) or _signed_tail(last, max_label) or FORM_FIELDS.search(last):
        return []
    if last.endswith(CONTINUATION) or _reads_as_prose(text, last, max_label):
        return [cut.finding("The document stops mid-sentence")]
    return []


def _judge_list(document: Document, block: Block) -> list[Finding]:
    """A final list is a legitimate ending, unless its last item breaks off."""
    text = (block.last_item or block.text).strip()
    if not text:
        return []  # an empty item (`- `): nothing that could break off
    last = text.split("\n")[-1].strip()
    cut = _Cut(document, block.end_line, last)
    opener = unclosed_pair(block.last_item or last)
    if opener:
        return [cut.finding(f"The document ends inside `{opener}`, which is never closed")]
    if last.endswith(CONTINUATION) or _breaks_pattern(block.items):
        return [cut.finding("The document stops mid-sentence")]
    return []


def _unclosed_element(document: Document) -> Finding | None:
    """An HTML container (`<details>`, `<div>`, `<table>`) the document opens and never closes.

    Markdown splits HTML at blank lines, so the open and close tags sit in different blocks:
    they are paired across the whole document, in order.
    """
    stack: list[tuple[str, int]] = []
    for block in document.blocks:
        if block.kind != "html":
            continue
        for number, line in enumerate(document.lines[block.start_line - 1 : block.end_line]):
            for closing, tag in HTML_CONTAINER.findall(line):
                if not closing:
                    stack.append((tag.lower(), block.start_line + number))
                elif stack and stack[-1][0] == tag.lower():
                    stack.pop()
    if not stack:
        return None
    tag, line = stack[-1]
    return Finding(line, 1, f"The document ends inside `<{tag}>`, opened on line {line} and never "
                   "closed", hint=f"close it with `</{tag}>`, or restore the text that was cut off")


def _breaks_pattern(items: tuple[str, ...]) -> bool:
    """Every earlier item is a finished sentence and the last, as long as a sentence, is not:
    it broke off. A list of names, links or labels (no item ends a sentence) ends however it
    likes, and so does a short last item (`- 基于requests库` closing a changelog)."""
    *earlier, last = items or ("",)
    if len(earlier) < 2 or ends_sentence(last) or not all(ends_sentence(i) for i in earlier):
        return False
    widths = sorted(display_width(i) for i in earlier)
    return display_width(last) >= max(MIN_CUT_ITEM, widths[len(widths) // 2] // 2)


def _judge_table(document: Document, block: Block) -> list[Finding]:
    """A table whose last row has fewer cells than every row before it was cut mid-row."""
    rows = [line for line in block.text.split("\n") if line.strip()]
    cells = [row.count(" | ") + 1 for row in rows]
    if len(rows) >= 3 and cells[-1] < min(cells[:-1]):
        return [_Cut(document, block.end_line, rows[-1].strip()).finding(
            f"The table stops mid-row ({cells[-1]} of {min(cells[:-1])} cells)")]  # fmt: skip
    return []


def _without_sign_off(
    lines: list[str], closing: list[re.Pattern[str]], max_label: int
) -> list[str]:
    """``lines`` less a closing date, footer, contact or sign-off that follows a finished
    sentence."""
    while lines and (CONTACT.search(lines[-1]) or any(p.fullmatch(lines[-1].strip())
                                                      for p in closing)):  # fmt: skip
        lines = lines[:-1]
    keep = len(lines)
    while keep and _label(lines[keep - 1], max_label):
        keep -= 1
    if keep == 0 or ends_sentence(lines[keep - 1]):
        return lines[:keep]
    return lines


def _signed_tail(line: str, max_label: int) -> bool:
    """`……自印发之日起施行。财政部2019年7月26日`: a sign-off run on after the last sentence."""
    tail = re.split(r"(?<=[。！？!?])", line)[-1].strip()
    if not tail or tail == line.strip() or display_width(tail) > max_label:
        return False
    return bool(SIGNED_DATE.search(tail))


def _ends_clause(line: str) -> bool:
    return ends_sentence(line) or line.rstrip().endswith(CONTINUATION)


def _label(line: str, max_label: int) -> bool:
    """A sign-off, address or caption line: short, no clause inside it or at its end."""
    return display_width(line) <= max_label and not _ends_clause(line) and not CLAUSE.search(line)


def _reads_as_prose(text: str, last: str, max_label: int) -> bool:
    """Text that is clearly sentences, so that a missing full stop means it was cut off."""
    return bool(
        re.search(r"[。！？]|[.!?](\s|$)", text[:-1])
        or CLAUSE.search(last)
        or len(last.split()) >= PROSE_WORDS
        or display_width(last) > 2 * max_label
    )


@dataclass(frozen=True)
class _Cut:
    document: Document
    line: int
    last: str

    def finding(self, message: str) -> Finding:
        column = max(len(self.document.line_text(self.line).rstrip()), 1)
        return Finding(
            self.line,
            column,
            f"{message}: the text breaks off after `{shorten(self.last, 30, tail=True)}`",
            hint="finish the sentence, or restore the text that was cut off",
        )
