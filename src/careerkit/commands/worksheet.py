"""`careerkit share` and `careerkit take`: the person's worksheet, out and back."""

from typing import Annotated

import typer

from careerkit.commands.options import Today, committed, echo_line, repository, today_option, writable_repository


def share(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Someone on your team: their slug or name.")],
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="dreams, plan or checkin (default: their next one of dreams and plan, the plan again after their "
            "dreams changed; a check-in once both were held). The life story is told in person: no worksheet.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write it to a new FILE (owner-only, never over a file; default: standard output).",
        ),
    ] = None,
    today: Today = None,
) -> None:
    """Write a plain Markdown worksheet for PERSON to fill in before a conversation; read it back with `take`."""
    from pathlib import Path

    from careerkit.errors import CareerkitError
    from careerkit.fs import safe as fsutil
    from careerkit.writing.sharing import worksheet_for

    day = today_option(today)
    repo = repository(ctx)
    text = worksheet_for(repo, person, stage, day)
    if output is None:
        typer.echo(text, nl=False)
        return
    # Never over a file that is there: it may be the worksheet they filled in.
    if not fsutil.create_new(Path(output), text.encode("utf-8"), repo.root, fsutil.EXPORT):
        raise CareerkitError(f"{output}: exists; not overwritten (take it back first, or choose another name)")
    echo_line(output)


def take(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="Whose worksheet it is: their slug or name.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="The filled worksheet; - reads it from standard input.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    today: Today = None,
) -> None:
    """Read a filled worksheet back into PERSON's notes: print every change, then make it."""
    from pathlib import Path

    from careerkit.writing.take import SHEET_LIMIT, read_sheet
    from careerkit.writing.take import take as take_sheet

    day = today_option(today)
    repo = repository(ctx) if dry_run else writable_repository(ctx)
    if file == "-":  # pasted back from a chat
        import sys

        sheet = read_sheet(None, sys.stdin.buffer.read(SHEET_LIMIT + 1))
    else:
        sheet = read_sheet(Path(file))
    plan = take_sheet(repo, person, sheet, day, dry_run)
    for line in plan.lines:
        echo_line(line)
    if not plan.lines:
        echo_line("nothing to change: the notes already say what the worksheet says")
    elif dry_run:
        echo_line("(dry run: nothing written)")
    committed(repo.root, list(dict.fromkeys(plan.written)), f"take a {sheet.stage} worksheet")
