"""Find, read, decode and check a dataset file.

Every problem is reported as ``FILE:LINE: what is wrong``; the line is found by
scanning the TOML text for the offending record or key (see :class:`LineIndex`).
No function here writes to the dataset file.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Dataset

ENV_VAR = "CQMU_DATA"
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]\s*(?:#.*)?$")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")
_PATH_PART = re.compile(r"\.([A-Za-z0-9_]+)|\[(\d+)\]")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_INT64_MAX = 2**63 - 1  # the largest integer SQLite (export) and MessagePack (cache) can store


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset file, at a line (0 when the file has none)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # One line, whatever the file name or the data quoted in the message contain:
        # control characters are shown as visible stand-ins, never sent to the terminal.
        from .formats import one_line

        text = f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"
        return one_line(text)


class DataError(Exception):
    """The dataset could not be used; ``problems`` says why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def bundled_data_path() -> Path:
    """The dataset that ships with the package (inside the wheel, or in a checkout)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "partners.toml"
    if packaged.is_file():
        return packaged
    return here.parent.parent / "data" / "partners.toml"


def resolve_data_path(option: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` first, then ``$CQMU_DATA``, then the bundled dataset."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return bundled_data_path()


def read_bytes(path: Path) -> bytes:
    """Read a dataset file, turning every OS failure into a one-line problem."""
    name = str(path)
    try:
        if path.is_dir():
            raise DataError([Problem(name, 0, "is a directory, not a TOML file")])
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(name, 0, "no such file")]) from None
    except PermissionError:
        raise DataError([Problem(name, 0, "permission denied: cannot read the file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, 0, f"cannot read the file: {exc.strerror or exc}")]) from None
    if not data.strip():
        raise DataError([Problem(name, 1, "the file is empty: expected a TOML dataset")])
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of the file, or a problem naming the line of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            [Problem(name, line, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at column {col}")]
        ) from None
    return text.removeprefix("\ufeff")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text: rtoml for speed, the reference parser for anything it refuses.

    rtoml (Rust) parses ~2x faster than the compiled tomli wheel and ~6x faster than
    stdlib tomllib (README, Performance). When it refuses a text, or is not
    installed, tomllib (tomli before Python 3.11) parses it: a valid file still
    loads, and an invalid one gets the reference parser's message with line and column.
    """
    try:
        import rtoml
    except ImportError:  # pragma: no cover - rtoml is a dependency; wheels may be missing somewhere
        pass
    else:
        try:
            result: dict[str, Any] = rtoml.loads(text)
            return result
        except Exception:
            pass
    if sys.version_info >= (3, 11):
        import tomllib as toml
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as toml
    try:
        return toml.loads(text)
    except RecursionError:
        # tomli's own guard against arrays and inline tables nested too deeply
        deepest = _deepest_line(text)
        raise DataError([Problem(name, deepest, "invalid TOML: arrays or inline tables nested too deeply")]) from None
    except toml.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        msg = getattr(exc, "msg", None) or re.sub(r"\s*\(at .*\)$", "", str(exc))
        if line is None:
            found = re.search(r"line (\d+), column (\d+)", str(exc))
            line, col = (int(found[1]), int(found[2])) if found else (0, None)
        where = f" (column {col})" if col else ""
        raise DataError([Problem(name, line or 0, f"invalid TOML: {msg}{where}")]) from None
    except ValueError as exc:
        # e.g. an integer longer than Python's int/str conversion limit (4300 digits)
        digits = re.search(r"\d{100,}", text)
        at = text.count("\n", 0, digits.start()) + 1 if digits else 0
        what = "integer too long" if "digits" in str(exc) else str(exc).split("\n")[0]
        raise DataError([Problem(name, at, f"invalid TOML: {what}")]) from None


def _deepest_line(text: str) -> int:
    """The line where brackets first nest deepest (strings and comments skipped, roughly)."""
    depth = best = 0
    line = best_line = 1
    quote = ""
    escaped = comment = False
    for char in text:
        if char == "\n":
            line += 1
            comment = False
            if quote in ('"', "'"):
                quote = ""  # an unterminated one-line string ends at the line end
            continue
        if comment:
            continue
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > best:
                best, best_line = depth, line
        elif char in "]}":
            depth = max(0, depth - 1)
    return best_line


