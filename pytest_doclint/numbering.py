"""Heading number schemes: `一、`, `（一）`, `1.`, `1.1`, `（1）`, `①`, `第一章`, roman, letters.

A :class:`Scheme` recognises a number token at the start of a line and turns it into a
:class:`Number` that knows its value, its rank among schemes (which level it numbers) and how
to write any other value in the same style, so that messages can say "`三、` skips `二、`".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pytest_doclint import regexes
from pytest_doclint.regexes import AnyPattern

CN_DIGITS = "〇一二三四五六七八九"
CN_NUMERAL = "[一二三四五六七八九十百零〇两]+"
ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
TITLE_OPENERS = "“‘\"'《「『【〈*_`"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
NUMBER_THEN_WORD = re.compile(r"\d+(?:[.,]\d+)*\s*[^\W\d_]{2}")
"""A title may start with a number that a word follows: `3.0 source format`, `2026年工作安排`."""


def parse_chinese(text: str) -> int | None:
    """Value of a Chinese numeral such as `三`, `十二`, `二十`, `一百零五` (None if malformed)."""
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CN_DIGITS.index(ch)) for ch in text))
    total, digit = 0, None
    for ch in text.replace("两", "二").replace("零", "〇"):
        if ch in CN_DIGITS:
            digit = CN_DIGITS.index(ch)
        elif ch in "十百":
            unit = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + (digit or 0) or None


def to_chinese(value: int) -> str:
    """`12` → `十二`, `105` → `一百零五`; the inverse of :func:`parse_chinese`."""
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    text = f"{CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (CN_DIGITS[ones] if ones else "")


def parse_roman(text: str) -> int | None:
    value, rest = 0, text.upper()
    for amount, letters in ROMAN_VALUES:
        while rest.startswith(letters):
            value, rest = value + amount, rest[len(letters) :]
    return value if value and not rest and to_roman(value) == text.upper() else None


def to_roman(value: int) -> str:
    letters = ""
    for amount, symbol in ROMAN_VALUES:
        count, value = divmod(value, amount)
        letters += symbol * count
    return letters


def _letter_value(text: str) -> int | None:
    return ord(text) - 64 if len(text) == 1 and "A" <= text <= "Z" else None


def _arabic_value(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _letter_then_arabic(text: str) -> int | None:
    """A part of `B.2.6`: the appendix letter, or a decimal after it."""
    return _letter_value(text) if text.isalpha() else _arabic_value(text)


NUMERALS: dict[str, tuple[Callable[[str], int | None], Callable[[int], str]]] = {
    "chinese": (parse_chinese, to_chinese),
    "arabic": (_arabic_value, str),
    "roman": (parse_roman, to_roman),
    "roman-lower": (parse_roman, lambda v: to_roman(v).lower()),
    "letter": (_letter_value, lambda v: chr(64 + v)),
    "letter-lower": (lambda t: ord(t) - 96 if len(t) == 1 else None, lambda v: chr(96 + v)),
    "circled": (lambda t: CIRCLED.index(t) + 1 if t in CIRCLED else None, lambda v: CIRCLED[v - 1]),
    # `B.2.6`: an appendix letter, then decimals (a DocBook appendix's sections).
    "letter-decimal": (_letter_then_arabic, str),
}
"""Numeral name → (value of one written part, the written form of a value)."""
LETTER_NUMERALS = ("letter", "letter-lower", "letter-decimal")


@dataclass(frozen=True)
class Number:
    """A heading's number token, e.g. `（三）`: value 3 of scheme `cn-paren`."""

    scheme: str
    token: str
    values: tuple[int, ...]
    rank: int
    style: str
    """The token with its numeral replaced by `{n}`: `（{n}）`, `第{n}章`, `{n}.`."""
    numeral: str
    continuous: bool = False
    """Counted through the whole document (`第N条` in a law), not restarted per parent."""
    part: str = ""
    """The part of the document whose count this number belongs to, when the document counts
    again from 1 under a caption of its TOC (`Appendix` / `1. Overview of tools`)."""

    @property
    def value(self) -> int:
        return self.values[-1]

    def render(self, values: tuple[int, ...]) -> str:
        """This number's style with other values: `（三）`.render((2,)) → `（二）`."""
        to_text = NUMERALS[self.numeral][1]
        if not values or min(values) < 1:
            return "?"
        parts = [to_text(v) for v in values]
        if self.numeral == "letter-decimal":
            parts[0] = NUMERALS["letter"][1](values[0])
        try:
            return self.style.replace("{n}", ".".join(parts))
        except IndexError:  # past ⑳ or Z: no way to write it in this style
            return "?"

    @property
    def key(self) -> tuple[bool, tuple[int, ...]]:
        """What the number says whatever its form: `1.`, `Chapter 1.`, `第 1 章` and `第一章`
        all number the first chapter; `A.`, `Appendix A.` and `附录 A` the first appendix."""
        return (self.numeral in LETTER_NUMERALS, self.values)


