"""Declarative rule types: instances built from YAML snippets, run on small documents.

Each test states the exact (line, column, message) findings, as the rule fixtures do for the
built-in rules, on documents written the way real ones are: notices and speeches in Chinese,
READMEs and guides in English, with and without the problem the rule is for.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest
import yaml

from pytest_doclint.core import NoOptions
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.parsers import ParseSettings
from pytest_doclint.parsers import parse
from pytest_doclint.rule_types import RESERVED_KEYS
from pytest_doclint.rule_types import RULE_TYPES
from pytest_doclint.rule_types import TYPE_ALIASES
from pytest_doclint.rule_types import TypeRule
from pytest_doclint.rule_types import build
from pytest_doclint.rule_types import check_example
from pytest_doclint.rule_types import schema

SPEECH = Path(__file__).parent.parent / "examples" / "speech.txt"
Found = list[tuple[int, int, str]]


def rule_from(snippet: str) -> TypeRule:
    """The one rule a YAML snippet `id: {type: …, …}` defines."""
    ((rule_id, spec),) = yaml.safe_load(textwrap.dedent(snippet)).items()
    return build(rule_id, spec)


def lint(rule: Rule, text: str, format_name: str = "text") -> Found:
    document = parse(f"doc.{format_name}", textwrap.dedent(text), format_name, ParseSettings())
    return [(f.line, f.column, f.message) for f in rule.run(document, NoOptions(), "error")]


def config_error(snippet: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        rule_from(snippet)
    return caught.value


NOTICE = """\
    关于开展2026年度安全生产大检查的通知

    各街道办事处，区政府各部门：

    为切实做好安全生产工作，请各单位于3月底前完成自查。
    其它事项另行通知，联系人：某某同志。

    XX区安全生产委员会办公室
    2026年2月10日
    """


class TestRegistry:
    def test_every_type_is_registered_under_its_name(self) -> None:
        assert list(RULE_TYPES) == [
            "pattern",
            "required-pattern",
            "substitution",
            "occurrence",
            "length",
            "consistency",
            "heading-order",
            "announced-count",
        ]
        assert TYPE_ALIASES == {"required-headings-template": "heading-order"}

    def test_a_rule_name_is_not_taken_for_a_type(self) -> None:
        """`required-headings` is the built-in MD043 rule; as a type it would mean a second
        algorithm under the same name."""
        with pytest.raises(ConfigError, match="is a built-in rule .* write `type: heading-order`"):
            build("plan", {"type": "required-headings", "headings": ["总体要求"]})

    def test_every_key_is_documented_and_the_common_keys_are_everywhere(self) -> None:
        for rule_type in RULE_TYPES.values():
            properties = schema(rule_type)["properties"]
            assert set(RESERVED_KEYS) <= set(properties), rule_type.name  # type: ignore[arg-type]
            for key, prop in properties.items():  # type: ignore[union-attr]
                assert prop["description"], f"{rule_type.name}.{key} has no help"

    def test_build_returns_an_ordinary_rule_with_its_examples(self) -> None:
        rule = rule_from("""
            placeholders:
              type: pattern
              severity: warning
              description: Placeholders left in the text.
              patterns: [XX区]
              examples: {valid: ["在朝阳区召开"], invalid: ["在XX区召开"]}
        """)
        assert isinstance(rule, Rule)
        assert (rule.id, rule.type, rule.summary) == (
            "placeholders",
            "pattern",
            "Placeholders left in the text",
        )
        assert rule.options is NoOptions
        assert rule.examples.valid == ("在朝阳区召开",)
        assert rule.examples.invalid == ("在XX区召开",)
        assert rule.spec["severity"] == "warning"

    def test_severity_is_left_to_the_config_layer(self) -> None:
        rule = rule_from("""
            placeholders:
              type: pattern
              severity: off
              patterns: [XX区]
        """)
        assert rule.spec["severity"] is False

    def test_an_alias_builds_the_same_type(self) -> None:
        rule = rule_from("""
            outline:
              type: required-headings-template
              headings: ["一、总体要求", "*"]
        """)
        assert rule.type == "heading-order"


class TestPattern:
    PLACEHOLDERS = """
        placeholders:
          type: pattern
          severity: error
          message: "Placeholder `{match}` left in the text"
          hint: "replace it with the real name"
          scope: body
          patterns: ["XX区", "某某", "TODO"]
    """

    def test_the_speech_placeholder_in_the_body(self) -> None:
        found = lint(rule_from(self.PLACEHOLDERS), SPEECH.read_text(encoding="utf-8"))
        assert found == [(18, 66, "Placeholder `XX区` left in the text")]

    def test_scope_all_includes_the_title(self) -> None:
        rule = rule_from(self.PLACEHOLDERS.replace("scope: body", "scope: all"))
        found = lint(rule, SPEECH.read_text(encoding="utf-8"))
        assert found == [
            (15, 2, "Placeholder `XX区` left in the text"),
            (18, 66, "Placeholder `XX区` left in the text"),
        ]

    def test_hint_and_each_match_on_a_line(self) -> None:
        rule = rule_from(self.PLACEHOLDERS)
        document = parse("n.txt", textwrap.dedent(NOTICE), "text", ParseSettings())
        findings = rule.run(document, NoOptions(), "error")
        assert [(f.line, f.column, f.message, f.hint, f.length) for f in findings] == [
            (6, 14, "Placeholder `某某` left in the text", "replace it with the real name", 2),
            (8, 1, "Placeholder `XX区` left in the text", "replace it with the real name", 3),
        ]

    def test_clean_notice(self) -> None:
        notice = NOTICE.replace("某某", "张明").replace("XX区", "朝阳区")
        assert lint(rule_from(self.PLACEHOLDERS), notice) == []

    def test_latin_words_need_their_boundaries_and_columns_follow_markup(self) -> None:
        rule = rule_from("""
            todo:
              type: pattern
              patterns: [TODO, 某某]
              ignore_case: true
        """)
        readme = """\
            # Release checklist

            - Update the changelog (todo: ask **某某**)
            - TODOS are fine, TODO is not

            ```
            TODO inside a code block is code
            ```
            """
        assert lint(rule, readme, "markdown") == [
            (3, 25, "Text `todo` is not allowed here"),
            (3, 37, "Text `某某` is not allowed here"),
            (4, 19, "Text `TODO` is not allowed here"),
        ]

    def test_regular_expressions(self) -> None:
        rule = rule_from(r"""
            dates:
              type: pattern
              regex: true
              message: "Date `{match}` is not written as GB/T 9704 asks"
              patterns: ['\d{4}-\d{1,2}-\d{1,2}']
        """)
        assert lint(rule, NOTICE.replace("2026年2月10日", "2026-2-10")) == [
            (9, 1, "Date `2026-2-10` is not written as GB/T 9704 asks")
        ]
        assert lint(rule, NOTICE) == []

    def test_scope_by_heading_level(self) -> None:
        rule = rule_from("""
            no-question-headings:
              type: pattern
              scope: headings.h2
              regex: true
              patterns: ['\\?$']
        """)
        guide = """\
            # Why pytest?

            ## What is a fixture?

            A fixture provides data.

            ### Can fixtures be shared?

            Yes.
            """
        assert lint(rule, guide, "markdown") == [(3, 21, "Text `?` is not allowed here")]


class TestRequiredPattern:
    DATE = r"""
        date-line:
          type: required-pattern
          regex: true
          scope: body
          message: "The notice has no date line"
          hint: "add the date of issue under the signature"
          patterns: ['\d{4}年\d{1,2}月\d{1,2}日']
    """

    def test_missing_date_is_reported_at_the_first_line_of_the_scope(self) -> None:
        undated = NOTICE.replace("    2026年2月10日\n", "")
        assert lint(rule_from(self.DATE), undated) == [(3, 1, "The notice has no date line")]

    def test_dated_notice(self) -> None:
        assert lint(rule_from(self.DATE), NOTICE) == []

    def test_default_message_and_an_empty_document(self) -> None:
        rule = rule_from("""
            licence:
              type: required-pattern
              patterns: [License]
        """)
        assert lint(rule, "") == [(1, 1, "Required text `License` does not appear in the document")]


class TestSubstitution:
    TERMS = """
        house-terms:
          type: substitution
          swap: {其它: 其他, 登陆: 登录}
    """

    def test_each_wrong_spelling_with_its_replacement(self) -> None:
        text = """\
            关于规范政务服务平台用语的通知

            请登陆平台后查看其它事项，其他问题另行通知。
            """
        assert lint(rule_from(self.TERMS), text) == [
            (3, 2, "Use `登录` instead of `登陆`"),
            (3, 9, "Use `其他` instead of `其它`"),
        ]

    def test_right_spellings_pass(self) -> None:
        text = "关于规范用语的通知\n\n请登录平台后查看其他事项。\n"
        assert lint(rule_from(self.TERMS), text) == []

    def test_regex_keys_fill_the_replacement(self) -> None:
        rule = rule_from(r"""
            versions:
              type: substitution
              regex: true
              message: "Write `{replacement}`, not `{match}`"
              swap: {'[Pp]ython ?(\d)': 'Python \1'}
        """)
        text = "Requirements\n\nThe tool needs python3 or Python 3.\n"
        assert lint(rule, text) == [(3, 16, "Write `Python 3`, not `python3`")]


class TestOccurrence:
    def test_too_many_in_one_paragraph(self) -> None:
        rule = rule_from("""
            long-lists:
              type: occurrence
              scope: paragraphs
              pattern: "，"
              max: 2
        """)
        text = """\
            工作简报

            今天，我们召开会议，研究部署工作，安排下步任务。
            会议要求，各单位抓好落实。

            会议强调，要抓好落实。
            """
        assert lint(rule, text) == [
            (3, 17, "Too many `，` in this paragraph (expected at most 2, found 4)")
        ]

    def test_too_few_in_the_document(self) -> None:
        rule = rule_from("""
            contact:
              type: occurrence
              per: document
              pattern: 联系人
              min: 1
              scope: body
        """)
        assert lint(rule, NOTICE) == []
        assert lint(rule, NOTICE.replace("联系人", "负责人")) == [
            (3, 1, "Too few `联系人` in this document (expected at least 1, found 0)")
        ]


class TestLength:
    def test_headings_in_characters(self) -> None:
        rule = rule_from("""
            short-headings:
              type: length
              max: 12
        """)
        text = """\
            XX区2026年重点工作安排

            一、总体要求
            二、以高质量党建引领基层治理现代化建设
            三、保障措施
            """
        assert lint(rule, text) == [
            (
                4,
                1,
                "Heading `二、以高质量党建引领基层治理现代化建设` "
                "is too long (expected at most 12 characters, "
                "found 19)",
            )
        ]

    def test_width_counts_a_chinese_character_twice(self) -> None:
        rule = rule_from("""
            narrow-headings:
              type: length
              unit: width
              max: 20
        """)
        text = "工作安排\n\n一、总体要求\n二、以高质量党建引领基层\n"
        assert lint(rule, text) == [
            (
                4,
                1,
                "Heading `二、以高质量党建引领基层` is too long "
                "(expected at most 20 columns, found 24)",
            )
        ]

    def test_sentences_split_where_sentences_end(self) -> None:
        rule = rule_from("""
            short-sentences:
              type: length
              scope: paragraphs
              per: sentence
              max: 40
        """)
        guide = """\
            # Style guide

            Keep sentences short. Use lists, e.g. for steps, where they help readers scan text.
            Dr. Smith agrees. So does the team at No. 10.
            """
        assert lint(rule, guide, "markdown") == [
            (
                3,
                23,
                "Sentence `Use lists, e.g. for steps, where they help readers scan text.` "
                "is too long (expected at most 40 characters, found 61)",
            )
        ]

    def test_chinese_sentences_and_the_minimum(self) -> None:
        rule = rule_from("""
            sentences:
              type: length
              scope: paragraphs
              per: sentence
              min: 4
              max: 20
        """)
        text = """\
            工作要求

            各单位要高度重视。要结合本单位实际情况认真制定具体实施方案并抓好落实！
            好。确保取得实效？
            """
        assert lint(rule, text) == [
            (
                3,
                10,
                "Sentence `要结合本单位实际情况认真制定具体实施方案并抓好落实！` "
                "is too long (expected at most 20 characters, found 26)",
            ),
            (4, 1, "Sentence `好。` is too short (expected at least 4 characters, found 2)"),
        ]


class TestConsistency:
    RULE = """
        wechat:
          type: consistency
          either: {WeChat: 微信}
    """

    def test_both_spellings_reported_at_the_later_ones_first_use(self) -> None:
        text = """\
            关于开通政务新媒体的通知

            一、开通微信公众号
            各单位要于3月底前开通微信公众号。
            二、运营要求
            WeChat账号由办公室统一管理，WeChat内容须经审核。
            """
        assert lint(rule_from(self.RULE), text) == [
            (6, 1, "`WeChat` and `微信` (line 3) both appear in this document")
        ]

    def test_one_spelling_throughout(self) -> None:
        text = "Integrations\n\nSend alerts to WeChat. WeChat groups work too.\n"
        assert lint(rule_from(self.RULE), text) == []


class TestHeadingOrder:
    NOTICE_OUTLINE = """
        notice-outline:
          type: heading-order
          headings: ["一、总体要求", "*", "三、保障措施"]
    """
    PLAN = "关于推进基层治理工作的实施方案\n\n{}"

    def test_template_with_a_wildcard(self) -> None:
        text = self.PLAN.format(
            "一、总体要求\n坚持。\n二、主要任务\n落实。\n三、保障措施\n加强。\n"
        )
        assert lint(rule_from(self.NOTICE_OUTLINE), text) == []

    def test_full_width_and_half_width_forms_match(self) -> None:
        rule = rule_from("""
            outline:
              type: heading-order
              scope: headings.h2
              headings: ["（一）加强领导", "(二)强化督查"]
        """)
        text = self.PLAN.format("一、措施\n(一)加强领导\n要加强。\n（二）强化督查\n要督查。\n")
        assert lint(rule, text) == []

    def test_a_renamed_heading(self) -> None:
        text = self.PLAN.format(
            "一、工作目标\n坚持。\n二、主要任务\n落实。\n三、保障措施\n加强。\n"
        )
        assert lint(rule_from(self.NOTICE_OUTLINE), text) == [
            (3, 1, "Heading `一、工作目标` does not follow the template (expected `一、总体要求`)")
        ]

    def test_the_document_ends_early(self) -> None:
        text = self.PLAN.format("一、总体要求\n坚持。\n二、主要任务\n落实。\n")
        assert lint(rule_from(self.NOTICE_OUTLINE), text) == [
            (5, 1, "The headings end before the template does (missing `三、保障措施`)")
        ]

    def test_a_missing_section_and_an_extra_one(self) -> None:
        rule = rule_from("""
            plan:
              type: heading-order
              headings: [总体要求, 主要任务, 保障措施]
        """)
        text = self.PLAN.format("一、总体要求\n坚持。\n二、保障措施\n加强。\n三、附则\n施行。\n")
        assert lint(rule, text) == [
            (5, 1, "Heading `二、保障措施` skips the required `主要任务`"),
            (7, 1, "Heading `三、附则` is not in the template (expected no more headings)"),
        ]

    def test_markdown_sections_with_one_and_some(self) -> None:
        readme = (
            "# Project\n\n## Install\n\nRun pip.\n\n## Usage\n\nImport it.\n\n## License\n\nMIT.\n"
        )
        one = rule_from("""
            readme:
              type: heading-order
              scope: headings.h2
              headings: [Installation, "?", License]
        """)
        assert lint(one, readme, "markdown") == [
            (3, 4, "Heading `Install` does not follow the template (expected `Installation`)")
        ]
        some = rule_from("""
            readme:
              type: heading-order
              scope: headings.h2
              headings: [Install, Usage, "+", License]
        """)
        assert lint(some, readme, "markdown") == [
            (11, 4, "Heading `License` skips the required one more heading")
        ]


class TestAnnouncedCount:
    RULE = """
        announced-count:
          type: announced-count
    """

    def test_the_speech_announces_three_points_and_delivers_two(self) -> None:
        rule = rule_from(self.RULE)
        document = parse("speech.txt", SPEECH.read_text(encoding="utf-8"), "text", ParseSettings())
        findings = rule.run(document, NoOptions(), "error")
        assert [(f.line, f.column, f.message, f.hint) for f in findings] == [
            (
                19,
                5,
                "`下面,我讲三点意见。` announces 3 parts (found 2: `一、` at line 20, `二、` at "
                "line 29)",
                "add the missing parts, or change the count to 2",
            )
        ]

    def test_three_points_three_parts(self) -> None:
        text = """\
            在全区安全生产工作会议上的讲话

            同志们：

            下面，我讲三点意见。
            一、提高认识
            安全生产是底线。
            二、压实责任
            各单位要落实主体责任。
            三、强化督查
            要加大督查力度。
            """
        assert lint(rule_from(self.RULE), text) == []

    def test_subsections_items_and_ordinals(self) -> None:
        text = """\
            关于加强社区治理的意见

            一、总体要求
            主要有三个方面：
            （一）坚持党建引领
            （二）坚持问题导向
            二、工作措施
            工作分为四个部分推进：一是摸底，二是建账，三是整改，四是验收。
            三、工作要求
            我讲以下几点：
            1. 统一思想；
            """
        assert lint(rule_from(self.RULE), text) == [
            (
                4,
                3,
                "`主要有三个方面：` announces 3 parts (found 2: `（一）` at line 5, `（二）` at "
                "line 6)",
            ),
            (
                10,
                2,
                "`我讲以下几点：` announces several parts (found 1: `1. 统一思想；` at line 11)",
            ),
        ]

    def test_more_parts_than_announced(self) -> None:
        text = (
            "工作部署\n\n我讲两点意见。\n一、统一思想\n要统一。\n二、压实责任\n要压实。\n"
            "三、强化督查\n要督查。\n"
        )
        rule = rule_from(self.RULE)
        document = parse("t.txt", text, "text", ParseSettings())
        (finding,) = rule.run(document, NoOptions(), "error")
        assert (finding.line, finding.column, finding.message, finding.hint) == (
            3,
            2,
            "`我讲两点意见。` announces 2 parts (found 3: `一、` at line 4, `二、` at "
            "line 6, `三、` at line 8)",
            "change the count to 3, or merge the extra parts",
        )

    def test_english_sections_and_lists(self) -> None:
        guide = """\
            # Release guide

            Three steps follow.

            ## Tag

            Tag it.

            ## Build

            Build it.
            """
        assert lint(rule_from(self.RULE), guide, "markdown") == [
            (
                3,
                1,
                "`Three steps follow.` announces 3 parts (found 2: `Tag` at line 5, `Build` "
                "at line 9)",
            )
        ]
        listed = """\
            # Release guide

            The following four sections describe the process:

            1. Tag the release.
            2. Build the wheel.
            3. Upload it.
            4. Announce it.
            """
        assert lint(rule_from(self.RULE), listed, "markdown") == []

    def test_a_bullet_list_of_three_after_yixia_sandian(self) -> None:
        notice = """\
            # 关于做好汛期安全工作的通知

            各单位要抓好以下三点：

            - 落实防汛责任，明确到人；
            - 排查隐患，建立台账；
            - 做好应急值守。
            """
        assert lint(rule_from(self.RULE), notice, "markdown") == []
        assert lint(rule_from(self.RULE), notice.replace("# ", ""), "text") == []

    def test_a_numbered_list_with_sub_bullets_counts_its_top_level_items(self) -> None:
        plan = textwrap.dedent("""\
            # 工作安排

            下面讲三点：

            1. 统一思想
               - 学习文件精神
               - 开展专题讨论
            2. 压实责任
            3. 强化督查
               - 每月通报一次
            """)
        assert lint(rule_from(self.RULE), plan, "markdown") == []
        two = plan.replace("3. 强化督查\n   - 每月通报一次\n", "")
        assert lint(rule_from(self.RULE), two, "markdown") == [
            (
                3,
                3,
                "`下面讲三点：` announces 3 parts (found 2: `1. 统一思想` at line 5, "
                "`2. 压实责任` at line 8)",
            )
        ]

    def test_plain_text_items_on_lines_of_their_own(self) -> None:
        """Items one per line, or parted by blank lines: a reader counts them the same."""
        tight = """\
            工作安排

            下面讲三点：
            - 统一思想，提高认识；
              学习文件精神。
            - 压实责任，落实到人；
            - 强化督查，每月通报。
            """
        assert lint(rule_from(self.RULE), tight) == []
        loose = """\
            工作安排

            下面讲三点：

            - 统一思想，提高认识；

              要组织专题学习。

            - 压实责任，落实到人；

            - 强化督查，每月通报。
            """
        assert lint(rule_from(self.RULE), loose) == []

    def test_a_run_of_ordinals_counts_each(self) -> None:
        speech = """\
            在全区安全生产工作会议上的讲话

            下面，我讲三点意见。

            一是统一思想，提高认识。

            二是压实责任，落实到人。

            三是强化督查，严格问责。
            """
        assert lint(rule_from(self.RULE), speech) == []

    def test_the_following_three_steps_and_a_list_of_three(self) -> None:
        guide = """\
            # Release guide

            Publish a release in the following three steps:

            - Tag the commit.
            - Build the wheel and the sdist.
            - Upload both to PyPI.
            """
        assert lint(rule_from(self.RULE), guide, "markdown") == []

    def test_three_announced_two_listed_is_still_reported(self) -> None:
        notice = """\
            关于做好汛期安全工作的通知

            各单位要抓好以下三点：

            - 落实防汛责任，明确到人；

            - 排查隐患，建立台账。

            特此通知。
            """
        assert lint(rule_from(self.RULE), notice) == [
            (
                3,
                7,
                "`各单位要抓好以下三点：` announces 3 parts (found 2: `- 落实防…到人；` at "
                "line 5, `- 排查隐…台账。` at line 7)",
            )
        ]

    def test_an_announcement_followed_by_more_text_is_left_alone(self) -> None:
        text = (
            "工作总结\n\n今年主要有三个方面的成绩。具体情况如下。\n\n各单位要总结经验。\n"
            "一、成绩\n有成绩。\n"
        )
        assert lint(rule_from(self.RULE), text) == []

    def test_custom_patterns_need_a_count_group(self) -> None:
        rule = rule_from("""
            announced:
              type: announced-count
              defaults: false
              patterns: ['(?P<n>[一二三四五六七八九十])项任务如下']
        """)
        text = "任务分解\n\n今年三项任务如下：\n一、改造小区\n要改造。\n二、整治小巷\n要整治。\n"
        assert lint(rule, text) == [
            (
                3,
                3,
                "`今年三项任务如下：` announces 3 parts (found 2: "
                "`一、` at line 4, `二、` at line 6)",
            )
        ]


class TestRegexSafety:
    def test_a_pathological_pattern_times_out_once_per_document(self) -> None:
        """`(a+)+$` on 50,000 `a`s and a `b` backtracks for ever; the time limit stops it."""
        rule = rule_from("""
            runaway:
              type: pattern
              regex: true
              patterns: ['(a+)+$']
        """)
        line = "a" * 50_000 + "b"
        text = f"Title\n\n{line}\n\n{line}\n"
        started = time.monotonic()
        found = lint(rule, text)
        assert time.monotonic() - started < 2
        assert found == [
            (3, 1, "Pattern `(a+)+$` took longer than 100 ms on this line; simplify it")
        ]

    def test_the_time_limit_is_a_key(self) -> None:
        rule = rule_from("""
            runaway:
              type: pattern
              regex: true
              timeout_ms: 20
              patterns: ['(x+x+)+y']
        """)
        assert lint(rule, "Title\n\n" + "x" * 5000 + "\n") == [
            (3, 1, "Pattern `(x+x+)+y` took longer than 20 ms on this line; simplify it")
        ]


class TestConfigErrors:
    """Each problem names the rule and the value, and carries the key path for the caller."""

    @pytest.mark.parametrize(
        ("snippet", "message", "key"),
        [
            (
                "x: {type: patern, patterns: [a]}",
                "unknown rule type `patern` for rule `x`; did you mean `pattern`? (expected one "
                "of: "
                "pattern, required-pattern, substitution, occurrence, length, consistency, "
                "heading-order, announced-count)",
                ("type",),
            ),
            (
                "x: {patterns: [a]}",
                "rule `x` needs a `type`: one of pattern, required-pattern, "
                "substitution, occurrence, length, consistency, heading-order, announced-count",
                (),
            ),
            (
                "x: {type: pattern, pattern: [a]}",
                "unknown key `pattern` for rule `x` of type `pattern`; did you mean `patterns`? "
                "(expected one of: type, severity, message, hint, description, scope, timeout_ms, "
                "examples, patterns, regex, ignore_case, word_boundaries)",
                ("pattern",),
            ),
            (
                "x: {type: pattern, patterns: a}",
                "rule `x`: `patterns` must be a list of text, got text `a`",
                ("patterns",),
            ),
            (
                "x: {type: pattern, regex: true, patterns: [a, b, '(c']}",
                "rule `x`: `patterns.2` `(c` is not a valid regular expression: missing ) at "
                "position 2",
                ("patterns", "2"),
            ),
            (
                "x: {type: pattern, regex: true, patterns: ['a*']}",
                "rule `x`: `patterns.0` `a*` matches empty text, so it would match everywhere",
                ("patterns", "0"),
            ),
            (
                "x: {type: pattern}",
                "rule `x` of type `pattern` needs `patterns`: the forbidden "
                "texts: literal text, or regular expressions with `regex: true`",
                (),
            ),
            (
                "x: {type: pattern, patterns: []}",
                "rule `x` of type `pattern` needs `patterns`: "
                "the forbidden texts: literal text, or regular expressions with `regex: true`",
                ("patterns",),
            ),
            (
                "x: {type: pattern, scope: heading, patterns: [a]}",
                "unknown scope `heading` for rule `x`; did you mean `headings`? (expected one of: "
                "title, toc, headings, body, paragraphs, all, headings.h1, headings.level-2)",
                ("scope",),
            ),
            (
                "x: {type: pattern, message: 'Found {word}', patterns: [a]}",
                "rule `x`: unknown placeholder `{word}` in `message` (a `pattern` rule has: "
                "`{match}`, `{pattern}`)",
                ("message",),
            ),
            (
                "x: {type: occurrence, pattern: a}",
                "rule `x` of type `occurrence` needs `min`, `max` or both",
                (),
            ),
            (
                "x: {type: length, min: 9, max: 3}",
                "rule `x`: `min` (9) is more than `max` (3)",
                ("min",),
            ),
            (
                "x: {type: length, max: 10, unit: bytes}",
                "rule `x`: `unit` cannot be `bytes` (expected one of: characters, width)",
                ("unit",),
            ),
            ("x: {type: length, max: 0}", "rule `x`: `max` must be at least 1, got 0", ("max",)),
            (
                "x: {type: substitution, swap: {其它: 其他}, ignore_case: yes please}",
                "rule `x`: `ignore_case` must be true or false, got text `yes please`",
                ("ignore_case",),
            ),
            (
                "x: {type: substitution, regex: true, swap: {'(a)b': '\\2'}}",
                "rule `x`: `swap.(a)b` refers to group `2`, which `(a)b` does not have",
                ("swap", "(a)b"),
            ),
            (
                "x: {type: announced-count, patterns: ['讲三点']}",
                "rule `x`: `patterns.0` `讲三点` needs a group named `n`: `(?P<n>…)`",
                ("patterns", "0"),
            ),
            (
                "x: {type: pattern, patterns: [a], examples: {valid: [a], wrong: [b]}}",
                "unknown key `wrong` in `examples` of rule `x` (expected one of: valid, invalid, "
                "format)",
                ("examples", "wrong"),
            ),
            (
                "x: {type: pattern, patterns: [a], examples: {invalid: [1]}}",
                "rule `x`: `examples.invalid[0]` must be text, got a number",
                ("examples", "invalid", "0"),
            ),
            (
                "Bad_Id: {type: pattern, patterns: [a]}",
                "rule id `Bad_Id` must be lower-case words joined by `-` (`placeholders`, "
                "`house-terms`)",
                (),
            ),
            ("x: [pattern]", "rule `x` must be a mapping with a `type`, got a list", ()),
        ],
    )
    def test_problem(self, snippet: str, message: str, key: tuple[str, ...]) -> None:
        error = config_error(snippet)
        assert (error.message, error.key) == (message, key)
        assert str(error) == message  # no location: the config layer adds file and line


class TestExamples:
    RULE = """
        placeholders:
          type: pattern
          scope: body
          patterns: [XX区, 某某]
          examples:
            valid: ["会议在朝阳区召开。"]
            invalid: ["会议在XX区召开。", "联系人：某某"]
    """

    def test_examples_that_behave(self) -> None:
        rule = rule_from(self.RULE)
        assert [check_example(rule, text, False) for text in rule.examples.valid] == [None]
        assert [check_example(rule, text, True) for text in rule.examples.invalid] == [None, None]

    def test_a_wrong_example_says_why(self) -> None:
        rule = rule_from(self.RULE)
        assert check_example(rule, "会议在XX区召开。", False) == (
            "valid example `会议在XX区召开。` gives 1:4: Text `XX区` is not allowed here"
        )
        assert check_example(rule, "会议在朝阳区召开。", True) == (
            "invalid example `会议在朝阳区召开。` gives no finding"
        )

    def test_an_example_is_text_of_the_rules_scope(self) -> None:
        rule = rule_from("""
            short-titles:
              type: length
              scope: title
              max: 10
              examples:
                valid: ["关于安全生产的通知"]
                invalid: ["关于进一步加强和改进全区安全生产工作的通知"]
        """)
        assert check_example(rule, rule.examples.valid[0], False) is None
        assert check_example(rule, rule.examples.invalid[0], True) is None

    def test_structural_examples_are_whole_documents(self) -> None:
        rule = rule_from(self.RULE)
        outline = rule_from("""
            readme:
              type: heading-order
              scope: headings.h2
              headings: [Installation, Usage]
              examples:
                format: markdown
                valid: ["# Tool\\n\\n## Installation\\n\\nRun pip.\\n\\n## Usage\\n\\nRun it.\\n"]
                invalid: ["# Tool\\n\\n## Usage\\n\\nRun it.\\n"]
        """)
        assert rule.examples.format is None
        assert outline.examples.format == "markdown"
        assert check_example(outline, outline.examples.valid[0], False) is None
        assert check_example(outline, outline.examples.invalid[0], True) is None
        announced = rule_from("""
            announced:
              type: announced-count
              examples:
                valid: ["讲话\\n\\n我讲两点。\\n一、统一思想\\n要统一。\\n二、压实责任\\n\\
                         要压实。\\n"]
                invalid: ["讲话\\n\\n我讲三点。\\n一、统一思想\\n要统一。\\n"]
        """)
        assert check_example(announced, announced.examples.valid[0], False) is None
        assert check_example(announced, announced.examples.invalid[0], True) is None
