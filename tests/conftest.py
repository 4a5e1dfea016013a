"""Shared fixtures: an isolated cache directory and a small, valid dataset file."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.testing

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED = REPO_ROOT / "data" / "partners.toml"

MINI = """\
schema_version = 1

[[sources]]
id = "src-a"
title = "An article"
seed = "a.txt"

[[partners]]
id = "alpha"
name = "Alpha University"
kind = "university"
names = [
  { value = "Universite Alpha", type = "label", lang = "fr" },
  { value = "AU", type = "acronym" },
]
country = "FR"
city = "Lyon"
cooperation_since = "2010"
sources = ["src-a"]

[[partners]]
id = "beta"
name = "Beta Hospital"
kind = "hospital"
status = "affiliate"
parent = "alpha"
country = "IT"
sources = ["src-a"]

[[programmes]]
id = "exchange"
name = "Alpha Student Exchange"
kind = "student_exchange"
partners = ["alpha"]
start = "2011-09"
sources = ["src-a"]

[[events]]
id = "signing"
name = "Alpha agreement signed"
kind = "signing"
date = "2010-05-04"
partners = ["alpha"]
people = ["doe"]
sources = ["src-a"]

[[people]]
id = "doe"
name = "DOE Jane"
roles = [
  { title = "Rector", organisation = "Alpha University", partner = "alpha", source = "src-a" },
]
sources = ["src-a"]
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's cache, nor pick up their CQMU_DATA / NO_COLOR."""
    monkeypatch.setenv("CQMU_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cqmu-cache"))
    monkeypatch.delenv("CQMU_DATA", raising=False)
    monkeypatch.delenv("CQMU_NO_CACHE", raising=False)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid dataset written to a real file."""
    path = tmp_path / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the n-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")


@pytest.fixture(autouse=True)
def _no_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CliRunner call in the suite: no escaped exception, no 'Traceback' in the output."""
    original = typer.testing.CliRunner.invoke

    def checked(self: typer.testing.CliRunner, *args: object, **kwargs: object) -> object:
        result = original(self, *args, **kwargs)  # type: ignore[arg-type]
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"unhandled exception in the CLI: {result.exception!r}") from result.exception
        assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
        return result

    monkeypatch.setattr(typer.testing.CliRunner, "invoke", checked)
