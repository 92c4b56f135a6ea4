"""Dates as a person reads them."""

from __future__ import annotations

from datetime import datetime, timezone


def readable_time(iso: str) -> str:
    """An ISO 8601 timestamp as a day, month, year and UTC time; text that is not one stays.

    >>> readable_time("2025-03-07T14:05:09+00:00")
    '7 March 2025, 14:05 UTC'
    >>> readable_time("2025-03-07T16:05:09+02:00"), readable_time("yesterday")
    ('7 March 2025, 14:05 UTC', 'yesterday')
    """
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def readable_date(iso: str) -> str:
    """An ISO 8601 date (or the date of a timestamp) as a day, month and year; a year or a
    month alone, or text that is not a date, stays as it is.

    >>> readable_date("2024-11-02"), readable_date("2024"), readable_date("")
    ('2 November 2024', '2024', '')
    """
    try:
        day = datetime.fromisoformat(iso[:10]) if len(iso) >= 10 else None
    except ValueError:
        day = None
    return f"{day.day} {day:%B %Y}" if day else iso
