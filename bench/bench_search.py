"""Benchmark the search index: build time and per-query time.

Runs on the bundled dataset and on a generated dataset of 10,000 partners (about
50,000 name variants: English, French, Italian, German and Bulgarian labels,
simplified Chinese names, acronyms, aliases, misspellings). When
``bench/generate.py`` exists (``generate.py N OUT.toml``) it makes the big
dataset; otherwise one is generated in memory here.

    python bench/bench_search.py            # bundled + 10,000 partners
    python bench/bench_search.py --n 2000   # another size
"""

from __future__ import annotations

import argparse
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from cqmu_exchange import model  # noqa: E402
from cqmu_exchange.loader import load  # noqa: E402
from cqmu_exchange.search import SearchIndex  # noqa: E402

BUNDLED_QUERIES = [
    "Strassburg",
    "Universite de Strasbourg",
    "Plevin",
    "UBC",
    "莱斯特大学",
    "Corbeta",
    "Harvard University",
    "Sorbonne",
    "Leicster",
    "Pleven Medcal Univ",
    "Università di Firenze",
    "Медицински университет Плевен",
    "新加坡國立大學",
    "NUS",
    "Tian Jie",
    "Thompson Robinson",
    "joint institute",
    "breast cancer forum",
    "Erasmus+ exchange",
    "unveiling ceremony",
    "briefing meeting",
    "Sino-French",
    "University",
    "xyz",
]

