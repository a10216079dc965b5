"""Bytes to text: the encoding of a document, decided without guessing where it need not.

A byte order mark decides; then a configured ``encoding:``; then a NUL byte makes the file
binary; then strict UTF-8. Only bytes that are not UTF-8 are guessed, in two steps
(``docs/robustness.md`` says why): the CJK legacy encodings are told apart by strict decoding
and by how many decoded characters are common in the language the encoding is for; other
legacy encodings are left to charset-normalizer. Bytes no step accepts raise
:class:`UnreadableDocument`, which names the byte offset, line and column. Nothing here writes
to a document.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections import Counter
from pathlib import Path

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
"""(mark, name reported, codec for the bytes after the mark); UTF-32-LE before UTF-16-LE."""
SAMPLE_BYTES = 64 * 1024
"""How much of a non-UTF-8 document the guess looks at, around its first non-UTF-8 byte."""
MIN_COMMON = 0.1
"""Share of a decoding's non-ASCII characters that must be common in its language ..."""
MIN_HITS = 3
"""... and how many of them at least: two characters are chance."""
STRONG_HITS = 10
"""Common characters another encoding needs to override text that reads as basic Chinese."""
BASIC_CHINESE = 0.95
"""Share of GB 2312 characters that makes a GB18030 decoding read as basic Chinese."""
CJK_PUNCTUATION = "，。、；：？！“”‘’《》（）【】「」『』—…·　"
TRADITIONAL = (
    "這們國為來時說個會對發過後麼經學現當沒動還進從實與長將兩間問體題見無讓話東車書電"
    "機區報業給結條類裡樣點種開關門"
)
"""Traditional forms of common characters, which charset-normalizer lists simplified."""
LEGACY = (
    "cp1252",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
    "mac_roman",
    "iso8859_15",
    "iso8859_2",
    "iso8859_5",
)
"""Non-CJK encodings charset-normalizer may pick from; on a tie, the earlier one wins."""
HINT = "save it as UTF-8 text, or set `encoding:` for it in doclint.yaml"


