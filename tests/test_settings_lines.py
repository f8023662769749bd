"""careerkit.yaml and profiles: each problem at its line, the file's YAML composed once however many there are."""

from __future__ import annotations

import pytest

from careerkit.reading import settings, yamlio


@pytest.fixture
def compositions(monkeypatch):
    """How many times YAML text was composed into a node tree (the costly part of finding a line)."""
    calls: list[str] = []
    compose = yamlio.compose

    def counting(text):
        calls.append(text)
        return compose(text)

    monkeypatch.setattr(yamlio, "compose", counting)
    return calls


def test_thousands_of_unknown_settings_are_each_reported_at_their_line_from_one_composition(notes, compositions):
    unknown = "".join(f"team_{index}: {index}\n" for index in range(2000))
    bad = "conversation_every_days: no\nmanager: []\n"
    root = notes({"careerkit.yaml": "checkin_every_days: 14\n" + unknown + bad})
    loaded = settings.load_settings(root)
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    assert len(warnings) == 2000
    assert (warnings[0].line, warnings[-1].line) == (2, 2001)
    assert warnings[-1].message == "unknown setting `team_1999`"
    assert [(p.line, p.message.split(" ")[0]) for p in loaded.problems if p.severity == "error"] == [
        (2002, "`conversation_every_days`"),
        (2003, "`manager`"),
    ]
    assert loaded.value.checkin_every_days == 14
    assert len(compositions) == 1


def test_a_settings_file_without_problems_is_never_composed(notes, compositions):
    root = notes({"careerkit.yaml": "checkin_every_days: 14\nmanager: me\n"})
    assert settings.load_settings(root).problems == []
    assert compositions == []


def test_an_unknown_setting_that_came_from_a_merge_is_reported_at_the_start_of_the_file(notes):
    root = notes({"careerkit.yaml": "base: &base {colour: blue}\n<<: *base\n"})
    assert sorted((p.line, p.message) for p in settings.load_settings(root).problems) == [
        (1, "unknown setting `base`"),
        (1, "unknown setting `colour`"),
    ]


def test_every_bad_value_of_a_profile_is_at_its_line_from_one_composition(notes, compositions):
    profile = "---\nname: [Alice]\nrole: {a: 1}\ncheckin_every_days: 0\nsince: soon\nleft: later\n---\n"
    root = notes({"people/alice/profile.md": profile})
    loaded = settings.load_profile(root, "people/alice/profile.md")
    assert [p.line for p in loaded.problems] == [2, 3, 4, 5, 6]
    assert len(compositions) == 1


def test_a_document_with_thousands_of_keys_and_problems_is_searched_once_for_their_lines(monkeypatch):
    """Each problem's line is found in an index of the document's keys, not by a search through all of them."""
    from careerkit.reading import documents

    searches: list[str] = []
    last_pair = yamlio.last_pair

    def counting(mapping, key, **options):
        searches.append(key)
        return last_pair(mapping, key, **options)

    monkeypatch.setattr(yamlio, "last_pair", counting)
    keys = "".join(f"k{index}: {index}\n" for index in range(2000))
    actions = "".join(f"  - {{id: {index + 1}, title: t, due: 2026-13-01}}\n" for index in range(2000))
    text = f"---\nperson: alice\nstage: plan\ndate: 2026-01-05\n{keys}actions:\n{actions}---\n"
    result = documents.parse_document(text.encode(), "people/alice/2026-01-05-plan.md", "alice")
    lines = [problem.line for problem in result.problems]
    assert len(lines) == 2000 and (lines[0], lines[-1]) == (2006, 4005)
    assert len(searches) < 10
