"""Start-up and large-dataset benchmarks for the ``cqmu`` command (wall clock).

Usage: python bench/bench_startup.py [--runs R] [--quick] [--big-runs B] [--no-100k] [--json FILE]

Run it with the project's environment active (the interpreter running this script is the one measured). It
builds a bare one-command Typer app in a temp dir as the floor, generates 10k- and 100k-partner datasets into
bench/out/, then times each command R times as a subprocess, one run of every command per round with the order
rotated each round (so drift in machine load hits all commands alike), and prints median and min wall times,
the ratio of each median to the floor's median, and the issue's goal. All cqmu runs use a CQMU_CACHE_DIR in the
temp dir: a shared, warm one, or (for "cold" rows) a fresh empty one for every run. It also checks that
`cqmu partners` into a pipe does not import rich, lists the top import-time contributors (python -X
importtime), compares TOML parse time of compiled tomli with stdlib tomllib, and breaks the load of the 10k
dataset into stages in-process.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "data" / "partners.toml"
LYON_QUERY = "university of lyon"
EXTRA_PARSERS = ("rtoml", "toml_rs")

BARE_APP = '''\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


def main() -> None:
    app()
'''
# The same shape as the `cqmu` console script that pip writes into the venv's bin/.
BARE_SCRIPT = """\
#!{python}
import sys
from bare_app import main
if __name__ == "__main__":
    sys.exit(main())
