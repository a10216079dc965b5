"""The reStructuredText parser: docutils' structure with line numbers checked against the source."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse as parse_any
from pytest_doclint.parsers.rest import parse
from pytest_doclint.parsers.rest import parse_with_messages


def doc(source: str):  # type: ignore[no-untyped-def]
    return parse("doc.rst", textwrap.dedent(source).lstrip("\n"), ParseSettings())


def outline(document) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    return [(h.line, h.level, h.text) for h in document.headings]


def kinds(document) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(b.kind, b.start_line, b.end_line) for b in document.blocks]


CHANGELOG = """
    Changelog
    =========

    Release notes for every version.

    2.0 (2024-05-01)
    ----------------

    Added
    ~~~~~

    - A new parser.

    Fixed
    ~~~~~

    - A crash on empty files.

    1.0 (2023-01-01)
    ----------------

    First release.
"""


def test_underlined_headings_get_their_title_line_and_nesting_level() -> None:
    document = parse(
        "a.rst", "Intro\n=====\n\nText.\n\nUsage\n=====\n\nSub\n---\n\nMore.\n", ParseSettings()
    )
    assert outline(document) == [(1, 1, "Intro"), (6, 1, "Usage"), (9, 2, "Sub")]
    assert [h.end_line for h in document.headings] == [5, 12, 12]
    assert document.headings[2].parent is document.headings[1]
    assert [h.anchor for h in document.headings] == ["intro", "usage", "sub"]
    assert document.title is None
    assert document.format == "rest"


def test_the_only_top_section_is_the_document_title_not_a_heading() -> None:
    document = doc(CHANGELOG)
    assert document.title is not None
    assert (document.title.text, document.title.line) == ("Changelog", 1)
    assert outline(document) == [
        (6, 1, "2.0 (2024-05-01)"),
        (9, 2, "Added"),
        (14, 2, "Fixed"),
        (19, 1, "1.0 (2023-01-01)"),
    ]
    assert all(h.number is None for h in document.headings)  # versions are not numbering


def test_overlined_title_is_found_on_its_text_line() -> None:
    document = doc("""
        =========
         Changes
        =========

        7.2 (2024-11-28)
        ================

        - Drop support for Python 3.7.

        ==========
        Old
        ==========

        Text.
    """)
    assert document.title is None  # two top sections: no document title
    assert outline(document) == [(2, 1, "Changes"), (5, 2, "7.2 (2024-11-28)"), (11, 1, "Old")]
    assert kinds(document) == [("list", 8, 8), ("paragraph", 14, 14)]


def test_cjk_titles_with_short_or_long_underlines_are_sections() -> None:
    document, messages = parse_with_messages(
        "oss.rst",
        textwrap.dedent("""\
        版本记录
        ====

        Version 2.19.1
        -------------

        - 修复：上传失败的问题

        用来干啥
        ------------------

        给微信机器人用。
    """),
        ParseSettings(),
    )
    assert document.title is not None and document.title.text == "版本记录"
    assert outline(document) == [(4, 1, "Version 2.19.1"), (9, 1, "用来干啥")]
    assert messages == []  # "Title underline too short" is a warning, not an error


def test_numbered_titles_carry_their_number() -> None:
    document = doc("""
        规章制度
        ========

        第一章 总则
        -----------

        本办法适用于全体员工。

        1.2 Scope
        ~~~~~~~~~

        Text.
    """)
    first, second = document.headings
    assert first.number is not None and first.number.token == "第一章"
    assert first.title == "总则"
    assert second.number is not None and second.number.values == (1, 2)
    assert (second.title, second.level) == ("Scope", 2)


def test_contents_directive_is_a_generated_toc() -> None:
    document = doc("""
        Guide
        =====

        .. contents::
           :depth: 2

        Install
        -------

        Run pip.
    """)
    toc = document.toc
    assert toc is not None
    assert (toc.line, toc.end_line, toc.marker, toc.generated, toc.entries) == (
        4,
        5,
        "contents",
        True,
        [],
    )
    assert outline(document) == [(7, 1, "Install")]
    assert kinds(document) == [("paragraph", 10, 10)]


def test_a_comment_after_the_contents_directive_is_no_toc() -> None:
    document = doc("""
        .. contents::
        ..
           1  The Element class
             1.1  Elements are lists

        The Element class
        =================

        Text.
    """)
    assert document.toc is not None and document.toc.generated
    assert (document.toc.line, document.toc.end_line) == (1, 1)
    assert kinds(document)[0] == ("comment", 2, 4)


def test_a_list_under_a_contents_title_is_the_toc() -> None:
    document = doc("""
        The Tool
        ========

        Contents
        --------

        1. `Requirements <#requirements>`__
        2. `Third party packages with
           rules <#third-party>`__

           - `Plugins`_

        Requirements
        ------------

        Python 3.

        Third-party packages
        --------------------

        Plugins
        ~~~~~~~

        Some.
    """)
    toc = document.toc
    assert toc is not None and not toc.generated
    assert (toc.line, toc.end_line, toc.marker) == (4, 11, "Contents")
    assert [(e.level, e.line, e.column, e.text, e.target) for e in toc.entries] == [
        (1, 7, 4, "Requirements", "requirements"),
        (1, 8, 4, "Third party packages with rules", "third-party"),
        (2, 11, 6, "Plugins", "plugins"),
    ]
    # The marker section is the TOC, not a body section the TOC must list.
    assert outline(document) == [
        (13, 1, "Requirements"),
        (18, 1, "Third-party packages"),
        (21, 2, "Plugins"),
    ]
    assert kinds(document) == [("paragraph", 16, 16), ("paragraph", 24, 24)]


def test_chinese_contents_title() -> None:
    document = doc("""
        目　录
        ------

        - 一、总体要求
        - 二、主要任务

        一、总体要求
        ------------

        内容。
    """)
    toc = document.toc
    assert toc is not None
    assert [(e.text, e.number.token if e.number else None) for e in toc.entries] == [
        ("一、总体要求", "一、"),
        ("二、主要任务", "二、"),
    ]
    assert outline(document) == [(7, 1, "一、总体要求")]


def test_a_leading_list_of_section_links_is_the_toc() -> None:
    document = doc("""
        - `Install`_
        - `Use it`_
        - `Missing section`_

        Install
        =======

        Text.

        Use it
        ======

        See `Install`_ and `Python`_.

        .. _Python: https://python.org
    """)
    toc = document.toc
    assert toc is not None and toc.marker is None
    assert (toc.line, toc.end_line) == (1, 3)
    assert [e.target for e in toc.entries] == ["install", "use-it", "missing-section"]
    assert [(link.text, link.target, link.line, link.column) for link in document.links] == [
        ("Install", "install", 13, 5)
    ]  # the link to python.org leaves the document
    assert document.anchors == {"install", "use-it"}


def test_a_list_of_external_links_is_no_toc() -> None:
    document = doc("""
        - `Docs <https://example.org/docs>`_
        - `Code <https://example.org/code>`_

        Install
        =======

        Text.
    """)
    assert document.toc is None
    assert kinds(document)[0] == ("list", 1, 2)


def test_blocks_have_kinds_and_source_lines() -> None:
    document = doc("""
        Title
        =====

        A paragraph that is
        wrapped over two lines.

        - one
        - two

          continued.

        Example::

            code line
            more code

        .. comment
           spanning two lines

        +-----+-----+
        | a   | b   |
        +-----+-----+

            A quotation.

        >>> print(1)
        1

        .. note::

           Remember this.

        .. code:: python

           x = 1

        .. _target:

        .. image:: picture.png

        Term
           Its definition.
    """)
    assert kinds(document) == [
        ("paragraph", 4, 5),
        ("list", 7, 10),
        ("paragraph", 12, 12),
        ("code", 14, 15),
        ("comment", 17, 18),
        ("table", 20, 22),
        ("quote", 24, 24),
        ("code", 26, 27),
        ("quote", 29, 31),
        ("code", 33, 35),
        ("definitions", 37, 37),
        ("html", 39, 39),
        ("list", 41, 42),
    ]
    paragraph, items = document.blocks[0], document.blocks[1]
    assert paragraph.text == "A paragraph that is\nwrapped over two lines."
    assert items.text.split("\n") == ["- one", "- two", "", "continued."]
    assert items.last_item == "two continued."
    assert document.blocks[2].text == "Example:"


def test_block_text_has_one_line_per_source_line_without_markup() -> None:
    document = doc("""
        The end is **near** and `the docs
        <https://example.org>`_ say why,
        see ``code``
    """)
    block = document.blocks[0]
    assert (block.start_line, block.end_line) == (1, 3)
    assert block.text.split("\n") == ["The end is near and the docs", "say why,", "see code"]


def test_an_indented_list_is_a_list() -> None:
    document = doc("""
        Text.

          - #6994, #7163
          - #7622
    """)
    assert kinds(document) == [("paragraph", 1, 1), ("list", 3, 4)]
    assert document.blocks[-1].last_item == "#7622"


def test_substitutions_and_targets_at_the_end_render_nothing() -> None:
    document = doc("""
        The last sentence.

        .. |badge| image:: https://example.org/badge.svg
           :target: https://example.org
        .. _`GitHub releases page`: https://github.com/example/releases
    """)
    assert [(b.kind, b.renders) for b in document.blocks] == [
        ("paragraph", True),
        ("definitions", False),
        ("definitions", False),
    ]
    assert kinds(document)[1:] == [("definitions", 3, 4), ("definitions", 5, 5)]


def test_errors_are_reported_with_their_line_and_keep_their_source_as_a_block() -> None:
    source = textwrap.dedent("""\
        Title
        =====

        Text.

        .. frobnicate:: now

        +-----+----+
        | a   |
        +-----+----+
    """)
    document, messages = parse_with_messages("bad.rst", source, ParseSettings())
    assert messages == [
        (6, 3, 'Unknown directive type "frobnicate".'),
        (9, 3, "Malformed table. Right border not aligned or missing."),
    ]
    assert kinds(document) == [("paragraph", 4, 4), ("code", 6, 6), ("code", 8, 10)]
    assert parse("bad.rst", source, ParseSettings()).blocks == document.blocks


def test_section_titles_are_not_blocks_and_links_in_titles_are_found() -> None:
    document = doc("""
        Guide
        =====

        Contents
        --------

        - `Setup <#setup>`__

        Setup
        -----

        `Back to Contents <#contents>`__
        ''''''''''''''''''''''''''''''''
    """)
    assert kinds(document) == []
    assert outline(document) == [(9, 1, "Setup"), (12, 2, "Back to Contents")]
    assert [(link.target, link.line, link.column) for link in document.links] == [
        ("contents", 12, 1)
    ]
    assert "contents" in document.anchors  # the TOC's own section is still a link target


def test_nothing_is_printed_and_no_file_is_read(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET CONTENT\n", encoding="utf-8")
    source = textwrap.dedent(f"""\
        Title
        ==

        .. include:: {secret}

        .. raw:: html
           :file: {secret}

        .. csv-table::
           :file: {secret}

        Unknown :role:`x` and `unclosed

        - item

          Sub
          ---
    """)
    document, messages = parse_with_messages("x.rst", source, ParseSettings())
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert all("SECRET CONTENT" not in b.text for b in document.blocks)
    assert any(level >= 3 for _, level, _ in messages)


@pytest.mark.parametrize(
    "source",
    [
        "",
        "\n\n",
        "=====\n",
        "Title\n=====",
        "=====\nTitle\n",
        "- a\n" + "".join(" " * (2 * i) + "- x\n\n" for i in range(400)),
        ".. contents::\n.. contents::\n",
        "a\x0cb\u2028c\r\nTitle\r\n=====\r\n\r\ntext\r",
        "`a <#b>`__ `c`_ |sub|_ [1]_ `unclosed",
        "Title\n=====\n\nSub\n~~~\n\nSub2\n----\n\nBack\n~~~~\n",
    ],
)
def test_never_raises(source: str) -> None:
    document, messages = parse_with_messages("x.rst", source, ParseSettings())
    for block in document.blocks:
        assert 1 <= block.start_line <= block.end_line <= max(len(document.lines), 1)
        assert len(block.text.split("\n")) == block.end_line - block.start_line + 1
    assert all(isinstance(line, int) and line >= 1 for line, _, _ in messages)