class LineIndex:
    """Finds the line of a record, or of a key in it, in a TOML text."""

    lines: list[str]
    records: dict[tuple[str, int], int]
    bounds: dict[tuple[str, int], tuple[int, int]]
    top_keys: dict[str, int]

    def __init__(self, text: str) -> None:
        self._text = text  # scanned only when a problem needs a line number

    def __getattr__(self, name: str) -> Any:
        if name in ("lines", "records", "bounds", "top_keys"):
            self._scan()
            return self.__dict__[name]
        raise AttributeError(name)

    def _scan(self) -> None:
        text = self._text
        # TOML ends lines at "\n" only: str.splitlines() would also split at U+2028,
        # U+0085, form feeds ... (all allowed inside strings) and shift every line after.
        self.lines = [line.removesuffix("\r") for line in text.split("\n")]
        self.records: dict[tuple[str, int], int] = {}  # (kind, index) -> header line (1-based)
        self.bounds: dict[tuple[str, int], tuple[int, int]] = {}
        self.top_keys: dict[str, int] = {}
        counts: dict[str, int] = {}
        current: tuple[str, int] | None = None
        for number, line in enumerate(self.lines, start=1):
            header = _HEADER.match(line)
            if header:
                kind = header[1]
                index = counts.get(kind, 0)
                counts[kind] = index + 1
                if current:
                    self.bounds[current] = (self.bounds[current][0], number - 1)
                current = (kind, index)
                self.records[current] = number
                self.bounds[current] = (number, len(self.lines))
                self.top_keys.setdefault(kind, number)
                continue
            if current is None:
                table = _TABLE.match(line)
                key = _KEY.match(line)
                if table:
                    self.top_keys.setdefault(table[1], number)
                elif key:
                    self.top_keys.setdefault(key[1].strip('"'), number)

    def record(self, kind: str, index: int) -> int:
        return self.records.get((kind, index), self.top_keys.get(kind, 0))

    def key(self, kind: str, index: int, key: str, item: int | None = None) -> int:
        """Line of ``key`` inside record ``index`` of ``kind`` (its ``item``-th element)."""
        bounds = self.bounds.get((kind, index))
        if not bounds:
            return self.record(kind, index)
        start, end = bounds
        for number in range(start + 1, end + 1):
            found = _KEY.match(self.lines[number - 1])
            if found and found[1].strip('"') == key:
                return self._item(number, end, item) if item is not None else number
        return start

    def _item(self, key_line: int, end: int, item: int) -> int:
        """The line of element ``item`` of a multi-line array that starts at ``key_line``."""
        first = self.lines[key_line - 1]
        if first.rstrip().endswith("[") is False:
            return key_line
        seen = -1
        for number in range(key_line + 1, end + 1):
            stripped = self.lines[number - 1].strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("]"):
                break
            seen += 1
            if seen == item:
                return number
        return key_line

    def path(self, path: str, key: str | None = None) -> int:
        """Line for a msgspec error path such as ``$.partners[3].names[1].lang``.

        ``key`` is one more key below the path, taken as is (an unknown key may hold any
        character, a dot or a backtick included, so it is not parsed out of the path).
        """
        parts: list[str | int] = [m[1] if m[1] is not None else int(m[2]) for m in _PATH_PART.finditer(path)]
        if key is not None:
            parts.append(key)
        if not parts or not isinstance(parts[0], str):
            return 0
        kind = parts[0]
        if len(parts) == 1 or not isinstance(parts[1], int):
            return self.top_keys.get(kind, 0)
        index = parts[1]
        if len(parts) == 2:
            return self.record(kind, index)
        field = parts[2]
        item = parts[3] if len(parts) > 3 and isinstance(parts[3], int) else None
        return self.key(kind, index, str(field), item)


def convert(raw: dict[str, Any], name: str, lines: LineIndex) -> Dataset:
    """Validate the parsed TOML against the typed model."""
    import msgspec

    from .model import Dataset

    try:
        return msgspec.convert(raw, Dataset, strict=True)
    except msgspec.ValidationError as exc:
        message = str(exc)
        found = re.match(r"^(.*) - at `(\$[^`]*)`$", message)
        what, path = (found[1], found[2]) if found else (message, "$")
        unknown = re.match(r"Object contains unknown field `(.*)`$", what)
        if unknown:
            line = lines.path(path, key=unknown[1]) if path != "$" else lines.top_keys.get(unknown[1], 0)
            field = path.removeprefix("$").lstrip(".")
            where = f" in {field}" if field else " at the top level"
            what = f"unknown key {unknown[1]!r}{where}"
        else:
            line = lines.path(path)
            where = path.removeprefix("$").lstrip(".")
            what = f"{where}: {what}" if where else what
            if "got `date" in what or "got `datetime" in what or "got `time" in what:
                what += ' (write dates as quoted strings, e.g. "2024-06-25")'
        raise DataError([Problem(name, line, what)]) from None


