"""`careerkit action`: add, close, touch and list action items without disturbing a byte of the notes."""

import contextlib
from collections.abc import Iterator
from typing import Any, Optional

import typer

from careerkit.commands.common import (
    TODAY_HELP,
    committed,
    echo_line,
    notes,
    print_json,
    report_problems,
    reports_errors,
    style,
    today_option,
    use_colour,
    writable_notes,
)
from careerkit.printable import printable

app = typer.Typer(
    help="Add, close, touch and list a person's action items; only the lines that change are written.",
    rich_markup_mode=None,
    no_args_is_help=True,
)

PERSON_HELP = "A slug or a name."
ID_HELP = "The action's id (see `careerkit action list PERSON --all`)."


def _load(ctx: typer.Context, person: str) -> tuple[Any, Any, Any]:
    """The notes, what was read of PERSON, and their PersonNotes (for reading only)."""
    repo = notes(ctx)
    slug = repo.resolve_person(person)
    team = repo.load([slug])
    return repo, team, team.people[0]


@contextlib.contextmanager
def _editing(ctx: typer.Context, person: str) -> Iterator[tuple[Any, Any, Any]]:
    """`_load` for an edit: refused outside a notes repository, and under PERSON's lock until the edit is
    written (see careerkit.locks)."""
    repo = writable_notes(ctx)
    slug = repo.resolve_person(person)
    with repo.locked(slug):
        team = repo.load([slug])
        yield repo, team, team.people[0]


def _refuse_if_unreadable(team: Any, slug: str) -> None:
    from careerkit.actions import blocking_problems
    from careerkit.errors import CareerkitError

    blocking = blocking_problems(team, slug)
    if blocking:
        report_problems(blocking)
        raise CareerkitError(f"not changed: fix the {'document' if len(blocking) == 1 else 'documents'} above first "
                             "(a document that cannot be read may hold the action or its id)")


def _finish(team: Any, slug: str) -> None:
    """After the edit: report what else was wrong (careerkit.yaml, the profile, a repeated id).

    It did not stop the edit, so it is a warning and the exit status stays 0 (SPEC.md: exit 1 from a
    writing command means nothing was written)."""
    from careerkit.actions import blocking_problems

    report_problems([p for p in team.errors if p not in blocking_problems(team, slug)])


