"""The yardstick for start-up: a minimal Typer app with two commands.

It is configured as careerkit's app is (no completion, no rich help, no
pretty exceptions), so the difference between the two is careerkit's own
start-up and work, not a Typer setting.

    python benchmarks/minimal_typer.py hello
    python benchmarks/minimal_typer.py --gc-as-careerkit hello

With `--gc-as-careerkit` it also treats the garbage collector as
careerkit.cli.main does (off for the run, every object frozen at the end, so
the collection at shutdown has nothing to walk): timed against that, what is
left is careerkit's own imports and work.
"""

from __future__ import annotations

import gc
import sys

import typer

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)


@app.command()
def hello(name: str = typer.Option("world", "--name", help="Who to greet.")) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


@app.command()
def goodbye(name: str = typer.Option("world", "--name", help="Who to wave to.")) -> None:
    """Say goodbye."""
    typer.echo(f"Goodbye {name}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--gc-as-careerkit"]:
        del sys.argv[1]
        gc.disable()
        try:
            app()
        finally:
            gc.freeze()
    app()
