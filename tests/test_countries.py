"""Tests for cqmu_exchange.countries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cqmu_exchange import countries
from cqmu_exchange.countries import (
    CONTINENTS,
    COUNTRIES,
    continent_of,
    is_country,
    lookup,
    name_of,
)

ISO_CODES_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")


def test_exactly_249_codes() -> None:
    assert len(COUNTRIES) == 249
    assert all(len(code) == 2 and code.isupper() for code in COUNTRIES)
    for code in ("AQ", "TW", "HK", "MO", "PS", "EH", "SS", "BQ", "CW", "SX"):
        assert code in COUNTRIES
    assert "XK" not in COUNTRIES  # user-assigned (Kosovo), not ISO
    assert "UK" not in COUNTRIES


def test_every_entry_has_a_name_and_a_known_continent() -> None:
    assert set(CONTINENTS) == {
        "Africa",
        "Antarctica",
        "Asia",
        "Europe",
        "North America",
        "Oceania",
        "South America",
    }
    for name, continent in COUNTRIES.values():
        assert name.strip() == name and name
        assert continent in CONTINENTS
    assert {continent for _, continent in COUNTRIES.values()} == set(CONTINENTS)


@pytest.mark.skipif(not ISO_CODES_JSON.exists(), reason="iso-codes not installed")
def test_codes_match_the_iso_codes_package() -> None:
    data = json.loads(ISO_CODES_JSON.read_text(encoding="utf-8"))
    assert set(COUNTRIES) == {entry["alpha_2"] for entry in data["3166-1"]}
    for entry in data["3166-1"]:
        assert lookup(entry["alpha_3"]) == entry["alpha_2"]
        assert lookup(entry["name"]) == entry["alpha_2"]


@pytest.mark.parametrize(
    ("code", "name", "continent"),
    [
        ("FR", "France", "Europe"),
        ("BG", "Bulgaria", "Europe"),
        ("SG", "Singapore", "Asia"),
        ("CA", "Canada", "North America"),
        ("BR", "Brazil", "South America"),
        ("AU", "Australia", "Oceania"),
        ("EG", "Egypt", "Africa"),
        ("AQ", "Antarctica", "Antarctica"),
        ("GB", "United Kingdom", "Europe"),
        ("CN", "China", "Asia"),
        ("US", "United States", "North America"),
        ("RU", "Russia", "Europe"),
        ("KR", "South Korea", "Asia"),
        ("NL", "Netherlands", "Europe"),
        ("TW", "Taiwan", "Asia"),
        ("CZ", "Czechia", "Europe"),
        ("TR", "Türkiye", "Asia"),
    ],
)
def test_name_and_continent(code: str, name: str, continent: str) -> None:
    assert COUNTRIES[code] == (name, continent)
    assert name_of(code) == name
    assert continent_of(code) == continent


def test_name_and_continent_of_unknown_code() -> None:
    assert name_of("XX") is None
    assert continent_of("XX") is None
    assert name_of("fr") is None
    assert continent_of("UK") is None


def test_is_country() -> None:
    assert is_country("FR")
    assert not is_country("fr")
    assert not is_country("XX")
    assert not is_country("UK")
    assert not is_country("FRA")
    assert not is_country("")
    assert not is_country(" FR")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # alpha-2 and alpha-3 codes, any case
        ("fr", "FR"),
        ("FR", "FR"),
        ("Fr", "FR"),
        (" fr ", "FR"),
        ("FRA", "FR"),
        ("deu", "DE"),
        # English names, case- and diacritic-insensitive
        ("france", "FR"),
        ("FRANCE", "FR"),
        ("Turkiye", "TR"),
        ("Türkiye", "TR"),
        ("united kingdom", "GB"),
        ("United States", "US"),
        ("Curacao", "CW"),
        ("the Netherlands", "NL"),
        ("St Lucia", "LC"),
        ("Trinidad & Tobago", "TT"),
        ("Guinea Bissau", "GW"),
        ("Côte d\u2019Ivoire", "CI"),
        # aliases
        ("UK", "GB"),
        ("uk", "GB"),
        ("GB", "GB"),
        ("Great Britain", "GB"),
        ("Britain", "GB"),
        ("England", "GB"),
        ("USA", "US"),
        ("US", "US"),
        ("U.S.A.", "US"),
        ("America", "US"),
        ("Holland", "NL"),
        ("Korea", "KR"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Ivory Coast", "CI"),
        # native and Chinese names
        ("法国", "FR"),
        ("Italia", "IT"),
        ("意大利", "IT"),
        ("Italy", "IT"),
        ("България", "BG"),
        ("保加利亚", "BG"),
        ("英国", "GB"),
        ("新加坡", "SG"),
        ("加拿大", "CA"),
        ("Nederland", "NL"),
        ("荷兰", "NL"),
        ("中国", "CN"),
        ("Deutschland", "DE"),
        ("德国", "DE"),
        ("Germany", "DE"),
        ("美国", "US"),
        ("Japan", "JP"),
        ("日本", "JP"),
        ("Australia", "AU"),
        ("澳大利亚", "AU"),
    ],
)
def test_lookup(text: str, code: str) -> None:
    assert lookup(text) == code


@pytest.mark.parametrize("text", ["Narnia", "", "   ", "XX", "Frnce", "Fran", "Europe", "Virgin Islands"])
def test_lookup_unknown(text: str) -> None:
    assert lookup(text) is None


def test_every_name_and_code_looks_up_to_itself() -> None:
    for code, (name, _continent) in COUNTRIES.items():
        assert lookup(code) == code
        assert lookup(code.lower()) == code
        assert lookup(name) == code
        assert lookup(name.upper()) == code


def test_index_has_no_conflicting_keys() -> None:
    # _index() raises if two countries share a normalized name or alias.
    index = countries._index()
    assert set(index.values()) == set(COUNTRIES)