@dataclass(frozen=True)
class Scheme:
    """How one kind of heading number is written and which level it numbers."""

    name: str
    pattern: AnyPattern
    """Matched at the start of the text; the group `n` holds the numeral(s). A custom
    scheme's is a user pattern, matched with a time limit."""
    numeral: str
    rank: int
    """Smaller ranks number higher levels: `一、` (40) sits above `（一）` (50)."""
    run_in: str = "allowed"
    """`allowed`: a heading may be the first sentence of its paragraph; `always`: the rest of
    the line is always body (`第一条 为了……`); `never`: only a line of its own is a heading."""
    continuous: bool = False
    title_required: bool = True
    """A bare token (`第一章`) is a heading only if the scheme says so."""

    deepens: bool = False
    """Each further part of the number (`1.2.3`) numbers one level deeper."""

    def match(self, text: str, strict: bool = True) -> tuple[Number, str] | None:
        """The number at the start of ``text`` and the title after it, or None.

        ``strict`` asks for a title that reads like one (it starts with a letter or an
        opening quote); a TOC entry, or a heading whose number is followed by a NO-BREAK
        SPACE (how DocBook sets section numbers), may start with anything: `5.3. /etc/fstab`.
        """
        found = regexes.match(self.pattern, text)
        if not found:
            return None
        numeral = self.numeral
        if numeral == "chinese" and found["n"].isdigit():
            numeral = "arabic"  # `第 1 章`: the chapter written in digits
        parse = NUMERALS[numeral][0]
        parsed = [parse(part) for part in re.split(r"[.．]", found["n"])]
        values = tuple(v for v in parsed if v is not None and v >= 1)
        if len(values) != len(parsed):
            return None
        if "sep" in self.pattern.groupindex and not found["sep"] and len(values) == 1:
            return None
        title = text[found.end() :].strip()
        strict = strict and "\u00a0" not in text[found.end("n") : found.end()]
        if (
            strict
            and title
            and not (
                title[0].isalpha()
                or title[0] in TITLE_OPENERS
                or (self.numeral == "chinese" or NUMBER_THEN_WORD.match(title))
            )
        ):
            return None  # `1.2.3 (2020-01-01)` is a version, `3) 5` a formula: not numbering
        token = found.group(0).rstrip()
        if (
            title[:1].isascii()
            and title[:1].isalpha()
            and token == found.group(0)
            and not (token.endswith((")", "）", "、")))
        ):
            return None  # `6.4.post2`: a Latin word glued to the number is a version string
        start, end = found.span("n")
        style = token[:start] + "{n}" + token[end:]
        rank = self.rank + (len(values) - 1 if self.deepens else 0)
        return Number(self.name, token, values, rank, style, numeral, self.continuous), title


def _scheme(name: str, pattern: str, numeral: str, rank: int, **options: object) -> Scheme:
    return Scheme(name, re.compile(pattern), numeral, rank, **options)  # type: ignore[arg-type]