SYLLABLES = (
    "ka", "lo", "ven", "bra", "mir", "tos", "el", "an", "dor", "ri", "sa", "va", "ber", "gen", "hal", "mun",
    "zel", "tor", "ia", "ne", "qu", "ast", "lin", "ford", "wick", "mont", "bel", "cas", "tel", "ro", "ma",
    "ni", "shan", "jin", "hu", "wei", "lan", "pol", "ska", "li", "ov", "ec", "gra", "dis", "tru",
)  # fmt: skip
HAN = "安北川大东方福广海河湖华吉江金京康兰乐丽林龙罗美明南宁平青庆山上深石顺苏台天通文西新阳长中州"
FIELDS = ("Medicine", "Health Sciences", "Technology", "Pharmacy", "Nursing", "Public Health", "Oncology")
CYR = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопкрстуввхиз")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def generate(n: int, seed: int = 7) -> model.Dataset:
    """``n`` partners with about five names each, plus some programmes, events and people."""
    rng = random.Random(seed)
    cities = [_word(rng) for _ in range(max(50, n // 3))]  # cities are shared, as in real data
    partners: list[model.Partner] = []
    for i in range(n):
        city = rng.choice(cities)
        other = _word(rng)
        shape = i % 5
        if shape == 0:
            name, native = f"University of {city}", ("fr", f"Université de {city}")
        elif shape == 1:
            name, native = (
                f"{city} Medical University",
                ("bg", f"Медицински университет – {city.lower().translate(CYR)}"),
            )
        elif shape == 2:
            field = rng.choice(FIELDS)
            name, native = f"{other} Institute of {field}", ("de", f"{other} Institut für {field}")
        elif shape == 3:
            name, native = f"{other} University Hospital {city}", ("it", f"Azienda Ospedaliero-Universitaria {other}")
        else:
            name, native = f"{other} {city} Research Centre", ("it", f"Centro di ricerca {other} {city}")
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 4))) + rng.choice(
            ("大学", "医院", "研究所", "医科大学")
        )
        names = [
            model.Name(value=native[1], type="label", lang=native[0]),
            model.Name(value=zh, type="label", lang="zh-Hans"),
            model.Name(value=f"{initials}{i % 97}" if i % 3 else initials, type="acronym"),
            model.Name(value=_typo(rng, name), type="misspelling"),
        ]
        if i % 2:
            names.append(model.Name(value=f"{other} {city}", type="alias", lang="en"))
        partners.append(model.Partner(id=f"p{i}", name=name, kind="university", names=names, sources=["s"]))
    programmes = [
        model.Programme(
            id=f"g{i}",
            name=f"{_word(rng)} {rng.choice(('Joint Training', 'Student Exchange', 'Forum'))} Programme",
            kind="other",
            funders=[f"p{rng.randrange(n)}"],
            sources=["s"],
        )
        for i in range(n // 20)
    ]
    events = [
        model.Event(
            id=f"e{i}",
            name=f"{rng.choice(('Visit', 'Signing', 'Meeting'))} at {rng.choice(partners).name}",
            kind="other",
            place=rng.choice(cities),
            sources=["s"],
        )
        for i in range(n // 20)
    ]
    people = [
        model.Person(id=f"h{i}", name=f"{_word(rng)} {_word(rng)}", name_zh=rng.choice(HAN) + rng.choice(HAN))
        for i in range(n // 10)
    ]
    return model.Dataset(partners=partners, programmes=programmes, events=events, people=people)


def big_dataset(n: int) -> tuple[model.Dataset, str]:
    script = HERE / "generate.py"
    if script.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "big.toml"
            subprocess.run([sys.executable, str(script), str(n), str(out)], check=True)
            return load(out, use_cache=False), f"bench/generate.py {n}"
    return generate(n), "generated in memory"


def queries_for(dataset: model.Dataset, rng: random.Random, count: int = 200) -> list[str]:
    """Realistic queries: exact names, typos, partial names, acronyms, Chinese, misses."""
    out: list[str] = []
    for _ in range(count):
        p = rng.choice(dataset.partners)
        pick = rng.randrange(7)
        if pick == 0:
            out.append(p.name)
        elif pick == 1:
            out.append(_typo(rng, p.name))
        elif pick == 2:
            out.append(rng.choice(p.name.split()))
        elif pick == 3 and p.names:
            out.append(rng.choice(p.names).value)
        elif pick == 4:
            out.append(" ".join(p.name.split()[-2:]).lower())
        elif pick == 5:
            out.append(rng.choice(("Harvard University", "Sorbonne", "xyz", "Medical University", "MIT")))
        else:
            out.append(p.name.replace("University", "Univ."))
    return out


def time_queries(index: SearchIndex, queries: list[str]) -> dict[str, float]:
    """First query (imports rapidfuzz, makes the typo vocabulary), then each query
    cold (per-word caches cleared: what one CLI call sees) and warm (repeated)."""
    t0 = time.perf_counter()
    index.search(queries[0])
    first = (time.perf_counter() - t0) * 1e3
    cold: list[float] = []
    warm: list[float] = []
    hits = 0
    for q in queries:
        index.clear_caches()
        t0 = time.perf_counter()
        hits += len(index.search(q))
        cold.append((time.perf_counter() - t0) * 1e3)
        t0 = time.perf_counter()
        index.search(q)
        warm.append((time.perf_counter() - t0) * 1e3)
    return {
        "first": first,
        "cold_median": statistics.median(cold),
        "cold_p95": _p95(cold),
        "warm_median": statistics.median(warm),
        "warm_p95": _p95(warm),
        "hits": hits / len(queries),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def time_build(dataset: model.Dataset, repeat: int = 5) -> tuple[float, SearchIndex]:
    best = float("inf")
    index = SearchIndex.build(dataset)
    for _ in range(repeat):
        t0 = time.perf_counter()
        index = SearchIndex.build(dataset)
        best = min(best, (time.perf_counter() - t0) * 1e3)
    return best, index


def import_costs() -> dict[str, float]:
    """Cold import times (ms), each in a fresh interpreter."""
    snippets = {
        "cqmu_exchange.search": "import cqmu_exchange.search",
        "rapidfuzz (process, fuzz, OSA)": "from rapidfuzz import process, fuzz; from rapidfuzz.distance import OSA",
        "opencc import + OpenCC('t2s')": "import opencc; opencc.OpenCC('t2s')",
    }
    env_path = str(ROOT / "src")
    out: dict[str, float] = {}
    for label, code in snippets.items():
        prog = (
            f"import sys, time; sys.path.insert(0, {env_path!r}); import typing, re, dataclasses; "
            f"t=time.perf_counter(); {code}; print((time.perf_counter()-t)*1e3)"
        )
        runs = [
            float(subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True).stdout) for _ in range(3)
        ]
        out[label] = min(runs)
    return out


def report(label: str, dataset: model.Dataset, queries: list[str]) -> None:
    fresh = SearchIndex.build(dataset)  # untimed: a cold build + first query, as one CLI call sees them
    t0 = time.perf_counter()
    fresh = SearchIndex.build(dataset)
    fresh.search(queries[0])
    once = (time.perf_counter() - t0) * 1e3
    build_ms, index = time_build(dataset)
    q = time_queries(index, queries)
    print(f"\n== {label}")
    print(f"   records: {len(index.rec_id):,}   name variants: {len(index.e_norm):,}   queries: {len(queries)}")
    print(f"   index build: {build_ms:.1f} ms (best of 5)")
    print(f"   first query on a new index (typo vocabulary, rapidfuzz already imported): {q['first']:.1f} ms")
    print(f"   build + first query: {once:.1f} ms")
    print(f"   per query, cold word caches: median {q['cold_median']:.2f} ms   p95 {q['cold_p95']:.2f} ms")
    print(f"   per query, warm word caches: median {q['warm_median']:.2f} ms   p95 {q['warm_p95']:.2f} ms")
    print(f"   ({q['hits']:.1f} hits per query on average)")
    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        pickle.loads(blob)
        best = min(best, (time.perf_counter() - t0) * 1e3)
    print(f"   index pickle: {len(blob) / 1e6:.1f} MB, loads in {best:.1f} ms (an alternative to rebuilding)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="partners in the generated dataset")
    args = parser.parse_args()

    print("== import costs (fresh interpreter, best of 3; typing/re/dataclasses preloaded)")
    for label, ms in import_costs().items():
        print(f"   {label}: {ms:.1f} ms")

    bundled = load(use_cache=False)
    report("bundled data/partners.toml", bundled, BUNDLED_QUERIES)

    big, how = big_dataset(args.n)
    report(f"{len(big.partners):,} partners ({how})", big, queries_for(big, random.Random(1)))


if __name__ == "__main__":
    main()
