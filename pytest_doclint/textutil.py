"""Script-aware text helpers shared by parsers, rules and the renderer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Terminal punctuation of a sentence, CJK and Latin; closers may follow it (`。”`, `.)`).
SENTENCE_END = "。！？…!?.．"
CLOSERS = "”’」』）)】》〉]\"'"
PAIRS = {
    "（": "）",
    "(": ")",
    "“": "”",
    "‘": "’",
    "《": "》",
    "【": "】",
    "「": "」",
    "『": "』",
    "[": "]",
}
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def normalize(text: str) -> str:
    """Comparison form of a heading: `（一） 系统性重塑` and `(一)系统性重塑` agree.

    NFKC folds full-width forms into half-width ones; case is folded; runs of white space
    collapse, and white space next to a CJK character disappears (`目 录` = `目录`).
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _SPACES.sub(" ", text).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def squeeze(text: str) -> str:
    """:func:`normalize` without any white space: a title wrapped where it had none
    (`Debian GNU/` / `Linux`) reads the same as on one line."""
    return _SPACES.sub("", normalize(text))


def display_width(text: str) -> int:
    """Terminal columns: CJK and other wide characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: terminal punctuation, perhaps inside closers."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def unclosed_pair(text: str) -> str | None:
    """The opening bracket or quote that ``text`` leaves open at its end, if any."""
    stack: list[str] = []
    closing = {close: open_ for open_, close in PAIRS.items()}
    for char in text:
        if char in PAIRS:
            stack.append(char)
        elif char in closing and stack and stack[-1] == closing[char]:
            stack.pop()
    return stack[-1] if stack else None


def shorten(text: str, width: int = 80, *, tail: bool = False) -> str:
    """At most ``width`` display columns of ``text``, with `…` where it was cut.

    The middle goes, the beginning and the end stay: headings of one document share their
    opening words and differ in their numbers and last words (`（三）…建设` / `（三）…改革`).
    With ``tail`` only the end stays, for text that matters where it stops. The default width
    quotes headings of up to 40 CJK characters whole, so that the entry and the heading of a
    did-you-mean hint never look alike, wherever they differ.
    """
    if display_width(text) <= width:
        return text
    if tail:
        return "…" + _fitting(reversed(text), width - 1)[::-1]
    end = _fitting(reversed(text), (width - 1) // 2)[::-1]
    return _fitting(text, width - 1 - display_width(end)) + "…" + end


def _fitting(chars: Iterable[str], width: int) -> str:
    """The longest run of ``chars`` that fits in ``width`` display columns."""
    kept, used = [], 0
    for char in chars:
        used += display_width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept)