SPACE = r"[ \t\u00a0\u3000]"
CN_OR_DIGITS = rf"(?:{CN_NUMERAL}|\d{{1,3}})"
"""`第三章` and `第 3 章` (DocBook's Chinese rendering) number the same chapter."""
BUILTIN_SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        _scheme(
            "cn-volume", rf"第{SPACE}*(?P<n>{CN_OR_DIGITS}){SPACE}*[编篇]{SPACE}*", "chinese", 10
        ),
        _scheme(
            "cn-part-ordinal",
            rf"第{SPACE}*(?P<n>{CN_OR_DIGITS}){SPACE}*部分{SPACE}*",
            "chinese",
            15,
        ),
        _scheme(
            "cn-chapter",
            rf"第{SPACE}*(?P<n>{CN_OR_DIGITS}){SPACE}*章{SPACE}*",
            "chinese",
            20,
            title_required=False,
        ),
        _scheme(
            "cn-section",
            rf"第{SPACE}*(?P<n>{CN_OR_DIGITS}){SPACE}*节{SPACE}*",
            "chinese",
            30,
            title_required=False,
        ),
        _scheme(
            "cn-article",
            rf"第(?P<n>{CN_NUMERAL})条(?:{SPACE}+|(?=[【\[（(])|$)",
            "chinese",
            35,
            run_in="always",
            continuous=True,
            title_required=False,
        ),
        _scheme("cn-part", rf"(?P<n>{CN_NUMERAL})[、]{SPACE}*", "chinese", 40),
        _scheme("cn-paren", rf"[（(](?P<n>{CN_NUMERAL})[）)]、?{SPACE}*", "chinese", 50),
        _scheme("roman", rf"(?P<n>[IVXLC]+)\.{SPACE}+", "roman", 36, run_in="never"),
        _scheme("letter", rf"(?P<n>[A-Z])\.{SPACE}+", "letter", 38, run_in="never"),
        # `Chapter 2. Prerequisites`, `章 2. 預備知識` (DocBook text output): a chapter, as
        # `第二章` is, above the decimal sections; the document's TOC lists it as `2.`.
        _scheme(
            "en-chapter",
            rf"(?:Chapter|CHAPTER|章){SPACE}*(?P<n>\d{{1,3}})[.:]{SPACE}+",
            "arabic",
            20,
        ),
        # `Appendix A. Manifesto`, `附录A 术语`: the letter-numbered chapters after the others.
        _scheme(
            "appendix",
            rf"(?:Appendix|APPENDIX|附录|附錄){SPACE}*(?P<n>[A-Z])[.:：]?{SPACE}+",
            "letter",
            20,
            run_in="never",
        ),
        # `1.`, `1、`, `1．` and `1.2`, `1.2.3.`: the depth of a decimal number adds to its rank.
        # A bare `1 Title` (no full stop) is too often a count or a street number to be one.
        _scheme(
            "decimal",
            rf"(?P<n>\d{{1,3}}(?:[.．]\d{{1,3}}){{0,8}})"
            rf"(?P<sep>[.．、](?!\d)|(?={SPACE})){SPACE}*",
            "arabic",
            60,
            deepens=True,
        ),
        # `B.2.6. Using a DHCP server`: the sections of an appendix, one level per part.
        _scheme(
            "appendix-section",
            rf"(?P<n>[A-Z](?:[.．]\d{{1,3}}){{1,7}})[.．]?{SPACE}+",
            "letter-decimal",
            60,
            run_in="never",
            deepens=True,
        ),
        _scheme("paren-arabic", rf"[（(](?P<n>\d{{1,3}})[）)]{SPACE}*", "arabic", 70),
        _scheme("circled", rf"(?P<n>[{CIRCLED}]){SPACE}*", "circled", 80),
        _scheme("letter-lower", rf"(?P<n>[a-z])[.)]{SPACE}+", "letter-lower", 85, run_in="never"),
    )
}
DEFAULT_SCHEMES = (
    "cn-volume",
    "cn-part-ordinal",
    "cn-chapter",
    "cn-section",
    "cn-article",
    "cn-part",
    "cn-paren",
    "en-chapter",
    "appendix",
    "decimal",
    "appendix-section",
    "paren-arabic",
    "circled",
)


def build_scheme(spec: dict[str, object]) -> Scheme:
    """A scheme from its YAML definition (``text.custom_schemes`` in the config)."""
    return Scheme(
        name=str(spec["name"]),
        pattern=regexes.compile_user(str(spec["pattern"])),
        numeral=str(spec.get("numeral", "arabic")),
        rank=int(spec.get("rank", 90)),  # type: ignore[call-overload]
        run_in=str(spec.get("run_in", "allowed")),
        continuous=bool(spec.get("continuous", False)),
        title_required=bool(spec.get("title_required", True)),
    )


def match_number(
    text: str, schemes: tuple[Scheme, ...], strict: bool = True
) -> tuple[Scheme, Number, str] | None:
    """The first scheme whose number starts ``text``, with the number and the title."""
    for scheme in schemes:
        found = scheme.match(text, strict)
        if found:
            return scheme, *found
    return None
