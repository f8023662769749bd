"""`careerkit templates`: list the templates, copy one into the notes repository to edit."""

import typer

from careerkit.commands.common import notes
from careerkit.help_text import help_for

app = typer.Typer(help="List the document templates, or copy one here to edit it.", rich_markup_mode=None)


@app.callback(invoke_without_command=True)
def templates(ctx: typer.Context) -> None:
    """List each stage's template and whether this notes repository overrides it."""
    if ctx.invoked_subcommand is not None:
        return
    from careerkit.templates import listing

    repo = notes(ctx)
    for stage, path, own in listing(repo.root):
        where = repo.rel(path) if own else f"shipped ({path.name})"
        typer.echo(f"{stage:<8} {where}")


@app.command("copy", **help_for("templates copy"))
def copy(
    ctx: typer.Context,
    stage: str = typer.Argument(..., metavar="STAGE", help="story, dreams, plan, checkin or note."),
) -> None:
    """Copy the shipped template of STAGE into templates/ to edit; never overwrites."""
    from careerkit import fsutil
    from careerkit.errors import CareerkitError
    from careerkit.scaffold import check_stage
    from careerkit.templates import file_name, override_dir, shipped_dir

    repo = notes(ctx)
    check_stage(stage)
    target = override_dir(repo.root) / file_name(stage)
    if not repo.is_inside(target.parent):
        raise CareerkitError("is a link to outside the notes root; nothing written", path=repo.rel(target.parent))
    fsutil.make_private_dirs(target.parent)
    fsutil.remove_stale_temps(target.parent, locked=False)
    if not fsutil.create_new(target, (shipped_dir() / file_name(stage)).read_bytes()):
        raise CareerkitError("already exists; edit it, or delete it to start again", path=repo.rel(target))
    typer.echo(repo.rel(target))
