"""The plain-text reader's decisions, each on a document in the shape of the real ones.

DocBook manuals rendered to text (`Chapter 1.` in the body where the TOC says `1.`, NO-BREAK
SPACE after section numbers, wrapped entries, local TOCs, lists of tables), Sphinx text
(bulleted TOC entries, underlined headings, an `Appendix` caption), Internet-Drafts (bare
section numbers), Chinese official documents (`一、`/`（一）`, articles) and laws.
"""

from __future__ import annotations

import textwrap

from pytest_doclint.model import Document
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers.text import parse

NBSP = "\u00a0"


def txt(source: str) -> Document:
    text = textwrap.dedent(source).lstrip("\n").replace("~", NBSP)
    return parse("doc.txt", text, ParseSettings())


def headings(document: Document) -> list[tuple[int, int, str]]:
    return [(h.line, h.level, h.text.replace(NBSP, " ")) for h in document.headings]


def entries(document: Document) -> list[tuple[int, int, str]]:
    assert document.toc is not None
    return [(e.line, e.level, e.text) for e in document.toc.entries]


# A DocBook manual: `~` stands for the NO-BREAK SPACE DocBook sets after numbers.
MANUAL = """
    The Example Guide

    Table of Contents

    Preface
    1. Getting started
        1.1. Installing the example tools on a machine that has no network access at
        all
        1.2. /etc/example.conf
    2. Reference
    A. Licence

    List of Tables

    1.1. Packages needed on the target machine

    Preface

    This guide explains how the tools are installed and configured.

    Chapter~1.~Getting started

    Table of Contents

    1.1. Installing the example tools on a machine that has no network access at all
    1.2. /etc/example.conf

    1.1.~Installing the example tools on a machine that has no network access at
    all

        Copy the packages to a disc first.

    Table 1.1. Packages needed on the target machine

    1.2.~/etc/example.conf

        The file holds one setting per line.

    Chapter~2.~Reference

        Every option is described here.

    Appendix~A.~Licence

        The guide may be copied freely.
"""


class TestDocBookManual:
    def test_the_toc_ends_where_the_list_of_tables_begins_and_wrapped_entries_are_one(self) -> None:
        document = txt(MANUAL)
        assert entries(document) == [
            (5, 1, "Preface"),
            (6, 1, "1. Getting started"),
            (
                7,
                2,
                "1.1. Installing the example tools on a machine that has no network access at all",
            ),
            (9, 2, "1.2. /etc/example.conf"),
            (10, 1, "2. Reference"),
            (11, 1, "A. Licence"),
        ]
        assert document.toc is not None and (document.toc.line, document.toc.end_line) == (3, 11)

    def test_lists_of_tables_and_local_tocs_are_set_aside(self) -> None:
        document = txt(MANUAL)
        assert [(t.kind, t.line, t.end_line) for t in document.other_tocs] == [
            ("list", 13, 15),
            ("local", 23, 26),
        ]
        assert 15 not in {h.line for h in document.headings}

    def test_body_headings_in_every_form_the_toc_names(self) -> None:
        assert headings(txt(MANUAL)) == [
            (17, 1, "Preface"),
            (21, 1, "Chapter 1. Getting started"),
            (
                28,
                2,
                "1.1. Installing the example tools on a machine that has no network access at all",
            ),
            (35, 2, "1.2. /etc/example.conf"),
            (39, 1, "Chapter 2. Reference"),
            (43, 1, "Appendix A. Licence"),
        ]

    def test_a_caption_is_content_not_a_heading(self) -> None:
        document = txt(MANUAL)
        assert any(b.start_line == 33 and b.kind == "paragraph" for b in document.blocks)

    def test_chinese_chapters_and_appendices(self) -> None:
        document = txt("""
            目录

            1. 欢迎使用
                1.1. 本文档的目的
            A. 安装指南

            第~1~章~欢迎使用

            1.1.~本文档的目的

                本章介绍文档的目的。

            附录~A.~安装指南

                本附录给出安装的步骤。
        """)
        assert headings(document) == [
            (7, 1, "第 1 章 欢迎使用"),
            (9, 2, "1.1. 本文档的目的"),
            (13, 1, "附录 A. 安装指南"),
        ]
        assert [h.number.key for h in document.headings if h.number] == [
            (False, (1,)),
            (False, (1, 1)),
            (True, (1,)),
        ]


