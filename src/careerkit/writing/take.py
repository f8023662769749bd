"""`careerkit take`: a filled worksheet (careerkit.writing.worksheet) back into the notes.

Everything is worked out first, under the person's lock: each step's change, the new steps, the lists for a
document of the worksheet's stage. A conflict (a step or a rating changed both in the notes and on the
worksheet since it was shared) or a line that cannot be placed stops it with nothing written. Then each
edit goes through the byte-exact editor and a new document through the scaffold, so it records `scaffold`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError
from careerkit.rules.actions import Value, blocking_problems, new_fields, next_id, target_for_new
from careerkit.values.model import Action, Document, PersonNotes
from careerkit.writing import worksheet as ws

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository


@dataclass
class Plan:
    """What taking a worksheet changes: lines to show, and the edits that make them."""

    person: PersonNotes
    day: date
    lines: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    step_fields: dict[int, tuple[Action, dict[str, Value], list[str]]] = field(default_factory=dict)
    new_steps: list[dict[str, Value]] = field(default_factory=list)
    lists: dict[str, Any] = field(default_factory=dict)  # for the stage's document
    written: list[Path] = field(default_factory=list)


class Conflicts(CareerkitError):
    """Changed on both sides since the worksheet was shared (exit 1, nothing written)."""


SHEET_LIMIT = 1 << 20  # a worksheet is a page or two: more is not one


def read_sheet(path: Path | None, data: bytes | None = None) -> ws.Sheet:
    """The worksheet at `path`, or in `data` (standard input, shown as `-`)."""
    from careerkit.fs.read import read_regular

    shown = "-" if path is None else str(path)
    try:
        data = read_regular(path, limit=SHEET_LIMIT) if path is not None else data or b""
    except OSError as error:
        raise CareerkitError(f"{shown}: cannot read the worksheet: {(error.strerror or 'error').lower()}") from None
    if len(data) > SHEET_LIMIT:
        raise CareerkitError(f"{shown}: more than 1 MiB, too long for a worksheet; nothing written")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CareerkitError(f"{shown}: the worksheet is not UTF-8 text; nothing written") from None
    return ws.parse(text, shown)


def take(notes: Repository, person_text: str, sheet: ws.Sheet, today: date, dry_run: bool) -> Plan:
    """Work out what `sheet` changes for the person and, unless `dry_run`, make it; Conflicts or SheetError
    with nothing written."""
    slug = notes.resolve_person(person_text)
    if sheet.person is not None and sheet.person != slug:
        raise CareerkitError(f"this worksheet is for {sheet.person}, not {slug}; nothing written")
    with notes.locked(slug):
        team = notes.load([slug])
        blocking = blocking_problems(team, slug)
        if blocking:
            raise CareerkitError("nothing written: fix the documents above first", problems=blocking)
        person = team.people[0]
        plan = work_out(person, sheet, sheet.day or sheet.shared or today, team.settings.manager)
        if plan.conflicts:
            raise Conflicts(
                "changed both in the notes and on the worksheet since it was shared: "
                + ", ".join(plan.conflicts)
                + "; nothing written (take a new worksheet, or change the notes by hand)"
            )
        if not dry_run:
            _apply(notes, plan, str(sheet.stage), today)
    return plan


def work_out(person: PersonNotes, sheet: ws.Sheet, day: date, manager: str) -> Plan:
    plan = Plan(person, day)
    by_id = {action.id: action for action in person.actions()}
    for step in sheet.steps:
        if step.ident is not None and step.ident in by_id:
            _step_change(plan, step, by_id[step.ident], sheet.base)
        elif (same := _same_step(step, by_id)) is not None:  # its number lost (a list renumbered): its words tell
            _step_change(plan, replace(step, ident=same.id, due=step.due or same.due), same, sheet.base)
        else:
            _new_step(plan, step, by_id)
    if sheet.stage == "dreams":
        _dreams(plan, sheet)
    elif sheet.stage == "plan":
        _plan_lists(plan, sheet)
    return plan


def _step_change(plan: Plan, step: ws.Step, action: Action, base: dict[str, str] | None) -> None:
    if step.due_error is not None:
        if not ws.same_text(step.words, action.title):
            raise ws.SheetError(step.due_error)
        step = ws.Step(step.line, step.ident, step.words, None, step.done)
    shared = None if base is None else base.get(str(step.ident))
    if shared is not None and ws.step_print("done" if step.done else "open", step.title, step.due) == shared:
        return  # not changed on the worksheet
    fields, remove, words = _differences(step, action, plan.day)
    if not words:
        return  # already in the notes
    if shared is not None and ws.step_print(action.status, action.title, action.due) != shared:
        plan.conflicts.append(f"step {action.id}")
        return
    plan.step_fields[action.id] = (action, fields, remove)
    plan.lines.append(f"step {action.id}: {', '.join(words)} ({action.path})")


def _differences(step: ws.Step, action: Action, day: date) -> tuple[dict[str, Value], list[str], list[str]]:
    """What the worksheet's line says that the notes do not: the fields to set, to remove, and in words."""
    fields: dict[str, Value] = {}
    remove: list[str] = []
    words: list[str] = []
    if step.done and action.status != "done":
        fields.update(status="done", closed=day)
        words.append(f"done on {day.isoformat()}")
    if not ws.same_text(step.title, action.title):
        fields["title"] = " ".join(step.title.split())
        words.append(f"now reads {fields['title']!r}")
    if step.due != action.due:
        if step.due is None:
            remove.append("due")
        else:
            fields["due"] = step.due
        words.append(f"due {step.due.isoformat()}" if step.due else "no date")
    return fields, remove, words


