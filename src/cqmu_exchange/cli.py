"""The ``cqmu`` command line: a thin Typer layer over the catalog, search and formats.

Data goes to stdout, messages to stderr. A terminal gets rich tables and cards;
a pipe gets plain tab-separated lines (or ``--format`` json/jsonl/csv/tsv/markdown).
rich is imported only to draw for a terminal, rapidfuzz only to search.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__

if TYPE_CHECKING:
    from .catalog import Catalog
    from .search import Hit, SearchIndex

# --------------------------------------------------------------------------- state


class State:
    """What the global options chose, and the dataset once it is loaded."""

    def __init__(self) -> None:
        self.data: str | None = None
        self.use_cache = True
        self.no_color = False
        self._catalog: Catalog | None = None
        self._index: SearchIndex | None = None

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from .catalog import Catalog
            from .loader import DataError, load

            try:
                dataset = load(self.data, use_cache=self.use_cache)
            except DataError as exc:
                for problem in exc.problems:
                    err(str(problem))
                raise typer.Exit(1) from None
            self._catalog = Catalog(dataset)
        return self._catalog

    @property
    def index(self) -> SearchIndex:
        """The search index: from the cache when fresh (then the dataset is not even decoded)."""
        if self._index is None:
            from .search import SearchIndex

            def build() -> SearchIndex:
                return SearchIndex.build(self.catalog.dataset)

            if self.use_cache:
                from .cache import load_index
                from .loader import resolve_data_path

                self._index = load_index(resolve_data_path(self.data), build)
            else:
                self._index = build()
        return self._index


state = State()


def err(message: str) -> None:
    """One line on stderr (tabs kept as separators; control characters and newlines neutralised)."""
    from .formats import one_line

    sys.stderr.write("\t".join(one_line(part) for part in message.split("\t")) + "\n")
    sys.stderr.flush()


def fail(message: str, code: int = 1) -> NoReturn:
    err(f"cqmu: {message}")
    raise typer.Exit(code)


# --------------------------------------------------------------------------- options


class Fmt(str, enum.Enum):
    table = "table"
    plain = "plain"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class TimelineFmt(str, enum.Enum):
    table = "table"
    plain = "plain"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    mermaid = "mermaid"
    ics = "ics"


class RecordKind(str, enum.Enum):
    partner = "partner"
    programme = "programme"
    event = "event"
    person = "person"


PLURAL = {"partner": "partners", "programme": "programmes", "event": "events", "person": "people"}
SINGULAR = {v: k for k, v in PLURAL.items()}

FORMAT_HELP = "Output format. Default: table in a terminal, plain (tab-separated, no header) in a pipe."
FIELDS_HELP = "Comma-separated fields to show, in order (e.g. id,name,country). Unknown fields list the valid ones."


def _complete(ctx: typer.Context, incomplete: str, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """Ids and names starting with (or containing) what is typed, from the cached index."""
    try:
        root = ctx.find_root()
        data = root.params.get("data") if root.params else None
        from .cache import load_index
        from .loader import load, resolve_data_path
        from .search import SearchIndex

        path = resolve_data_path(data)
        index = load_index(path, lambda: SearchIndex.build(load(path)))
        return index.complete(incomplete, kinds=kinds, limit=50)
    except Exception:  # completion must never print a traceback into the shell
        return []


def complete_partner(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of partner ids and names (for --partner)."""
    return _complete(ctx, incomplete, ("partners",))


