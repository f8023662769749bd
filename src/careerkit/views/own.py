"""`careerkit report --for PERSON`: the page a person keeps, written to them and in their words.

It holds what was said in held conversations only: their values (theirs to correct), their dreams and skills
in neutral colours, their plan and how they learn best, their steps as open, done or dropped, what their
manager promised them, and the sections of their held documents marked as theirs (careerkit.reading.sections).
Never a late or stale state, a finding, a note, or any other line of a body: it is the page most likely to be
forwarded, so it says at its foot that it is not a performance review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from careerkit import __version__
from careerkit.reading.sections import Section, sections_in
from careerkit.rules.findings import next_checkin
from careerkit.values.model import Action, Document, PersonNotes, PlanSkill, Team

TEMPLATE = "own.html.j2"
CONVERSATIONS = ("story", "dreams", "plan", "checkin")
STAGE_NAMES = {"story": "your story", "dreams": "your dreams", "plan": "your plan", "checkin": "a check-in"}


@dataclass
class Rating:
    need: int | None
    have: int | None

    @property
    def words(self) -> str:
        """The gap as the person reads it: never a score to fix."""
        if self.need is None or self.have is None:
            return "not rated yet"
        gap = self.need - self.have
        if gap > 0:
            return f"room to grow: {gap}"
        return "a strength" if gap < 0 else "where it needs to be"


@dataclass
class SkillRow:
    skill: str
    chosen: bool  # one of the skills in their plan
    cells: list[Rating | None]  # one per dream; None where that dream does not need the skill


@dataclass
class Grid:
    day: date
    dreams: list[str]
    rows: list[SkillRow]


@dataclass
class Growth:
    skill: str
    then: list[tuple[date, int]]  # each earlier rating of `have`, oldest first
    now: int

    @property
    def words(self) -> str:
        """ "3 in March, 4 now" (with the year when the ratings span more than one)."""
        years = {day.year for day, _ in self.then}
        fmt = "%B" if len(years) == 1 else "%B %Y"
        return ", ".join(f"{have} in {day.strftime(fmt)}" for day, have in self.then) + f", {self.now} now"


@dataclass
class Words:
    """Their own sections of one held document."""

    day: date
    stage: str
    sections: list[Section]


@dataclass
class OwnPage:
    name: str
    role: str | None
    today: date
    version: str
    speaking_to_self: bool  # their own notes (`self` in careerkit.yaml): promises are what they asked
    next_checkin: date | None
    promises: list[Action]  # open first
    values: list[str]
    values_confirmed: date | None
    grid: Grid | None
    growth: list[Growth]
    plan: Document | None
    learns_best: list[str]
    skills: list[PlanSkill]
    steps: list[Action]  # open first, then done, then dropped
    finished: int  # steps done since the newest plan or check-in
    all_done: bool
    dreams_changed: date | None  # the day their dreams changed; the old plan's steps are then not shown
    hidden_steps: int
    words: list[Words] = field(default_factory=list)


def build(person: PersonNotes, team: Team, today: date) -> OwnPage:
    """The page of `person` on `today`, from their held documents only (a prepared one says nothing yet)."""
    held = person.as_held(today)
    story, plan = held.newest("story"), held.newest("plan")
    change = held.dream_change(today)
    steps, hidden = _steps(held, team, change)
    return OwnPage(
        name=person.name,
        role=person.profile.role,
        today=today,
        version=__version__,
        speaking_to_self=team.settings.self_person == person.slug,
        next_checkin=_next_checkin(person, held, team, today),
        promises=_open_first([a for a in held.actions() if team.is_promise(a)]),
        values=story.values if story else [],
        values_confirmed=story.values_confirmed if story else None,
        grid=grid(held),
        growth=growth(held),
        plan=plan,
        learns_best=_learns_best(held),
        skills=plan.skills if plan else [],
        steps=steps,
        finished=_finished_since_last_talk(held, steps, today),
        all_done=_all_done(steps),
        dreams_changed=change.date if change else None,
        hidden_steps=hidden,
        words=own_words(held, team.root),
    )


def _finished_since_last_talk(held: PersonNotes, steps: list[Action], today: date) -> int:
    """How many steps they finished after the newest plan or check-in (all of them, when there is none)."""
    since = held.newest("plan", "checkin")
    done = [a for a in steps if a.status == "done"]
    return sum(1 for a in done if since is None or (a.closed_on or today) > since.date)


def _all_done(steps: list[Action]) -> bool:
    """True when they finished at least one step and every step they kept (not dropped) is done."""
    done = [a for a in steps if a.status == "done"]
    return bool(done) and len(done) == len([a for a in steps if a.status != "dropped"])


def _open_first(actions: list[Action]) -> list[Action]:
    rank = {"open": 0, "done": 1, "dropped": 2}
    return sorted(actions, key=lambda a: (rank.get(a.status, 3), a.due or date.max, a.id))


def _steps(held: PersonNotes, team: Team, change: Document | None) -> tuple[list[Action], int]:
    """Their own steps, open first; after a dream change, the old plan's (those written by then) are left out."""
    steps = [a for a in held.actions() if not team.is_promise(a)]
    if change is None:
        return _open_first(steps), 0
    first_seen = held.first_seen()
    kept = [a for a in steps if first_seen.get(a.id, change.date) > change.date]
    return _open_first(kept), len(steps) - len(kept)


