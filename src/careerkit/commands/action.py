"""`careerkit action`: add, close, touch, edit and list action items without disturbing a byte of the notes."""

from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.help_text import help_for
from careerkit.commands.options import (
    DAY,
    DAY_FORMS,
    Today,
    committed,
    day_option,
    echo_line,
    print_json,
    report_problems,
    repository,
    style,
    today_option,
    use_colour,
    writable_repository,
)
from careerkit.values.printable import printable

if TYPE_CHECKING:
    from datetime import date

    from careerkit.repository.loader import Repository
    from careerkit.rules import actions
    from careerkit.values.model import Action, PersonNotes, Team
    from careerkit.writing import action_changes

app = typer.Typer(
    help="Add, close, touch, edit and list a person's action items; only the lines that change are written.",
    rich_markup_mode=None,
    no_args_is_help=True,
)

PERSON_HELP = "A slug or a name."
ID_HELP = "The action's id (see `careerkit action list PERSON --all`)."


def _load(ctx: typer.Context, person: str) -> tuple["Repository", "Team", "PersonNotes"]:
    """The notes, what was read of PERSON, and their PersonNotes (for reading only)."""
    repo = repository(ctx)
    slug = repo.resolve_person(person)
    team = repo.load([slug])
    return repo, team, team.people[0]


@app.command("add", **help_for("action add"))
def add(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What will be done, short enough to read aloud.")],
    due: Annotated[str | None, typer.Option("--due", metavar=DAY, help=f"The day it is due: {DAY_FORMS}.")] = None,
    skill: Annotated[str | None, typer.Option("--skill", help="The skill it serves.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it, when not PERSON.")] = None,
    today: Today = None,
) -> None:
    """Add an action to PERSON's newest plan or check-in; prints its id and the file."""
    from careerkit.rules import actions
    from careerkit.writing import action_changes

    day = today_option(today)
    due_on = day_option(due, "--due", day)
    title = actions.one_line(title, "TITLE")
    skill = actions.one_line(skill, "--skill") if skill is not None else None
    owner = actions.one_line(owner, "--owner") if owner is not None else None
    repo = writable_repository(ctx)
    added = action_changes.add(repo, person, title, day, due_on, skill, owner)
    echo_line(f"action {added.ident} added: {added.path}")
    committed(repo.root, [repo.root / added.path], f"add action {added.ident} to {_stage_of(added)}")
    plan = actions.unplanned_skill(added.person, skill)
    if plan is not None:
        echo_line(f"careerkit: note: {skill!r} is not one of the skills in {plan.path}", err=True)
    report_problems(added.warnings)


def _stage_of(change: "action_changes.Change") -> str:
    """The stage of the document a change was made in (for a commit message)."""
    return next((doc.stage for doc in change.person.documents if doc.path == change.path), "document")


def _close(ctx: typer.Context, person: str, ident: int, today: str | None, status: str) -> None:
    from careerkit.writing import action_changes

    day = today_option(today)
    repo = writable_repository(ctx)
    closed = action_changes.close(repo, person, ident, status, day)
    if closed.changed:
        echo_line(f"action {ident} {status}: {closed.path}")
        committed(repo.root, [repo.root / closed.path], f"close action {ident} ({status})")
    else:
        since = f" since {closed.action.closed}" if closed.action and closed.action.closed else ""
        echo_line(f"action {ident} is already {status}{since}; nothing changed: {closed.path}")
    report_problems(closed.warnings)


@app.command("done", **help_for("action done"))
def done(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    ident: Annotated[int, typer.Argument(metavar="ID", help=ID_HELP)],
    today: Today = None,
) -> None:
    """Mark action ID done (status: done, closed: today) where its newest copy lives."""
    _close(ctx, person, ident, today, "done")


@app.command("drop", **help_for("action drop"))
def drop(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    ident: Annotated[int, typer.Argument(metavar="ID", help=ID_HELP)],
    today: Today = None,
) -> None:
    """Drop action ID on purpose (status: dropped, closed: today) where its newest copy lives."""
    _close(ctx, person, ident, today, "dropped")


@app.command("touch", **help_for("action touch"))
def touch(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    ident: Annotated[int, typer.Argument(metavar="ID", help=ID_HELP)],
    today: Today = None,
) -> None:
    """Record progress on open action ID (updated: today), so it no longer counts as stale."""
    from careerkit.writing import action_changes

    day = today_option(today)
    repo = writable_repository(ctx)
    touched = action_changes.touch(repo, person, ident, day)
    echo_line(
        f"action {ident} touched: {touched.path}"
        if touched.changed
        else f"action {ident} was already updated {day}; nothing changed: {touched.path}"
    )
    if touched.changed:
        committed(repo.root, [repo.root / touched.path], f"touch action {ident}")
    report_problems(touched.warnings)


@app.command("keep", **help_for("action keep"))
def keep(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    ident: Annotated[int, typer.Argument(metavar="ID", help=ID_HELP)],
    today: Today = None,
) -> None:
    """Keep promise ID, received in a handover, as your own: removes its `inherited` mark and nothing else."""
    from careerkit.writing import action_changes

    today_option(today)
    repo = writable_repository(ctx)
    kept = action_changes.keep(repo, person, ident)
    if kept.changed:
        echo_line(f"action {ident} kept as your own promise: {kept.path}")
        committed(repo.root, [repo.root / kept.path], f"keep action {ident}")
    else:
        echo_line(f"action {ident} is not marked inherited; nothing changed: {kept.path}")
    report_problems(kept.warnings)