def complete_any(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of any record name (for show NAME and timeline QUERY)."""
    return _complete(ctx, incomplete, ("partners", "programmes", "people"))


FormatOpt = Annotated[Fmt | None, typer.Option("--format", "-f", help=FORMAT_HELP, case_sensitive=False)]
FieldsOpt = Annotated[str | None, typer.Option("--fields", help=FIELDS_HELP, metavar="A,B,C")]
PartnerOpt = Annotated[
    str | None,
    typer.Option("--partner", "-p", help="Any name of a partner, fuzzily matched.", autocompletion=complete_partner),
]


# --------------------------------------------------------------------------- app

app = typer.Typer(
    name="cqmu",
    help=(
        "Look up Chongqing Medical University's international cooperation: partners, "
        "programmes, events and people, from a curated and sourced dataset."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        print(f"cqmu-exchange {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            "-d",
            help="Dataset file to use instead of the bundled one (also $CQMU_DATA).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse the dataset afresh; do not read or write the cache.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour, even in a terminal (also $NO_COLOR).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Look up CQMU's international partners, programmes, events and people."""
    state.reset()
    state.data = str(data) if data else None
    state.use_cache = not no_cache and not os.environ.get("CQMU_NO_CACHE")
    state.no_color = no_color


# --------------------------------------------------------------------------- output


def is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def choose_format(fmt: enum.Enum | None) -> str:
    if fmt is not None:
        return str(fmt.value)
    return "table" if is_tty() else "plain"


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: enum.Enum | None,
    fields: str | None,
    default_fields: Sequence[str],
    *,
    title: str | None = None,
) -> None:
    """Write a listing: a rich table in a terminal, machine formats otherwise."""
    from .formats import MACHINE_FORMATS, FieldError, parse_fields, select, write

    chosen = choose_format(fmt)
    available = list(rows[0].keys()) if rows else list(default_fields)
    wanted = parse_fields(fields)
    try:
        if wanted:
            columns = select(rows, available, wanted)
        elif chosen in MACHINE_FORMATS:
            columns = available
        elif chosen == "table" and len(default_fields) > 4:
            columns = [f for f in default_fields if f != "id"]  # names are for people; ids for scripts
        else:
            columns = list(default_fields)
    except FieldError as exc:
        fail(str(exc), 2)
    if chosen == "table":
        from . import render

        render.table(rows, columns, title=title, no_color=state.no_color)
        return
    write(chosen, rows, columns, sys.stdout)


def kinds_of(kind: Sequence[RecordKind] | None) -> tuple[str, ...] | None:
    return tuple(PLURAL[k.value] for k in kind) if kind else None


def did_you_mean(hits: Sequence[Hit]) -> str:
    """'; did you mean 'A' or 'B'?' for a message, or nothing."""
    return "; did you mean " + " or ".join(repr(h.name) for h in hits) + "?" if hits else ""


def resolve_one(query: str, kinds: Sequence[str]) -> tuple[str, str]:
    """(kind, id) of the record an id or a name clearly means, else exit 1 explaining why.

    An ambiguous name lists the candidates, one per line, and how to pick one;
    a name that matches nothing gets "did you mean" suggestions.
    """
    found = _find_by_id(query, kinds)
    if found is not None:
        return found
    res = state.index.resolve(query, kinds=kinds)
    if res.best is not None:
        return res.best.kind, res.best.id
    what = " or ".join(SINGULAR.get(k, k) for k in kinds)
    if res.candidates:
        err(f"cqmu: {query!r} matches several records ({what}); candidates:")
        for hit in res.candidates:
            err(f"  {SINGULAR.get(hit.kind, hit.kind)}\t{hit.id}\t{hit.name}")
        err(f"cqmu: give one of the ids instead, e.g. {res.candidates[0].id}")
        raise typer.Exit(1)
    fail(f"no {what} matches {query!r}{did_you_mean(res.suggestions)}")


def resolve_partner(name: str) -> str:
    """A partner's id from any of its names, or exit with candidates / suggestions."""
    return resolve_one(name, ("partners",))[1]


# --------------------------------------------------------------------------- commands


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for: any name, acronym, alias, in any language.")],
    kind: Annotated[
        list[RecordKind] | None, typer.Option("--kind", "-k", help="Only this kind of record (repeatable).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 10,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show the name that matched, how, the score and the gap to the next."),
    ] = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
) -> None:
    """Ranked matches across partners, programmes, events and people.

    Exits 1, with nothing on stdout (or [] for --format json), when nothing matches.

    Example: cqmu search strassburg --kind partner --explain
    """
    hits = state.index.search(query, kinds=kinds_of(kind), limit=limit)
    rows = [_hit_row(h) for h in hits]
    if not rows:
        if fmt is not None and fmt.value == "json":
            print("[]")
        suggestions = state.index.suggest(query, kinds=kinds_of(kind), limit=3)
        err(f"cqmu: nothing matches {query!r}{did_you_mean(suggestions)}")
        raise typer.Exit(1)
    default = (
        ["kind", "name", "score", "matched", "match", "field", "gap"]
        if explain
        else ["kind", "name", "score", "matched"]
    )
    emit(rows, fmt, fields, default, title=f"Matches for {query!r}")


