"""New documents: frontmatter written as data, a body from the stage's template.

The frontmatter is built as a dict and dumped with `yaml.safe_dump`; only our
own fixed help comments are added around it, so no value can inject a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError, UsageError
from careerkit.fs import safe as fsutil
from careerkit.reading.documents import FILENAME
from careerkit.repository.loader import Repository
from careerkit.rules.actions import next_id
from careerkit.templating import templates
from careerkit.values import codes, slugs
from careerkit.values.model import STAGES, Document, PersonNotes, Problem, Team
from careerkit.values.paths import profile_rel
from careerkit.values.printable import printable
from careerkit.values.schema import NO_TEMPLATE, TEMPLATE
from careerkit.values.voice import speaks_to
from careerkit.writing.proposals import propose_skills

MAX_SAME_DAY = 99

FIELD_HELP = {
    "values": "values and motivators behind their turning points, e.g. [autonomy, financial independence]",
    "dreams": (
        "3 to 5 dreams; for each skill it needs: need and have on a 1-5 scale, e.g.\n"
        "  - dream: Lead a platform team\n"
        "    skills:\n"
        "      - {skill: people management, need: 4, have: 1}"
    ),
    "values_confirmed": "the day they agreed the values you heard (YYYY-MM-DD), after you shared them back",
    "learns_best": "how they learn best, e.g. [pairing, reading, courses]",
    "skills": (
        "the 2 to 4 skills they choose in the talk (the candidates are below), most important first,\n"
        "each with the people and resources to learn from, e.g.\n"
        "  - skill: system design\n"
        '    resources: ["Mentor: Bob", "Book: Designing Data-Intensive Applications"]'
    ),
    "review_by": "when to revisit dreams and plan together (6 to 18 months from now)",
    "actions": (
        "small concrete steps with a date; almost all are theirs (owner: PERSON, or no owner),\n"
        "your own promises have owner: manager, e.g.\n"
        "  - {id: NEXT_ID, title: Shadow Bob in two hiring loops, owner: PERSON, due: DATE}"
    ),
    "next_checkin": "the date of the next check-in, if not the usual cadence",
}


@dataclass
class Created:
    path: Path
    profile: Path | None  # a profile written alongside, for a new person given --name
    note: str | None  # something the user should know (e.g. a name that matched another)
    problems: list[Problem]  # unreadable files and invalid settings met on the way (defaults were used)


def check_stage(stage: str) -> str:
    if stage not in STAGES:
        raise UsageError(f"unknown stage {stage!r}: use one of {', '.join(STAGES)}")
    return stage


def create(
    notes: Repository,
    stage: str,
    person_text: str,
    day: date,
    name: str | None = None,
    text: str | None = None,
    start: bool = True,
    fields: dict[str, Any] | None = None,
    held_lock: bool = False,
) -> Created:
    """Write the new `stage` document for the person; never overwrites anything.

    Holds the person's lock (careerkit.fs.locks) from reading their documents to
    writing the new one. When it raises, nothing was written. With `text`, the
    body is that text (a quick note: `careerkit note`) instead of the stage's
    template: what a person typed is data, never a template. A new person is
    started only with `name` and `start`; else the person must have a folder.
    With `fields` (a worksheet taken back), those keys are written over the
    prefilled ones after the scaffold checksum is taken, so they count as what
    was said; `held_lock`: the caller already holds the person's lock.
    """
    import contextlib

    check_stage(stage)
    if text is not None:
        text = note_text(text)
    slug, note = _choose_slug(notes, person_text, name, start)
    folder = notes.person_dir(slug)
    with contextlib.nullcontext() if held_lock else notes.locked(slug):
        if folder.exists():
            team = notes.load([slug])
            person = team.people[0]
        else:
            team = notes.load([])  # the settings, and what is wrong with them
            person = PersonNotes.read(slug)
        display = name or person.profile.name or (person_text if person_text != slug else slug)
        frontmatter, context = _prefill(stage, person, team, day, display)
        if text is not None:  # their words, not a template's: no line of it is ever taken for the template's
            frontmatter[TEMPLATE] = NO_TEMPLATE
        note = note or _note_for(stage, person, team, context)
        # Values from the notes may hold escape sequences (a YAML "\e"): never raw in a Markdown file.
        body = printable(templates.render(notes.root, stage, context) if text is None else text, keep_newlines=True)
        written = _frontmatter_text(frontmatter, next_id(person)) + body
        data = (with_scaffold(written, stage, fields) if text is None else written).encode("utf-8")
        # Before any folder is made: a document careerkit would not read back, or a place it may not write.
        fsutil.writable(folder / f"{day.isoformat()}-{stage}.md", notes.root, fsutil.DOCUMENT, data, replacing=False)
        with fsutil.new_folders(folder):  # a failure below leaves no folder of a new person behind
            path, profile = _write_document(notes, folder, stage, day, data, name)
        return Created(path, profile, note, team.errors)


def _write_document(
    notes: Repository, folder: Path, stage: str, day: date, data: bytes, name: str | None
) -> tuple[Path, Path | None]:
    """Write `data` as the stage's next document that day in `folder` (and, with `name`, a profile if there is
    none); (the document, the profile written or None). When it raises, neither was written."""
    first = _next_number(folder, day, stage)
    if first > MAX_SAME_DAY:
        raise CareerkitError(
            f"already {MAX_SAME_DAY} {stage} documents on {day}; nothing written", path=notes.rel(folder)
        )
    profile = _write_profile(notes.root, folder, name) if name else None
    try:
        for number in range(first, MAX_SAME_DAY + 1):
            suffix = "" if number == 1 else f"-{number}"
            path = folder / f"{day.isoformat()}-{stage}{suffix}.md"
            if fsutil.create_new(path, data, notes.root):
                return path, profile
        raise CareerkitError(
            f"already {MAX_SAME_DAY} {stage} documents on {day}; nothing written", path=notes.rel(folder)
        )
    except BaseException:
        if profile is not None:  # nothing written means no profile either
            profile.unlink(missing_ok=True)
        raise


def note_text(text: str) -> str:
    """The text of a quick note, ready to be a body: no blank lines around it, one final newline."""
    lines = text.replace("\r\n", "\n").split("\n")
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    if not body.strip():
        raise UsageError("the note is empty: give its text as an argument or on standard input")
    return body + "\n"


def _next_number(folder: Path, day: date, stage: str) -> int:
    """One more than the highest -N of the stage's documents that day (none: 1), so the new one is the newest."""
    import os
    import re

    taken = [
        int(match[3] or 1)
        for name in os.listdir(folder)
        if (match := re.fullmatch(FILENAME, name)) and match[1] == day.isoformat() and match[2] == stage
    ]
    return max(taken, default=0) + 1