def _next_checkin(person: PersonNotes, held: PersonNotes, team: Team, today: date) -> date | None:
    """The next check-in when it is ahead: a prepared one, or the one the plan's rhythm gives; None when its day
    passed (the page never says a conversation is late: the manager sets the next one)."""
    prepared = [d.date for d in person.planned(today) if d.stage == "checkin" and d.date >= today]
    if prepared:
        return min(prepared)
    due = next_checkin(held, team)
    return due if due is not None and due >= today else None


def _learns_best(held: PersonNotes) -> list[str]:
    plan = next((d for d in reversed(held.documents) if d.stage == "plan" and d.learns_best), None)
    return plan.learns_best if plan else []


def grid(held: PersonNotes) -> Grid | None:
    """The newest dreams as columns and every skill they need as a row, in the order they were written."""
    dreams = held.newest("dreams")
    if dreams is None or not dreams.dreams:
        return None
    plan = held.newest("plan")
    chosen = {skill.skill.casefold() for skill in plan.skills} if plan else set()
    rows: dict[str, list[Rating | None]] = {}
    for column, dream in enumerate(dreams.dreams):
        for rated in dream.skills:
            rows.setdefault(rated.skill, [None] * len(dreams.dreams))[column] = Rating(rated.need, rated.have)
    skill_rows = [SkillRow(skill, skill.casefold() in chosen, cells) for skill, cells in rows.items()]
    return Grid(dreams.date, [dream.dream for dream in dreams.dreams], skill_rows)


def growth(held: PersonNotes) -> list[Growth]:
    """For each skill rated in two or more held dreams documents: `have` then and now (the first rating of the
    skill in each document)."""
    ratings: dict[str, list[tuple[date, int]]] = {}
    names: dict[str, str] = {}
    for doc in held.documents:
        if doc.stage != "dreams":
            continue
        seen: set[str] = set()
        for dream in doc.dreams:
            for rated in dream.skills:
                key = rated.skill.casefold()
                if rated.have is None or key in seen:
                    continue
                seen.add(key)
                names[key] = rated.skill
                ratings.setdefault(key, []).append((doc.date, rated.have))
    found = []
    for key, then in ratings.items():
        if len(then) >= 2:
            found.append(Growth(names[key], then[:-1], then[-1][1]))
    return found


def own_words(held: PersonNotes, root: Path) -> list[Words]:
    """The sections marked as theirs in each held conversation document, newest first; never a note's."""
    found = []
    for doc in reversed(held.documents):
        if doc.stage in CONVERSATIONS:
            sections = [s for s in sections_in(root / doc.path) if s.lines]
            if sections:
                found.append(Words(doc.date, doc.stage, sections))
    return found


def render(page: OwnPage, generator: str) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("careerkit", "resources"),
        autoescape=True,  # their words are text: a `<script>` in a section is shown, never run
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = lambda value: value.isoformat() if isinstance(value, date) else "\N{EN DASH}"
    return environment.get_template(TEMPLATE).render(page=page, GENERATOR=generator, STAGE_NAMES=STAGE_NAMES)
