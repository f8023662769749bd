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


def parse_cli_date(text: str, option: str, today: date | None = None) -> date:
    """`YYYY-MM-DD`, or with `today` given also `+3d`, `+2w`, `+1m`; else a usage error."""
    text = text.strip()
    if today is not None:
        match = re.fullmatch(_RELATIVE, text)
        if match:
            count, unit = int(match.group(1)), match.group(2)
            try:
                if unit == "m":
                    return add_months(today, count)
                return today + timedelta(days=count * (7 if unit == "w" else 1))
            except (ValueError, OverflowError):  # past the year 9999
                raise UsageError(f"{option}: {text} from {today} is past the last date there is") from None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{option}: {text} is not a real date") from None
    forms = "YYYY-MM-DD, +3d, +2w or +1m" if today is not None else "YYYY-MM-DD"
    raise UsageError(f"{option}: expected a date as {forms}, got {text!r}")


def today_or(text: str | None) -> date:
    """`--today` if given, else the local date."""
    return parse_cli_date(text, "--today") if text else date.today()