def _choose_slug(notes: Repository, text: str, name: str | None, start: bool) -> tuple[str, str | None]:
    """An existing person when the text names one exactly; else, with `name` and `start`, a new slug from the text.

    A prefix is not enough here, unlike in the commands that only read or change a person, and
    neither does a name that is nobody's start a new person unless `--name` says that a new person is
    meant (and `start` allows it: `note` never starts one). A note written into someone else's
    folder, or into a stray new one, would be worse than typing the name again.

    Different names can make one slug (`Zoë`, `Zoe`, `ZOE!!`). When the folder
    they share has a profile, its name tells them apart: a `--name` that
    differs from it is refused, and a different spelling is written there with
    a note. When it has none, careerkit cannot tell, and says so.
    """
    existing = notes.person_named(text)
    if existing is None:
        if name is None or not start:
            raise _unknown_person(notes, text, start)
        return slugs.to_slug(text), None
    from careerkit.reading.settings import load_profile

    profile_name = load_profile(notes.root, profile_rel(existing)).value.name
    if name is not None and profile_name and name.casefold() != profile_name.casefold():
        raise CareerkitError(
            f"the profile names {profile_name!r}, not {name!r}; nothing written (for someone "
            "else, use a name that makes another folder; to rename, edit the profile)",
            path=profile_rel(existing),
        )
    return existing, _spelling_note(text, existing, profile_name, name) if text != existing else None


def _spelling_note(text: str, existing: str, profile_name: str | None, name: str | None) -> str | None:
    """What to say when `text`, another spelling, is written to the folder `existing` (see `_choose_slug`)."""
    slug = slugs.slugify(text)
    same_slug = slugs.slugify(profile_name or "") == slug
    if profile_name and profile_name != text and same_slug and text != slug:
        return f"{text!r} is written to people/{existing}/, the folder of {profile_name!r}"
    if not profile_name and name is None and slug == existing:
        return (
            f"{text!r} is written to people/{existing}/, which already exists and names no one "
            f"(no profile): if this is someone else, use a name that makes another folder; "
            f"if not, add --name to record the name"
        )
    return None


def require_person(notes: Repository, text: str) -> None:
    """Refuse `text` unless it names someone with a folder exactly (as `note` needs: it never starts a person)."""
    if notes.person_named(text) is None:
        raise _unknown_person(notes, text, start=False)


