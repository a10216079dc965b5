"""How a document ends, and whether that is evidence of a cut, for `no-truncated-ending`.

The verdict rests on evidence, not on a missing full stop alone. A cut shows as: an open
code fence, comment, HTML element, bracket or quote; a dangling clause mark (`，` `、` `:`) or
function word (`和` `的` `the` `of` `to`); a word broken off (`… a child o`); a last sentence
that is plainly prose — it runs over several lines, has clauses, follows sentences in its
paragraph — yet has no end; or a document whose other paragraphs end with a full stop where
this one does not. A legitimate ending is: a finished sentence, a sign-off after it (names,
offices, dates, addresses), a closing line (`（完）`, a licence, a page footer, a link), a
table, code, or a list of labels. Structure decides between them: text set in as a paragraph,
or under an article, is prose and never a sign-off.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from functools import cache

from pytest_doclint.model import Block
from pytest_doclint.model import Document
from pytest_doclint.textutil import CLOSERS
from pytest_doclint.textutil import PAIRS
from pytest_doclint.textutil import SENTENCE_END
from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import ends_sentence
from pytest_doclint.textutil import is_cjk
from pytest_doclint.textutil import shorten
from pytest_doclint.textutil import unclosed_pair

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
    r"\$\w+(:[^$]*)?\$",  # an RCS keyword line: `$Id: draft-morgan-pam.raw,v 1.2 $`
)
CONTACT = re.compile(r"<[^\s<>]+>|(?<!\S)[^\s@]+@[^\s@]+\.\w+|https?://\S+")
"""An e-mail or web address: a contact or reference line. Anchored, so that a long line
without spaces is scanned in linear time."""
MAX_WORDS_AFTER_ADDRESS = 2
MIN_PARALLEL = 3
"""Paragraphs written alike before the last one that make its final mark a habit."""
HTML_CONTAINERS = frozenset(("details", "div", "table", "section", "blockquote", "pre", "ul", "ol"))
"""HTML elements that hold a document's text: one left open means the text after it is gone."""
CONTINUATION = ("，", ",", "、", "；", ";", "：", ":", "—", "-", "及", "和", "与")
CLAUSE = re.compile(r"[，；]")
"""Chinese clause punctuation: a line with it is prose, never a sign-off or a label (`、`
only lists: `财政部、税务总局`)."""
DANGLING_WORDS = frozenset(
    """
a an the and or but nor of to in at for with from into onto than via per by as that which whose
is are was were be been being has have had will would can could should shall may might must
its their his her our your my this these those such if when while because although though
whether between during without within among upon
""".split()
)
"""Words a finished English sentence does not end with."""
DANGLING_CHARS = "的和与及或在对把被从向为以并而但将于由让使给且"
"""Characters a finished Chinese sentence does not end with (function words)."""
TWO_LETTER_WORDS = frozenset(
    """
am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ex id vs
cd ls rm mv cp vi df du ps ip su sh wc js py md rb pl go io ui
""".split()
)
"""Words, and the commands and file types of two letters a text may end with."""
WORD = re.compile(r"(?:^|\s)[\"'“‘(]*(?P<word>[A-Za-z]+)$")
"""The last word of a line, when the line ends in the middle of letters (not `CHANGELOG.md`,
not a commit hash `2f098ef`)."""
NUMBER_END = re.compile(r"(?:\d[\d.\-/:]*\d|\d{2,}|\(#?[0-9a-f]{5,40}\)|\(#\d+\))$")
"""A line that ends with a number: a version, a date, a group or phone number, a commit
`(84d6c03)` or an issue `(#123)`."""
FORM_FIELDS = re.compile(r"(?:[^\s。，,；;：:]{1,12}[：:]\s*){2,}$")
"""`名称：日期：`: blank fields of a form at the end of an annex, not a broken sentence."""
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝"
)
"""The commonest Chinese surnames: a line of two or three characters that starts with one is a
person's name (`张三`), a sign-off; one that does not (`本法自`) is not."""
SIGN_OFF_CJK = re.compile(
    r".*(?:办公室|办公厅|委员会|人民政府|政府|委|局|厅|部|署|院|处|科|室|中心|公司|集团|协会|学会"
    r"|联合会|小组|领导小组|工作组|组委会|大学|学院|学校|支部|党委|党组|街道|社区|银行|研究所|所|站|队)"
    r"(?:发布|印发|制发|颁布|公布|制定|宣)?"
    rf"|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}"
    r"|[\u4e00-\u9fff]{0,6}(?:同志|书记|主任|局长|部长|主席|代表|谨启|敬上|启)"
)
"""An office, an organisation, a person or a title: a Chinese sign-off line."""
SALUTATION = re.compile(
    r"(?:best |kind |warm )?(?:regards|cheers|thanks|sincerely|yours)"
    r"[^.]{0,20},",
    re.IGNORECASE,
)
ITEM_MARK = re.compile(
    r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
    r"|\d{1,3}[.、．]\s"
)
"""The number of an item written as a paragraph (a law's `（一）`, a notice's `1.`)."""
RECENT = 5
"""How many paragraphs before the last one count as its neighbourhood ..."""
MIN_RECENT = 3
"""... and how many it takes at least."""
NAME_JOINERS = frozenset("of and the de van von der la le du da di y".split())
"""Lower-case words that names and addresses contain: `United States of America`."""
CJK_FUNCTION = frozenset(
    "的了在是和与及或对把被从向为以并而但将于由让使给且这那其可能会要应也都就还又更最"
)
"""Characters that make Chinese text a sentence, not a name or an office."""
MIN_CJK_SENTENCE = 8
"""Chinese characters of a line with a function word in it that read as a sentence."""
COMMON_WORD = 100
"""How often pyspellchecker must have seen a word for a fragment of it to count as cut off."""
MIN_HABIT = 5
"""Paragraphs the document must have before their endings count as its habit."""
HABIT = 0.8
"""Share of those paragraphs that must end with a full stop for a missing one to stand out."""
PROSE_WORDS = 8
"""A Latin line of this many words is prose, not an address or a caption."""
PROSE_CJK = 12
"""A Chinese line of this many characters is prose, not a sign-off or a label."""
UNCLOSED = {"code": "code block", "html": "HTML block", "comment": "comment"}


