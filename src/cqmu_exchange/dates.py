"""EDTF-like dates that never claim more precision than their source.

Supported forms (a subset of ISO 8601-2 / EDTF levels 0-2):

- ``2024``, ``2024-06``, ``2024-06-25``: a year, a month or a day;
- a trailing ``?`` (uncertain), ``~`` (approximate) or ``%`` (both);
- ``A/B``: an interval; either end may be ``..`` (open);
- ``[A..B]`` or ``[A,B]``: one day (or month) among these, unknown which;
- ``{A,B}``: all of these (e.g. two meetings on two days).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import re
from typing import NamedTuple

_SINGLE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?$")

QUALIFIERS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}


class DateError(ValueError):
    """A date string that is not valid EDTF-like notation, or not a real date."""


class Point(NamedTuple):
    """One calendar date at year, month or day precision (a tuple: cheap to make)."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # "?", "~" or "%"

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def lower(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def upper(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + (self.qualifier or "")


class Edtf(NamedTuple):
    """A parsed date: one point, an interval, one-of or all-of a set of points."""

    text: str
    form: str  # "point", "interval", "one_of", "all_of"
    points: tuple[Point | None, ...]  # None stands for an open end of an interval

    @property
    def lower(self) -> dt.date:
        known = [p.lower for p in self.points if p is not None]
        return min(known) if known else dt.date.min

    @property
    def upper(self) -> dt.date:
        known = [p.upper for p in self.points if p is not None]
        return max(known) if known else dt.date.max

    @property
    def year(self) -> int:
        return self.lower.year

    @property
    def precision(self) -> str:
        """The coarsest precision of the points ('year' < 'month' < 'day')."""
        order = {"year": 0, "month": 1, "day": 2}
        known = [p.precision for p in self.points if p is not None]
        return min(known, key=order.__getitem__) if known else "year"

    @property
    def uncertain(self) -> bool:
        return self.form == "one_of" or any(p is not None and p.qualifier for p in self.points)

    def years(self) -> range:
        """The calendar years this date touches (open ends stop at the known end)."""
        known = [p for p in self.points if p is not None]
        lo = min(p.lower.year for p in known)
        hi = max(p.upper.year for p in known)
        return range(lo, hi + 1)

    def describe(self) -> str:
        """A short human reading, e.g. 'between 2023-11-25 and 2023-12-02 (day unknown)'."""
        pts = [p.iso() if p else "open" for p in self.points]
        if self.form == "point":
            point = self.points[0]
            assert point is not None
            qual = QUALIFIERS.get(point.qualifier or "")
            return point.iso().rstrip("?~%") + (f" ({qual})" if qual else "")
        if self.form == "interval":
            return f"{pts[0]} to {pts[1]}"
        if self.form == "one_of":
            return "one day of " + (" to ".join(pts) if "..]" in self.text else ", ".join(pts))
        return " and ".join(pts)


def _point(text: str, whole: str) -> Point:
    match = _SINGLE.match(text.strip())
    if not match:
        raise DateError(f"{whole!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match["y"])
    if year < dt.MINYEAR:
        raise DateError(f"{whole!r}: there is no year 0 (years run from 0001)")
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{whole!r}: month {month} does not exist")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{whole!r}: day {day} does not exist in {year:04d}-{month:02d}")
    return Point(year, month, day, match["q"])


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Edtf:
    """Parse an EDTF-like date string; raise :class:`DateError` when it is not one.

    Results are immutable and cached: a dataset repeats the same dates many times.
    """
    if not isinstance(text, str) or not text.strip():
        raise DateError("empty date")
    raw = text.strip()
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        parts = inner.split("..") if ".." in inner else inner.split(",")
        if len(parts) < 2 or any(not p.strip() for p in parts):
            raise DateError(f"{raw!r}: a one-of set needs two or more dates")
        points = tuple(_point(p, raw) for p in parts)
        _ordered(points, raw)
        return Edtf(raw, "one_of", points)
    if raw.startswith("{") and raw.endswith("}"):
        parts = raw[1:-1].split(",")
        if len(parts) < 2 or any(not p.strip() for p in parts):
            raise DateError(f"{raw!r}: a set needs two or more dates")
        points = tuple(_point(p, raw) for p in parts)
        _ordered(points, raw)
        return Edtf(raw, "all_of", points)
    if "/" in raw:
        start_text, _, end_text = raw.partition("/")
        if "/" in end_text:
            raise DateError(f"{raw!r}: an interval has exactly one '/'")
        start = None if start_text in ("", "..") else _point(start_text, raw)
        end = None if end_text in ("", "..") else _point(end_text, raw)
        if start is None and end is None:
            raise DateError(f"{raw!r}: an interval needs at least one end")
        if start and end and end.upper < start.lower:
            raise DateError(f"{raw!r}: the interval ends before it starts")
        return Edtf(raw, "interval", (start, end))
    return Edtf(raw, "point", (_point(raw, raw),))


def _ordered(points: tuple[Point, ...], raw: str) -> None:
    for first, second in itertools.pairwise(points):
        if second.lower < first.lower:
            raise DateError(f"{raw!r}: dates are not in order")


def sort_key(text: str | None) -> tuple[int, dt.date, dt.date]:
    """Order dates by their earliest day; undated (None or invalid) sorts last."""
    if not text:
        return (1, dt.date.max, dt.date.max)
    try:
        parsed = parse(text)
    except DateError:
        return (1, dt.date.max, dt.date.max)
    return (0, parsed.lower, parsed.upper)


def year_of(text: str | None) -> int | None:
    """The first year a date string touches, or None when there is none."""
    if not text:
        return None
    try:
        return parse(text).year
    except DateError:
        return None