def _hit_row(hit: Hit) -> dict[str, Any]:
    row = hit.to_dict()
    row["kind"] = SINGULAR.get(hit.kind, hit.kind)
    row["score"] = round(float(hit.score), 1)
    row["gap"] = round(float(hit.gap), 1)
    return {k: row[k] for k in ("kind", "id", "name", "score", "matched", "field", "match", "gap")}


@app.command()
def show(
    name: Annotated[
        str,
        typer.Argument(help="Any name, acronym or id of a partner, programme or person.", autocompletion=complete_any),
    ],
    kind: Annotated[
        list[RecordKind] | None, typer.Option("--kind", "-k", help="Only look among this kind (repeatable).")
    ] = None,
    fmt: Annotated[
        Fmt | None,
        typer.Option("--format", "-f", help="table (a card) in a terminal; plain text or json otherwise."),
    ] = None,
) -> None:
    """A card for the best match: names, place, relations, programmes, events, people, sources.

    If the name is ambiguous the candidates are listed and the exit status is 1.

    Example: cqmu show "Universite de Strasbourg"
    """
    from . import cards

    cat = state.catalog
    found = resolve_one(name, kinds_of(kind) or ("partners", "programmes", "people"))
    card = cards.build(cat, *found)
    chosen = choose_format(fmt)
    if chosen == "json":
        from .formats import json_dumps

        print(json_dumps(card))
    elif chosen == "jsonl":
        from .formats import json_line

        print(json_line(card))
    elif chosen == "table":
        from . import render

        render.card(card, no_color=state.no_color)
    else:
        sys.stdout.write(cards.as_text(card))


def _find_by_id(text: str, kinds: Sequence[str]) -> tuple[str, str] | None:
    cat = state.catalog
    for kind in kinds:
        if text in getattr(cat, kind):
            return kind, text
    return None


class SortKey(str, enum.Enum):
    name = "name"
    country = "country"
    since = "since"
    established = "established"
    kind = "kind"


@app.command()
def partners(
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="ISO code or country name (FR, France, 法国).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="university, hospital, laboratory, funder, ...")
    ] = None,
    since: Annotated[
        int | None, typer.Option("--since", metavar="YEAR", help="Cooperation began in or after YEAR.")
    ] = None,
    active_in: Annotated[
        int | None,
        typer.Option("--active-in", metavar="YEAR", help="Had a programme running or an event in YEAR."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", help="partner, affiliate, funder, authority, guest, mentioned (repeatable)."),
    ] = None,
    everyone: Annotated[
        bool,
        typer.Option("--all", "-a", help="Also funders, authorities, guests and institutions only mentioned."),
    ] = False,
    sort: Annotated[SortKey, typer.Option("--sort", "-s", help="Sort order.")] = SortKey.name,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
) -> None:
    """Partner institutions, with filters. By default: partners and their affiliates.

    Example: cqmu partners --country FR --since 2000
    """
    from . import countries
    from .catalog import COOPERATING, partner_row
    from .model import Partner

    cat = state.catalog
    chosen: list[Partner] = list(cat.dataset.partners)
    if status:
        known = {"partner", "affiliate", "funder", "authority", "guest", "mentioned"}
        bad = [s for s in status if s not in known]
        if bad:
            fail(f"unknown status {bad[0]!r}; valid: {', '.join(sorted(known))}", 2)
        chosen = [p for p in chosen if p.status in status]
    elif not everyone:
        chosen = [p for p in chosen if p.status in COOPERATING]
    if country:
        code = countries.lookup(country)
        if code is None:
            fail(f"unknown country {country!r} (use an ISO code such as FR, or a name such as France)", 2)
        chosen = [p for p in chosen if p.country == code]
    if kind:
        chosen = [p for p in chosen if p.kind == _choice(kind, _partner_kinds(), "partner kind")]
    if since is not None:
        from .dates import year_of

        chosen = [p for p in chosen if (year_of(p.cooperation_since) or 0) >= since]
    if active_in is not None:
        chosen = [p for p in chosen if cat.partner_active_in(p, active_in)]
    rows = [partner_row(cat, p) for p in chosen]
    rows.sort(key=_sorter(sort.value))
    default = ["id", "name", "acronyms", "country", "city", "kind", "since", "events"]
    emit(rows, fmt, fields, default, title="Partners")


