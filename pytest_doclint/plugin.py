"""The pytest plugin: options, opt-in collection, reports and the summary. No rule logic here."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_doclint import cache
from pytest_doclint import discovery
from pytest_doclint import extensions
from pytest_doclint import fixes
from pytest_doclint import hookspecs
from pytest_doclint import html_report
from pytest_doclint import pool
from pytest_doclint import reports
from pytest_doclint import runner
from pytest_doclint.baseline import Baseline
from pytest_doclint.cache import ResultCache
from pytest_doclint.config import CONFIG_NAMES
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import matches
from pytest_doclint.errors import ConfigError
from pytest_doclint.nodes import MARKER
from pytest_doclint.nodes import DoclintItem
from pytest_doclint.nodes import DocumentFile
from pytest_doclint.nodes import LintRun
from pytest_doclint.nodes import RuleExamplesFile
from pytest_doclint.nodes import prelint
from pytest_doclint.parsers import Format
from pytest_doclint.report_model import DocumentReport

POOL_MIN_BYTES = 1_000_000
"""Below about this much text a run lints faster in one process than it starts a pool."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("doclint", "document consistency linting (pytest-doclint)")
    group.addoption("--doclint", action="store_true", dest="doclint",
                    help="lint documents (*.txt, *.md, *.markdown, *.rst) even where no "
                    "doclint.yaml or [tool.doclint] config is found")  # fmt: skip
    group.addoption("--doclint-select", action="append", default=[], dest="doclint_select",
                    metavar="RULES", help="only run these rules (comma-separated ids)")  # fmt: skip
    group.addoption("--doclint-ignore", action="append", default=[], dest="doclint_ignore",
                    metavar="RULES",
                    help="do not run these rules (comma-separated ids)")  # fmt: skip
    group.addoption("--doclint-per-rule", action="store_true", dest="doclint_per_rule",
                    help="one test item per rule (file::rule-id) instead of one per document "
                    "(config: `items: rule`)")  # fmt: skip
    group.addoption("--doclint-report", action="append", default=[], dest="doclint_report",
                    metavar="[FORMAT:]PATH",
                    help="write every document's findings to PATH; FORMAT is one of "
                    f"{', '.join(reports.FORMATS)} (default json); repeatable")  # fmt: skip
    group.addoption("--doclint-html", dest="doclint_html", metavar="PATH",
                    help="write an HTML report to PATH: each document's TOC beside its "
                    "headings, every finding at its line (one self-contained file)")  # fmt: skip
    group.addoption("--doclint-no-annotations", action="store_true",
                    dest="doclint_no_annotations",
                    help="do not print GitHub annotations when GITHUB_ACTIONS=true")  # fmt: skip
    group.addoption("--doclint-baseline", dest="doclint_baseline", metavar="FILE",
                    help="findings listed in FILE (YAML, or JSON by its suffix) are known: "
                    "their documents xfail; new findings fail, and so do fixed ones until "
                    "the baseline is updated")  # fmt: skip
    group.addoption("--doclint-update-baseline", action="store_true",
                    dest="doclint_update_baseline",
                    help="write the findings of this run to the --doclint-baseline FILE "
                    "(creating it) instead of failing on them")  # fmt: skip
    group.addoption("--doclint-jobs", type=pool.number_of_jobs, default=None, dest="doclint_jobs",
                    metavar="N",
                    help="lint the documents in N processes during collection, then report "
                    "them in order (default: the number of cores, for runs large enough to "
                    "gain from it; not with pytest-xdist, whose workers lint in parallel "
                    "already)")  # fmt: skip
    group.addoption("--doclint-fix", action="store_true", dest="doclint_fix",
                    help="after the run, apply the safe fixes of the selected rules' findings "
                    "(as `doclint --fix` does)")  # fmt: skip
    group.addoption("--doclint-no-cache", action="store_true", dest="doclint_no_cache",
                    help="lint every document again instead of reusing results of earlier "
                    "runs from pytest's cache (--cache-clear empties it)")  # fmt: skip


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: document consistency checks (pytest-doclint)")
    config.pluginmanager.register(DoclintSession(config), "doclint-session")


