"""The parse cache: a speed-up only, never a source of stale or broken data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cqmu_exchange import cache
from cqmu_exchange.cli import app
from cqmu_exchange.loader import load

runner = CliRunner()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.msgpack")) if folder.exists() else []


def test_cache_is_written_and_then_used(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    first = load(mini)
    assert len(entries(folder)) == 1
    calls: list[Path] = []

    def build(path: Path) -> object:
        calls.append(path)
        raise AssertionError("a fresh cache entry must be used")

    second = cache.load_cached(mini, build)  # type: ignore[arg-type]
    assert second == first and calls == []


def test_stale_cache_is_never_served(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CQMU_CACHE_DIR", str(tmp_path / "cache"))
    assert load(mini).partners[0].name == "Alpha University"
    stat = mini.stat()
    # Same size and the same mtime: only the content hash can tell the edit apart.
    text = mini.read_text(encoding="utf-8").replace("Alpha University", "Omega University")
    mini.write_text(text, encoding="utf-8")
    os.utime(mini, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert mini.stat().st_size == stat.st_size
    assert load(mini).partners[0].name == "Omega University"
    result = runner.invoke(app, ["--data", str(mini), "partners", "--format", "json", "--fields", "name"])
    assert "Omega University" in result.stdout and "Alpha" not in result.stdout


def test_corrupt_cache_file_is_ignored_and_rebuilt(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    load(mini)
    (entry,) = entries(folder)
    entry.write_bytes(entry.read_bytes()[:40] + b"\xff\x00garbage")
    result = runner.invoke(app, ["--data", str(mini), "partners", "--format", "plain", "--fields", "id"])
    assert result.exit_code == 0 and result.stdout.split() == ["alpha", "beta"]
    assert "Traceback" not in result.stderr
    assert load(mini).partners[0].id == "alpha"  # and the entry was rewritten


def test_unwritable_cache_dir_is_only_slower(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("CQMU_CACHE_DIR", str(blocker / "cache"))
    assert load(mini).partners[0].id == "alpha"


def test_no_cache_flag_writes_nothing(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    result = runner.invoke(app, ["--no-cache", "--data", str(mini), "partners"])
    assert result.exit_code == 0
    assert entries(folder) == []


def test_bad_data_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    bad = tmp_path / "bad.toml"
    bad.write_text('[[partners]]\nid = "x"\nname = "X"\nkind = "university"\n', encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["--data", str(bad), "partners"])
        assert result.exit_code == 1 and "cites no source" in result.stderr
    assert entries(folder) == []


def test_search_index_cache_is_used_and_never_stale(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    first = runner.invoke(app, ["--data", str(mini), "search", "Alpha", "--format", "plain", "--fields", "name"])
    assert first.stdout.splitlines()[0] == "Alpha University"
    assert len(list(folder.glob("*.index.msgpack"))) == 1
    stat = mini.stat()
    mini.write_text(mini.read_text(encoding="utf-8").replace("Alpha University", "Alpha Academy!!"), encoding="utf-8")
    os.utime(mini, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = runner.invoke(app, ["--data", str(mini), "search", "Alpha", "--format", "plain", "--fields", "name"])
    assert second.stdout.splitlines()[0] == "Alpha Academy!!"


def test_corrupt_search_index_entry_is_rebuilt(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CQMU_CACHE_DIR", str(folder))
    fresh = runner.invoke(app, ["--data", str(mini), "search", "Alpha", "--format", "plain", "--fields", "id"])
    (entry,) = folder.glob("*.index.msgpack")
    blob = entry.read_bytes()
    entry.write_bytes(blob[:38] + b"\x81\xa3bad\xc0")  # a valid header and a map of the wrong shape
    result = runner.invoke(app, ["--data", str(mini), "search", "Alpha", "--format", "plain", "--fields", "id"])
    assert result.exit_code == 0 and result.stdout == fresh.stdout
    assert result.stdout.split()[0] == "alpha"
