"""careerkit.yaml and people's profiles: cadences, names and dates, validated."""

import os
from datetime import date
from pathlib import Path
from typing import Any

from careerkit.reading.shown import as_text, key_like
from careerkit.values import codes
from careerkit.values.model import STALE_GRACE_DAYS, Loaded, Problem, Profile, Settings

CONFIG_NAME = "careerkit.yaml"


GIT_COMMIT = "commit"  # the `git` setting that commits what each command writes (careerkit.writing.git)
GIT_HELP = "`commit`: every command that writes commits what it wrote; anything else: no commits"
CALENDAR_KEY = "calendar_key"
MIN_CALENDAR_KEY = 16  # characters: a shorter key could be guessed along with a name
CALENDAR_KEY_HELP = (
    "a random key that keeps the event ids of `careerkit calendar` stable and unguessable; keep it as it is"
)
SETTING_HELP = {
    "checkin_every_days": "a check-in is due this long after the last plan or check-in",
    "conversation_every_days": "story, dreams or plan: at least twice a year",
    "stale_after_days": (
        f"an open action untouched this long is stale (default: the person's checkin_every_days + {STALE_GRACE_DAYS})"
    ),
    "manager": 'the action `owner` that marks your own promises ("I will introduce you to Bob")',
}
SELF_HELP = (
    "set by `careerkit init --self`: the slug of the one person whose own career notes these are; careerkit then "
    "speaks to them, and `owner: manager` marks what they asked of their manager"
)


class _Source:
    """The YAML text a mapping was read from; its node tree (for the lines of problems) is composed and indexed
    once, when the first problem needs a line: for each problem, 4,000 unknown keys took half a minute."""

    def __init__(self, text: str, first: int):
        self.text, self.first = text, first
        self._lines: Any = None

    def _line(self, key: object, of_key: bool) -> int | None:
        from careerkit.reading import yamlio

        if not isinstance(key, str):
            return None
        if self._lines is None:
            self._lines = yamlio.Lines(yamlio.compose(self.text))
        line = self._lines.locate_key((key,)) if of_key else self._lines.locate((key,))
        return None if line is None else self.first + line

    def value_line(self, key: str) -> int | None:
        """The 1-based line of the value of `key` (of the mapping, when it has none)."""
        return self._line(key, of_key=False)

    def key_line(self, key: object) -> int | None:
        """The 1-based line where `key` is first written (of the mapping, when it came from elsewhere, such as a
        merge); None when the key is not text."""
        return self._line(key, of_key=True)


def _read_mapping(
    root: Path, path: Path, rel: str, frontmatter: bool
) -> tuple[dict[str, Any], _Source | None, list[Problem]]:
    from careerkit.errors import CareerkitError
    from careerkit.reading import frontmatter as frontmatter_text
    from careerkit.reading import yamlio
    from careerkit.reading.documents import read_bytes, unreadable

    if leaves_root(root, path):
        from careerkit.fs.safe import leads_into_git

        code, where = (
            (codes.INTO_GIT, "into a .git folder")
            if leads_into_git(path)
            else (codes.OUTSIDE_ROOT, "to outside the notes root")
        )
        return {}, None, [Problem(rel, 1, code, f"link {where}; not read, defaults used")]
    try:
        text = frontmatter_text.decode(read_bytes(path))
        if frontmatter:
            split = frontmatter_text.split(text)
            yaml_text, first = split.yaml, split.first_yaml_line
        else:
            yaml_text, first = text.lstrip(frontmatter_text.BOM), 1
        data = yamlio.load(yaml_text, first, "frontmatter" if frontmatter else "YAML")
    except (OSError, CareerkitError) as error:
        return {}, None, [unreadable(rel, error)]
    if data is None:
        return {}, None, []
    if not isinstance(data, dict):
        return {}, None, [Problem(rel, first, codes.NOT_A_MAPPING, "should be a mapping of keys")]
    return data, _Source(yaml_text, first), []


def file_present(path: Path) -> bool:
    """True when something (a file, a link, even a broken one) is at `path`.

    False also when its folder cannot be searched: the folder is reported instead.
    """
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def leaves_root(root: Path, path: Path) -> bool:
    """True when `path` is a link whose target is outside `root`, or inside a `.git` folder (or cannot be
    resolved): such a file is never read."""
    from careerkit.fs.safe import leads_into_git, resolves_inside

    return path.is_symlink() and (not resolves_inside(path, root) or leads_into_git(path))


