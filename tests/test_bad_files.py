"""No bad file can crash, hang, leak or lose anything: every command over a corpus of broken files.

The committed files are in tests/corpus/ (see its README); the rest are made
here: BOM and CRLF, binary, non-UTF-8, UTF-16, empty, tens of MB, 10,000 levels
of nesting, links, unreadable files and folders, a pipe, a folder named like a
document. Each bad file must end in one clear `path:line: message` line on
stderr (on stdout for `check`, with its severity) and exit 1, while every
readable document is still used, `SECRET-NOTE-TEXT` (what a person wrote)
never appears in any output, no traceback is printed and no YAML tag runs.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from careerkit.cache import reads as cache
from careerkit.reading import documents
from careerkit.values import codes

CORPUS = Path(__file__).parent / "corpus"
MARKER = "SECRET-NOTE-TEXT"
TODAY = "2026-06-01"
GOOD = "people/alice/2026-01-05-plan.md"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

NOTE = "---\nperson: alice\nstage: note\ndate: {day}\nprivate: SECRET-NOTE-TEXT\n---\n\nSECRET-NOTE-TEXT\n"


@dataclass(frozen=True)
class Case:
    """One bad (or tricky but fine) file and what the commands must say about it."""

    path: str  # relative to the notes root
    message: str | None  # what due/agenda/status/log print on stderr after `path`; None: nothing
    check: tuple[str, ...] = ()  # what `check` prints after `path` (default: the message as an error)
    person_level: bool = True  # False: a folder or setting that `agenda alice` and `log alice` never read
    make: Callable[[Path, Path], None] | None = None  # (root, outside) -> makes the file; None: from the corpus

    def check_lines(self) -> list[str]:
        if self.check:
            return [self.path + line for line in self.check]
        if self.message is None:
            return []
        where, _, text = self.message.partition(" ")
        return [f"{self.path}{where} error: {text}"]

    def stderr_lines(self) -> list[str]:
        return [] if self.message is None else [self.path + self.message]


def write(rel: str, data: bytes) -> Callable[[Path, Path], None]:
    def make(root: Path, outside: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return make


def deep(root: Path, outside: Path) -> None:
    nested = "[" * 10_000 + "]" * 10_000
    text = f"---\nperson: alice\nstage: note\ndate: 2026-03-06\nx: {nested}\n---\n\nSECRET-NOTE-TEXT\n"
    (root / "people/alice/2026-03-06-note.md").write_text(text, encoding="utf-8")


def huge(root: Path, outside: Path) -> None:
    line = b"SECRET-NOTE-TEXT and more words that a person might have typed into a note.\n"
    head = b"---\nperson: alice\nstage: note\ndate: 2026-03-05\n---\n\n"
    (root / "people/alice/2026-03-05-note.md").write_bytes(head + line * (40_000_000 // len(line)))


def link_outside(root: Path, outside: Path) -> None:
    (outside / "secret.md").write_text(NOTE.format(day="2026-03-07"), encoding="utf-8")
    (root / "people/alice/2026-03-07-note.md").symlink_to(outside / "secret.md")


def link_inside(root: Path, outside: Path) -> None:
    (root / "shared").mkdir()
    text = "---\nstage: note\ndate: 2026-03-08\n---\n\nA linked note.\n"
    (root / "shared/note.md").write_text(text, encoding="utf-8")
    (root / "people/alice/2026-03-08-note.md").symlink_to(Path("../../shared/note.md"))


def link_broken(root: Path, outside: Path) -> None:
    (root / "people/alice/2026-03-09-note.md").symlink_to(root / "people/alice/nowhere.md")


def link_loop(root: Path, outside: Path) -> None:
    (root / "people/alice/2026-03-13-note.md").symlink_to(root / "people/alice/2026-03-13-note.md")


def unreadable_file(root: Path, outside: Path) -> None:
    path = root / "people/alice/2026-03-10-note.md"
    path.write_text(NOTE.format(day="2026-03-10"), encoding="utf-8")
    path.chmod(0)


def folder_named_like_a_document(root: Path, outside: Path) -> None:
    (root / "people/alice/2026-03-11-plan.md").mkdir()
    (root / "people/alice/2026-03-11-plan.md/inner.md").write_text(NOTE.format(day="2026-03-11"), encoding="utf-8")


def pipe(root: Path, outside: Path) -> None:
    os.mkfifo(root / "people/alice/2026-03-12-note.md")


def unreadable_folder(root: Path, outside: Path) -> None:
    folder = root / "people/bob"
    folder.mkdir()
    (folder / "2026-01-01-story.md").write_text(NOTE.format(day="2026-01-01"), encoding="utf-8")
    folder.chmod(0)


def bad_slug_folder(root: Path, outside: Path) -> None:
    folder = root / "people/Bad Name"
    folder.mkdir()
    (folder / "2026-01-01-story.md").write_text(NOTE.format(day="2026-01-01"), encoding="utf-8")


def person_folder_outside(root: Path, outside: Path) -> None:
    (outside / "carol").mkdir()
    (outside / "carol/2026-01-01-story.md").write_text(NOTE.format(day="2026-01-01"), encoding="utf-8")
    (root / "people/carol").symlink_to(outside / "carol", target_is_directory=True)


def non_utf8_name(root: Path, outside: Path) -> None:
    (root / "people/alice").joinpath(os.fsdecode(b"2026-03-15-note\xff.md")).write_text(
        NOTE.format(day="2026-03-15"), encoding="utf-8"
    )


def folder_loop(root: Path, outside: Path) -> None:
    (root / "people/x").symlink_to("x")


def settings_outside(root: Path, outside: Path) -> None:
    (outside / "careerkit.yaml").write_text("stale_after_days: 3\n# SECRET-NOTE-TEXT\n", encoding="utf-8")
    (root / "careerkit.yaml").unlink()
    (root / "careerkit.yaml").symlink_to(outside / "careerkit.yaml")


BOM_CRLF = (
    "\ufeff---\r\nperson: alice\r\nstage: note\r\ndate: 2026-03-01\r\n---\r\n\r\nWritten on Windows.\r\n"
).encode("utf-8")
LATIN1 = "---\nperson: alice\nstage: note\ndate: 2026-03-03\n---\n\nSECRET-NOTE-TEXT in a café\n".encode("latin-1")
UTF16 = NOTE.format(day="2026-03-14").encode("utf-16")
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR SECRET-NOTE-TEXT \x00\xff\xfe"
PARSE = "could not parse frontmatter: "
LEFT_OUT = (
    "action 3: status False is not open, done or dropped (YAML read an unquoted word as false; "
    "write open, done or dropped); left out"
)
A = "people/alice/"

CASES = [
    # committed in tests/corpus/people/alice/
    Case(A + "2026-02-01-checkin.md", ":1: frontmatter opened on line 1 is never closed with ---"),
    Case(A + "2026-02-02-note.md", ":1: frontmatter is a list, not a mapping of keys"),
    Case(
        A + "2026-02-03-note.md",
        ":1: frontmatter is a single value, not a mapping of keys "
        "(a note that starts with a --- rule needs frontmatter above it)",
    ),
    Case(
        A + "2026-02-04-note.md",
        ":1: frontmatter is a single value, not a mapping of keys "
        "(a note that starts with a --- rule needs frontmatter above it)",
    ),
    Case(A + "2026-02-05-note.md", None),  # frontmatter, then a body that starts with a rule: fine
    Case(
        A + "2026-02-06-plan.md",
        f":5: {PARSE}a list in [ ] is not closed with ], or its items are not separated by commas",
    ),
    Case(A + "2026-02-07-plan.md", ":4: date 2024-13-45 is not a real date (YYYY-MM-DD)"),
    Case(A + "2026-02-08-checkin.md", ":7: `actions` should be a list of action items"),
    Case(
        A + "2026-02-09-checkin.md",
        None,
        check=(":6: error: duplicate key (first on line 5): YAML keeps only the last one",),
    ),
    Case(
        A + "2026-02-10-checkin.md",
        ":7: duplicate action id 1: also used at people/alice/2026-01-05-plan.md:10; ids are unique per person",
    ),
    Case(A + "2026-02-11-note.md", ":3: unknown stage 'retro': use story, dreams, plan, checkin or note"),
    Case(
        A + "2026-02-12-note.md",
        f":5: {PARSE}a YAML tag that careerkit does not read (such as !!python/...); remove the tag",
    ),
    Case(A + "2026-02-13-note.md", ":10: frontmatter aliases (*name) expand to more than 100,000 values; not read"),
    Case(
        A + "2026-02-14-checkin.md",
        f":8: {LEFT_OUT}",
        check=(
            ":8: error: `no` was read as false, not text "
            "(YAML 1.1 reads unquoted yes, no, on and off as true or false); "
            "write 'no' in quotes",
            f":8: error: {LEFT_OUT}",
        ),
    ),
    Case(
        A + "2026-02-15-checkin.md",
        ":7: action id (a number of more than 15 digits) is not a positive whole number; left out",
    ),
    Case(A + "2026-02-16-checkin.md", None),  # escape sequences in a title: shown inert (see assert_clean)
    # made here
    Case(A + "2026-03-01-note.md", None, make=write(A + "2026-03-01-note.md", BOM_CRLF)),
    Case(A + "2026-03-02-note.md", ":1: binary file, not Markdown text", make=write(A + "2026-03-02-note.md", BINARY)),
    Case(A + "2026-03-03-note.md", ":7: not UTF-8 text", make=write(A + "2026-03-03-note.md", LATIN1)),
    Case(
        A + "2026-03-04-note.md",
        ":1: empty file: a document needs frontmatter",
        make=write(A + "2026-03-04-note.md", b""),
    ),
    Case(A + "2026-03-05-note.md", ":1: file is larger than 16 MiB; not read", make=huge),
    Case(A + "2026-03-06-note.md", ":5: frontmatter is nested more than 100 levels deep; not read", make=deep),
    Case(A + "2026-03-07-note.md", ":1: link to outside the notes root; not read", make=link_outside),
    Case(A + "2026-03-08-note.md", None, make=link_inside),
    Case(A + "2026-03-09-note.md", ":1: broken link (its target does not exist); not read", make=link_broken),
    Case(A + "2026-03-10-note.md", ":1: cannot read file: permission denied", make=unreadable_file),
    Case(
        A + "2026-03-11-plan.md", ": is a folder, not a Markdown document; not read", make=folder_named_like_a_document
    ),
    Case(A + "2026-03-12-note.md", ":1: is not a regular file (a pipe, socket or device); not read", make=pipe),
    Case(A + "2026-03-13-note.md", ":1: link that cannot be followed (a loop?); not read", make=link_loop),
    Case(A + "2026-03-14-note.md", ":1: UTF-16 text: save it as UTF-8", make=write(A + "2026-03-14-note.md", UTF16)),
    Case(A + "2026-03-15-note\\xff.md", ": file name is not valid UTF-8; not read (rename it)", make=non_utf8_name),
    Case("people/bob", ": cannot read folder: permission denied", person_level=False, make=unreadable_folder),
    Case("people/x", ": link that cannot be followed (a loop?); skipped", person_level=False, make=folder_loop),
    Case(
        "people/Bad Name",
        ": folder name is not a valid person slug (rename it to bad-name); this person is not read",
        make=bad_slug_folder,
    ),
    Case(
        "people/carol",
        ": folder is a link to outside the notes root; skipped",
        person_level=False,
        make=person_folder_outside,
    ),
    Case("careerkit.yaml", ":1: link to outside the notes root; not read, defaults used", make=settings_outside),
    Case(
        A + "profile.md",
        ":3: `checkin_every_days` should be a whole number of days (1 or more); using the default",
        make=write(A + "profile.md", b"---\nname: Alice Example\ncheckin_every_days: [SECRET-NOTE-TEXT]\n---\n"),
    ),
]
PERMISSION_CASES = {A + "2026-03-10-note.md", "people/bob"}


def build(tmp_path: Path, cases: list[Case], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A notes root with the good plan and these cases; as root, unreadable means refused by a patched os."""
    root, outside = tmp_path / "notes", tmp_path / "outside"
    (root / "people/alice").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(CORPUS / "careerkit.yaml", root / "careerkit.yaml")
    shutil.copy(CORPUS / GOOD, root / GOOD)
    for case in cases:
        if case.make is not None:
            case.make(root, outside)
        else:
            text = (CORPUS / case.path).read_text(encoding="utf-8")
            (root / case.path).write_text(text.replace("MARKER_PATH", str(tmp_path / "tag-was-run")), encoding="utf-8")
    if IS_ROOT:  # root reads any file: refuse the chmod-000 ones through a patched os, as for anyone else
        _refuse(monkeypatch, {str(root / case.path) for case in cases if case.path in PERMISSION_CASES})
    return root


