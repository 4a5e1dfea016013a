"""Queries over a loaded dataset: lookups by id, relations, filters and listing rows.

Rows are plain dicts (lists for multi-valued fields) so that every output format,
from a rich table to CSV, renders the same data. Nothing here imports Typer or rich.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from . import countries, dates
from .model import Dataset, Event, Partner, Person, Programme

# Statuses listed by default by `cqmu partners` and counted by `cqmu stats`.
COOPERATING = ("partner", "affiliate")


class Catalog:
    """A dataset with indexes by id and the relations between records."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.partners: dict[str, Partner] = {p.id: p for p in dataset.partners}
        self.programmes: dict[str, Programme] = {p.id: p for p in dataset.programmes}
        self.events: dict[str, Event] = {e.id: e for e in dataset.events}
        self.people: dict[str, Person] = {p.id: p for p in dataset.people}
        self.sources = {s.id: s for s in dataset.sources}

    # -- names -------------------------------------------------------------
    def partner_name(self, pid: str) -> str:
        partner = self.partners.get(pid)
        return partner.name if partner else pid

    def programme_name(self, pid: str) -> str:
        programme = self.programmes.get(pid)
        return programme.name if programme else pid

    def person_name(self, pid: str) -> str:
        person = self.people.get(pid)
        return person.name if person else pid

    def source_title(self, sid: str) -> str:
        source = self.sources.get(sid)
        return source.title if source else sid

    # -- relations ---------------------------------------------------------
    @cached_property
    def children(self) -> dict[str, list[str]]:
        kids: dict[str, list[str]] = {}
        for partner in self.dataset.partners:
            if partner.parent:
                kids.setdefault(partner.parent, []).append(partner.id)
        return kids

    def family(self, pid: str) -> set[str]:
        """A partner with its descendants (a university with its hospitals and labs)."""
        found, todo = set(), [pid]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo.extend(self.children.get(current, []))
        return found

    @cached_property
    def _links(self) -> dict[str, dict[str, list[Any]]]:
        """Reverse indexes, built once: who is referenced where."""
        links: dict[str, dict[str, list[Any]]] = {
            "programmes_by_partner": {},
            "events_by_partner": {},
            "events_by_programme": {},
            "events_by_person": {},
            "people_by_partner": {},
        }
        for programme in self.dataset.programmes:
            for pid in dict.fromkeys([*programme.partners, *programme.funders, *programme.approved_by]):
                links["programmes_by_partner"].setdefault(pid, []).append(programme)
        for event in self.dataset.events:
            for pid in event.partners:
                links["events_by_partner"].setdefault(pid, []).append(event)
            for pid in event.programmes:
                links["events_by_programme"].setdefault(pid, []).append(event)
            for pid in event.people:
                links["events_by_person"].setdefault(pid, []).append(event)
        for person in self.dataset.people:
            for pid in dict.fromkeys(r.partner for r in person.roles if r.partner):
                links["people_by_partner"].setdefault(pid, []).append(person)
        return links

    @cached_property
    def _order(self) -> dict[int, int]:
        """Dataset position of every programme and person (to keep listings in file order)."""
        return {id(r): n for kind in (self.dataset.programmes, self.dataset.people) for n, r in enumerate(kind)}

    def _gather(self, table: str, keys: Iterable[str]) -> list[Any]:
        seen: dict[int, Any] = {}
        index = self._links[table]
        for key in keys:
            for record in index.get(key, ()):
                seen.setdefault(id(record), record)
        return list(seen.values())

    def programmes_of(self, pid: str, *, family: bool = True) -> list[Programme]:
        ids = self.family(pid) if family else {pid}
        order = self._order
        return sorted(self._gather("programmes_by_partner", ids), key=lambda p: order[id(p)])

    def events_of_partner(self, pid: str, *, family: bool = True) -> list[Event]:
        ids = self.family(pid) if family else {pid}
        programme_ids = [p.id for p in self.programmes_of(pid, family=family)]
        direct = self._gather("events_by_partner", ids)
        via = self._gather("events_by_programme", programme_ids)
        return sort_events({id(e): e for e in [*direct, *via]}.values())

    def events_of_programme(self, pid: str) -> list[Event]:
        return sort_events(self._links["events_by_programme"].get(pid, []))

    def events_of_person(self, pid: str) -> list[Event]:
        return sort_events(self._links["events_by_person"].get(pid, []))

    def people_of(self, pid: str, *, family: bool = True) -> list[Person]:
        ids = self.family(pid) if family else {pid}
        order = self._order
        return sorted(self._gather("people_by_partner", ids), key=lambda p: order[id(p)])

    def events_for(self, kind: str, rid: str) -> list[Event]:
        """The events that concern one record of any kind."""
        if kind == "partners":
            return self.events_of_partner(rid)
        if kind == "programmes":
            return self.events_of_programme(rid)
        if kind == "people":
            return self.events_of_person(rid)
        event = self.events.get(rid)
        return [event] if event else []

    # -- activity ----------------------------------------------------------
    @cached_property
    def last_year(self) -> int:
        """The latest year any dated record touches (the right edge of open spans)."""
        years = [dt.date.today().year]
        for event in self.dataset.events:
            if event.date:
                years.append(max(dates.parse(event.date).years()))
        return max(years)

    def programme_span(self, programme: Programme) -> tuple[int, int] | None:
        """First and last year of a programme; no end date means open to the present."""
        start = dates.year_of(programme.start)
        if start is None:
            return None
        end = max(dates.parse(programme.end).years()) if programme.end else self.last_year
        return start, end

    def programme_active_in(self, programme: Programme, year: int) -> bool:
        span = self.programme_span(programme)
        if span and span[0] <= year <= span[1]:
            return True
        return any(e.date and year in dates.parse(e.date).years() for e in self.events_of_programme(programme.id))

    def partner_active_in(self, partner: Partner, year: int) -> bool:
        if any(self.programme_active_in(p, year) for p in self.programmes_of(partner.id)):
            return True
        return any(e.date and year in dates.parse(e.date).years() for e in self.events_of_partner(partner.id))


