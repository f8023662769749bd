"""Shared fixtures: a notes repository built from a dict, and the CLI invoked on it."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from careerkit.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Property tests: a small example budget for a quick run on a laptop, the full one in CI
# (.ci/run sets CAREERKIT_TEST_PROFILE=ci). Each property file scales its budget from this one.
settings.register_profile("quick", max_examples=30)
settings.register_profile("ci", max_examples=300)
settings.load_profile(os.environ.get("CAREERKIT_TEST_PROFILE", "quick"))


def build_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write each `relative path: content` (text is dedented) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8", newline="")
    return root


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def notes(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """notes({...}) -> a notes root (with careerkit.yaml) holding those files."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "notes"
        root.mkdir(exist_ok=True)
        (root / "careerkit.yaml").touch()
        return build_tree(root, files)

    return make


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """cli(root, "due", "--json") runs careerkit on that root; the exit code is asserted with `expect`. What it
    writes by default outside the notes goes to tmp_path/user-cache."""
    monkeypatch.delenv("CAREERKIT_ROOT", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(root: Path | None, *args: str, expect: int | None = 0) -> Result:
        argv = (["--root", str(root)] if root is not None else []) + list(args)
        result = runner.invoke(app, argv, catch_exceptions=False)
        out = Result(result.exit_code, result.stdout, result.stderr)
        if expect is not None:
            assert out.exit_code == expect, f"exit {out.exit_code}\nstdout:\n{out.stdout}\nstderr:\n{out.stderr}"
        return out

    return invoke
