"""The installed command and the built wheel: what a user gets from `pip install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from careerkit import __version__
from careerkit.values.model import STAGES

PROJECT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)


def test_installed_entry_point_and_python_m_both_work(tmp_path):
    script = shutil.which("careerkit", path=str(Path(sys.executable).parent)) or shutil.which("careerkit")
    assert script, "the careerkit command is not installed"
    assert run(script, "--version").stdout.strip() == f"careerkit {__version__}"
    result = run(sys.executable, "-m", "careerkit", "--root", str(tmp_path), "new", "retro", "x")
    assert result.returncode == 2 and "unknown stage 'retro'" in result.stderr and "Traceback" not in result.stderr


def test_help_and_version_do_not_import_yaml_jinja_or_frontmatter():
    code = (
        "import sys; sys.argv = ['careerkit', '--help']\n"
        "from careerkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('yaml', 'jinja2', 'frontmatter', 'rich', 'pydantic', 'pyrage') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    result = run(sys.executable, "-c", code)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY []"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(PROJECT)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [built] = out.glob("careerkit-*.whl")
    return built


def test_the_wheel_ships_every_template_and_the_templates_readme(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for stage in STAGES:
        assert f"careerkit/templates/{stage}.md.j2" in names
    assert "careerkit/resources/templates_readme.md" in names
    assert "careerkit/resources/report.html.j2" in names  # careerkit report's page: not overridable, always shipped


def test_the_wheel_ships_every_module_of_every_wing(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = PROJECT / "src"
    modules = {path.relative_to(package).as_posix() for path in (package / "careerkit").rglob("*.py")}
    assert modules - names == set()


def test_the_wheel_installs_the_man_page_where_man_looks(wheel):
    """share/man/man1/careerkit.1 under the environment's prefix: `man careerkit` in a virtual environment."""
    archive = zipfile.ZipFile(wheel)
    [page] = [name for name in archive.namelist() if name.endswith("/share/man/man1/careerkit.1")]
    assert page == f"careerkit-{__version__}.data/data/share/man/man1/careerkit.1"
    assert archive.read(page) == (PROJECT / "docs/careerkit.1").read_bytes()