def _refuse(monkeypatch: pytest.MonkeyPatch, refused: set[str]) -> None:
    """Make os.open, os.scandir, os.stat and os.lstat fail with EACCES on these paths, and on what is
    inside them (a chmod-000 folder cannot be searched), as they would for a user other than root."""

    def denied(path: object) -> bool:
        text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else ""
        return any(text == place or text.startswith(place + os.sep) for place in refused)

    def patch(name: str, inside_only: bool) -> None:
        real = getattr(os, name)

        def fake(path, *args, **kwargs):
            if denied(path) and not (inside_only and os.fspath(path) in refused):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, fake)

    patch("open", inside_only=False)
    patch("scandir", inside_only=False)
    patch("stat", inside_only=True)  # the entry itself can still be listed and stat'ed
    patch("lstat", inside_only=True)


@pytest.fixture
def restore_permissions(tmp_path):
    yield
    for path in tmp_path.rglob("*"):  # chmod 000 files and folders would stop pytest cleaning up
        if not path.is_symlink():
            path.chmod(0o700)


COMMANDS = [
    ("due", "--today", TODAY),
    ("agenda", "alice", "--today", TODAY),
    ("status", "--today", TODAY),
    ("log", "alice"),
    ("due", "--json", "--today", TODAY),
]


def run_all(cli, root: Path, cases: list[Case], tmp_path: Path) -> None:
    """Run every command over `root` and check what each says about `cases`.

    (How long they take is measured in benchmarks/, not here: a huge file, a pipe or a deep nesting
    that hung or took long would stop this test, not slow it.)
    """
    everything = [line for case in cases for line in case.stderr_lines()]
    person = [line for case in cases if case.person_level for line in case.stderr_lines()]
    for args in COMMANDS:
        result = cli(root, *args, expect=None)
        expected = person if args[0] in ("agenda", "log") else everything
        assert_clean(result, args)
        assert result.exit_code == (1 if expected else 0), (args, result.stderr)
        assert result.stderr.splitlines() == sorted(expected, key=sort_key), args
        assert_good_document_used(args, result.stdout)

    result = cli(root, "check", expect=None)
    assert_clean(result, ("check",))
    lines = sorted((line for case in cases for line in case.check_lines()), key=sort_key)
    assert result.stdout.splitlines() == lines
    assert result.exit_code == (1 if any(": error: " in line for line in lines) else 0)
    assert len(result.stderr.splitlines()) == 1 and " in " in result.stderr  # the summary

    result = cli(root, "new", "checkin", "alice", "--date", "2026-06-02", expect=None)
    assert_clean(result, ("new",))
    # `new` writes the document from what it could read; it does not (yet) name unreadable files.
    assert result.exit_code in (0, 1) and "people/alice/2026-06-02-checkin.md" in result.stdout
    assert not (tmp_path / "tag-was-run").exists(), "a YAML tag ran code"


