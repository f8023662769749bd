"""The words findings and views use for numbers and times, as people say them."""


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def age(days: int) -> str:
    """How long, as people say it: days up to two weeks, then weeks up to eight, then months."""
    if days <= 14:
        return plural(days, "day")
    if days <= 56:
        return plural(days // 7, "week")
    return plural(round(days / 30.4), "month")


def when(days: int) -> str:
    """'due today', 'due 3 days ago', 'due in 2 weeks': `days` is how long ago the date was (negative: ahead)."""
    if days == 0:
        return "due today"
    if days > 0:
        return f"due {age(days)} ago"
    return f"due in {age(-days)}"


def listed(items: list[str]) -> str:
    """'3', '3 and 5', '3, 5 and 8'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
