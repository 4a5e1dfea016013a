"""Hardening: bad data, hostile text and closed pipes never give a traceback or a lie.

One section per item of the issue:

1. data errors: one ``FILE:LINE: what`` line per problem on stderr, nothing on stdout,
   exit 1 (data) or 2 (usage), through ordinary commands, not only ``cqmu check``;
2. hostile text (rich markup, ANSI / OSC 8 / BEL / CR) is shown literally or
   neutralised in every renderer; long values and many records keep the layout;
3. closed pipes and Ctrl-C end quietly (real processes);
4. nothing is lost: the dataset is never written, outputs are atomic and never
   overwritten without ``--force``.

Every CliRunner call in this module goes through :func:`assert_clean` (an autouse
fixture wraps ``CliRunner.invoke``): no exception escaped and no "Traceback" text.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
import typer.testing
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from cqmu_exchange import cli
from cqmu_exchange.cli import app

from .conftest import BUNDLED, MINI

runner = CliRunner()

# -- the suite-wide guard --------------------------------------------------------------------

# Bytes that must never reach a terminal from data: C0 controls but tab and newline, DEL.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The only escape sequences allowed with colour on: rich's own SGR styles (ESC [ ... m).
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_clean(result: Result) -> None:
    """No exception escaped the command and no traceback was printed."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        import traceback

        detail = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else repr(exc)
        raise AssertionError(f"unhandled exception in the CLI:\n{detail}")
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout[-2000:]


@pytest.fixture(autouse=True)
def _no_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``CliRunner.invoke`` in this module is checked by :func:`assert_clean`.

    It also builds the click command from the Typer app once, not on every call
    (that is 80% of the time of a CliRunner call on a small dataset).
    """
    original = CliRunner.invoke

    def checked(self: CliRunner, *args: Any, **kwargs: Any) -> Result:
        result = original(self, *args, **kwargs)
        assert_clean(result)
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked)
    monkeypatch.setattr(typer.testing, "_get_command", _command_of, raising=False)


_COMMANDS: dict[int, Any] = {}


def _command_of(typer_app: typer.Typer) -> Any:
    if id(typer_app) not in _COMMANDS:
        _COMMANDS[id(typer_app)] = typer.main.get_command(typer_app)
    return _COMMANDS[id(typer_app)]


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


def assert_no_control_bytes(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, (
        f"control byte {found.group()!r} at {found.start()}: {text[max(0, found.start() - 60) :][:120]!r}"
    )


def assert_quiet_stderr(stderr: str) -> None:
    for bad in ("Traceback", "Broken pipe", "BrokenPipeError", "Exception ignored", "KeyboardInterrupt"):
        assert bad not in stderr, stderr


# -- helpers to write datasets ------------------------------------------------------------------


def toml_str(value: str) -> str:
    """A TOML basic string holding exactly ``value`` (controls escaped as \\uXXXX)."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def dataset_text(text: str = "", *, partner_id: str = "alpha", start: str = "2011-09", extra: str = "") -> str:
    """MINI-shaped TOML with ``text`` appended to every free-text field (names, notes, summaries...)."""

    def s(base: str) -> str:
        return toml_str(base + text)

    return f"""\
schema_version = 1

[[sources]]
id = "src-a"
title = {s("An article ")}
publisher = {s("Publisher ")}
seed = "a.txt"

[[partners]]
id = "{partner_id}"
name = {s("Alpha University ")}
kind = "university"
names = [
  {{ value = {s("Universite Alpha ")}, type = "label", lang = "fr" }},
  {{ value = {s("AU ")}, type = "acronym" }},
]
country = "FR"
city = {s("Lyon ")}
cooperation_since = "2010"
website = {s("https://alpha.example/")}
notes = [{s("A note ")}]
sources = ["src-a"]

[[partners]]
id = "beta"
name = {s("Beta Hospital ")}
kind = "hospital"
status = "affiliate"
parent = "{partner_id}"
country = "IT"
city = {s("Rome ")}
sources = ["src-a"]

[[programmes]]
id = "exchange"
name = {s("Alpha Student Exchange ")}
kind = "student_exchange"
partners = ["{partner_id}"]
units = [{s("School of Medicine ")}]
levels = ["undergraduate"]
start = "{start}"
cohorts = [{{ date = "2012", size = 10, note = {s("first intake ")} }}]
degrees = [{s("MBBS ")}]
summary = {s("An exchange ")}
sources = ["src-a"]

[[events]]
id = "signing"
name = {s("Alpha agreement signed ")}
kind = "signing"
date = "2010-05-04"
date_note = {s("day from the article ")}
place = {s("Chongqing ")}
partners = ["{partner_id}"]
programmes = ["exchange"]
people = ["doe"]
summary = {s("Signed in Chongqing ")}
sources = ["src-a"]

[[people]]
id = "doe"
name = {s("DOE Jane ")}
family_name = {s("Doe ")}
given_name = {s("Jane ")}
name_zh = {s("简 ")}
roles = [
  {{ title = {s("Rector ")}, organisation = {s("Alpha University ")}, partner = "{partner_id}", source = "src-a" }},
]
notes = [{s("A person note ")}]
sources = ["src-a"]
{extra}"""