def test_the_unpacked_wheel_scaffolds_documents_from_its_own_templates(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    notes = tmp_path / "notes"
    code = "import careerkit, sys; print(careerkit.__file__)"
    assert run(sys.executable, "-c", code, env=env, cwd=tmp_path).stdout.startswith(str(site))
    made = run(sys.executable, "-m", "careerkit", "--root", str(notes), "init", "--no-git", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    result = run(
        sys.executable,
        "-m",
        "careerkit",
        "--root",
        str(notes),
        "new",
        "plan",
        "alice",
        "--name",
        "Alice",
        "--date",
        "2026-01-01",
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "# Action plan" in (notes / "people/alice/2026-01-01-plan.md").read_text(encoding="utf-8")
    page = tmp_path / "team.html"
    result = run(
        sys.executable, "-m", "careerkit", "--root", str(notes), "report", "-o", str(page), env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "Career conversations" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["due"], "due"),
        (["--root", "x", "status"], "status"),
        (["--root=x", "action", "list", "a"], "action"),
        (["--version"], None),
        (["-h", "due"], None),
        (["--root", "due"], None),
        (["retro"], None),
        ([], None),
    ],
)
def test_main_builds_only_the_command_it_runs(args, command):
    from careerkit.commands.app import command_in

    assert command_in(args) == command


def test_running_one_command_imports_no_other_command():
    code = (
        "import sys; sys.argv = ['careerkit', 'due', '--help']\n"
        "from careerkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('COMMANDS', sorted(m for m in sys.modules if m.startswith('careerkit.commands.')))"
    )
    result = run(sys.executable, "-c", code)
    assert "--within DAYS" in result.stdout
    imported = result.stdout.strip().splitlines()[-1]
    expected = [
        "careerkit.commands.app",
        "careerkit.commands.due",
        "careerkit.commands.help_text",  # every command's summary and examples: small, plain data
        "careerkit.commands.options",
    ]
    assert imported == f"COMMANDS {expected}"


@pytest.mark.parametrize("args", [["status"], ["due"], ["agenda", "zoe-obrien"], ["--help"]])
def test_output_into_a_pipe_nobody_reads_ends_quietly(args):
    """`careerkit status | head -1`: when the reader has gone, careerkit stops without a word and exit 0."""
    examples = str(PROJECT / "examples")
    with subprocess.Popen(
        [sys.executable, "-m", "careerkit", "--root", examples, *args, "--today", "2026-11-28"]
        if args != ["--help"]
        else [sys.executable, "-m", "careerkit", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before it can write a byte: every write meets a closed pipe
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""


# The first release of each dependency a user runs with no security advisory known against it (or against
# any release after it, up to the newest checked), as of 2026-12. A lower bound in pyproject.toml below one of
# these would let `pip install careerkit` keep a release with a known hole: CI's oldest-version pass shows only
# that such a release works, never that it is safe.
FIRST_SAFE = {
    # CVE-2024-56201 (a template's name compiled outside the sandbox) and CVE-2024-56326 (str.format reached
    # through a stored reference): fixed in 3.1.5; CVE-2025-27516 (the `attr` filter reaching str.format): 3.1.6.
    "jinja2": (3, 1, 6),
    # CVE-2017-18342, CVE-2019-20477, CVE-2020-1747 and CVE-2020-14343 (`load`/`full_load` build Python
    # objects): the last fixed in 5.4. careerkit reads with a safe loader in any case.
    "pyyaml": (5, 4),
    # None known. (icalendar's two advisories, GHSA-cv84-9p8j-fj68 for 7.1.0-7.1.2 and GHSA-qjcq-q7h7-r74v for
    # 6.1.0-7.2.1, are about comparing parsed components and expanding alarms; careerkit only builds a feed.)
    "typer": (0,),
    "icalendar": (0,),
    "pyrage": (0,),  # None known.
}


def test_no_lower_bound_allows_a_release_with_a_known_security_hole():
    bounds = {requirement.name.lower(): _lower_bound(requirement) for requirement in _requirements()}
    assert set(bounds) == set(FIRST_SAFE), "each dependency careerkit runs with has its row in FIRST_SAFE"
    assert {name: bound for name, bound in bounds.items() if bound < FIRST_SAFE[name]} == {}


def test_the_oldest_versions_ci_tests_are_the_lower_bounds_of_pyproject():
    """.ci/oldest.txt pins each dependency to the lower bound pyproject.toml gives it, so CI's second pass
    tests exactly the oldest versions a user may have (and each pin is a version pyproject.toml allows)."""
    requirements = {req.name.lower(): req for req in _requirements(with_tests=True) if _lower_bound(req) > (0,)}
    pinned = {}
    for line in (PROJECT / ".ci/oldest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pin = line.partition("==")
            pinned[name.strip().lower()] = pin.strip()
    assert {name: _release(pin) for name, pin in pinned.items()} == {
        name: _lower_bound(req) for name, req in requirements.items()
    }
    assert [name for name, pin in pinned.items() if not requirements[name].specifier.contains(pin)] == []


def _requirements(with_tests: bool = False) -> list[Any]:
    """The requirements in pyproject.toml: what careerkit runs with, and (`with_tests`) its test extras."""
    tomllib = pytest.importorskip("tomllib")
    requirement = pytest.importorskip("packaging.requirements")
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["dependencies"] + (project["optional-dependencies"]["test"] if with_tests else [])
    return [requirement.Requirement(text) for text in texts]


def _lower_bound(requirement: Any) -> tuple[int, ...]:
    """The release in its `>=` clause; (0,) when it has none."""
    found = [_release(spec.version) for spec in requirement.specifier if spec.operator == ">="]
    return max(found, default=(0,))


def _release(text: str) -> tuple[int, ...]:
    """`8`, `8.0` and `8.0.0` are one release."""
    parts = [int(part) for part in text.strip().split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