def _same_step(step: ws.Step, by_id: dict[int, Action]) -> Action | None:
    """The one step of theirs with these words, for a task line without its id (None: a new step)."""
    found = [a for a in by_id.values() if step.ident is None and ws.same_text(step.title, a.title)]
    return found[0] if len(found) == 1 else None


def _new_step(plan: Plan, step: ws.Step, by_id: dict[int, Action]) -> None:
    title = " ".join(step.title.split())
    if step.ident is not None:  # a number that is no step of theirs: part of the words
        title = f"{step.ident} {title}"
    if any(ws.same_text(title, str(a.title)) for a in by_id.values()) or any(
        ws.same_text(title, str(f["title"])) for f in plan.new_steps
    ):
        return  # already in the notes (the same worksheet taken twice)
    ident = next_id(plan.person) + len(plan.new_steps)
    fields = new_fields(ident, title, plan.day, step.due)
    if step.done:
        fields.update(status="done", closed=plan.day)
    plan.new_steps.append(fields)
    due = f" (due {step.due.isoformat()})" if step.due else ""
    plan.lines.append(f"step {ident}: new: {title}{due}" + (", done" if step.done else ""))


def _dreams(plan: Plan, sheet: ws.Sheet) -> None:
    current = plan.person.newest("dreams")
    known = current.dreams if current else []
    rows = {ws.rating_key(d.dream, s.skill): s for d in known for s in d.skills}
    written: list[dict[str, Any]] = []
    for dream in sheet.dreams:
        if not dream.dream and not dream.skills:
            continue
        if not dream.dream:
            raise ws.SheetError(f"{sheet.source}:{dream.line}: a dream without its words; nothing written")
        skills = [_rating(plan, dream.dream, rating, rows, sheet.base) for rating in dream.skills]
        written.append({"dream": _noted(dream.dream, [d.dream for d in known]), "skills": skills})
    before = [_dream_data(d.dream, d.skills) for d in known]
    if written and written != before:
        plan.lists["dreams"] = written
        plan.lines += _dream_changes(before, written)


def _dream_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """Each dream that came or went, and each rating that is new or different, in words."""
    old = {d["dream"]: {s["skill"]: s for s in d["skills"]} for d in before}
    new = {d["dream"]: {s["skill"]: s for s in d["skills"]} for d in after}
    lines = [f"dream: no longer {dream!r}" for dream in old if dream not in new]
    for dream, skills in new.items():
        if dream not in old:
            lines.append(f"dream: new: {dream!r}")
        for skill, row in skills.items():
            if old.get(dream, {}).get(skill) != row:
                lines.append(f"rating: {skill} for {dream!r}: need {_shown(row, 'need')}, have {_shown(row, 'have')}")
        lines += [f"rating: {skill} for {dream!r}: taken out" for skill in old.get(dream, {}) if skill not in skills]
    return lines or ["dreams: in a new order"]


def _shown(row: dict[str, Any], key: str) -> str:
    return str(row.get(key, "not rated"))


def _rating(plan: Plan, dream: str, rating: ws.Rating, rows: dict[str, Any], base: dict[str, str] | None) -> Any:
    key = ws.rating_key(dream, rating.skill)
    shared = None if base is None else base.get(key)
    noted = rows.get(key)
    mine = (rating.need, rating.have)
    if noted is not None and shared is not None:
        theirs = (noted.need, noted.have)
        if ws.rating_print(*mine) == shared:
            mine = theirs  # not changed on the worksheet: the notes' rating stands
        elif mine != theirs and ws.rating_print(*theirs) != shared:
            plan.conflicts.append(f"the rating of {rating.skill!r} ({dream})")
    return _skill_data(noted.skill if noted is not None else " ".join(rating.skill.split()), *mine)


def _noted(text: str, known: list[str]) -> str:
    """`text` as the notes write it when it is the same to a reader (quotes, dashes, blanks), else as given."""
    return next((item for item in known if ws.same_text(item, text)), " ".join(text.split()))


