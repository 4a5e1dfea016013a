"""Regenerate the README's terminal pictures (SVG) from the real CLI output.

    python docs/make_pictures.py

Each command is run through the installed ``cqmu`` with colour forced and a fixed
width; rich turns the ANSI output into an SVG with ``Console.save_svg``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).resolve().parent
WIDTH = 110
PICTURES = {
    "timeline.svg": ["timeline", "strasbourg"],
    "show.svg": ["show", "Plevin"],
    "search.svg": ["search", "Universite de Strasbourg", "--explain", "--limit", "5"],
}


def main() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "CQMU_NO_CACHE": "1"}
    env.pop("NO_COLOR", None)
    for name, args in PICTURES.items():
        command = [sys.executable, "-m", "cqmu_exchange", *args, "--format", "table"]
        out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
        console = Console(record=True, width=WIDTH, force_terminal=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(Text.from_ansi(out))
        console.save_svg(str(HERE / name), title="cqmu " + " ".join(args))
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
