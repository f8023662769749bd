"""The `careerkit` command: wiring only. Each command lives in careerkit.commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from careerkit import __version__
from careerkit.commands import action, check, documents, init, overview, templates_cmd


class _OneLineUsageErrors(TyperGroup):
    """Wrong usage is one line on stderr and exit 2 (`careerkit: no such option: --fial`), not Click's four."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            typer.echo("careerkit: aborted", err=True)
            code = 1
        except Exception as error:
            # Click's usage errors (its exception classes are not part of Typer's interface)
            message, exit_code = getattr(error, "format_message", None), getattr(error, "exit_code", None)
            if message is None or not isinstance(exit_code, int):
                raise
            context = getattr(error, "ctx", None)
            if type(error).__name__ == "NoArgsIsHelpError":  # `careerkit` alone: its message is the help
                typer.echo(message(), err=True)
            else:
                hint = f" (see `{context.command_path} --help`)" if context is not None else ""
                typer.echo(f"careerkit: {message()}{hint}", err=True)
            code = exit_code
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineUsageErrors,
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
