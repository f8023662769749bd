"""Shell completion: the scripts for bash, zsh and fish, and the answers they ask careerkit for.

The shell runs `careerkit` with `_CAREERKIT_COMPLETE=<shell>_complete` and the
words typed so far in COMP_WORDS and COMP_CWORD (Click's protocol, so the
answers have Click's form: `type,value` lines for bash, `type`, `value`,
`help` lines for zsh, `type,value<TAB>help` for fish). `careerkit.cli.main`
sends such a run here before anything else is built.

An answer must come as fast as a small command runs: commands are named from
the table in careerkit.commands.app without importing them; options come from the one
command being completed (built as when it runs); people are the folder names
under people/ (and the names in their profiles, read only when text was
typed); action ids come from that one person's notes, through the cache.
Nothing here prints an error: a completion that cannot be found is none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository

ENV = "_CAREERKIT_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
HELP_OPTIONS = ("-h", "--help")
SHELL_WORDS = {"shell": SHELLS}
FILE, DIR, PLAIN = "file", "dir", "plain"


@dataclass(frozen=True)
class Item:
    value: str
    help: str = ""
    type: str = PLAIN


def respond(instruction: str) -> int:
    """Answer the shell (`bash_complete`, ...) or print its script (`bash_source`, ...); the exit status."""
    shell, _, action = instruction.partition("_")
    if shell not in SHELLS or action not in ("complete", "source"):
        return 1
    if action == "source":
        print(script(shell), end="")
        return 0
    args, incomplete = _words(shell)
    items = complete(args, incomplete)
    print("".join(_format(shell, item) for item in items), end="")
    return 0


def script(shell: str) -> str:
    """The completion script for `shell` (bash, zsh or fish): src/careerkit/resources/completion.<shell>."""
    return (Path(__file__).resolve().parents[1] / "resources" / f"completion.{shell}").read_text(encoding="utf-8")


def _words(shell: str) -> tuple[list[str], str]:
    """The words before the one being completed (without the program's name), and that one as typed so far."""
    words = _split(os.environ.get("COMP_WORDS", ""))
    if shell == "fish":  # COMP_CWORD holds the word itself: the line may or may not already end with it
        incomplete = os.environ.get("COMP_CWORD", "")
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    try:
        current = int(os.environ.get("COMP_CWORD", ""))
    except ValueError:
        current = len(words)
    return words[1:current], (words[current] if current < len(words) else "")


def _split(line: str) -> list[str]:
    """Words as the shell would split them; an unclosed quote (the user is still typing) closes at the end."""
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for word in lexer:
            words.append(word)
    except ValueError:
        words.append(lexer.token)
    return words


def _format(shell: str, item: Item) -> str:
    from careerkit.values.printable import printable

    # On one line (a title written over two must not break the answer's lines), and nothing that drives a terminal
    help_text = printable(" ".join(item.help.split()))
    if shell == "zsh":
        return f"{item.type}\n{item.value}\n{help_text or '_'}\n"
    if shell == "fish" and help_text:
        return f"{item.type},{item.value}\t{help_text}\n"
    return f"{item.type},{item.value}\n"


def complete(args: list[str], incomplete: str) -> list[Item]:
    """What may come next after `args`, starting with `incomplete`."""
    from careerkit.commands.app import COMMANDS

    index, root = _after_global_options(args)
    if index is None:  # the words end where --root wants its folder
        return [Item("", type=DIR)]
    if index == len(args):
        if incomplete.startswith("-"):
            return _options(_command(None), incomplete, [])
        from careerkit.commands.help_text import SUMMARIES

        return [Item(name, SUMMARIES.get(name, "")) for name in COMMANDS if name.startswith(incomplete)]
    name, rest = args[index], args[index + 1 :]
    if name not in COMMANDS:
        return []
    command = _command(name)
    if getattr(command, "commands", None):  # a command with subcommands (`action done`)
        return _in_group(command, rest, incomplete, root)
    return _for_command(command, rest, incomplete, root)


def _after_global_options(args: list[str]) -> tuple[int | None, str | None]:
    """Where the command's name is in `args` (None when the words end with `--root` and no folder yet),
    and the `--root` given before it."""
    from careerkit.commands.app import GLOBAL_OPTIONS_WITH_VALUE

    root: str | None = None
    index = 0
    while index < len(args) and args[index].startswith("-"):
        word = args[index]
        if word in GLOBAL_OPTIONS_WITH_VALUE:
            skip = 2 if args[index + 1 : index + 2] == ["="] else 1  # bash splits `--root=PATH` at the `=`
            if index + skip == len(args):
                return None, root
            root = args[index + skip]
            index += skip + 1
            continue
        if word.startswith("--root="):
            root = word.partition("=")[2]
        index += 1
    return index, root


def _in_group(group: Any, rest: list[str], incomplete: str, root: str | None) -> list[Item]:
    """After a command with subcommands: the first word chooses one."""
    words = [word for word in rest if not word.startswith("-")]
    if words:
        command = group.commands.get(words[0])
        return [] if command is None else _for_command(command, rest[rest.index(words[0]) + 1 :], incomplete, root)
    if incomplete.startswith("-"):
        return _options(group, incomplete, rest)
    return [
        Item(sub, _short_help(cmd))
        for sub, cmd in sorted(group.commands.items())
        if sub.startswith(incomplete) and not getattr(cmd, "hidden", False)
    ]


def _command(name: str | None) -> Any:
    """The Click command for `name`, built as when it runs (only the global options, for None)."""
    import typer

    from careerkit.commands.app import build

    group = typer.main.get_command(build(name or ""))
    return group if name is None else group.commands[name]  # type: ignore[attr-defined]


def _short_help(command: Any) -> str:
    try:
        return str(command.get_short_help_str(limit=60))
    except Exception:  # help is a nicety: never let it cost the answer
        return ""


def _takes_value(param: Any) -> bool:
    return not getattr(param, "is_flag", False) and not getattr(param, "count", False)


def _options(command: Any, incomplete: str, used: list[str]) -> list[Item]:
    items = []
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "hidden", False):
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith(incomplete) and (opt not in used or getattr(param, "multiple", False)):
                items.append(Item(opt, param.help or ""))
    items += [Item(opt, "Show the help and exit.") for opt in HELP_OPTIONS if opt.startswith(incomplete)]
    return sorted(items, key=lambda item: item.value)