def sort_key(line: str) -> tuple[str, int]:
    path, _, rest = line.partition(":")
    number = rest.split(":", 1)[0]
    return (path, int(number) if number.isdigit() else 0)


def assert_clean(result, args) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, (args, output)
    assert MARKER not in output, (args, output)
    # No escape sequence reaches the terminal (colour is off here), and no byte that is not UTF-8.
    assert "\x1b" not in output and "\x07" not in output, (args, output)
    assert not re.search("[\ud800-\udfff]", output), (args, output)


def assert_good_document_used(args, stdout: str) -> None:
    if args[0] == "due" and "--json" in args:
        assert GOOD in {finding["file"] for finding in json.loads(stdout)["findings"]}
    elif args[0] in ("due", "log"):
        assert GOOD in stdout
    elif args[0] == "agenda":
        assert "How they learn best: pairing." in stdout and " open step" in stdout  # its steps, folded
    elif args[0] == "status":
        assert any(row.startswith(("alice ", "Alice Example ")) and " plan " in row for row in stdout.splitlines())


@pytest.mark.usefixtures("restore_permissions")
@pytest.mark.parametrize("case", CASES, ids=[case.path.removeprefix(A) for case in CASES])
def test_each_bad_file_alone(cli, tmp_path, monkeypatch, case):
    root = build(tmp_path, [case], monkeypatch)
    run_all(cli, root, [case], tmp_path)


