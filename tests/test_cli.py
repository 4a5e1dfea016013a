"""Every command and filter through CliRunner, in terminal (table) and piped (plain) form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqmu_exchange import cli
from cqmu_exchange.cli import app

runner = CliRunner()


def run(*args: str, tty: bool = False, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if tty:
        assert monkeypatch is not None
        monkeypatch.setattr(cli, "is_tty", lambda: True)
        monkeypatch.setenv("COLUMNS", "400")
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def ids(out: str) -> list[str]:
    return [line.split("\t")[0] for line in out.splitlines() if line]


def as_json(out: str) -> list[dict[str, object]]:
    data = json.loads(out)
    assert isinstance(data, list)
    return data


# -- global options ------------------------------------------------------------


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("cqmu-exchange ")


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code != 0 or "Usage" in result.stdout
    assert "timeline" in result.stdout + result.stderr


def test_data_option_and_env_var_choose_the_dataset(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("--data", str(mini), "partners")
    assert code == 0 and ids(out) == ["alpha", "beta"]
    monkeypatch.setenv("CQMU_DATA", str(mini))
    code, out, _ = run("partners")
    assert ids(out) == ["alpha", "beta"]


# -- partners ------------------------------------------------------------------


def test_partners_piped_is_tab_separated_without_header_or_boxes() -> None:
    code, out, _ = run("partners")
    assert code == 0
    lines = out.splitlines()
    assert all("\t" in line for line in lines)
    assert not any(ch in out for ch in "─│┃━\x1b")
    assert "strasbourg\tUniversity of Strasbourg\tUnistra\tFR\tStrasbourg\tuniversity\t2006" in out
    assert "id\tname" not in out


def test_partners_in_a_terminal_is_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("partners", tty=True, monkeypatch=monkeypatch)
    assert code == 0
    assert "University of Strasbourg" in out and "─" in out and "\t" not in out
    assert "rows" in out


def test_partners_default_hides_guests_but_all_shows_them() -> None:
    _, default, _ = run("partners")
    _, everyone, _ = run("partners", "--all")
    assert "csc" not in ids(default) and "csc" in ids(everyone)
    assert len(ids(everyone)) > len(ids(default))


@pytest.mark.parametrize("country", ["FR", "fr", "France", "法国"])
def test_partners_country_filter_takes_codes_and_names(country: str) -> None:
    code, out, _ = run("partners", "--country", country, "--format", "json")
    assert code == 0
    rows = as_json(out)
    assert rows and {r["country"] for r in rows} == {"FR"}
    assert "strasbourg" in {r["id"] for r in rows}


def test_partners_unknown_country_is_a_usage_error() -> None:
    code, out, err = run("partners", "--country", "Narnia")
    assert code == 2 and out == "" and "unknown country 'Narnia'" in err


def test_partners_kind_filter() -> None:
    _, out, _ = run("partners", "--kind", "laboratory")
    assert set(ids(out)) == {"strasbourg-cath-lab", "strasbourg-regen-nanomed-lab"}
    code, _, err = run("partners", "--kind", "castle")
    assert code == 2 and "valid:" in err


def test_partners_since_and_active_in() -> None:
    _, out, _ = run("partners", "--since", "2010")
    assert "unifi" in ids(out) and "strasbourg" not in ids(out)
    _, out, _ = run("partners", "--active-in", "2020")
    assert "leicester" in ids(out)
    _, out, _ = run("partners", "--active-in", "1990")
    assert out == ""


def test_partners_sort_by_since_puts_oldest_first() -> None:
    _, out, _ = run("partners", "--sort", "since", "--fields", "id,since")
    dated = [line.split("\t") for line in out.splitlines() if line.split("\t")[1]]
    assert dated[0] == ["strasbourg", "2006"]


def test_partners_status_filter() -> None:
    _, out, _ = run("partners", "--status", "funder")
    assert "csc" in ids(out) and "strasbourg" not in ids(out)
    code, _, err = run("partners", "--status", "friend")
    assert code == 2 and "unknown status" in err


# -- programmes ----------------------------------------------------------------


def test_programmes_partner_filter_resolves_any_name() -> None:
    for name in ("leicester", "University of Leicester", "UoL"):
        code, out, _ = run("programmes", "--partner", name)
        assert code == 0, name
        assert set(ids(out)) == {"leicester-clinical-medicine", "leicester-joint-institute"}, name


def test_programmes_level_kind_funder_and_active_in() -> None:
    _, out, _ = run("programmes", "--level", "phd")
    assert ids(out) == ["sino-french-elite-training"]
    _, out, _ = run("programmes", "--kind", "joint_institute")
    assert ids(out) == ["leicester-joint-institute"]
    _, out, _ = run("programmes", "--funder", "China Scholarship Council")
    assert ids(out) == ["sino-french-elite-training"]
    _, out, _ = run("programmes", "--active-in", "2006")
    assert "sino-french-medical-exchange" in ids(out) and "leicester-joint-institute" not in ids(out)


def test_programmes_table_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("programmes", "--format", "json")
    assert code == 0
    rows = as_json(out)
    leicester = next(r for r in rows if r["id"] == "leicester-clinical-medicine")
    assert leicester["cohorts"] == ["2020: 115"]
    assert len(leicester["degrees"]) == 2  # type: ignore[arg-type]
    code, out, _ = run("programmes", tty=True, monkeypatch=monkeypatch)
    assert code == 0
    assert "Clinical Medicine Undergraduate Program" in out and "─" in out


# -- people --------------------------------------------------------------------


def test_people_lists_roles_and_filters() -> None:
    _, out, _ = run("people", "--format", "json")
    rows = {r["id"]: r for r in as_json(out)}
    assert "Vice-Chancellor, University of Leicester" in rows["thompson-robinson"]["roles"]  # type: ignore[operator]
    _, out, _ = run("people", "--partner", "strasbourg")
    assert "christian-debry" in ids(out) and "tian-jie" not in ids(out)
    _, out, _ = run("people", "Foreign Affairs Office")
    assert {"wang-yu", "wu-jun"} <= set(ids(out))


def test_people_no_match_exits_1() -> None:
    code, out, err = run("people", "zzzzqqq")
    assert code == 1 and out == "" and "no person matches" in err


# -- timeline ------------------------------------------------------------------


def test_timeline_is_oldest_first_with_dates_at_their_precision() -> None:
    code, out, _ = run("timeline", "--fields", "date,name")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][0] == "1994"
    dates = [r[0] for r in rows]
    assert "2014-07" in dates and "2023-11-25/2023-12-02" in dates and "2024-06-25" in dates
    assert rows[-1][0] == ""  # the undated Pleven meeting comes last
    assert "Pleven" in rows[-1][1]


def test_timeline_reverse_and_filters() -> None:
    _, out, _ = run("timeline", "--reverse", "--fields", "date")
    assert out.splitlines()[0] == "2024-06-25"
    _, out, _ = run("timeline", "--from", "2020", "--to", "2022", "--fields", "date")
    assert out.split() == ["2020", "2022"]
    _, out, _ = run("timeline", "--country", "BG", "--fields", "id")
    assert len(out.split()) >= 2
    _, out, _ = run("timeline", "--kind", "signing", "--fields", "date")
    assert "2006" in out.split() and "2017-11" in out.split()
    code, _, err = run("timeline", "--from", "2024", "--to", "2020")
    assert code == 2 and "before" in err


def test_timeline_for_one_partner(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run("timeline", "--partner", "Pleven", "--fields", "date")
    assert "2014-07" in out.split() and "2024-06-25" not in out.split()
    code, out, _ = run("timeline", "leicester", tty=True, monkeypatch=monkeypatch)
    assert code == 0
    assert "Cooperation with University of Leicester" in out
    assert "Programme spans" in out and "█" in out


def test_timeline_mermaid_and_ics() -> None:
    code, out, _ = run("timeline", "--format", "mermaid")
    assert code == 0 and out.startswith("timeline\n")
    assert "    section 2006" in out
    result = runner.invoke(app, ["timeline", "--format", "ics"])
    out = result.stdout_bytes.decode()
    assert out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20240625" in out
    assert "DTSTART;VALUE=DATE:20231125" in out and "DTEND;VALUE=DATE:20231203" in out
    assert "DTSTART;VALUE=DATE:2014" not in out  # a month-precise event is not given a day
    assert out.count("BEGIN:VEVENT") == 4  # 2023 trip, two briefing days, 2024 ceremony


def test_timeline_no_events_exits_1() -> None:
    code, out, err = run("timeline", "--from", "1800", "--to", "1801")
    assert code == 1 and out == "" and "no events" in err


# -- stats ---------------------------------------------------------------------


def test_stats_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run("stats", "--format", "json")
    rows = as_json(out)
    by = {(r["group"], r["key"]): r["count"] for r in rows}
    assert by[("country", "France")] >= 5
    assert by[("continent", "Europe")] > by[("continent", "Asia")]
    assert ("events by decade", "2020s") in by
    decades = [r["key"] for r in rows if r["group"] == "events by decade"]
    assert decades == ["1990s", "2000s", "2010s", "2020s", "undated"]  # oldest first, undated last
    code, out, _ = run("stats", tty=True, monkeypatch=monkeypatch)
    assert code == 0 and "█" in out and "France" in out


# -- show ----------------------------------------------------------------------


def test_show_by_id_plain_and_card(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("show", "pleven-mu")
    assert code == 0
    assert "established\t1974" in out and "Plevin" in out
    code, out, _ = run("show", "pleven-mu", tty=True, monkeypatch=monkeypatch)
    assert code == 0 and "Pleven Medical University" in out and "╭" in out
    assert "Timeline" in out and "2017-11" in out


def test_show_json_card_has_relations() -> None:
    _code, out, _ = run("show", "strasbourg", "--format", "json")
    card = json.loads(out)
    assert card["kind"] == "partner" and card["country"] == "FR"
    assert {p["id"] for p in card["programmes"]} >= {"sino-french-medical-exchange", "sino-french-elite-training"}
    assert any(e["date"] == "2006" for e in card["events"])
    assert {c["id"] for c in card["children"]} >= {"hus", "ihu-strasbourg"}


# -- check, schema, export -----------------------------------------------------


def test_schema_is_json_schema() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0 and "$defs" in schema and "Partner" in schema["$defs"]


def test_export_json_has_five_lists_and_version() -> None:
    _code, out, _ = run("export")
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert set(data) == {"schema_version", "partners", "programmes", "events", "people", "sources"}
