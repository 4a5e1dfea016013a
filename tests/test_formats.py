"""Machine formats read back by real consumers: json, csv, sqlite3, jq, Mermaid, iCalendar."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from cqmu_exchange.cli import app

from .conftest import BUNDLED

runner = CliRunner()
LISTINGS = [
    ["partners"],
    ["programmes"],
    ["people"],
    ["timeline"],
    ["stats"],
    ["search", "strasbourg"],
]


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.mark.parametrize("command", LISTINGS, ids=lambda c: c[0])
def test_json_jsonl_csv_tsv_agree_on_every_listing(command: list[str]) -> None:
    as_json = json.loads(run(*command, "--format", "json"))
    assert isinstance(as_json, list) and as_json
    lines = run(*command, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == as_json
    rows = list(csv.DictReader(io.StringIO(run(*command, "--format", "csv"))))
    assert len(rows) == len(as_json)
    assert list(rows[0]) == list(as_json[0])  # the same fields, in the same order
    tsv = run(*command, "--format", "tsv").splitlines()
    assert tsv[0].split("\t") == list(as_json[0])
    assert len(tsv) == len(as_json) + 1
    assert all(len(line.split("\t")) == len(as_json[0]) for line in tsv)


def test_nested_values_are_arrays_in_json_and_joined_elsewhere() -> None:
    record = next(
        r for r in json.loads(run("programmes", "--format", "json")) if r["id"] == "student-overseas-exchange-2024"
    )
    assert isinstance(record["partners"], list) and len(record["partners"]) == 4
    assert record["partner_count"] == 5
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("programmes", "--format", "csv")))}
    assert rows["student-overseas-exchange-2024"]["partners"] == ";".join(record["partners"])
    plain = run("programmes", "--fields", "id,partners").splitlines()
    assert "student-overseas-exchange-2024\t" + ";".join(record["partners"]) in plain


def test_fields_select_and_order_for_every_format() -> None:
    assert json.loads(run("partners", "--format", "json", "--fields", "country,id"))[0].keys() == {"country", "id"}
    assert list(json.loads(run("partners", "--format", "json", "--fields", "country,id"))[0]) == ["country", "id"]
    assert run("partners", "--format", "csv", "--fields", "id,country").splitlines()[0] == "id,country"
    assert run("partners", "--format", "markdown", "--fields", "id").splitlines()[0] == "| id |"
    assert run("partners", "--fields", "id").split("\n")[0] in {"careggi", "strasbourg-cath-lab"} | set(
        run("partners", "--fields", "id").split()
    )


def test_unknown_field_is_a_usage_error_listing_valid_fields() -> None:
    result = runner.invoke(app, ["partners", "--fields", "id,contry"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field 'contry'" in result.stderr and "valid fields: id, name" in result.stderr


def test_markdown_is_a_pipe_table() -> None:
    lines = run("programmes", "--format", "markdown", "--fields", "id,name,partners").splitlines()
    assert lines[0] == "| id | name | partners |"
    assert lines[1] == "| --- | --- | --- |"
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)


def test_tabs_newlines_and_pipes_inside_values_do_not_break_rows(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        'name = "University of Florence"', 'name = "University\\tof\\nFlorence | Firenze"', 1
    )
    path = tmp_path / "tabs.toml"
    path.write_text(text, encoding="utf-8")
    for fmt in ("plain", "tsv"):
        out = run("--data", str(path), "partners", "--format", fmt, "--fields", "id,name")
        row = next(line for line in out.splitlines() if line.startswith("unifi\t"))
        assert row == "unifi\tUniversity of Florence | Firenze"
    md = run("--data", str(path), "partners", "--format", "markdown", "--fields", "id,name")
    assert "| unifi | University of Florence \\| Firenze |" in md
    rows = list(csv.reader(io.StringIO(run("--data", str(path), "partners", "--format", "csv", "--fields", "id,name"))))
    assert ["unifi", "University\tof\nFlorence | Firenze"] in rows  # csv quotes, the reader restores it


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_jq_reads_the_json() -> None:
    out = run("partners", "--format", "json")
    jq = subprocess.run(
        ["jq", "-r", '.[] | select(.country == "BG") | .name'], input=out, capture_output=True, text=True, check=True
    )
    assert jq.stdout.strip() == "Pleven Medical University"


def test_mermaid_timeline_grammar() -> None:
    out = run("timeline", "--format", "mermaid")
    lines = out.splitlines()
    assert lines[0] == "timeline"
    assert re.fullmatch(r"    title [^:#;]+", lines[1])
    sections = [line for line in lines if line.startswith("    section ")]
    assert sections[0] == "    section 1994" and sections[-1] == "    section Undated"
    years = [s.split()[-1] for s in sections[:-1]]
    assert years == sorted(years)
    events = [line for line in lines[2:] if not line.startswith("    section ")]
    # Each event line: 8 spaces, a period label, " : ", the event text; no other ':' or '#'.
    assert all(re.fullmatch(r" {8}[^:#;\n]+ : [^:#;\n]+", line) for line in events), events
    assert "        2024-06-25 : Unveiling ceremony of the CQMU-UoL Joint Institute" in lines


def test_ics_is_a_valid_calendar_of_day_precise_events() -> None:
    result = runner.invoke(app, ["timeline", "--format", "ics"])
    raw = result.stdout_bytes.decode("utf-8")
    assert all(line.endswith("\r") or line == "" for line in raw.split("\n"))
    lines = raw.replace("\r\n ", "").split("\r\n")  # unfold
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 4
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    assert "DTSTART;VALUE=DATE:20240302" in lines and "DTSTART;VALUE=DATE:20240306" in lines


def test_export_json_round_trips_every_field_the_toml_holds() -> None:
    with BUNDLED.open("rb") as handle:
        source = tomllib.load(handle)
    exported = json.loads(run("export"))
    assert exported["schema_version"] == source["schema_version"]
    for kind in ("partners", "programmes", "events", "people", "sources"):
        assert len(exported[kind]) == len(source[kind])
        for original, copy in zip(source[kind], exported[kind], strict=True):
            assert holds(copy, original), (kind, original["id"])


def holds(copy: object, original: object) -> bool:
    """Everything in ``original`` is in ``copy`` (which may add defaults such as null)."""
    if isinstance(original, dict):
        return isinstance(copy, dict) and all(k in copy and holds(copy[k], v) for k, v in original.items())
    if isinstance(original, list):
        return isinstance(copy, list) and len(copy) == len(original) and all(map(holds, copy, original))
    return copy == original


def test_export_sqlite_tables_and_links(tmp_path: Path) -> None:
    target = tmp_path / "cqmu.db"
    result = runner.invoke(app, ["export", "--format", "sqlite", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    con = sqlite3.connect(target)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    assert {"partners", "programmes", "events", "people", "sources", "programme_partners", "event_people"} <= tables
    (country,) = con.execute("select country from partners where id = 'pleven-mu'").fetchone()
    assert country == "BG"
    names = con.execute(
        "select p.name from programme_partners l join partners p on p.id = l.partner_id "
        "where l.programme_id = 'student-overseas-exchange-2024' order by p.name"
    ).fetchall()
    assert [n for (n,) in names] == [
        "Nanyang Technological University",
        "National University of Singapore",
        "University of British Columbia",
        "University of Manchester",
    ]
    (names_json,) = con.execute("select names from partners where id = 'pleven-mu'").fetchone()
    assert any(n["value"] == "Plevin Medical University" for n in json.loads(names_json))
    con.close()


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    result = runner.invoke(app, ["export", "-o", str(target)])
    assert result.exit_code == 1 and "exists; use --force" in result.stderr
    assert target.read_text() == "precious"
    result = runner.invoke(app, ["export", "-o", str(target), "--force"])
    assert result.exit_code == 0
    assert json.loads(target.read_text())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_sqlite_export_needs_an_output_file() -> None:
    result = runner.invoke(app, ["export", "--format", "sqlite"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_search_json_is_a_list_with_required_keys() -> None:
    hits = json.loads(run("search", "Strassburg", "--format", "json"))
    assert hits[0]["id"] == "strasbourg"
    assert {"kind", "id", "name", "score", "matched"} <= set(hits[0])
    assert 0 <= hits[0]["score"] <= 100


def test_search_json_nothing_is_empty_list_and_exit_1() -> None:
    result = runner.invoke(app, ["search", "Harvard University", "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "[]"


def test_console_script_pipes_clean_text() -> None:
    exe = shutil.which("cqmu")
    cmd = [exe] if exe else [sys.executable, "-m", "cqmu_exchange"]
    out = subprocess.run([*cmd, "partners", "--country", "IT"], capture_output=True, text=True, check=True)
    assert "\x1b" not in out.stdout
    assert out.stdout.splitlines()[0].split("\t")[:2] == ["careggi", "Careggi University Hospital Florence"]
