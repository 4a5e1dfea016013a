"""EDTF-like dates: precision is kept, impossible dates are refused, order is by earliest day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cqmu_exchange import dates


@pytest.mark.parametrize(
    ("text", "form", "precision", "lower", "upper"),
    [
        ("2006", "point", "year", dt.date(2006, 1, 1), dt.date(2006, 12, 31)),
        ("2014-07", "point", "month", dt.date(2014, 7, 1), dt.date(2014, 7, 31)),
        ("2024-02", "point", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024-06-25", "point", "day", dt.date(2024, 6, 25), dt.date(2024, 6, 25)),
        ("2023-11-25/2023-12-02", "interval", "day", dt.date(2023, 11, 25), dt.date(2023, 12, 2)),
        ("[2023-11-25..2023-12-02]", "one_of", "day", dt.date(2023, 11, 25), dt.date(2023, 12, 2)),
        ("{2024-03-02,2024-03-06}", "all_of", "day", dt.date(2024, 3, 2), dt.date(2024, 3, 6)),
        ("2017/..", "interval", "year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ],
)
def test_forms_keep_their_precision(text: str, form: str, precision: str, lower: dt.date, upper: dt.date) -> None:
    parsed = dates.parse(text)
    assert (parsed.form, parsed.precision, parsed.lower, parsed.upper) == (form, precision, lower, upper)


def test_qualifiers_mark_uncertainty() -> None:
    assert dates.parse("2024?").uncertain
    assert dates.parse("2014~").describe() == "2014 (approximate)"
    assert dates.parse("[2023-11-25..2023-12-02]").uncertain
    assert not dates.parse("2024-06-25").uncertain


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2024-02-30", "day 30 does not exist"),
        ("2023-02-29", "day 29 does not exist"),
        ("2024-13", "month 13 does not exist"),
        ("2024-12-01/2024-11-30", "ends before it starts"),
        ("June 2024", "is not a date"),
        ("24-06-25", "is not a date"),
        ("", "empty date"),
        ("{2024-03-06,2024-03-02}", "not in order"),
        ("../..", "needs at least one end"),
    ],
)
def test_impossible_dates_are_refused(text: str, why: str) -> None:
    with pytest.raises(dates.DateError, match=why):
        dates.parse(text)


def test_sort_key_puts_undated_last_and_orders_by_earliest_day() -> None:
    texts = [None, "2024-06-25", "2006", "2023-11-25/2023-12-02", "2023-11", "bogus"]
    ordered = sorted(texts, key=dates.sort_key)
    assert ordered[:4] == ["2006", "2023-11", "2023-11-25/2023-12-02", "2024-06-25"]
    assert set(ordered[4:]) == {None, "bogus"}


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_real_day_round_trips(day: dt.date) -> None:
    text = day.isoformat()
    parsed = dates.parse(text)
    assert parsed.lower == parsed.upper == day
    assert parsed.points[0] is not None and parsed.points[0].iso() == text


@given(st.text(max_size=30))
def test_parse_never_raises_anything_but_date_error(text: str) -> None:
    try:
        parsed = dates.parse(text)
    except dates.DateError:
        return
    assert parsed.lower <= parsed.upper
