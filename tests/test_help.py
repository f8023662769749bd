"""Every command, subcommand, argument and option explains itself in `--help`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from careerkit.app import build


def every_command() -> Iterator[tuple[str, Any, Any]]:
    group = typer.main.get_command(build())

    def walk(command: Any, context: Any, words: str) -> Iterator[tuple[str, Any, Any]]:
        yield words, command, context
        for name in getattr(command, "list_commands", lambda _: [])(context):
            child = command.get_command(context, name)
            yield from walk(child, child.context_class(child, info_name=name, parent=context), f"{words} {name}")

    yield from walk(group, group.context_class(group, info_name="careerkit"), "careerkit")


def test_every_command_and_option_has_help_text():
    missing = []
    seen = 0
    for words, command, context in every_command():
        seen += 1
        if not (command.help or "").strip():
            missing.append(words)
        for param in command.get_params(context):
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{words} {param.human_readable_name}")
    assert seen > 10  # the walk reached the subcommands
    assert missing == []

