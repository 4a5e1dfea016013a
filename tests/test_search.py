"""Unit tests of the search engine: normalisation, acronyms, generic words, typos,
resolve/suggest/complete, the Hit contract, and what search imports."""

from __future__ import annotations

import itertools
import json
import pickle
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqmu_exchange import model
from cqmu_exchange.loader import load
from cqmu_exchange.search import CUTOFF, Hit, Resolution, SearchIndex, normalize

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(load(use_cache=False))


def top(index: SearchIndex, query: str, **kw: object) -> tuple[str, str] | None:
    hits = index.search(query, **kw)  # type: ignore[arg-type]
    return (hits[0].kind, hits[0].id) if hits else None


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ｕｎｉｖｅｒｓｉｔｙ ｏｆ Ｌｅｉｃｅｓｔｅｒ", "university of leicester"),  # NFKC: full-width
        ("ﬁnance", "finance"),  # NFKC: ligature
        ("STRASBOURG", "strasbourg"),  # case folding
        ("Straße", "strasse"),  # case folding, not just lower()
        ("Université de Strasbourg", "universite de strasbourg"),  # diacritics
        ("Università degli Studi di Firenze", "universita degli studi di firenze"),
        ("Valérie Schini-Kerth", "valerie schini kerth"),  # hyphen to space
        ("Łódź Ærø Øresund", "lodz aero oresund"),  # letters NFKD does not split
        ("Erasmus+", "erasmus"),
        ("CQMU's  First\tCSC (2022) Program!", "cqmu s first csc 2022 program"),
        ("Pleven Med. Univ.", "pleven medical university"),  # abbreviations
        ("U. of Leicester", "university of leicester"),
        ("Nanyang Tech", "nanyang technology"),
        ("Inst. Hosp.", "institute hospital"),
        ("St. Luke's Hospital", "saint luke s hospital"),
        ("Sino-French Medical Exchange Programme", "sino french medical exchange program"),
        ("Медицински университет – Плевен", "медицински университет плевен"),
        ("莱斯特大学", "莱斯特大学"),  # CJK kept as is
        ("萊斯特大學", "莱斯特大学"),  # traditional -> simplified (OpenCC t2s)
        ("新加坡國立大學", "新加坡国立大学"),
        ("서울대학교", "서울대학교"),  # Hangul survives decomposition
        ("  ", ""),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_examples_agree_between_scripts() -> None:
    assert normalize("Universite de Strasbourg") == normalize("Université de Strasbourg")
    assert normalize("strassburg") == normalize("STRASSBURG")
    assert normalize("莱斯特大学") == normalize("萊斯特大學")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(codec=None), max_size=40))
def test_normalize_output_has_no_punctuation_or_capitals(text: str) -> None:
    out = normalize(text)
    assert all(not unicodedata.category(c).startswith(("P", "S")) for c in out), out
    assert not any(c.isupper() for c in out), out
    assert out == out.strip() and "  " not in out and "\n" not in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_search_never_raises(text: str) -> None:
    idx = _small_index()
    hits = idx.search(text)
    assert all(CUTOFF <= h.score <= 100 for h in hits)
    idx.resolve(text)
    idx.complete(text)


_SMALL: SearchIndex | None = None


def _small_index() -> SearchIndex:
    global _SMALL
    if _SMALL is None:
        _SMALL = SearchIndex.build(load(use_cache=False))
    return _SMALL


# --------------------------------------------------------------------------- acronyms


@pytest.mark.parametrize(
    ("query", "expected"),
    [("UBC", "ubc"), ("ubc", "ubc"), ("NUS", "nus"), ("NTU", "ntu"), ("UoL", "leicester"), ("CSC", "csc"),
     ("HUS", "hus"), ("MoE", "moe"), ("Unistra", "strasbourg"), ("MU-Pleven", "pleven-mu")],
)  # fmt: skip
def test_acronyms_match_exactly(index: SearchIndex, query: str, expected: str) -> None:
    hits = index.search(query)
    assert hits and hits[0].id == expected
    assert hits[0].match == "acronym" and hits[0].score == 100


