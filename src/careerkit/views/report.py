"""`careerkit report`: the team and each person as one static HTML page (a person's own page, `report --for`,
is careerkit.views.own).

`build_team` turns what was read into plain values (where each
mark and bar goes, as numbers); `render` writes them through the report's own
Jinja template, which escapes every value. The counts and states come from
careerkit.views.status, careerkit.rules.actions and careerkit.rules.findings, so a page never
disagrees with `status`, `action list` or `due`.

Only this module imports Jinja2 for HTML, and only `careerkit report` imports
this module. Its template ships inside the package (careerkit/resources) and a
notes repository cannot replace it: the repository's `templates/` are for new
documents, and a page someone opens in a browser must not take markup from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from careerkit import __version__
from careerkit.rules import findings
from careerkit.rules.actions import states
from careerkit.rules.findings import Finding, find_for_person
from careerkit.rules.kinds import TIERS, plural
from careerkit.values.dates import add_months
from careerkit.values.model import Action, Document, PersonNotes, Team
from careerkit.views.history import summarise
from careerkit.views.status import StatusRow, row

TEMPLATE = "report.html.j2"
# The first bytes of every page careerkit writes: `report -o` replaces only a file that starts so.
GENERATOR = '<meta name="generator" content="careerkit report">'
CONVERSATIONS = ("story", "dreams", "plan")
STRIP_WIDTH = 360  # the SVG user units of a 12-month strip
# Months counted from January of the year 0, so that month arithmetic never needs a date that does not exist.
FIRST_MONTH = 1 * 12  # January of the year 1
LAST_MONTH = 9999 * 12 + 11  # December 9999
GAP_LEVELS = 4  # gaps of 4 or more share the darkest colour
# How the team page words it: a step of theirs passed its date (drifting); only your own promise is late.
STEP_WORDS = {"overdue": "past its date"}
PROMISE_WORDS = {"overdue": "late"}


@dataclass
class Month:
    x: float
    width: float
    label: str  # "Jan"
    year: int


@dataclass
class Mark:
    x: float
    kind: str  # "conversation", "checkin" or "note"
    stage: str
    day: date
    planned: bool = False  # prepared, not held: drawn hollow


@dataclass
class Strip:
    """Twelve calendar months ending with today's month (in the year 1, the first twelve months there are), and a
    mark for each document in them."""

    start: date
    last: date  # the last day of the last month shown
    months: list[Month]
    marks: list[Mark]
    today_x: float
    counts: dict[str, int]


@dataclass
class Cell:
    need: int | None
    have: int | None

    @property
    def gap(self) -> int | None:
        return None if self.need is None or self.have is None else self.need - self.have

    @property
    def level(self) -> int:
        """0 (no gap, or not rated) to GAP_LEVELS: the colour of the cell."""
        return max(0, min(self.gap or 0, GAP_LEVELS))


@dataclass
class GridRow:
    skill: str
    in_plan: bool
    cells: list[Cell | None]  # one per dream; None where that dream does not need the skill


@dataclass
class Grid:
    day: date
    dreams: list[str]
    rows: list[GridRow]


@dataclass
class ActionRow:
    action: Action
    state: str  # from careerkit.rules.actions.states: overdue, due today, stale, on track, done, dropped
    start: date  # the date of the first document that holds it
    end: date  # closed, or today while open
    x: float = 0.0  # the bar, in percent of the person's action timeline
    width: float = 0.0
    due_x: float | None = None
    shown: str = ""  # the state as the page words it

    @property
    def tone(self) -> str:
        """The shown state as one CSS word."""
        return self.shown.replace(" ", "-")


@dataclass
class Doc:
    day: date
    stage: str
    path: str
    summary: str


@dataclass
class Person:
    slug: str
    name: str
    role: str | None
    away: str | None  # "left on ...", "paused until ...", or None
    status: StatusRow
    findings: list[Finding]
    strip: Strip
    values: list[str]
    values_confirmed: date | None  # the day they agreed the values heard in their story
    grid: Grid | None
    plan: Document | None
    actions: list[ActionRow]  # the person's own
    promises: list[ActionRow]  # the manager's, to them
    range_start: date | None  # of the actions' timeline
    range_end: date | None
    ticks: list[tuple[float, str]]  # (x percent, label) along the actions' timeline
    timeline: list[Doc]
    counts: dict[str, int] = field(default_factory=dict)  # actions by state


@dataclass
class Coverage:
    people: int
    last_6: list[str]  # names of those with a career conversation in the last 6 months
    last_12: list[str]
    not_6: list[str]  # started, but nothing in the last 6 months
    not_12: list[str]  # started, but nothing in the last 12 months
    never: list[str]  # no story, dreams or plan yet

    def percent(self, part: list[str]) -> int:
        return round(100 * len(part) / self.people) if self.people else 0


@dataclass
class Page:
    kind: str  # "team"
    today: date
    version: str
    people: list[Person]
    coverage: Coverage | None
    with_notes: bool
    manager: str
    documents: int
    problems: int


def _fraction(day: date | int, start: date | int, end: date | int) -> float:
    """Where `day` is between `start` and `end`, from 0 to 1; each a date or a day's ordinal (the day after
    9999-12-31, where the last month shown may end, has an ordinal but is no date)."""
    day, start, end = (value if isinstance(value, int) else value.toordinal() for value in (day, start, end))
    span = max(end - start, 1)
    return max(0.0, min(1.0, (day - start) / span))


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(month: int) -> int:
    """The ordinal of the first day of `month` (see FIRST_MONTH), also for the month after the last there is."""
    if month > LAST_MONTH:
        return date.max.toordinal() + 1
    return date(month // 12, month % 12 + 1, 1).toordinal()


def strip(person: PersonNotes, today: date) -> Strip:
    first = max(_month(today) - 11, FIRST_MONTH)
    start, end = _month_start(first), _month_start(first + 12)  # end: the first day after the strip
    months = []
    for month in range(first, first + 12):
        x = STRIP_WIDTH * _fraction(_month_start(month), start, end)
        width = STRIP_WIDTH * _fraction(_month_start(month + 1), start, end) - x
        months.append(Month(round(x, 2), round(width, 2), _month_name(month), month // 12))
    marks, counts = [], {"conversation": 0, "checkin": 0, "note": 0}
    for doc in person.documents:
        if start <= doc.date.toordinal() < end:
            kind = "conversation" if doc.stage in CONVERSATIONS else doc.stage
            held = doc.is_held(today)
            counts[kind] += held  # a prepared document is drawn, but not counted
            x = round(STRIP_WIDTH * _fraction(doc.date, start, end), 2)
            marks.append(Mark(x, kind, doc.stage, doc.date, planned=not held))
    today_x = round(STRIP_WIDTH * _fraction(today, start, end), 2)
    return Strip(date.fromordinal(start), date.fromordinal(end - 1), months, marks, today_x, counts)


def _month_name(month: int) -> str:
    return date(2000, month % 12 + 1, 1).strftime("%b")


def _ticks(range_start: date, range_end: date) -> list[tuple[float, str]]:
    """Month labels along the bars of actions, at most about six."""
    ticks = []
    month = _month(range_start) + 1
    step = max(1, ((range_end - range_start).days // 30) // 6 + 1)
    while month <= LAST_MONTH and _month_start(month) <= range_end.toordinal():
        x = round(100 * _fraction(_month_start(month), range_start, range_end), 2)
        if x <= 88:  # a label further right would run past the end of the bar
            ticks.append((x, f"{_month_name(month)} {month // 12}"))
        month += step
    return ticks


def grid(person: PersonNotes) -> Grid | None:
    """The newest dream/skill grid: its dreams as columns, every skill they need as a row, biggest gap first."""
    dreams = person.newest("dreams")
    if dreams is None or not dreams.dreams:
        return None
    plan = person.newest("plan")
    chosen = {skill.skill.casefold() for skill in plan.skills} if plan else set()
    skills: dict[str, list[Cell | None]] = {}
    for column, dream in enumerate(dreams.dreams):
        for rated in dream.skills:
            cells = skills.setdefault(rated.skill, [None] * len(dreams.dreams))
            cells[column] = Cell(rated.need, rated.have)
    rows = [GridRow(skill, skill.casefold() in chosen, cells) for skill, cells in skills.items()]
    rows.sort(key=lambda r: -max((c.gap or 0 for c in r.cells if c is not None), default=0))
    return Grid(dreams.date, [dream.dream for dream in dreams.dreams], rows)


def away(person: PersonNotes, today: date) -> str | None:
    """'left on D' or 'paused until D', when findings.away says they are away; else None."""
    why = findings.away(person, today)
    if why == "left":
        return f"left on {person.profile.left}"
    if why == "paused":
        return f"paused until {person.profile.paused_until}"
    return None


def person_view(person: PersonNotes, team: Team, today: date, with_notes: bool) -> Person:
    rows = _action_rows(person, team, today)
    range_start, range_end, ticks = _place(rows, today)
    own = [r for r in rows if not team.is_promise(r.action)]
    story = person.newest("story")
    return Person(
        slug=person.slug,
        name=person.name,
        role=person.profile.role,
        away=away(person, today),
        status=row(person, team, today),
        findings=sorted(find_for_person(person, team, today), key=lambda f: f.sort_key),
        strip=strip(person, today),
        values=story.values if story else [],
        values_confirmed=story.values_confirmed if story else None,
        grid=grid(person),
        plan=person.newest("plan"),
        actions=own,
        promises=[r for r in rows if team.is_promise(r.action)],
        range_start=range_start,
        range_end=range_end,
        ticks=ticks,
        timeline=_timeline(person, with_notes),
        counts=_counts(own),
    )


def _action_rows(person: PersonNotes, team: Team, today: date) -> list[ActionRow]:
    """Each action with its state in words and the days it spans: from when it was first written to when it
    closed (or today, while open)."""
    state = states(person, team, today)
    seen = person.first_seen()
    rows = []
    for action in person.actions():
        start = min(seen.get(action.id, action.touched), action.touched)
        end = action.closed or action.touched if not action.is_open else today
        words = PROMISE_WORDS if team.is_promise(action) else STEP_WORDS
        shown = words.get(state[action.id], state[action.id])
        rows.append(ActionRow(action, state[action.id], start, max(end, start), shown=shown))
    return rows


def _place(rows: list[ActionRow], today: date) -> tuple[date | None, date | None, list[tuple[float, str]]]:
    """The days the timeline covers and its ticks; each row gets its place and width on it (in percent)."""
    dues = [r.action.due for r in rows if r.action.due]
    range_start = min([*(r.start for r in rows), *dues], default=None)
    range_end = max([today, *(r.end for r in rows), *dues], default=None)
    if range_start is None or range_end is None:
        return range_start, range_end, []
    for r in rows:
        r.x = round(100 * _fraction(r.start, range_start, range_end), 2)
        r.width = max(round(100 * _fraction(r.end, range_start, range_end) - r.x, 2), 0.8)
        if r.action.due is not None:
            r.due_x = round(100 * _fraction(r.action.due, range_start, range_end), 2)
    return range_start, range_end, _ticks(range_start, range_end)


def _counts(own: list[ActionRow]) -> dict[str, int]:
    """Their own steps by state; on track and due today both count as open."""
    counts = {name: 0 for name in ("done", "open", "dropped", "overdue", "stale")}
    for r in own:
        counts["open" if r.state in ("on track", "due today") else r.state] += 1
    return counts


def _timeline(person: PersonNotes, with_notes: bool) -> list[Doc]:
    """Their documents, newest first, each with a line that says what it holds."""
    timeline = []
    for doc in reversed(person.documents):
        # Without --with-notes, nothing a person wrote in a body (nor a `summary:`) is shown: only the data.
        text = summarise(doc if with_notes else doc._replace(summary=""))
        if not with_notes and (doc.stage == "note" or text.startswith("(nothing")):
            text = ""
        if with_notes and doc.asked:
            text += "; they asked: " + "; ".join(doc.asked)
        timeline.append(Doc(doc.date, doc.stage, doc.path, text))
    return timeline


def coverage(people: list[PersonNotes], today: date) -> Coverage:
    """Who had a career conversation when: only those held count (a document prepared ahead is no conversation)."""
    result = Coverage(len(people), [], [], [], [], [])
    for person in people:
        last = person.as_held(today).newest(*CONVERSATIONS)
        name = person.name + (" (paused)" if findings.is_paused(person, today) else "")
        if last is None:
            prepared = person.newest(*CONVERSATIONS) is not None
            result.never.append(name + (" (prepared, not held)" if prepared else ""))
            continue
        (result.last_6 if _within_months(last.date, today, 6) else result.not_6).append(name)
        if _within_months(last.date, today, 12):
            result.last_12.append(name)
        else:
            result.not_12.append(name)
    return result


def _within_months(day: date, today: date, months: int) -> bool:
    """True when `day` is in the `months` before today (after the same day then), or is today."""
    try:
        since = add_months(today, -months)
    except ValueError:  # before the year 1: every day up to today is within
        return day <= today
    return since < day <= today


def build_team(team: Team, today: date, with_notes: bool = False, named: bool = False) -> Page:
    """The manager's page: coverage, one row per person, then each person in full.

    People who have left are not on it, unless they were `named` on the command line.
    """
    people = [p for p in team.people if named or not findings.has_left(p, today)]
    return Page(
        "team",
        today,
        __version__,
        [person_view(p, team, today, with_notes) for p in people],
        coverage(people, today),
        with_notes,
        team.settings.manager,
        sum(len(p.documents) for p in people),
        len(team.errors),
    )


def render(page: Page) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("careerkit", "resources"),  # found with importlib, as installed
        autoescape=True,  # every value is text: a title `<script>` is shown, never run
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = _day
    environment.filters["plural"] = lambda count, word: plural(count, word)
    html = environment.get_template(TEMPLATE).render(page=page, GENERATOR=GENERATOR, TIERS=TIERS)
    return html


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else "\N{EN DASH}"


def is_report(path: Path) -> bool:
    """True when the file at `path` is a page careerkit wrote (so `report -o` may replace it); never waits on
    a pipe, nor follows a link."""
    from careerkit.fs.safe import holds

    return holds(path, GENERATOR.encode())
