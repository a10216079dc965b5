"""Hostile and messy input: every document gets a verdict, nothing crashes, nothing is lost,
nothing is modified.

One pytest run (in a subprocess, as CI runs it) lints a folder that holds every hostile file
at once, with every report format on; each case below checks its document's verdict in that
run's JSON report and short summary. Cases that need something to happen between collection
and run, or a bad config, run on their own through ``pytester``. The big sizes (a 50 MB
document, a 5 MB line, 10,000 headings of each kind) are in ``scripts/bench_hostile.py``;
the folder here holds smaller versions of them. ``docs/robustness.md`` lists the cases.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest

from pytest_doclint import encoding

EXAMPLES = Path(__file__).parent.parent / "examples"
FOLDER_TIMEOUT = 300
"""Seconds the whole hostile folder may take (it takes about 20 on a slow machine)."""
UNREADABLE = "unreadable-document"

TRADITIONAL = """關於辦理年度工作總結的通知

各單位：
為做好年度工作總結，現將有關事項通知如下。

一、總體要求
各單位要高度重視，認真總結全年工作，客觀反映取得的成績和存在的問題。

二、報送時間
請於十二月十日前將總結報送辦公室。

特此通知。
"""
FRENCH = """# Guide de démarrage

## Installation

Installez le paquet avec pip. Les élèves ont été très fatigués après la journée.

## Utilisation

Lancez la commande « doclint » dans le répertoire du projet, puis lisez le résumé.
"""
JAPANESE = """社内規則

第一章 総則

この規則は、会社の運営に関する基本的な事項を定める。

第二章 組織

会社は、取締役会を置く。
"""
KOREAN = """회사 규정

제1장 총칙

이 규정은 회사의 운영에 관한 기본적인 사항을 정한다. 이 규정은 모든 직원에게 적용된다.

제2장 조직

회사는 이사회를 둔다.
"""
CONTROL_CHARACTERS = (
    "标题\n\n一、总体要求\f\n正文。\x0b继续\x1c。\n\n三、工作措施\u2028\n\n正文\x85完。\n"
)
"""Form feed, vertical tab, separators, U+2028 and NEL: one line each, as editors count them."""


# --- verdicts -------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What the run must say about one file."""

    outcome: str
    """`passed`, `failed` or `absent` (not a document: no item, no report entry)."""
    encoding: str | None = None
    rules: set[str] | None = None
    """The rules that report it, exactly (None: not checked)."""
    same_as: str | None = None
    """Another case whose findings (rule, line, column, message) this one repeats exactly."""
    message: str | None = None
    """An fnmatch pattern for the message of its first finding."""
    line: int | None = None
    """The line of its first finding."""


def passes(encoding: str | None = None) -> Verdict:
    return Verdict("passed", encoding=encoding, rules=set())


def same_as(name: str, encoding: str) -> Verdict:
    return Verdict("failed", encoding=encoding, same_as=name)


def unreadable(message: str, line: int | None = None) -> Verdict:
    return Verdict("failed", rules={UNREADABLE}, message=f"The document cannot be read: {message}",
                   line=line)  # fmt: skip


@dataclass
class Case:
    name: str
    write: Callable[[Path], None]
    verdict: Verdict
    known_bug: str | None = None
    """Set while a bug outside the engine keeps the right verdict from being given."""
    hangs: bool = False
    """The known bug makes the run take too long: the file stays out of the folder until fixed."""


@dataclass
class Sizes:
    """How big the big cases are: small in the test suite, as the issue says in the benchmark."""

    long_line: int = 1_000_000
    big_document: int = 2_000_000
    headings: int = 10_000
    repeated_headings: int = 2_000
    nesting: int = 50


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data() if callable(data) else data)


def _text(text: str, encoding: str = "utf-8", newline: str = "\n") -> Callable[[Path], None]:
    return _bytes(lambda: text.replace("\n", newline).encode(encoding))


