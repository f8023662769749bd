"""The values careerkit reads from a notes repository: one home for each shared type.

No I/O and no YAML here: the readers (careerkit.reading.documents, careerkit.reading.settings)
make these values, careerkit.repository.loader puts them together into a `Team`, and
everything else only reads them.

The values are records (careerkit.values.records: cheaper to define than
dataclasses or NamedTuples, see docs/performance.md). Their annotations stay
real types, not text (no `from __future__ import annotations` here): the
cache reads each field's type from `__annotations__` to decode it.
"""

import datetime
from datetime import date
from pathlib import Path
from typing import Any

from careerkit.values.records import Record

STAGES = ("story", "dreams", "plan", "checkin", "note")
STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
STATUSES = ("open", "done", "dropped")


class Settings(Record):
    checkin_every_days: int = 30
    conversation_every_days: int = 182
    stale_after_days: int | None = None  # None: each person's check-in cadence + STALE_GRACE_DAYS
    manager: str = "manager"  # the action `owner` that marks the manager's own promises
    git: str | None = None  # "commit": every command that writes commits what it wrote (careerkit.writing.git)
    calendar_key: str | None = None  # the secret in `careerkit calendar`'s event ids (careerkit.views.calendar)
    self_person: str | None = None  # `self`: one person's own notes (`init --self`), the slug spoken to (values.voice)


STALE_GRACE_DAYS = 7  # an action may go untouched for one whole check-in cycle and a week more


class Problem(Record):
    """Something wrong in a file, at a 1-based line when known."""

    path: str
    line: int | None
    code: str  # stable, for scripts and for careerkit itself (careerkit.values.codes); the message is for people
    message: str
    severity: str = "error"  # "error" or "warning"
    check_only: bool = False  # True: only `careerkit check` reports it

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class Action(Record):
    id: int
    title: str
    owner: str
    status: str
    skill: str | None
    due: date | None
    updated: date | None
    closed: date | None
    touched: date  # the last sign of progress: `updated`, else the document's date
    path: str
    written: date | None = None  # the date of the document that holds it
    inherited: date | None = None  # the day it was received in a handover (a promise to keep or let go)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def closed_on(self) -> date | None:
        """The day a done or dropped action was closed: `closed`, else its document's date (None while open)."""
        if self.is_open:
            return None
        return self.closed or self.written or self.touched


class DreamSkill(Record):
    skill: str
    need: int | None
    have: int | None

    @property
    def gap(self) -> int:
        return (self.need or 0) - (self.have or 0)


class Dream(Record):
    dream: str
    skills: list[DreamSkill]


class PlanSkill(Record):
    skill: str
    resources: list[str]


class Document(Record):
    path: str  # relative to the notes root, with /
    person: str  # the folder: the person is the folder, whatever the frontmatter says
    stage: str
    date: date
    seq: int  # the -N suffix of the file name (1 without one)
    values: list[str]
    dreams: list[Dream]
    learns_best: list[str]
    skills: list[PlanSkill]
    actions: list[Action]
    next_checkin: datetime.date | None  # (`date` is a field name inside this class)
    summary: str
    review_by: datetime.date | None  # plan: when to revisit dreams and plan
    values_confirmed: datetime.date | None  # story: the day they agreed the values you heard
    asked: list[str]  # check-in: what they asked of you (the lines under an "asked" heading)
    held: bool | None = None  # the `held` key: True or False by hand, None when it is not there
    content: bool = True  # it holds more than a prepared document (careerkit.content)
    dream_shift: str | None = None  # check-in or note: they may be changing direction (their words, or "")
    used: datetime.date | None = None  # note: the day what they said was used

    @property
    def could_be_held(self) -> bool:
        """True when the document counts once its date has come: `held: true`, or content and no `held: false`.

        Notes always count from their date (docs/findings.md, "Held and planned")."""
        if self.stage == "note":
            return True
        return self.held if self.held is not None else self.content

    def is_held(self, today: datetime.date) -> bool:
        """True when the conversation was held by `today`: dated then or before, and it could be held."""
        return self.date <= today and self.could_be_held

    @property
    def order_key(self) -> tuple[datetime.date, int, int, str]:
        """Newest sorts last: date, then stage order, then the -N suffix."""
        return (self.date, STAGE_RANK[self.stage], self.seq, self.path)