def big_dataset_text(partners: int, events: int = 0) -> str:
    """A valid dataset with many records (output far larger than a pipe buffer)."""
    parts = ['schema_version = 1\n\n[[sources]]\nid = "src-a"\ntitle = "An article"\n']
    for i in range(partners):
        parts.append(
            f'[[partners]]\nid = "p{i:05d}"\nname = "Partner University number {i} with a rather long name"\n'
            f'kind = "university"\ncountry = "FR"\ncity = "Lyon"\ncooperation_since = "{2000 + i % 25}"\n'
            'sources = ["src-a"]\n'
        )
    for i in range(events):
        parts.append(
            f'[[events]]\nid = "e{i:05d}"\nname = "Event {i}"\nkind = "visit"\n'
            f'date = "{2000 + i % 25}-0{1 + i % 9}-1{i % 9}"\n'
            f'partners = ["p{i % partners:05d}"]\nsummary = "What happened at event {i}, told at some length"\n'
            'sources = ["src-a"]\n'
        )
    return "\n".join(parts)


def line_no(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th ``needle``, counting lines as TOML does (at "\\n" only)."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")


# =========================================================================== 1. data errors


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _replace(old: str, new: str, text: str = MINI) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# name -> (how to make the file, expected line (None: a whole-file problem), words in the message)
BROKEN: dict[str, tuple[Any, Any, str]] = {
    "malformed TOML": (
        lambda p: _write(p, _replace('city = "Lyon"', 'city = "Lyon')),
        lambda t: line_no(t, 'city = "Lyon'),
        "invalid TOML",
    ),
    "non-UTF-8 bytes": (
        lambda p: _write(p, _replace("Universite", "Universit\xe9").encode("latin-1")),
        lambda t: line_no(MINI, "Universite Alpha"),
        "not valid UTF-8",
    ),
    "empty file": (lambda p: _write(p, "\n  \n"), lambda t: 1, "the file is empty"),
    "only comments": (lambda p: _write(p, "# partners to come\n\n# more\n"), lambda t: 1, "the file is empty"),
    "missing file": (lambda p: p.with_name("missing.toml"), None, "no such file"),
    "directory": (lambda p: p.parent, None, "is a directory"),
    "wrong type": (
        lambda p: _write(p, _replace('cooperation_since = "2010"', "cooperation_since = 2010")),
        lambda t: line_no(t, "cooperation_since"),
        "Expected `str | null`",
    ),
    "unknown key (typo)": (
        lambda p: _write(p, _replace('country = "FR"', 'contry = "FR"')),
        lambda t: line_no(t, "contry"),
        "unknown key 'contry'",
    ),
    "duplicate id": (
        lambda p: _write(p, _replace('id = "beta"', 'id = "alpha"').replace('parent = "alpha"\n', "")),
        lambda t: line_no(t, 'id = "alpha"', 2),
        "duplicate partners id 'alpha'",
    ),
    "dangling reference": (
        lambda p: _write(p, _replace('people = ["doe"]', 'people = ["nobody"]')),
        lambda t: line_no(t, "nobody"),
        "unknown people id 'nobody'",
    ),
    "impossible date": (
        lambda p: _write(p, _replace('date = "2010-05-04"', 'date = "2024-02-30"')),
        lambda t: line_no(t, "2024-02-30"),
        "day 30 does not exist",
    ),
    "range ending before it starts": (
        lambda p: _write(p, _replace('date = "2010-05-04"', 'date = "2012-01-01/2011-12-31"')),
        lambda t: line_no(t, "2012-01-01/"),
        "ends before it starts",
    ),
    # found while hardening (fixed in loader.py / dates.py):
    "year zero": (
        lambda p: _write(p, _replace('date = "2010-05-04"', 'date = "0000-01-01/0001"')),
        lambda t: line_no(t, "0000-01-01"),
        "no year 0",
    ),
    "integer too long for Python": (
        lambda p: _write(p, _replace('city = "Lyon"', 'city = "Lyon"\nestablished = ' + "9" * 5000)),
        lambda t: line_no(t, "established"),
        "integer too long",
    ),
    "integer too large to store": (
        lambda p: _write(p, _replace('city = "Lyon"', 'city = "Lyon"\nestablished = 99999999999999999999')),
        lambda t: line_no(t, "established"),
        "established must be a year",
    ),
    "negative count": (
        lambda p: _write(p, _replace('start = "2011-09"', 'start = "2011-09"\nsessions = -3')),
        lambda t: line_no(t, "sessions"),
        "sessions must be a whole number",
    ),
    "arrays nested too deep": (
        lambda p: _write(p, MINI + "\nnested = " + "[" * 600 + "]" * 600 + "\n"),
        lambda t: line_no(t, "nested ="),
        "nested too deeply",
    ),
    "unsupported schema version": (
        lambda p: _write(p, _replace("schema_version = 1", "schema_version = 2")),
        lambda t: 1,
        "schema_version 2 is not supported",
    ),
    "parent loop": (
        lambda p: _write(p, _replace('cooperation_since = "2010"', 'cooperation_since = "2010"\nparent = "beta"')),
        lambda t: line_no(t, 'parent = "beta"'),
        "parent chain loops back (alpha -> beta -> alpha)",
    ),
    "unknown key with a backtick": (
        lambda p: _write(p, _replace('country = "FR"', '"coun`try" = "FR"')),
        lambda t: line_no(t, "coun`try"),
        "unknown key 'coun`try'",
    ),
    "line numbers after a U+2028 in a string": (
        lambda p: _write(
            p, _replace('city = "Lyon"', 'city = "Ly\u2028on"').replace('country = "IT"', 'country = "XX"')
        ),
        lambda t: line_no(t, '"XX"'),
        "'XX' is not an ISO 3166-1 alpha-2 country code",
    ),
}