def _symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _folder_with_document(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(_repaired(), encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _speech() -> str:
    return (EXAMPLES / "speech.txt").read_text(encoding="utf-8")


def _repaired() -> str:
    return (EXAMPLES / "speech-repaired.txt").read_text(encoding="utf-8")


def _mixed_endings(text: str) -> bytes:
    lines = text.split("\n")
    endings = ["\r\n", "\n", "\r"]
    return (
        "".join(line + endings[n % 3] for n, line in enumerate(lines[:-1])).encode()
        + lines[-1].encode()
    )


def _damaged(text: str, line: int) -> bytes:
    """UTF-8 with the last byte of the first character of ``line`` cut off."""
    data = text.encode("utf-8")
    start = _damage_offset(text, line)
    width = len(data[start:].decode("utf-8", errors="ignore")[0].encode("utf-8"))
    return data[: start + width - 1] + data[start + width :]


def _damage_offset(text: str, line: int) -> int:
    data = text.encode("utf-8")
    start = sum(len(part) + 1 for part in data.split(b"\n")[: line - 1])
    while data[start] < 0x80:
        start += 1
    return start


def _random_bytes() -> bytes:
    """High-entropy bytes without a NUL (a compressed file renamed to .md), fixed seed."""
    import random

    generator = random.Random(6)
    return bytes(generator.randrange(1, 256) for _ in range(4096))


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _long_line(size: int, unit: str) -> str:
    return "标题\n\n" + unit * (size // len(unit.encode("utf-8"))) + "\n"


def _big_log(size: int) -> str:
    line = "2025-11-27 12:00:00,001 [INFO] request handler finished in 12 ms, cache hit\n"
    return line * (size // len(line))


def _headings(count: int) -> str:
    return "规则汇编\n\n" + "".join(
        f"第{_chinese(n)}条 本条规定第{n}项内容。\n" for n in range(1, count + 1)
    )


def _chinese(value: int) -> str:
    from pytest_doclint.numbering import to_chinese

    return to_chinese(value) if value < 1000 else str(value)


def _sections(count: int) -> str:
    return "# Manual\n\n" + "".join(
        f"## Section {n}\n\nText of section {n}.\n\n" for n in range(1, count + 1)
    )


def _repeated_headings(count: int) -> str:
    return "Notes\n\n" + "1. Same\n\nText.\n\n" * count


def _nested_text(depth: int) -> str:
    return "Outline\n\n" + "".join(
        f"{'.'.join(['1'] * k)} Level {k}\n\nText {k}.\n\n" for k in range(1, depth + 1)
    )


def _nested_rest(depth: int) -> str:
    marks = "=-~^\"'`#*+:.<>_!$%&(),/;?@[]{}|"
    parts = []
    for k in range(depth):
        title, mark = f"Level {k + 1}", marks[k % len(marks)]
        over = [mark * len(title)] if k >= len(marks) else []
        parts.append("\n".join([*over, title, mark * len(title), "", f"Text {k + 1}.", "", ""]))
    return "".join(parts)


def _nested_markdown(depth: int) -> str:
    return "".join(f"{'>' * k} Quoted {k}.\n" for k in range(1, depth + 1)) + "\nThe end.\n"


def cases(sizes: Sizes) -> list[Case]:
    speech, repaired = _speech(), _repaired()
    bom16 = codecs.BOM_UTF16_LE
    return [
        # encodings: the same findings at the same places, whatever the bytes
        Case(
            "speech-utf8.txt",
            _text(speech),
            Verdict(
                "failed", "utf-8", {"toc-matches-body", "heading-numbering", "no-truncated-ending"}
            ),
        ),  # fmt: skip
        Case(
            "speech-utf8-bom.txt",
            _bytes(codecs.BOM_UTF8 + speech.encode()),
            same_as("speech-utf8.txt", "utf-8-sig"),
        ),
        Case(
            "speech-utf16le-bom.txt",
            _bytes(bom16 + speech.encode("utf-16-le")),
            same_as("speech-utf8.txt", "utf-16"),
        ),
        Case(
            "speech-utf16be-bom.txt",
            _bytes(codecs.BOM_UTF16_BE + speech.encode("utf-16-be")),
            same_as("speech-utf8.txt", "utf-16"),
        ),  # fmt: skip
        Case("speech-utf32-bom.txt", _text(speech, "utf-32"), same_as("speech-utf8.txt", "utf-32")),
        Case("speech-gb18030.txt", _text(speech, "gb18030"), same_as("speech-utf8.txt", "gb18030")),
        Case("speech-gbk.txt", _text(speech, "gbk"), same_as("speech-utf8.txt", "gb18030")),
        Case("speech-crlf.txt", _text(speech, newline="\r\n"), same_as("speech-utf8.txt", "utf-8")),
        Case("speech-cr.txt", _text(speech, newline="\r"), same_as("speech-utf8.txt", "utf-8")),
        Case(
            "speech-mixed-endings.txt",
            _bytes(lambda: _mixed_endings(speech)),
            same_as("speech-utf8.txt", "utf-8"),
        ),
        Case(
            "speech-gb18030-crlf.txt",
            _text(speech, "gb18030", "\r\n"),
            same_as("speech-utf8.txt", "gb18030"),
        ),
        Case("traditional-big5.txt", _text(TRADITIONAL, "big5"), passes("big5")),
        Case("french-cp1252.md", _text(FRENCH, "cp1252"), passes("cp1252")),
        Case("japanese-shift-jis.txt", _text(JAPANESE, "shift_jis"), passes("cp932")),
        Case("korean-euc-kr.txt", _text(KOREAN, "euc-kr"), passes("cp949")),
        Case(
            "control-characters.txt",
            _text(CONTROL_CHARACTERS),
            Verdict("failed", "utf-8", {"heading-numbering"}, line=6),
        ),  # fmt: skip
        # bytes that are no text
        Case(
            "damaged-utf8.txt",
            _bytes(lambda: _damaged(speech, 20)),
            unreadable(
                f"not valid utf-8 text: undecodable byte at byte offset "
                f"{_damage_offset(speech, 20)}",
                line=20,
            ),
        ),  # fmt: skip
        Case(
            "utf16-odd-length.txt",
            _bytes(bom16 + "正文。".encode("utf-16-le") + b"\n"),
            unreadable("not valid utf-16-le text: undecodable byte at byte offset 8", line=1),
        ),  # fmt: skip
        Case(
            "utf16-without-bom.txt",
            _text(repaired, "utf-16-le"),
            unreadable("binary file: a NUL byte at byte offset *"),
        ),
        Case(
            "binary.md",
            _bytes(_png),
            unreadable("binary file: a NUL byte at byte offset 8", line=3),
        ),
        Case(
            "nul-in-text.txt",
            _bytes(b"Title\n\nSome text.\x00More text.\n"),
            unreadable("binary file: a NUL byte at byte offset 17", line=3),
        ),  # fmt: skip
        Case(
            "random-bytes.md",
            _bytes(_random_bytes),
            unreadable("not UTF-8 text, and no legacy encoding fits*"),
        ),
        # `encoding:` in the folder's doclint.yaml
        Case("configured/utf16-le.txt", _text(repaired, "utf-16-le"), passes("utf-16-le")),
        Case(
            "configured/gb18030-said-utf8.txt",
            _text(repaired, "gb18030"),
            unreadable("not valid utf-8 text: undecodable byte at byte offset 2", line=1),
        ),  # fmt: skip
        # empty and blank
        Case("empty.txt", _bytes(b""), passes("utf-8")),
        Case("whitespace-only.md", _text(" \n\t\n\n   \n"), passes("utf-8")),
        Case("ideographic-spaces.txt", _text("\u3000\u3000\n\n\u3000\n"), passes("utf-8")),
        Case("bom-only.txt", _bytes(codecs.BOM_UTF8), passes("utf-8-sig")),
        # what is not a regular file
        Case("folder.md", _folder_with_document, Verdict("absent")),
        Case("folder.md/inside.txt", lambda path: None, passes("utf-8")),
        Case(
            "symlink-to-speech.txt",
            _symlink("speech-utf8.txt"),
            same_as("speech-utf8.txt", "utf-8"),
        ),
        Case(
            "symlink-loop.md",
            _symlink("symlink-loop.md"),
            unreadable("Too many levels of symbolic links"),
        ),  # fmt: skip
        Case(
            "dangling-symlink.txt",
            _symlink("nowhere.txt"),
            unreadable("No such file or directory"),
        ),  # fmt: skip
        Case(
            "named-pipe.txt",
            _fifo,
            unreadable("not a regular file*"),
        ),
        Case("通知 (副本) [1].txt", _text(repaired), passes("utf-8")),
        Case("colons::in-name.md", _text("# Title\n\nText.\n"), passes("utf-8")),
        # size and shape
        Case(
            "long-line-en.txt",
            _text(_long_line(sizes.long_line, "lorem ipsum dolor ")),
            Verdict("failed", "utf-8", {"no-truncated-ending"}, line=3),
        ),  # fmt: skip
        Case(
            "long-line-zh.txt",
            _text(_long_line(sizes.long_line, "这是一段很长的文字，")),
            Verdict("failed", "utf-8", {"no-truncated-ending"}, line=3),
        ),  # fmt: skip
        Case(
            "long-line-brackets.md",
            _text("[" * (sizes.long_line // 10) + "\n"),
            Verdict("failed", "utf-8", {"no-truncated-ending"}, line=1),
        ),  # fmt: skip
        Case(
            "big-log.txt",
            _text(_big_log(sizes.big_document)),
            Verdict("failed", "utf-8", {"no-truncated-ending"}, line=sizes.big_document // 76),
        ),  # fmt: skip
        Case("many-headings.txt", _text(_headings(sizes.headings)), passes("utf-8")),
        Case("many-sections.md", _text(_sections(sizes.headings)), passes("utf-8")),
        Case(
            "repeated-headings.txt",
            _text(_repeated_headings(sizes.repeated_headings)),
            Verdict("failed", "utf-8", {"heading-numbering", "no-duplicate-headings"}, line=7),
        ),  # fmt: skip
        Case("nested-50-levels.txt", _text(_nested_text(sizes.nesting)), passes("utf-8")),
        Case("nested-50-levels.rst", _text(_nested_rest(sizes.nesting)), passes("utf-8")),
        Case("nested-quotes.md", _text(_nested_markdown(sizes.nesting * 20)), passes("utf-8")),
    ]


def build(folder: Path, sizes: Sizes | None = None, *, with_hangs: bool = False) -> list[Case]:
    """Write every case into ``folder`` (with a pytest.ini and a doclint.yaml); returns them."""
    chosen = [case for case in cases(sizes or Sizes()) if with_hangs or not case.hangs]
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (folder / "doclint.yaml").write_text(
        "overrides:\n"
        "  - files: ['configured/utf16-*']\n    encoding: utf-16-le\n"
        "  - files: ['configured/*-said-utf8.txt']\n    encoding: utf-8\n",
        encoding="utf-8",
    )
    (folder / "configured").mkdir()
    for case in chosen:
        case.write(folder / case.name)
    return chosen


# --- the folder run -------------------------------------------------------------------------


@dataclass
class Run:
    folder: Path
    cases: list[Case]
    returncode: int
    stdout: str
    documents: dict[str, dict]
    outcomes: dict[str, str]
    before: dict[str, tuple] = field(default_factory=dict)
    after: dict[str, tuple] = field(default_factory=dict)
    again: dict[str, dict] = field(default_factory=dict)
    """The second run's report (`--lf`: the failed documents, from the cache)."""
    again_stdout: str = ""


def run_pytest(
    folder: Path, *args: str, timeout: float = FOLDER_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DOCLINT_"))}
    command = [sys.executable, "-m", "pytest", "--doclint", "-rA", *args]
    return subprocess.run(
        command, cwd=folder, capture_output=True, text=True, timeout=timeout, env=env
    )


def report_formats() -> list[str]:
    """Every report the plugin can write (`json` at least), each to its own file."""
    try:
        from pytest_doclint.reports import FORMATS
    except ImportError:
        return ["--doclint-report=out/report.json"]
    return [f"--doclint-report={name}:out/report.{name}" for name in FORMATS]


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry's kind, bytes (or link target) and mtime; reports and caches left out."""
    taken: dict[str, tuple] = {}
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in ("out", ".pytest_cache", "__pycache__")]
        for name in dirs + files:
            path = Path(current) / name
            info = os.lstat(path)
            if path.is_symlink():
                content: object = os.readlink(path)
            elif path.is_file() and not path.is_fifo():
                content = path.read_bytes()
            else:
                content = None
            taken[path.relative_to(folder).as_posix()] = (
                info.st_mode,
                info.st_size,
                info.st_mtime_ns,
                content,
            )
    return taken


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The whole folder in one run with every report format and the cache on, then once more
    with `--lf` (which reads the cache), snapshotting every document before and after."""
    folder = tmp_path_factory.mktemp("hostile")
    chosen = build(folder)
    shutil.copytree(EXAMPLES, folder / "examples")
    before = snapshot(folder)
    result = run_pytest(folder, *report_formats())
    again = run_pytest(folder, "--lf", "--doclint-report=out/again.json")
    assert again.returncode in (0, 1), again.stdout[-3000:] + again.stderr[-3000:]
    after = snapshot(folder)
    report = json.loads((folder / "out/report.json").read_text(encoding="utf-8"))
    outcomes = {}
    for line in result.stdout.splitlines():
        found = re.match(r"(PASSED|FAILED|ERROR|SKIPPED \[\d+\]) (.+?)::doclint(?: - |$)", line)
        if found:
            outcomes[found[2]] = found[1].split()[0].lower()
    repeated = json.loads((folder / "out/again.json").read_text(encoding="utf-8"))
    return Run(folder, chosen, result.returncode, result.stdout + result.stderr,
               {d["path"]: d for d in report["documents"]}, outcomes, before, after,
               {d["path"]: d for d in repeated["documents"]}, again.stdout)  # fmt: skip


def _brief(document: dict) -> list[tuple]:
    return [(f["rule"], f["line"], f["column"], f["message"]) for f in document["findings"]]


ALL_CASES = cases(Sizes())


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    if not case.known_bug:
        return []
    return [pytest.mark.xfail(reason=case.known_bug, strict=True, run=not case.hangs)]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=_marks(c)) for c in ALL_CASES])
def test_every_hostile_file_gets_its_verdict(hostile_run: Run, case: Case) -> None:
    verdict = case.verdict
    document = hostile_run.documents.get(case.name)
    outcome = hostile_run.outcomes.get(case.name, "absent")
    assert outcome == verdict.outcome, (outcome, document, hostile_run.stdout[-2000:])
    if verdict.outcome == "absent":
        assert document is None
        return
    assert document is not None, f"{case.name} is missing from the report"
    if verdict.encoding:
        assert document["encoding"] == verdict.encoding
    if verdict.rules is not None:
        assert {f["rule"] for f in document["findings"]} == verdict.rules, document["findings"]
    if verdict.same_as:
        assert _brief(document) == _brief(hostile_run.documents[verdict.same_as])
    if verdict.message:
        assert fnmatch.fnmatchcase(document["findings"][0]["message"], verdict.message), document[
            "findings"
        ]
    if verdict.line:
        assert document["findings"][0]["line"] == verdict.line, document["findings"]


def test_the_whole_folder_ends_with_a_normal_summary(hostile_run: Run) -> None:
    """Exit 1 for findings (never 2, 3 or 4), a summary line, no INTERNALERROR or traceback."""
    assert hostile_run.returncode == 1, hostile_run.stdout[-3000:]
    assert "INTERNALERROR" not in hostile_run.stdout
    assert "Traceback" not in hostile_run.stdout
    assert re.search(r"=+ \d+ failed, \d+ passed(, \d+ skipped)? in [\d.]+s", hostile_run.stdout), (
        hostile_run.stdout[-1000:]
    )


def test_nothing_is_lost(hostile_run: Run) -> None:
    """Every document collected has exactly one item outcome and one report entry."""
    known = {
        name for c in hostile_run.cases if c.known_bug for name in (c.name, c.name.split("::")[0])
    }
    documents = {path for path in hostile_run.documents if path not in known}
    outcomes = {path for path in hostile_run.outcomes if path not in known}
    assert documents == outcomes
    expected = {
        c.name for c in hostile_run.cases if c.verdict.outcome != "absent" and not c.known_bug
    }
    assert expected <= documents, expected - documents
    assert any(path.startswith("examples/") for path in documents)


def test_the_second_run_reuses_the_cached_findings(hostile_run: Run) -> None:
    """`--lf` reruns the failed documents; their results come from the cache, unchanged."""
    assert hostile_run.again, hostile_run.again_stdout[-2000:]
    for path, document in hostile_run.again.items():
        assert document == hostile_run.documents[path], path
    reused = re.search(r"cache: (\d+) of (\d+) results reused", hostile_run.again_stdout)
    assert reused and reused[1] == reused[2], hostile_run.again_stdout[-2000:]


def test_no_document_is_modified(hostile_run: Run) -> None:
    """Every byte and mtime of the corpus (hostile files and the examples) is unchanged."""
    changed = [
        name
        for name in hostile_run.before
        if hostile_run.before[name] != hostile_run.after.get(name)
    ]
    assert not changed
    added = {name.split("/")[0] for name in hostile_run.after.keys() - hostile_run.before.keys()}
    assert all(name.startswith(".") for name in added), added  # caches of pytest and its plugins
    assert any(name.startswith("examples/") for name in hostile_run.before)


# --- between collection and run -------------------------------------------------------------


class Between:
    """A plugin that changes the file system after collection, before the first item runs."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.action()


def _report(pytester: pytest.Pytester) -> dict[str, dict]:
    data = json.loads((pytester.path / "report.json").read_text(encoding="utf-8"))
    return {d["path"]: d for d in data["documents"]}


@pytest.fixture
def two_documents(pytester: pytest.Pytester) -> tuple[Path, Path]:
    pytester.makeini("[pytest]\n")
    good = pytester.path / "good.txt"
    victim = pytester.path / "victim.txt"
    good.write_text(_repaired(), encoding="utf-8")
    victim.write_text(_repaired(), encoding="utf-8")
    return good, victim


def _run_with(
    pytester: pytest.Pytester, action: Callable[[], None], *args: str
) -> pytest.RunResult:
    return pytester.runpytest(
        "--doclint", "--doclint-report=report.json", *args, plugins=[Between(action)]
    )


class TestBetweenCollectionAndRun:
    def test_a_document_that_vanishes_fails_with_the_reason(self, pytester, two_documents):
        good, victim = two_documents
        result = _run_with(pytester, victim.unlink)
        result.assert_outcomes(passed=1, failed=1)
        finding = _report(pytester)["victim.txt"]["findings"][0]
        assert (finding["rule"], finding["line"]) == (UNREADABLE, 1)
        assert finding["message"] == "The document cannot be read: No such file or directory"
        result.stdout.fnmatch_lines(
            ["victim.txt:1:1: unreadable-document The document cannot be read: *"]
        )

    def test_permission_denied_fails_with_the_reason(self, pytester, two_documents, monkeypatch):
        """Tests run as root, where chmod does not deny a read: the refusal is injected."""
        good, victim = two_documents
        original = encoding.read_bytes

        def refuse(path: Path) -> bytes:
            if Path(path).name == victim.name:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return original(path)

        result = _run_with(pytester, lambda: monkeypatch.setattr(encoding, "read_bytes", refuse))
        result.assert_outcomes(passed=1, failed=1)
        assert _report(pytester)["victim.txt"]["findings"][0]["message"] == (
            "The document cannot be read: Permission denied"
        )

    def test_a_document_replaced_by_a_folder_fails_with_the_reason(self, pytester, two_documents):
        good, victim = two_documents

        def replace() -> None:
            victim.unlink()
            victim.mkdir()

        result = _run_with(pytester, replace)
        result.assert_outcomes(passed=1, failed=1)
        assert _report(pytester)["victim.txt"]["findings"][0]["message"].startswith(
            "The document cannot be read: "
        )

    def test_a_document_emptied_passes(self, pytester, two_documents):
        good, victim = two_documents
        result = _run_with(pytester, lambda: victim.write_bytes(b""))
        result.assert_outcomes(passed=2)

    def test_a_document_turned_binary_fails_with_the_offset(self, pytester, two_documents):
        good, victim = two_documents
        result = _run_with(pytester, lambda: victim.write_bytes(b"GIF89a\x00\x01"))
        result.assert_outcomes(passed=1, failed=1)
        finding = _report(pytester)["victim.txt"]["findings"][0]
        assert (
            finding["message"]
            == "The document cannot be read: binary file: a NUL byte at byte offset 6"
        )

    def test_a_document_replaced_by_a_named_pipe_is_refused_without_blocking(
        self, pytester, two_documents
    ):
        """A pipe with no writer would block `open` forever: it is refused unread."""
        good, victim = two_documents

        def replace() -> None:
            victim.unlink()
            os.mkfifo(victim)

        result = _run_with(pytester, replace)
        result.assert_outcomes(passed=1, failed=1)
        assert _report(pytester)["victim.txt"]["findings"][0]["message"] == (
            "The document cannot be read: not a regular file (a pipe, device or socket)"
        )

    def test_at_severity_warning_an_unreadable_document_warns(self, pytester, two_documents):
        good, victim = two_documents
        pytester.makefile(".yaml", doclint="rules:\n  unreadable-document: warning\n")
        result = _run_with(pytester, victim.unlink)
        result.assert_outcomes(passed=2, warnings=1)
        finding = _report(pytester)["victim.txt"]["findings"][0]
        assert (finding["rule"], finding["severity"]) == (UNREADABLE, "warning")

    def test_one_item_per_rule_reports_an_unreadable_document_once(self, pytester, two_documents):
        good, victim = two_documents
        result = _run_with(pytester, victim.unlink, "--doclint-per-rule")
        outcomes = result.parseoutcomes()
        assert outcomes["failed"] == 1
        assert outcomes["skipped"] == outcomes["passed"] - 1 >= 1
        assert len(_report(pytester)["victim.txt"]["findings"]) == 1


# --- bad configs ----------------------------------------------------------------------------


def _usage_error(result: pytest.RunResult, pattern: str) -> None:
    assert result.ret == pytest.ExitCode.USAGE_ERROR, result.stdout.lines + result.stderr.lines
    errors = [line for line in result.stderr.lines if line.startswith("ERROR:")]
    assert len(errors) == 1, result.stderr.lines
    result.stderr.fnmatch_lines([f"ERROR: {pattern}"])
    assert "Traceback" not in result.stderr.str() and "INTERNALERROR" not in result.stdout.str()


class TestBadConfig:
    def test_a_config_that_is_not_utf8(self, pytester, speech):
        (pytester.path / "doclint.yaml").write_bytes(
            "# 配置\nrules:\n  heading-numbering: off\n".encode("gb18030")
        )
        _usage_error(
            pytester.runpytest(),
            "doclint.yaml:1: a config must be UTF-8 text; undecodable byte at byte offset 2",
        )

    def test_a_config_with_a_byte_order_mark_is_read(self, pytester, speech):
        (pytester.path / "doclint.yaml").write_bytes(
            codecs.BOM_UTF8 + b"rules:\n  heading-numbering: off\n"
        )
        result = pytester.runpytest()
        result.assert_outcomes(failed=1)
        result.stdout.no_fnmatch_line("*heading-numbering*")

    def test_an_empty_config_turns_linting_on_with_the_defaults(self, pytester, speech):
        pytester.makefile(".yaml", doclint="")
        pytester.runpytest().assert_outcomes(failed=1)

    def test_a_folder_named_like_a_config_is_not_a_config(self, pytester, speech):
        (pytester.path / "doclint.yaml").mkdir()
        pytester.runpytest().assert_outcomes()  # nothing turns linting on ...
        pytester.runpytest("--doclint").assert_outcomes(failed=1)  # ... and it breaks nothing

    def test_a_control_character_in_the_config(self, pytester, speech):
        pytester.makefile(".yaml", doclint="rules:\n  heading-numbering: off\x07\n")
        _usage_error(
            pytester.runpytest(), "doclint.yaml:2: invalid YAML: character U+0007 is not allowed"
        )

    def test_a_config_nested_too_deeply(self, pytester, speech):
        pytester.makefile(".yaml", doclint="rules: " + "[" * 2000 + "]" * 2000 + "\n")
        _usage_error(pytester.runpytest(), "doclint.yaml*nested*")

    def test_an_unknown_encoding(self, pytester, speech):
        pytester.makefile(".yaml", doclint="encoding: utf8x\n")
        _usage_error(
            pytester.runpytest(), "doclint.yaml:1: unknown encoding `utf8x`; did you mean `utf-8`?*"
        )

    def test_an_encoding_that_is_no_text_encoding(self, pytester, speech):
        pytester.makefile(
            ".yaml", doclint="overrides:\n  - files: ['*.txt']\n    encoding: base64\n"
        )
        _usage_error(pytester.runpytest(), "doclint.yaml:3: `base64` is not a text encoding*")

    def test_an_encoding_of_the_wrong_type(self, pytester, speech):
        pytester.makefile(".yaml", doclint="encoding: [gb18030]\n")
        _usage_error(pytester.runpytest(), "doclint.yaml:1: `encoding` must be text, got a list")

    def test_an_unreadable_config(self, pytester, speech, monkeypatch):
        config = pytester.makefile(".yaml", doclint="rules: {}\n")
        original = Path.read_bytes

        def refuse(path: Path) -> bytes:
            if path.name == config.name:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return original(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
        _usage_error(
            pytester.runpytest(), "doclint.yaml: cannot read the config: Permission denied"
        )

    def test_unreadable_document_cannot_be_turned_off(self, pytester, speech):
        pytester.makefile(".yaml", doclint="rules:\n  unreadable-document: off\n")
        _usage_error(pytester.runpytest(), "doclint.yaml:2: `unreadable-document` cannot be off: *")

    def test_unreadable_document_cannot_be_ignored(self, pytester, speech):
        _usage_error(
            pytester.runpytest("--doclint", "--doclint-ignore=unreadable-document"),
            "--doclint-ignore: `unreadable-document` cannot be ignored: *",
        )

    def test_a_configured_encoding_is_used_and_reported(self, pytester):
        pytester.makefile(".yaml", doclint="encoding: utf-16-le\n")
        (pytester.path / "plain.txt").write_bytes(_repaired().encode("utf-16-le"))
        result = pytester.runpytest("--doclint-report=report.json")
        result.assert_outcomes(passed=1)
        assert _report(pytester)["plain.txt"]["encoding"] == "utf-16-le"
