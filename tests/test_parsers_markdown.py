"""The Markdown parser: headings, title, TOC, blocks, links and anchors of real-looking READMEs."""

from __future__ import annotations

import textwrap

import pytest

from pytest_doclint.model import Document
from pytest_doclint.model import column_at
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse as parse_any
from pytest_doclint.parsers.markdown import parse
from pytest_doclint.scope import locate


def md(source: str) -> Document:
    return parse("README.md", textwrap.dedent(source).lstrip("\n"), ParseSettings())


def outline(document: Document) -> list[tuple[int, int, str]]:
    return [(h.line, h.level, h.text) for h in document.headings]


def blocks(document: Document) -> list[tuple[str, int, int]]:
    return [(b.kind, b.start_line, b.end_line) for b in document.blocks]


README = """
    # pytest-doclint

    Lint documents as part of the test run.

    ## **Install** the [CLI](https://pypi.org/project/pytest-doclint)

    ```sh
    # not a heading
    pip install pytest-doclint
    ```

      ### Usage with `pytest`

    > ## A quoted heading
    > is part of the quote.

    - ## A heading in a list item

    <h2 id="html-heading">Raw HTML heading</h2>

    Configuration ![gear](gear.png) <sup>new</sup>
    ----------------------------------------------

    Release notes
    =============
"""


def test_headings_levels_lines_and_texts() -> None:
    document = md(README)
    assert outline(document) == [
        (1, 1, "pytest-doclint"),
        (5, 2, "Install the CLI"),
        (12, 3, "Usage with pytest"),
        (19, 2, "Raw HTML heading"),
        (21, 2, "Configuration gear new"),
        (24, 1, "Release notes"),
    ]
    # Where the words start, after the `#` marks: a caret belongs under the text.
    assert [h.column for h in document.headings] == [3, 4, 7, 1, 1, 1]
    assert document.format == "markdown"
    assert document.path == "README.md"
    assert document.encoding == "utf-8"


def test_nested_headings_are_only_link_targets() -> None:
    document = md(README)
    # README renderers such as npm's give raw `<h2>` headings slug ids.
    assert {
        "a-quoted-heading",
        "a-heading-in-a-list-item",
        "html-heading",
        "raw-html-heading",
    } <= document.anchors
    assert "A quoted heading" not in {h.text for h in document.headings}


def test_one_line_html_headings_are_headings_markdown_rules_leave_out() -> None:
    """A reader sees `<h2>Raw HTML heading</h2>` as a heading of the outline, the TOC may
    link to it; markdownlint's heading rules count only `#` and setext headings."""
    document = md(README)
    (html,) = [h for h in document.headings if h.html]
    assert (html.text, html.level, html.anchor) == ("Raw HTML heading", 2, "html-heading")
    assert html not in document.markup_headings
    assert "html" not in {b.kind for b in document.blocks if b.start_line == html.line}


def test_heading_anchors_leave_images_out() -> None:
    anchors = [h.anchor for h in md(README).markup_headings]
    assert anchors == [
        "pytest-doclint",
        "install-the-cli",
        "usage-with-pytest",
        "configuration--new",
        "release-notes",
    ]


def test_heading_tree_and_sections() -> None:
    document = md(README)
    first, install, usage, html, configuration, notes = document.headings
    assert install.parent is first and usage.parent is install and html.parent is first
    assert configuration.parent is first and notes.parent is None
    assert (first.end_line, install.end_line, usage.end_line) == (23, 18, 18)


def test_setext_heading_over_two_lines() -> None:
    document = md("""
        A heading that is
        written on two lines
        --------------------

        Text.
    """)
    assert outline(document) == [(1, 2, "A heading that is written on two lines")]


def test_chinese_numbered_headings() -> None:
    document = md("""
        # 关于加强基层治理的实施意见

        ## 一、总体要求

        ### （一）加强组织领导

        各地要高度重视。

        ## 二、主要任务
    """)
    titles = [(h.number.token if h.number else None, h.title) for h in document.headings]
    assert titles == [
        (None, "关于加强基层治理的实施意见"),
        ("一、", "总体要求"),
        ("（一）", "加强组织领导"),
        ("二、", "主要任务"),
    ]
    assert [h.anchor for h in document.headings] == [
        "关于加强基层治理的实施意见",
        "一总体要求",
        "一加强组织领导",
        "二主要任务",
    ]
    assert document.title is not None and document.title.text == "关于加强基层治理的实施意见"


