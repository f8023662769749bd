"""`careerkit edit`: which document to open, and the user's editor, chosen the way git chooses it.

The editor is $VISUAL, else $EDITOR, else `vi`; like git, the variable is run
by the shell with the file as its argument (`EDITOR="code --wait"` works), and
`:` means none. Nothing here prints: the command layer says what happened.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from careerkit.values.model import STAGE_RANK

if TYPE_CHECKING:
    from careerkit.repository.loader import Repository

FALLBACK = "vi"
NOT_FOUND = 127  # what the shell says for a command it cannot find


def editor() -> str:
    """The editor's command line: $VISUAL, else $EDITOR, else vi (an empty variable counts as unset)."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or FALLBACK


def run(path: Path) -> str | None:
    """Open `path` in the editor and wait for it to end; None when it ended well, else why not, in one line."""
    command = editor()
    if command.strip() == ":":  # git's "no editor": the file stays as it is
        return None
    try:
        if os.name == "posix":  # as git runs it: the variable through the shell, the file as "$1", never as code
            done = subprocess.run([f'{command} "$@"', command, os.fspath(path)], shell=True, check=False)
        else:
            import shlex

            done = subprocess.run([*shlex.split(command), os.fspath(path)], check=False)
    except (OSError, ValueError):
        return f"could not start the editor `{command}` (set $VISUAL or $EDITOR to yours)"
    if done.returncode == NOT_FOUND:
        return f"could not start the editor `{command}` (set $VISUAL or $EDITOR to yours)"
    if done.returncode != 0:
        return f"the editor `{command}` ended with status {done.returncode}"
    return None


def newest_document(notes: Repository, slug: str, stage: str | None) -> tuple[Path, str] | None:
    """The person's newest document (of `stage`, when given) and its stage, or None when they have none.

    Newest as everywhere else (the date, then the stage's order, then the `-N` suffix), by what the frontmatter
    says; a document that cannot be read counts by its file name, so that the one to mend can be opened too.
    """
    from careerkit.reading.documents import FILENAME

    person = notes.load([slug]).people[0]
    found = [(doc.order_key, doc.stage) for doc in person.documents if stage in (None, doc.stage)]
    readable = {doc.path for doc in person.documents}
    for name in notes.document_files(slug).names:
        rel = f"people/{slug}/{name}"
        match = re.fullmatch(FILENAME, name)
        if rel in readable or match is None or match[2] not in STAGE_RANK or stage not in (None, match[2]):
            continue
        found.append(((_day(match[1]), STAGE_RANK[match[2]], int(match[3] or 1), rel), match[2]))
    if not found:
        return None
    (*_, rel), newest_stage = max(found)
    return notes.root / rel, newest_stage


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return date.min