@dataclass
class Verdict:
    """What the end of a document is, and why."""

    truncated: bool
    line: int
    """The line the verdict is about (the last line read)."""
    text: str
    """That line's text, as a reader sees it."""
    reason: str
    """For a cut: the message of the finding; else what the ending is."""
    evidence: list[str] = field(default_factory=list)
    hint: str = "finish the sentence, or restore the text that was cut off"
    column: int | None = None
    """Where to point, when not at the end of ``line``."""
    length: int = 1


def judge(document: Document, closing_lines: Iterable[str], max_label: int) -> Verdict | None:
    """The verdict on the document's last content, or None for a document with nothing."""
    closing = [re.compile(p, re.IGNORECASE) for p in (*CLOSING_LINES, *closing_lines)]
    blocks = document.content_blocks()
    last_heading = document.headings[-1] if document.headings else None
    if (
        last_heading
        and not last_heading.run_in
        and (not blocks or blocks[-1].end_line < last_heading.line)
    ):  # an empty last section, which `no-empty-sections` reports: nothing was cut mid-text
        return Verdict(False, last_heading.line, last_heading.text, "a heading")
    open_element = _unclosed_element(document)
    if open_element:
        return open_element
    habit = _Habit(document, blocks[-1] if blocks else None)
    contacts = False  # the lines after the block being judged give addresses
    section_start = last_heading.line if last_heading else 0
    # Only the last section's text can be its end: a complete `## License` / `MIT` says
    # nothing about whether the section before it was finished.
    for block in reversed([b for b in blocks if b.end_line >= section_start]):
        verdict = _Judge(document, block, closing, max_label, habit, contacts).verdict()
        if verdict is not None:
            return verdict
        contacts = contacts or bool(CONTACT.search(block.text))
    return None