class UnreadableDocument(Exception):
    """The bytes of a document are no text we can read; ``offset`` is the first bad byte."""

    def __init__(
        self,
        reason: str,
        offset: int | None = None,
        line: int = 1,
        column: int = 1,
        hint: str = HINT,
    ) -> None:
        where = f" at byte offset {offset}" if offset is not None else ""
        super().__init__(f"{reason}{where}")
        self.reason, self.offset, self.hint = reason, offset, hint
        self.line, self.column = line, column


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, a device or a socket is refused, never read.

    The file is opened without blocking (a pipe with no writer would hang ``open``) and
    checked through the same descriptor, so nothing can swap it between check and read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = "a pipe, device or socket" if not stat.S_ISDIR(mode) else "a folder"
            raise UnreadableDocument(f"not a regular file ({kind})", hint="lint regular files only")
        return handle.read()


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding name of ``data``; ``encoding`` (from the config) skips the guess.

    A byte order mark wins over the config: it is written in the file itself.
    """
    for bom, name, codec in BOMS:
        if data.startswith(bom):
            return _strict(data, codec, len(bom)), name
    if encoding is not None:
        return _strict(data, encoding), codecs.lookup(encoding).name
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _place(data, nul, "utf-8")
        raise UnreadableDocument(
            "binary file: a NUL byte",
            nul,
            line,
            column,
            hint="lint text files only; for UTF-16 or UTF-32 text without a byte order mark, "
            "set `encoding:` for it in doclint.yaml",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        offset = error.start
    sample = _sample(data, offset)
    if _damaged_utf8(sample):
        return _strict(data, "utf-8"), "utf-8"  # raises: the first bad byte of a UTF-8 file
    guessed = _guess(sample)
    if guessed is None:
        line, column = _place(data, offset, "utf-8")
        raise UnreadableDocument(
            "not UTF-8 text, and no legacy encoding fits: first undecodable byte",
            offset,
            line,
            column,
        )
    return _strict(data, guessed), guessed


def encode(text: str, original: bytes, name: str) -> bytes:
    """``text`` as bytes the way ``original`` was written: its byte order mark, if it had
    one, then the text in the encoding :func:`decode` named (``name``)."""
    for bom, _, codec in BOMS:
        if original.startswith(bom):
            return bom + text.encode(codec)
    return text.encode(name)


def _strict(data: bytes, codec: str, skip: int = 0) -> str:
    try:
        return data[skip:].decode(codec) if skip else data.decode(codec)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line, column = _place(data, offset, codec, skip)
        name = codecs.lookup(codec).name
        raise UnreadableDocument(
            f"not valid {name} text: undecodable byte", offset, line, column
        ) from None


def _place(data: bytes, offset: int, codec: str, skip: int = 0) -> tuple[int, int]:
    """1-based line and column of the character at byte ``offset``, counting lines as
    :func:`~pytest_doclint.model.split_lines` does (CR LF, CR and LF)."""
    prefix = data[skip:offset].decode(codec, errors="replace")
    line = prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1
    return line, len(prefix) - max(prefix.rfind("\n"), prefix.rfind("\r"))


def _sample(data: bytes, offset: int) -> bytes:
    """About 64 KiB around the first non-UTF-8 byte, cut after line breaks.

    In every ASCII-compatible encoding the guess tries, byte 0x0A is a line feed and never
    part of a character, so a cut after it keeps characters whole. A line too long to start
    from is entered at the non-UTF-8 byte itself, which starts a character.
    """
    if len(data) <= SAMPLE_BYTES:
        return data
    back = max(offset - SAMPLE_BYTES // 4, 0)
    start = data.rfind(b"\n", 0, back) + 1 if back else 0
    if offset - start > SAMPLE_BYTES // 2:
        start = data.find(b"\n", back, offset) + 1 or offset
    end = data.rfind(b"\n", start, start + SAMPLE_BYTES) + 1
    return data[start:end] if end > offset else data[start : start + SAMPLE_BYTES]


def _damaged_utf8(sample: bytes) -> bool:
    """Mostly UTF-8 with a few bad bytes: a broken UTF-8 file, not a legacy one.

    A legacy file's bytes make valid UTF-8 multi-byte sequences only by accident, far
    fewer than the invalid ones around them.
    """
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for char in text if char > "\x7f") - bad
    return wide >= 4 * max(bad, 1)


def _decodes(sample: bytes, codec: str) -> str | None:
    try:  # incremental: a sample cut inside a character is not an error
        return codecs.getincrementaldecoder(codec)("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _guess(sample: bytes) -> str | None:
    """GB18030 when the text reads as basic Chinese, unless another CJK encoding reads
    clearly better; else the CJK encoding that reads best; else Big5 for text made only of
    its basic characters; else charset-normalizer's choice among other legacy encodings.

    A decoding reads like its language when many of its characters are among the commonest
    of that language and few fall outside the encoding's basic set: a wrong decoding gives
    characters at random, and lands in the rarer half of a CJK character set about half of
    the time. Short EUC-KR and EUC-JP text decodes to basic Chinese too (the three share
    one byte layout), so only clear evidence overrides GB18030, the likeliest legacy
    encoding of the documents this linter is for.
    """
    scores: dict[str, tuple[int, float, float]] = {}  # codec: (hits, basic share, score)
    for codec, common in _cjk_languages().items():
        wide = Counter(char for char in _decodes(sample, codec) or "" if char > "\x7f")
        if wide:
            hits = sum(n for char, n in wide.items() if char in common)
            basic = _basic_count(codec, wide) / wide.total()
            scores[codec] = (hits, basic, basic * hits / wide.total())
    chinese = scores.get("gb18030")
    if chinese and chinese[1] >= BASIC_CHINESE:
        rivals = [
            c
            for c, (hits, _, score) in scores.items()
            if hits >= STRONG_HITS and score > max(2 * chinese[2], MIN_COMMON)
        ]
        return max(rivals, key=lambda c: scores[c][2], default="gb18030")
    readable = [
        c for c, (hits, _, score) in scores.items() if hits >= MIN_HITS and score > MIN_COMMON
    ]
    best = max(readable, key=lambda c: scores[c][2], default=None)
    return best or _basic("big5", sample) or _charset_normalizer(sample)


def _basic(codec: str, sample: bytes) -> str | None:
    """``codec`` if every non-ASCII character ``sample`` decodes to is in its basic set.

    Latin-1 read as GB18030 gives an ideograph for each accented letter and the plain
    letter after it, outside GB 2312, whose second bytes are never ASCII.
    """
    wide = Counter(char for char in _decodes(sample, codec) or "" if char > "\x7f")
    return codec if wide and _basic_count(codec, wide) == wide.total() else None


def _basic_count(codec: str, wide: Counter[str]) -> int:
    """How many of the characters are in the basic set of ``codec``: GB 2312 for GB18030;
    the symbols and frequent characters for Big5 (0xA140-0xC67E); JIS X 0208's non-kanji
    and level-1 kanji for Japanese (Shift-JIS 0x8140-0x9872); KS X 1001 for Korean."""
    return sum(n for char, n in wide.items() if _in_basic_set(codec, char))


def _in_basic_set(codec: str, char: str) -> bool:
    try:
        if codec == "gb18030":
            return bool(char.encode("gb2312"))
        if codec == "cp949":
            return bool(char.encode("euc_kr"))
        if codec == "big5":
            return 0xA140 <= int.from_bytes(char.encode("big5"), "big") <= 0xC67E
        return 0x8140 <= int.from_bytes(char.encode("cp932"), "big") <= 0x9872
    except UnicodeEncodeError:
        return False


_CJK: dict[str, frozenset[str]] = {}


def _cjk_languages() -> dict[str, frozenset[str]]:
    """Each CJK encoding (in order of preference) with the characters common in its language.

    The frequency lists are charset-normalizer's; a wrong decoding gives characters at
    random, of which only a few percent are common ones.
    """
    if not _CJK:
        from charset_normalizer.constant import FREQUENCIES

        chinese = frozenset("".join(FREQUENCIES["Chinese"]) + CJK_PUNCTUATION)
        japanese = frozenset(
            "".join(FREQUENCIES["Japanese"] + FREQUENCIES["Japanese—"] + FREQUENCIES["Japanese——"])
            + "、。「」・ー"
        )
        _CJK.update(
            {
                "gb18030": chinese,
                "big5": chinese | frozenset(TRADITIONAL),
                "cp932": japanese,
                "euc_jp": japanese,
                "cp949": frozenset("".join(FREQUENCIES["Korean"])),
            }
        )
    return _CJK


def _charset_normalizer(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample, cp_isolation=list(LEGACY)))
    if not matches:
        return None
    top = (matches[0].chaos, matches[0].coherence)
    tied = [
        name
        for match in matches
        if (match.chaos, match.coherence) == top
        for name in match.could_be_from_charset
    ]
    return min(tied, key=lambda name: LEGACY.index(name) if name in LEGACY else len(LEGACY))
