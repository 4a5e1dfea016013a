"""Property-based hardening (hypothesis).

- random bytes, TOML-ish text and random mutations of the real dataset, into the
  loader and through ``cqmu check`` / ``cqmu partners``: either a valid dataset or
  the clean error path (``FILE:LINE: what`` lines, exit 1), never an exception;
- random strings full of rich markup and control characters, in every free-text
  field, through every renderer: the literal text survives, no control byte
  reaches the output;
- random EDTF-like date strings: a date or a DateError, and a parsed date is usable.

Every CliRunner call goes through the traceback guard of ``test_hardening``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from cqmu_exchange import dates
from cqmu_exchange.cli import app
from cqmu_exchange.formats import neutralise, one_line
from cqmu_exchange.loader import DataError, Problem, load_checked

from .conftest import BUNDLED
from .test_hardening import (
    RICH_SGR,
    _no_tracebacks,  # noqa: F401  (autouse: every CliRunner call here is checked too)
    assert_no_control_bytes,
    dataset_text,
    toml_str,
)

runner = CliRunner()
REAL = BUNDLED.read_text(encoding="utf-8")

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=80)


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


def assert_good_problems(problems: list[Problem], path: Path, text_lines: int) -> None:
    """Each problem names the file, a plausible line, and prints as one clean line."""
    assert problems
    for problem in problems:
        assert problem.file == str(path)
        assert 0 <= problem.line <= text_lines + 1, problem
        assert problem.message.strip()
        printed = str(problem)
        assert "\n" not in printed and "\r" not in printed
        assert_no_control_bytes(printed)
        assert printed.startswith(f"{path}:")


def load_or_problems(path: Path) -> list[Problem]:
    """The loader's verdict on a file: [] when usable, else its problems. Nothing else may escape."""
    try:
        _, problems = load_checked(path)
    except DataError as exc:
        return exc.problems
    return problems


def assert_clean_data_error(result: Result, path: Path, *, check: bool) -> None:
    """Exit 0, or exit 1 with only ``FILE:LINE: what`` lines (stdout for check, stderr otherwise)."""
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code == 0:
        return
    lines = result.stdout.splitlines() if check else result.stderr.splitlines()
    if not check:
        assert result.stdout == ""
    assert lines
    for line in lines:
        # a data problem, or (valid data) a command's own message such as "no events match"
        assert line.startswith(f"{path}:") or (not check and line.startswith("cqmu: ")), line
        assert_no_control_bytes(line)
    if check:
        assert re.fullmatch(r"cqmu: \d+ problems? in .*\n", result.stderr), result.stderr


# =========================================================================== random files

TOML_BITS = [
    "[[partners]]\n",
    "[[events]]\n",
    "[[programmes]]\n",
    "[[people]]\n",
    "[[sources]]\n",
    "[partners]\n",
    'id = "x"\n',
    'id = "src-a"\n',
    'name = "X"\n',
    'kind = "university"\n',
    'sources = ["src-a"]\n',
    'title = "T"\n',
    'date = "2024-02-30"\n',
    'date = "2024-02-29"\n',
    'start = "2020/2019"\n',
    "date = 2024-01-01\n",
    "when = 1979-05-27T07:32:00Z\n",
    "schema_version = 1\n",
    "schema_version = 99\n",
    "established = 1" + "0" * 30 + "\n",
    "established = -1\n",
    "sessions = 1e400\n",
    "size = nan\n",
    "x = inf\n",
    "x = 0x1F\n",
    "x = 1_000\n",
    'contry = "FR"\n',
    'names = [{ value = "A", type = "acronym" }]\n',
    'names = [{ value = "A", type = "nickname" }]\n',
    'roles = [{ title = "T", organisation = "O", partner = "nobody" }]\n',
    'notes = ["\\u001b]8;;http://evil\\u0007"]\n',
    '"quoted key" = 1\n',
    "a.b.c = 1\n",
    '"""multi\nline"""\n',
    "'''literal'''\n",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "=",
    ",",
    "#",
    "\n",
    " ",
    "\t",
    "\r\n",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x1b",
]
tomlish = st.lists(
    st.one_of(st.sampled_from(TOML_BITS), st.text(max_size=8)),
    max_size=40,
).map("".join)