def _skill_data(skill: str, need: int | None, have: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {"skill": skill}
    if need is not None:
        row["need"] = need
    if have is not None:
        row["have"] = have
    return row


def _dream_data(dream: str, skills: list[Any]) -> dict[str, Any]:
    return {"dream": dream, "skills": [_skill_data(s.skill, s.need, s.have) for s in skills]}


def _plan_lists(plan: Plan, sheet: ws.Sheet) -> None:
    current = plan.person.newest("plan")
    chosen = [_noted(s, _offered(plan.person)) for s in dict.fromkeys(sheet.chosen)]
    had = [s.skill for s in current.skills] if current else []
    if chosen and chosen != had:
        plan.lists["skills"] = [{"skill": skill} for skill in chosen]
        plan.lines.append("plan: the skills you chose: " + ", ".join(chosen))
    noted = current.learns_best if current else []
    learns = list(dict.fromkeys(_noted(item, noted) for item in sheet.learns_best))
    if learns and learns != noted:
        plan.lists["learns_best"] = learns
        plan.lines.append("plan: how you learn best: " + ", ".join(learns))


def _offered(person: PersonNotes) -> list[str]:
    """The skills as the notes spell them: of their dreams and of their plan."""
    dreams, plan = person.newest("dreams"), person.newest("plan")
    return [s.skill for d in (dreams.dreams if dreams else []) for s in d.skills] + [
        s.skill for s in (plan.skills if plan else [])
    ]


# -- writing --------------------------------------------------------------------------------------


def _apply(notes: Repository, plan: Plan, stage: str, today: date) -> None:
    """Every edit tried in memory first, so that one that cannot be made leaves every file as it was."""
    edits: dict[str, list[Callable[[str], str]]] = {}
    for ident, (action, fields, remove) in plan.step_fields.items():
        edits.setdefault(action.path, []).append(_step_edit(ident, fields, remove))
    steps, create = plan.new_steps, False
    if plan.lists or (stage == "plan" and steps and not plan.person.has("plan")):
        target = _prepared(plan.person, stage, today)
        create = target is None
        if target is not None:
            lists = dict(plan.lists)
            edits.setdefault(target.path, []).append(lambda text: _set_all(text, lists))
            edits[target.path] += [_appended(fields) for fields in steps]
    elif steps:
        target = target_for_new(plan.person, plan.day)
        edits.setdefault(target.path, []).extend(_appended(fields) for fields in steps)
    _write(notes, plan, edits)
    if create:
        _create(notes, plan, stage, steps)


def _write(notes: Repository, plan: Plan, edits: dict[str, list[Callable[[str], str]]]) -> None:
    from careerkit.reading.documents import cannot_read, read_bytes
    from careerkit.reading.frontmatter import decode
    from careerkit.writing import edit

    changes = {path: _chain(changes) for path, changes in edits.items()}
    for path, change in changes.items():
        try:
            change(decode(read_bytes(notes.root / path)))
        except OSError as error:
            raise edit.EditRefused(cannot_read(error), path=path) from None
        except CareerkitError as error:
            error.path = error.path or path
            raise
    for path, change in changes.items():
        edit.edit_file(notes.root, notes.root / path, change)
        plan.written.append(notes.root / path)


def _chain(changes: list[Callable[[str], str]]) -> Callable[[str], str]:
    def run(text: str) -> str:
        for change in changes:
            text = change(text)
        return text

    return run


def _set_all(text: str, lists: dict[str, Any]) -> str:
    from careerkit.writing.edit import set_list

    for key, value in lists.items():
        text = set_list(text, key, value)
    return text


def _step_edit(ident: int, fields: dict[str, Value], remove: list[str]) -> Callable[[str], str]:
    from careerkit.writing import edit

    return lambda text: edit.set_action_fields(text, ident, fields, remove)


def _appended(fields: dict[str, Value]) -> Callable[[str], str]:
    from careerkit.writing import edit

    return lambda text: edit.append_action(text, fields)


def _prepared(person: PersonNotes, stage: str, today: date) -> Document | None:
    """The planned document of that stage, the newest, if there is one."""
    planned = [doc for doc in person.planned(today) if doc.stage == stage]
    return planned[-1] if planned else None


def _create(notes: Repository, plan: Plan, stage: str, steps: list[dict[str, Value]]) -> None:
    from careerkit.writing.scaffold import create

    fields: dict[str, Any] = dict(plan.lists)
    if steps:
        fields["actions"] = [dict(step) for step in steps]
    created = create(notes, stage, plan.person.slug, plan.day, fields=fields, held_lock=True, start=False)
    plan.lines.append(f"written: {notes.rel(created.path)}")
    plan.written.append(created.path)