def check(dataset: Dataset, name: str, lines: LineIndex) -> list[Problem]:
    """Whole-dataset checks: ids, references, dates, sources, countries, numbers, parent loops, version."""
    from . import countries, dates
    from .model import SCHEMA_VERSION

    problems: list[Problem] = []

    def add(kind: str, index: int, key: str | None, message: str, item: int | None = None) -> None:
        line = lines.key(kind, index, key, item) if key else lines.record(kind, index)
        problems.append(Problem(name, line, message))

    ids: dict[str, set[str]] = {}
    for kind in ("partners", "programmes", "events", "people", "sources"):
        records = getattr(dataset, kind)
        record_ids = [r.id for r in records]
        ids[kind] = unique = set(record_ids)
        # Fast paths first: on a clean file each check is one pass at C speed.
        for index in (i for i, rid in enumerate(record_ids) if not _ID.match(rid)):
            add(kind, index, "id", f"{kind}[{index}]: id {record_ids[index]!r} must be a lowercase slug (a-z, 0-9, -)")
        if len(unique) != len(record_ids):
            seen: dict[str, int] = {}
            for index, rid in enumerate(record_ids):
                if rid in seen:
                    first = lines.record(kind, seen[rid])
                    add(kind, index, "id", f"duplicate {kind} id {rid!r} (first at line {first})")
                else:
                    seen[rid] = index
        key = "title" if kind == "sources" else "name"
        titles = [getattr(r, key) for r in records]
        for index in (i for i, title in enumerate(titles) if not title.strip()):
            add(kind, index, key, f"{kind} {record_ids[index]!r}: {key} is empty")

    references = {
        "partners": {"parent": "partners", "related": "partners", "sources": "sources"},
        "programmes": {
            "partners": "partners",
            "funders": "partners",
            "approved_by": "partners",
            "sources": "sources",
        },
        "events": {
            "partners": "partners",
            "programmes": "programmes",
            "people": "people",
            "sources": "sources",
        },
        "people": {"sources": "sources"},
    }
    for kind, fields in references.items():
        records = getattr(dataset, kind)
        for field, target in fields.items():
            known = ids[target]
            for index, record in enumerate(records):
                value = getattr(record, field)
                refs = [value] if isinstance(value, str) else value or ()
                if known.issuperset(refs):
                    continue
                for item, ref in enumerate(refs):
                    if ref not in known:
                        add(
                            kind,
                            index,
                            field,
                            f"{kind} {record.id!r}: {field} refers to unknown {target} id {ref!r}",
                            item,
                        )
        if kind in ("partners", "programmes", "events"):
            for index in (i for i, r in enumerate(records) if not r.sources):
                add(kind, index, None, f"{kind} {records[index].id!r} cites no source (add sources = [...])")

    for index, person in enumerate(dataset.people):
        for item, role in enumerate(person.roles):
            if role.partner and role.partner not in ids["partners"]:
                add(
                    "people",
                    index,
                    "roles",
                    f"people {person.id!r}: role refers to unknown partners id {role.partner!r}",
                    item,
                )
            if role.source and role.source not in ids["sources"]:
                add(
                    "people",
                    index,
                    "roles",
                    f"people {person.id!r}: role refers to unknown sources id {role.source!r}",
                    item,
                )

    def check_date(kind: str, index: int, key: str, value: str | None, item: int | None = None) -> dates.Edtf | None:
        if value is None:
            return None
        try:
            return dates.parse(value)
        except dates.DateError as exc:
            add(kind, index, key, f"{kind} {getattr(dataset, kind)[index].id!r}: bad {key}: {exc}", item)
            return None

    if dataset.schema_version != SCHEMA_VERSION:
        problems.append(
            Problem(
                name,
                lines.top_keys.get("schema_version", 0),
                f"schema_version {dataset.schema_version} is not supported (this cqmu reads version {SCHEMA_VERSION})",
            )
        )

    def check_count(kind: str, index: int, key: str, value: int | None, item: int | None = None) -> None:
        if value is not None and not 0 <= value <= _INT64_MAX:
            rid = getattr(dataset, kind)[index].id
            add(kind, index, key, f"{kind} {rid!r}: {key} must be a whole number from 0 up, not {_short(value)}", item)

    partner_ids = {p.id: p for p in dataset.partners}
    looped: set[str] = set()
    for index, partner in enumerate(dataset.partners):
        check_date("partners", index, "cooperation_since", partner.cooperation_since)
        if partner.established is not None and not 1 <= partner.established <= 9999:
            add(
                "partners",
                index,
                "established",
                f"partners {partner.id!r}: established must be a year (1 to 9999), not {_short(partner.established)}",
            )
        chain = [partner.id]
        parent = partner.parent
        while parent is not None and parent in partner_ids and parent not in chain:
            chain.append(parent)
            parent = partner_ids[parent].parent
        if parent is not None and parent == partner.id and len(chain) > 1 and partner.id not in looped:
            looped.update(chain)  # one problem per loop, at its first record
            loop = " -> ".join([*chain, partner.id])
            add("partners", index, "parent", f"partners {partner.id!r}: parent chain loops back ({loop})")
        if partner.country is not None and not countries.is_country(partner.country):
            add(
                "partners",
                index,
                "country",
                f"partners {partner.id!r}: {partner.country!r} is not an ISO 3166-1 alpha-2 country code",
            )
        if partner.parent == partner.id:
            add("partners", index, "parent", f"partners {partner.id!r} is its own parent")
    for index, programme in enumerate(dataset.programmes):
        check_count("programmes", index, "partner_count", programme.partner_count)
        check_count("programmes", index, "sessions", programme.sessions)
        for item, cohort in enumerate(programme.cohorts):
            check_count("programmes", index, "cohorts", cohort.size, item)
        start = check_date("programmes", index, "start", programme.start)
        end = check_date("programmes", index, "end", programme.end)
        if start and end and end.upper < start.lower:
            add(
                "programmes",
                index,
                "end",
                f"programmes {programme.id!r}: ends ({programme.end}) before it starts ({programme.start})",
            )
        for item, cohort in enumerate(programme.cohorts):
            check_date("programmes", index, "cohorts", cohort.date, item)
    for index, event in enumerate(dataset.events):
        check_date("events", index, "date", event.date)
    for index, source in enumerate(dataset.sources):
        check_date("sources", index, "date", source.date)
        check_date("sources", index, "event_date", source.event_date)
    problems.sort(key=lambda p: p.line)
    return problems