@pytest.mark.parametrize("query", ["UBX", "NUX", "CQMX", "Unistar", "UBCC"])
def test_acronyms_are_never_reached_by_typos(index: SearchIndex, query: str) -> None:
    assert all(h.field not in ("names[acronym]",) and h.match != "acronym" for h in index.search(query))
    assert index.search(query) == []


def test_short_queries_try_acronyms_first(index: SearchIndex) -> None:
    hits = index.search("CSC")
    assert [h.match for h in hits] == ["acronym"] * len(hits)  # not the events whose names contain "CSC"
    assert hits[0].id == "csc"


# --------------------------------------------------------------------------- generic words


@pytest.mark.parametrize(
    "query",
    ["Harvard University", "Sorbonne", "Medical University", "University", "Hospital", "University of Medical Sciences",
     "Tokyo Medical University", "Oxford", "MIT", "the", "of", "University Hospital", "大学", "哈佛大学"],
)  # fmt: skip
def test_generic_words_alone_find_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == [], query


def test_generic_words_do_not_outweigh_the_distinctive_one(index: SearchIndex) -> None:
    # "University of Leicester" shares two words with "University of Florence" but not the one that matters.
    assert [h.id for h in index.search("University of Leicester", kinds=("partners",))] == ["leicester"]


# --------------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Leicster", ("partners", "leicester")),  # one letter dropped
        ("Plevem", ("partners", "pleven-mu")),  # one letter changed
        ("Corbeta", ("people", "lorenzo-corbetta")),
        ("Giovanetti", ("people", "giorgia-giovannetti")),
        ("Tain Jie", ("people", "tian-jie")),  # swapped letters
        ("Strassburg", ("partners", "strasbourg")),  # two letters
        ("Manchestre", ("partners", "manchester")),
        ("Canagaraja", ("people", "nishan-canagarajah")),
        ("Univeristy of Florance", ("partners", "unifi")),  # typo in a generic word and in the name
    ],
)
def test_one_and_two_letter_typos_still_match(index: SearchIndex, query: str, expected: tuple[str, str]) -> None:
    assert top(index, query) == expected
    assert index.search(query)[0].match in ("fuzzy", "token", "prefix")


def test_three_typos_are_too_many_for_search_but_suggested(index: SearchIndex) -> None:
    assert index.search("Strazburk") == []
    assert [h.id for h in index.suggest("Strazburk", kinds=("partners",))][:1] == ["strasbourg"]


# --------------------------------------------------------------------------- kinds of records


def test_people_in_both_orders_and_in_chinese(index: SearchIndex) -> None:
    for query in ("Jie Tian", "TIAN Jie", "tian jie", "Tian Jie", "田杰"):
        assert top(index, query) == ("people", "tian-jie"), query
    assert top(index, "Robinson Thompson") == ("people", "thompson-robinson")


def test_programmes_by_funder_weigh_less_than_own_names(index: SearchIndex) -> None:
    hits = index.search("China Scholarship Council")
    assert (hits[0].kind, hits[0].id) == ("partners", "csc")
    via = [h for h in hits if h.id == "sino-french-elite-training"]
    assert via and via[0].field == "funders" and via[0].score < hits[0].score


def test_events_by_place(index: SearchIndex) -> None:
    hit = index.search("Jinyun Campus")[0]
    assert (hit.kind, hit.id, hit.field) == ("events", "exchange-briefing-2024", "place")


def test_kinds_filter(index: SearchIndex) -> None:
    assert index.search("Tian Jie", kinds=("partners",)) == []
    assert {h.kind for h in index.search("Leicester", kinds=("programmes", "events"))} <= {"programmes", "events"}
    with pytest.raises(ValueError, match="unknown kind"):
        index.search("x", kinds=("partner",))