def _unclosed_element(document: Document) -> Verdict | None:
    """An HTML container (`<details>`, `<div>`, `<table>`) the document opens and never closes.

    Markdown splits HTML at blank lines, so the open and close tags sit in different blocks:
    they are paired across the whole document, in order.
    """
    stack: list[tuple[str, int]] = []
    for block in document.blocks:
        for tag in block.tags if block.kind == "html" else ():
            if tag.name not in HTML_CONTAINERS:
                continue
            if not tag.closing:
                stack.append((tag.name, tag.line))
            elif stack and stack[-1][0] == tag.name:
                stack.pop()
    if not stack:
        return None
    name, line = stack[-1]
    return Verdict(
        True,
        line,
        document.line_text(line),
        f"The document ends inside `<{name}>`, opened on line {line} and never closed",
        [f"`<{name}>` is never closed"],
        hint=f"close it with `</{name}>`, or restore the text that was cut off",
        column=1,
    )


class _Habit:
    """How the document's own paragraphs end. If nearly all that read as prose end with a
    mark, one that ends with a bare word stands out: across the document, among the last
    few paragraphs before it, or among the numbered items it continues (`（六）……；`)."""

    def __init__(self, document: Document, last: Block | None) -> None:
        paragraphs = [b for b in document.content_blocks() if b.kind == "paragraph"]
        before = paragraphs[: paragraphs.index(last)] if last in paragraphs else paragraphs
        prose = [b for b in before if _wordy(b.text)]
        self.total, self.ended = len(prose), sum(map(_punctuated, prose))
        self.recent = [_punctuated(b) for b in prose[-RECENT:]]
        self.items = _items_before(before, last)

    def describe(self) -> str | None:
        """The habit that makes a missing end stand out, or None when there is none. The
        paragraph just before the last one sets the local style: when it, too, ends with a
        bare word (`See … for more information` twice), that is how this part is written."""
        if len(self.items) >= 2 and all(map(_punctuated, self.items)):
            return f"the {len(self.items)} items before it end with punctuation"
        if not self.recent or not self.recent[-1]:
            return None
        slack = 1 if len(self.recent) == RECENT else 0  # one of five may end otherwise
        if len(self.recent) >= MIN_RECENT and sum(self.recent) >= len(self.recent) - slack:
            return f"the {len(self.recent)} paragraphs before it end with punctuation"
        if self.total >= MIN_HABIT and self.ended >= HABIT * self.total:
            return (
                f"{self.ended} of the document's {self.total} other paragraphs end with punctuation"
            )
        return None


def _items_before(paragraphs: list[Block], last: Block | None) -> list[Block]:
    """The paragraphs numbered like ``last`` (`（七）`, `3.`, `一、`) that run up to it."""
    marker = ITEM_MARK.match(last.text) if last else None
    if marker is None:
        return []
    style = _item_style(marker[0])
    run: list[Block] = []
    for block in reversed(paragraphs):
        found = ITEM_MARK.match(block.text)
        if not found or _item_style(found[0]) != style:
            break
        run.append(block)
    return run


def _item_style(token: str) -> str:
    return re.sub(r"[一二三四五六七八九十百\d]+", "n", token)


def _punctuated(block: Block) -> bool:
    """The paragraph ends with a mark (`.` `。` `:` `；`), not with a bare word or a link."""
    return _punctuated_text(block.text.rstrip().split("\n")[-1])


def _punctuated_text(line: str) -> bool:
    return ends_sentence(line) or line.endswith(CONTINUATION)


def _wordy(text: str) -> bool:
    """Enough words or characters to be a sentence, not a label."""
    return len(text.split()) >= 5 or sum(map(is_cjk, text)) >= PROSE_CJK