@FAST
@given(data=st.binary(max_size=600))
@example(data=b"\xff\xfe\x00")
@example(data=b"x = " + b"[" * 800)
@example(data=b"established = " + b"9" * 5000)
def test_random_bytes_load_or_fail_cleanly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.toml"
    path.write_bytes(data)
    problems = load_or_problems(path)
    if problems:
        assert_good_problems(problems, path, data.count(b"\n") + 1)


@FAST
@given(text=tomlish)
@example(text='[[partners]]\nid = "x"\nname = "X"\nkind = "university"\n"coun`try" = 1\n')
@example(text='schema_version = 1\n[[events]]\nid = "e"\nname = "E"\nkind = "visit"\ndate = "0000/0001"\n')
def test_tomlish_text_loads_or_fails_cleanly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "tomlish.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = load_or_problems(path)
    if problems:
        assert_good_problems(problems, path, text.count("\n") + 1)


# =========================================================================== mutations of the real dataset


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The real dataset with one to three random edits, as a curator's slip might make them."""
    text = REAL
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(
            st.sampled_from(
                ["delete line", "duplicate line", "swap lines", "replace line", "insert", "cut", "value", "truncate"]
            )
        )
        if how == "delete line":
            del lines[i]
        elif how == "duplicate line":
            lines.insert(i, lines[i])
        elif how == "swap lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif how == "replace line":
            lines[i] = draw(st.one_of(st.sampled_from(TOML_BITS), st.text(max_size=20))).rstrip("\n")
        elif how == "value":
            # a quoted value on the line becomes something else (another string, a number, hostile text)
            value = draw(
                st.one_of(
                    st.text(max_size=20).map(toml_str),
                    st.sampled_from(['"2024-02-30"', '"2012/2011"', "42", "-1", "true", "[]", '"XX"', '"nobody"']),
                )
            )
            lines[i] = re.sub(r'"[^"\\]*"', value.replace("\\", "\\\\"), lines[i], count=1)
        else:
            joined = "\n".join(lines)
            at = draw(st.integers(0, len(joined)))
            if how == "insert":
                joined = joined[:at] + draw(st.one_of(st.sampled_from(TOML_BITS), st.text(max_size=10))) + joined[at:]
            elif how == "cut":
                joined = joined[:at] + joined[at + draw(st.integers(1, 40)) :]
            else:
                joined = joined[:at]
            lines = joined.split("\n")
        text = "\n".join(lines)
    return text


@SLOW
@given(text=mutated())
def test_mutated_dataset_loads_or_fails_cleanly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "partners.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = load_or_problems(path)
    if problems:
        assert_good_problems(problems, path, text.count("\n") + 1)


@SLOW
@given(text=mutated(), command=st.sampled_from([["partners"], ["timeline", "--format", "table"], ["stats"]]))
def test_mutated_dataset_through_the_cli(tmp_path: Path, text: str, command: list[str]) -> None:
    path = tmp_path / "partners.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    checked = invoke("check", str(path))
    assert_clean_data_error(checked, path, check=True)
    used = invoke("--no-cache", "--no-color", "--data", str(path), *command, env={"COLUMNS": "100"})
    assert_clean_data_error(used, path, check=False)
    data_error = used.exit_code == 1 and used.stderr.startswith(f"{path}:")
    assert (checked.exit_code == 1) == data_error
    if used.exit_code == 0:
        assert_no_control_bytes(used.stdout)


# =========================================================================== hostile text through every renderer

CONTROLS = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]] + ["\u2028", "\u2029", "\u202e"]
MARKUP = [
    "[bold red]",
    "[/]",
    "[/x]",
    "[link=http://evil]",
    "[/link]",
    "\\[",
    "[",
    "]",
    "\x1b[31m",
    "\x1b]8;;http://evil\x1b\\",
    "\x1b]8;;\x07",
    ":smile:",
    "|",
    "#",
    ";",
    ",",
    '"',
    "\\",
    "重庆",
]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(CONTROLS),
        st.sampled_from(MARKUP),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
    ),
    max_size=12,
).map("".join)

