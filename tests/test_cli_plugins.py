"""The `doclint` command loads installed plugins as pytest does: their rules, formats and packs.

Each plugin is installed for real, but only in a folder of the test: a package and a
``.dist-info`` with its ``pytest11`` entry point, put on PYTHONPATH of a `python -m` run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_hooks import PLUGIN  # the conftest.py plugin there, installed here

MEETING = "一、议程\nLorem ipsum dolor sit amet.\n二、结论\n同意。\n"
FINDING = "meeting.notes:2:1: no-lorem Placeholder `lorem ipsum`"


def install(site: Path, name: str, source: str) -> None:
    """Installs the module ``<name>_doclint`` as the pytest plugin ``name`` into ``site``."""
    package = site / f"{name}_doclint"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source, encoding="utf-8")
    info = site / f"{name}_doclint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}-doclint\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[pytest11]\n{name} = {name}_doclint\n", encoding="utf-8"
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder of installed packages holding the plugin `acme`, with its pack."""
    install(tmp_path / "site", "acme", PLUGIN)
    packs = tmp_path / "site" / "acme_doclint" / "packs"
    packs.mkdir()
    (packs / "acme.yaml").write_text("rules:\n  no-lorem: error\n", encoding="utf-8")
    return tmp_path / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Documents whose config extends the plugin's pack; one is in the plugin's format."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "doclint.yaml").write_text("extends: [acme]\n", encoding="utf-8")
    (folder / "meeting.notes").write_text(MEETING, encoding="utf-8")
    (folder / "minutes.txt").write_text("一、议程\n讨论。\n", encoding="utf-8")
    return folder


def python(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python *args`` with the packages in ``site`` installed."""
    path = [str(site), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8"
    )


def doclint(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return python(site, cwd, "-m", "pytest_doclint", *args)


class TestInstalledPlugin:
    def test_its_rule_runs_on_its_format_through_its_pack(self, site, project):
        done = doclint(site, project, ".")
        assert done.returncode == 1, done.stderr
        assert done.stdout.splitlines()[0].startswith(FINDING)

    def test_the_report_is_the_one_pytest_writes(self, site, project):
        cli = doclint(site, project, "--report", "json:.out/cli.json", ".")
        pytest_args = ["-p", "no:cacheprovider", "-p", "no:randomly", "--doclint"]
        plugin = python(
            site, project, "-m", "pytest", *pytest_args, "--doclint-report=json:.out/plugin.json"
        )
        assert (cli.returncode, plugin.returncode) == (1, 1), cli.stderr + plugin.stdout
        report = (project / ".out/cli.json").read_text(encoding="utf-8")
        assert report == (project / ".out/plugin.json").read_text(encoding="utf-8")
        assert '"path": "meeting.notes"' in report and '"rule": "no-lorem"' in report

    def test_list_rules_and_explain_show_its_rule(self, site, project):
        listed = doclint(site, project, "--list-rules")
        assert "no-lorem  " in listed.stdout and "No placeholder Latin" in listed.stdout
        explained = doclint(site, project, "--explain", "no-lorem")
        assert explained.returncode == 0 and "Flags `lorem ipsum`" in explained.stdout

    def test_two_plugins_claiming_one_rule_stop_the_run(self, site, project):
        # the hook is not marked with @pytest.hookimpl, which pytest accepts: so does doclint
        install(
            site,
            "clash",
            "from pytest_doclint.checks import builtin_rules\n"
            "def pytest_doclint_rules():\n"
            "    return [builtin_rules()['toc-matches-body']]\n",
        )
        done = doclint(site, project, ".")
        assert done.returncode == 2
        assert done.stderr == (
            "plugin 'clash' registers rule `toc-matches-body`, already "
            "registered by 'pytest-doclint'\n"
        )


class TestNoPlugins:
    def test_the_plugin_rule_is_left_out(self, site, project):
        listed = doclint(site, project, "--no-plugins", "--list-rules")
        assert listed.returncode == 0 and "no-lorem" not in listed.stdout
        (project / "doclint.yaml").write_text("{}\n", encoding="utf-8")
        selected = doclint(site, project, "--no-plugins", "--select", "no-lorem", ".")
        assert selected.returncode == 2
        assert selected.stderr.startswith("--select: unknown rule `no-lorem`")

    @pytest.mark.parametrize(
        ("config", "error"),
        [
            ("extends: [acme]\n", "doclint.yaml:1: unknown pack `acme`"),
            ("rules:\n  no-lorem: error\n", "doclint.yaml:2: unknown rule `no-lorem`"),
        ],
    )
    def test_a_config_naming_plugin_content_says_plugins_are_off(
        self, site, project, config, error
    ):
        (project / "doclint.yaml").write_text(config, encoding="utf-8")
        done = doclint(site, project, "--no-plugins", ".")
        assert done.returncode == 2
        first, note = done.stderr.splitlines()
        assert first.startswith(error)
        assert note == (
            "doclint: note: with --no-plugins, the rules, formats and packs of "
            "installed plugins are not loaded"
        )

    def test_the_command_then_does_not_import_pytest(self, site, project):
        check = (
            "import sys\nfrom pytest_doclint.cli import main\n"
            "code = main(['--no-plugins', '.'])\n"
            "sys.exit(10 if 'pytest' in sys.modules else code)\n"
        )
        (project / "doclint.yaml").write_text("{}\n", encoding="utf-8")
        assert python(site, project, "-c", check).returncode == 0


class TestBrokenPlugin:
    @pytest.fixture
    def broken(self, site: Path) -> Path:
        install(site, "broken", "raise RuntimeError('the licence server\\ndid not answer')\n")
        return site

    def test_one_line_names_the_plugin(self, broken, project):
        done = doclint(broken, project, ".")
        assert done.returncode == 2
        assert done.stderr == (
            "plugin 'broken' (package broken-doclint 1.0) cannot be loaded: RuntimeError: the "
            "licence server did not answer; update or uninstall it, or run doclint --no-plugins "
            "to lint with the built-in rules only\n"
        )

    def test_a_hook_with_unknown_arguments_is_one_line_too(self, site, project):
        install(site, "odd", "def pytest_doclint_rules(config):\n    return []\n")
        done = doclint(site, project, ".")
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
        assert done.stderr.startswith(
            "plugin 'odd' cannot be loaded: Plugin 'odd' for hook 'pytest_doclint_rules' "
            "hookimpl definition: pytest_doclint_rules(config) Argument(s) {'config'}"
        )

    def test_no_plugins_lints_without_it(self, broken, project):
        (project / "doclint.yaml").write_text("{}\n", encoding="utf-8")
        done = doclint(broken, project, "--no-plugins", "-q", ".")
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