"""

# Variables that would change what a cqmu run does; each run gets them only from its own command.
DROP_ENV = {
    "CQMU_DATA",
    "CQMU_NO_CACHE",
    "CQMU_CACHE_DIR",
    "_CQMU_COMPLETE",
    "_TYPER_COMPLETE_ARGS",
    "COMP_WORDS",
    "COMP_CWORD",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONSTARTUP",
    "PYTHONUNBUFFERED",  # a user's shell has neither; unbuffered stdout would slow the piped listings
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- commands and runs


@dataclass
class Cmd:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    goal: float | None = None  # max ratio of its median to the floor's median
    fresh_cache: bool = False  # a new empty CQMU_CACHE_DIR for every run (a first run)
    check: Callable[[str], str | None] | None = None  # stdout -> a problem, or None
    times: list[float] = field(default_factory=list)
    failed: int = 0  # timed runs that exited non-zero (their times are dropped)
    error: str | None = None  # the command failed: not timed
    note: str | None = None  # it ran, but its output is not what the goal is about


class Runner:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.base_env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
        self.base_env["CQMU_CACHE_DIR"] = str(tmp / "cache-warm")
        self._fresh = 0

    def env_for(self, cmd: Cmd) -> tuple[dict[str, str], Path | None]:
        env = dict(self.base_env)
        env.update(cmd.env)
        fresh = None
        if cmd.fresh_cache:
            self._fresh += 1
            fresh = self.tmp / f"cache-cold-{self._fresh}"
            fresh.mkdir()
            env["CQMU_CACHE_DIR"] = str(fresh)
        return env, fresh

    def run(self, cmd: Cmd) -> tuple[float, subprocess.CompletedProcess[bytes]]:
        env, fresh = self.env_for(cmd)
        try:
            start = time.perf_counter()
            proc = subprocess.run(cmd.argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
            took = time.perf_counter() - start
        finally:
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
        return took, proc

    def validate(self, cmd: Cmd) -> None:
        """One untimed run: fills pyc and warm caches, and finds commands that fail."""
        _, proc = self.run(cmd)
        if proc.returncode != 0:
            lines = proc.stderr.decode(errors="replace").strip().splitlines() or ["(no stderr)"]
            cmd.error = f"exit {proc.returncode}: {lines[-1][:100]}"
            return
        if cmd.check:
            cmd.note = cmd.check(proc.stdout.decode(errors="replace"))

    def measure(self, cmds: list[Cmd], rounds: int, what: str) -> None:
        for cmd in cmds:
            self.validate(cmd)
            if cmd.error:
                log(f"  ! {cmd.label}: {cmd.error} (not timed)")
            elif cmd.note:
                log(f"  ! {cmd.label}: {cmd.note}")
        live = [c for c in cmds if not c.error]
        for r in range(rounds):
            shift = r % len(live) if live else 0
            for cmd in live[shift:] + live[:shift]:
                took, proc = self.run(cmd)
                if proc.returncode == 0:
                    cmd.times.append(took)
                else:  # e.g. the source is being edited under the bench: drop the run, say so
                    cmd.failed += 1
                    last = (proc.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
                    cmd.error = f"{cmd.failed} run(s) failed, last: exit {proc.returncode}: {last[:80]}"
            log(f"  {what}: round {r + 1}/{rounds} done")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}" if seconds >= 10 else f"{seconds * 1000:.1f}"


def report(cmds: list[Cmd], floor: Cmd, title: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    base = statistics.median(floor.times) if floor.times else None
    base_min = min(floor.times) if floor.times else None
    print(f"\n{title}")
    header = f"{'command':<58} {'median ms':>10} {'min ms':>9} {'ratio':>7} {'(mins)':>7} {'goal':>7}  result"
    print(header)
    print("-" * len(header))
    for cmd in cmds:
        row: dict[str, Any] = {"key": cmd.key, "command": cmd.label, "goal": cmd.goal, "runs": len(cmd.times)}
        if cmd.error and not cmd.times:
            result = f"ERROR {cmd.error}"
            print(f"{cmd.label:<58} {'-':>10} {'-':>9} {'-':>7} {'-':>7} {goal_text(cmd.goal):>7}  {result}")
            rows.append({**row, "result": result})
            continue
        median, low = statistics.median(cmd.times), min(cmd.times)
        ratio = median / base if base else float("nan")
        ratio_min = low / base_min if base_min else float("nan")
        if cmd is floor:
            result = "(floor)"
        elif cmd.goal is None:
            result = ""
        else:
            result = "PASS" if ratio <= cmd.goal else "FAIL"
        if cmd.note:
            result += f"  [{cmd.note}]"
        if cmd.error:
            result += f"  [{cmd.error}]"
        print(
            f"{cmd.label:<58} {ms(median):>10} {ms(low):>9} {ratio:>7.2f} {ratio_min:>7.2f}"
            f" {goal_text(cmd.goal):>7}  {result}"
        )
        figures = {"median_ms": median * 1000, "min_ms": low * 1000, "ratio": ratio, "ratio_of_mins": ratio_min}
        rows.append({**row, **figures, "result": result.strip()})
    return rows


def goal_text(goal: float | None) -> str:
    return f"<={goal:.2f}" if goal else "-"


# --------------------------------------------------------------------------- output checks


def check_search_json(out: str) -> str | None:
    try:
        hits = json.loads(out)
    except ValueError:
        return "output is not JSON"
    if not hits:
        return "no hits"
    return None if "strasbourg" in out.lower() else "no Strasbourg hit"


def check_lines(out: str) -> str | None:
    return None if out.strip() else "no output"


def check_completion(out: str) -> str | None:
    words = out.split()
    if not words:
        return "completion printed nothing: no data was loaded, the timing is not a partner completion"
    return None if any("stras" in w.lower() for w in words) else f"no Strasbourg candidate in {words[:5]}"


def check_lyon(out: str) -> str | None:
    first = out.strip().splitlines()[:1]
    if not first:
        return "no hits"
    return None if "University of Lyon" in first[0] else f"top hit is not University of Lyon: {first[0][:60]!r}"


# --------------------------------------------------------------------------- import time


def importtime(argv: list[str], env: dict[str, str]) -> list[tuple[int, int, int, str]]:
    """(self us, cumulative us, depth, module) for each import of one run of ``python -X importtime ...``."""
    proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    rows = []
    for line in proc.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3:
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((int(parts[0]), int(parts[1]), depth, name.strip()))
    return rows


def import_profile(python: str, args: list[str], env: dict[str, str], repeats: int) -> dict[str, Any]:
    """Median import times over ``repeats`` runs: by root package (self time) and top-level imports (cumulative)."""
    by_root: dict[str, list[int]] = defaultdict(list)
    top: dict[str, list[int]] = defaultdict(list)
    totals: list[int] = []
    modules: set[str] = set()
    for _ in range(repeats):
        rows = importtime([python, "-X", "importtime", *args], env)
        roots: dict[str, int] = defaultdict(int)
        for self_us, cum_us, depth, name in rows:
            roots[name.split(".")[0]] += self_us
            modules.add(name)
            if depth == 0:
                top[name].append(cum_us)
        for root, us in roots.items():
            by_root[root].append(us)
        totals.append(sum(r[0] for r in rows))
    return {
        "total_ms": statistics.median(totals) / 1000 if totals else 0.0,
        "by_root_ms": sorted(((statistics.median(v) / 1000, k) for k, v in by_root.items()), reverse=True),
        "top_level_ms": sorted(((statistics.median(v) / 1000, k) for k, v in top.items()), reverse=True),
        "modules": sorted(modules),
    }


def print_import_profile(label: str, prof: dict[str, Any], n: int = 10) -> None:
    print(f"\n  {label}: {prof['total_ms']:.0f} ms of imports (sum of self times, median)")
    roots = ", ".join(f"{name} {t:.1f}" for t, name in prof["by_root_ms"][:n])
    tops = ", ".join(f"{name} {t:.1f}" for t, name in prof["top_level_ms"][:n])
    for text in (f"by package (self ms): {roots}", f"top-level imports (cumulative ms): {tops}"):
        print(textwrap.fill(text, 110, initial_indent="    ", subsequent_indent="      "))


# --------------------------------------------------------------------------- in-process figures


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def toml_figures(path: Path, repeats: int) -> dict[str, Any]:
    """Parse time of ``path`` with compiled tomli and stdlib tomllib, alternating, in this process."""
    import tomli
    import tomllib

    text = path.read_text(encoding="utf-8")
    parsers: dict[str, Callable[[str], Any]] = {"tomli": tomli.loads, "tomllib": tomllib.loads}
    for extra in EXTRA_PARSERS:  # Rust-based parsers, measured only when installed (the project does not need them)
        with contextlib.suppress(ImportError):
            parsers[extra] = importlib.import_module(extra).loads
    times: dict[str, list[float]] = {name: [] for name in parsers}
    for _ in range(repeats):
        for name, loads in parsers.items():
            start = time.perf_counter()
            loads(text)
            times[name].append(time.perf_counter() - start)
    compiled = str(getattr(importlib.import_module("tomli._parser"), "__file__", "")).endswith((".so", ".pyd"))
    return {
        "file": str(path),
        "mb": len(text.encode("utf-8")) / 1e6,
        "tomli_version": getattr(tomli, "__version__", "?"),
        "tomli_compiled": compiled,
        "median_ms": {name: statistics.median(t) * 1000 for name, t in times.items()},
        "min_ms": {name: min(t) * 1000 for name, t in times.items()},
    }


def toml_import_cost(python: str, env: dict[str, str], repeats: int) -> dict[str, float]:
    out = {}
    for module in ("tomli", "tomllib"):
        cums = []
        for _ in range(repeats):
            rows = importtime([python, "-X", "importtime", "-c", f"import {module}"], env)
            cums += [cum for _, cum, depth, name in rows if depth == 0 and name == module]
        out[module] = statistics.median(cums) / 1000 if cums else float("nan")
    return out


def stage_worker(mode: str, path: Path, blob_path: Path, *, gc_off: bool, os_exit: bool) -> None:
    """Run in a fresh interpreter: time each stage of a cold or warm load of ``path``; print JSON; exit.

    cold: read, decode, parse (loader.parse_toml), LineIndex, msgspec.convert, check, blake2b, msgpack encode
    (written to ``blob_path``). warm: what a cache hit does: read, blake2b, read the entry, msgpack decode, then
    build the search index and run one query (when cqmu_exchange.search exists).
    """
    import gc

    if gc_off:
        gc.disable()
    begin = time.perf_counter()
    stages: list[tuple[str, float]] = []

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = fn()
        stages.append((name, (time.perf_counter() - start) * 1000))
        return result

    try:
        import hashlib

        import msgspec

        from cqmu_exchange import loader
        from cqmu_exchange.model import Dataset

        name = str(path)
        data = stage("read bytes", path.read_bytes)
        if mode == "cold":
            text = stage("decode UTF-8", lambda: loader.decode_text(data, name))
            raw = stage("parse TOML (loader.parse_toml)", lambda: loader.parse_toml(text, name))
            lines = stage("LineIndex (line numbers for messages)", lambda: loader.LineIndex(text))
            dataset = stage("msgspec.convert to the model", lambda: loader.convert(raw, name, lines))
            stage("whole-dataset check (ids, refs, dates)", lambda: loader.check(dataset, name, lines))
            stage("blake2b of the file (cache key)", lambda: hashlib.blake2b(data, digest_size=32).digest())
            blob = stage("msgpack encode (cache write)", lambda: msgspec.msgpack.encode(dataset))
            blob_path.write_bytes(blob)
        else:
            stage("blake2b of the file (cache key)", lambda: hashlib.blake2b(data, digest_size=32).digest())
            blob = stage("read the cache entry", blob_path.read_bytes)
            dataset = stage("msgpack decode (cache hit)", lambda: msgspec.msgpack.decode(blob, type=Dataset))
            try:
                from cqmu_exchange.search import SearchIndex
            except ImportError:
                stages.append(("(cqmu_exchange.search missing: no index figures)", float("nan")))
            else:
                index = stage("SearchIndex.build", lambda: SearchIndex.build(dataset))
                stage(f"index.search({LYON_QUERY!r})", lambda: index.search(LYON_QUERY, limit=10))
    except Exception as exc:  # the loader is being edited: report what broke, keep the other figures
        stages.append((f"stopped: {type(exc).__name__}: {exc}"[:90], float("nan")))
    stages.append(("total in-process (after interpreter start)", (time.perf_counter() - begin) * 1000))
    sys.stdout.write(json.dumps(stages) + "\n")
    sys.stdout.flush()
    if os_exit:
        os._exit(0)


def load_stages(path: Path, tmp: Path, env: dict[str, str], repeats: int) -> dict[str, Any]:
    """Stage timings of a cold and a warm load in fresh interpreters, and what exiting normally costs."""
    blob = tmp / "stages.msgpack"

    def worker(mode: str, *flags: str) -> tuple[float, list[tuple[str, float]]]:
        argv = [sys.executable, str(Path(__file__).resolve()), "--stage-worker", mode, str(path), str(blob), *flags]
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, capture_output=True, check=False)
        wall = time.perf_counter() - start
        try:
            return wall, json.loads(proc.stdout.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            return wall, [(f"worker failed: {proc.stderr.decode(errors='replace').strip()[-120:]}", float("nan"))]

    _, cold = worker("cold")
    walls: dict[str, list[float]] = defaultdict(list)
    inside: dict[str, list[float]] = defaultdict(list)
    warm: list[tuple[str, float]] = []
    variants = {"normal exit": (), "os._exit": ("--os-exit",), "gc off + os._exit": ("--gc-off", "--os-exit")}
    for _ in range(repeats):
        for label, flags in variants.items():
            wall, stages = worker("warm", *flags)
            walls[label].append(wall * 1000)
            inside[label].append(stages[-1][1])
            if label == "normal exit":
                warm = stages
    return {
        "cold": cold,
        "warm": warm,
        "warm_wall_ms": {k: statistics.median(v) for k, v in walls.items()},
        "warm_inside_ms": {k: statistics.median(v) for k, v in inside.items()},
    }


# --------------------------------------------------------------------------- main


def make_bare_app(tmp: Path) -> Path:
    folder = tmp / "bare"
    folder.mkdir()
    (folder / "bare_app.py").write_text(BARE_APP)
    script = folder / "bare"
    script.write_text(BARE_SCRIPT.format(python=sys.executable))
    script.chmod(0o755)
    return script


def generated(n: int, out_dir: Path, seed: int) -> Path:
    """bench/out/big{n}.toml, regenerated when missing or older than generate.py (deterministic anyway)."""
    label = f"{n // 1000}k" if n % 1000 == 0 else str(n)
    path = out_dir / f"big{label}-seed{seed}.toml"
    script = HERE / "generate.py"
    if not path.exists() or path.stat().st_mtime < script.stat().st_mtime:
        log(f"generating {path.name} ...")
        subprocess.run([sys.executable, str(script), str(n), str(path), "--seed", str(seed)], check=True)
    return path


def environment() -> list[str]:
    facts = [f"python {sys.version.split()[0]} ({sys.executable})"]
    for dist in ("typer", "rich", "pydantic", "msgspec", "tomli", "rapidfuzz", "cqmu-exchange"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            facts.append(f"{dist} {version(dist)}")
    with contextlib.suppress(OSError):
        facts.append(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--big-runs", type=int, default=3, help="timed runs for the 100k dataset (default 3)")
    parser.add_argument("--quick", action="store_true", help="5 runs, no 100k dataset, fewer repeats elsewhere")
    parser.add_argument("--no-100k", action="store_true", help="skip the 100k dataset")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated datasets (default 1)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where datasets go (default bench/out)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (bare app, caches)")
    parser.add_argument("--stage-worker", nargs=3, metavar=("MODE", "PATH", "BLOB"), help=argparse.SUPPRESS)
    parser.add_argument("--gc-off", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--os-exit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage_worker:
        mode, path, blob = args.stage_worker
        stage_worker(mode, Path(path), Path(blob), gc_off=args.gc_off, os_exit=args.os_exit)
        return 0
    runs = 5 if args.quick and args.runs == 15 else args.runs
    repeats = 3 if args.quick else 5
    skip_big = args.quick or args.no_100k
    started = time.perf_counter()

    cqmu = Path(sys.executable).parent / "cqmu"
    if not cqmu.exists():
        found = shutil.which("cqmu")
        if not found:
            log("bench: no `cqmu` next to this interpreter or on PATH: run it with the project's venv active")
            return 2
        cqmu = Path(found)
    args.out.mkdir(parents=True, exist_ok=True)
    big10k = generated(10_000, args.out, args.seed)
    big100k = None if skip_big else generated(100_000, args.out, args.seed)

    tmp = Path(tempfile.mkdtemp(prefix="cqmu-bench-"))
    results: dict[str, Any] = {"environment": environment(), "runs": runs}
    try:
        bare = make_bare_app(tmp)
        runner = Runner(tmp)
        py, c = sys.executable, str(cqmu)
        complete_env = {"_CQMU_COMPLETE": "complete_bash", "COMP_WORDS": "cqmu show stras", "COMP_CWORD": "2"}
        lyon = [c, "--data", str(big10k), "search", LYON_QUERY]
        floor = Cmd("floor", "bare Typer app, one command (floor)", [str(bare)], check=check_lines)
        cmds = [
            floor,
            Cmd("python", "python -c pass (interpreter alone)", [py, "-c", "pass"]),
            Cmd("import-typer", "python -c 'import typer'", [py, "-c", "import typer"]),
            Cmd("version", "cqmu --version (CLI import, no data)", [c, "--version"], check=check_lines),
            Cmd(
                "search-json",
                "cqmu search strasbourg --format json",
                [c, "search", "strasbourg", "--format", "json"],
                goal=1.15,
                check=check_search_json,
            ),
            Cmd("partners", "cqmu partners | (plain, piped)", [c, "partners"], goal=1.10, check=check_lines),
            Cmd(
                "complete",
                "completion: cqmu show stras<TAB> (bash)",
                [c],
                env=complete_env,
                goal=1.15,
                check=check_completion,
            ),
            Cmd(
                "10k-cold",
                f"10k: cqmu --data big10k search {LYON_QUERY!r}, 1st run",
                lyon,
                goal=4.0,
                fresh_cache=True,
                check=check_lyon,
            ),
            Cmd(
                "10k-warm",
                f"10k: cqmu --data big10k search {LYON_QUERY!r}, 2nd run",
                lyon,
                env={"CQMU_CACHE_DIR": str(tmp / "cache-10k")},
                goal=2.0,
                check=check_lyon,
            ),
        ]
        for line in results["environment"]:
            log(line)
        log(f"timing {len(cmds)} commands, {runs} interleaved rounds (temp dir {tmp})")
        runner.measure(cmds, runs, "start-up")
        results["startup"] = report(cmds, floor, f"Start-up, {runs} interleaved runs each (wall clock)")

        if big100k is not None:
            lyon100 = [c, "--data", str(big100k), "search", LYON_QUERY]
            floor2 = Cmd("floor", "bare Typer app, one command (floor)", [str(bare)], check=check_lines)
            big = [
                floor2,
                Cmd(
                    "100k-cold",
                    f"100k: cqmu --data big100k search {LYON_QUERY!r}, 1st run",
                    lyon100,
                    fresh_cache=True,
                    check=check_lyon,
                ),
                Cmd(
                    "100k-warm",
                    f"100k: cqmu --data big100k search {LYON_QUERY!r}, 2nd run",
                    lyon100,
                    env={"CQMU_CACHE_DIR": str(tmp / "cache-100k")},
                    check=check_lyon,
                ),
            ]
            log(f"timing the 100k dataset, {args.big_runs} interleaved rounds")
            runner.measure(big, args.big_runs, "100k")
            results["big"] = report(big, floor2, f"100k partners, {args.big_runs} interleaved runs each (report only)")

        # rich must not be imported by `cqmu partners` into a pipe.
        env = dict(runner.base_env)
        print("\nImports (python -X importtime, stdout to a pipe; median of", repeats, "runs)")
        profiles = {
            "floor": ([str(bare)], env),
            "cqmu partners": (["-m", "cqmu_exchange", "partners"], env),
            "cqmu search strasbourg --format json": (
                ["-m", "cqmu_exchange", "search", "strasbourg", "--format", "json"], env
            ),
            "completion cqmu show stras<TAB>": (["-m", "cqmu_exchange"], {**env, **complete_env}),
        }  # fmt: skip
        results["imports"] = {}
        for label, (pargs, penv) in profiles.items():
            prof = import_profile(py, pargs, penv, repeats)
            rich = [m for m in prof["modules"] if m == "rich" or m.startswith("rich.")]
            verdict = f"imports rich ({len(rich)} modules)" if rich else "does not import rich"
            if label == "cqmu partners":
                verdict += "  FAIL (goal: no rich)" if rich else "  PASS (goal: no rich)"
            print_import_profile(f"{label}: {verdict}", prof)
            results["imports"][label] = {k: v for k, v in prof.items() if k != "modules"} | {"rich_modules": rich}

        # TOML parser choice.
        print(f"\nTOML parse, in-process (median of {repeats}; bundled file: median of {repeats * 10})")
        toml = [toml_figures(big10k, repeats), toml_figures(BUNDLED, repeats * 10)]
        for fig in toml:
            med, low = fig["median_ms"], fig["min_ms"]
            kind = "compiled" if fig["tomli_compiled"] else "pure Python"
            print(f"  {Path(fig['file']).name} ({fig['mb']:.2f} MB), tomli {fig['tomli_version']} ({kind}):")
            for name in med:
                print(f"    {name:<10} median {med[name]:>8.1f} ms   min {low[name]:>8.1f} ms")
            print(f"    => stdlib tomllib takes {med['tomllib'] / med['tomli']:.2f}x as long as tomli (medians)")
        cost = toml_import_cost(py, env, repeats)
        print(
            f"  import (cumulative, fresh interpreter): tomli {cost['tomli']:.1f} ms, tomllib {cost['tomllib']:.1f} ms"
        )
        results["toml"] = {"parse": toml, "import_ms": cost}

        print(f"\nLoading {big10k.name} by stage, in fresh interpreters (ms)")
        stages = load_stages(big10k, tmp, env, repeats)
        for mode in ("cold", "warm"):
            print(f"  {mode}:")
            for name, took in stages[mode]:
                print(f"    {name:<55} {took:>9.1f}")
        walls, inside = stages["warm_wall_ms"], stages["warm_inside_ms"]
        print(f"  warm worker, median of {repeats}: wall time / in-process time (the stages above)")
        for label, wall in walls.items():
            print(f"    {label:<55} {wall:>9.1f} / {inside[label]:.1f}")
        teardown = walls["normal exit"] - walls["os._exit"]
        print(f"    {'=> interpreter teardown with the dataset loaded':<55} {teardown:>9.1f}")
        results["stages_10k"] = stages
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"\nbench took {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