def _for_command(command: Any, rest: list[str], incomplete: str, root: str | None) -> list[Item]:
    options = {
        opt: param
        for param in command.params
        if param.param_type_name == "option"
        for opt in [*param.opts, *param.secondary_opts]
    }
    positionals, expecting = _read_words(rest, options)
    if expecting is not None:
        return _option_value(expecting)
    if incomplete.startswith("-") and incomplete != "-":
        return _options(command, incomplete, rest)
    argument = _argument_at(command, len(positionals))
    if argument is None:
        return []
    return _values(str(argument.name), positionals, incomplete, root)


def _read_words(rest: list[str], options: dict[str, Any]) -> tuple[list[str], Any]:
    """The positional words among `rest`, and the option still waiting for its value at the end (or None)."""
    positionals: list[str] = []
    expecting: Any = None
    for word in rest:
        if expecting is not None:
            expecting = None
        elif word.startswith("-") and len(word) > 1 and word != "-":
            param = options.get(word.partition("=")[0])
            if param is not None and _takes_value(param) and "=" not in word:
                expecting = param
        else:
            positionals.append(word)
    return positionals, expecting


def _option_value(param: Any) -> list[Item]:
    """An option's value: a file or folder where it names one; nothing to suggest for dates and free text."""
    if "--output" in param.opts:
        return [Item("", type=FILE)]
    return []


def _argument_at(command: Any, position: int) -> Any:
    """The argument that the positional word at `position` fills (one that takes many fills the rest)."""
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        if param.nargs < 0:
            return param
        if position < param.nargs:
            return param
        position -= param.nargs
    return None


def _values(argument: str, positionals: list[str], incomplete: str, root: str | None) -> list[Item]:
    if argument in ("person", "people"):
        return _people(incomplete, root)
    if argument == "stage":
        from careerkit.values.model import STAGES

        return [Item(stage) for stage in STAGES if stage.startswith(incomplete)]
    if argument == "ident" and positionals:
        return _action_ids(positionals[0], incomplete, root)
    if argument in SHELL_WORDS:
        return [Item(word) for word in SHELL_WORDS[argument] if word.startswith(incomplete)]
    if argument == "paths":
        return [Item("", type=FILE)]
    if argument == "path":
        return [Item("", type=DIR)]
    return []


def _repository(root: str | None) -> Repository:
    from careerkit.repository.layout import find_root
    from careerkit.repository.loader import Repository

    return Repository(find_root(root))


def _people(incomplete: str, root: str | None) -> list[Item]:
    """Slugs that start with the text; with text typed, also those whose profile name starts with it."""
    from careerkit.errors import CareerkitError

    try:
        notes = _repository(root)
        slugs, _ = notes.folders()
        if not incomplete:
            return [Item(slug) for slug in slugs]
        chosen = [slug for slug in slugs if slug.startswith(incomplete)]
        chosen += [slug for slug in notes.people_starting(incomplete) if slug not in chosen]
        names = notes.profile_names(slugs)
    except (CareerkitError, OSError):
        return []
    return [Item(slug, names.get(slug, "")) for slug in sorted(chosen)]


def _action_ids(person: str, incomplete: str, root: str | None) -> list[Item]:
    """The person's open actions, by id, with their titles as help."""
    from datetime import date

    from careerkit.errors import CareerkitError

    try:
        notes = _repository(root)
        team = notes.load([notes.resolve_person(person)], condensed=date.max)  # open actions: the same any day
    except (CareerkitError, OSError):
        return []
    return [
        Item(str(action.id), action.title)
        for action in team.people[0].open_actions()
        if str(action.id).startswith(incomplete)
    ]