# --------------------------------------------------------------------------- results


def test_hit_contract(index: SearchIndex) -> None:
    hits = index.search("Strasbourg")
    assert len(hits) >= 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({(h.kind, h.id) for h in hits}) == len(hits)  # one hit per record
    for a, b in itertools.pairwise(hits):
        assert a.gap == pytest.approx(a.score - b.score, abs=0.02)
    for h in hits:
        d = h.to_dict()
        assert set(d) >= {"kind", "id", "name", "score", "matched", "field", "match", "gap"}
        assert json.loads(json.dumps(d)) == d
        assert 0 <= d["score"] <= 100 and d["match"] in ("exact", "acronym", "token", "fuzzy", "prefix")
    with pytest.raises(AttributeError):
        hits[0].score = 1  # type: ignore[misc]


def test_last_gap_is_score_minus_cutoff(index: SearchIndex) -> None:
    hits = index.search("Careggi", limit=None)
    assert hits[-1].gap == pytest.approx(hits[-1].score - CUTOFF, abs=0.02)


def test_matched_is_the_variant_as_written(index: SearchIndex) -> None:
    hit = index.search("Universite de Strasbourg")[0]
    assert (hit.matched, hit.field, hit.match) == ("Université de Strasbourg", "names[label,fr]", "exact")
    assert hit.score == 100
    hit = index.search("莱斯特大学")[0]
    assert (hit.id, hit.field) == ("leicester", "names[label,zh-Hans]")
    assert index.search("Plevin")[0].field == "names[misspelling]"


def test_ties_are_deterministic(index: SearchIndex) -> None:
    first = [(h.id, h.score) for h in index.search("Li")]
    assert first == [(h.id, h.score) for h in SearchIndex.build(load(use_cache=False)).search("Li")]
    assert {h.id for h in index.search("Li")} == {"li-huabing", "li-mingquan", "li-shiyu"}


def test_empty_queries_and_datasets() -> None:
    empty = SearchIndex.build(model.Dataset())
    assert empty.search("anything") == [] and empty.complete("a") == []
    assert not empty.resolve("anything").clear
    assert _small_index().search("") == [] and _small_index().search("  ,; ") == []


# --------------------------------------------------------------------------- resolve and suggest


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [
        ("Universite de Strasbourg", ("partners",), "strasbourg"),
        ("UBC", ("partners",), "ubc"),
        ("Strassburg", ("partners",), "strasbourg"),  # its hospital and faculty are its parts, not rivals
        ("Florence", ("partners", "programmes", "people"), "unifi"),
        ("Leicester", ("partners", "programmes", "people"), "leicester"),
        ("Plevin", ("partners",), "pleven-mu"),
        ("Giovannetti", ("people",), "giorgia-giovannetti"),
        ("joint institute", ("programmes",), "leicester-joint-institute"),
    ],
)
def test_resolve_clear(index: SearchIndex, query: str, kinds: tuple[str, ...], expected: str) -> None:
    res = index.resolve(query, kinds=kinds)
    assert isinstance(res, Resolution)
    assert res.clear and res.best is not None and res.best.id == expected
    assert res.candidates[0] == res.best


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("University of", ("partners",)),  # a name being typed: every "University of ..."
        ("Sino-French", ("programmes",)),  # four programmes
        ("Strasbourg hospital", ("partners",)),  # the hospitals and the hospital institute
        ("Wu", ("people",)),  # WU Jun and WU Yahong
        ("Chongqing", ("partners",)),
    ],
)
def test_resolve_ambiguous(index: SearchIndex, query: str, kinds: tuple[str, ...]) -> None:
    res = index.resolve(query, kinds=kinds)
    assert res.best is None and not res.clear
    assert len(res.candidates) >= 2


def test_resolve_university_of_lists_names_being_typed(index: SearchIndex) -> None:
    res = index.resolve("University of", kinds=("partners",))
    assert {h.id for h in res.candidates} >= {"unifi", "leicester", "manchester"}
    assert all(h.match == "prefix" for h in res.candidates)


