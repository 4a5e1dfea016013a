"""Facts of the bundled dataset (data/partners.toml), looked up through the loader.

Each test pins a fact that the curated articles (shared/seeds/) state, so that an
edit of the data that loses or distorts it is caught. The last tests check that the
curated prose is written in our own words: no summary or note may repeat a run of
twelve words from an article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cqmu_exchange.loader import bundled_data_path, load
from cqmu_exchange.model import Dataset

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
RUN_LENGTH = 12  # words; a longer run shared with an article counts as copied


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    # Keep the parse cache out of the user's cache directory.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CQMU_CACHE_DIR", str(tmp_path_factory.mktemp("cqmu-cache")))
        return load(bundled_data_path())


def get(data: Dataset, kind: str, record_id: str) -> Any:
    matches = [r for r in getattr(data, kind) if r.id == record_id]
    assert len(matches) == 1, f"expected exactly one {kind} record {record_id!r}"
    return matches[0]


def names_of(record: Any, name_type: str | None = None) -> set[str]:
    items = getattr(record, "names", None) or getattr(record, "aliases", [])
    return {n.value for n in items if name_type is None or n.type == name_type}


# --- partners ---------------------------------------------------------------


def test_florence_founded_1321_in_italy(data: Dataset) -> None:
    unifi = get(data, "partners", "unifi")
    assert unifi.name == "University of Florence"
    assert unifi.established == 1321
    assert unifi.country == "IT"
    assert unifi.cooperation_since == "2017"
    assert "Università degli Studi di Firenze" in names_of(unifi, "label")
    assert get(data, "partners", "careggi").parent == "unifi"


def test_pleven_founded_1974_in_bulgaria_with_misspellings_kept(data: Dataset) -> None:
    pleven = get(data, "partners", "pleven-mu")
    assert pleven.established == 1974
    assert (pleven.country, pleven.city) == ("BG", "Pleven")
    assert "Plevin" not in pleven.name
    misspelt = names_of(pleven, "misspelling")
    assert "Plevin Medical University" in misspelt
    assert "Plevin" in misspelt
    assert "Bulgaria Pleven University of Medical Sciences" in names_of(pleven)
    assert any("2007" in note and "Da Vinci" in note for note in pleven.notes)


def test_strasbourg_agreement_2006_and_its_units(data: Dataset) -> None:
    unistra = get(data, "partners", "strasbourg")
    assert (unistra.country, unistra.cooperation_since) == ("FR", "2006")
    assert "Université de Strasbourg" in names_of(unistra, "label")
    for lab in ("strasbourg-cath-lab", "strasbourg-regen-nanomed-lab"):
        record = get(data, "partners", lab)
        assert (record.kind, record.parent) == ("laboratory", "strasbourg")
    lab_names = {get(data, "partners", "strasbourg-regen-nanomed-lab").name} | names_of(
        get(data, "partners", "strasbourg-regen-nanomed-lab")
    )
    assert {"Regenerative NanoMedicine Laboratory", "Regenerative Nano Medicine Laboratory"} <= lab_names
    assert "Institute Hospital-University (IHU)" in names_of(get(data, "partners", "ihu-strasbourg"))


def test_leicester_rankings(data: Dataset) -> None:
    leicester = get(data, "partners", "leicester")
    assert (leicester.country, leicester.city) == ("GB", "Leicester")
    assert "UoL" in names_of(leicester, "acronym")
    notes = " ".join(leicester.notes)
    assert "20th" in notes and "2023" in notes and "GRAS" in notes
    assert "2nd" in notes and "2021" in notes and "REF" in notes


def test_partner_statuses(data: Dataset) -> None:
    expected = {
        "eur": "mentioned",
        "csc": "funder",
        "erasmus-plus": "funder",
        "nffs": "funder",
        "moe": "authority",
        "most-dic": "authority",
        "france-embassy": "guest",
        "uk-consulate-chongqing": "guest",
        "careggi": "affiliate",
        "unifi": "partner",
    }
    for partner_id, status in expected.items():
        assert get(data, "partners", partner_id).status == status, partner_id
    assert get(data, "partners", "france-embassy").kind == "diplomatic_mission"


def test_cqmu_units_are_not_partners(data: Dataset) -> None:
    partner_names = {p.name.casefold() for p in data.partners}
    for unit in ("First Affiliated Hospital", "Second Affiliated Hospital", "Foreign Affairs Office"):
        assert not any(unit.casefold() in name for name in partner_names if "chongqing" not in name)


# --- programmes -------------------------------------------------------------


def test_leicester_programme_degrees_and_first_cohort(data: Dataset) -> None:
    programme = get(data, "programmes", "leicester-clinical-medicine")
    assert programme.partners == ["leicester"]
    assert programme.approved_by == ["moe"]
    assert programme.start == "2018"
    assert len(programme.degrees) == 2
    cqmu_degree = next(d for d in programme.degrees if "Chongqing Medical University" in d)
    uol_degree = next(d for d in programme.degrees if "University of Leicester" in d)
    assert "Bachelor's degree in Clinical Medicine" in cqmu_degree
    assert "undergraduate diploma" in cqmu_degree
    assert "Clinical Sciences" in uol_degree
    assert [(c.date, c.size) for c in programme.cohorts] == [("2020", 115)]


def test_joint_institute_approved_may_2024(data: Dataset) -> None:
    institute = get(data, "programmes", "leicester-joint-institute")
    assert institute.kind == "joint_institute"
    assert institute.start == "2024-05"
    assert "CQMU-UoL Joint Institute" in names_of(institute)
    approval = get(data, "events", "joint-institute-approval-2024")
    assert (approval.date, approval.kind) == ("2024-05", "approval")
    assert "moe" in approval.partners


def test_2024_exchange_names_four_of_five_partners(data: Dataset) -> None:
    programme = get(data, "programmes", "student-overseas-exchange-2024")
    assert sorted(programme.partners) == ["manchester", "ntu", "nus", "ubc"]
    assert programme.partner_count == 5
    countries = {get(data, "partners", p).country for p in programme.partners}
    assert countries == {"SG", "GB", "CA"}


def test_breast_series_counts_and_misspellings(data: Dataset) -> None:
    forum = get(data, "programmes", "breast-cancer-forum")
    workshop = get(data, "programmes", "breast-reconstruction-workshop")
    assert (forum.start, forum.sessions) == ("2004", 9)
    assert (workshop.start, workshop.sessions) == ("2011", 10)
    assert "Sino-Frence International Breast Cancer Forum" in names_of(forum, "misspelling")
    assert any(a.startswith("Sino-Frence") for a in names_of(workshop, "misspelling"))
    assert not forum.name.startswith("Sino-Frence")


def test_csc_elite_programme(data: Dataset) -> None:
    programme = get(data, "programmes", "sino-french-elite-training")
    assert programme.funders == ["csc"]
    assert set(programme.levels) == {"master", "phd", "visiting_scholar"}
    assert get(data, "events", "csc-listing-2022").date == "2022"


def test_pleven_student_exchange_2017(data: Dataset) -> None:
    programme = get(data, "programmes", "pleven-student-exchange")
    assert programme.start == "2017-11"
    assert set(programme.funders) == {"erasmus-plus", "nffs"}
    assert get(data, "partners", "nffs").name == "National Foundation for Foundation Studies"
    assert get(data, "events", "pleven-exchange-agreement-2017").date == "2017-11"


# --- events -----------------------------------------------------------------


def test_pleven_online_meeting_is_undated(data: Dataset) -> None:
    meeting = get(data, "events", "pleven-online-meeting")
    assert meeting.date is None
    assert meeting.date_note and "undated" in meeting.date_note
    assert set(meeting.people) == {"tian-jie", "diana-pendicheva-duhlenska"}


def test_delegation_trip_dates(data: Dataset) -> None:
    trip = get(data, "events", "italy-france-delegation-2023")
    assert trip.date == "2023-11-25/2023-12-02"
    within = [
        "florence-talks-2023",
        "florence-mou-signing-2023",
        "corbetta-honorary-professor-2023",
        "florence-hospital-tours-2023",
        "strasbourg-meetings-2023",
        "strasbourg-postgraduates-meeting-2023",
    ]
    for event_id in within:
        assert get(data, "events", event_id).date == "[2023-11-25..2023-12-02]", event_id


def test_hifu_application_july_2014(data: Dataset) -> None:
    application = get(data, "events", "pleven-hifu-application-2014")
    assert application.date == "2014-07"
    assert application.kind == "application"
    assert {"pleven-mu", "most-dic"} <= set(application.partners)


def test_briefing_on_two_days_and_early_dates(data: Dataset) -> None:
    assert get(data, "events", "exchange-briefing-2024").date == "{2024-03-02,2024-03-06}"
    assert get(data, "events", "french-cooperation-1994").date == "1994"
    assert get(data, "events", "french-ambassador-visit-2016").date == "2016"
    assert get(data, "events", "leicester-first-cohort-2020").date == "2020"


def test_unveiling_ceremony(data: Dataset) -> None:
    ceremony = get(data, "events", "joint-institute-unveiling-2024")
    assert ceremony.date == "2024-06-25"
    assert ceremony.place and "Innovation Centre" in ceremony.place
    assert {"zhang-guozhi", "liu-yanbin", "anthony-preston", "thompson-robinson", "huang-ailong"} <= set(
        ceremony.people
    )
    assert len(ceremony.people) == 18


# --- people -----------------------------------------------------------------


def test_thompson_robinson_has_both_titles(data: Dataset) -> None:
    person = get(data, "people", "thompson-robinson")
    titles = {(r.title, r.partner) for r in person.roles}
    assert {("Vice President", "leicester"), ("Vice-Chancellor", "leicester")} <= titles


def test_liu_yanbin_spelling_and_titles(data: Dataset) -> None:
    person = get(data, "people", "liu-yanbin")
    assert person.name == "Liu Yanbin"
    assert "Liu Yanbing" in names_of(person, "misspelling")
    titles = {r.title for r in person.roles}
    assert "Director of the Municipal Education Commission" in titles
    assert "Secretary" in titles


def test_tian_jie(data: Dataset) -> None:
    person = get(data, "people", "tian-jie")
    assert (person.name, person.name_zh) == ("TIAN Jie", "田杰")
    assert (person.family_name, person.given_name) == ("Tian", "Jie")
    assert "Tian Jie" in names_of(person)
    titles = {r.title for r in person.roles}
    assert "Vice President" in titles
    assert any("Standing Committee" in t for t in titles)


def test_people_names_and_aliases(data: Dataset) -> None:
    assert "Valerie Schini-Kerth" in names_of(get(data, "people", "valerie-schini-kerth"))
    assert get(data, "people", "wu-yahong").roles[-1].partner == "eur"
    assert get(data, "people", "zhang-guozhi").name_zh == "张国智"
    leadership = [p for p in data.people if any(r.title == "member of CQMU leadership" for r in p.roles)]
    assert len(leadership) == 6
    assert len(data.people) >= 30


# --- integrity --------------------------------------------------------------


def test_every_record_cites_an_existing_source(data: Dataset) -> None:
    source_ids = {s.id for s in data.sources}
    for kind in ("partners", "programmes", "events", "people"):
        for record in getattr(data, kind):
            assert record.sources, f"{kind} {record.id} cites no source"
            assert set(record.sources) <= source_ids, f"{kind} {record.id}"
    for person in data.people:
        for role in person.roles:
            assert role.source in source_ids, f"role of {person.id}"
            assert role.source in person.sources, f"role of {person.id}"


def test_ids_unique_and_references_resolve(data: Dataset) -> None:
    ids = {}
    for kind in ("partners", "programmes", "events", "people", "sources"):
        records = getattr(data, kind)
        ids[kind] = {r.id for r in records}
        assert len(ids[kind]) == len(records), f"duplicate id in {kind}"
    for p in data.partners:
        assert (p.parent is None or p.parent in ids["partners"]) and set(p.related) <= ids["partners"]
    for g in data.programmes:
        assert set(g.partners) | set(g.funders) | set(g.approved_by) <= ids["partners"], g.id
    for e in data.events:
        assert set(e.partners) <= ids["partners"], e.id
        assert set(e.programmes) <= ids["programmes"], e.id
        assert set(e.people) <= ids["people"], e.id
        assert e.date is not None or e.date_note, e.id
    for person in data.people:
        for role in person.roles:
            assert role.partner is None or role.partner in ids["partners"], person.id


def test_misspellings_are_never_main_names(data: Dataset) -> None:
    for kind in ("partners", "programmes", "people"):
        for record in getattr(data, kind):
            assert record.name not in names_of(record, "misspelling"), record.id
            assert "Plevin" not in record.name and "Frence" not in record.name, record.id


# --- sources and wording ----------------------------------------------------


def seed_texts() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS_DIR}")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}
    if not texts:
        pytest.skip(f"no seed articles in {SEEDS_DIR}")
    return texts


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def runs(text: str, n: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def prose(data: Dataset) -> Iterator[tuple[str, str]]:
    """Every curated sentence: summaries, notes, date notes, cohort notes."""
    for kind in ("partners", "programmes", "events"):
        for record in getattr(data, kind):
            where = f"{kind} {record.id}"
            if getattr(record, "summary", ""):
                yield f"{where} summary", record.summary
            if getattr(record, "date_note", None):
                yield f"{where} date_note", record.date_note
            for i, note in enumerate(getattr(record, "notes", [])):
                yield f"{where} notes[{i}]", note
            for i, cohort in enumerate(getattr(record, "cohorts", [])):
                if cohort.note:
                    yield f"{where} cohorts[{i}].note", cohort.note


def test_one_source_per_seed_with_its_headline(data: Dataset) -> None:
    texts = seed_texts()
    assert sorted(s.seed for s in data.sources) == sorted(texts)
    for source in data.sources:
        assert source.publisher == "CQMU Events & News"
        lines = [ln.strip() for ln in texts[source.seed].splitlines() if ln.strip()]
        assert lines[0] == "Events & News"
        assert source.title == lines[1], source.id


def test_run_detector_catches_a_copied_sentence() -> None:
    texts = seed_texts()
    article = words(next(iter(texts.values())))
    copied = "In short, " + " ".join(article[20 : 20 + RUN_LENGTH]) + "."
    assert runs(copied) & runs(" ".join(article))
    assert not runs("A short note in our own words.") & runs(" ".join(article))


def test_no_summary_or_note_copies_twelve_words_from_an_article(data: Dataset) -> None:
    article_runs: dict[tuple[str, ...], str] = {}
    for name, text in seed_texts().items():
        for run in runs(text):
            article_runs.setdefault(run, name)
    copied = []
    for where, text in prose(data):
        for run in sorted(runs(text) & article_runs.keys()):
            copied.append(f"{where}: '{' '.join(run)}' (from {article_runs[run]})")
    assert not copied, "text copied from an article:\n" + "\n".join(copied)