def test_line_numbers_follow_the_model_line_splitting() -> None:
    document = parse(
        "x.rst", "Intro\u2028text\n=====\n\nPara\x0cgraph.\n\nNext\n====\n\nEnd.\n", ParseSettings()
    )
    assert outline(document) == [(1, 1, "Intro text"), (6, 1, "Next")]
    assert kinds(document) == [("paragraph", 4, 4), ("paragraph", 9, 9)]


def test_dispatch_by_format_name() -> None:
    document = parse_any("a.rst", "Title\n=====\n\nText.\n", "rest", ParseSettings())
    assert document.format == "rest" and document.title is not None


def test_a_contents_section_without_a_list_is_an_ordinary_section() -> None:
    document = doc("""
        Contents
        ========

        What the package ships.

        Usage
        =====

        Text.
    """)
    assert document.toc is None
    assert outline(document) == [(1, 1, "Contents"), (6, 1, "Usage")]


def test_block_lines_know_where_they_stand_in_the_source() -> None:
    document = doc("""
        Guide
        =====

        Install it with **pip**, then
        run ``doclint docs/``.

        * an item
          wrapped
    """)
    paragraph, listing = document.blocks
    assert paragraph.text.split("\n") == ["Install it with pip, then", "run doclint docs/."]
    assert paragraph.segments[0] == ((0, 1), (16, 19), (19, 24))
    assert listing.segments[1] == ((0, 3),)