@pytest.mark.usefixtures("restore_permissions")
def test_the_whole_corpus_at_once_cold_and_warm(cli, tmp_path, monkeypatch):
    """All bad files together, twice: the second time through the cache in .careerkit/, which answers
    the same and parses again only what could not be kept (a file that could not be read, a pipe)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were just written: cache them anyway
    parsed: list[str] = []
    real = documents.read_document
    monkeypatch.setattr(
        documents, "read_document", lambda root, path, *rest: parsed.append(path.name) or real(root, path, *rest)
    )
    cases = [case for case in CASES if case.path != "careerkit.yaml"]
    root = build(tmp_path, cases, monkeypatch)
    run_all(cli, root, cases, tmp_path)
    assert GOOD.rsplit("/", 1)[-1] in parsed
    (root / "people/alice/2026-06-02-checkin.md").unlink()  # what `new` wrote
    parsed.clear()
    run_all(cli, root, cases, tmp_path)
    assert set(parsed) <= {"2026-03-10-note.md", "2026-03-12-note.md", "2026-06-02-checkin.md"}, sorted(set(parsed))


def test_every_corpus_file_is_a_case():
    committed = {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "people").rglob("*.md")}
    assert committed - {GOOD} == {case.path for case in CASES if case.make is None}


def test_the_marker_is_in_every_bad_committed_file():
    for case in CASES:
        if case.make is None and case.message is not None:
            assert MARKER in (CORPUS / case.path).read_text(encoding="utf-8"), case.path


@pytest.mark.skipif(IS_ROOT, reason="root reads any file: the chmod 000 case is patched in build() instead")
@pytest.mark.usefixtures("restore_permissions")
def test_chmod_000_is_really_unreadable_here(tmp_path, monkeypatch):
    root = build(tmp_path, [c for c in CASES if c.path in PERMISSION_CASES], monkeypatch)
    assert stat.S_IMODE((root / "people/bob").stat().st_mode) == 0
    with pytest.raises(PermissionError):
        (root / "people/alice/2026-03-10-note.md").read_bytes()


@pytest.mark.parametrize(
    "nesting",
    ["[" * 200_000 + "]" * 200_000, "- " * 200_000 + "x", "{a: " * 100_000 + "1" + "}" * 100_000, "? " * 200_000 + "x"],
    ids=["flow-lists", "block-lists", "flow-mappings", "complex-keys"],
)
def test_nesting_that_crashes_libyaml_is_refused_before_it_is_parsed(nesting):
    """LibYAML's composer recurses on the C stack: somewhere past 20,000 levels the interpreter dies
    (measured: 100,000 `[` or `- ` is a segmentation fault). Run in a child process so a crash shows."""
    code = (
        "import sys\nfrom careerkit.reading.documents import parse_document\n"
        "result = parse_document(sys.stdin.buffer.read(), 'people/a/2026-01-01-note.md', 'a')\n"
        "print(result.document, [str(p) for p in result.problems])\n"
    )
    text = f"---\nstage: note\ndate: 2026-01-01\nx:\n  {nesting}\n---\n"
    result = subprocess.run(
        [sys.executable, "-c", code], input=text.encode("utf-8"), capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-500:]
    assert result.stdout.decode("utf-8").strip() == (
        "None ['people/a/2026-01-01-note.md:5: frontmatter is nested more than 100 levels deep; not read']"
    )


def test_a_profile_that_links_outside_the_root_is_not_read(cli, tmp_path):
    root, outside = tmp_path / "notes", tmp_path / "outside"
    (root / "people/alice").mkdir(parents=True)
    outside.mkdir()
    (root / "careerkit.yaml").touch()
    shutil.copy(CORPUS / GOOD, root / GOOD)
    (outside / "profile.md").write_text("---\nname: SECRET-NOTE-TEXT\n---\n", encoding="utf-8")
    (root / "people/alice/profile.md").symlink_to(outside / "profile.md")
    line = "people/alice/profile.md:1: link to outside the notes root; not read, defaults used"
    for args in (("agenda", "alice"), ("status",), ("check",)):
        result = cli(root, *args, expect=1)
        assert_clean(result, args)
        assert (result.stdout if args[0] == "check" else result.stderr).splitlines()[0] == (
            line.replace(": link", ": error: link") if args[0] == "check" else line
        )


COMMON_MISTAKES = [
    # (frontmatter lines after `date:` on line 4, the line careerkit names, what it says)
    ("actions:\n\t- id: 1\n", 6, "a tab where YAML needs spaces; indent with spaces only"),
    ("values:\n  - autonomy\n\t- craft\n", 7, "a tab where YAML needs spaces; indent with spaces only"),
    (
        "actions:\n  - id: 1\n    title: Read: the book\n",
        7,
        "a colon followed by a space inside a value; put the whole value in quotes (title: 'Read: a book'), "
        "or give the line above its missing colon",
    ),
    ("values: [autonomy, craft\n", 5, "a list in [ ] is not closed with ], or its items are not separated by commas"),
    ("values: 'autonomy\n", 5, "a quote that is opened here is never closed; add the closing quote"),
    (
        "values:\n  - autonomy\n - craft\n",
        7,
        "this line does not line up with the keys around it (or text "
        "follows a closing quote or bracket); check its indentation and quotes",
    ),
    ("owner: @bob\n", 5, "a value that cannot start with this character (such as @, ` or %); put the value in quotes"),
]


@pytest.mark.parametrize(("lines", "line", "reason"), COMMON_MISTAKES)
def test_common_yaml_mistakes_are_explained_in_plain_words_at_their_line(cli, notes, lines, line, reason):
    root = notes(
        {
            "people/alice/2026-01-05-story.md": "---\nperson: alice\nstage: story\ndate: 2026-01-05\n"
            + lines
            + "---\nSECRET-NOTE-TEXT\n"
        }
    )
    result = cli(root, "due", "--today", "2026-06-01", expect=1)
    assert result.stderr == f"people/alice/2026-01-05-story.md:{line}: could not parse frontmatter: {reason}\n"


@pytest.mark.parametrize(("lines", "line", "reason"), COMMON_MISTAKES)
def test_both_yaml_parsers_get_the_same_words(lines, line, reason):
    """LibYAML and PyYAML's pure-Python parser word each mistake differently; careerkit says one thing."""
    import yaml

    from careerkit.reading import yaml_errors, yamlio

    text = "person: alice\nstage: story\ndate: 2026-01-05\n" + lines
    for loader in {getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader}:
        with pytest.raises(yaml.YAMLError) as raised:
            yaml.load(text, Loader=loader)
        assert yaml_errors.reason(raised.value, text, yamlio.MAX_DEPTH) == reason, loader