def _problem_lines(path: Path, stderr: str) -> list[tuple[int | None, str]]:
    """Parse ``FILE:LINE: message`` (or ``FILE: message`` for a whole-file problem) lines."""
    found = []
    for line in stderr.splitlines():
        assert line.startswith(f"{path}:"), line
        rest = line[len(str(path)) + 1 :]
        number = re.match(r"(\d+): ", rest)
        if number:
            found.append((int(number[1]), rest[number.end() :]))
        else:
            assert rest.startswith(" "), line
            found.append((None, rest[1:]))
    return found


@pytest.mark.parametrize(
    "command",
    [
        ["partners"],
        ["timeline", "--format", "table"],
        ["show", "alpha", "--format", "json"],
        ["export"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("case", list(BROKEN))
def test_bad_data_gives_one_line_per_problem_through_any_command(tmp_path: Path, case: str, command: list[str]) -> None:
    make, expected_line, words = BROKEN[case]
    path = make(tmp_path / "broken.toml")
    text = path.read_bytes().decode("utf-8", "replace") if path.is_file() else ""
    result = invoke("--no-cache", "--data", str(path), *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    problems = _problem_lines(path, result.stderr)
    assert len(problems) == 1, result.stderr
    line, message = problems[0]
    assert words in message
    assert line == (expected_line(text) if expected_line else None)
    assert_no_control_bytes(result.stderr)


def test_bad_data_through_the_cache_path_too(tmp_path: Path) -> None:
    """With the cache on (the default), broken data fails the same way and is not cached."""
    make, expected_line, words = BROKEN["integer too large to store"]
    path = make(tmp_path / "broken.toml")
    for _ in range(2):
        result = invoke("--data", str(path), "partners")
        assert result.exit_code == 1 and result.stdout == ""
        assert _problem_lines(path, result.stderr) == [
            (expected_line(path.read_text()), result.stderr.split(": ", 1)[1].rstrip("\n"))
        ]
        assert words in result.stderr


def test_several_problems_give_exactly_one_line_each(tmp_path: Path) -> None:
    text = _replace('country = "IT"', 'country = "XX"', _replace('people = ["doe"]', 'people = ["nobody"]'))
    path = _write(tmp_path / "two.toml", text)
    result = invoke("--data", str(path), "people")
    assert result.exit_code == 1 and result.stdout == ""
    problems = _problem_lines(path, result.stderr)
    assert [line for line, _ in problems] == [line_no(text, '"XX"'), line_no(text, "nobody")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(mini: Path) -> None:
    mini.chmod(0)
    try:
        for args in (["check", str(mini)], ["--data", str(mini), "partners"]):
            result = invoke(*args)
            assert result.exit_code == 1
            assert f"{mini}: permission denied" in result.stdout + result.stderr
    finally:
        mini.chmod(0o644)


def test_unreadable_file_simulated(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as chmod 000 (which root ignores): reading raises PermissionError."""
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == mini:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = invoke("--data", str(mini), "partners")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{mini}: permission denied: cannot read the file\n"
    result = invoke("check", str(mini))
    assert result.exit_code == 1
    assert result.stdout == f"{mini}: permission denied: cannot read the file\n"


def test_hostile_file_name_stays_on_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "evil\x1b[31m\nname.toml", _replace('country = "IT"', 'country = "XX"'))
    result = invoke("--data", str(path), "partners")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "\x1b" not in result.stderr
    result = invoke("check", str(path))
    assert len(result.stdout.splitlines()) == 1 and "\x1b" not in result.stdout


def test_check_summary_lines_neutralise_the_file_name(tmp_path: Path) -> None:
    good = _write(tmp_path / "ok\x1b[31m\n.toml", MINI)
    bad = _write(tmp_path / "bad\x1b[31m\n.toml", _replace('country = "IT"', 'country = "XX"'))
    ok = invoke("check", str(good))
    broken = invoke("check", str(bad))
    assert ok.exit_code == 0 and len(ok.stdout.splitlines()) == 1 and "\x1b" not in ok.stdout
    assert broken.exit_code == 1 and len(broken.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["partners", "--format", "nonsense"], "nonsense"),
        (["timeline", "--format", "nonsense"], "nonsense"),
        (["partners", "--fields", "bogus"], "valid fields"),
        (["partners", "--fields", "id,bogus", "--format", "json"], "valid fields"),
        (["programmes", "--fields", "bogus", "--format", "table"], "valid fields"),
        (["timeline", "--fields", "bogus"], "valid fields"),
        (["search", "alpha", "--fields", "bogus"], "valid fields"),
        (["partners", "--status", "bogus"], "unknown status"),
        (["partners", "--country", "Atlantis"], "unknown country"),
        (["partners", "--kind", "bogus"], "unknown partner kind"),
        (["partners", "--sort", "bogus"], "bogus"),
        (["partners", "--since", "soon"], "--since"),
        (["timeline", "--from", "2024", "--to", "2020"], "before"),
        (["programmes", "--level", "kindergarten"], "unknown level"),
        (["search", "alpha", "--limit", "0"], "limit"),
        (["export", "--format", "sqlite"], "--output"),
        (["no-such-command"], "no-such-command"),
    ],
)
def test_usage_errors_exit_2(mini: Path, args: list[str], mentions: str) -> None:
    result = invoke("--data", str(mini), *args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert mentions in result.stderr


# =========================================================================== 2. hostile text

HOSTILE = (
    "[bold red]X[/] [/x] [link=http://evil]L[/link] "
    "\x1b[31mRED\x1b[0m \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
    "BEL\x07 CR\rover BS\x08 NUL\x00 DEL\x7f CSI\x9b2J LS\u2028 end"
)
MARKUP = "[bold red]X[/] [/x] [link=http://evil]L[/link]"
PAYLOADS = ("\x1b[31m", "\x1b]8;;http://evil", "\x1b\\", "\x07", "\r", "\x08", "\x00", "\x7f", "\x9b")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.toml"
    path.write_text(dataset_text(HOSTILE), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert_clean(result)
    assert result.exit_code == 0, result.stdout
    return path


RENDERS = [
    ["partners", "--all"],
    ["programmes"],
    ["people"],
    ["timeline"],
    ["stats", "--all"],
    ["search", "alpha"],
    ["show", "alpha"],
    ["show", "exchange"],
    ["show", "doe"],
    ["show", "--kind", "event", "signing"],
]


RENDER_FORMATS = [
    (command, fmt)
    for command in RENDERS
    for fmt in (("table", "plain") if command[0] == "show" else ("table", "plain", "tsv", "csv", "markdown"))
]


@pytest.mark.parametrize(("command", "fmt"), RENDER_FORMATS, ids=lambda v: "-".join(v) if isinstance(v, list) else v)
def test_hostile_text_is_literal_and_neutralised(hostile: Path, command: list[str], fmt: str) -> None:
    result = invoke("--no-color", "--data", str(hostile), *command, "--format", fmt, env={"COLUMNS": "3000"})
    assert result.exit_code == 0
    out = result.stdout
    assert_no_control_bytes(out + result.stderr)
    assert "\x1b" not in out
    if command[0] != "stats":  # stats shows counts, not free text
        assert MARKUP in out  # markup shown literally, never interpreted
        assert "\u241b[31mRED" in out  # ESC shown as a visible stand-in


@pytest.mark.parametrize("fmt", ["mermaid", "ics"])
def test_hostile_text_in_timeline_formats(hostile: Path, fmt: str) -> None:
    result = invoke("--data", str(hostile), "timeline", "--format", fmt)
    assert result.exit_code == 0
    body = result.stdout.replace("\r\n", "\n") if fmt == "ics" else result.stdout
    assert_no_control_bytes(body)
    assert "[bold red]X[/]" in body


def test_plain_output_keeps_one_line_per_record(hostile: Path) -> None:
    counts = {"partners": 2, "programmes": 1, "people": 1, "timeline": 1}
    for command, rows in counts.items():
        plain = invoke("--data", str(hostile), command)
        tsv = invoke("--data", str(hostile), command, "--format", "tsv")
        assert len(plain.stdout.splitlines()) == rows, plain.stdout
        assert len(tsv.stdout.splitlines()) == rows + 1


@pytest.mark.parametrize("command", RENDERS, ids=lambda c: "-".join(c))
def test_hostile_text_with_colour_on(hostile: Path, command: list[str]) -> None:
    """In a colour terminal rich adds its own SGR sequences; none of the data's get through."""
    env = {"COLUMNS": "3000", "FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None, "TTY_COMPATIBLE": "1"}
    result = invoke("--data", str(hostile), *command, "--format", "table", env=env)
    assert result.exit_code == 0
    out = result.stdout
    if command[0] != "stats":
        assert "\x1b[" in out  # colour really is on
    for payload in PAYLOADS:
        assert payload not in out, payload
    assert_no_control_bytes(RICH_SGR.sub("", out))


def test_tty_detection_path_renders_tables(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --format, a terminal (is_tty) gets tables: the same guarantees hold."""
    monkeypatch.setattr(cli, "is_tty", lambda: True)
    for command in RENDERS:
        result = invoke("--data", str(hostile), *command, env={"COLUMNS": "3000", "NO_COLOR": "1"})
        assert result.exit_code == 0
        assert "─" in result.stdout or "╭" in result.stdout  # a table or a card, not plain text
        assert_no_control_bytes(result.stdout)
        assert "\x1b" not in result.stdout


def test_json_keeps_the_exact_text(hostile: Path) -> None:
    """JSON is data, not display: the exact string survives (control characters escaped)."""
    rows = json.loads(invoke("--data", str(hostile), "partners", "--format", "json").stdout)
    assert rows[0]["name"] == "Alpha University " + HOSTILE
    card = json.loads(invoke("--data", str(hostile), "show", "doe", "--format", "json").stdout)
    assert card["roles"][0]["title"] == "Rector " + HOSTILE
    lines = invoke("--data", str(hostile), "timeline", "--format", "jsonl").stdout.split("\n")
    assert json.loads(lines[0])["summary"] == "Signed in Chongqing " + HOSTILE
    exported = json.loads(invoke("--data", str(hostile), "export").stdout)
    assert exported["people"][0]["notes"] == ["A person note " + HOSTILE]
    for out in (
        invoke("--data", str(hostile), "partners", "--format", "json").stdout,
        invoke("--data", str(hostile), "export").stdout,
    ):
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["partners", "--format", "json"],
        ["partners", "--format", "jsonl"],
        ["show", "alpha", "--format", "json"],
        ["show", "alpha", "--format", "jsonl"],
        ["export"],
    ],
    ids=lambda a: "-".join(a),
)
def test_json_escapes_del_and_c1_controls(hostile: Path, args: list[str]) -> None:
    out = invoke("--data", str(hostile), *args).stdout
    assert "\x7f" not in out and "\x9b" not in out
    assert_no_control_bytes(out)


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        # each: a heading, the two candidates, how to pick one by id
        (["show", "Twin University"], 4),
        (["timeline", "Twin University"], 4),
        (["programmes", "--partner", "Twin University"], 4),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else str(v),
)
def test_ambiguous_candidates_stay_one_line_each(tmp_path: Path, args: list[str], lines: int) -> None:
    text = dataset_text().replace('parent = "alpha"\n', "")
    text = text.replace('name = "Alpha University "', 'name = "Twin\\nUniversity"')
    text = text.replace('name = "Beta Hospital "', 'name = "Twin\\r\\nUniversity"')
    path = _write(tmp_path / "twins.toml", text)
    result = invoke("--data", str(path), *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert "ambiguous" in result.stderr or "several" in result.stderr
    assert len(result.stderr.splitlines()) == lines, result.stderr
    assert_no_control_bytes(result.stderr)


def test_hostile_query_and_messages(hostile: Path) -> None:
    """Arguments echoed back in messages are neutralised too."""
    evil = "\x1b]8;;http://evil\x07zzz[bold]q[/]"
    for args in (["search", evil], ["show", evil], ["people", evil], ["timeline", evil], ["programmes", "-p", evil]):
        result = invoke("--data", str(hostile), *args)
        assert result.exit_code == 1
        assert_no_control_bytes(result.stdout + result.stderr)


# -- long values and many records -----------------------------------------------------------------

LONG = "Loooooooooooong" * 40 + " 重庆医科大学" * 30


@pytest.fixture(scope="module")
def long_values(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = dataset_text(" " + LONG, partner_id="a" * 150, start="1200")
    text = text.replace('date = "2010-05-04"', 'date = "{' + ",".join(f"2010-05-{d:02d}" for d in range(1, 29)) + '}"')
    path = tmp_path_factory.mktemp("long") / "long.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _widths(out: str) -> list[int]:
    return [cell_len(line) for line in out.splitlines()]


@pytest.mark.parametrize("columns", [40, 100])
@pytest.mark.parametrize("command", RENDERS, ids=lambda c: "-".join(c))
def test_long_values_fit_the_terminal(long_values: Path, command: list[str], columns: int) -> None:
    args = ["show", "a" * 150] if command == ["show", "alpha"] else command
    result = invoke("--no-color", "--data", str(long_values), *args, "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert max(_widths(result.stdout)) <= columns


def test_a_long_id_does_not_squeeze_the_other_columns_out(long_values: Path) -> None:
    fields = "id,name,acronyms,country,city,kind,since,programmes"
    args = ["--no-color", "--data", str(long_values), "partners", "--format", "table", "--fields", fields]
    result = invoke(*args, env={"COLUMNS": "200"})
    head = result.stdout.split("─", 1)[0]
    for column in fields.split(","):
        assert column in head.split(), column
    assert "IT" in result.stdout.split() and "hospital" in result.stdout.split()
    card = invoke(
        "--no-color", "--data", str(long_values), "show", "a" * 150, "--format", "table", env={"COLUMNS": "80"}
    )
    assert "roles" in card.stdout  # the card's people table keeps its second column


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_gantt_draws_every_programme_within_the_width(tmp_path: Path, columns: int) -> None:
    """Spans over centuries are scaled to fit: every programme gets a bar, none is cut off."""
    extra = "".join(
        f'\n[[programmes]]\nid = "prog-{year}"\nname = "Programme from {year}"\nkind = "mou"\n'
        f'partners = ["alpha"]\nstart = "{year}"\nsources = ["src-a"]\n'
        for year in (1200, 1850, 1990, 2024)
    )
    path = _write(tmp_path / "spans.toml", dataset_text(extra=extra))
    result = invoke("--no-color", "--data", str(path), "timeline", "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    chart = result.stdout.split("Programme spans", 1)[1]
    bars = [line for line in chart.splitlines() if "█" in line]
    assert len(bars) == 5  # four added programmes and the MINI one
    assert max(_widths(result.stdout)) <= columns
    assert "1200" in chart.splitlines()[2]  # the axis starts at the first year


def test_many_records_render_in_a_terminal(tmp_path: Path) -> None:
    path = _write(tmp_path / "many.toml", big_dataset_text(400, events=100))
    result = invoke(
        "--no-cache", "--no-color", "--data", str(path), "partners", "--format", "table", env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("400 rows")
    assert max(_widths(result.stdout)) <= 100
    timeline = invoke("--no-color", "--data", str(path), "timeline", "--format", "table", env={"COLUMNS": "100"})
    assert timeline.exit_code == 0 and max(_widths(timeline.stdout)) <= 100


# =========================================================================== 3. pipes and signals


def cqmu_command() -> list[str]:
    """The installed console script (next to this Python first), else ``python -m cqmu_exchange``."""
    script = Path(sys.executable).parent / "cqmu"
    if script.exists():
        return [str(script)]
    found = shutil.which("cqmu")
    return [found] if found else [sys.executable, "-m", "cqmu_exchange"]


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"CQMU_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1", "PYTHONUNBUFFERED": "0"})
    env.pop("CQMU_DATA", None)
    return env


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3000 partners and 1000 events: every listing is far larger than a 64 KiB pipe buffer."""
    path = tmp_path_factory.mktemp("big") / "big.toml"
    path.write_text(big_dataset_text(3000, events=1000), encoding="utf-8")
    return path


# A killed-by-SIGPIPE exit (-13 from Popen, 141 in a shell) or a quiet exit 0/1 are all fine.
PIPE_EXITS = (0, 1, 141, -getattr(signal, "SIGPIPE", 13))


@pytest.mark.parametrize(
    "args",
    [
        ["partners"],
        ["partners", "--format", "json"],
        ["timeline", "--format", "jsonl"],
        ["export"],
    ],
    ids=lambda a: "-".join(a),
)
def test_closed_pipe_is_quiet(big: Path, tmp_path: Path, args: list[str]) -> None:
    """`cqmu partners | head -1`: the reader goes away; no traceback, no "Broken pipe"."""
    proc = subprocess.Popen(
        [*cqmu_command(), "--no-cache", "--data", str(big), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(tmp_path),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert first.strip()
    proc.stdout.close()  # like `head -1` exiting
    stderr = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert code in PIPE_EXITS, (code, stderr)
    assert_quiet_stderr(stderr)
    assert stderr == ""


def test_shell_pipeline_into_head(big: Path, tmp_path: Path) -> None:
    """The issue's own command line, through a real shell; the exit status is 141 (SIGPIPE)."""
    if not shutil.which("bash") or not shutil.which("head"):
        pytest.skip("needs bash and head")
    cmd = shlex.join([*cqmu_command(), "--no-cache", "--data", str(big), "partners"])
    script = f'{cmd} | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=child_env(tmp_path), timeout=60)
    assert len(out.stdout.splitlines()) == 1 and out.stdout.startswith("p00000\t")
    assert_quiet_stderr(out.stderr)
    status = int(out.stderr.strip().rsplit("status=", 1)[1])
    assert status in (0, 1, 141), out.stderr


def test_closed_pipe_without_sigpipe_default(big: Path, tmp_path: Path) -> None:
    """Where SIGPIPE cannot be reset (Windows, a thread), BrokenPipeError is still quiet."""
    code = "import signal, sys; signal.signal = lambda *a, **k: None; from cqmu_exchange.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--no-cache", "--data", str(big), "partners", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(tmp_path),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) in (1, 141), stderr
    assert_quiet_stderr(stderr)


def test_ctrl_c_while_writing_is_quiet(big: Path, tmp_path: Path) -> None:
    """SIGINT to a running command (blocked writing to a full pipe): exit 130, no traceback."""
    proc = subprocess.Popen(
        [*cqmu_command(), "--no-cache", "--data", str(big), "partners"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(tmp_path),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip()  # it is running the command, not starting up
    time.sleep(0.2)  # let it fill the pipe and block
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    stderr = err.decode("utf-8", "replace")
    assert proc.returncode == 130, (proc.returncode, stderr)
    assert_quiet_stderr(stderr)
    assert stderr.strip() == ""


def test_ctrl_c_in_process(mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Fallback for the timing-dependent test above: a command interrupted anywhere exits 130."""
    import cqmu_exchange.catalog as catalog

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(catalog, "partner_row", interrupted)
    monkeypatch.setattr(signal, "signal", lambda *a, **k: None)  # keep pytest's own SIGPIPE handling
    with pytest.raises(SystemExit) as info:
        cli.main(["--no-cache", "--data", str(mini), "partners"])
    assert info.value.code == 130
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_quiet_stderr(captured.err)


def test_broken_pipe_in_process(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A write to a closed pipe raising BrokenPipeError ends quietly (exit 1 or 141)."""

    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def isatty(self) -> bool:
            return False

        def fileno(self) -> int:
            raise OSError("no file descriptor")

    monkeypatch.setattr(signal, "signal", lambda *a, **k: None)
    monkeypatch.setattr(sys, "stderr", sys.stderr)  # typer may wrap it: restore it afterwards
    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(SystemExit) as info:
        cli.main(["--no-cache", "--data", str(mini), "partners", "--format", "json"])
    assert info.value.code in (1, 141)
    assert_quiet_stderr(capsys.readouterr().err)


INTERRUPT_AT_IMPORT = textwrap.dedent(
    """
    import os, signal, sys

    class InterruptOnImport:
        # Ctrl-C while the program is still importing (typer, rich ...): deterministic.
        def find_spec(self, name, path=None, target=None):
            if name == "typer":
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None

    sys.meta_path.insert(0, InterruptOnImport())
    """
)


@pytest.mark.parametrize("entry", ["console-script", "python-m"])
def test_ctrl_c_during_startup_is_quiet(tmp_path: Path, entry: str) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(INTERRUPT_AT_IMPORT)
    env = child_env(tmp_path)
    env["PYTHONPATH"] = os.pathsep.join([str(hook), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = cqmu_command() if entry == "console-script" else [sys.executable, "-m", "cqmu_exchange"]
    out = subprocess.run([*command, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 130, (out.returncode, out.stderr)
    assert_quiet_stderr(out.stderr)


# =========================================================================== 4. nothing lost


ALL_COMMANDS = [
    ["check"],
    *RENDERS,
    ["partners", "--format", "json"],
    ["timeline", "--format", "ics"],
    ["timeline", "--format", "mermaid"],
    ["schema"],
    ["export"],
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def test_no_command_modifies_the_dataset_or_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = _write(folder / "partners.toml", dataset_text(HOSTILE))
    path.chmod(0o444)
    before = _snapshot(folder)
    for command in ALL_COMMANDS:
        args = [*command, str(path)] if command == ["check"] else command
        for cache in ([], ["--no-cache"]):
            result = invoke(*cache, "--data", str(path), *args)
            assert result.exit_code == 0, (command, result.stderr)
    assert _snapshot(folder) == before


def test_export_never_overwrites_without_force(mini: Path, tmp_path: Path) -> None:
    for fmt in ("json", "sqlite"):
        target = _write(tmp_path / f"out.{fmt}", "precious\n")
        result = invoke("--data", str(mini), "export", "--format", fmt, "-o", str(target))
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == f"cqmu: {target} exists; use --force to overwrite it\n"
        assert target.read_text() == "precious\n"


def test_export_force_replaces_by_rename(mini: Path, tmp_path: Path) -> None:
    """The new file is renamed into place: a hard link to the old one still sees the old bytes."""
    for fmt in ("json", "sqlite"):
        target = _write(tmp_path / f"out.{fmt}", "old\n")
        keep = tmp_path / f"keep.{fmt}"
        os.link(target, keep)
        result = invoke("--data", str(mini), "export", "--format", fmt, "-o", str(target), "--force")
        assert result.exit_code == 0
        assert keep.read_text() == "old\n"
        assert target.stat().st_ino != keep.stat().st_ino
        if fmt == "json":
            assert json.loads(target.read_text())["partners"][0]["id"] == "alpha"
        else:
            with sqlite3.connect(target) as con:
                assert con.execute("select count(*) from partners").fetchone() == (2,)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_failed_export_leaves_nothing_behind(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    from cqmu_exchange import export

    def half_then_full_disk(path: Path, *args: object) -> None:
        Path(path).write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    if fmt == "sqlite":
        monkeypatch.setattr(export, "_fill_sqlite", lambda dataset, path: half_then_full_disk(path))
    else:
        monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: half_then_full_disk(self))
    out = tmp_path / "out"
    out.mkdir()
    fresh, existing = out / f"new.{fmt}", _write(out / f"old.{fmt}", b"old")
    for target, extra in ((fresh, []), (existing, ["--force"])):
        result = invoke("--data", str(mini), "export", "--format", fmt, "-o", str(target), *extra)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == f"cqmu: cannot write {target}: No space left on device\n"
    assert sorted(p.name for p in out.iterdir()) == [f"old.{fmt}"]
    assert existing.read_bytes() == b"old"


def test_export_to_a_folder_or_a_missing_folder(mini: Path, tmp_path: Path) -> None:
    for extra in ([], ["--force"]):
        result = invoke("--data", str(mini), "export", "-o", str(tmp_path), *extra)
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    result = invoke("--data", str(mini), "export", "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert result.exit_code == 1 and "cannot write in" in result.stderr


def test_export_refuses_to_overwrite_the_dataset_itself(mini: Path) -> None:
    before = mini.read_bytes()
    result = invoke("--data", str(mini), "export", "-o", str(mini), "--force")
    assert mini.read_bytes() == before
    assert result.exit_code == 1 and "dataset" in result.stderr


def test_cache_is_written_atomically(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".msgpack"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = invoke("--data", str(mini), "partners")
    assert result.exit_code == 0 and result.stdout.split("\t")[0] == "alpha"
    assert list(folder.iterdir()) == []  # neither an entry nor a temporary file
    monkeypatch.setattr(os, "replace", real_replace)
    invoke("--data", str(mini), "partners")
    assert [p.suffix for p in folder.iterdir()] == [".msgpack"]


def test_cache_never_stores_what_it_cannot_encode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a dataset that slipped past the checks only skips the cache."""
    import cqmu_exchange.loader as loader
    from cqmu_exchange import cache

    monkeypatch.setenv("CQMU_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path / "d.toml", _replace('city = "Lyon"', 'city = "Lyon"\nestablished = 99999999999999999999'))
    monkeypatch.setattr(loader, "check", lambda *a: [])
    dataset = cache.load_cached(path, loader._load_uncached)
    assert dataset.partners[0].established == 99999999999999999999
    assert not (tmp_path / "cache").exists() or list((tmp_path / "cache").iterdir()) == []


def test_data_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    """`--data /dev/stdin` or `--data <(...)`: a pipe can be read only once; the cache must not eat it."""
    if not Path("/dev/stdin").exists():
        pytest.skip("no /dev/stdin")
    out = subprocess.run(
        [*cqmu_command(), "--data", "/dev/stdin", "partners"],
        input=MINI,
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert [line.split("\t")[0] for line in out.stdout.splitlines()] == ["alpha", "beta"]


def test_fifo_data_with_the_cache_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    import threading

    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(MINI)

    done = threading.Event()

    def unblock_a_second_reader() -> None:
        # Reading the pipe twice (the bug) would wait forever for a second writer: be that
        # writer, with nothing to say, so that the test fails instead of hanging.
        feed()
        while not done.wait(0.05):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                continue

    writer = threading.Thread(target=unblock_a_second_reader, daemon=True)
    writer.start()
    result = invoke("--data", str(fifo), "partners")
    done.set()
    writer.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["alpha", "beta"]


# =========================================================================== the bundled dataset


def test_bundled_dataset_renders_cleanly_everywhere() -> None:
    """The real data through every renderer: no control byte, layout within the width."""
    for command in [c for c in RENDERS if "alpha" not in c and c[0] != "show"] + [["show", "strasbourg"]]:
        for fmt in ("table", "plain"):
            result = invoke("--no-color", "--data", str(BUNDLED), *command, "--format", fmt, env={"COLUMNS": "90"})
            assert result.exit_code == 0, command
            assert_no_control_bytes(result.stdout)
            if fmt == "table":
                assert max(_widths(result.stdout)) <= 90


@pytest.mark.parametrize("depth", [100, 5_000, 200_000])
def test_absurd_nesting_never_crashes_the_parser(tmp_path: Path, depth: int) -> None:
    """A native TOML parser must not overflow its stack: run in a child process to see a crash."""
    path = tmp_path / "deep.toml"
    path.write_text(MINI + "\nnested = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    exe = shutil.which("cqmu")
    cmd = [exe] if exe else [sys.executable, "-m", "cqmu_exchange"]
    out = subprocess.run([*cmd, "check", str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1), out.returncode  # a signal (segfault) would be negative
    assert "Traceback" not in out.stderr