def _unknown_person(notes: Repository, text: str, start: bool) -> UsageError:
    """Nobody is named `text`: never a new folder by accident (a typo would file private notes under a stranger)."""
    close = notes.people_starting(text) or [found for found in [notes.closest(text)] if found]
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    how = 'add --name "Their Name" to start someone new' if start else "start someone new with `careerkit add NAME`"
    return UsageError(f"unknown person {text!r}{hint}: give their full slug or name, or {how}; nothing written")


def _write_profile(root: Path, folder: Path, name: str) -> Path | None:
    from careerkit.writing.roster import create_profile

    return create_profile(root, folder, {"name": name, "role": None})


def _frontmatter_text(data: dict[str, Any], next_id: int) -> str:
    import yaml

    parts = ["---\n"]
    for key, value in data.items():
        help_text = FIELD_HELP.get(key)
        if help_text:
            help_text = (
                help_text.replace("NEXT_ID", str(next_id))
                .replace("PERSON", data["person"])
                .replace("DATE", str(data["date"]))
            )
            parts += [f"# {line}\n" for line in help_text.splitlines()]
        parts.append(yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False))
    parts.append("---\n\n")
    return "".join(parts)


SCAFFOLD_HELP = (
    "written by careerkit (a checksum; leave it as it is): until the lists or the text of this\n"
    "document change, it is a conversation prepared, not yet held"
)


def with_scaffold(document: str, stage: str, fields: dict[str, Any] | None = None) -> str:
    """`document` with `scaffold: <checksum>` at the end of its frontmatter, for a stage that has one.

    The checksum (careerkit.content) is taken of the document as it reads back (the frontmatter through the
    same YAML reader as every command, the body as split from it), so a document nobody has touched since is
    planned, not held.
    """
    from careerkit.reading import frontmatter as frontmatter_text
    from careerkit.reading import yamlio
    from careerkit.values.content import STAGE_LISTS, checksum

    if stage not in STAGE_LISTS:
        return document
    split = frontmatter_text.split(document)
    data = yamlio.load(split.yaml, split.first_yaml_line)
    import yaml

    lines = "".join(f"# {line}\n" for line in SCAFFOLD_HELP.splitlines())
    lines += yaml.safe_dump({"scaffold": checksum(stage, data, split.body)})
    if fields:  # what was said, written after the checksum of what was prepared
        from careerkit.writing.edit import set_list

        for key, value in fields.items():
            document = set_list(document, key, value)
        split = frontmatter_text.split(document)
    return document[: split.yaml_end] + lines + document[split.yaml_end :]


def _note_for(stage: str, person: PersonNotes, team: Team, context: dict[str, Any]) -> str | None:
    """What to tell the user about the document just scaffolded, if anything."""
    if stage == "checkin" and context["next_conversation"] is not None:
        nxt = context["next_conversation"]
        return (
            f"{person.name} has no action plan yet; the conversation that comes next is their "
            f"{CONVERSATION_NAMES[nxt]}: careerkit new {nxt} {person.slug}"
        )
    if stage == "plan" and context["left_out"]:
        count = context["left_out"]
        ratings = "a rating that is" if count == 1 else f"{count} ratings that are"
        return (
            f"the skills to choose from leave out {ratings} not a whole number from 1 to 5; "
            f"fix {context['dreams_path']} and make the plan again to see them ranked"
        )
    return None


CONVERSATION_NAMES = {"story": "life story", "dreams": "dreams", "plan": "action plan"}