def test_resolve_nothing_gives_suggestions_or_nothing(index: SearchIndex) -> None:
    res = index.resolve("Strazburk")
    assert res.best is None and res.candidates == [] and res.suggestions[0].id == "strasbourg"
    res = index.resolve("Harvard University")
    assert res.best is None and res.candidates == [] and res.suggestions == []


def test_suggest_is_looser_than_search(index: SearchIndex) -> None:
    for query, expected in (("Lajcestre", "leicester"), ("Giovanettty", "giorgia-giovannetti")):  # three edits
        assert index.search(query) == []
        assert index.suggest(query)[0].id == expected
    assert index.suggest("Sorbonne") == []


# --------------------------------------------------------------------------- complete


def test_complete_ids_then_names(index: SearchIndex) -> None:
    got = index.complete("str")
    values = [v for v, _ in got]
    ids = {"strasbourg", "strasbourg-medicine", "strasbourg-cath-lab", "strasbourg-regen-nanomed-lab"}
    assert set(values[:4]) == ids
    assert ("strasbourg", "University of Strasbourg") in got
    assert "Strasbourg University Hospitals" in values  # a name starting with the prefix
    names = dict(index.complete("Univ"))
    assert "University of Leicester" in names and names["University of Leicester"] == "leicester"
    assert "Université de Strasbourg" in names  # diacritics folded
    assert any(v == "University of Florence" for v, _ in index.complete("florence"))  # containing
    assert len(index.complete("", limit=5)) == 5
    assert all(help_text for _, help_text in index.complete("a"))


def test_complete_kinds(index: SearchIndex) -> None:
    assert ("tian-jie", "TIAN Jie") in index.complete("tian", kinds=("people",))
    assert index.complete("tian", kinds=("partners",)) == []


# --------------------------------------------------------------------------- imports, pickling


def _run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(SRC)}
    )
    return out.stdout.strip()


def test_search_needs_neither_typer_nor_rich_and_imports_rapidfuzz_lazily() -> None:
    code = (
        "import sys\n"
        "from cqmu_exchange.loader import load\n"
        "from cqmu_exchange.search import SearchIndex\n"
        "a = 'rapidfuzz' in sys.modules\n"
        "idx = SearchIndex.build(load(use_cache=False))\n"
        "b = 'rapidfuzz' in sys.modules\n"
        "c = [v for v, _ in idx.complete('str')][:1]\n"
        "d = 'rapidfuzz' in sys.modules or 'opencc' in sys.modules\n"
        "hits = idx.search('Strassburg')\n"
        "print(a, b, c, d, hits[0].id, 'typer' in sys.modules, 'rich' in sys.modules)\n"
    )
    assert _run(code) == "False False ['strasbourg'] False strasbourg False False"


def test_opencc_loaded_only_for_han_text() -> None:
    code = (
        "import sys\n"
        "from cqmu_exchange.loader import load\n"
        "from cqmu_exchange.search import SearchIndex\n"
        "idx = SearchIndex.build(load(use_cache=False))\n"
        "idx.search('Leicester'); a = 'opencc' in sys.modules\n"
        "h = idx.search('萊斯特大學'); b = 'opencc' in sys.modules\n"
        "print(a, b, h[0].id)\n"
    )
    assert _run(code) == "False True leicester"


def test_index_pickles(index: SearchIndex) -> None:
    index.search("Strassburg")  # fill the caches first
    again = pickle.loads(pickle.dumps(index))
    for query in ("Strassburg", "UBC", "莱斯特大学", "Tian Jie"):
        assert again.search(query) == index.search(query)


def test_hit_is_a_frozen_dataclass() -> None:
    hit = Hit(kind="partners", id="x", name="X", score=90.0, matched="X", field="name", match="exact", gap=1.0)
    assert hit.to_dict()["id"] == "x"
    assert hash(hit)