def test_sections_counted_per_chapter_take_their_level_from_the_toc_indentation() -> None:
    """`1. Mutt Home Page` under `1. Introduction`: the manual counts sections per chapter."""
    document = txt("""
        Table of Contents

        1. Introduction
            1. Home Page
            2. Mailing Lists
        2. Getting Started
            1. Core Concepts
                1.1. Index

        Chapter~1.~Introduction

        1.~Home Page

        The home page is example.org.

        2.~Mailing Lists

        There are two lists.

        Chapter~2.~Getting Started

        1.~Core Concepts

        Mail is read in menus.

        1.1.~Index

        The index lists messages.
    """)
    assert [level for _, level, _ in entries(document)] == [1, 2, 2, 1, 2, 3]
    assert [level for _, level, _ in headings(document)] == [1, 2, 2, 1, 2, 3]


def test_a_toc_without_a_title_after_a_rule_line() -> None:
    document = txt("""
        The System Administrators' Guide

        ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

        1. Introduction
        2. Overview
            2.1. pam_timestamp - authenticate using cached successful authentication
            attempts

        Chapter~1.~Introduction

        The library lets the administrator choose how applications authenticate.

        Chapter~2.~Overview

        2.1.~pam_timestamp - authenticate using cached successful authentication
        attempts

        The module caches a successful authentication.
    """)
    assert entries(document)[-1][2].endswith("authentication attempts")
    assert headings(document)[-1] == (
        16,
        2,
        "2.1. pam_timestamp - authenticate using cached successful authentication attempts",
    )


def test_sphinx_text_bulleted_toc_with_an_appendix_that_counts_again() -> None:
    document = txt("""
        Developer's Reference
        *********************

        * 1. Scope of This Document

        * 2. Resources

          * 2.1. Mailing lists

        Appendix
        ^^^^^^^^

        * 1. Overview of Tools


        1. Scope of This Document
        *************************

        The reference describes procedures.


        2. Resources
        ************

        The resources are listed here.

        1. It unpacks the tarball by doing

              tar xf package.tar.gz

        2.1. Mailing lists
        ==================

        Lists are on lists.example.org.


        1. Overview of Tools
        ********************

        The tools are described here.
    """)
    assert [text for _, _, text in entries(document)] == [
        "1. Scope of This Document",
        "2. Resources",
        "2.1. Mailing lists",
        "1. Overview of Tools",
    ]
    # `1. It unpacks …` is not underlined as every heading the TOC names is: a list item.
    assert [line for line, _, _ in headings(document)] == [16, 22, 31, 37]
    parts = [h.number.part for h in document.headings if h.number]
    assert parts == ["", "", "", "Appendix"]
    assert not any(b.kind == "table" and b.text.startswith("*") for b in document.blocks)


def test_a_numbered_heading_after_a_semicolon_clause_is_a_heading_the_toc_lists() -> None:
    document = txt("""
        目录
        一、总体要求
        二、主要任务
        三、保障措施

        一、总体要求
        （一）坚持党的领导；
        （二）坚持人民至上；
        二、主要任务
        完成年度目标任务。
        三、保障措施
        加强组织领导。
    """)
    texts = [text for _, _, text in headings(document)]
    assert texts == ["一、总体要求", "二、主要任务", "三、保障措施"]


def test_the_toc_ends_where_the_body_counts_its_chapters_again() -> None:
    """A renamed first chapter (`第一章 总则概述`) is no eighth entry of the TOC."""
    document = txt("""
        目录
         第一章　总则
         第二章　数据安全制度

        第一章　总则概述

        第一条　为了规范数据处理活动，制定本法。

        第二章　数据安全制度

        第二条　国家建立数据分类分级保护制度。
    """)
    assert [text for _, _, text in entries(document)] == ["第一章　总则", "第二章　数据安全制度"]
    assert headings(document)[0] == (5, 1, "第一章　总则概述")


