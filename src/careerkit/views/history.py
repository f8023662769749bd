"""A person's documents in date order, each with a one-line summary: `careerkit log`."""

from __future__ import annotations

from datetime import date

from careerkit.rules.kinds import plural
from careerkit.values.model import Document

EMPTY = "(nothing in the frontmatter yet)"


def planned(doc: Document, today: date) -> bool:
    """True for a conversation document not held on `today`: dated ahead, or prepared and not held (a note never)."""
    return doc.stage != "note" and not doc.is_held(today)


def summarise(doc: Document) -> str:
    """One line that says what the document holds, from its data."""
    if doc.summary and doc.stage == "note":
        return doc.summary
    parts = [part for part in (describe(doc) for describe in _PARTS) if part]
    return "; ".join(parts) or EMPTY


def _summary(doc: Document) -> str:
    return doc.summary


def _values(doc: Document) -> str:
    return "values: " + ", ".join(doc.values) if doc.stage == "story" and doc.values else ""


def _dreams(doc: Document) -> str:
    if doc.stage != "dreams" or not doc.dreams:
        return ""
    return f"{plural(len(doc.dreams), 'dream')}: " + "; ".join(d.dream for d in doc.dreams)


def _skills(doc: Document) -> str:
    return f"{plural(len(doc.skills), 'skill')}: " + ", ".join(s.skill for s in doc.skills) if doc.skills else ""


def _actions(doc: Document) -> str:
    if not doc.actions:
        return ""
    counts = {status: sum(1 for a in doc.actions if a.status == status) for status in ("open", "done", "dropped")}
    return (
        plural(len(doc.actions), "action")
        + " ("
        + ", ".join(f"{count} {status}" for status, count in counts.items() if count)
        + ")"
    )


def _next_checkin(doc: Document) -> str:
    return f"next check-in {doc.next_checkin}" if doc.next_checkin else ""


# The parts of a summary line, in the order they are shown.
_PARTS = (_summary, _values, _dreams, _skills, _actions, _next_checkin)
