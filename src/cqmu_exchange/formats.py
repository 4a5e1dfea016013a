"""Text output formats that need no rich: plain, tsv, csv, json, jsonl, markdown.

Every listing command hands rows (dicts) and the chosen fields to :func:`write`.
Multi-valued fields are JSON arrays in json/jsonl and ``;``-joined elsewhere.
Control characters from the data never reach the output: they are shown as
Unicode control pictures (ESC as U+241B) in text formats, escaped in JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

LISTING_FORMATS = ("table", "plain", "tsv", "csv", "json", "jsonl", "markdown")
MACHINE_FORMATS = ("tsv", "csv", "json", "jsonl")  # these carry every field by default

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[\t\n\r]+")


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """Escape what json.dumps leaves raw but a terminal would act on (DEL, C1, bidi overrides)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class FieldError(ValueError):
    """An unknown field was asked for; the message lists the valid ones."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def neutralise(text: str) -> str:
    """Replace control and bidi-override characters with visible stand-ins.

    Tabs and newlines are kept (callers that need one line use :func:`one_line`).
    """
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """One safe line: tabs, newlines and carriage returns become spaces."""
    return neutralise(_SPACES.sub(" ", text))


def cell(value: Any, sep: str = "; ") -> str:
    """A value as one line of text: lists joined with ``sep``, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return sep.join(cell(v, sep) for v in value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return one_line(str(value))


def select(rows: Sequence[dict[str, Any]], available: Sequence[str], fields: Sequence[str] | None) -> list[str]:
    """Validate requested fields against those the rows have."""
    if not fields:
        return list(available)
    unknown = [f for f in fields if f not in available]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise FieldError(f"unknown field{plural} {', '.join(map(repr, unknown))}; valid fields: {', '.join(available)}")
    return list(fields)


def parse_fields(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [f.strip() for f in text.split(",") if f.strip()]


def write(fmt: str, rows: Sequence[dict[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    """Write rows in a machine format (everything but ``table``)."""
    if fmt == "json":
        out.write(json_dumps([{f: r.get(f) for f in fields} for r in rows]) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json_line({f: r.get(f) for f in fields}) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(fields)
        for r in rows:
            writer.writerow(
                [cell(r.get(f), ";") if isinstance(r.get(f), list) else _csv_value(r.get(f)) for f in fields]
            )
    elif fmt in ("tsv", "plain"):
        if fmt == "tsv":
            out.write("\t".join(fields) + "\n")
        for r in rows:
            out.write("\t".join(cell(r.get(f), ";") for f in fields) + "\n")
    elif fmt == "markdown":
        out.write(markdown_table(rows, fields))
    else:  # pragma: no cover - guarded by the CLI's choices
        raise ValueError(f"unknown format {fmt!r}")


def _csv_value(value: Any) -> str:
    """CSV keeps newlines inside quoted cells, but never control characters."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return neutralise(str(value))


def markdown_table(rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> str:
    def md(value: Any) -> str:
        return cell(value, "; ").replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(fields) + " |", "|" + "|".join(" --- " for _ in fields) + "|"]
    lines += ["| " + " | ".join(md(r.get(f)) for f in fields) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def json_dumps(value: Any) -> str:
    """Indented JSON, UTF-8 kept readable, terminal-active characters escaped."""
    import json  # only for JSON output: plain output into a pipe is the start-up hot path

    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def json_line(value: Any) -> str:
    """One-line JSON (for JSON Lines), escaped like :func:`json_dumps`."""
    import json

    return json_safe(json.dumps(value, ensure_ascii=False))


# -- timeline formats --------------------------------------------------------


def mermaid_timeline(events: Iterable[dict[str, Any]], title: str = "CQMU international cooperation") -> str:
    """A Mermaid ``timeline`` diagram, one section per year (undated events last)."""

    def text(value: str) -> str:
        # ':' separates events in Mermaid's timeline grammar; '#' starts entities; keep one line.
        return one_line(value).replace(":", " -").replace("#", "no. ").replace(";", ",").strip()

    lines = ["timeline", f"    title {text(title)}"]
    by_year: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        key = str(event["year"]) if event.get("year") else "Undated"
        by_year.setdefault(key, []).append(event)
    for year, items in by_year.items():
        lines.append(f"    section {year}")
        for event in items:
            label = event.get("date") or "date unknown"
            lines.append(f"        {text(label)} : {text(event['name'])}")
    return "\n".join(lines) + "\n"


def ics_calendar(events: Iterable[dict[str, Any]], stamp: str) -> str:
    """An iCalendar file of the events dated to the day (all-day VEVENTs).

    Events known only to the month or year, or on an unknown day in a range,
    are left out: a calendar entry would claim a day the sources do not give.
    A day interval becomes one multi-day event; a set of days, one event per day.
    """
    from . import dates

    def esc(value: str) -> str:
        value = one_line(value)
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    def fold(line: str) -> list[str]:
        out, chunk = [], line
        while len(chunk.encode("utf-8")) > 75:
            cut = 75
            while len(chunk[:cut].encode("utf-8")) > 75:
                cut -= 1
            out.append(chunk[:cut])
            chunk = " " + chunk[cut:]
        out.append(chunk)
        return out

    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cqmu-exchange//timeline//EN", "CALSCALE:GREGORIAN"]
    for event in events:
        if not event.get("date"):
            continue
        parsed = dates.parse(event["date"])
        if parsed.precision != "day" or parsed.form == "one_of" or parsed.uncertain:
            continue
        import datetime as dt

        spans: list[tuple[dt.date, dt.date]]
        if parsed.form == "all_of":
            spans = [(p.lower, p.lower) for p in parsed.points if p is not None]
        else:
            spans = [(parsed.lower, parsed.upper)]
        for n, (first, last) in enumerate(spans):
            uid = f"{event['id']}-{n}@cqmu-exchange" if len(spans) > 1 else f"{event['id']}@cqmu-exchange"
            summary = event["name"]
            description = event.get("summary") or ""
            lines = [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
                f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{esc(summary)}",
            ]
            if description:
                lines.append(f"DESCRIPTION:{esc(description)}")
            if event.get("place"):
                lines.append(f"LOCATION:{esc(event['place'])}")
            lines.append("END:VEVENT")
            for line in lines:
                body.extend(fold(line))
    body.append("END:VCALENDAR")
    return "\r\n".join(body) + "\r\n"