def test_decimal_numbered_heading() -> None:
    heading = md("## 1.2 Purpose\n").headings[0]
    assert heading.number is not None and heading.number.values == (1, 2)
    assert (heading.text, heading.title, heading.anchor) == ("1.2 Purpose", "Purpose", "12-purpose")


def test_custom_id_and_duplicate_slugs() -> None:
    document = md("""
        # Guide

        ## Options {#guide-options}

        ## Usage

        > ## Usage

        ## Usage

        ## Usage-1

        ## Not An Id {#Upper Case}
    """)
    assert [h.text for h in document.headings] == [
        "Guide",
        "Options",
        "Usage",
        "Usage",
        "Usage-1",
        "Not An Id {#Upper Case}",
    ]
    assert [h.anchor for h in document.headings] == [
        "guide",
        "guide-options",
        "usage",
        "usage-2",
        "usage-1-1",
        "not-an-id-upper-case",
    ]
    assert "usage-1" in document.anchors  # the quoted heading took it, as on GitHub
    assert (
        "options-guide-options" in document.anchors
    )  # GitHub's slug of `Options {#guide-options}`


def test_front_matter_title_and_lines() -> None:
    document = md("""
        ---
        layout: post
        title: "Release 2.0"
        # not a heading
        ---

        # Release notes

        Text.
    """)
    assert document.title is not None
    assert (document.title.text, document.title.line) == ("Release 2.0", 3)
    assert outline(document) == [(7, 1, "Release notes")]
    assert blocks(document) == [("paragraph", 9, 9)]


def test_front_matter_without_title_falls_back_to_the_first_heading() -> None:
    document = md("""
        ---
        layout: post
        ---
        <!-- a comment renders nothing -->

        # Release notes
    """)
    assert document.title is not None
    assert (document.title.text, document.title.line) == ("Release notes", 6)


def test_no_title_when_the_document_does_not_open_with_a_level_1_heading() -> None:
    assert md("Intro text.\n\n# Heading\n").title is None
    assert md("## Section\n\n# Heading\n").title is None
    assert md('<p align="center">logo</p>\n\n# Heading\n').title is None


TOC_MARKERS = """
    # Project

    <!-- toc -->

    - [Install](#install)
    - [Usage](#usage)
      * [1.1 Basic use](#11-basic-use)
      * [Advanced](#advanced)
    - [Changelog](CHANGELOG.md)
    - [FAQ](https://example.com/faq#top)

    <!-- tocstop -->

    ## Install

    See [usage](#usage) and [the docs](https://example.com/#install).

    ## Usage

    ### 1.1 Basic use

    ### Advanced
"""


def test_toc_between_markers() -> None:
    toc = md(TOC_MARKERS).toc
    assert toc is not None
    assert (toc.line, toc.end_line, toc.marker) == (3, 12, "<!-- toc -->")
    entries = [(e.line, e.column, e.level, e.text, e.target, e.external) for e in toc.entries]
    assert entries == [
        (5, 4, 1, "Install", "install", False),  # the column of the link text
        (6, 4, 1, "Usage", "usage", False),
        (7, 6, 2, "1.1 Basic use", "11-basic-use", False),
        (8, 6, 2, "Advanced", "advanced", False),
        (9, 4, 1, "Changelog", None, True),  # links to another file: names, claims nothing
        (10, 4, 1, "FAQ", None, True),
    ]
    numbered = toc.entries[2]
    assert numbered.number is not None and (numbered.number.values, numbered.title) == (
        (1, 1),
        "Basic use",
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [("<!-- TOC -->", "<!-- /TOC -->"), ("<!-- MarkdownTOC -->", "<!-- /MarkdownTOC -->")],
)
def test_toc_between_other_tools_markers(start: str, end: str) -> None:
    source = f"{start}\n\n- [Intro](#intro)\n\n{end}\n\nSee [Intro](#intro).\n\n## Intro\n"
    toc = parse("README.md", source, ParseSettings()).toc
    assert toc is not None and (toc.line, toc.end_line, toc.marker) == (1, 5, start)