def _sorter(key: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    def sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
        value = row.get(key)
        if key == "since":
            from .dates import sort_key as date_key

            return (date_key(value), row["name"].casefold())
        return (
            value is None,
            str(value or "").casefold() if not isinstance(value, int) else value,
            row["name"].casefold(),
        )

    return sort_key


def _partner_kinds() -> tuple[str, ...]:
    from typing import get_args

    from .model import PartnerKind

    return get_args(PartnerKind)


def _choice(value: str, valid: Sequence[str], what: str) -> str:
    norm = value.strip().lower().replace("-", "_").replace(" ", "_")
    if norm in valid:
        return norm
    if norm.endswith("s") and norm[:-1] in valid:
        return norm[:-1]
    fail(f"unknown {what} {value!r}; valid: {', '.join(valid)}", 2)


@app.command()
def programmes(
    partner: PartnerOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="joint_institute, student_exchange, ...")] = None,
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="undergraduate, master, phd, postgraduate, visiting_scholar, faculty"),
    ] = None,
    funder: Annotated[
        str | None,
        typer.Option(
            "--funder",
            help="A funder or approving body, fuzzily matched (CSC, Erasmus+, Ministry of Education).",
        ),
    ] = None,
    active_in: Annotated[
        int | None, typer.Option("--active-in", metavar="YEAR", help="Running (or with an event) in YEAR.")
    ] = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
) -> None:
    """Programmes, agreements and series run with partners.

    Example: cqmu programmes --partner leicester --level undergraduate
    """
    from typing import get_args

    from .catalog import programme_row
    from .model import Level, ProgrammeKind

    cat = state.catalog
    chosen = list(cat.dataset.programmes)
    if partner:
        ids = cat.family(resolve_partner(partner))
        chosen = [p for p in chosen if ids & set(p.partners)]
    if kind:
        wanted = _choice(kind, get_args(ProgrammeKind), "programme kind")
        chosen = [p for p in chosen if p.kind == wanted]
    if level:
        wanted_level = _choice(level, get_args(Level), "level")
        chosen = [p for p in chosen if wanted_level in p.levels]
    if funder:
        ids = {resolve_partner(funder)}
        chosen = [p for p in chosen if ids & (set(p.funders) | set(p.approved_by))]
    if active_in is not None:
        chosen = [p for p in chosen if cat.programme_active_in(p, active_in)]
    from .dates import sort_key

    chosen.sort(key=lambda p: (sort_key(p.start), p.name))
    rows = [programme_row(cat, p) for p in chosen]
    emit(rows, fmt, fields, ["id", "name", "kind", "partners", "levels", "start", "end"], title="Programmes")


@app.command()
def people(
    query: Annotated[str | None, typer.Argument(help="A name, or an organisation, to filter by (fuzzy).")] = None,
    partner: PartnerOpt = None,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
) -> None:
    """People in the articles with their roles and organisations.

    Example: cqmu people tian   |   cqmu people --partner strasbourg
    """
    from .catalog import person_row

    cat = state.catalog
    chosen = list(cat.dataset.people)
    if partner:
        ids = cat.family(resolve_partner(partner))
        chosen = [p for p in chosen if any(r.partner in ids for r in p.roles)]
    if query:
        hits = state.index.search(query, kinds=("people",), limit=len(cat.dataset.people) or 1)
        wanted = {h.id for h in hits}
        needle = query.casefold()
        chosen = [
            p
            for p in chosen
            if p.id in wanted or any(needle in f"{r.title}, {r.organisation}".casefold() for r in p.roles)
        ]
        if not chosen:
            fail(f"no person matches {query!r}")
    chosen.sort(key=lambda p: (p.family_name or p.name).casefold())
    rows = [person_row(cat, p) for p in chosen]
    emit(rows, fmt, fields, ["id", "name", "name_zh", "roles"], title="People")


