"""What each known key of a notes file holds: the one schema that the readers and `careerkit check` share.

A dict is a mapping, `[item]` a list of such items, else TEXT, NUMBER or DATE.
The readers (careerkit.reading.documents, careerkit.reading.settings) take the keys they read
as dates or numbers from here; `check` walks each file's YAML against it.
"""

from typing import Any

TEXT, NUMBER, DATE = "text", "number", "date"
FLAG = "flag"  # true or false (`dream_shift` may also be text)

ACTION: dict[str, Any] = {
    "id": NUMBER,
    "title": TEXT,
    "owner": TEXT,
    "skill": TEXT,
    "due": DATE,
    "status": TEXT,
    "updated": DATE,
    "closed": DATE,
    "inherited": DATE,  # received in a handover (careerkit receive); removed by `careerkit action keep`
}
DREAM_SKILL: dict[str, Any] = {"skill": TEXT, "need": NUMBER, "have": NUMBER}
DREAM: dict[str, Any] = {"dream": TEXT, "skills": [DREAM_SKILL]}
PLAN_SKILL: dict[str, Any] = {"skill": TEXT, "resources": [TEXT]}
DOCUMENT: dict[str, Any] = {
    "person": TEXT,
    "stage": TEXT,
    "date": DATE,
    "summary": TEXT,
    "values": [TEXT],
    "dreams": [DREAM],
    "learns_best": [TEXT],
    "skills": [PLAN_SKILL],
    "actions": [ACTION],
    "next_checkin": DATE,
    "review_by": DATE,
    "values_confirmed": DATE,
    "template": TEXT,  # NO_TEMPLATE in a note `careerkit note TEXT` wrote: no line of it came from a template
    "used": DATE,
    "held": FLAG,
    "dream_shift": FLAG,
    "scaffold": TEXT,
}
TEMPLATE, NO_TEMPLATE = "template", "none"
# Mappings whose every key careerkit knows: any other key there is a slip (`deu:` for `due:`), not a note.
CLOSED = {
    id(ACTION): "an action",
    id(DREAM): "a dream",
    id(DREAM_SKILL): "a skill of a dream",
    id(PLAN_SKILL): "a skill of the plan",
}
PROFILE: dict[str, Any] = {
    "name": TEXT,
    "role": TEXT,
    "checkin_every_days": NUMBER,
    "since": DATE,
    "left": DATE,
    "paused_until": DATE,
}
CONFIG: dict[str, Any] = {
    "checkin_every_days": NUMBER,
    "conversation_every_days": NUMBER,
    "stale_after_days": NUMBER,
    "manager": TEXT,
    "calendar_key": TEXT,
    "self": TEXT,
}


def keys_holding(schema: dict[str, Any], kind: str) -> tuple[str, ...]:
    """The keys of `schema` that hold a `kind` (TEXT, NUMBER or DATE), in the schema's order."""
    return tuple(key for key, value in schema.items() if value == kind)


ACTION_DATES = keys_holding(ACTION, DATE)  # due, updated, closed, inherited
DOCUMENT_DATES = tuple(key for key in keys_holding(DOCUMENT, DATE) if key != "date")  # the optional ones
PROFILE_DATES = keys_holding(PROFILE, DATE)  # since, left, paused_until
DAY_SETTINGS = keys_holding(CONFIG, NUMBER)  # the settings that are a number of days
