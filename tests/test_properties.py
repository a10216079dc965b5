"""Properties of the engine on generated and mutated documents (hypothesis), and of the config.

The seed is fixed (``derandomize=True``) and the example count bounded, so CI sees the same
examples every run. For a longer local run, raise the count:

    DOCLINT_HYPOTHESIS_EXAMPLES=2000 python -m pytest tests/test_properties.py -p no:cacheprovider

Documents are built from lines that look like the real thing in each format (numbered
headings, TOCs with dot leaders, fences, adornments, sign-offs), mixed with arbitrary Unicode,
then mutated (lines dropped, repeated, cut short). The engine API is used directly, not
pytester: a property runs hundreds of documents in the time of one pytest run.
"""

from __future__ import annotations

import codecs
import dataclasses
import operator
import os
import typing
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from pytest_doclint import encoding
from pytest_doclint import engine
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Settings
from pytest_doclint.config import read_yaml
from pytest_doclint.config import validate
from pytest_doclint.errors import ConfigError
from pytest_doclint.findings import Finding
from pytest_doclint.model import Document
from pytest_doclint.model import split_lines
from pytest_doclint.parsers import parse

EXAMPLES = int(os.environ.get("DOCLINT_HYPOTHESIS_EXAMPLES", "50"))
PROPERTY = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""The same examples on every run, and no example database written into the checkout."""
FORMATS = ("text", "markdown", "rest")
RULES = builtin_rules()
ROOT = Path(__file__).parent


def all_rules_settings() -> Settings:
    """Every rule on, at `error`, through the real config machinery."""
    text = "rules:\n" + "".join(f"  {rid}: error\n" for rid in RULES)
    layer = validate(read_yaml(ROOT / "doclint.yaml", text), RULES)
    return ConfigStore(ROOT, RULES).settings_for(ROOT / "doc.txt", [layer])


SETTINGS = all_rules_settings()

# --- documents ----------------------------------------------------------------------------

ZH = [
    "总体要求",
    "工作措施",
    "加强组织领导",
    "强化监督检查",
    "关于做好安全生产工作的通知",
    "各区人民政府",
    "现将有关事项通知如下：",
    "我们要坚持以人民为中心的发展思想。",
    "权责不对等、“小马拉大车”的现象在一",
    "谢谢大家！",
    "（完）",
    "2025年11月27日",
    "XX区委办公室",
    "附件：1. 项目清单",
    "一是提高认识，二是落实责任。",
    "（此页无正文）",
    "系统性重塑，治理体系的“四梁八柱”更加稳固",
    "本办法自印发之日起施行。",
    "目 录",
    "第一章 总则 ........ 3",
    "（一）加强领导。各地要高度重视。",
    "联系人：张三，电话：12345678",
]
EN = [
    "Introduction",
    "Install the package",
    "This document describes the release process.",
    "See also",
    "License: MIT",
    "and then the",
    "Contents",
    "Table of Contents",
    "1.1. Purpose ......... 2",
    "Questions can be sent by email to:",
    "dev@example.org",
    "https://example.org/docs",
    "(see the appendix",
    "Thanks!",
    "Step 2: run `make`",
]
NUMBERS = [
    "一、",
    "二、",
    "三、",
    "十二、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2.",
    "3．",
    "1.1",
    "1.2",
    "2.1 ",
    "1.1.1 ",
    "（1）",
    "(2)",
    "①",
    "②",
    "第一章 ",
    "第二章 ",
    "第一节 ",
    "第一条 ",
    "第十条 ",
    "I. ",
    "II. ",
    "A. ",
    "a) ",
]
ODD = [
    "",
    " ",
    "\t",
    "\u3000\u3000",
    "\f",
    "\x0b",
    "\u2028",
    "\x85",
    "\ufeff",
    "\u200b",
    "\r",
    "\x1c",
    "\ufffd",
    "e\u0301",
    "\U0001f600",
    "\u202e",
    "\\",
]
MARKDOWN = [
    "# ",
    "## ",
    "### ",
    "#### ",
    "###### ",
    "####### ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "```",
    "~~~",
    "<!-- toc -->",
    "<!-- tocstop -->",
    "---",
    "===",
    "| a | b |",
    "|---|---|",
    '<h2 id="x">',
    "</h2>",
    "[link](#total-requirements)",
    "[^1]: note",
    "[ref]: #intro",
    "<!--",
    "-->",
    "**Contents**",
    "- [一、总体要求](#一总体要求)",
]
REST = [
    "====",
    "----",
    "~~~~",
    "####",
    "****",
    "^^^^",
    "''''",
    ".. contents::",
    ".. note::",
    ".. _target:",
    "::",
    "- `Intro`_",
    "#. ",
    ":Author: x",
    ".. |s| replace:: y",
    "`link <#intro>`_",
    ".. code-block:: python",
    "   indented",
    "..",
    "Title\n=====",
    "=====\nTitle\n=====",
    ".. include:: /etc/passwd",
    ".. raw:: html",
]

words = st.sampled_from(ZH + EN)
odd = st.sampled_from(ODD)
noise = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)


@st.composite
def lines(draw: st.DrawFn, fmt: str) -> str:
    markup = {"text": [], "markdown": MARKDOWN, "rest": REST}[fmt]
    kind = draw(
        st.sampled_from(
            [
                "heading",
                "heading",
                "prose",
                "prose",
                "blank",
                "odd",
                "noise",
                *(["markup"] * 3 if markup else []),
            ]
        )
    )
    if kind == "heading":
        return draw(st.sampled_from(NUMBERS)) + draw(words)
    if kind == "prose":
        return "".join(draw(st.lists(words, min_size=1, max_size=4)))
    if kind == "blank":
        return ""
    if kind == "odd":
        return draw(odd) + draw(words) + draw(odd)
    if kind == "noise":
        return draw(noise)
    return draw(st.sampled_from(markup)) + draw(
        st.one_of(st.just(""), words, st.sampled_from(NUMBERS))
    )


@st.composite
def documents(draw: st.DrawFn, fmt: str) -> str:
    body = draw(st.lists(lines(fmt), max_size=30))
    text = "\n".join(body) + draw(st.sampled_from(["", "\n", "\n\n"]))
    return draw(mutated(text))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """Up to three edits: cut the end, drop or repeat a span, or splice in characters."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        to = draw(st.integers(at, min(len(text), at + 40)))
        edit = draw(st.sampled_from(["cut", "drop", "repeat", "splice"]))
        if edit == "cut":
            text = text[:at]
        elif edit == "drop":
            text = text[:at] + text[to:]
        elif edit == "repeat":
            text = text[:to] + text[at:to] + text[to:]
        else:
            text = text[:at] + draw(st.one_of(noise, odd, words)) + text[at:]
    return text