@app.command()
def timeline(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Only what concerns this partner, programme or person (any name, fuzzy).",
            autocompletion=complete_any,
        ),
    ] = None,
    partner: PartnerOpt = None,
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="Events with a partner in this country.")
    ] = None,
    from_: Annotated[int | None, typer.Option("--from", metavar="YEAR", help="From this year on.")] = None,
    to: Annotated[int | None, typer.Option("--to", metavar="YEAR", help="Up to this year.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="visit, signing, meeting, ceremony, approval, ...")
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    fmt: Annotated[
        TimelineFmt | None,
        typer.Option(
            "--format",
            "-f",
            help=FORMAT_HELP + " Also mermaid (a Mermaid timeline) and ics (iCalendar).",
            case_sensitive=False,
        ),
    ] = None,
    fields: FieldsOpt = None,
) -> None:
    """The cooperation timeline, oldest first, grouped by year, dates at their true precision.

    In a terminal, programme spans are drawn as bars across the years.

    Example: cqmu timeline strasbourg   |   cqmu timeline --from 2020 --format mermaid
    """
    from typing import get_args

    from . import countries, dates
    from .catalog import event_row, sort_events
    from .model import EventKind

    cat = state.catalog
    events = sort_events(cat.dataset.events)
    programme_ids: set[str] | None = None
    heading = "CQMU international cooperation"
    if query:
        found = resolve_one(query, ("partners", "programmes", "people", "events"))
        keep = {e.id for e in cat.events_for(*found)}
        events = [e for e in events if e.id in keep]
        if found[0] == "partners":
            programme_ids = {p.id for p in cat.programmes_of(found[1])}
            heading = f"Cooperation with {cat.partner_name(found[1])}"
        elif found[0] == "programmes":
            programme_ids = {found[1]}
            heading = cat.programme_name(found[1])
        else:
            programme_ids = set()
            heading = cat.person_name(found[1]) if found[0] == "people" else cat.events[found[1]].name
    if partner:
        root = resolve_partner(partner)  # events_of_partner and programmes_of take in its family
        keep = {e.id for e in cat.events_of_partner(root)}
        events = [e for e in events if e.id in keep]
        pids = {p.id for p in cat.programmes_of(root)}
        programme_ids = pids if programme_ids is None else programme_ids & pids
    if country:
        code = countries.lookup(country)
        if code is None:
            fail(f"unknown country {country!r} (use an ISO code such as FR, or a name such as France)", 2)
        in_country = {p.id for p in cat.dataset.partners if p.country == code}
        events = [e for e in events if in_country & set(e.partners)]
        pids = {p.id for p in cat.dataset.programmes if in_country & set(p.partners)}
        programme_ids = pids if programme_ids is None else programme_ids & pids
    if kind:
        wanted = _choice(kind, get_args(EventKind), "event kind")
        events = [e for e in events if e.kind == wanted]
    if from_ is not None or to is not None:
        if from_ is not None and to is not None and to < from_:
            fail(f"--to {to} is before --from {from_}", 2)

        def within(date: str | None) -> bool:
            if not date:
                return False
            parsed = dates.parse(date)
            return (from_ is None or parsed.upper.year >= from_) and (to is None or parsed.lower.year <= to)

        events = [e for e in events if within(e.date)]
    if reverse:
        dated = [e for e in events if e.date]
        events = dated[::-1] + [e for e in events if not e.date]
    rows = [event_row(cat, e) for e in events]
    chosen = choose_format(fmt)
    if chosen == "mermaid":
        from .formats import mermaid_timeline

        sys.stdout.write(mermaid_timeline(rows, title=heading))
        return
    if chosen == "ics":
        import datetime as dt

        from .formats import ics_calendar

        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        sys.stdout.write(ics_calendar(rows, stamp))
        return
    if not rows:
        err("cqmu: no events match these filters")
        if chosen == "json":
            print("[]")
        raise typer.Exit(1)
    if chosen == "table" and not fields:
        from . import render

        progs = [p for p in cat.dataset.programmes if programme_ids is None or p.id in programme_ids]
        drawn = [(p.name, span, not p.end) for p in progs if (span := cat.programme_span(p))]
        if from_ is not None or to is not None:
            lo, hi = from_ or 0, to or 9999
            drawn = [d for d in drawn if d[1][1] >= lo and d[1][0] <= hi]
        render.timeline(
            rows,
            [(name, span) for name, span, _ in drawn],
            title=heading,
            no_color=state.no_color,
            open_ended=[is_open for *_, is_open in drawn],
        )
        return
    emit(rows, TimelineFmt(chosen), fields, ["date", "name", "kind", "partners", "summary"], title=heading)


@app.command()
def stats(
    everyone: Annotated[
        bool, typer.Option("--all", "-a", help="Count every institution, not only partners and affiliates.")
    ] = False,
    fmt: FormatOpt = None,
    fields: FieldsOpt = None,
) -> None:
    """Counts by country, continent, kind and decade (bar charts in a terminal).

    Example: cqmu stats   |   cqmu stats --format csv > stats.csv
    """
    from .catalog import stats_rows

    rows = stats_rows(state.catalog, everyone=everyone)
    if choose_format(fmt) == "table" and not fields:
        from . import render

        render.stats(rows, no_color=state.no_color)
        return
    emit(rows, fmt, fields, ["group", "key", "count"], title="Statistics")


@app.command()
def check(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The dataset file to check (default: --data, $CQMU_DATA or the bundled one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a dataset: types, unknown keys, unique ids, references, dates, sources, countries.

    Prints each problem as FILE:LINE: what is wrong, and exits 1 if there is any.

    Example: cqmu check data/partners.toml
    """
    from .loader import DataError, load_checked, resolve_data_path

    target = resolve_data_path(path or state.data)
    try:
        dataset, problems = load_checked(target)
    except DataError as exc:
        problems = exc.problems
        dataset = None
    if problems:
        for problem in problems:
            print(problem)
        err(f"cqmu: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {target}")
        raise typer.Exit(1)
    assert dataset is not None
    counts = ", ".join(
        f"{len(getattr(dataset, k))} {k}" for k in ("partners", "programmes", "events", "people", "sources")
    )
    from .formats import one_line

    print(f"{one_line(str(target))}: OK ({counts})")


@app.command()
def schema() -> None:
    """Print the dataset's JSON Schema (point Taplo / Even Better TOML at it).

    Example: cqmu schema > partners.schema.json
    """
    from .formats import json_dumps
    from .model import json_schema

    print(json_dumps(json_schema()))


class ExportFmt(str, enum.Enum):
    json = "json"
    sqlite = "sqlite"


@app.command()
def export(
    fmt: Annotated[
        ExportFmt, typer.Option("--format", "-f", help="json (to stdout or -o) or sqlite (needs -o).")
    ] = ExportFmt.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (never overwritten without --force)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
) -> None:
    """Export the whole dataset: one JSON object with the five lists, or a SQLite database.

    Example: cqmu export --format sqlite -o cqmu.db && sqlite3 cqmu.db 'select name from partners'
    """
    from . import export as exporter

    dataset = state.catalog.dataset
    if output is not None:
        from .loader import resolve_data_path

        try:
            same = output.exists() and os.path.samefile(output, resolve_data_path(state.data))
        except OSError:
            same = False
        if same:
            fail(f"{output} is the dataset being exported: write the export to another file")
    try:
        if fmt is ExportFmt.sqlite:
            if output is None:
                fail("--format sqlite needs --output FILE", 2)
            exporter.write_sqlite(dataset, output, force=force)
            err(f"cqmu: wrote {output}")
        elif output is not None:
            exporter.write_file(output, exporter.to_json(dataset), force=force)
            err(f"cqmu: wrote {output}")
        else:
            sys.stdout.write(exporter.to_json(dataset))
    except exporter.ExportError as exc:
        fail(str(exc), 1)


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: quiet on closed pipes and Ctrl-C, no tracebacks."""
    import gc
    import signal

    with contextlib.suppress(AttributeError, ValueError):  # not on Windows / not the main thread
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `cqmu ... | head` ends quietly
        signal.signal(signal.SIGINT, _interrupted)
    args = sys.argv[1:] if argv is None else list(argv)
    _register_only(_command_name(args))
    # A short-lived process builds large acyclic structures (parsed TOML, records, the
    # index): the cyclic collector would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        app(args=args, prog_name="cqmu")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_pipe()
    except Exception as exc:
        err(f"cqmu: internal error: {type(exc).__name__}: {exc}")
        sys.exit(3)
    finally:
        if collecting:
            gc.enable()


def _command_name(args: Sequence[str]) -> str | None:
    """The subcommand named on the command line, skipping the global options."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("--data", "-d"):
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def _register_only(name: str | None) -> None:
    """Build only the command being run: Typer converts every registered command's
    parameters on each start, which costs more than running most commands.
    Completion and help (no command name) keep every command."""
    if not name or any(key.startswith("_CQMU_COMPLETE") for key in os.environ):
        return
    chosen = [c for c in app.registered_commands if (c.name or getattr(c.callback, "__name__", "")) == name]
    if chosen:  # an unknown name keeps them all, so the error can list them
        app.registered_commands = chosen


def _interrupted(signum: int, frame: object) -> NoReturn:
    """Ctrl-C: stop at once with status 130 (files being written are cleaned up)."""
    raise SystemExit(130)


def _quiet_pipe() -> NoReturn:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(141)
