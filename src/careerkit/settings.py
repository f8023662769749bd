"""careerkit.yaml and people's profiles: cadences and names, validated."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from careerkit.documents import Problem

CONFIG_NAME = "careerkit.yaml"


@dataclass(frozen=True)
class Settings:
    checkin_every_days: int = 30
    conversation_every_days: int = 182
    stale_after_days: int = 21


SETTING_HELP = {
    "checkin_every_days": "a check-in is due this long after the last plan or check-in",
    "conversation_every_days": "story, dreams or plan: at least twice a year",
    "stale_after_days": "an open action untouched this long is stale",
}


@dataclass(frozen=True)
class Profile:
    name: str | None = None
    role: str | None = None
    checkin_every_days: int | None = None


@dataclass
class Loaded:
    """A settings-like value plus the problems found reading it."""

    value: Any
    problems: list[Problem] = field(default_factory=list)


def _read_mapping(path: Path, rel: str, frontmatter: bool) -> tuple[dict[str, Any], Any, list[Problem]]:
    from careerkit import frontmatter_text, yamlio
    from careerkit.errors import CareerkitError

    try:
        text = frontmatter_text.decode(path.read_bytes())
        if frontmatter:
            split = frontmatter_text.split(text)
            yaml_text, first = split.yaml, split.first_yaml_line
        else:
            yaml_text, first = text.lstrip(frontmatter_text.BOM), 1
        data = yamlio.load(yaml_text, first)
    except OSError as error:
        return {}, None, [Problem(rel, None, f"cannot read file: {(error.strerror or 'error').lower()}")]
    except CareerkitError as error:
        return {}, None, [Problem(rel, error.line, error.message)]
    if data is None:
        return {}, None, []
    if not isinstance(data, dict):
        return {}, None, [Problem(rel, first, "should be a mapping of keys")]
    return data, (yaml_text, first), []


def _positive_int(data: dict[str, Any], key: str, rel: str, source: Any, problems: list[Problem]) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        from careerkit import yamlio

        line = yamlio.locate(yamlio.compose(source[0]), (key,))
        at = None if line is None else source[1] + line
        problems.append(Problem(rel, at, f"`{key}` should be a whole number of days (1 or more); using the default"))
        return None
    return value


def load_settings(root: Path) -> Loaded:
    path = root / CONFIG_NAME
    if not path.is_file():
        return Loaded(Settings())
    data, source, problems = _read_mapping(path, CONFIG_NAME, frontmatter=False)
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    for key in data:
        if key not in known:
            from difflib import get_close_matches

            close = get_close_matches(str(key), known, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            problems.append(Problem(CONFIG_NAME, None, f"unknown setting `{key}`{hint}", "warning", check_only=True))
    for key in known:
        value = _positive_int(data, key, CONFIG_NAME, source, problems)
        if value is not None:
            settings = replace(settings, **{key: value})
    return Loaded(settings, problems)


def load_profile(root: Path, person: str) -> Loaded:
    path = root / "people" / person / "profile.md"
    if not path.is_file():
        return Loaded(Profile())
    rel = f"people/{person}/profile.md"
    data, source, problems = _read_mapping(path, rel, frontmatter=True)
    name = data.get("name")
    role = data.get("role")
    cadence = _positive_int(data, "checkin_every_days", rel, source, problems)
    return Loaded(Profile(
        name=name.strip() or None if isinstance(name, str) else None,
        role=role if isinstance(role, str) else None,
        checkin_every_days=cadence,
    ), problems)