def test_toc_between_doctoc_markers() -> None:
    document = md("""
        # Project

        <!-- START doctoc generated TOC please keep comment here to allow auto update -->
        <!-- DON'T EDIT THIS SECTION, INSTEAD RE-RUN doctoc TO UPDATE -->
        **Table of Contents**

        - [Über uns](#%C3%BCber-uns)
        - [`yup`](#yup)

        <!-- END doctoc generated TOC please keep comment here to allow auto update -->

        ## Über uns
    """)
    toc = document.toc
    assert toc is not None and toc.marker is not None and toc.marker.startswith("<!-- START doctoc")
    assert (toc.line, toc.end_line) == (3, 10)
    assert [(e.text, e.target) for e in toc.entries] == [("Über uns", "über-uns"), ("yup", "yup")]
    assert document.headings[1].anchor == "über-uns"


@pytest.mark.parametrize(
    "marker",
    [
        "## Table of Contents",
        "## Contents",
        "## TOC",
        "## 目 录",
        "**Table of contents:**",
        "## 目录",
    ],
)
def test_toc_under_a_marker(marker: str) -> None:
    document = md(f"""
        # 项目

        {marker}

        1. [安装](#安装)
        2. [使用](#使用)

        ## 安装

        ## 使用
    """)
    toc = document.toc
    assert toc is not None
    assert (toc.line, toc.end_line) == (3, 6)
    assert toc.marker is not None and toc.marker in marker
    assert [(e.line, e.level, e.text, e.target) for e in toc.entries] == [
        (5, 1, "安装", "安装"),
        (6, 1, "使用", "使用"),
    ]


def test_directory_layout_is_not_a_toc() -> None:
    document = md("""
        # 项目

        ## 目录结构

        - [src/](src/)：源代码
        - [docs/](docs/)：文档
    """)
    assert document.toc is None


def test_toc_as_the_first_list_of_fragment_links() -> None:
    document = md("""
        # Project

        - Fast
        - Small

        **Guide**
        - [Features](#Features)
        - **[Usage](#usage)**
        - [Contact](#contact) and [more](#more)
        - Plain item

        ## Features

        - [Usage](#usage)
        - [Contact](#contact)
    """)
    toc = document.toc
    assert toc is not None
    assert (toc.line, toc.end_line, toc.marker) == (7, 10, None)
    assert [(e.line, e.text, e.target) for e in toc.entries] == [
        (7, "Features", "Features"),
        (8, "Usage", "usage"),
        (9, "Contact", "contact"),
    ]


def test_a_list_with_few_fragment_links_is_not_a_toc() -> None:
    document = md("""
        # Project

        - See [usage](#usage) below
        - Or read the source
        - [Install](#install)
        - Or ask

        ## Usage
    """)
    assert document.toc is None
    assert [(link.text, link.target, link.line) for link in document.links] == [
        ("usage", "usage", 3),
        ("Install", "install", 5),
    ]


def test_links_outside_the_toc() -> None:
    document = md(TOC_MARKERS + "\n    Back to [the top][top].\n\n    [top]: #project\n")
    # A reference-style link is reported where its fragment is written: the definition.
    assert [(link.text, link.target, link.line, link.column) for link in document.links] == [
        ("usage", "usage", 16, 5),
        ("top", "project", 26, 1),
    ]


BLOCKS = """
    # Notes

    A paragraph with **bold** text
    over two lines.

    - first item
    - last item
      continued

    | Name | Value |
    | ---- | ----- |
    | `a`  | 1     |

    > Quoted
    > text.

    <div align="center">
      <img src="logo.png">
    </div>

    <!-- a closed comment -->

        indented code

    [docs]: https://example.com/docs
    [home]: https://example.com

    ---

    ```python
    print("unclosed")
"""


def test_block_kinds_and_spans() -> None:
    document = md(BLOCKS)
    assert blocks(document) == [
        ("paragraph", 3, 4),
        ("list", 6, 8),
        ("table", 10, 12),
        ("quote", 14, 15),
        ("html", 17, 19),
        ("comment", 21, 21),
        ("code", 23, 23),
        ("definitions", 25, 26),
        ("code", 30, 31),
    ]
    assert [b.closed for b in document.blocks] == [True] * 8 + [False]
    assert [b.kind for b in document.content_blocks()] == [
        "paragraph",
        "list",
        "table",
        "quote",
        "html",
        "code",
        "code",
    ]