class ReadResult(Record):
    document: Document | None
    problems: list[Problem]


class Profile(Record):
    name: str | None = None
    role: str | None = None
    checkin_every_days: int | None = None
    since: date | None = None  # the day they joined your team
    left: date | None = None  # the day they left it: from then on nothing is reported for them
    paused_until: date | None = None  # before this day nothing is reported (leave is not drift)
    exists: bool = False  # a profile.md was there to read


class Loaded(Record):
    """A settings-like value plus the problems found reading it."""

    value: Any
    problems: list[Problem]


class DocumentFiles(Record):
    """The documents in a person's folder (file names, sorted), and what could not be used there."""

    folder: Path
    names: list[str]
    problems: list[Problem]

    @property
    def paths(self) -> list[Path]:
        return [self.folder / name for name in self.names]


class PersonNotes(Record):
    """Everything read about one person: documents oldest first, and one copy of each action.

    Where an action id repeats, the copy in the newest document is the one that
    counts (`current_actions`, by id). Build it with `PersonNotes.read`.
    """

    slug: str
    profile: Profile
    documents: list[Document]
    current_actions: list[Action]
    exact_from: date | None = None  # condensed: the first day it gives the whole person's answers (`condensed`)

    @classmethod
    def read(cls, slug: str, profile: Profile | None = None, documents: list[Document] | None = None) -> "PersonNotes":
        """The person from their profile and documents (none yet, when not given)."""
        documents = sorted(documents or [], key=lambda doc: doc.order_key)
        by_id: dict[int, Action] = {}
        for doc in documents:
            for action in doc.actions:
                by_id[action.id] = action
        return cls(slug, profile or Profile(), documents, [by_id[key] for key in sorted(by_id)])

    def condensed(self, day: date) -> "PersonNotes":
        """Only what the findings and `status` read: the same answers from far less data, on `day` and after.

        Every document dated after `day` is kept (which of them count depends on the day they are read for:
        they are the conversations prepared ahead, few). Of the others: for each stage the newest one that
        counts once its date has come, the newest such plan with skills (the dream-change rules measure from
        it) and the earliest check-in or note after it that says their dreams may be shifting, every prepared
        document that is not held, and the oldest document. Without their actions: the open actions, each
        owner's last closed one (its date is the last time something moved; who counts as the manager is a
        setting, so every owner keeps theirs), and those closed as done since the newest plan or check-in
        (what they finished). It answers for any day from `exact_from` on: the date of the newest document
        dated by `day` (there is none between them). `due` and `status` keep this in the cache, so that a warm
        run does not rebuild every document; a test holds it to giving the same findings and status as the
        whole person.
        """
        past = [doc for doc in self.documents if doc.date <= day]
        counted = PersonNotes(self.slug, self.profile, [doc for doc in past if doc.could_be_held], [])
        kept = _kept_documents(past, counted)
        kept.update((doc.path, doc) for doc in self.documents if doc.date > day)
        if self.documents:
            kept.setdefault(self.documents[0].path, self.documents[0])
        documents = sorted(kept.values(), key=lambda doc: doc.order_key)
        work = counted.newest("plan") or counted.newest("checkin")  # what they finished counts from then
        return PersonNotes(
            self.slug,
            self.profile,
            [doc._replace(actions=[]) for doc in documents],
            _kept_actions(self.current_actions, work),
            past[-1].date if past else date.min,
        )

    def answers_on(self, day: date) -> bool:
        """Whether this person gives the answers of the whole person on `day` (always, unless condensed)."""
        return self.exact_from is None or self.exact_from <= day

    def as_held(self, today: date) -> "PersonNotes":
        """The person as the rules see them on `today`: only the documents held by then (a note from its date),
        with every action (a planned document's actions count as usual)."""
        held = [doc for doc in self.documents if doc.is_held(today)]
        if len(held) == len(self.documents):
            return self
        return PersonNotes(self.slug, self.profile, held, self.current_actions)

    def skilled_plan(self) -> Document | None:
        """The newest plan whose `skills` is not empty (what a dream change is measured from)."""
        return next((doc for doc in reversed(self.documents) if doc.stage == "plan" and doc.skills), None)

    def dream_change(self, today: date) -> Document | None:
        """What says their dreams changed since `skilled_plan` (P): the newest dreams when dated after P, else the
        earliest check-in or note after P and by `today` that sets `dream_shift`; None without P.

        Read it of the person as the rules see them (`as_held`): only held documents count."""
        plan = self.skilled_plan()
        if plan is None:
            return None
        dreams = self.newest("dreams")
        if dreams is not None and dreams.date > plan.date:
            return dreams
        for doc in self.documents:
            shifting = doc.stage in ("checkin", "note") and doc.dream_shift is not None
            if shifting and plan.date < doc.date <= today:
                return doc
        return None

    def planned(self, today: date) -> list[Document]:
        """The conversation documents not held on `today` (dated ahead, or prepared and not held), oldest first."""
        return [doc for doc in self.documents if doc.stage != "note" and not doc.is_held(today)]

    @property
    def name(self) -> str:
        return self.profile.name or self.slug

    def newest(self, *stages: str) -> Document | None:
        """The newest document of these stages (of any stage when none are named)."""
        for doc in reversed(self.documents):
            if not stages or doc.stage in stages:
                return doc
        return None

    def has(self, stage: str) -> bool:
        return any(doc.stage == stage for doc in self.documents)

    def actions(self) -> list[Action]:
        """Every action by id; where an id repeats, the copy in the newest document."""
        return self.current_actions

    def open_actions(self) -> list[Action]:
        return [action for action in self.current_actions if action.is_open]

    def first_seen(self) -> dict[int, date]:
        """The date of the first document that holds each action id: when the step was agreed."""
        seen: dict[int, date] = {}
        for doc in self.documents:
            for action in doc.actions:
                seen.setdefault(action.id, doc.date)
        return seen


