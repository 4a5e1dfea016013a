"""`cqmu check` and the loader on broken copies of a dataset: one problem, one line number."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqmu_exchange.cli import app
from cqmu_exchange.loader import DataError, load

from .conftest import BUNDLED, MINI, line_of

runner = CliRunner()


def broken(tmp_path: Path, old: str, new: str, text: str = MINI) -> tuple[Path, str]:
    assert old in text, old
    changed = text.replace(old, new, 1)
    path = tmp_path / "broken.toml"
    path.write_text(changed, encoding="utf-8")
    return path, changed


def check(path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_bundled_dataset_is_clean() -> None:
    code, out, _ = check(BUNDLED)
    assert code == 0, out
    assert "OK" in out and "partners" in out and "people" in out


def test_clean_summary_counts_each_kind(mini: Path) -> None:
    code, out, _ = check(mini)
    assert code == 0
    assert "(2 partners, 1 programmes, 1 events, 1 people, 1 sources)" in out


def test_duplicate_id_reports_the_second_record(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'id = "beta"', 'id = "alpha"')
    code, out, _ = check(path)
    assert code == 1
    line = line_of(text, 'id = "alpha"', 2)
    assert f"{path}:{line}: duplicate partners id 'alpha'" in out


def test_dangling_reference_names_id_and_line(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'partners = ["alpha"]\nstart', 'partners = ["gamma"]\nstart')
    code, out, _ = check(path)
    assert code == 1
    assert (
        f"{path}:{line_of(text, 'gamma')}: programmes 'exchange': partners refers to unknown partners id 'gamma'" in out
    )


def test_impossible_date_is_reported(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'date = "2010-05-04"', 'date = "2024-02-30"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, '2024-02-30')}:" in out
    assert "day 30 does not exist in 2024-02" in out


def test_range_that_ends_before_it_starts(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'date = "2010-05-04"', 'date = "2012-01-01/2011-12-31"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, '2012-01-01/2011')}:" in out and "ends before it starts" in out


def test_programme_ending_before_start(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'start = "2011-09"', 'start = "2011-09"\nend = "2009"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'end = ')}: programmes 'exchange': ends (2009) before it starts" in out


def test_unknown_country_code(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'country = "IT"', 'country = "XX"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'XX')}: partners 'beta': 'XX' is not an ISO 3166-1 alpha-2 country code" in out


def test_missing_source_is_reported_at_the_record(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'start = "2011-09"\nsources = ["src-a"]', 'start = "2011-09"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, '[[programmes]]')}: programmes 'exchange' cites no source" in out


def test_unknown_key_typo_is_reported(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'country = "FR"', 'contry = "FR"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'contry')}: unknown key 'contry' in partners[0]" in out


def test_wrong_type_is_reported_with_its_key(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'cooperation_since = "2010"', "cooperation_since = 2010")
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'cooperation_since')}: partners[0].cooperation_since: Expected `str | null`" in out


def test_bare_toml_date_gets_a_hint(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'date = "2010-05-04"', "date = 2010-05-04")
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'date = 2010')}:" in out and "quoted strings" in out


def test_bad_enum_value_in_nested_name(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'type = "acronym"', 'type = "nickname"')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'nickname')}: partners[0].names[1].type: Invalid enum value 'nickname'" in out


def test_malformed_toml_gives_parser_line_and_column(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'city = "Lyon"', 'city = "Lyon')
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(text, 'city = ')}: invalid TOML" in out and "column" in out


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINI.replace("Universite", "Universit\xe9").encode("latin-1"))
    code, out, _ = check(path)
    assert code == 1
    assert f"{path}:{line_of(MINI, 'Universite Alpha')}: not valid UTF-8: byte 0xe9" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.toml", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: (p / "empty.toml", (p / "empty.toml").write_text(""))[0], "the file is empty"),
    ],
)
def test_unusable_files(tmp_path: Path, make: object, message: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, out, _ = check(path)
    assert code == 1
    assert message in out and str(path) in out


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    text = MINI.replace('country = "IT"', 'country = "XX"').replace(
        'partners = ["alpha"]\nstart', 'partners = ["zz"]\nstart'
    )
    path = tmp_path / "two.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = check(path)
    assert code == 1
    assert len(out.strip().splitlines()) == 2
    assert "2 problems" in err


def test_other_commands_refuse_bad_data_with_one_line_per_problem(tmp_path: Path) -> None:
    path, text = broken(tmp_path, 'country = "IT"', 'country = "XX"')
    result = runner.invoke(app, ["--data", str(path), "partners"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr.strip()
        == f"{path}:{line_of(text, 'XX')}: partners 'beta': 'XX' is not an ISO 3166-1 alpha-2 country code"
    )


def test_loader_raises_data_error_with_problems(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, 'id = "beta"', 'id = "alpha"')
    with pytest.raises(DataError) as info:
        load(path, use_cache=False)
    first = line_of(MINI, "[[partners]]")
    messages = [p.message for p in info.value.problems]
    assert f"duplicate partners id 'alpha' (first at line {first})" in messages
    assert "partners 'alpha' is its own parent" in messages


def test_check_never_modifies_the_file(mini: Path) -> None:
    before = mini.read_bytes()
    stat = mini.stat()
    check(mini)
    runner.invoke(app, ["--data", str(mini), "export"])
    assert mini.read_bytes() == before and mini.stat().st_mtime_ns == stat.st_mtime_ns
