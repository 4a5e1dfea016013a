"""The core works without Typer or rich, and the installed console script works from anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CORE_WITHOUT_UI = textwrap.dedent(
    """
    import sys

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"typer", "rich", "click"}:
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, Block())
    from cqmu_exchange.loader import load
    from cqmu_exchange.catalog import Catalog, stats_rows, sort_events, event_row
    from cqmu_exchange.search import SearchIndex
    from cqmu_exchange import formats

    data = load(use_cache=False)
    cat = Catalog(data)
    timeline = [event_row(cat, e) for e in sort_events(data.events)]
    stats = stats_rows(cat)
    hit = SearchIndex.build(data).search("Strassburg", limit=1)[0]
    print(formats.mermaid_timeline(timeline).splitlines()[0], timeline[0]["date"], hit.id, len(stats) > 0)
    assert not any(m.split(".")[0] in {"typer", "rich", "click"} for m in sys.modules)
    """
)


def test_core_imports_and_works_without_typer_or_rich() -> None:
    out = subprocess.run([sys.executable, "-c", CORE_WITHOUT_UI], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["timeline", "1994", "strasbourg", "True"]


def cqmu() -> list[str]:
    exe = shutil.which("cqmu")
    return [exe] if exe else [sys.executable, "-m", "cqmu_exchange"]


@pytest.mark.parametrize(
    "args",
    [
        ["search", "UBC"],
        ["show", "Plevin"],
        ["partners"],
        ["programmes"],
        ["people"],
        ["timeline"],
        ["stats"],
        ["check"],
        ["schema"],
        ["export"],
    ],
    ids=lambda a: a[0],
)
def test_installed_console_script_answers_from_any_directory(args: list[str], tmp_path: Path) -> None:
    out = subprocess.run([*cqmu(), *args], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() and "Traceback" not in out.stderr
    assert "\x1b" not in out.stdout  # a pipe gets no colour


def test_python_dash_m_matches_console_script(tmp_path: Path) -> None:
    via_m = subprocess.run([sys.executable, "-m", "cqmu_exchange", "--version"], capture_output=True, text=True)
    assert via_m.returncode == 0 and via_m.stdout.startswith("cqmu-exchange ")
    first = subprocess.run([*cqmu(), "export"], capture_output=True, text=True, cwd=tmp_path)
    assert json.loads(first.stdout)["schema_version"] == 1


def test_completion_offers_partner_names(tmp_path: Path) -> None:
    env = {"_CQMU_COMPLETE": "complete_bash", "COMP_WORDS": "cqmu show stras", "COMP_CWORD": "2"}
    out = subprocess.run(cqmu(), capture_output=True, text=True, cwd=tmp_path, env={**_base_env(), **env})
    assert out.returncode == 0, out.stderr
    assert "strasbourg" in out.stdout.split()
    env = {"_CQMU_COMPLETE": "complete_bash", "COMP_WORDS": "cqmu programmes --partner leic", "COMP_CWORD": "3"}
    out = subprocess.run(cqmu(), capture_output=True, text=True, cwd=tmp_path, env={**_base_env(), **env})
    assert out.stdout.split() == ["leicester"]


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("_CQMU")}
