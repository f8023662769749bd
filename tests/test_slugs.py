"""Names in any script become folder names that macOS, Windows and git all keep as they are."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerkit.values.slugs import MAX_LENGTH, is_slug, slugify
from helpers import doc

NFD = "NFD"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zoë O'Brien", "zoe-obrien"),
        ("Zoë O\u2019Brien", "zoe-obrien"),
        ("Иван Петров", "иван-петров"),
        ("王芳", "王芳"),
        ("김민준", "김민준"),
        ("Ελένη Παπαδοπούλου", "ελένη-παπαδοπούλου"),  # marks stay on letters of other scripts
        ("नमस्ते जी", "नमस्ते-जी"),  # Devanagari vowel signs are part of the letter
        ("محمد علي", "محمد-علي"),
        ("マリー・キュリー", "マリー-キュリー"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Søren Ærø", "soren-aero"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("R2-D2 & C-3PO", "r2-d2-c-3po"),
        ("  --Ada--  ", "ada"),
        ("a" * 70, "a" * MAX_LENGTH),
    ],
)
def test_a_name_in_any_script_makes_a_slug(name, slug):
    assert slugify(name) == slug
    assert slugify(unicodedata.normalize(NFD, name)) == slug  # as a terminal on macOS may pass it
    assert is_slug(slug)


@pytest.mark.parametrize("name", ["", "   ", "!!!", "..", "/", "'", "\u200d"])
def test_a_name_without_a_letter_or_digit_makes_no_slug(name):
    assert slugify(name) == ""


@pytest.mark.parametrize(
    "folder",
    [
        "Alice",  # upper case: the same folder as alice on macOS and Windows
        unicodedata.normalize(NFD, "김민준"),  # not NFC: git and macOS may turn it into another name
        unicodedata.normalize(NFD, "zoë"),
        "-alice",
        "alice smith",
        "a" * (MAX_LENGTH + 1),
        "zoe\u0301",  # a mark on a Latin letter that has no single character
        "",
    ],
)
def test_a_folder_name_that_is_not_a_slug(folder):
    assert not is_slug(folder)


@given(st.text(max_size=80))
def test_every_slug_made_is_a_slug_and_stays_the_same_when_made_again(name):
    slug = slugify(name)
    assert slug == "" or is_slug(slug)
    assert slugify(slug) == slug
    assert len(slug) <= MAX_LENGTH


PROFILE = "---\nname: {}\n---\n"


def test_add_and_find_people_whose_names_are_in_other_scripts(cli, notes):
    root = notes({})
    for name in ("Иван Петров", "王芳", "김민준"):
        slug = slugify(name)
        assert cli(root, "add", name, "--today", "2026-03-01").stdout == f"people/{slug}/profile.md\n"
    assert sorted(p.name for p in (root / "people").iterdir()) == sorted(["иван-петров", "王芳", "김민준"])
    cli(root, "new", "story", "Иван Петров", "--date", "2026-03-02")
    cli(root, "note", "王芳", "Wants to lead the platform team", "--date", "2026-03-02")
    assert "Wants to lead the platform team" in cli(root, "agenda", "王芳", "--today", "2026-03-03").stdout
    # the slug, the profile's name (typed as a macOS terminal may pass it), or the start of a first name
    for typed in ("иван-петров", unicodedata.normalize(NFD, "Иван Петров"), "ива"):
        assert json.loads(cli(root, "log", typed, "--json").stdout)["person"] == "иван-петров"
    rows = json.loads(cli(root, "status", "김민준", "--json", "--today", "2026-03-03").stdout)
    assert [(row["person"], row["name"]) for row in rows] == [("김민준", "김민준")]


def test_a_profile_name_in_another_script_finds_a_latin_folder(cli, notes):
    root = notes(
        {
            "people/wang-fang/profile.md": PROFILE.format("王芳"),
            "people/wang-fang/s.md": doc("wang-fang", "story", "2026-01-01"),
        }
    )
    assert "## Agenda: 王芳" in cli(root, "agenda", "王芳", "--today", "2026-02-01").stdout
    assert (
        cli(root, "note", "王芳", "Said it", "--date", "2026-02-01").stdout == "people/wang-fang/2026-02-01-note.md\n"
    )


def test_a_folder_that_is_not_a_slug_is_reported_by_every_command(cli, notes):
    nfd = unicodedata.normalize(NFD, "김민준")
    root = notes(
        {
            f"people/{nfd}/s.md": doc(nfd, "story", "2026-01-01"),
            "people/alice/s.md": doc("alice", "story", "2026-01-01"),
        }
    )
    line = f"people/{nfd}: folder name is not a valid person slug (rename it to 김민준); this person is not read"
    for args in (
        ["due"],
        ["status"],
        ["agenda", "alice"],
        ["log", "alice"],
        ["report", "-o", str(root.parent / "r.html")],
    ):
        result = cli(root, *args, "--today", "2026-02-01", expect=1)
        assert line in result.stderr.splitlines(), args
    assert f"people/{nfd}: error: folder name is not a valid person slug" in cli(root, "check", expect=1).stdout


def test_two_folders_that_macos_and_windows_see_as_one_are_reported(cli, notes):
    root = notes(
        {
            "people/strasse/s.md": doc("strasse", "story", "2026-01-01"),
            "people/straße/s.md": doc("straße", "story", "2026-01-01"),
        }
    )
    result = cli(root, "status", "strasse", "--today", "2026-02-01", expect=1)
    assert result.stderr == (
        "people/straße: folder name is the same as people/strasse on macOS and Windows, which ignore case and "
        "Unicode normalisation (a copy there keeps only one of them): merge them into one folder\n"
    )
    assert "people/straße: error: folder name is the same as people/strasse" in cli(root, "check", expect=1).stdout


def test_no_new_folder_is_made_that_macos_or_windows_would_take_for_another(cli, notes):
    root = notes({"people/straße/profile.md": PROFILE.format("Maria Straße")})
    taken = cli(root, "add", "strasse", "--name", "Someone Else", expect=2)
    assert taken.stderr == "careerkit: 'strasse' is already on your team: people/straße; nothing written\n"
    # typed either way, it is the person who is there
    written = cli(root, "note", "Strasse", "Said it", "--date", "2026-02-01").stdout
    assert written == "people/straße/2026-02-01-note.md\n"
    # a folder that is no person's (not a slug) still holds its name
    (root / "people/Bob").mkdir()
    refused = cli(root, "new", "story", "bob", "--name", "Bob", expect=2)
    assert refused.stderr.endswith(
        "careerkit: people/bob would be the same folder as people/Bob on macOS and Windows, which ignore "
        "case and Unicode normalisation: use that person, or another name; nothing written\n"
    )
    assert sorted(p.name for p in (root / "people").iterdir()) == ["Bob", "straße"]


def test_add_refuses_a_name_that_is_already_someone_on_the_team(cli, notes):
    root = notes({"people/pn/profile.md": PROFILE.format("Bhavna Rao")})
    assert cli(root, "add", "Bhavna Rao", expect=2).stderr == (
        "careerkit: 'Bhavna Rao' is already on your team: people/pn; nothing written\n"
    )
    assert sorted(p.name for p in (root / "people").iterdir()) == ["pn"]


def test_the_status_table_lines_up_names_in_wide_letters(cli, notes):
    root = notes({})
    for name in ("王芳", "Sam Lee", "नमस्ते जी"):
        cli(root, "add", name, "--today", "2026-03-01")
    lines = cli(root, "status", "--today", "2026-03-02").stdout.splitlines()
    # "none yet" starts in column 9 on every line: 王芳 takes 4 columns in 2 characters (so 2 more spaces
    # follow it), नमस्ते जी takes 7 in 9 (its virama and one vowel sign take none)
    starts = {line.split("  ")[0].strip(): line.index("none yet") for line in lines[1:]}
    assert starts == {"Sam Lee": 9, "王芳": 7, "नमस्ते जी": 11}