def lint(source: str, fmt: str) -> tuple[Document, list[Finding]]:
    document = parse(f"doc.{fmt}", source, fmt, SETTINGS.parse)
    return document, engine.lint(document, SETTINGS, RULES)


def shape(document: Document) -> tuple:
    """What rules read, as plain values (the heading tree links parents both ways)."""
    return (
        document.lines,
        document.title and (document.title.text, document.title.line),
        document.toc
        and [(e.text, e.level, e.line, e.column, e.target) for e in document.toc.entries],
        [
            (h.text, h.title, h.level, h.line, h.column, h.end_line, h.anchor)
            for h in document.headings
        ],
        [
            (b.kind, b.start_line, b.end_line, b.text, b.closed, b.last_item)
            for b in document.blocks
        ],
        [(link.target, link.line, link.column) for link in document.links],
    )


def brief(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.message) for f in findings]


# --- the properties -------------------------------------------------------------------------

FOUND = {  # what the properties found, kept so that every run checks them
    "empty-list-item": ("markdown", "- "),
    "empty-list-item-after-blank": ("markdown", "\n-"),
    "record-separator-in-text": (
        "text",
        "一、总体要求\n0\x1e0\n我们要坚持以人民为中心的发展思想。总体要求",
    ),
    "form-feed-in-markdown": ("markdown", "\x0c（\x0c（一）加强领导。各地要高度重视。"),
}
FOUND_ENDINGS = {"ideographic-space-line": ("markdown", "# ", "\u3000")}  # and the blank line


