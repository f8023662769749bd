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
    inherited: date | None = None  # the day a previous manager's promise was received (careerkit receive)

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

    @classmethod
    def read(cls, slug: str, profile: Profile | None = None, documents: list[Document] | None = None) -> "PersonNotes":
        """The person from their profile and documents (none yet, when not given)."""
        documents = sorted(documents or [], key=lambda doc: doc.order_key)
        by_id: dict[int, Action] = {}
        for doc in documents:
            for action in doc.actions:
                by_id[action.id] = action
        return cls(slug, profile or Profile(), documents, [by_id[key] for key in sorted(by_id)])

    def condensed(self) -> "PersonNotes":
        """Only what the findings and `status` read: the same answers from far less data.

        The newest document of each stage and the oldest document (without
        their actions), the open actions, and for each owner the action they
        closed last (its date is the last time something moved; who counts as
        the manager is a setting, so every owner keeps theirs). `due` and
        `status` keep this in the cache, so that a warm run does not rebuild
        every document; a test holds it to giving the same findings and status
        as the whole person.
        """
        kept_docs = {doc.path: doc for stage in STAGES if (doc := self.newest(stage)) is not None}
        if self.documents:
            kept_docs.setdefault(self.documents[0].path, self.documents[0])
        newest = sorted(kept_docs.values(), key=lambda doc: doc.order_key)
        kept = [action for action in self.current_actions if action.is_open]
        last_closed: dict[str, Action] = {}
        for action in self.current_actions:
            day = action.closed_on
            best = last_closed.get(action.owner)
            if day is not None and (best is None or day >= (best.closed_on or day)):
                last_closed[action.owner] = action
        kept += last_closed.values()
        kept.sort(key=lambda action: action.id)
        return PersonNotes(self.slug, self.profile, [doc._replace(actions=[]) for doc in newest], kept)

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
