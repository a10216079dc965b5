"""`shorten`, which quotes headings and entries in messages: the middle goes, so the beginning
(the number) and the end (where sibling headings differ) stay; widths count CJK as two."""

from __future__ import annotations

import pytest

from pytest_doclint.textutil import display_width
from pytest_doclint.textutil import shorten

# Headings of one plan that share their opening and their closing words.
HEADING = "（三）深入推进基层治理体系和{}治理能力现代化建设，全面提升服务保障水平"


def test_text_that_fits_is_quoted_whole():
    assert shorten("三、收费依据和标准") == "三、收费依据和标准"
    assert shorten("a" * 80) == "a" * 80


@pytest.mark.parametrize("width", [24, 40, 64])
def test_the_middle_goes_and_both_ends_stay(width):
    text = "第一章 关于进一步加强和改进新时代基层治理体系和治理能力现代化建设的若干意见（试行）"
    short = shorten(text, width)
    start, end = short.split("…")
    assert text.startswith(start) and text.endswith(end)
    assert display_width(short) <= width
    # Balanced in columns: the two ends differ by at most one wide character and the `…`.
    assert abs(display_width(start) - display_width(end)) <= 3


def test_wide_characters_count_as_two_columns():
    assert shorten("一二三四五六七八九十", 9) == "一二…九十"
    assert shorten("abcdefghij", 9) == "abcd…ghij"


def test_tail_keeps_only_the_end():
    assert shorten("权责不对等、“小马拉大车”的现象在一", 16, tail=True) == "…大车”的现象在一"


@pytest.mark.parametrize("words", [("", "城乡"), ("农村", "城市"), ("乡村振兴战略", "新型城镇化")])
def test_headings_that_differ_only_in_the_middle_stay_distinguishable(words):
    """A did-you-mean hint must not quote the entry and the heading alike: headings of up to
    40 CJK characters are quoted whole, wherever two of them differ."""
    entry, heading = (HEADING.format(word) for word in words)
    assert display_width(heading) > 60
    assert shorten(entry) == entry and shorten(heading) == heading
    assert shorten(entry) != shorten(heading)