@pytest.mark.parametrize("fmt,source", list(FOUND.values()), ids=list(FOUND))
def test_found_examples_lint_cleanly(fmt, source):
    document, findings = lint(source, fmt)
    last = max(len(split_lines(source)), 1)
    assert all(1 <= f.line <= last for f in findings), findings


@pytest.mark.parametrize("fmt,source,blank", list(FOUND_ENDINGS.values()), ids=list(FOUND_ENDINGS))
def test_found_examples_keep_their_ending_verdict(fmt, source, blank):
    verdict = [brief([f]) for f in lint(source, fmt)[1] if f.rule == "no-truncated-ending"]
    padded = source + "\n" + blank + "\n"
    assert verdict == [brief([f]) for f in lint(padded, fmt)[1] if f.rule == "no-truncated-ending"]


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_no_parser_or_rule_raises_and_findings_are_within_the_document(fmt, data):
    source = data.draw(documents(fmt), label="document")
    document, findings = lint(source, fmt)
    last = max(len(split_lines(source)), 1)
    for finding in findings:
        assert 1 <= finding.line <= last, (finding, last)
        assert finding.column >= 1, finding
    for heading in document.headings:
        assert 1 <= heading.line <= heading.end_line <= last, heading


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_parsing_and_linting_are_deterministic(fmt, data):
    source = data.draw(documents(fmt), label="document")
    first, first_findings = lint(source, fmt)
    second, second_findings = lint(source, fmt)
    assert shape(first) == shape(second)
    assert brief(first_findings) == brief(second_findings)


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_blank_lines_at_the_end_never_change_the_ending_verdict(fmt, data):
    source = data.draw(documents(fmt), label="document")
    blanks = data.draw(
        st.lists(st.sampled_from(["", " ", "  ", "\t", "\u3000"]), min_size=1, max_size=4),
        label="blank lines",
    )
    ending = "" if source.endswith(("\n", "\r")) or not source else "\n"
    padded = source + ending + "\n".join(blanks) + "\n"
    verdict = [brief([f]) for f in lint(source, fmt)[1] if f.rule == "no-truncated-ending"]
    assert verdict == [brief([f]) for f in lint(padded, fmt)[1] if f.rule == "no-truncated-ending"]


def _relined(source: str, newline: str) -> str:
    lines = split_lines(source)
    final = newline if source.endswith(("\n", "\r")) else ""
    return newline.join(lines) + final


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "crlf": lambda text: _relined(text, "\r\n").encode("utf-8"),
    "cr": lambda text: _relined(text, "\r").encode("utf-8"),
    "gb18030-crlf": lambda text: _relined(text, "\r\n").encode("gb18030"),
}

chinese_lines = st.one_of(
    st.builds(operator.add, st.sampled_from(NUMBERS), words),
    st.builds("".join, st.lists(words, min_size=1, max_size=4)),
    st.just(""),
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("conversion", list(ENCODINGS))
@PROPERTY
@given(
    body=st.lists(
        st.one_of(chinese_lines, st.builds(operator.add, st.sampled_from(MARKDOWN + REST), words)),
        min_size=1,
        max_size=25,
    ),
    ending=st.sampled_from(["", "\n"]),
)
def test_encoding_and_line_endings_never_change_a_finding(fmt, conversion, body, ending):
    source = "\n".join(body) + ending
    data = ENCODINGS[conversion](source)
    if conversion.startswith("gb18030") and source.isascii() is False:
        try:
            data.decode("utf-8")
            assume(False)  # GB18030 bytes that are also valid UTF-8 are read as UTF-8
        except UnicodeDecodeError:
            pass
    text, _ = encoding.decode(data)
    assert split_lines(text) == split_lines(source)
    assert brief(lint(text, fmt)[1]) == brief(lint(source, fmt)[1])


# --- configs --------------------------------------------------------------------------------

RULE_IDS = list(RULES)
OPTIONS = sorted({f.name for rule in RULES.values() for f in dataclasses.fields(rule.options)})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "error",
            "warning",
            "off",
            "document",
            "rule",
            "default",
            "zh-official",
            "gb18030",
            "utf-8",
            "base64",
            "auto",
            "*.md",
            "docs/*",
            "cn-part",
            "decimal",
            "(?P<n>\\d+)、",
            "(?P<n>(a+)+)",
            "[",
            "siblings",
            "。；",
        ]
    ),
    st.text(max_size=8),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["name", "pattern", "x"]), inner, max_size=3),
    ),
    max_leaves=8,
)


def mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Valid values most of the time, so that validation gets past the first key."""
    return st.integers(0, 9).flatmap(lambda n: junk if n == 0 else valid)


def option_values(rule) -> st.SearchStrategy:  # type: ignore[no-untyped-def]
    hints = typing.get_type_hints(rule.options)
    by_type = {
        int: st.integers(-2, 100),
        bool: st.booleans(),
        float: st.floats(-1, 100),
        str: st.one_of(
            st.sampled_from(["siblings", "document", "^figure-", "(x+)+"]), st.text(max_size=6)
        ),
        list: st.lists(st.sampled_from(["(完)", "^END$", "(", "(a*)*", "附件"]), max_size=3),
    }
    fields = {
        f.name: mostly(by_type.get(typing.get_origin(hints[f.name]) or hints[f.name], junk))
        for f in dataclasses.fields(rule.options)
    }
    severity = mostly(st.sampled_from(["error", "warning", "off"]))
    return st.one_of(severity, st.fixed_dictionaries({}, optional={"severity": severity, **fields}))


scheme = st.fixed_dictionaries(
    {
        "name": mostly(st.sampled_from(["mine", "x"])),
        "pattern": mostly(
            st.sampled_from(["(?P<n>\\d+)\\)", "(?P<n>[a-z])\\]", "(?P<n>(a+)+)", "(", "x"])
        ),
    },
    optional={
        "numeral": mostly(st.sampled_from(["arabic", "chinese", "roman", "bogus"])),
        "rank": junk,
        "run_in": junk,
    },
)
text_section = st.fixed_dictionaries(
    {},
    optional={
        "schemes": mostly(
            st.lists(
                st.sampled_from(["cn-part", "cn-paren", "decimal", "mine", "bogus"]), max_size=3
            )
        ),
        "custom_schemes": mostly(st.lists(scheme, max_size=2)),
        "max_heading_width": mostly(st.integers(-5, 200)),
        "run_in_headings": mostly(st.booleans()),
        "toc_markers": mostly(st.lists(st.text(max_size=5), max_size=3)),
        "heading_end_punctuation": mostly(st.text(max_size=4)),
    },
)
rules_section = mostly(
    st.fixed_dictionaries({}, optional={rid: option_values(rule) for rid, rule in RULES.items()})
)
globs = st.lists(
    st.sampled_from(["*.txt", "*.md", "docs/*", "**/*.rst", "[", "doc.*"]), min_size=1, max_size=3
)
encodings = st.sampled_from(["auto", "utf-8", "gb18030", "utf-16-le", "latin-1", "utf8x", "base64"])
override = st.fixed_dictionaries(
    {"files": mostly(globs)},
    optional={"rules": rules_section, "text": mostly(text_section), "encoding": mostly(encodings)},
)
configs = st.fixed_dictionaries(
    {},
    optional={
        "extends": mostly(
            st.lists(
                st.sampled_from(["default", "zh-official", "markdown-docs", "nope"]), max_size=2
            )
        ),
        "include": mostly(globs),
        "exclude": mostly(globs),
        "items": mostly(st.sampled_from(["document", "rule"])),
        "rules": rules_section,
        "text": mostly(text_section),
        "overrides": mostly(st.lists(override, max_size=3)),
        "root": mostly(st.booleans()),
        "encoding": mostly(encodings),
    },
)


@PROPERTY
@given(config=configs)
def test_any_config_is_either_valid_or_a_config_error(config, tmp_path_factory):
    """A config either loads (and then never breaks parsing) or stops with a ConfigError."""
    folder = tmp_path_factory.mktemp("config")
    (folder / "doclint.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
    store = ConfigStore(folder, RULES)
    try:
        settings = store.settings_for(folder / "doc.txt")
    except ConfigError:
        return
    for fmt in FORMATS:
        document = parse(
            f"doc.{fmt}", "一、总体要求\n\n正文。\n\n二、措施\n\n正文\n", fmt, settings.parse
        )
        engine.lint(document, settings, RULES)
