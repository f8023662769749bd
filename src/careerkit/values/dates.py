"""Dates as users write them: on the command line and in frontmatter."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from careerkit.errors import UsageError

# As text, compiled by `re` on first use (see careerkit.reading.documents).
_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_RELATIVE = r"\+(\d{1,4})([dwm])"


def value_to_date(value: object) -> date | None:
    """A frontmatter value as a date, or None when it is not one.

    YAML dates, datetimes (the date written in them, no time-zone conversion)
    and quoted ISO strings (`"2026-03-01"`, `"2026-03-01T09:30"`) are dates.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not re.match(_ISO_DAY, text):
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text).date() if text[10] in "Tt " else None
        except ValueError:
            return None
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    import calendar  # only here: this module is on every command's start-up path

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


DAY_FORMS = "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, a weekday (friday, fri) or eom"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NEAR = {"yesterday": -1, "today": 0, "tomorrow": 1}


def parse_cli_date(text: str, option: str, today: date | None = None) -> date:
    """A day as the command line takes it (DAY_FORMS, and yesterday), relative to `today` (default: the local
    date); else a usage error that names `option`.

    A weekday is the next one after today (`friday` on a Friday is a week ahead); `eom` is the last day of
    today's month; `+1m` is the same day a month later, or that month's last day when it is shorter.
    """
    word = text.strip().lower()
    if re.fullmatch(_ISO_DAY, word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise UsageError(f"{option}: {text} is not a real date") from None
    base = today if today is not None else date.today()
    try:
        day = _relative_day(word, base)
    except (ValueError, OverflowError):  # past the year 9999 (or, for yesterday, before the year 1)
        edge = "before the first" if word == "yesterday" else "past the last"
        raise UsageError(f"{option}: {text} from {base} is {edge} date there is") from None
    if day is None:
        raise UsageError(f"{option}: expected a day as {DAY_FORMS}, got {text!r}")
    return day


def _relative_day(word: str, today: date) -> date | None:
    """The day that `word` (lower case) names from `today`, or None when it names none."""
    if word in _NEAR:
        return today + timedelta(days=_NEAR[word])
    if word == "eom":
        import calendar

        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    match = re.fullmatch(_RELATIVE, word)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        if unit == "m":
            return add_months(today, count)
        return today + timedelta(days=count * (7 if unit == "w" else 1))
    for weekday, name in enumerate(_WEEKDAYS):
        if word in (name, name[:3]):
            return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    return None


def today_or(text: str | None) -> date:
    """`--today` if given (a day in any form, from the local date), else the local date."""
    return parse_cli_date(text, "--today") if text is not None else date.today()