_date_key = functools.lru_cache(maxsize=65536)(dates.sort_key)


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Oldest first by earliest possible day; undated events last; then by name."""
    return sorted(events, key=lambda e: (_date_key(e.date), e.name))


def names_of(partner: Partner, types: tuple[str, ...] = ("label", "alias", "former")) -> list[str]:
    return [n.value for n in partner.names if n.type in types and n.value != partner.name]


def partner_row(cat: Catalog, p: Partner) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "acronyms": [n.value for n in p.names if n.type == "acronym"],
        "kind": p.kind,
        "status": p.status,
        "country": p.country,
        "country_name": countries.name_of(p.country) if p.country else None,
        "city": p.city,
        "established": p.established,
        "since": p.cooperation_since,
        "programmes": [pr.id for pr in cat.programmes_of(p.id, family=False)],
        "events": len(cat.events_of_partner(p.id, family=False)),
        "names": names_of(p),
        "parent": p.parent,
        "website": p.website,
        "sources": list(p.sources),
    }


def programme_row(cat: Catalog, p: Programme) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind,
        "partners": [cat.partner_name(i) for i in p.partners],
        "partner_ids": list(p.partners),
        "partner_count": p.partner_count if p.partner_count is not None else len(p.partners),
        "levels": list(p.levels),
        "funders": [cat.partner_name(i) for i in p.funders],
        "approved_by": [cat.partner_name(i) for i in p.approved_by],
        "units": list(p.units),
        "start": p.start,
        "end": p.end,
        "sessions": p.sessions,
        "cohorts": [f"{c.date}: {c.size}" if c.size is not None else c.date for c in p.cohorts],
        "degrees": list(p.degrees),
        "summary": p.summary,
        "sources": list(p.sources),
    }


def person_row(cat: Catalog, p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.name_zh,
        "roles": [f"{r.title}, {r.organisation}" for r in p.roles],
        "organisations": sorted({r.organisation for r in p.roles}),
        "partner_ids": sorted({r.partner for r in p.roles if r.partner}),
        "aliases": [a.value for a in p.aliases],
        "events": [e.id for e in cat.events_of_person(p.id)],
        "sources": list(p.sources),
    }


def event_row(cat: Catalog, e: Event) -> dict[str, Any]:
    parsed = dates.parse(e.date) if e.date else None
    return {
        "id": e.id,
        "date": e.date,
        "year": parsed.year if parsed else None,
        "precision": parsed.precision if parsed else None,
        "date_note": e.date_note,
        "name": e.name,
        "kind": e.kind,
        "place": e.place,
        "partners": [cat.partner_name(i) for i in e.partners],
        "partner_ids": list(e.partners),
        "programmes": [cat.programme_name(i) for i in e.programmes],
        "people": [cat.person_name(i) for i in e.people],
        "summary": e.summary,
        "sources": list(e.sources),
    }


def stats_rows(cat: Catalog, *, everyone: bool = False) -> list[dict[str, Any]]:
    """Counts of partners by country, continent and kind, programmes by kind, events by decade."""
    partners = [p for p in cat.dataset.partners if everyone or p.status in COOPERATING]
    rows: list[dict[str, Any]] = []

    def add(group: str, counter: Counter[str], *, by_key: bool = False) -> None:
        order = (lambda kv: kv[0]) if by_key else (lambda kv: (-kv[1], kv[0]))
        for key, count in sorted(counter.items(), key=order):
            rows.append({"group": group, "key": key, "count": count})

    add("country", Counter((countries.name_of(p.country) if p.country else None) or "unknown" for p in partners))
    add("continent", Counter((countries.continent_of(p.country) if p.country else None) or "unknown" for p in partners))
    add("partner kind", Counter(p.kind for p in partners))
    add("programme kind", Counter(p.kind for p in cat.dataset.programmes))
    decades: Counter[str] = Counter()
    for event in cat.dataset.events:
        year = dates.year_of(event.date)
        decades[f"{year // 10 * 10}s" if year else "undated"] += 1
    add("events by decade", decades, by_key=True)  # "undated" sorts after the decades
    return rows