class DoclintSession:
    """Per-run state: the config store, the rule selection, findings for the report."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        try:
            found = extensions.gather(config.pluginmanager.hook)
        except ConfigError as error:  # two plugins claim one name
            raise pytest.UsageError(str(error)) from None
        self.rules = found.rules
        self.store = ConfigStore(Path(config.rootpath), self.rules, found.formats, found.packs)
        self.documents: dict[str, DocumentReport] = {}
        """Every document's report, its items' merged (from the workers too, under xdist)."""
        self.cache_counts = Counter[bool]()
        self.baseline_change = ""
        """What --doclint-update-baseline changed, for the summary."""
        self.fixed: list[str] = []
        """What --doclint-fix wrote, or why it could not, for the summary."""
        try:
            self.reports = [reports.parse_target(v) for v in config.getoption("doclint_report")]
        except ConfigError as error:
            raise pytest.UsageError(f"--doclint-report: {error}") from None
        self.run = LintRun(self.rules, self._selection(), config.getoption("doclint_per_rule"),
                           self._cache(found.formats), **self._baseline())  # fmt: skip

    def _cache(self, formats: Iterable[Format]) -> ResultCache | None:
        """Results of earlier runs from pytest's cache (none with -p no:cacheprovider)."""
        if self.config.getoption("doclint_no_cache") or not hasattr(self.config, "cache"):
            return None
        code = cache.code_fingerprint(self.rules.values(), formats)
        return ResultCache(self.config.cache.get(cache.CACHE_KEY, None), code)

    def _baseline(self) -> dict[str, Any]:
        name = self.config.getoption("doclint_baseline")
        update = self.config.getoption("doclint_update_baseline")
        if not name:
            if update:
                raise pytest.UsageError("--doclint-update-baseline needs --doclint-baseline=FILE: "
                                        "the file to write")  # fmt: skip
            return {}
        path = Path(self.config.invocation_params.dir) / name
        try:
            known = Baseline.open(path, update)
        except ConfigError as error:
            raise pytest.UsageError(f"--doclint-baseline: {error}") from None
        return {"baseline": known, "update_baseline": update, "baseline_name": name}

    def _selection(self) -> set[str] | None:
        try:
            return runner.select_rules(self.rules, self.config.getoption("doclint_select"),
                                       self.config.getoption("doclint_ignore"),
                                       ("--doclint-select", "--doclint-ignore"))  # fmt: skip
        except ConfigError as error:
            raise pytest.UsageError(str(error)) from None

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Validate every config the run can reach before any test: a typo stops the run."""
        try:
            for path in self._reachable_configs():
                layer = self.store.load(path)
                if layer:  # merges it with its packs and parent configs: every error shows now
                    self.store.settings_for(path)
        except ConfigError as error:
            raise pytest.UsageError(str(error)) from None

    def _reachable_configs(self) -> list[Path]:
        invocation = Path(self.config.invocation_params.dir)
        starts = [(invocation / arg.split("::")[0]).resolve() for arg in self.config.args]
        return discovery.reachable_configs(starts, Path(self.config.rootpath))

    def pytest_collect_file(
        self, file_path: Path, parent: pytest.Collector
    ) -> DocumentFile | RuleExamplesFile | None:
        try:
            layers = self.store.configs_for(file_path)
            if not layers and not self.config.getoption("doclint"):
                return None  # opt-in: no config and no --doclint, no change
            if file_path.name in CONFIG_NAMES or self.store.is_pack(file_path):
                return self._examples(file_path, parent)
            settings = self.store.settings_for(file_path, layers)
        except ConfigError as error:
            raise pytest.UsageError(str(error)) from None
        if not matches(file_path, settings.include) or matches(file_path, settings.exclude):
            return None
        return DocumentFile.from_parent(parent, path=file_path, settings=settings, run=self.run)

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(
        self, collector: pytest.Collector
    ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
        """Give a verdict to what pytest's walk passes over: a symlink loop, a dangling link,
        a named pipe. A document that cannot be read must fail, not vanish."""
        report = yield
        if isinstance(collector, pytest.Directory) and report.passed:
            for path in _neither_file_nor_folder(collector.path):
                if collector.ihook.pytest_ignore_collect(collection_path=path, config=self.config):
                    continue
                node = self.pytest_collect_file(file_path=path, parent=collector)
                if node is not None:
                    report.result.append(node)
        return report

    def _examples(self, path: Path, parent: pytest.Collector) -> RuleExamplesFile | None:
        """The examples of the rule instances a config or pack defines, as tests."""
        layer = self.store.load(path)
        if layer is None or not layer.instances:
            return None
        return RuleExamplesFile.from_parent(parent, path=path, layer=layer)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Put what a document's item found on its report, which pytest-xdist carries from
        the workers to the controller; say which known findings an XPASS(strict) lost."""
        report = yield
        if isinstance(item, DoclintItem) and call.when == "call":
            if item.report is not None:  # plain data: pytest-xdist serialises the report
                report.doclint = {"report": item.report.as_dict(),  # type: ignore[attr-defined]
                                  "cache_key": item.cache_key, "reused": item.reused}  # fmt: skip
            if item.fixed and report.failed and isinstance(report.longrepr, str):
                report.longrepr = f"{report.longrepr}\n{item.fixed_note()}"
        return report

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Lint ahead in a process pool, when the run is worth one (see ``_jobs``)."""
        jobs = self._jobs(items)
        if jobs > 1:
            prelint(items, jobs)

    def _jobs(self, items: list[pytest.Item]) -> int:
        """How many processes lint ahead: 1 (none) under pytest-xdist, whose workers lint in
        parallel already, and, unless ``--doclint-jobs`` says, for runs too small for the
        pool's start to pay off; else the cores."""
        distributed = getattr(self.config.option, "numprocesses", None) or hasattr(
            self.config, "workerinput")  # fmt: skip
        asked = self.config.getoption("doclint_jobs")
        if distributed or asked == 1:
            return 1
        if asked:
            return int(asked)
        files = {item.path for item in items if isinstance(item, DoclintItem)}
        size = sum(path.stat().st_size for path in files if path.is_file())
        return pool.cores() if size >= POOL_MIN_BYTES else 1

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Gather findings (from this process or, under xdist, from the workers' reports)."""
        outcome = getattr(report, "doclint", None)
        if outcome is None:
            return
        document = DocumentReport.from_dict(outcome["report"])
        earlier = self.documents.get(document.path)
        self.documents[document.path] = document if earlier is None else earlier.merged(document)
        if self.run.cache is not None and outcome["cache_key"]:
            self.cache_counts[outcome["reused"]] += 1
            if not outcome["reused"]:
                self.run.cache.put(report.nodeid, outcome["cache_key"], document)

    @pytest.hookimpl(optionalhook=True)
    def pytest_html_results_table_html(self, report: pytest.TestReport, data: list[str]) -> None:
        """Under pytest-html, a document's row shows its outline with its findings."""
        outcome = getattr(report, "doclint", None)
        if outcome is not None:
            document = DocumentReport.from_dict(outcome["report"])
            data.append(html_report.extra(document, self.store, self.run.only))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput"):
            return  # under xdist the controller, which has every worker's findings, writes
        base = Path(self.config.invocation_params.dir)
        reports.write_reports(list(self.documents.values()), self.rules, self.reports, base)
        html = self.config.getoption("doclint_html")
        if html:
            try:
                html_report.write(base / html, list(self.documents.values()), self.store,
                                  self.run.only)  # fmt: skip
            except ConfigError as error:
                raise pytest.UsageError(f"--doclint-html: {error}") from None
        if self.run.cache is not None and self.cache_counts[False]:
            self.config.cache.set(cache.CACHE_KEY, self.run.cache.stored(self._exists))
        if self.run.baseline is not None and self.run.update_baseline:
            updated = self.run.baseline.updated(self.documents.values(), self._exists)
            updated.save()
            self.baseline_change = updated.change_from(self.run.baseline)
        if self.config.getoption("doclint_fix"):
            self.fixed = [line for _, line in fixes.write_all(self._fixes())]

    def _fixes(self) -> Iterator[fixes.Fix]:
        """The fixes of the documents whose findings carry edits, read afresh."""
        for path, document in self.documents.items():
            if any(f.fixes for f in document.findings):
                file = Path(self.config.rootpath) / path
                planned = fixes.plan(path, file, self.store.settings_for(file), self.run.only)
                if planned is not None:
                    yield planned

    def _exists(self, path: str) -> bool:
        """Whether the document at ``path`` (as reports show it) is still there."""
        return (Path(self.config.rootpath) / path).is_file()

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        """GitHub annotations (on GitHub Actions), then documents checked, failed, findings."""
        if not self.documents or hasattr(self.config, "workerinput"):
            return
        documents = list(self.documents.values())
        annotate = os.environ.get("GITHUB_ACTIONS") == "true"
        if annotate and not self.config.getoption("doclint_no_annotations"):
            for line in reports.to_github(documents).splitlines():
                terminalreporter.write_line(line)
        terminalreporter.write_sep("=", "doclint summary")
        for line in reports.summary_lines(documents) + self._run_lines():
            terminalreporter.write_line(line)

    def _run_lines(self) -> list[str]:
        """How many results came from the cache; what was written to the baseline."""
        lines = []
        if self.run.cache is not None:
            reused, total = self.cache_counts[True], self.cache_counts.total()
            lines.append(f"cache: {reused} of {total} results reused, {total - reused} linted")
        baseline = self.run.baseline
        if baseline is not None and self.run.update_baseline:
            lines.append(f"baseline: wrote {self.run.baseline_name}, {self.baseline_change}")
        return lines + [f"fix: {line}" for line in self.fixed]


def _neither_file_nor_folder(folder: Path) -> list[Path]:
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                regular = entry.is_file() or entry.is_dir()
            except OSError:  # a symlink loop
                regular = False
            if not regular:
                found.append(Path(entry.path))
    return sorted(found)
