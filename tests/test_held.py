"""Held and planned: a conversation counts once it was held, not when its file was made.

For each stage, what `careerkit due` says of a person shows whether their document counted: dated ahead,
as `careerkit new` wrote it, empty by hand, or marked `held: true` or `held: false`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from careerkit.reading.documents import parse_document
from careerkit.values.content import checksum, has_content, normalised_body
from helpers import action, doc

TODAY = date(2026, 6, 1)
STAGES = ("story", "dreams", "plan", "checkin")


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


# Everyone has a profile (joined long ago) and the conversations before the stage under test, all held.
BEFORE = {
    "story": {"people/ann/profile.md": f"---\nname: Ann\nsince: {day(-400)}\n---\n"},
    "dreams": {"people/ann/2026-01-05-story.md": doc("ann", "story", day(-100), values_confirmed=day(-90))},
    "plan": {
        "people/ann/2026-01-05-story.md": doc("ann", "story", day(-100), values_confirmed=day(-90)),
        "people/ann/2026-01-20-dreams.md": doc("ann", "dreams", day(-90)),
    },
    "checkin": {
        "people/ann/2026-01-05-story.md": doc("ann", "story", day(-100), values_confirmed=day(-90)),
        "people/ann/2026-01-20-dreams.md": doc("ann", "dreams", day(-90)),
        "people/ann/2026-02-01-plan.md": doc(
            "ann",
            "plan",
            day(-80),
            skills=[{"skill": "design", "resources": ["Bob"]}],
            actions=[action(1, updated=day(-1))],
        ),
    },
}
# What each stage's list holds when the conversation was held.
FILLED = {
    "story": {"values": ["craft"]},
    "dreams": {"dreams": [{"dream": "Lead a team", "skills": [{"skill": "design", "need": 4, "have": 2}]}]},
    "plan": {"skills": [{"skill": "design", "resources": ["Bob"]}], "actions": [action(2, updated=day(0))]},
    "checkin": {"actions": [action(2, updated=day(0))]},
}
EMPTY = {"story": {"values": []}, "dreams": {"dreams": []}, "plan": {"skills": [], "actions": []}, "checkin": {}}
PATH = "people/ann/{stage}.md"


def findings(cli, root) -> list[tuple[str, str]]:
    result = cli(root, "due", "--today", TODAY.isoformat(), "--json")
    return [(f["kind"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def counted(cli, root, stage: str) -> bool:
    """Whether the `stage` document under test counted as held, read from what `due` says of Ann."""
    found = findings(cli, root)
    kinds = {kind for kind, _ in found}
    if stage == "story":
        return "never-started" not in kinds
    if stage == "dreams":
        return not any(message.startswith("life story told") for _, message in found)
    if stage == "plan":
        return not any(message.startswith("dreams written") for _, message in found)
    return "checkin-due" not in kinds  # a check-in held lately: the next one is not due; else it is, from the plan


def with_stage(notes, stage: str, text: str) -> object:
    return notes({**BEFORE[stage], PATH.format(stage=stage): text})


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(("offset", "held"), [(-1, True), (0, True), (1, False)])
def test_a_conversation_dated_ahead_is_planned_whatever_it_says(cli, notes, stage, offset, held):
    text = doc("ann", stage, day(offset), body="She talked about her first job.\n", held=True, **FILLED[stage])
    assert counted(cli, with_stage(notes, stage, text), stage) is held


@pytest.mark.parametrize("stage", STAGES)
def test_a_document_as_new_wrote_it_is_planned_until_its_list_or_text_changes(cli, notes, stage):
    root = notes(BEFORE[stage])
    path = root / cli(root, "new", stage, "ann", "--date", day(0), "--today", TODAY.isoformat()).stdout.strip()
    written = path.read_bytes()
    assert counted(cli, root, stage) is False
    # Line endings and trailing blanks are no difference: an editor may change them.
    path.write_bytes(written.replace(b"\n", b"  \r\n") + b"\r\n\r\n")
    assert counted(cli, root, stage) is False
    path.write_bytes(written + b"\nShe said she wants to lead, one day.\n")
    assert counted(cli, root, stage) is True
    key, value = next(iter(FILLED[stage].items()))
    listed = written.replace(f"{key}: []\n".encode(), f"{key}: {json.dumps(value)}\n".encode())
    assert listed != written
    path.write_bytes(listed)
    assert counted(cli, root, stage) is True


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(
    ("body", "filled", "held"),
    [
        ("# Life story\n\n<!-- questions\nto ask -->\n\n## Turning points\n\n", False, False),
        ("# Life story\n<!-- a hint --> She grew up by the sea.\n", False, True),
        ("", True, True),
        ("---\n", False, True),  # a rule is neither a heading nor a comment
    ],
)
def test_without_scaffold_a_document_counts_when_its_list_or_text_holds_something(
    cli, notes, stage, body, filled, held
):
    fields = FILLED[stage] if filled else EMPTY[stage]
    assert counted(cli, with_stage(notes, stage, doc("ann", stage, day(0), body=body, **fields)), stage) is held


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(("flag", "filled", "held"), [(True, False, True), (False, True, False)])
def test_held_says_so_by_hand(cli, notes, stage, flag, filled, held):
    fields = FILLED[stage] if filled else EMPTY[stage]
    text = doc("ann", stage, day(0), body="Talked.\n" if filled else "", held=flag, **fields)
    assert counted(cli, with_stage(notes, stage, text), stage) is held


def test_a_planned_documents_actions_count_as_usual(cli, notes):
    root = notes(
        {
            **BEFORE["checkin"],
            "people/ann/2026-06-05-checkin.md": doc(
                "ann", "checkin", day(4), actions=[action(7, "Intro to Sam", owner="manager", due=day(-2))]
            ),
        }
    )
    assert ("action-due", "action 7, your own promise, is 2 days late: Intro to Sam") in findings(cli, root)


def test_the_next_conversation_names_the_one_prepared(cli, notes):
    root = notes(BEFORE["plan"])
    cli(root, "new", "plan", "ann", "--date", day(3), "--today", TODAY.isoformat())
    found = dict(findings(cli, root))
    assert found["next-conversation"] == (
        f"dreams written but no action plan yet; it is prepared for {day(3)} (people/ann/{day(3)}-plan.md)"
    )
    (root / f"people/ann/{day(3)}-plan.md").unlink()
    late = notes({f"people/ann/{day(-2)}-plan.md": doc("ann", "plan", day(-2), body="")})
    assert dict(findings(cli, late))["next-conversation"] == (
        f"dreams written but no action plan yet; one prepared for {day(-2)} is not held yet "
        f"(people/ann/{day(-2)}-plan.md)"
    )


def test_an_empty_plan_does_not_end_a_dream_change_and_counts_for_no_check_in(cli, notes):
    root = notes(
        {
            **BEFORE["checkin"],
            "people/ann/2026-05-20-dreams.md": doc("ann", "dreams", day(-12)),
        }
    )
    cli(root, "new", "plan", "ann", "--date", day(0), "--today", TODAY.isoformat())
    kinds = {kind for kind, _ in findings(cli, root)}
    assert {"dream-changed", "checkin-due"} <= kinds


# -- the rule itself, on what is read ------------------------------------------------------------------------


def read(text: str):
    result = parse_document(text.encode("utf-8"), "people/ann/x.md", "ann")
    assert result.document is not None, result.problems
    return result.document


def test_is_held_and_could_be_held():
    prepared = read(doc("ann", "plan", day(0), body="# Plan\n", skills=[]))
    assert (prepared.content, prepared.could_be_held, prepared.is_held(TODAY)) == (False, False, False)
    filled = read(doc("ann", "plan", day(0), body="Chose design.\n"))
    assert [filled.is_held(TODAY + timedelta(days=n)) for n in (-1, 0, 1)] == [False, True, True]
    note = read(doc("ann", "note", day(0), body="", held=False))  # a note counts from its date, always
    assert [note.is_held(TODAY + timedelta(days=n)) for n in (-1, 0)] == [False, True]


def test_the_checksum_reads_what_yaml_reads_back():
    data = {"dreams": [{"dream": "Lead", "skills": [{"skill": "design", "need": 4, "have": None}]}]}
    body = "# Dreams\n\nQuestions.\n"
    recorded = checksum("dreams", data, body)
    assert len(recorded) == 16
    assert checksum("dreams", {**data, "person": "ann"}, body + "\n\n") == recorded  # other keys, blank lines
    assert checksum("dreams", data, body.replace("\n", "\r\n")) == recorded
    assert checksum("dreams", {"dreams": []}, body) != recorded
    assert checksum("dreams", data, body + "More.\n") != recorded
    assert not has_content("dreams", {**data, "scaffold": recorded}, body)
    assert has_content("dreams", {**data, "scaffold": recorded}, body + "She wants to teach.\n")
    assert normalised_body("\n\n a \t\r\nb  \r\n\n") == " a\nb"


def test_held_and_dream_shift_that_are_not_what_they_should_be_are_reported(cli, notes):
    root = notes(
        {
            **BEFORE["checkin"],
            "people/ann/2026-05-01-checkin.md": "---\nperson: ann\nstage: checkin\ndate: 2026-05-01\n"
            "held: maybe\ndream_shift: [a, b]\n---\nTalked.\n",
        }
    )
    result = cli(root, "due", "--today", TODAY.isoformat(), expect=1)
    assert result.stderr.splitlines() == [
        "people/ann/2026-05-01-checkin.md:5: `held` 'maybe' should be true or false; it is not used",
        "people/ann/2026-05-01-checkin.md:6: `dream_shift` should be true or what they said, as text; it is not used",
    ]
