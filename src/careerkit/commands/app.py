"""The Typer app: wiring only. Each command lives in careerkit.commands.

Typer inspects the signature of every registered command each time the
program starts, and each command's module has to be imported for it. So
`careerkit.cli.main` builds the app with only the command it is about to run
(found in the arguments); `--help`, a mistyped command and the tests get
every command. Both give a command the same options and the same behaviour.
"""

import contextlib
import importlib
import sys
from collections.abc import Iterator, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from careerkit import __version__
from careerkit.commands.help_text import SUMMARIES, examples, help_for
from careerkit.errors import CareerkitError

# name -> (module, attribute): a command function, or a Typer app of subcommands.
COMMANDS = {
    "init": ("careerkit.commands.init", "init"),
    "new": ("careerkit.commands.new", "new"),
    "note": ("careerkit.commands.new", "note"),
    "used": ("careerkit.commands.new", "used"),
    "edit": ("careerkit.commands.edit", "edit"),
    "due": ("careerkit.commands.due", "due"),
    "agenda": ("careerkit.commands.agenda", "agenda"),
    "status": ("careerkit.commands.status", "status"),
    "log": ("careerkit.commands.log", "log"),
    "calendar": ("careerkit.commands.calendar", "calendar"),
    "report": ("careerkit.commands.report", "report"),
    "check": ("careerkit.commands.check", "check"),
    "templates": ("careerkit.commands.templates", "app"),
    "action": ("careerkit.commands.action", "app"),
    "add": ("careerkit.commands.roster", "add"),
    "leave": ("careerkit.commands.roster", "leave"),
    "pause": ("careerkit.commands.roster", "pause"),
    "share": ("careerkit.commands.worksheet", "share"),
    "take": ("careerkit.commands.worksheet", "take"),
    "handover": ("careerkit.commands.handover", "handover"),
    "receive": ("careerkit.commands.handover", "receive"),
    "completion": ("careerkit.commands.completion", "completion"),
}
GLOBAL_OPTIONS_WITH_VALUE = ("--root",)


class _OneLineUsageErrors(TyperGroup):
    """The one place where errors become messages and exit statuses.

    Wrong usage is one line on stderr and exit 2 (`careerkit: no such option: --fial`), not Click's four; a
    CareerkitError (bad input) or an OSError (a file that could not be made or written) is one line and exit
    1 or 2, after the problems that caused it; output piped into something that stopped reading ends quietly.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            typer.echo("careerkit: aborted", err=True)
            code = 1
        except Exception as error:
            # Click's usage errors: recognised by what they offer (Typer exports no class for them)
            message, exit_code = getattr(error, "format_message", None), getattr(error, "exit_code", None)
            if message is None or not isinstance(exit_code, int):
                raise
            context = getattr(error, "ctx", None)
            if context is not None and message() == context.get_help():  # `careerkit` alone: the help
                typer.echo(message(), err=True)
            else:
                hint = f" (see `{context.command_path} --help`)" if context is not None else ""
                from careerkit.values.printable import printable

                typer.echo(printable(f"careerkit: {message()}{hint}"), err=True)
            code = exit_code
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _reported():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _reported():
            return super().invoke(ctx)


@contextlib.contextmanager
def _reported() -> Iterator[None]:
    """Bad input and failed writes as one line each (`path:line: message`) and an exit status, never a
    traceback; a reader that stopped reading (`careerkit status | head -1`) is no failure: exit 0 without a
    word (Click's own handling of a broken pipe says nothing but exits 1)."""
    try:
        yield
    except BrokenPipeError:
        from careerkit.commands.options import discard_stdout

        discard_stdout()
        raise typer.Exit(0) from None
    except CareerkitError as error:
        from careerkit.commands.options import echo_line, report_problems

        report_problems(error.problems)
        # An error in a file reads `path:line: message`, as every problem found in a file does (docs/contract.md).
        echo_line(str(error) if error.path is not None else f"careerkit: {error}", err=True)
        raise typer.Exit(error.exit_code) from None
    except OSError as error:  # e.g. a file where a folder should be: the place and the reason, no more
        import os

        from careerkit.commands.options import echo_line

        where = f"{os.fsdecode(error.filename)}: " if error.filename is not None else ""
        echo_line(f"careerkit: {where}{(error.strerror or type(error).__name__).lower()}", err=True)
        raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careerkit {__version__}")
        raise typer.Exit()


def main_options(
    ctx: typer.Context,
    root: Annotated[
        str | None,
        typer.Option(
            "--root",
            metavar="PATH",
            help="The notes repository: a folder with careerkit.yaml or people/ "
            "(default: CAREERKIT_ROOT, or the nearest folder upward with careerkit.yaml).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    from careerkit.commands.options import GlobalOptions

    ctx.obj = GlobalOptions(root)


def build(only: str | None = None) -> typer.Typer:
    """The careerkit app with every command, or with only the one named."""
    built = typer.Typer(
        cls=_OneLineUsageErrors,
        name="careerkit",
        help=SUMMARIES[""],
        epilog=examples("") + "\nSee `careerkit COMMAND --help`, and `man careerkit`.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main_options)
    for name, (module, attribute) in COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(module), attribute)
        if isinstance(target, typer.Typer):
            built.add_typer(target, name=name, **help_for(name))
        else:
            built.command(name, **help_for(name))(target)
    return built


def command_in(args: Sequence[str]) -> str | None:
    """The command that `args` runs, when it is a known one and no global --help or --version comes first."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
        elif arg.startswith(tuple(option + "=" for option in GLOBAL_OPTIONS_WITH_VALUE)):
            index += 1
        else:
            return arg if arg in COMMANDS else None
    return None
