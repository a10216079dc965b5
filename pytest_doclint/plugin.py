"""The pytest plugin: options, opt-in collection, reports and the summary. No rule logic here."""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Generator
from typing import Any
from pathlib import Path

import pytest

from pytest_doclint import hookspecs
from pytest_doclint import reports
from pytest_doclint import runner
from pytest_doclint.checks import builtin_rules
from pytest_doclint.config import CONFIG_NAMES
from pytest_doclint.config import ConfigStore
from pytest_doclint.config import matches
from pytest_doclint.errors import ConfigError
from pytest_doclint.nodes import MARKER
from pytest_doclint.nodes import REPORT_PROPERTY
from pytest_doclint.nodes import DocumentFile
from pytest_doclint.nodes import RuleExamplesFile

SKIPPED_FOLDERS = {"node_modules", "__pycache__", "site-packages", "venv", "build", "dist"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("doclint", "document consistency linting (pytest-doclint)")
    group.addoption("--doclint", action="store_true", dest="doclint",
                    help="lint documents (*.txt, *.md, *.markdown, *.rst) even where no "
                    "doclint.yaml or [tool.doclint] config is found")  # fmt: skip
    group.addoption("--doclint-select", action="append", default=[], dest="doclint_select",
                    metavar="RULES", help="only run these rules (comma-separated ids)")  # fmt: skip
    group.addoption("--doclint-ignore", action="append", default=[], dest="doclint_ignore",
                    metavar="RULES", help="do not run these rules (comma-separated ids)")  # fmt: skip
    group.addoption("--doclint-per-rule", action="store_true", dest="doclint_per_rule",
                    help="one test item per rule (file::rule-id) instead of one per document "
                    "(config: `items: rule`)")  # fmt: skip
    group.addoption("--doclint-report", action="append", default=[], dest="doclint_report",
                    metavar="[FORMAT:]PATH",
                    help="write every document's findings to PATH; FORMAT is one of "
                    f"{', '.join(reports.FORMATS)} (default json); repeatable")  # fmt: skip
    group.addoption("--doclint-no-annotations", action="store_true",
                    dest="doclint_no_annotations",
                    help="do not print GitHub annotations when GITHUB_ACTIONS=true")  # fmt: skip


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: document consistency checks (pytest-doclint)")
    config.pluginmanager.register(DoclintSession(config), "doclint-session")


class DoclintSession:
    """Per-run state: the config store, the rule selection, findings for the report."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.rules = _gathered(config, "pytest_doclint_rules", dict(builtin_rules()),
                               lambda rule: rule.id, "rule")  # fmt: skip
        formats = _gathered(config, "pytest_doclint_formats", {}, lambda f: f.name, "format")
        packs = _gathered(config, "pytest_doclint_packs", {}, lambda path: Path(path).stem, "pack")
        self.store = ConfigStore(Path(config.rootpath), self.rules, tuple(formats.values()),
                                 {name: Path(path) for name, path in packs.items()})  # fmt: skip
        self.only = self._selection()
        self.documents: dict[str, dict] = {}
        try:
            self.reports = [reports.parse_target(v) for v in config.getoption("doclint_report")]
        except ConfigError as error:
            raise pytest.UsageError(f"--doclint-report: {error}") from None

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
        root = Path(self.config.rootpath)
        invocation = Path(self.config.invocation_params.dir)
        found = [root / "pyproject.toml"] if (root / "pyproject.toml").is_file() else []
        for arg in self.config.args:
            start = (invocation / arg.split("::")[0]).resolve()
            folder = start if start.is_dir() else start.parent
            found += [p / n for p in [folder, *folder.parents] for n in CONFIG_NAMES
                      if (p / n).is_file() and (p == root or root in p.parents)]  # fmt: skip
            if start.is_dir():
                found += _configs_below(start)
        return list(dict.fromkeys(found))

    def pytest_collect_file(
        self, file_path: Path, parent: pytest.Collector
    ) -> DocumentFile | RuleExamplesFile | None:
        try:
            layers = self.store.configs_for(file_path)
            if not layers and not self.config.getoption("doclint"):
                return None  # opt-in: no config and no --doclint, no change
            if _holds_rules(file_path):
                return self._examples(file_path, parent)
            settings = self.store.settings_for(file_path, layers)
        except ConfigError as error:
            raise pytest.UsageError(str(error)) from None
        if not matches(file_path, settings.include) or matches(file_path, settings.exclude):
            return None
        return DocumentFile.from_parent(  # type: ignore[no-any-return]
            parent, path=file_path, settings=settings, rules=self.rules, only=self.only,
            per_rule=self.config.getoption("doclint_per_rule"),
        )

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
        return RuleExamplesFile.from_parent(parent, path=path, layer=layer)  # type: ignore[no-any-return]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Gather findings (from this process or, under xdist, from the workers' reports)."""
        if report.when != "call":
            return  # the same user_properties ride on the setup and teardown reports
        for name, value in report.user_properties:
            if name == REPORT_PROPERTY:
                entry = self.documents.setdefault(value["path"], {**value, "findings": []})
                entry.update(format=value["format"], encoding=value["encoding"])
                entry["findings"].extend(value["findings"])

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.reports or hasattr(self.config, "workerinput"):
            return  # under xdist the controller, which has every worker's findings, writes
        base = Path(self.config.invocation_params.dir)
        reports.write_reports(list(self.documents.values()), self.reports, base)

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
        for line in reports.summary_lines(documents):
            terminalreporter.write_line(line)


def _gathered(config: pytest.Config, hook: str, found: dict, key: Callable[[Any], str],
              what: str) -> dict:  # fmt: skip
    """What every plugin's ``hook`` returns, by key; a key two plugins claim stops the run."""
    owners = dict.fromkeys(found, "pytest-doclint")
    for implementation in getattr(config.pluginmanager.hook, hook).get_hookimpls():
        for value in implementation.function() or ():
            name = key(value)
            if name in owners:
                raise pytest.UsageError(f"plugin {implementation.plugin_name!r} registers {what} "
                                        f"`{name}`, already registered by {owners[name]!r}")  # fmt: skip
            found[name], owners[name] = value, implementation.plugin_name
    return found


def _holds_rules(path: Path) -> bool:
    """A doclint config, or a pack in a `rules/` folder: YAML whose rules may have examples."""
    return path.name in CONFIG_NAMES or (path.suffix in (".yaml", ".yml") and path.parent.name == "rules")


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


def _configs_below(folder: Path) -> list[Path]:
    found = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS]
        found += [Path(current) / n for n in CONFIG_NAMES if n in files]
    return found
