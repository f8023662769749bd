"""The yardstick for start-up: a minimal Typer app with two commands.

It is configured as careerkit's app is (no completion, no rich help, no
pretty exceptions), so the difference between the two is careerkit's own
start-up and work, not a Typer setting.

    python benchmarks/minimal_typer.py hello
"""

from __future__ import annotations

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
    app()