def _kept_documents(past: list[Document], counted: PersonNotes) -> dict[str, Document]:
    """The documents dated by its day that `PersonNotes.condensed` keeps, by path (`counted`: those of `past`
    that could be held)."""
    kept = {doc.path: doc for doc in past if not doc.could_be_held}
    kept.update((doc.path, doc) for doc in {doc.stage: doc for doc in counted.documents}.values())  # the newest
    plan = counted.skilled_plan()
    if plan is not None:
        kept[plan.path] = plan
        shifts = (doc for doc in counted.documents if doc.dream_shift is not None and doc.date > plan.date)
        shift = next((doc for doc in shifts if doc.stage in ("checkin", "note")), None)
        if shift is not None:
            kept[shift.path] = shift
    return kept


def _kept_actions(actions: list[Action], work: Document | None) -> list[Action]:
    """The actions `PersonNotes.condensed` keeps, by id (`work`: the newest plan or check-in by its day)."""
    kept = {action.id: action for action in actions if action.is_open}
    kept.update((action.id, action) for action in _done_since(actions, work))
    kept.update((action.id, action) for action in _last_closed_by_owner(actions))
    return [kept[ident] for ident in sorted(kept)]


def _done_since(actions: list[Action], document: Document | None) -> list[Action]:
    """The actions closed as done on or after the date of `document` (none without it)."""
    if document is None:
        return []
    return [a for a in actions if a.status == "done" and (day := a.closed_on) is not None and day >= document.date]


def _last_closed_by_owner(actions: list[Action]) -> list[Action]:
    """For each owner, the action they closed last (done or dropped)."""
    last: dict[str, Action] = {}
    for action in actions:
        day = action.closed_on
        best = last.get(action.owner)
        if day is not None and (best is None or day >= (best.closed_on or day)):
            last[action.owner] = action
    return list(last.values())


class Team(Record):
    root: Path
    settings: Settings
    people: list[PersonNotes]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The problems every command reports (unreadable files, actions left out)."""
        return [p for p in self.problems if not p.check_only]

    def checkin_every_days(self, person: PersonNotes) -> int:
        return person.profile.checkin_every_days or self.settings.checkin_every_days

    def stale_after_days(self, person: PersonNotes) -> int:
        """`stale_after_days` when careerkit.yaml sets it, else the person's cadence and a week more."""
        return self.settings.stale_after_days or self.checkin_every_days(person) + STALE_GRACE_DAYS

    def is_promise(self, action: Action) -> bool:
        """True for the manager's own promise: an action whose owner is the `manager` setting."""
        return action.owner == self.settings.manager


class Condensed(Record):
    """A person as `due` and `status` need them, and every problem found in their files."""

    person: PersonNotes
    problems: list[Problem]