@app.command("edit", **help_for("action edit"))
def edit_action(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    ident: Annotated[int, typer.Argument(metavar="ID", help=ID_HELP)],
    due: Annotated[str | None, typer.Option("--due", metavar=DAY, help=f"Its new date: {DAY_FORMS}.")] = None,
    no_due: Annotated[bool, typer.Option("--no-due", help="Take its date away (the `due` line goes).")] = False,
    title: Annotated[str | None, typer.Option("--title", help="Its new title.")] = None,
    skill: Annotated[str | None, typer.Option("--skill", help="The skill it serves.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it.")] = None,
    today: Today = None,
) -> None:
    """Give action ID a new date, title, skill or owner where its newest copy lives; nothing else changes."""
    from careerkit.errors import UsageError
    from careerkit.rules import actions
    from careerkit.writing import action_changes

    repo = writable_repository(ctx)  # first: outside a notes repository nothing else is worth saying
    if due is not None and no_due:
        raise UsageError("--due and --no-due: give one of them")
    fields = _edited_fields(due, title, skill, owner, today_option(today))
    if not fields and not no_due:
        raise UsageError("nothing to change: give --due, --no-due, --title, --skill or --owner")
    edited = action_changes.change(repo, person, ident, fields, ("due",) if no_due else ())
    if edited.changed:
        echo_line(f"action {ident} edited: {edited.path}")
        committed(repo.root, [repo.root / edited.path], f"edit action {ident}")
    else:
        echo_line(f"action {ident} already says so; nothing changed: {edited.path}")
    plan = actions.unplanned_skill(edited.person, skill)
    if plan is not None:
        echo_line(f"careerkit: note: {skill!r} is not one of the skills in {plan.path}", err=True)
    report_problems(edited.warnings)


def _edited_fields(
    due: str | None, title: str | None, skill: str | None, owner: str | None, day: "date"
) -> dict[str, "actions.Value"]:
    """The keys `action edit` sets, from its options (each checked as `action add` checks it)."""
    from careerkit.rules import actions
    from careerkit.values.dates import parse_cli_date

    fields: dict[str, actions.Value] = {}
    if due is not None:
        fields["due"] = parse_cli_date(due, "--due", day)
    for key, text in (("title", title), ("skill", skill), ("owner", owner)):
        if text is not None:
            fields[key] = actions.one_line(text, f"--{key}")
    return fields


@app.command("list", **help_for("action list"))
def list_actions(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help=PERSON_HELP)],
    show_all: Annotated[bool, typer.Option("--all", help="Also the done and dropped actions.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")] = False,
    today: Today = None,
) -> None:
    """PERSON's open actions (all with --all) and how each stands: past its date (a promise of yours: late), due
    today, stale or on track."""
    from careerkit.rules import actions

    day = today_option(today)
    _, team, who = _load(ctx, person)
    state = actions.states(who, team, day)
    shown = [a for a in who.actions() if show_all or a.is_open]
    if as_json:
        print_json([actions.to_json(a, state[a.id]) for a in shown])
    else:
        said = {a.id: _said(state[a.id], team.is_promise(a)) for a in shown}
        _print_actions(who, shown, state, said, show_all)
    report_problems(team.errors)
    if team.errors:
        raise typer.Exit(1)


_TONE = {  # no red for a step of theirs: only your own late promise is red
    "late": "red",
    "past its date": "yellow",
    "due today": "yellow",
    "stale": "yellow",
    "on track": "green",
    "done": "dim",
    "dropped": "dim",
}


def _said(state: str, promise: bool) -> str:
    """A state in words: a step of theirs is never "overdue" (it is past its date); a promise of yours is late."""
    if state == "overdue":
        return "late" if promise else "past its date"
    return state


def _print_actions(
    who: "PersonNotes", shown: list["Action"], state: dict[int, str], said: dict[int, str], show_all: bool
) -> None:
    if not shown:
        what = "No actions" if show_all else "No open actions"
        echo_line(f'{what} for {who.name}. Add one: careerkit action add {who.slug} "TITLE" --due +2w')
        return
    colour = use_colour()
    width = max(len(f"#{a.id}") for a in shown)
    whens = {a.id: f"due {a.due}" if a.due else (f"closed {a.closed}" if a.closed else "no due date") for a in shown}
    when_width = max(len(when) for when in whens.values())
    state_width = max(len("due today"), *(len(words) for words in said.values()))
    for a in shown:
        when = whens[a.id]
        extra = [f"owner: {a.owner}"] if a.owner != who.slug else []
        extra += [f"skill: {a.skill}"] if a.skill else []
        tail = printable(f" ({', '.join(extra)})" if extra else "")
        label = style(f"{said[a.id]:<{state_width}}", _TONE[said[a.id]], colour=colour)
        path = style(printable(a.path), "dim", colour=colour)
        typer.echo(f"{f'#{a.id}':>{width}}  {label}  {when:<{when_width}}  {printable(a.title)}{tail}  {path}")
