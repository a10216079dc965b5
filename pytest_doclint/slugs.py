"""Markdown text: link targets as GitHub makes them, and text as a reader sees it.

GitHub turns a heading into a link target with github-slugger: lower-case the text, drop
every character that is not a letter, mark, decimal digit, connector punctuation, `-` or a
space, turn each space into `-`, and number repeats `-1`, `-2` in document order. The
text is the heading's rendered text content: markup gone, code spans kept, images left out.
HTML `id` attributes, and `name` attributes of `<a>`, are link targets too.

Block text is read line by line from the source (one line of text per source line), so a
rule can point at the line it quotes without parsing inline markup it does not read.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

KEPT_CATEGORIES = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Me", "Nd", "Pc"))
# Symbols (gc=So) that Unicode counts as Alphabetic: circled and squared Latin letters.
ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))

# A line of Markdown as a reader sees it: the inline markup that commonly wraps text, each
# pattern with the character it needs, so that a plain line costs one search.
_INLINE = (
    ("<", re.compile(r"<!--.*?(?:-->|$)"), ""),
    ("!", re.compile(r"!\[([^\[\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]"), r"\1\2"),
    (
        "[",
        re.compile(r"\[([^\[\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\[([^\[\]]+)\]\[[^\]]*\]"),
        r"\1\2",
    ),
    ("<", re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
    ("`", re.compile(r"(`+)(.+?)\1"), r"\2"),
    ("*", re.compile(r"(\*\*)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    ("_", re.compile(r"(__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    ("~", re.compile(r"(~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    ("*", re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    ("_", re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    ("\\", re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
)
_MARKUP = re.compile(r"[\[<`*_~\\&]")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s|$)\s?")
QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
TABLE_CELL = re.compile(r"(?<!\\)\|")
HTML_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*?)/?>")
HTML_HEADING = re.compile(r"(<h[1-6](?:\s[^<>]*)?>)(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
HTML_ATTRIBUTE = re.compile(
    r"""(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I
)


class _Removed(dict[int, "int | None"]):
    """A ``str.translate`` table that fills itself: None drops a character, `-` is a space."""

    def __missing__(self, code: int) -> int | None:
        value = ord("-") if code == 0x20 else code if _kept(code) else None
        self[code] = value
        return value


def _kept(code: int) -> bool:
    if code == ord("-") or unicodedata.category(chr(code)) in KEPT_CATEGORIES:
        return True
    return any(low <= code <= high for low, high in ALPHABETIC_SYMBOLS)


_TABLE = _Removed()


def github_slug(text: str) -> str:
    """github-slugger's slug of ``text``, without the repeat counter."""
    return text.lower().translate(_TABLE)


class Slugger:
    """One document's anchors: a repeated slug gets the first free `-1`, `-2`, … suffix."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug = github_slug(text)
        while slug in self.occurrences:
            self.occurrences[base] += 1
            slug = f"{base}-{self.occurrences[base]}"
        self.occurrences[slug] = 0
        return slug


def inline_text(events: Iterable[Any]) -> tuple[str, str]:
    """The text a reader sees (image alt text included) and the text a slug is made from,
    of a run of pyromark inline events.

    GitHub slugs the heading's text content, which leaves images out: `## Image ![alt] Ref`
    is read as `Image alt Ref` but anchored as `image--ref`.
    """
    shown: list[str] = []
    slugged: list[str] = []
    images = 0
    for event in events:
        if event.__class__ is str:
            if event == "SoftBreak" or event == "HardBreak":
                shown.append(" ")
                if not images:
                    slugged.append(" ")
            continue
        text = event.get("Text")
        if text is None:
            text = event.get("Code")
        if text is not None:
            shown.append(text)
            if not images:
                slugged.append(text)
            continue
        tag = event.get("Start")
        if tag.__class__ is dict and "Image" in tag:
            images += 1
        elif event.get("End") == "Image":
            images -= 1
    return "".join(shown), "".join(slugged)


def plain_line(line: str) -> str:
    """One source line without its inline markup: links, emphasis, code ticks, HTML tags."""
    if not _MARKUP.search(line):
        return line
    for trigger, pattern, replacement in _INLINE:
        if trigger in line:
            line = pattern.sub(replacement, line)
    return html.unescape(line) if "&" in line else line


def html_anchors(source: str) -> Iterator[str]:
    """The `id` of every HTML element and the `name` of every `<a>` in ``source``, and the
    slug of every HTML heading's text: README renderers such as npm's give `<h2>` ids."""
    for tag in HTML_TAG.finditer(source):
        for attribute in HTML_ATTRIBUTE.finditer(tag[2]):
            value = attribute[2] or attribute[3] or attribute[4]
            if value and (attribute[1].lower() == "id" or tag[1].lower() == "a"):
                yield value
    for heading in HTML_HEADING.finditer(source):
        yield github_slug(html.unescape(re.sub(r"<[^>]*>", "", heading[2])).strip())


def reader_line(kind: str, line: str) -> str:
    """One source line of a block as a reader sees it: block markers and inline markup gone."""
    if kind == "quote":
        line = QUOTE_MARKER.sub("", line)
    if kind in ("list", "quote"):
        line = LIST_MARKER.sub("", line)
    if kind == "table":
        cells = [c.strip() for c in TABLE_CELL.split(line.strip().strip("|"))]
        if all(re.fullmatch(r":?-*:?", c) for c in cells):
            return ""
        return " | ".join(plain_line(c) for c in cells)
    line = line.strip()
    return plain_line(line[:-1] if line.endswith("\\") else line).strip()


def fence_closed(raw: list[str], fence: str) -> bool:
    """Whether the last of a fenced block's ``raw`` lines closes its opening ``fence``."""
    closing = raw[-1].strip() if len(raw) > 1 else ""
    return closing.startswith(fence) and set(closing) == {fence[0]}


def code_text(raw: list[str], fence: str | None, closed: bool) -> str:
    """The code as shown: fence lines become empty lines, indented code loses its indent."""
    if fence is None:
        return "\n".join(r[4:] if r.startswith("    ") else r.lstrip() for r in raw)
    body = raw[1:-1] if closed else raw[1:]
    return "\n".join(["", *(r.rstrip() for r in body), *([""] if closed else [])])
