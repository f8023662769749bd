"""Finding a person from the start of a slug or of a first name, wherever a PERSON is taken."""

from __future__ import annotations

import json

import pytest

from helpers import action, doc

PROFILE = "---\nname: {}\n---\n"


@pytest.fixture
def team(notes):
    return notes(
        {
            "people/priya-nair/p.md": doc("priya-nair", "plan", "2026-01-01", actions=[action(1, due="2026-02-01")]),
            "people/prince-ali/s.md": doc("prince-ali", "story", "2026-01-01"),
            "people/pn/profile.md": PROFILE.format("Bhavna Rao"),
            "people/pn/s.md": doc("pn", "story", "2026-01-01"),
            "people/al/s.md": doc("al", "story", "2026-01-01"),
            "people/alice/s.md": doc("alice", "story", "2026-01-01"),
        }
    )


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("priy", "priya-nair"),
        ("PRIYA", "priya-nair"),
        ("prin", "prince-ali"),
        ("bha", "pn"),
        ("Bhavna R", "pn"),
        ("al", "al"),
        ("ali", "alice"),
    ],
)
def test_a_unique_start_of_a_slug_or_first_name_finds_the_person(cli, team, given, slug):
    report = json.loads(cli(team, "due", given, "--today", "2026-03-01", "--json").stdout)
    assert report["findings"] and {f["person"] for f in report["findings"]} == {slug}
    assert f"(people/{slug}/" in cli(team, "log", given).stdout


def test_agenda_and_action_take_a_prefix_too(cli, team):
    assert cli(team, "agenda", "priy", "--today", "2026-03-01").stdout
    assert cli(team, "action", "done", "priy", "1", "--today", "2026-03-01").exit_code == 0
    assert "status: done" in (team / "people/priya-nair/p.md").read_text()


def test_an_ambiguous_prefix_is_a_usage_error_naming_the_candidates(cli, team):
    result = cli(team, "agenda", "pri", expect=2)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "prince-ali" in result.stderr and "priya-nair" in result.stderr


def test_no_match_is_the_unknown_person_error(cli, team):
    result = cli(team, "due", "zed", expect=2)
    assert "unknown person 'zed'" in result.stderr


def test_a_last_name_is_not_a_prefix(cli, team):
    cli(team, "log", "rao", expect=2)


def test_new_takes_only_an_exact_person_and_never_redirects_a_prefix(cli, team):
    refused = cli(team, "new", "story", "Priy", "--date", "2026-03-01", expect=2)
    assert "priya-nair" in refused.stderr and "--name" in refused.stderr
    assert not (team / "people/priy").exists()
    assert sorted(p.name for p in (team / "people/priya-nair").iterdir()) == ["p.md"]
    started = cli(team, "new", "story", "Priy", "--name", "Priy Anka", "--date", "2026-03-01")
    assert started.stdout.splitlines() == ["people/priy/profile.md", "people/priy/2026-03-01-story.md"]
    # a name that is nobody's starts a new person only with --name; an exact one is that person
    assert "unknown person 'Zed'" in cli(team, "new", "story", "Zed", "--date", "2026-03-01", expect=2).stderr
    assert not (team / "people/zed").exists()
    assert cli(team, "new", "note", "Bhavna Rao", "--date", "2026-03-01").stdout == "people/pn/2026-03-01-note.md\n"
    assert cli(team, "new", "note", "al", "--date", "2026-03-01").stdout == "people/al/2026-03-01-note.md\n"
