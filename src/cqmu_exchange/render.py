"""Terminal rendering with rich: tables, cards, the timeline with its Gantt bars, stats.

Imported only when drawing for a terminal (or ``--format table``). Every string that
came from data goes in as a ``rich.text.Text`` after :func:`formats.one_line`, so
markup in the data is shown literally and control characters never reach the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .formats import cell, one_line

ACCENT = "cyan"


def make_console(no_color: bool = False, stderr: bool = False) -> Console:
    return Console(
        no_color=no_color or None,
        highlight=False,
        markup=False,
        emoji=False,
        stderr=stderr,
    )


def safe(value: Any, style: str = "") -> Text:
    """Data as literal, single-line text."""
    return Text(cell(value), style=style)


def _short(values: Iterable[Any], width: int) -> bool:
    """True when every value fits in a third of the width: such a column may refuse to wrap.

    A column that never wraps keeps ids and dates whole, but one long enough value in it
    would squeeze every other column out of the table; those columns fold instead.
    """
    limit = max(12, width // 3)
    return all(cell_len(cell(v)) <= limit for v in values)


def _cell_text(value: Any) -> Text:
    """A table cell: one item per line for lists, otherwise one safe line."""
    if isinstance(value, (list, tuple)):
        return Text("\n".join(cell(v) for v in value))
    return Text(cell(value))


def _min_width(field: str, values: Sequence[Any], cap: int = 18) -> int:
    """Wide enough for the header and the longest word, so columns wrap between words."""
    words = (w for v in values for w in cell(v).split())
    return min(cap, max([cell_len(field), *(cell_len(w) for w in words)]))


def table(rows: Sequence[dict[str, Any]], fields: Sequence[str], *, title: str | None, no_color: bool) -> None:
    console = make_console(no_color)
    grid = Table(
        title=Text(one_line(title)) if title else None,
        box=box.SIMPLE_HEAD,
        header_style=f"bold {ACCENT}",
        expand=False,
    )
    columns = []
    for field in fields:
        values = [r.get(field) for r in rows]
        numeric = bool(rows) and all(isinstance(v, (int, float)) for v in values if v is not None)
        keep_whole = field in ("id", "date") and _short(values, console.width)
        columns.append((field, numeric, keep_whole, None if keep_whole else _min_width(field, values)))
    # Minimum widths only while they fit; otherwise rich shares the width out itself.
    fits = sum((m or 10) + 3 for *_, m in columns) <= console.width
    for field, numeric, keep_whole, min_width in columns:
        grid.add_column(
            field,
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=keep_whole,
            min_width=min_width if fits else None,
        )
    for row in rows:
        grid.add_row(*(_cell_text(row.get(f)) for f in fields))
    console.print(grid)
    console.print(Text(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim"))


def _kv(grid: Table, key: str, value: Any) -> None:
    if value in (None, "", [], {}):
        return
    grid.add_row(Text(key, style="bold"), safe(value) if not isinstance(value, Text) else value)


def card(data: dict[str, Any], *, no_color: bool) -> None:
    console = make_console(no_color)
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold", no_wrap=True)
    head.add_column(overflow="fold")
    kind = data["kind"]
    _kv(head, "kind", f"{kind} ({data['type']})" if data.get("type") else kind)
    _kv(head, "id", data["id"])
    for key in ("status", "name_zh", "date", "date_reading", "date_note", "place"):
        _kv(head, key.replace("_", " "), data.get(key))
    if data.get("country"):
        _kv(head, "country", f"{data.get('country_name') or data['country']} ({data['country']})")
    for key in (
        "city",
        "established",
        "cooperation_since",
        "website",
        "start",
        "end",
        "sessions",
        "partner_count",
    ):
        _kv(head, key.replace("_", " "), data.get(key))
    if data.get("parent"):
        _kv(head, "part of", data["parent"]["name"])
    for key, label in (
        ("children", "includes"),
        ("related", "related"),
        ("funders", "funders"),
        ("approved_by", "approved by"),
    ):
        if data.get(key):
            _kv(head, label, [i["name"] for i in data[key]])
    if data.get("partners"):
        partners = data["partners"]
        _kv(head, "partners", partners if isinstance(partners[0], str) else [p["name"] for p in partners])
    programmes = data.get("programmes") or []
    if any(not isinstance(p, dict) for p in programmes):  # an event's card names its programmes
        _kv(head, "programmes", [p["name"] if isinstance(p, dict) else p for p in programmes])
        programmes = []
    for key in ("units", "levels", "degrees", "aliases"):
        _kv(head, key, data.get(key))
    if data.get("cohorts"):
        _kv(
            head,
            "cohorts",
            [f"{c['date']}: {c['size'] if c['size'] is not None else '?'} students" for c in data["cohorts"]],
        )
    if kind == "person" and data.get("roles"):
        _kv(head, "roles", [f"{r['title']}, {r['organisation']}" for r in data["roles"]])
    if kind == "event" and data.get("people"):
        _kv(head, "people", [p["name"] if isinstance(p, dict) else p for p in data["people"]])
    parts: list[Any] = [head]
    if data.get("summary"):
        parts += [Text(""), Text(cell(data["summary"]))]
    if data.get("notes"):
        parts += [Text("")] + [Text("• " + cell(n)) for n in data["notes"]]
    if data.get("names"):
        names = Table(box=box.SIMPLE_HEAD, title="Names", title_justify="left", header_style=f"bold {ACCENT}")
        for col in ("name", "type", "lang"):
            names.add_column(col, overflow="fold")
        for n in data["names"]:
            names.add_row(safe(n["value"]), safe(n["type"]), safe(n["lang"]))
        parts.append(names)
    if programmes:
        progs = Table(box=box.SIMPLE_HEAD, title="Programmes", title_justify="left", header_style=f"bold {ACCENT}")
        progs.add_column("programme", overflow="fold")
        progs.add_column("kind")
        for p in programmes:
            progs.add_row(safe(p["name"]), safe(p["kind"]))
        parts.append(progs)
    if data.get("events") and kind != "event":
        events = Table(box=box.SIMPLE_HEAD, title="Timeline", title_justify="left", header_style=f"bold {ACCENT}")
        events.add_column("date", no_wrap=_short((e["date"] for e in data["events"]), console.width), overflow="fold")
        events.add_column("event", overflow="fold")
        for e in data["events"]:
            events.add_row(safe(e["date"] or "undated", "green"), safe(e["name"]))
        parts.append(events)
    if kind == "partner" and data.get("people"):
        people = Table(box=box.SIMPLE_HEAD, title="People", title_justify="left", header_style=f"bold {ACCENT}")
        people.add_column("name", no_wrap=_short((p["name"] for p in data["people"]), console.width), overflow="fold")
        people.add_column("roles", overflow="fold")
        for p in data["people"]:
            people.add_row(safe(p["name"]), safe(p["roles"]))
        parts.append(people)
    if data.get("sources"):
        parts.append(Text("Sources", style="bold"))
        parts += [Text("  " + cell(s["title"]), style="dim") for s in data["sources"]]
    console.print(
        Panel(
            Group(*parts),
            title=Text(cell(data["name"]), style=f"bold {ACCENT}"),
            title_align="left",
            expand=False,
        )
    )


DATE_LEGEND = (
    ("[", "[a..b] one unknown day in that range"),
    ("{", "{a,b} each of these days"),
    ("/", "a/b from a to b"),
    ("?", "? uncertain"),
    ("~", "~ approximate"),
)


def timeline(
    rows: Sequence[dict[str, Any]],
    spans: Sequence[tuple[str, tuple[int, int]]],
    *,
    title: str,
    no_color: bool,
    open_ended: Sequence[bool] = (),
) -> None:
    """Events grouped by year (name, summary, partners), then programme spans as bars.

    Dates are printed as the data gives them, at their true precision; a legend
    under the table explains the notations that occur.
    """
    console = make_console(no_color)
    grid = Table(
        title=Text(one_line(title), style="bold"),
        box=box.SIMPLE_HEAD,
        header_style=f"bold {ACCENT}",
        show_lines=False,
    )
    short = _short((row.get("date") for row in rows), console.width)
    grid.add_column("date", no_wrap=short, overflow="fold", style="green")
    grid.add_column("event", overflow="fold", ratio=3)
    grid.add_column("partners", overflow="fold", ratio=1, style="dim")
    current: object = object()
    for row in rows:
        year = row.get("year") or "undated"
        if year != current:
            if current is not grid:
                grid.add_section()
            grid.add_row(Text(str(year), style=f"bold {ACCENT}"), "", "")
            current = year
        event = Text()
        event.append(cell(row["name"]), style="bold")
        detail = row.get("summary") or row.get("date_note")
        if detail:
            event.append("\n" + cell(detail), style="")
        if row.get("place"):
            event.append("\n" + cell(row["place"]), style="italic dim")
        grid.add_row(safe(row.get("date") or "no date"), event, _cell_text(row.get("partners")))
    console.print(grid)
    used = [text for mark, text in DATE_LEGEND if any(mark in (row.get("date") or "") for row in rows)]
    if used:
        console.print(Text("dates: " + " · ".join(used), style="dim"))
    if spans:
        console.print(gantt(spans, width=console.width, open_ended=open_ended))


def gantt(spans: Sequence[tuple[str, tuple[int, int]]], *, width: int, open_ended: Sequence[bool] = ()) -> Table:
    """Programme spans as bars on a shared year axis that always fits in ``width``.

    Each year gets a whole number of cells when the years fit, else a cell covers
    several years; every span gets at least one cell, so no programme is drawn as
    nothing, and the axis is labelled with round years that do not overlap. A span
    with no known end (``open_ended``) ends in a lighter arrow: running, as far as known.
    """
    ordered = [(name, (min(span), max(span))) for name, span in spans]
    first = min(lo for _, (lo, _hi) in ordered)
    last = max(hi for _, (_lo, hi) in ordered)
    years = last - first + 1
    label_width = max(4, min(40, width // 3, max(cell_len(one_line(n)) for n, _ in ordered)))
    bar_width = max(10, width - label_width - 6)  # the table's edges, padding and gutter
    per_year = bar_width // years if years <= bar_width else 0
    total = per_year * years if per_year else bar_width

    def col(year: int) -> int:
        """The first cell of ``year`` (``last + 1`` gives the right edge)."""
        return (year - first) * per_year if per_year else (year - first) * bar_width // years

    chart = Table(
        title=Text("Programme spans", style="bold"),
        box=box.SIMPLE,
        show_header=True,
        header_style=f"bold {ACCENT}",
        pad_edge=False,
    )
    chart.add_column("programme", max_width=label_width, overflow="ellipsis", no_wrap=True)
    chart.add_column(Text(_axis(first, last, col, total)), no_wrap=True, overflow="crop")
    for n, (name, (start, end)) in enumerate(ordered):
        left = min(col(start), total - 1)
        right = max(left + 1, col(end + 1))
        bar = Text(" " * left)
        if n < len(open_ended) and open_ended[n] and right - left > 1:
            bar.append("█" * (right - left - 1), style=ACCENT)
            bar.append("▶", style=f"dim {ACCENT}")
        else:
            bar.append("█" * (right - left), style=ACCENT)
        chart.add_row(safe(name), bar)
    if any(open_ended):
        chart.caption = Text("▶ no end date known", style="dim")
    return chart


def _axis(first: int, last: int, col: Callable[[int], int], total: int) -> str:
    """Year labels at their cells: the first year, then round years that fit without overlap."""
    cells = [" "] * total
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if col(first + s) - col(first) >= 5), 1000)
    free = 0  # the first cell a label may use
    for year in [first, *range(first - first % step + step, last + 1, step)]:
        at, label = col(year), str(year)
        if at >= free and at + len(label) <= total:
            cells[at : at + len(label)] = label
            free = at + len(label) + 1
    return "".join(cells)


def stats(rows: Sequence[dict[str, Any]], *, no_color: bool) -> None:
    console = make_console(no_color)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    for group, items in groups.items():
        top = max(r["count"] for r in items)
        chart = Table(
            title=Text(group, style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            header_style=f"bold {ACCENT}",
        )
        chart.add_column(group.split()[-1] if group.startswith("events") else "value", overflow="fold")
        chart.add_column("count", justify="right")
        chart.add_column("", no_wrap=True)
        for r in items:
            bar = Text("█" * max(1, round(20 * r["count"] / top)), style=ACCENT)
            chart.add_row(safe(r["key"]), str(r["count"]), bar)
        console.print(chart)
