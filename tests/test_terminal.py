"""Colour on a terminal only, as NO_COLOR, FORCE_COLOR and `--color` say; pytest's own
`--color` for its failures."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from pytest_doclint import cli
from pytest_doclint import terminal

EXAMPLES = Path(__file__).parent.parent / "examples"
ESC = "\x1b["


class Tty(io.StringIO):
    """An output that says it is a terminal, as a console does."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("choice", "environ", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),  # a file, a pipe, a CI log without FORCE_COLOR
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),  # the command line beats the environment
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_use_color(choice, environ, tty, expected):
    stream = Tty() if tty else io.StringIO()
    assert terminal.use_color(choice, stream, environ) is expected


@pytest.fixture
def speech(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for variable in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "TERM"):
        monkeypatch.delenv(variable, raising=False)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'docs'\n", encoding="utf-8")
    return Path(shutil.copy(EXAMPLES / "speech.txt", tmp_path / "speech.txt"))


def lint(*args: str, out: io.StringIO) -> str:
    cli.main([*args, "speech.txt"], stdout=out)
    return out.getvalue()


class TestCommand:
    def test_a_terminal_gets_colour(self, speech):
        shown = lint(out=Tty())
        assert f"{ESC}1mspeech.txt:32:1:{ESC}0m {ESC}31;1mheading-numbering{ESC}0m" in shown

    def test_a_pipe_stays_plain(self, speech):
        shown = lint(out=io.StringIO())
        assert ESC not in shown
        assert "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`" in shown

    def test_no_color_turns_it_off(self, speech, monkeypatch):
        monkeypatch.setenv("NO_COLOR", "1")
        assert ESC not in lint(out=Tty())
        assert ESC in lint("--color=always", out=Tty())

    def test_force_color_colours_a_log(self, speech, monkeypatch):
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert ESC in lint("--concise", out=io.StringIO())
        assert ESC not in lint("--color=never", out=io.StringIO())

    def test_colour_changes_nothing_but_the_escapes(self, speech):
        coloured = lint("--color=always", out=io.StringIO())
        plain = lint("--color=never", out=io.StringIO())
        assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain

    def test_an_unknown_choice_is_a_usage_error(self, speech, capsys):
        assert cli.main(["--color=sometimes", "speech.txt"]) == cli.EXIT_USAGE
        assert "invalid choice: 'sometimes'" in capsys.readouterr().err


class TestPlugin:
    def test_failures_follow_pytests_color_option(self, pytester: pytest.Pytester):
        shutil.copy(EXAMPLES / "speech.txt", pytester.path / "speech.txt")
        coloured = pytester.runpytest("--doclint", "--color=yes").stdout.str()
        assert f"{ESC}31m{ESC}1mheading-numbering{ESC}0m Heading number" in coloured
        plain = pytester.runpytest("--doclint", "--color=no").stdout.str()
        assert ESC not in plain
        assert "speech.txt:32:1: heading-numbering Heading number `(二)` skips `(一)`" in plain