def _report(
    rel: str, source: _Source | None, key: str, message: str, problems: list[Problem], code: str = codes.BAD_VALUE
) -> None:
    """A problem with the value of `key`, at its line."""
    problems.append(Problem(rel, None if source is None else source.value_line(key), code, message))


def _positive_int(
    data: dict[str, Any], key: str, rel: str, source: _Source | None, problems: list[Problem]
) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _report(rel, source, key, f"`{key}` should be a whole number of days (1 or more); using the default", problems)
        return None
    return value


def _text(data: dict[str, Any], key: str, rel: str, source: _Source | None, problems: list[Problem]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):  # `role: 2024` is still text
        return as_text(value).strip() or None
    _report(rel, source, key, f"`{key}` should be text (put it in quotes); not used", problems)
    return None


def _date(data: dict[str, Any], key: str, rel: str, source: _Source | None, problems: list[Problem]) -> date | None:
    from careerkit.values.dates import value_to_date

    value = data.get(key)
    if value is None:
        return None
    day = value_to_date(value)
    if day is None:
        _report(rel, source, key, f"`{key}` should be a date (YYYY-MM-DD); not used", problems, codes.BAD_DATE)
    return day


def load_settings(root: Path) -> Loaded:
    path = root / CONFIG_NAME
    if not file_present(path) or os.path.isdir(path):
        return Loaded(Settings(), [])
    data, source, problems = _read_mapping(root, path, CONFIG_NAME, frontmatter=False)
    settings = Settings()
    problems += _unknown_settings(data, source)
    from careerkit.values.schema import DAY_SETTINGS  # (on first use: a warm run reads no setting)

    for key in DAY_SETTINGS:
        value = _positive_int(data, key, CONFIG_NAME, source, problems)
        if value is not None:
            settings = settings._replace(**{key: value})
    manager = _text(data, "manager", CONFIG_NAME, source, problems)
    if manager is not None:
        settings = settings._replace(manager=manager)
    own = _text(data, "self", CONFIG_NAME, source, problems)
    if own is not None:
        settings = settings._replace(self_person=own)
    git = data.get("git")
    if git == GIT_COMMIT:
        settings = settings._replace(git=GIT_COMMIT)
    elif git not in (None, False, "off"):  # `git: off` reads as false
        _report(CONFIG_NAME, source, "git", "`git` should be `commit` (or `off`); not committing", problems)
    calendar_key = _text(data, CALENDAR_KEY, CONFIG_NAME, source, problems)
    if calendar_key is not None and len(calendar_key) < MIN_CALENDAR_KEY:
        message = f"`{CALENDAR_KEY}` should be a random text of {MIN_CALENDAR_KEY} or more characters; not used"
        _report(CONFIG_NAME, source, CALENDAR_KEY, message, problems)
    elif calendar_key is not None:
        settings = settings._replace(calendar_key=calendar_key)
    return Loaded(settings, problems)


def _unknown_settings(data: dict[str, Any], source: _Source | None) -> list[Problem]:
    """A warning for each key of careerkit.yaml that is no setting, with "did you mean" where one is close."""
    known = (set(Settings._fields) - {"self_person"}) | {"self"}  # the key `self` is read as self_person
    problems = []
    for key in data:
        if key not in known:
            from difflib import get_close_matches

            close = get_close_matches(str(key), known, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            at = None if source is None else source.key_line(key)
            unknown = f"unknown setting `{key}`" if key_like(key) else "an unknown setting"  # never a sentence
            problems.append(Problem(CONFIG_NAME, at, codes.UNKNOWN_KEY, f"{unknown}{hint}", "warning", check_only=True))
    return problems


def load_profile(root: Path, rel: str) -> Loaded:
    """The profile at `rel` (careerkit.values.paths.profile_rel), relative to `root`."""
    path = root / rel
    if not file_present(path) or os.path.isdir(path):
        return Loaded(Profile(), [])
    data, source, problems = _read_mapping(root, path, rel, frontmatter=True)
    name = _text(data, "name", rel, source, problems)
    role = _text(data, "role", rel, source, problems)
    cadence = _positive_int(data, "checkin_every_days", rel, source, problems)
    from careerkit.values.schema import PROFILE_DATES

    days = {key: _date(data, key, rel, source, problems) for key in PROFILE_DATES}
    return Loaded(Profile(name=name, role=role, checkin_every_days=cadence, exists=True, **days), problems)