# The stable code of each case's problems: scripts key on these, and so does careerkit (never on the wording).
CODES = {
    "people/Bad Name": ["not-a-slug"],
    A + "2026-02-01-checkin.md": ["no-frontmatter"],
    A + "2026-02-02-note.md": ["not-a-mapping"],
    A + "2026-02-03-note.md": ["not-a-mapping"],
    A + "2026-02-04-note.md": ["not-a-mapping"],
    A + "2026-02-06-plan.md": ["bad-yaml"],
    A + "2026-02-07-plan.md": ["bad-date"],
    A + "2026-02-08-checkin.md": ["bad-value"],
    A + "2026-02-09-checkin.md": ["duplicate-key"],
    A + "2026-02-10-checkin.md": ["duplicate-id"],
    A + "2026-02-11-note.md": ["unknown-stage"],
    A + "2026-02-12-note.md": ["bad-yaml"],
    A + "2026-02-13-note.md": ["bad-yaml"],
    A + "2026-02-14-checkin.md": ["yaml-boolean", "bad-status"],
    A + "2026-02-15-checkin.md": ["bad-action-id"],
    A + "2026-03-02-note.md": ["not-text"],
    A + "2026-03-03-note.md": ["not-text"],
    A + "2026-03-04-note.md": ["no-frontmatter"],
    A + "2026-03-05-note.md": ["too-large"],
    A + "2026-03-06-note.md": ["bad-yaml"],
    A + "2026-03-07-note.md": ["outside-root"],
    A + "2026-03-09-note.md": ["broken-link"],
    A + "2026-03-10-note.md": ["cannot-read"],
    A + "2026-03-11-plan.md": ["not-a-file"],
    A + "2026-03-12-note.md": ["not-a-file"],
    A + "2026-03-13-note.md": ["broken-link"],
    A + "2026-03-14-note.md": ["not-text"],
    A + "2026-03-15-note\\xff.md": ["bad-file-name"],
    A + "profile.md": ["bad-value"],
    "people/bob": ["cannot-read"],
    "people/carol": ["outside-root"],
    "people/x": ["broken-link"],
    "careerkit.yaml": ["outside-root"],
}


@pytest.mark.usefixtures("restore_permissions")
@pytest.mark.parametrize("settings", [False, True], ids=["documents-and-folders", "careerkit.yaml"])
def test_check_json_gives_every_problem_its_stable_code(cli, tmp_path, monkeypatch, settings):
    cases = [case for case in CASES if (case.path == "careerkit.yaml") == settings]
    root = build(tmp_path, cases, monkeypatch)
    found: dict[str, list[str]] = {}
    for problem in json.loads(cli(root, "check", "--json", expect=1).stdout):
        found.setdefault(problem["file"], []).append(problem["code"])
    assert found == {case.path: CODES[case.path] for case in cases if case.path in CODES}
    assert {code for found_codes in found.values() for code in found_codes} <= set(codes.MEANINGS)