@dataclass
class _Judge:
    document: Document
    block: Block
    closing: list[re.Pattern[str]]
    max_label: int
    habit: _Habit
    contacts: bool

    def verdict(self) -> Verdict | None:
        """The verdict on this block, or None to look at the block before it."""
        block = self.block
        if not block.closed:
            what = UNCLOSED.get(block.kind, block.kind)
            return Verdict(
                True,
                block.start_line,
                self.document.line_text(block.start_line),
                f"The document ends inside an unclosed {what} opened on line {block.start_line}",
                [f"the {what} is never closed"],
                hint="close it, or restore the text that was cut off",
                column=1,
            )
        if block.kind == "table":
            return self._table()
        if block.kind == "code" and self.document.format == "text":
            return self._guessed_code()
        if block.kind in ("code", "html"):
            return self._complete(block.end_line, f"a {UNCLOSED.get(block.kind)}")
        if block.kind == "list":
            return self._list()
        return self._text(block.text.split("\n"), block.start_line)

    def _guessed_code(self) -> Verdict:
        """Plain text has no code fences: what reads as code (set in, with `$` and `=`) may be
        an indented description. Only a word broken off its end counts against it."""
        last = self.block.text.rstrip().split("\n")[-1].strip()
        found = WORD.search(last)
        word = found["word"] if found else ""
        if _fragment(word, last) or (word in DANGLING_WORDS and len(last.split()) > 2):
            evidence = f"it ends with `{word}`, a word cut off"
            return self._cut(
                self.block.end_line, last, "The document stops mid-sentence", [evidence]
            )
        return self._complete(self.block.end_line, "a code block")

    def _complete(self, line: int, what: str) -> Verdict:
        return Verdict(False, line, self.document.line_text(line).strip(), what)

    def _table(self) -> Verdict:
        """A table whose last row has fewer cells than every row before it was cut mid-row."""
        block = self.block
        rows = [line for line in block.text.split("\n") if line.strip()]
        cells = [row.count(" | ") + 1 for row in rows]
        if len(rows) >= 3 and cells[-1] < min(cells[:-1]):
            return self._cut(
                block.end_line,
                rows[-1].strip(),
                f"The table stops mid-row ({cells[-1]} of {min(cells[:-1])} cells)",
                ["the last row has fewer cells than the rows before it"],
            )
        return self._complete(block.end_line, "a table")

    def _list(self) -> Verdict:
        """A final list is a legitimate ending, unless its last item breaks off: it leaves a
        clause or a bracket open, ends with a function word, or its own earlier sentences
        end and its last one does not."""
        block = self.block
        item = (block.last_item or block.text).strip()
        if not item:
            return self._complete(block.end_line, "an empty list item")
        lines = item.split("\n")
        first = block.end_line - len(lines) + 1
        verdict = self._text(lines, first, habit=None)
        return verdict or self._complete(block.end_line, "a list")

    def _text(self, lines: list[str], first: int, habit: str | None = "") -> Verdict | None:
        """The verdict on text whose lines start at line ``first``; ``habit`` says how the
        text around it ends, when that makes a missing end stand out (by default, the
        document's paragraphs; None for no habit)."""
        if habit == "":
            habit = self.habit.describe()
        lines = [line.strip() for line in lines]
        kept = self._without_closing(lines)
        if not kept:
            return None  # only a date, a footer, an address: judge the text before it
        number = first + len(kept) - 1
        last = kept[-1]
        sentence = _last_sentence("\n".join([*self._run_on_from(), *kept]))
        tail = [line for line in lines[len(kept) :]]
        self.contacts = self.contacts or any(CONTACT.search(line) for line in tail)
        if not sentence:
            return self._complete(number, "a finished sentence")
        if self.contacts and last.endswith((":", "：")):
            return self._complete(number, "a line that introduces the addresses after it")
        if self._parallel(last):
            return self._complete(number, "the last of a run of paragraphs written alike")
        cut = self._evidence_of_cut(sentence, last)
        if cut:
            return self._cut(number, last, *cut)
        if self.block.ends_with and len(kept) == len(lines):
            return self._complete(number, f"a {self.block.ends_with}")
        if NUMBER_END.search(last) and not CLAUSE.search(sentence):
            return self._complete(number, "a number (a version, a date, an identifier)")
        signed = self._sign_off(kept)
        if signed:
            return self._complete(number, signed)
        caption = self._caption()
        if caption and len(kept) == 1 and not CLAUSE.search(sentence):
            return self._complete(number, f"an entry under `{shorten(caption, 24)}`")
        prose = self._prose(kept, sentence, habit)
        if prose:
            return self._cut(number, last, "The document stops mid-sentence", prose)
        return self._complete(number, "a label or a short line")

    def _without_closing(self, lines: list[str]) -> list[str]:
        """``lines`` less the closing dates, footers and addresses at their end."""
        while lines and (
            _address_line(lines[-1]) or any(p.fullmatch(lines[-1]) for p in self.closing)
        ):
            lines = lines[:-1]
        return lines

    def _evidence_of_cut(self, sentence: str, last: str) -> tuple[str, list[str]] | None:
        """A message and the evidence, when the last sentence plainly breaks off."""
        opener = unclosed_pair(sentence) or _open_straight_quote(sentence)
        if opener:
            return (
                f"The document ends inside `{opener}`, which is never closed",
                [f"`{opener}` is opened in the last sentence and never closed"],
            )
        if (
            last.endswith(CONTINUATION)
            and not FORM_FIELDS.search(last)
            and not (SALUTATION.fullmatch(last))
        ):
            return "The document stops mid-sentence", [f"it ends with `{last[-1]}`"]
        found = WORD.search(last)
        word = found["word"] if found else ""
        if word.lower() in DANGLING_WORDS and len(last.split()) > 1 and not word.isupper():
            return "The document stops mid-sentence", [f"it ends with the word `{word}`"]
        if _fragment(word, last):
            return "The document stops mid-sentence", [f"it ends with `{word}`, a word cut off"]
        if last[-1] in DANGLING_CHARS and sum(map(is_cjk, last)) >= 4:
            return "The document stops mid-sentence", [f"it ends with `{last[-1]}`"]
        if word.islower() and len(word) >= 3 and len(last.split()) > 1 and broken_word(word):
            return "The document stops mid-sentence", [
                f"it ends with `{word}`, the beginning of a word"
            ]
        return None

    def _sign_off(self, lines: list[str]) -> str | None:
        """What closes the text, when its last lines sign it off: names, offices, dates and
        addresses after a finished sentence (`XX区委办公室` / `2025年11月27日`), or a block
        of nothing else (`Jane Example` / `Example University`). One line set in as a
        paragraph, or standing under an article (`第七条 …`), is prose, not a sign-off."""
        keep = len(lines)
        while keep and self._label(lines[keep - 1]):
            keep -= 1
        signature = lines[keep:]
        if signature and all(map(_signs, signature)):
            if keep == 0 and (len(signature) > 1 or not self._prose_position()):
                return "a sign-off or an address"
            if keep and (ends_sentence(lines[keep - 1]) or SALUTATION.fullmatch(lines[keep - 1])):
                return "a sign-off after the last sentence"
        if _signed_tail(lines[-1], self.max_label):
            return "a sign-off after the last sentence"
        if FORM_FIELDS.search(lines[-1]):
            return "the fields of a form"
        return None

    def _parallel(self, last: str) -> bool:
        """The block is the last of a run of paragraphs written alike (`Thanks for the data
        provided by [X](…);` again and again): they all start with the same words and end
        with the same mark, so that mark is how this run ends its lines, not a cut."""
        run = self._before()[-MIN_PARALLEL:]
        start = _opening(self.block.text)
        return (
            len(run) == MIN_PARALLEL
            and bool(start)
            and all(
                b.kind == self.block.kind
                and _opening(b.text) == start
                and b.text.rstrip().endswith(last[-1])
                for b in run
            )
        )

    def _before(self) -> list[Block]:
        """The content blocks before the one being judged, in document order."""
        blocks = self.document.content_blocks()
        at = next((i for i, b in enumerate(blocks) if b is self.block), 0)
        return blocks[:at]

    def _previous(self) -> Block | None:
        before = self._before()
        return before[-1] if before else None

    def _run_on_from(self) -> list[str]:
        """The lines of the block just before this one when nothing separates them (reST
        ends a list at a line that is not set in): its sentence may run on into this one."""
        previous = self._previous()
        if (
            self.block.kind != "paragraph"
            or previous is None
            or previous.kind not in ("paragraph", "list")
            or previous.end_line != self.block.start_line - 1
        ):
            return []
        lines = (previous.last_item or previous.text).strip().split("\n")
        return [] if _punctuated_text(lines[-1]) else lines

    def _caption(self) -> str | None:
        """The caption just before this block (`相关政策与解读`, `附件：`): a line the entries
        after it, titles or names, need no full stop under."""
        previous = self._previous()
        if previous is None or previous.kind != "paragraph" or "\n" in previous.text.strip():
            return None
        text = previous.text.strip()
        heading_between = any(
            previous.end_line < h.line < self.block.start_line for h in self.document.headings
        )
        labelled = self._label(text.rstrip(":："))
        return text if labelled and not heading_between and not ends_sentence(text) else None

    def _prose_position(self) -> bool:
        """The block stands where prose stands: set in as a paragraph, or on the line of a
        heading whose text runs on (an article: `第七条 公示义务：…`)."""
        block = self.block
        heading = next(
            (h for h in reversed(self.document.headings) if h.line <= block.start_line), None
        )
        article = heading is not None and heading.run_in and heading.line == block.start_line
        return block.indent >= 2 or article

    def _label(self, line: str) -> bool:
        """A sign-off, address or caption line: short, no clause inside it or at its end."""
        return (
            display_width(line) <= self.max_label
            and not ends_sentence(line)
            and not (line.endswith(CONTINUATION) or CLAUSE.search(line))
        )

    def _prose(self, lines: list[str], sentence: str, habit: str | None) -> list[str]:
        """Why the unfinished last sentence is prose (empty when it may be a label). An item
        of a list may be long, and wrap, without a full stop: only its own sentences count."""
        in_list = self.block.kind == "list"
        why = []
        if CLAUSE.search(sentence):
            why.append("its last sentence has clauses but no end")
        if (
            not in_list
            and len(lines) > 1
            and not ends_sentence(lines[-2])
            and not (self._label(lines[-2]))
        ):
            why.append("its last sentence runs over several lines")
        if _wordy_line(sentence) and _earlier_sentence(lines, sentence):
            why.append("sentences before it in its paragraph end, it does not")
        if not in_list and (_latin_sentence(sentence) or sum(map(is_cjk, sentence)) >= PROSE_CJK):
            why.append("it is as long as a sentence")
        if (
            not why
            and not in_list
            and self._prose_position()
            and not _signs(sentence)
            and (len(sentence.split()) > 1 or sum(map(is_cjk, sentence)) >= 3)
        ):
            why.append("it stands where the text of a paragraph or an article stands")
        if not why and not in_list and _cjk_sentence(sentence) and not _signs(sentence):
            why.append("it reads as a sentence")
        if not why and habit and _wordy_line(sentence):
            why.append(habit)
        return why

    def _cut(self, line: int, last: str, message: str, evidence: list[str]) -> Verdict:
        column = max(len(self.document.line_text(line).rstrip()), 1)
        return Verdict(
            True,
            line,
            last,
            f"{message}: the text breaks off after `{shorten(last, 30, tail=True)}` "
            f"({evidence[0]})",
            evidence,
            column=column,
        )