@app.command("add")
@reports_errors
def add(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    title: str = typer.Argument(..., metavar="TITLE", help="What will be done, short enough to read aloud."),
    due: Optional[str] = typer.Option(  # noqa: UP045
        None, "--due", metavar="DATE", help="Due date: YYYY-MM-DD, or +3d, +2w, +1m from today."),
    skill: Optional[str] = typer.Option(None, "--skill", help="The skill it serves."),  # noqa: UP045
    owner: Optional[str] = typer.Option(None, "--owner", help="Who does it, when not PERSON."),  # noqa: UP045
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Add an action to PERSON's newest plan or check-in; prints its id and the file."""
    from careerkit import actions, edit
    from careerkit.dates import parse_cli_date

    day = today_option(today)
    due_on = parse_cli_date(due, "--due", day) if due is not None else None
    title = actions.one_line(title, "TITLE")
    skill = actions.one_line(skill, "--skill") if skill is not None else None
    owner = actions.one_line(owner, "--owner") if owner is not None else None
    with _editing(ctx, person) as (repo, team, who):
        _refuse_if_unreadable(team, who.slug)
        target = actions.target_for_new(who)
        ident = actions.next_id(who)
        fields = actions.new_fields(ident, title, day, due_on, skill, owner)
        edit.edit_file(repo.root, repo.root / target.path, lambda text: edit.append_action(text, fields))
    echo_line(f"action {ident} added: {target.path}")
    committed(repo.root, [repo.root / target.path], "add an action")
    plan = who.newest("plan")
    if skill is not None and plan is not None and plan.skills and skill not in {s.skill for s in plan.skills}:
        echo_line(f"careerkit: note: {skill!r} is not one of the skills in {plan.path}", err=True)
    _finish(team, who.slug)


def _close(ctx: typer.Context, person: str, ident: int, today: str | None, status: str) -> None:
    from careerkit import actions, edit

    day = today_option(today)
    with _editing(ctx, person) as (repo, team, who):
        _refuse_if_unreadable(team, who.slug)
        action = actions.find(who, ident)
        changed = action.status != status
        if changed:
            fields = actions.close_fields(status, day)
            edit.edit_file(repo.root, repo.root / action.path,
                           lambda text: edit.set_action_fields(text, ident, fields))
    if changed:
        echo_line(f"action {ident} {status}: {action.path}")
        committed(repo.root, [repo.root / action.path], f"action {status}")
    else:
        since = f" since {action.closed}" if action.closed else ""
        echo_line(f"action {ident} is already {status}{since}; nothing changed: {action.path}")
    _finish(team, who.slug)


@app.command("done")
@reports_errors
def done(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    ident: int = typer.Argument(..., metavar="ID", help=ID_HELP),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Mark action ID done (status: done, closed: today) where its newest copy lives."""
    _close(ctx, person, ident, today, "done")


@app.command("drop")
@reports_errors
def drop(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    ident: int = typer.Argument(..., metavar="ID", help=ID_HELP),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Drop action ID on purpose (status: dropped, closed: today) where its newest copy lives."""
    _close(ctx, person, ident, today, "dropped")


@app.command("touch")
@reports_errors
def touch(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    ident: int = typer.Argument(..., metavar="ID", help=ID_HELP),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """Record progress on open action ID (updated: today), so it no longer counts as stale."""
    from careerkit import actions, edit
    from careerkit.errors import CareerkitError

    day = today_option(today)
    with _editing(ctx, person) as (repo, team, who):
        _refuse_if_unreadable(team, who.slug)
        action = actions.find(who, ident)
        if not action.is_open:
            raise CareerkitError(f"action {ident} is {action.status}: touch records progress on open actions "
                                 f"(to reopen it, set `status: open` in {action.path})")
        fields = actions.touch_fields(day)
        path = repo.root / action.path
        changed = edit.edit_file(repo.root, path, lambda text: edit.set_action_fields(text, ident, fields))
    echo_line(f"action {ident} touched: {action.path}" if changed
              else f"action {ident} was already updated {day}; nothing changed: {action.path}")
    if changed:
        committed(repo.root, [path], "progress on an action")
    _finish(team, who.slug)


@app.command("list")
@reports_errors
def list_actions(
    ctx: typer.Context,
    person: str = typer.Argument(..., metavar="PERSON", help=PERSON_HELP),
    show_all: bool = typer.Option(False, "--all", help="Also the done and dropped actions."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts instead of text."),
    today: Optional[str] = typer.Option(None, "--today", help=TODAY_HELP),  # noqa: UP045
) -> None:
    """PERSON's open actions (all with --all) and how each stands: overdue, due today, stale or on track."""
    from careerkit import actions

    day = today_option(today)
    _, team, who = _load(ctx, person)
    state = actions.states(who, team, day)
    shown = [a for a in who.actions() if show_all or a.is_open]
    if as_json:
        print_json([actions.to_json(a, state[a.id]) for a in shown])
    else:
        _print_actions(who, shown, state, show_all)
    report_problems(team.errors)
    if team.errors:
        raise typer.Exit(1)


_TONE = {"overdue": "red", "due today": "yellow", "stale": "yellow", "on track": "green",
         "done": "dim", "dropped": "dim"}


def _print_actions(who: Any, shown: list[Any], state: dict[int, str], show_all: bool) -> None:
    if not shown:
        what = "No actions" if show_all else "No open actions"
        echo_line(f"{what} for {who.name}. Add one: careerkit action add {who.slug} \"TITLE\" --due +2w")
        return
    colour = use_colour()
    width = max(len(f"#{a.id}") for a in shown)
    whens = {a.id: f"due {a.due}" if a.due else (f"closed {a.closed}" if a.closed else "no due date") for a in shown}
    when_width = max(len(when) for when in whens.values())
    for a in shown:
        when = whens[a.id]
        extra = [f"owner: {a.owner}"] if a.owner != who.slug else []
        extra += [f"skill: {a.skill}"] if a.skill else []
        tail = printable(f" ({', '.join(extra)})" if extra else "")
        label = style(f"{state[a.id]:<9}", _TONE[state[a.id]], colour=colour)
        path = style(printable(a.path), "dim", colour=colour)
        typer.echo(f"{f'#{a.id}':>{width}}  {label}  {when:<{when_width}}  {printable(a.title)}{tail}  {path}")
