"""The card behind ``cqmu show``: one record with everything related to it.

A card is a plain dict (it is also the JSON of ``show --format json``);
:func:`as_text` renders it as plain text for pipes, :mod:`render` for a terminal.
"""

from __future__ import annotations

from typing import Any

from . import countries, dates
from .catalog import Catalog, event_row
from .formats import cell, one_line

KIND_LABEL = {"partners": "partner", "programmes": "programme", "people": "person", "events": "event"}


def build(cat: Catalog, kind: str, rid: str) -> dict[str, Any]:
    """The card of record ``rid`` of ``kind`` (a dataset key such as "partners")."""
    builder = {"partners": _partner, "programmes": _programme, "people": _person, "events": _event}[kind]
    card = builder(cat, rid)
    card["sources"] = [
        {
            "id": sid,
            "title": cat.source_title(sid),
            "seed": cat.sources[sid].seed if sid in cat.sources else None,
        }
        for sid in card.get("sources", [])
    ]
    return {"kind": KIND_LABEL[kind], **card}


def _mini_events(cat: Catalog, events: list[Any]) -> list[dict[str, Any]]:
    return [
        {k: row[k] for k in ("id", "date", "date_note", "name", "kind", "summary")}
        for row in (event_row(cat, e) for e in events)
    ]


def _partner(cat: Catalog, rid: str) -> dict[str, Any]:
    p = cat.partners[rid]
    family = cat.family(p.id)
    return {
        "id": p.id,
        "name": p.name,
        "type": p.kind,
        "status": p.status,
        "names": [{"value": n.value, "type": n.type, "lang": n.lang} for n in p.names],
        "country": p.country,
        "country_name": countries.name_of(p.country) if p.country else None,
        "city": p.city,
        "established": p.established,
        "cooperation_since": p.cooperation_since,
        "website": p.website,
        "parent": {"id": p.parent, "name": cat.partner_name(p.parent)} if p.parent else None,
        "children": [{"id": c, "name": cat.partner_name(c)} for c in cat.children.get(p.id, [])],
        "related": [{"id": r, "name": cat.partner_name(r)} for r in p.related],
        "notes": list(p.notes),
        "programmes": [{"id": pr.id, "name": pr.name, "kind": pr.kind} for pr in cat.programmes_of(p.id)],
        "events": _mini_events(cat, cat.events_of_partner(p.id)),
        "people": [
            {
                "id": person.id,
                "name": person.name,
                "roles": [r.title for r in person.roles if r.partner in family],
            }
            for person in cat.people_of(p.id)
        ],
        "sources": list(p.sources),
    }


def _programme(cat: Catalog, rid: str) -> dict[str, Any]:
    p = cat.programmes[rid]
    return {
        "id": p.id,
        "name": p.name,
        "type": p.kind,
        "aliases": [a.value for a in p.aliases],
        "partners": [{"id": i, "name": cat.partner_name(i)} for i in p.partners],
        "partner_count": p.partner_count,
        "units": list(p.units),
        "levels": list(p.levels),
        "funders": [{"id": i, "name": cat.partner_name(i)} for i in p.funders],
        "approved_by": [{"id": i, "name": cat.partner_name(i)} for i in p.approved_by],
        "start": p.start,
        "end": p.end,
        "sessions": p.sessions,
        "cohorts": [{"date": c.date, "size": c.size, "note": c.note} for c in p.cohorts],
        "degrees": list(p.degrees),
        "summary": p.summary,
        "events": _mini_events(cat, cat.events_of_programme(p.id)),
        "sources": list(p.sources),
    }


def _person(cat: Catalog, rid: str) -> dict[str, Any]:
    p = cat.people[rid]
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.name_zh,
        "family_name": p.family_name,
        "given_name": p.given_name,
        "aliases": [a.value for a in p.aliases],
        "roles": [
            {"title": r.title, "organisation": r.organisation, "partner": r.partner, "source": r.source}
            for r in p.roles
        ],
        "events": _mini_events(cat, cat.events_of_person(p.id)),
        "sources": list(p.sources),
    }


def _event(cat: Catalog, rid: str) -> dict[str, Any]:
    row = event_row(cat, cat.events[rid])
    parsed = dates.parse(row["date"]) if row["date"] else None
    row["date_reading"] = parsed.describe() if parsed else None
    row["people"] = [{"id": i, "name": cat.person_name(i)} for i in cat.events[rid].people]
    return row


def _names(items: list[dict[str, Any]]) -> str:
    return "; ".join(one_line(i["name"]) for i in items)


def as_text(card: dict[str, Any]) -> str:
    """Plain ``key<TAB>value`` lines for pipes; lists joined with '; '."""
    lines: list[str] = []

    def put(key: str, value: Any) -> None:
        if value in (None, "", [], {}):
            return
        lines.append(f"{key}\t{cell(value)}")

    put("kind", card["kind"])
    put("id", card["id"])
    put("name", card["name"])
    for key in ("type", "status", "name_zh", "family_name", "given_name", "date", "date_reading", "place"):
        put(key, card.get(key))
    if card.get("names"):
        put(
            "names",
            [f"{n['value']} ({n['type']}{', ' + n['lang'] if n['lang'] else ''})" for n in card["names"]],
        )
    put("aliases", card.get("aliases"))
    for key in ("country", "city", "established", "cooperation_since", "website", "start", "end", "sessions"):
        put(key, card.get(key))
    if card.get("parent"):
        put("parent", card["parent"]["name"])
    for key in ("children", "related", "funders", "approved_by"):
        if card.get(key):
            put(key, _names(card[key]))
    if card.get("partners"):
        partners = card["partners"]
        put("partners", partners if isinstance(partners[0], str) else _names(partners))
    put("partner_count", card.get("partner_count"))
    for key in ("units", "levels", "degrees", "notes", "summary", "date_note"):
        put(key, card.get(key))
    put(
        "cohorts",
        [f"{c['date']}: {c['size']}" if c["size"] is not None else c["date"] for c in card.get("cohorts", [])],
    )
    put("roles", [f"{r['title']}, {r['organisation']}" for r in card.get("roles", [])])
    put(
        "programmes",
        [f"{p['name']} ({p['kind']})" if isinstance(p, dict) else p for p in card.get("programmes", [])],
    )
    if card.get("people") and isinstance(card["people"][0], dict):
        put(
            "people",
            [f"{p['name']}" + (f" ({', '.join(p['roles'])})" if p.get("roles") else "") for p in card["people"]],
        )
    elif card.get("people"):
        put("people", card["people"])
    for event in card.get("events", []):
        lines.append(f"event\t{cell(event['date'] or 'undated')}\t{cell(event['name'])}")
    put("sources", [s["title"] for s in card.get("sources", [])])
    return "\n".join(lines) + "\n"
