"""Making a new notes repository: `careerkit init`. Running it again changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from careerkit import fsutil
from careerkit.settings import CONFIG_NAME, SETTING_HELP, STALE_GRACE_DAYS, Settings

TEMPLATES_README = Path(__file__).resolve().parent / "resources" / "templates_readme.md"


def config_text() -> str:
    defaults = Settings()
    lines = ["# careerkit settings for this notes repository. Every key is optional.", ""]
    for key, help_text in SETTING_HELP.items():
        lines.append(f"# {help_text}")
        value = getattr(defaults, key)
        if value is None:  # a default worked out per person: shown as an example, left unset
            lines.append(f"# {key}: {defaults.checkin_every_days + STALE_GRACE_DAYS}")
        else:
            lines.append(f"{key}: {value}")
        lines.append("")
    lines.append("# A person's profile (people/<slug>/profile.md) may set its own checkin_every_days.")
    return "\n".join(lines) + "\n"


@dataclass
class InitResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    git: str = ""  # what happened about git, in words


def init(path: Path, use_git: bool = True) -> InitResult:
    result = InitResult()
    fsutil.make_private_dirs(path)
    for folder in ("people", "templates"):
        target = path / folder
        if target.is_dir():
            result.existing.append(folder + "/")
        else:
            fsutil.make_private_dirs(target)
            result.created.append(folder + "/")
    for name, text in ((CONFIG_NAME, config_text()),
                       ("templates/README.md", TEMPLATES_README.read_text(encoding="utf-8"))):
        if fsutil.create_new(path / name, text.encode("utf-8")):
            result.created.append(name)
        else:
            result.existing.append(name)
    result.git = _git_init(path) if use_git else "git: skipped (--no-git)"
    return result


def _git_init(path: Path) -> str:
    git = shutil.which("git")
    if git is None:
        return "git: not installed; the notes are not under version control"
    inside = subprocess.run([git, "rev-parse", "--is-inside-work-tree"], cwd=path,
                            capture_output=True, text=True, check=False)
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return "git: already in a git repository"
    made = subprocess.run([git, "init", "--quiet"], cwd=path, capture_output=True, text=True, check=False)
    return "git: initialised a new repository" if made.returncode == 0 else "git: `git init` failed; run it yourself"