def test_numbered_paragraphs_that_fill_their_lines_are_not_headings() -> None:
    document = txt("""
        GNU General Public License

        1. You may copy and distribute verbatim copies of the Program's source code as
        you receive it, in any medium, provided that you conspicuously and
        appropriately publish on each copy an appropriate copyright notice.

        2. You may modify your copy or copies of the Program or any portion of it,
        thus forming a work based on the Program.
    """)
    assert document.headings == []


def test_bare_section_numbers_are_headings_when_their_subsections_prove_them() -> None:
    document = txt("""
        Pluggable Authentication Modules

          1  Status of this memo

          This document is a draft specification.

          2  Definitions

          2.1  Players in the authentication process

          The applicant is the entity that seeks authentication.

          3  Count of parts

          There are 3  parts in all.
    """)
    assert [text for _, _, text in headings(document)] == [
        "1  Status of this memo",
        "2  Definitions",
        "2.1  Players in the authentication process",
        "3  Count of parts",
    ]
    assert [level for _, level, _ in headings(document)] == [1, 1, 2, 1]


def test_titles_starting_with_a_slash_or_a_bracket_after_a_no_break_space() -> None:
    document = txt("""
        5.~Files

        5.1.~/etc/fstab

        The file lists the file systems.

        5.2.~(optional) Swap

        Swap is optional.

        5.3. (2020-01-01) is a date, not a title
    """)
    assert [text for _, _, text in headings(document)] == [
        "5. Files",
        "5.1. /etc/fstab",
        "5.2. (optional) Swap",
    ]


def test_footnotes_are_list_items_and_columns_are_a_table() -> None:
    document = txt("""
        Acknowledgments

           Brandon Allbery    Keith Bostic       Ian McCloghrie
           Drew Eckhardt      Chris Metcalf      Thomas Sippel-Dau

            ^[1] The method is a set of wrapper scripts.
            This line continues the footnote at its margin.
    """)
    assert [b.kind for b in document.blocks] == ["table", "list"]


def test_code_at_the_margin_reads_as_code() -> None:
    document = txt("""
        Handle multiple personal mailboxes:

        # Exim filter
        if $local_part_suffix is "-foo"
        then
        save $home/mail/foo
        endif
    """)
    assert [b.kind for b in document.blocks] == ["paragraph", "code"]


def test_the_speech_the_project_started_from() -> None:
    """Its TOC is the run of numbered lines before its title; the title is no entry."""
    document = txt("""
        一、回顾过往
        (一)系统性重塑
        二、正视不足
        (一)治理效能的均衡性有待提升
        (二)新兴领域的治理课题亟待破解
        在XX区推进会上的讲话
        同志们:
        今天,我们在这里召开推进会。
        一、回顾过往
        (一)系统性重塑,治理体系更加稳固
        基础不牢,地动山摇。
        二、正视不足
        在肯定成绩的同时,我们必须保持清醒。
        (二)新兴领域的治理课题亟待破解
        新技术新业态不断涌现。
    """)
    assert document.toc is not None and (document.toc.line, document.toc.end_line) == (1, 5)
    assert document.title is not None and document.title.line == 6
    assert [line for line, _, _ in headings(document)] == [9, 10, 12, 14]


def test_block_lines_know_where_they_stand_in_the_source() -> None:
    """Each text line of a block starts after its line's indentation (`　　` is 2 characters)."""
    document = parse(
        "通知.txt",
        "关于做好安全生产工作的通知\n\n一、总体要求\n\n　　各地要高度重视，\n　　切实加强领导。\n\n"
        "    $ make install\n",
        ParseSettings(),
    )
    paragraph = next(b for b in document.blocks if b.kind == "paragraph")
    assert paragraph.text.split("\n") == ["各地要高度重视，", "切实加强领导。"]
    assert paragraph.segments == (((0, 3),), ((0, 3),))
    assert document.title is not None and document.title.segments == ((0, 1),)
    assert all(len(b.segments) == b.end_line - b.start_line + 1 for b in document.blocks)