def _last_sentence(text: str) -> str:
    """The text after the last sentence end that no bracket or quote holds open (CJK
    `。！？`, Latin `.!?` after a word and before a space: not the `3.` of an item), or an
    empty string when the text ends a sentence."""
    text = text.rstrip()
    closing = {close: opener for opener, close in PAIRS.items()}
    stack: list[str] = []
    cut = 0
    for index, char in enumerate(text):
        if char in PAIRS:
            stack.append(char)
        elif char in closing and stack and stack[-1] == closing[char]:
            stack.pop()
            if not stack and text[index - 1] in SENTENCE_END:
                cut = index + 1  # `……有我。”`: the quote closes after its sentence
                continue
        if not stack and _ends_here(text, index):
            cut = index + 1
    return "" if not stack and ends_sentence(text) else text[cut:].lstrip(CLOSERS).strip()


def _ends_here(text: str, index: int) -> bool:
    char = text[index]
    if char in "。！？!?":
        return True
    after = text[index + 1 : index + 2]
    if char not in ".…" or after and not after.isspace():
        return False
    return not after or index == 0 or not text[index - 1].isdigit()  # `3. item` goes on


def _earlier_sentence(lines: list[str], sentence: str) -> bool:
    """Sentences before the last one end, in the same paragraph or item."""
    text = "\n".join(lines).rstrip()
    earlier = text[: len(text) - len(sentence)].strip()
    return bool(earlier) and ends_sentence(earlier)


