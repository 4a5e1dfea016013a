"""Typed records of the dataset: partners, programmes, events, people and sources.

The records are msgspec ``Struct``s: decoding is strict (wrong types and unknown
keys are errors), fast, and the same classes give the JSON Schema (`cqmu schema`).
Dates are kept as EDTF-like strings; :mod:`cqmu_exchange.dates` parses them.
"""

from __future__ import annotations

from typing import Literal

import msgspec
from msgspec import Struct

SCHEMA_VERSION = 1

NameType = Literal["label", "alias", "acronym", "former", "misspelling"]
PartnerKind = Literal[
    "university",
    "hospital",
    "faculty",
    "research_institute",
    "laboratory",
    "government",
    "funder",
    "diplomatic_mission",
    "association",
    "network",
    "other",
]
PartnerStatus = Literal["partner", "affiliate", "funder", "authority", "guest", "mentioned"]
ProgrammeKind = Literal[
    "joint_institute",
    "joint_degree",
    "joint_training",
    "student_exchange",
    "clinical_internship",
    "research_collaboration",
    "forum_series",
    "workshop_series",
    "mou",
    "cooperation_agreement",
    "academic_exchange",
    "other",
]
Level = Literal["undergraduate", "master", "phd", "postgraduate", "visiting_scholar", "faculty"]
EventKind = Literal[
    "visit",
    "signing",
    "meeting",
    "ceremony",
    "approval",
    "appointment",
    "forum",
    "application",
    "briefing",
    "milestone",
    "enrolment",
    "other",
]


class Name(Struct, forbid_unknown_fields=True, kw_only=True):
    """One name of a record, typed like ROR's names."""

    value: str
    type: NameType = "label"
    lang: str | None = None  # BCP 47 tag: "en", "fr", "zh-Hans", "bg" ...


class Partner(Struct, forbid_unknown_fields=True, kw_only=True):
    """An institution CQMU works with, or one the articles mention beside it."""

    id: str
    name: str
    kind: PartnerKind
    status: PartnerStatus = "partner"
    names: list[Name] = []
    country: str | None = None  # ISO 3166-1 alpha-2
    city: str | None = None
    established: int | None = None
    cooperation_since: str | None = None  # EDTF date
    website: str | None = None
    parent: str | None = None  # partner id
    related: list[str] = []  # partner ids
    notes: list[str] = []
    sources: list[str] = []


class Cohort(Struct, forbid_unknown_fields=True, kw_only=True):
    """An intake of a programme: when, and how many, where the article says."""

    date: str  # EDTF
    size: int | None = None
    note: str | None = None


class Programme(Struct, forbid_unknown_fields=True, kw_only=True):
    """A programme, agreement or series that CQMU runs with partners."""

    id: str
    name: str
    kind: ProgrammeKind
    aliases: list[Name] = []
    partners: list[str] = []  # partner ids
    partner_count: int | None = None  # when the article counts more than it names
    units: list[str] = []  # CQMU units involved
    levels: list[Level] = []
    funders: list[str] = []  # partner ids
    approved_by: list[str] = []  # partner ids
    start: str | None = None  # EDTF
    end: str | None = None  # EDTF
    sessions: int | None = None  # for forum and workshop series
    cohorts: list[Cohort] = []
    degrees: list[str] = []
    summary: str = ""
    sources: list[str] = []


class Event(Struct, forbid_unknown_fields=True, kw_only=True):
    """A dated (or honestly undated) happening in the cooperation."""

    id: str
    name: str
    kind: EventKind
    date: str | None = None  # EDTF; None when the article gives no date
    date_note: str | None = None
    place: str | None = None
    partners: list[str] = []
    programmes: list[str] = []
    people: list[str] = []
    summary: str = ""
    sources: list[str] = []


class Role(Struct, forbid_unknown_fields=True, kw_only=True):
    """A title a person held, as one article gives it."""

    title: str
    organisation: str
    partner: str | None = None  # partner id, when the organisation is a record
    source: str | None = None  # source id
    note: str | None = None  # e.g. where two articles disagree


class Person(Struct, forbid_unknown_fields=True, kw_only=True):
    """A named person; the name keeps the article's order and capitals."""

    id: str
    name: str
    family_name: str | None = None
    given_name: str | None = None
    name_zh: str | None = None
    aliases: list[Name] = []
    roles: list[Role] = []
    notes: list[str] = []
    sources: list[str] = []


class Source(Struct, forbid_unknown_fields=True, kw_only=True):
    """A news article the records were curated from."""

    id: str
    title: str
    publisher: str = "CQMU Events & News"
    seed: str | None = None  # file name under shared/seeds/
    date: str | None = None  # the article's own date (EDTF), if it has one
    event_date: str | None = None  # the reported event's date when the article has none
    url: str | None = None


class Dataset(Struct, forbid_unknown_fields=True, kw_only=True):
    """The whole dataset, as `data/partners.toml` holds it."""

    schema_version: int = SCHEMA_VERSION
    partners: list[Partner] = []
    programmes: list[Programme] = []
    events: list[Event] = []
    people: list[Person] = []
    sources: list[Source] = []


KINDS: tuple[str, ...] = ("partners", "programmes", "events", "people", "sources")
RECORD_TYPES: dict[str, type[Struct]] = {
    "partners": Partner,
    "programmes": Programme,
    "events": Event,
    "people": Person,
    "sources": Source,
}


def json_schema() -> dict[str, object]:
    """The dataset's JSON Schema (also valid for the TOML, through Taplo)."""
    schema = msgspec.json.schema(Dataset)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cqmu-exchange dataset"
    return schema