def test_block_text_keeps_one_line_per_source_line() -> None:
    by_kind = {b.kind: b for b in md(BLOCKS).blocks}
    assert by_kind["paragraph"].text == "A paragraph with bold text\nover two lines."
    assert by_kind["list"].text == "first item\nlast item\ncontinued"
    assert by_kind["list"].last_item == "last item\ncontinued"
    assert by_kind["table"].text == "Name | Value\n\na | 1"
    assert by_kind["quote"].text == "Quoted\ntext."
    assert by_kind["html"].text == "\n\n"
    assert (
        by_kind["definitions"].text
        == "[docs]: https://example.com/docs\n[home]: https://example.com"
    )
    assert by_kind["code"].text == '\nprint("unclosed")'
    for block in md(BLOCKS).blocks:
        assert len(block.text.split("\n")) == block.end_line - block.start_line + 1


def test_closed_fence() -> None:
    block = md("# Code\n\n````md\n```\nnested\n```\n````\n").blocks[0]
    assert (block.kind, block.start_line, block.end_line, block.closed) == ("code", 3, 7, True)
    assert block.text == "\n```\nnested\n```\n"


def test_unclosed_comment_runs_to_the_end() -> None:
    document = md("""
        # Draft

        Some text.

        <!-- TODO: finish

        ## Not a heading: inside the comment
    """)
    assert outline(document) == [(1, 1, "Draft")]
    last = document.blocks[-1]
    assert (last.kind, last.start_line, last.end_line, last.closed) == ("comment", 5, 7, False)


def test_toc_list_is_a_block_and_headings_are_not() -> None:
    document = md(TOC_MARKERS)
    assert ("list", 5, 10) in blocks(document)
    assert all(b.start_line not in {h.line for h in document.headings} for b in document.blocks)


def test_html_anchors() -> None:
    document = md("""
        # API

        <a name="export"></a>
        ## pino()

        Text with an <a id=inline-anchor></a> inline anchor and <span id='span-id'>x</span>.

        <div name="not-a-target"></div>
    """)
    assert document.anchors == {"export", "inline-anchor", "span-id"}


def test_parser_registry_reaches_the_markdown_parser() -> None:
    document = parse_any("docs/index.md", "# Title\n", "markdown", ParseSettings())
    assert document.format == "markdown" and outline(document) == [(1, 1, "Title")]


def test_empty_and_odd_documents_do_not_raise() -> None:
    for source in (
        "",
        "\n\n",
        "#",
        "---\n",
        "---\ntitle: [unclosed\n---\n",
        "```",
        "<!--",
        "- [a](#)\n- [b](#)\n",
        "# \\\n",
        "\r\n# CRLF\r\n\r\ntext\r\n",
    ):
        document = parse("x.md", source, ParseSettings())
        assert document.toc is None and document.links == []
    assert outline(parse("x.md", "\r\n# CRLF\r\n\r\ntext\r\n", ParseSettings())) == [(2, 1, "CRLF")]


@pytest.mark.parametrize(
    ("source", "kind", "end_line", "title_line"),
    [
        ("---\nlayout: post\ntitle: Notes\n---\n\n\n# Notes\n", "yaml", 6, 3),
        ('+++\ntitle = "Notes"\n...\n\n# Notes\n', "toml", 4, 2),
        ('{\n  "title": "Notes"\n}\n# Notes\n', "json", 3, 2),
    ],
)
def test_front_matter_in_the_model(source: str, kind: str, end_line: int, title_line: int) -> None:
    """markdownlint's three kinds of front matter, the blank lines after it included."""
    matter = parse("README.md", source, ParseSettings()).front_matter
    assert matter is not None
    assert (matter.kind, matter.start_line, matter.end_line) == (kind, 1, end_line)
    assert matter.lines[0] == source.split("\n")[0]
    assert matter.title_line(r'^\s*"?title"?\s*[:=]') == title_line
    assert matter.title_line("") is None


def test_no_front_matter_without_its_closing_line_or_past_the_first_line() -> None:
    assert md("---\ntitle: x\n\n# Heading\n").front_matter is None
    assert md("Intro.\n\n---\ntitle: x\n---\n").front_matter is None


def test_front_matter_closed_on_the_last_line_holds_no_heading() -> None:
    """The closing `---` without a line break after it is no setext underline."""
    document = parse("x.md", "---\nfront: matter\n---", ParseSettings())
    assert document.headings == [] and document.blocks == []


def test_html_block_tags() -> None:
    document = md("""
        # Release

        <details>
        <summary>Changes</summary>
        <!-- <div> in a comment is no tag -->

        - fixed a crash

        </details>
        <div align="center"><img src="logo.png"
          alt="logo"></div>
    """)
    tags = [(t.name, t.closing, t.line) for b in document.blocks for t in b.tags]
    assert tags == [
        ("details", False, 3),
        ("summary", False, 4),
        ("summary", True, 4),
        ("details", True, 9),
        ("div", False, 10),
        ("img", False, 10),
        ("div", True, 11),
    ]