def _short(value: int) -> str:
    """An integer for a message (a huge one by its size only: str() of it may be refused)."""
    return str(value) if abs(value) < 10**30 else f"a number of about {value.bit_length() * 3 // 10 + 1} digits"


def load_checked(path: Path) -> tuple[Dataset, list[Problem]]:
    """Read, parse and type-check a file; return it with its whole-dataset problems."""
    name = str(path)
    text = decode_text(read_bytes(path), name)
    raw = parse_toml(text, name)
    if not raw:  # only comments and blank lines: as empty as an empty file, not a dataset of nothing
        raise DataError([Problem(name, 1, "the file is empty (only comments): expected a TOML dataset")])
    lines = LineIndex(text)
    dataset = convert(raw, name, lines)
    return dataset, check(dataset, name, lines)


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Dataset:
    """The checked dataset at ``path`` (default: ``$CQMU_DATA`` or the bundled one).

    Raises :class:`DataError` listing every problem when the file is not usable.
    """
    resolved = resolve_data_path(path)
    if use_cache:
        from . import cache

        return cache.load_cached(resolved, _load_uncached)
    return _load_uncached(resolved)


def _load_uncached(path: Path) -> Dataset:
    dataset, problems = load_checked(path)
    if problems:
        raise DataError(problems)
    return dataset


def iter_records(dataset: Dataset, kinds: Iterable[str] | None = None) -> Iterator[tuple[str, Any]]:
    """Every (kind, record) pair, kinds in dataset order."""
    from .model import KINDS

    for kind in kinds or KINDS:
        for record in getattr(dataset, kind):
            yield kind, record
