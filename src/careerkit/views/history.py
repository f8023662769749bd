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
    parts: list[str] = []
    if doc.stage == "story" and doc.values:
        parts.append("values: " + ", ".join(doc.values))
    if doc.stage == "dreams" and doc.dreams:
        parts.append(f"{plural(len(doc.dreams), 'dream')}: " + "; ".join(d.dream for d in doc.dreams))
    if doc.skills:
        parts.append(f"{plural(len(doc.skills), 'skill')}: " + ", ".join(s.skill for s in doc.skills))
    if doc.actions:
        counts = {status: sum(1 for a in doc.actions if a.status == status) for status in ("open", "done", "dropped")}
        parts.append(
            plural(len(doc.actions), "action")
            + " ("
            + ", ".join(f"{count} {status}" for status, count in counts.items() if count)
            + ")"
        )
    if doc.next_checkin:
        parts.append(f"next check-in {doc.next_checkin}")
    if doc.summary:
        parts.insert(0, doc.summary)
    return "; ".join(parts) or EMPTY