def test_table_rows_and_cells_as_a_reader_sees_them() -> None:
    document = md("""
        | Option | Default | Meaning |
        | ------ | :-----: | ------- |
        | `level` | **info** | [Log level](#levels) |
        | `name` | | Logger name \\| id |
        | `cut` | short
    """)
    (table,) = document.blocks
    assert table.rows == (
        ("Option", "Default", "Meaning"),
        ("level", "info", "Log level"),
        ("name", "", "Logger name | id"),
        ("cut", "short"),  # GFM pads a short row; the model keeps what is written
    )


def test_text_lines_know_where_they_stand_in_the_source() -> None:
    """Offsets in a block's text, a heading's or a TOC entry's map to source columns, markup
    between them left out."""
    document = md("""
        # 一、**总体**要求

        - [Install](#install) now
        - **Bold** and _em_ with `code`, [a link](http://x.org) end

        | `a`  | 1     |
        | ---- | ----- |
    """)
    heading = document.headings[0]
    assert heading.text == "一、总体要求"
    assert column_at(heading.segments, heading.text.index("要")) == 11
    listing, table = document.blocks
    line = listing.text.split("\n")[1]
    assert line == "Bold and em with code, a link end"
    source = document.line_text(4)
    for word in ("and", "em", "code", "a link", "end"):
        offset = line.index(word)
        assert source[column_at(listing.segments[1], offset) - 1 :].startswith(word)
    assert locate(document, 4, line, line.index("code"), "code") == source.index("code") + 1
    assert table.text.split("\n")[0] == "a | 1"
    assert locate(document, 6, "a | 1", 4, "1") == 10
    assert locate(document, 99, "not in the document", 3) == 1


def test_link_columns_count_characters_not_bytes() -> None:
    source = "# 标题\r\n\r\n见「[下文](#下文)」。\r\n\r\n## 下文\r\n"
    document = parse("x.md", source, ParseSettings())
    assert [(link.line, link.column, link.target) for link in document.links] == [(3, 3, "下文")]


def test_reference_definitions_after_a_list_are_their_own_block() -> None:
    document = md("""
        - startOfDay

        [unreleased]: https://example.com/compare/v2...HEAD
        [2.0.0]: https://example.com/compare/v1...v2
        [1.0.0]: https://example.com/releases/v1
    """)
    assert blocks(document) == [("list", 1, 1), ("definitions", 3, 5)]


def test_closing_hashes_after_a_tab_are_not_heading_text() -> None:
    assert outline(md("## Tab (right)\t##\n\n# C#\n")) == [(1, 2, "Tab (right)"), (3, 1, "C#")]


def test_links_commonmark_reads_are_links() -> None:
    """A destination after white space, and escapes in it, as CommonMark reads them."""
    document = md("""
        # Valid heading

        [text]( #valid-heading "title" ) and [escaped](#valid\\-heading).
    """)
    assert [(link.text, link.target, link.column) for link in document.links] == [
        ("text", "valid-heading", 1),
        ("escaped", "valid-heading", 38),
    ]


def test_code_spans_lend_no_anchors_and_hold_no_directives() -> None:
    document = md("""
        # API

        Write `<a name="faq"></a>` or `<!-- doclint-disable -->` to do that.
        A real <a id="here"></a> anchor. <!-- doclint-disable-next-line toc-matches-body -->
    """)
    assert document.anchors == {"here"}
    assert [(d.line, d.action) for d in document.directives] == [(4, "disable-next-line")]


def test_a_tab_after_a_closing_fence_or_a_delimiter_row_is_white_space() -> None:
    """CommonMark and GFM allow spaces or tabs there; pulldown-cmark 0.10 needs help."""
    document = md("```\t\nstatus\n```\t\n\n| a | b |\n|---|---|\t\n| 1 | 2 |\n\nThe end.\n")
    assert blocks(document) == [("code", 1, 3), ("table", 5, 7), ("paragraph", 9, 9)]
    assert document.blocks[0].closed


def test_lone_carriage_returns_end_lines_in_html_blocks_too() -> None:
    document = parse("x.md", "Intro text.\r<!-- toc -->\rMore text.\r", ParseSettings())
    assert blocks(document) == [("paragraph", 1, 1), ("comment", 2, 2), ("paragraph", 3, 3)]