def _fragment(word: str, line: str) -> bool:
    """`… a child o`, `… the env ag`: one or two lower-case letters that are no word."""
    return (
        0 < len(word) <= 2
        and word.islower()
        and word not in TWO_LETTER_WORDS
        and (word not in ("a", "i") and len(line.split()) > 1)
    )


def _latin_sentence(text: str) -> bool:
    """Words enough for a sentence, and words of a sentence: a third of them in lower case
    (a list of names or titles is capitalised)."""
    words = re.findall(r"[A-Za-z]+", text)
    lower = sum(w.islower() for w in words)
    return len(text.split()) >= PROSE_WORDS and 3 * lower >= len(words)


def _cjk_sentence(text: str) -> bool:
    """Chinese text as long as a sentence, with a function word in it (`的` `在` `可`)."""
    chars = [c for c in text if is_cjk(c)]
    return len(chars) >= MIN_CJK_SENTENCE and bool(CJK_FUNCTION.intersection(chars))


@cache
def _english() -> tuple[frozenset[str], list[str]]:
    """pyspellchecker's English words (about 160,000, with their frequency), as a set and
    as a sorted list of the common ones for finding the words a fragment begins."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    return frozenset(counts), sorted(w for w, n in counts.items() if n >= COMMON_WORD)


def _open_straight_quote(sentence: str) -> str | None:
    """`"` when the sentence's last straight double quote opens a quotation (after a space,
    before a letter: `codename "zoom`) that nothing closes; not the `"` of inches."""
    if sentence.count('"') % 2 == 0:
        return None
    at = sentence.rfind('"')
    opens = (at == 0 or sentence[at - 1] in " (") and sentence[at + 1 : at + 2].isalpha()
    return '"' if opens else None


def _opening(text: str) -> str:
    """The first three words of ``text`` (the first four characters of Chinese text)."""
    words = text.split()[:3]
    if len(words) == 3 and not any(map(is_cjk, " ".join(words))):
        return " ".join(words)
    squeezed = "".join(text.split())
    return squeezed[:4] if len(squeezed) >= 4 and all(map(is_cjk, squeezed[:4])) else ""


def _address_line(line: str) -> bool:
    """A line that gives an address (`Jane <jane@example.org>`, `https://…`), not a sentence
    that mentions one on its way: at most two words follow its last address."""
    found = list(CONTACT.finditer(line))
    return bool(found) and len(line[found[-1].end() :].split()) <= MAX_WORDS_AFTER_ADDRESS


def broken_word(word: str) -> bool:
    """`contribu`, `coden`: no English word, but the beginning of a common one."""
    known, common = _english()
    if word in known:
        return False
    at = bisect_left(common, word)
    return at < len(common) and common[at].startswith(word) and len(common[at]) > len(word) + 1


def _wordy_line(text: str) -> bool:
    """Three words at least, or six Chinese characters: more than a name or a label."""
    latin = re.findall(r"[A-Za-z]+", text)
    return len(latin) >= 3 and any(w.islower() for w in latin) or sum(map(is_cjk, text)) >= 6


def _signs(line: str) -> bool:
    """A line that reads as part of a sign-off: a name, an office, a date, an address."""
    if CONTACT.search(line):
        return True
    dated = SIGNED_DATE.search(line)
    if dated:  # `2025年11月27日`, `财政部2019年7月26日`, but not `本法自2021年9月`
        before = line[: dated.start()].strip()
        return not before or _signs(before)
    if sum(map(is_cjk, line)):
        return bool(SIGN_OFF_CJK.fullmatch(re.sub(r"\s", "", line)))
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", line)
    return not [w for w in words if w.islower() and w not in NAME_JOINERS]


def _signed_tail(line: str, max_label: int) -> bool:
    """`……自印发之日起施行。财政部2019年7月26日`: a sign-off run on after the last sentence."""
    tail = re.split(r"(?<=[。！？!?])", line)[-1].strip()
    if not tail or tail == line.strip() or display_width(tail) > max_label:
        return False
    return bool(SIGNED_DATE.search(tail))
