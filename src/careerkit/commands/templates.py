"""`careerkit templates`: list the templates, copy one into the notes repository to edit."""

from typing import Annotated

import typer

from careerkit.commands.help_text import help_for
from careerkit.commands.options import TodayNotUsed, repository, today_option

app = typer.Typer(help="List the document templates, or copy one here to edit it.", rich_markup_mode=None)


@app.callback(invoke_without_command=True)
def templates(
    ctx: typer.Context,
    today: TodayNotUsed = None,
) -> None:
    """List each stage's template and whether this notes repository overrides it."""
    today_option(today)
    if ctx.invoked_subcommand is not None:
        return
    from careerkit.templating.templates import listing

    repo = repository(ctx)
    for stage, path, own in listing(repo.root):
        where = repo.rel(path) if own else f"shipped ({path.name})"
        typer.echo(f"{stage:<8} {where}")


@app.command("copy", **help_for("templates copy"))
def copy(
    ctx: typer.Context,
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="story, dreams, plan, checkin or note.")],
    today: TodayNotUsed = None,
) -> None:
    """Copy the shipped template of STAGE into templates/ to edit; never overwrites."""
    today_option(today)
    from careerkit.errors import CareerkitError
    from careerkit.fs import safe as fsutil
    from careerkit.templating.templates import file_name, override_dir, shipped_dir
    from careerkit.writing.scaffold import check_stage

    repo = repository(ctx)
    check_stage(stage)
    target = override_dir(repo.root) / file_name(stage)
    data = (shipped_dir() / file_name(stage)).read_bytes()
    fsutil.writable(target, repo.root, fsutil.NOTES_FILE, data, replacing=False)  # before templates/ is made
    fsutil.make_private_dirs(target.parent)
    fsutil.remove_stale_temps(target.parent, repo.root, fsutil.NOTES_FILE, locked=False)
    if not fsutil.create_new(target, data, repo.root, fsutil.NOTES_FILE):
        raise CareerkitError("already exists; edit it, or delete it to start again", path=repo.rel(target))
    typer.echo(repo.rel(target))
