"""The `careerkit` command's entry point: no traceback ever reaches a user.

The app itself is careerkit.commands.app; `careerkit.cli.app` is that app with every
command (for the tests and for tools that document the commands).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any


def main() -> None:
    """Run the command in sys.argv, then let the process end (CAREERKIT_DEBUG=1 shows a bug's traceback)."""
    # A run is short and leaves next to no cyclic garbage: no collector while it runs, and what is left
    # is frozen so that shutting down does not walk it (docs/performance.md, "No cyclic garbage collection").
    gc.disable()
    try:
        # The shell asks what may come next (careerkit.commands.completion_answers).
        instruction = os.environ.get("_CAREERKIT_COMPLETE")
        if instruction:
            from careerkit.commands.completion_answers import respond

            sys.exit(respond(instruction))
        from careerkit.commands.app import build, command_in

        build(command_in(sys.argv[1:]))()
    except KeyboardInterrupt:
        sys.stderr.write("careerkit: interrupted\n")
        sys.exit(130)
    except Exception as error:  # a bug, not bad input: say so without printing any data
        if os.environ.get("CAREERKIT_DEBUG"):
            raise
        sys.stderr.write(
            f"careerkit: internal error ({type(error).__name__}). "
            "Set CAREERKIT_DEBUG=1 to see details, and please report it.\n"
        )
        sys.exit(1)
    finally:
        gc.freeze()


def __getattr__(name: str) -> Any:
    if name == "app":
        from careerkit.commands.app import build

        app = build()
        globals()["app"] = app
        return app
    raise AttributeError(name)