def _prefill(
    stage: str, person: PersonNotes, team: Team, day: date, name: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The frontmatter data and the template context, from what earlier documents say."""
    frontmatter: dict[str, Any] = {"person": person.slug, "stage": stage, "date": day}
    context: dict[str, Any] = {"person": person.slug, "name": name, "date": day.isoformat(), "stage": stage}
    context["own_notes"] = speaks_to(team.settings.self_person, person.slug)  # their own notes: speak to them
    _PREFILL[stage](person, team, day, frontmatter, context)
    return frontmatter, context


def _story(person: PersonNotes, team: Team, day: date, frontmatter: dict[str, Any], context: dict[str, Any]) -> None:
    frontmatter["values"] = []
    frontmatter["values_confirmed"] = None


def _dreams(person: PersonNotes, team: Team, day: date, frontmatter: dict[str, Any], context: dict[str, Any]) -> None:
    held = person.as_held(day)  # a prepared document is no conversation to start from
    _prefill_dreams(frontmatter, context, held.newest("story"), held.newest("dreams"))


def _plan(person: PersonNotes, team: Team, day: date, frontmatter: dict[str, Any], context: dict[str, Any]) -> None:
    _prefill_plan(frontmatter, context, person.as_held(day), team, day)


def _checkin(person: PersonNotes, team: Team, day: date, frontmatter: dict[str, Any], context: dict[str, Any]) -> None:
    from careerkit.views import agenda

    held = person.as_held(day)
    plan, dreams, last_checkin = held.newest("plan"), held.newest("dreams"), held.newest("checkin")
    frontmatter["actions"] = []
    built = agenda.build(person, team, day)
    context["last_checkin"] = last_checkin.date.isoformat() if last_checkin else None
    context["plan_date"] = plan.date.isoformat() if plan else None
    context["dreams_date"] = dreams.date.isoformat() if dreams else None
    context["next_conversation"] = built.next_conversation
    context["open_actions"] = [
        {
            "id": a.id,
            "title": a.title,
            "owner": a.owner,
            "due": a.due.isoformat() if a.due else None,
            "skill": a.skill,
        }
        for a in person.open_actions()
    ]
    context["skills"] = [{"skill": s.skill, "resources": s.resources} for s in (plan.skills if plan else [])]
    context["agenda"] = agenda.to_markdown(built)


def _note(person: PersonNotes, team: Team, day: date, frontmatter: dict[str, Any], context: dict[str, Any]) -> None:
    last_checkin = person.as_held(day).newest("checkin")
    context["last_checkin"] = last_checkin.date.isoformat() if last_checkin else None


# What each stage's new document starts from: (person, team, day, frontmatter, context) -> fills the last two.
_PREFILL = {"story": _story, "dreams": _dreams, "plan": _plan, "checkin": _checkin, "note": _note}


def _prefill_dreams(
    frontmatter: dict[str, Any], context: dict[str, Any], story: Document | None, earlier: Document | None
) -> None:
    """A first dreams document starts empty; a revisit starts from the dreams of `earlier`, to rate again."""
    from careerkit.writing.proposals import dreams_to_rate_again, last_ratings

    revisit = earlier is not None and bool(earlier.dreams)
    frontmatter["dreams"] = dreams_to_rate_again(earlier) if earlier is not None and revisit else []
    context["values"] = story.values if story else []
    context["story_date"] = story.date.isoformat() if story else None
    context["values_confirmed"] = story.values_confirmed.isoformat() if story and story.values_confirmed else None
    context["revisit"] = revisit
    context["earlier_date"] = earlier.date.isoformat() if earlier is not None and revisit else None
    context["last_ratings"] = last_ratings(earlier) if earlier is not None and revisit else []


def _prefill_plan(
    frontmatter: dict[str, Any], context: dict[str, Any], held: PersonNotes, team: Team, day: date
) -> None:
    """The candidates from the newest dreams; on a revisit, how they learn best and what is still open."""
    from careerkit.rules.findings import later
    from careerkit.writing.proposals import learns_best_before, open_to_review

    story, dreams = held.newest("story"), held.newest("dreams")
    candidates = propose_skills(dreams.dreams if dreams else [])
    frontmatter["learns_best"] = learns_best_before(held)  # to confirm with them; it is no content of its own
    frontmatter["skills"] = []  # chosen with them in the talk, not before it
    frontmatter["actions"] = []
    frontmatter["review_by"] = later(day, team.settings.conversation_every_days)
    left_out = [p for p in team.errors if dreams is not None and p.path == dreams.path and p.code == codes.BAD_RATING]
    dream_rows = [
        {
            "dream": d.dream,
            "skills": [{"skill": s.skill, "need": s.need, "have": s.have, "gap": s.gap} for s in d.skills],
        }
        for d in (dreams.dreams if dreams else [])
    ]
    steps, promises = open_to_review(held, team)
    # `gaps` (each candidate with its first dream) keeps templates copied from careerkit 0.1 working
    context.update(
        candidates=candidates,
        values=story.values if story else [],
        dreams=dream_rows,
        gaps=[{**c, "dream": c["dreams"][0] if c["dreams"] else ""} for c in candidates],
        dreams_date=dreams.date.isoformat() if dreams else None,
        left_out=len(left_out),
        dreams_path=dreams.path if dreams else None,
        review_by=frontmatter["review_by"].isoformat(),
        revisit=held.has("plan"),
        learns_best=frontmatter["learns_best"],
        open_steps=steps,
        open_promises=promises,
    )
