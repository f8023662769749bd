"""The `careerkit` command: wiring only. Each command lives in careerkit.commands."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from careerkit import __version__
from careerkit.commands import action, check, documents, init, overview, templates_cmd

app = typer.Typer(
    name="careerkit",
    help="Career conversations kept as plain Markdown notes: scaffold them, see what needs attention.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careerkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Optional[str] = typer.Option(  # noqa: UP045 - typer reads the annotation
        None, "--root", metavar="PATH", help="The notes repository (default: CAREERKIT_ROOT, or the nearest "
        "folder upward with careerkit.yaml, or the current folder)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    ctx.obj = {"root": root}


app.command("init")(init.init)
app.command("new")(documents.new)
app.command("due")(overview.due)
app.command("agenda")(overview.agenda)
app.command("status")(overview.status)
app.command("log")(overview.log)
app.command("check")(check.check)
app.add_typer(templates_cmd.app, name="templates")
app.add_typer(action.app, name="action")


def main() -> None:
    """Entry point: no traceback ever reaches a user (set CAREERKIT_DEBUG=1 to see one)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("careerkit: interrupted\n")
        sys.exit(130)
    except Exception as error:  # a bug, not bad input: say so without printing any data
        if os.environ.get("CAREERKIT_DEBUG"):
            raise
        sys.stderr.write(f"careerkit: internal error ({type(error).__name__}). "
                         "Set CAREERKIT_DEBUG=1 to see details, and please report it.\n")
        sys.exit(1)
