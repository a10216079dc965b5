"""`doclint PATH…` and `python -m pytest_doclint`: the linter without pytest.

Exit codes: 0 no finding at severity `error`, 1 findings at `error`, 2 usage or config error,
3 a crash inside the linter (a bug; the traceback is printed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pytest_doclint import __version__
from pytest_doclint import discovery
from pytest_doclint import engine
from pytest_doclint import extensions
from pytest_doclint import fixes
from pytest_doclint import html_report
from pytest_doclint import pool
from pytest_doclint import reports
from pytest_doclint import runner
from pytest_doclint import terminal
from pytest_doclint.baseline import Baseline
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import Settings
from pytest_doclint.core import Rule
from pytest_doclint.errors import ConfigError
from pytest_doclint.extensions import Extensions
from pytest_doclint.findings import Paint
from pytest_doclint.findings import headline
from pytest_doclint.findings import render
from pytest_doclint.i18n import _
from pytest_doclint.options import did_you_mean
from pytest_doclint.outline import outline
from pytest_doclint.reference import Definition
from pytest_doclint.reference import pack_instances
from pytest_doclint.reference import rule_instances
from pytest_doclint.reference import rule_page
from pytest_doclint.report_model import DocumentReport

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doclint",
        description="Lint documents (*.txt, *.md, *.markdown, *.rst) for table-of-contents, "
        "truncation, duplicate-heading, numbering and empty-section problems.",
        epilog="exit codes: 0 no finding at severity error, 1 findings at severity error, "
        "2 usage or config error, 3 internal error",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="documents or folders to lint")
    parser.add_argument("--version", action="version", version=f"doclint {__version__}")
    parser.add_argument("--select", action="append", default=[], metavar="RULES",
                        help="only run these rules (comma-separated ids)")  # fmt: skip
    parser.add_argument("--ignore", action="append", default=[], metavar="RULES",
                        help="do not run these rules (comma-separated ids)")  # fmt: skip
    parser.add_argument("--report", action="append", default=[], metavar="[FORMAT:]PATH",
                        help="write a report; FORMAT is one of "
                        f"{', '.join(reports.FORMATS)} (default json); repeatable")  # fmt: skip
    parser.add_argument("--baseline", type=Path, metavar="FILE",
                        help="findings listed in FILE (YAML, or JSON by its suffix) are known "
                        "and do not fail; new findings do, and so do fixed ones until the "
                        "baseline is updated")  # fmt: skip
    parser.add_argument("--update-baseline", action="store_true",
                        help="write this run's findings to the --baseline FILE (creating it) "
                        "and exit 0")  # fmt: skip
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes of the selected rules' findings (a TOC "
                        "written anew from the headings), then lint what is left")  # fmt: skip
    parser.add_argument("--diff", action="store_true",
                        help="print the safe fixes as a unified diff without writing; exit 1 "
                        "when there is something to fix")  # fmt: skip
    view = parser.add_mutually_exclusive_group()
    view.add_argument("--concise", action="store_true",
                      help=_("one line per finding, without the offending line and the "
                             "hint"))  # fmt: skip
    view.add_argument("--full", action="store_true",
                      help=_("each finding with the offending line, a caret under the "
                             "offending text and a hint (the default)"))  # fmt: skip
    parser.add_argument("--color", choices=terminal.COLOR_CHOICES, default="auto",
                        help=_("colour the findings: auto (the default) when the output is "
                               "a terminal and NO_COLOR is not set, always, or never"))  # fmt: skip
    parser.add_argument("--html", type=Path, metavar="PATH",
                        help="write an HTML report to PATH (one self-contained file): "
                        "each TOC beside its headings, every finding at its line")  # fmt: skip
    parser.add_argument("-j", "--jobs", type=pool.number_of_jobs, default=pool.cores(), metavar="N",
                        help="lint in N processes (default: the number of cores, here "
                        f"{pool.cores()}); the output is the same as with -j 1")  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no summary line, only the findings")  # fmt: skip
    parser.add_argument("--no-annotations", action="store_true",
                        help="no GitHub annotations even when GITHUB_ACTIONS=true")  # fmt: skip
    parser.add_argument("--root", type=Path, metavar="DIR",
                        help="the rootdir: where [tool.doclint] is read and what paths are "
                        "relative to (default: the nearest folder from here up with "
                        "pyproject.toml, pytest.ini, tox.ini or setup.cfg, else here)")  # fmt: skip
    parser.add_argument("--no-plugins", action="store_true",
                        help="do not load installed plugins (their rules, formats and packs); "
                        "conftest.py files are never loaded by doclint")  # fmt: skip
    parser.add_argument("--list-rules", action="store_true",
                        help="list the rules, and the rule instances of the packs and of the "
                        "configs that apply in this folder, and exit")  # fmt: skip
    parser.add_argument(
        "--explain",
        metavar="RULE",
        help="print the documentation of a rule or rule instance and exit",
    )
    parser.add_argument("--outline", action="store_true",
                        help="print each document as the linter read it (TOC entries and the "
                        "headings they pair with, the heading tree, the ending's verdict) "
                        "instead of linting it")  # fmt: skip
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="with --outline: text for people (default) or JSON for tools",
    )
    parser.add_argument("--merge", action="store_true",
                        help="the PATHs are JSON reports of runs on parts of a corpus (CI "
                        "shards): print and write (--report) what one run over all of it "
                        "would")  # fmt: skip
    parser.add_argument("--show-config", type=Path, metavar="PATH",
                        help="print the settings that apply to the document PATH, with where "
                        "each one comes from, and exit")  # fmt: skip
    return parser


def show_config(settings: Settings, rootdir: Path) -> str:
    """The effective settings as YAML-like lines, each with the file and line it comes from
    (`default` when no config sets it; paths below ``rootdir`` relative to it)."""

    def origin(key: str) -> str:
        where = settings.origins.get(key, "default").removeprefix(f"{rootdir}{os.sep}")
        return f"  # {where}"

    lines = [f"items: {settings.items}{origin('items')}",
             f"include: {list(settings.include)}{origin('include')}",
             f"exclude: {list(settings.exclude)}{origin('exclude')}", "rules:"]  # fmt: skip
    for rid, setting in sorted(settings.rules.items()):
        lines.append(f"  {rid}:")
        lines.append(f"    severity: {setting.severity}{origin(f'rules.{rid}.severity')}")
        for option in dataclasses.fields(setting.options):  # type: ignore[arg-type]
            value = getattr(setting.options, option.name)
            lines.append(f"    {option.name}: {value!r}{origin(f'rules.{rid}.{option.name}')}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:  # fmt: skip
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2), already printed
        return int(exit_.code or 0)
    try:
        return _command(parser, args, out, err)
    except ConfigError as error:
        err.write(f"{error}\n")
        if args.no_plugins:  # a rule or pack the config names may be a plugin's
            err.write("doclint: note: with --no-plugins, the rules, formats and packs of "
                      "installed plugins are not loaded\n")  # fmt: skip
        return EXIT_USAGE
    except BrokenPipeError:  # `doclint docs/ | head`: the reader has seen enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return EXIT_FINDINGS
    except Exception:  # a crash in a rule is a bug: say so, with the traceback
        err.write("doclint: internal error (a bug in doclint, a plugin or a rule); traceback:\n")
        err.write(traceback.format_exc())
        return EXIT_CRASH


def _command(parser: argparse.ArgumentParser, args: argparse.Namespace, out: TextIO,
             err: TextIO) -> int:  # fmt: skip
    """What the options ask for; config and plugin errors raise ConfigError."""
    found = extensions.gather(extensions.installed_plugins(load=not args.no_plugins).hook)
    rules = found.rules
    rootdir = (args.root or discovery.find_rootdir(Path.cwd())).resolve()
    store = ConfigStore(rootdir, rules, found.formats, found.packs)
    if args.list_rules:
        try:
            instances = rule_instances(store, Path.cwd())
        except ConfigError as error:  # a broken config here should not hide the other rules
            instances = pack_instances(store)
            err.write("doclint: note: rule instances of the configs here are not listed: "
                      f"{error}\n")  # fmt: skip
        out.write(_rule_listing(rules, instances))
        return EXIT_CLEAN
    if args.explain in rules:  # needs no config: one with an error can still be looked up
        out.write(rule_page(rules[args.explain]))
        return EXIT_CLEAN
    if args.explain:
        return _explain_instance(args.explain, rules, rule_instances(store, Path.cwd()), out, err)
    if args.show_config:
        out.write(show_config(store.settings_for(args.show_config.resolve()), rootdir))
        return EXIT_CLEAN
    if not args.paths:
        parser.print_usage(err)
        err.write("doclint: error: give at least one PATH (a document or a folder)\n")
        return EXIT_USAGE
    if args.update_baseline and not args.baseline:
        err.write("doclint: error: --update-baseline needs --baseline FILE: the file to write\n")
        return EXIT_USAGE
    targets = [_report_target(value) for value in args.report]
    only = runner.select_rules(rules, args.select, args.ignore)
    if args.outline:
        return _outline(args, rootdir, only, out, found)
    if args.merge:
        return _merge(args, targets, out, found)
    if args.diff:
        return EXIT_FINDINGS if fixes.show(args.paths, rootdir, found, only, out) else EXIT_CLEAN
    if args.fix:
        fixes.fix(args.paths, rootdir, found, only, out, err)
    return _lint(args, rootdir, only, targets, out, found)


def _rule_listing(rules: dict[str, Rule], instances: dict[str, Definition]) -> str:
    """One line per rule a run here can use: the built-in and plugin rules, then the rule
    instances of the packs and of the configs that apply here, each with where it is defined."""
    width = max(len(rid) for rid in [*rules, *instances])
    lines = [f"{rid:<{width}}  {rule.summary}" for rid, rule in rules.items()]
    lines += [f"{rid:<{width}}  {d.rule.summary}  ({d.source}, type {d.rule.type})"
              for rid, d in instances.items()]  # fmt: skip
    return "".join(f"{line}\n" for line in lines)


def _explain_instance(rule_id: str, rules: dict[str, Rule], instances: dict[str, Definition],
                      out: TextIO, err: TextIO) -> int:  # fmt: skip
    """The page of the rule instance ``rule_id``, or an error naming the known rules."""
    if rule_id in instances:
        out.write(rule_page(instances[rule_id].rule, instances[rule_id]))
        return EXIT_CLEAN
    known = [*rules, *instances]
    hint = did_you_mean(rule_id, known)
    err.write(f"doclint: unknown rule `{rule_id}`{hint} (rules: {', '.join(known)})\n")
    return EXIT_USAGE


def _report_target(value: str) -> tuple[str, str]:
    try:
        return reports.parse_target(value)
    except ConfigError as error:
        raise ConfigError(f"--report: {error}") from None


def _lint(args: argparse.Namespace, rootdir: Path, only: set[str] | None,
          targets: list[tuple[str, str]], out: TextIO, found: Extensions) -> int:  # fmt: skip
    known = Baseline.open(args.baseline, args.update_baseline) if args.baseline else None
    judge = known if known is not None and not args.update_baseline else None
    documents = []
    paint = terminal.painter(terminal.use_color(args.color, out, os.environ))
    pager = html_report.page_of if args.html else None
    pages: dict[str, runner.Page] = {}
    run = runner.iter_lint(args.paths, rootdir, found.rules, only, found.formats, found.packs,
                           jobs=args.jobs, pager=pager)  # fmt: skip
    for report, quotes, page in run:
        if judge is not None:
            report = judge.judge(report)
        documents.append(report)
        if page is not None:
            pages[report.path] = page
        _print_findings(report, quotes, args, out, paint)
    if os.environ.get("GITHUB_ACTIONS") == "true" and not args.no_annotations:
        out.write(reports.to_github(documents))
    reports.write_reports(documents, found.rules, targets, Path.cwd())
    if args.html:
        store = ConfigStore(rootdir, found.rules, found.formats, found.packs)
        html_report.write(args.html, documents, store, only, pages)
    if not args.quiet:
        out.write(terminal.summary(documents, paint) + "\n")
    if known is not None and args.update_baseline:
        updated = known.updated(documents, lambda path: (rootdir / path).is_file())
        updated.save()
        out.write(f"baseline: wrote {args.baseline}, {updated.change_from(known)}\n")
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(d.failed for d in documents) else EXIT_CLEAN


def _merge(args: argparse.Namespace, targets: list[tuple[str, str]], out: TextIO,
           found: Extensions) -> int:  # fmt: skip
    """`--merge`: the shards' JSON reports joined, printed and written as one run's."""
    shards = []
    for name in args.paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{name}: cannot read the report: {error}") from None
        shards.extend(reports.from_json(text, name))
    documents = reports.merged(shards)
    paint = terminal.painter(terminal.use_color(args.color, out, os.environ))
    for report in documents:  # the reports hold no source lines to quote: concise lines
        out.writelines(f"{headline(f, report.path, paint)}\n" for f in report.new_findings)
    reports.write_reports(documents, found.rules, targets, Path.cwd())
    if not args.quiet:
        out.write(terminal.summary(documents, paint) + "\n")
    return EXIT_FINDINGS if any(d.failed for d in documents) else EXIT_CLEAN


def _print_findings(report: DocumentReport, quotes: runner.Quotes, args: argparse.Namespace,
                    out: TextIO, paint: Paint) -> None:  # fmt: skip
    """The findings the baseline does not list (all of them without one), then the entries
    it lists that are gone."""
    for finding in report.new_findings:
        shown = (headline(finding, report.path, paint) if args.concise
                 else render(finding, report.path, quotes.get(finding.line), paint))  # fmt: skip
        out.write(f"{shown}\n")
    for entry in report.fixed:
        out.write(f"{report.path}: {entry.rule} no longer found, but the baseline "
                  f"{args.baseline} lists it: {entry.message}\n")  # fmt: skip


def _outline(args: argparse.Namespace, rootdir: Path, only: set[str] | None, out: TextIO,
             found: Extensions) -> int:  # fmt: skip
    """`--outline`: each document as read, with what each selected rule saw in it."""
    outlines, unreadable = [], []
    for shown, document, settings in runner.iter_documents(args.paths, rootdir, found.rules,
                                                           found.formats, found.packs):  # fmt: skip
        if isinstance(document, Exception):
            unreadable.append(engine.unreadable(document, shown, settings).concise(shown))
        else:
            outlines.append(outline(document, settings, only))
    if args.format == "json":
        data = {"documents": [o.as_data() for o in outlines], "unreadable": unreadable}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write("\n".join([o.as_text() for o in outlines] + [f"{u}\n" for u in unreadable]))
    return EXIT_FINDINGS if unreadable else EXIT_CLEAN