# (command, the prefix of the field whose text is checked in the output)
WHERE = {
    ("partners", "--all"): "Alpha University ",
    ("programmes",): "Alpha Student Exchange ",
    ("people",): "DOE Jane ",
    ("timeline",): "Alpha agreement signed ",
    ("show", "alpha"): "Lyon ",
    ("show", "exchange"): "An exchange ",
    ("show", "doe"): "Rector ",
    ("show", "--kind", "event", "signing"): "Chongqing ",
}
TEXT_FORMATS = ["table", "plain", "tsv", "markdown", "csv"]


def _shown(value: str) -> str:
    """How a value looks in one-line text output (neutralised, one line), inner spaces kept."""
    return one_line(value).strip()


@FAST
@given(
    text=hostile_text,
    command=st.sampled_from(sorted(WHERE)),
    fmt=st.sampled_from(TEXT_FORMATS),
)
@example(text="[bold red]X[/] \x1b]8;;http://evil\x1b\\L\x07\r\x7f\x9b", command=("show", "alpha"), fmt="table")
def test_hostile_text_through_every_renderer(tmp_path: Path, text: str, command: tuple[str, ...], fmt: str) -> None:
    if command[0] == "show" and fmt not in ("table", "plain"):
        fmt = "plain"
    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    result = invoke(
        "--no-cache", "--no-color", "--data", str(path), *command, "--format", fmt, env={"COLUMNS": "20000"}
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert_no_control_bytes(out + result.stderr)
    assert "\x1b" not in out
    shown = _shown(WHERE[command] + text)
    if fmt == "markdown":
        shown = shown.replace("\\", "\\\\").replace("|", "\\|")
    if fmt == "csv":
        return  # CSV quoting doubles quotes; its cells are read back in test_csv_reads_back
    assert shown in out, (shown, out)


@FAST
@given(text=hostile_text, command=st.sampled_from(sorted(WHERE)))
def test_hostile_text_with_colour_on(tmp_path: Path, text: str, command: tuple[str, ...]) -> None:
    """With colour, rich's own SGR sequences are the only escape sequences in the output."""
    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    env = {"COLUMNS": "400", "FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None}
    result = invoke("--no-cache", "--data", str(path), *command, "--format", "table", env=env)
    assert result.exit_code == 0, result.stderr
    assert_no_control_bytes(RICH_SGR.sub("", result.stdout))


@FAST
@given(text=hostile_text, query=hostile_text, command=st.sampled_from(["search", "show", "timeline", "people"]))
@example(text="", query="\x1b]8;;http://evil\x07[bold]x[/]", command="search")
def test_hostile_queries_on_hostile_data(tmp_path: Path, text: str, query: str, command: str) -> None:
    """Any query on any data: a result or a one-line message, never a control byte or a traceback."""
    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    result = invoke("--no-cache", "--no-color", "--data", str(path), command, "--", query)
    assert result.exit_code in (0, 1), result.stderr
    assert_no_control_bytes(result.stdout + result.stderr)
    assert "\x1b" not in result.stdout + result.stderr


@FAST
@given(text=hostile_text)
def test_csv_reads_back(tmp_path: Path, text: str) -> None:
    import csv
    import io

    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    result = invoke("--no-cache", "--data", str(path), "partners", "--all", "--format", "csv")
    assert_no_control_bytes(result.stdout)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    # CSV keeps tabs and newlines inside its quoted cells; every other control is neutralised.
    assert rows["alpha"]["name"] == neutralise("Alpha University " + text)


@FAST
@given(text=hostile_text, fmt=st.sampled_from(["mermaid", "ics"]))
def test_hostile_text_in_timeline_exports(tmp_path: Path, text: str, fmt: str) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    result = invoke("--no-cache", "--data", str(path), "timeline", "--format", fmt)
    assert result.exit_code == 0
    body = result.stdout.replace("\r\n", "\n")
    assert_no_control_bytes(body)
    assert len(body.split("\n")) == len(body.splitlines()) + 1  # no stray line separators either


@FAST
@given(text=hostile_text, command=st.sampled_from([("partners", "--all"), ("people",), ("timeline",)]))
def test_json_round_trips_hostile_text(tmp_path: Path, text: str, command: tuple[str, ...]) -> None:
    """JSON keeps the exact string, and escapes every C0 control (ESC, BEL, CR ...)."""
    path = tmp_path / "hostile.toml"
    path.write_text(dataset_text(text), encoding="utf-8")
    result = invoke("--no-cache", "--data", str(path), *command, "--format", "json")
    assert result.exit_code == 0
    assert re.search(r"[\x00-\x08\x0b-\x1f]", result.stdout) is None
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    expected = {
        "partners": ("Alpha University " + text, "name"),
        "people": ("DOE Jane " + text, "name"),
        "timeline": ("Signed in Chongqing " + text, "summary"),
    }[command[0]]
    assert expected[0] in [row[expected[1]] for row in rows]


# =========================================================================== dates

edtf_like = st.one_of(
    st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[?~%]?\Z"),
    st.from_regex(r"\A(\.\.|[0-9]{4}(-[0-9]{2})?)/(\.\.|[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)\Z"),
    st.from_regex(r"\A[\[{][0-9]{4}(-[0-9]{2}){0,2}(,|\.\.)[0-9]{4}(-[0-9]{2}){0,2}[\]}]\Z"),
    st.text(alphabet="0123456789-/.?~%[]{}, ", max_size=25),
)


@FAST
@given(text=edtf_like)
@example(text="0000")
@example(text="0000-01-01/0001")
@example(text="[0000..0001]")
@example(text="9999-12-31/..")
def test_dates_parse_or_raise_date_error_and_are_usable(text: str) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError as exc:
        assert str(exc)
        return
    assert parsed.lower <= parsed.upper
    assert list(parsed.years())
    assert parsed.describe()
    assert parsed.precision in ("year", "month", "day")
    assert dates.sort_key(text)[0] == 0
    assert dates.year_of(text) == parsed.year


@FAST
@given(
    text=edtf_like,
    command=st.sampled_from(
        [["timeline", "--format", "table"], ["timeline", "--format", "ics"], ["partners", "--active-in", "2010"]]
    ),
)
def test_dates_in_data_never_crash_the_cli(tmp_path: Path, text: str, command: list[str]) -> None:
    assume(text.strip())
    path = tmp_path / "dates.toml"
    path.write_text(dataset_text().replace('date = "2010-05-04"', f"date = {toml_str(text)}"), encoding="utf-8")
    result = invoke("--no-cache", "--no-color", "--data", str(path), *command)
    assert_clean_data_error(result, path, check=False)


@pytest.mark.parametrize("value", ["0000", "2024-02-30", "2024-13", "2012/2011", "[2012..2011]", "{}"])
def test_bad_dates_are_date_errors(value: str) -> None:
    with pytest.raises(dates.DateError):
        dates.parse(value)


_PIECES = st.sampled_from(
    ["=", '"', "'", "[", "]", "{", "}", ",", "\n", " ", "#", "a", "1", ".", "-", "_", "\\", "\\u00e9", '"""', "'''",
     "true", "2024-06-25", "1e5", "inf", "0x1F", "+", ":", "T", "Z", "\t", "\r\n", "é", "[[p]]", "k = ", "\\n"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(snippet=st.lists(_PIECES, max_size=25).map("".join), at=st.integers(0, 4000))
def test_fast_toml_parser_agrees_with_the_reference(snippet: str, at: int) -> None:
    """cqmu parses with rtoml first: it must accept, refuse and read exactly what tomllib does."""
    rtoml = pytest.importorskip("rtoml")
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    base = BUNDLED.read_text(encoding="utf-8")
    for text in (snippet, base[:at] + snippet + base[at : at + 200]):
        try:
            reference: object = tomllib.loads(text)
        except Exception:
            reference = "refused"
        try:
            fast: object = rtoml.loads(text)
        except Exception:
            fast = "refused"
        if fast == "refused" and reference != "refused":
            continue  # the loader falls back to the reference parser: the file still loads the same
        assert fast == reference, text
