"""The one error type that the command layer turns into a message and an exit status."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CareerkitError(Exception):
    """Something the user must fix; `path` and `line` say where, when known.

    The message never quotes note content beyond naming the place. `problems` (each printed as
    `path:line: message`) are what caused it, reported before it. `code`: the stable code of the problem
    (careerkit.values.codes) when a reader turns the error into one.
    """

    exit_code = EXIT_FAILURE

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        problems: Sequence[object] = (),
        code: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.problems = list(problems)
        self.code = code

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class UsageError(CareerkitError):
    """Wrong usage: unknown stage or person, bad date, bad option (exit 2)."""

    exit_code = EXIT_USAGE
