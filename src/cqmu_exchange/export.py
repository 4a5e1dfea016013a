"""Export the whole dataset: JSON (the contract other tools read) and SQLite.

Files are written to a temporary file in the target folder and renamed into
place; an existing file is never overwritten unless ``force`` is given.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from .model import KINDS, RECORD_TYPES, SCHEMA_VERSION, Dataset


class ExportError(Exception):
    """The export could not be written (the message says why, in one line)."""


def to_builtins(dataset: Dataset) -> dict[str, Any]:
    """Every field of every record (nulls and empty lists included), ``schema_version`` first."""
    data: dict[str, Any] = msgspec.to_builtins(dataset)
    return {"schema_version": SCHEMA_VERSION, **{k: data[k] for k in KINDS}}


def to_json(dataset: Dataset) -> str:
    from .formats import json_dumps

    return json_dumps(to_builtins(dataset)) + "\n"


def _atomic(target: Path, force: bool, write: Callable[[Path], None]) -> None:
    if target.exists() and not force:
        raise ExportError(f"{target} exists; use --force to overwrite it")
    if target.is_dir():
        raise ExportError(f"{target} is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_file(target: Path, text: str, *, force: bool = False) -> None:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    _atomic(target, force, write)


# -- SQLite ------------------------------------------------------------------

# Many-to-many references become link tables: (table, owner kind, field, target kind).
LINKS = (
    ("programme_partners", "programmes", "partners", "partners"),
    ("programme_funders", "programmes", "funders", "partners"),
    ("programme_approvals", "programmes", "approved_by", "partners"),
    ("event_partners", "events", "partners", "partners"),
    ("event_programmes", "events", "programmes", "programmes"),
    ("event_people", "events", "people", "people"),
    ("partner_related", "partners", "related", "partners"),
)
SINGULAR = {
    "partners": "partner",
    "programmes": "programme",
    "events": "event",
    "people": "person",
    "sources": "source",
}


def write_sqlite(dataset: Dataset, target: Path, *, force: bool = False) -> None:
    """One table per kind (nested values as JSON text), link tables, and a sources link table."""
    _atomic(target, force, lambda tmp: _fill_sqlite(dataset, tmp))


def _fill_sqlite(dataset: Dataset, path: Path) -> None:
    path.unlink(missing_ok=True)
    data = to_builtins(dataset)
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            for kind in KINDS:
                records = data[kind]
                fields = list(RECORD_TYPES[kind].__struct_fields__)
                cols = ", ".join(f'"{f}"' + (" TEXT PRIMARY KEY" if f == "id" else "") for f in fields)
                con.execute(f'CREATE TABLE "{kind}" ({cols})')
                marks = ", ".join("?" for _ in fields)
                con.executemany(
                    f'INSERT INTO "{kind}" VALUES ({marks})',
                    [[_sql_value(r.get(f)) for f in fields] for r in records],
                )
            for table, owner, field, target in LINKS:
                a, b = f"{SINGULAR[owner]}_id", f"{SINGULAR[target]}_id"
                if a == b:
                    b = f"related_{b}"
                columns = f'"{a}" TEXT REFERENCES "{owner}"(id), "{b}" TEXT REFERENCES "{target}"(id)'
                con.execute(f'CREATE TABLE "{table}" ({columns})')
                con.executemany(
                    f'INSERT INTO "{table}" VALUES (?, ?)',
                    [(r["id"], ref) for r in data[owner] for ref in r.get(field) or []],
                )
            con.execute(
                'CREATE TABLE "record_sources" ("kind" TEXT, "record_id" TEXT, "source_id" TEXT REFERENCES sources(id))'
            )
            con.executemany(
                'INSERT INTO "record_sources" VALUES (?, ?, ?)',
                [
                    (SINGULAR[k], r["id"], s)
                    for k in ("partners", "programmes", "events", "people")
                    for r in data[k]
                    for s in r["sources"]
                ],
            )
    finally:
        con.close()


def _sql_value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
