"""When things fall due, and who is away: the dates the rules and the views share."""

from datetime import date, timedelta

from careerkit.values.model import PersonNotes, Team


def later(day: date, days: int) -> date:
    """`day` + `days`; the last date there is, for a sum past the year 9999 (a typo, or `--within 10**9`)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def earlier(day: date, days: int) -> date:
    """`day` - `days`; the first date there is, for a difference before the year 1."""
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


def next_checkin(person: PersonNotes, team: Team) -> date | None:
    """When the next check-in is due: `next_checkin` of the newest plan or check-in, else its date + cadence."""
    latest_work = person.newest("plan", "checkin")
    if latest_work is None:
        return None
    return latest_work.next_checkin or later(latest_work.date, team.checkin_every_days(person))


def conversation_review(person: PersonNotes, team: Team) -> date | None:
    """When the next career conversation is due: `review_by` of the newest plan if set, else the newest
    story, dreams or plan + `conversation_every_days`; None before the first of them."""
    conversation = person.newest("story", "dreams", "plan")
    if conversation is None:
        return None
    plan = person.newest("plan")
    review_by = plan.review_by if plan is not None else None
    return review_by or later(conversation.date, team.settings.conversation_every_days)


def has_left(person: PersonNotes, day: date) -> bool:
    """True when the profile's `left` is on or before `day`: from then on nothing is reported for them."""
    return person.profile.left is not None and person.profile.left <= day


def is_paused(person: PersonNotes, day: date) -> bool:
    """True when the profile's `paused_until` is after `day` (on that day itself they are back)."""
    return person.profile.paused_until is not None and person.profile.paused_until > day


def away(person: PersonNotes, day: date) -> str | None:
    """Why nothing is reported for the person on `day`: "left", "paused", or None when they are here."""
    if has_left(person, day):
        return "left"
    if is_paused(person, day):
        return "paused"
    return None


def grace_until(person: PersonNotes, team: Team, today: date) -> date | None:
    """For someone back from a pause (`paused_until` on or before today): the end of their one cadence of grace,
    before which nothing of theirs is late, drifting or missing (but your promises and `leaving`)."""
    back = person.profile.paused_until
    if back is None or back > today:
        return None
    return later(back, team.checkin_every_days(person))
