"""The findings of 0.3, each at its boundaries: what to celebrate, the tiers of steps and promises, folding,
the dream change said out loud, the grace after a pause, and the new kinds."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from careerkit.repository.loader import Repository
from careerkit.rules.findings import find_for_person
from careerkit.rules.kinds import age
from helpers import action, doc

TODAY = date(2026, 6, 1)
SKILLS = [{"skill": "design", "resources": ["Mentor: Bob"]}]


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def due(cli, root, *args: str, expect: int = 0) -> list[dict[str, object]]:
    result = cli(root, "due", "--today", TODAY.isoformat(), "--json", *args, expect=expect)
    return json.loads(result.stdout)["findings"]


def of(found, kind: str) -> list[dict[str, object]]:
    return [f for f in found if f["kind"] == kind]


def plan(offset: int, actions: list[dict[str, object]], **fields: object) -> str:
    fields.setdefault("skills", SKILLS)
    return doc("ann", "plan", day(offset), actions=actions, **fields)


# -- words -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (1, "1 day"),
        (14, "14 days"),
        (15, "2 weeks"),
        (21, "3 weeks"),
        (56, "8 weeks"),
        (57, "2 months"),
        (200, "7 months"),
        (365, "12 months"),
    ],
)
def test_ages_are_said_in_days_then_weeks_then_months(days, said):
    assert age(days) == said


@pytest.mark.parametrize(
    ("offset", "days", "said"), [(-14, 14, "14 days"), (-15, 15, "2 weeks"), (-57, 57, "2 months")]
)
def test_a_step_passed_its_date_and_days_stays_exact(cli, notes, offset, days, said):
    root = notes({"people/ann/p.md": plan(-1, [action(1, "Ship it", due=day(offset)), action(2, updated=day(0))])})
    [found] = of(due(cli, root), "action-due")
    assert (found["days"], found["tier"]) == (days, 2)
    assert found["message"] == f"step 1 passed its date {said} ago: Ship it"
    assert "overdue" not in json.dumps(due(cli, root))


@pytest.mark.parametrize(("offset", "message"), [(-1, "is 1 day late"), (0, "is due today"), (3, "is due in 3 days")])
def test_a_promise_says_it_is_yours_and_is_late_in_tier_1(cli, notes, offset, message):
    root = notes({"people/ann/p.md": plan(-1, [action(1, "Intro to Sam", owner="manager", due=day(offset))])})
    [found] = of(due(cli, root, "--within", "3"), "action-due")
    assert (found["message"], found["tier"]) == (f"action 1, your own promise, {message}: Intro to Sam", 1)


@pytest.mark.parametrize(
    ("plan_offset", "message"),
    [(-31, "check-in was due 1 day ago"), (-30, "check-in is due today"), (-29, "check-in is due in 1 day")],
)
def test_the_check_in_says_when_it_was_or_is_due(cli, notes, plan_offset, message):
    root = notes({"people/ann/p.md": plan(plan_offset, [action(1, updated=day(0))])})
    assert [f["message"] for f in of(due(cli, root, "--within", "1"), "checkin-due")] == [message]


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([action(1)], "their one open step has not moved for 2 months"),
        ([action(1, due=day(-3))], "their one open step has not moved for 2 months, and it passed its date"),
        ([action(1), action(2)], "none of their 2 open steps has moved for 2 months"),
        ([action(1, due=day(-3)), action(2)], "none of their 2 open steps has moved for 2 months; 1 passed its date"),
        (
            [action(1, due=day(-3)), action(2, due=day(-1)), action(3, due=day(0))],
            "none of their 3 open steps has moved for 2 months; 2 passed their date",
        ),
    ],
)
def test_no_progress_says_how_long_how_many_and_how_many_passed_their_date(cli, notes, steps, message):
    root = notes({"people/ann/p.md": plan(-60, steps)})
    assert [f["message"] for f in of(due(cli, root), "no-progress")] == [message]


# -- tier 0: to celebrate ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("closed", "reported"), [(-11, False), (-10, False), (-9, True), (0, True), (1, False)])
def test_steps_finished_counts_what_was_done_after_the_newest_plan_or_check_in(cli, notes, closed, reported):
    root = notes(
        {
            "people/ann/2026-04-01-plan.md": plan(-60, [action(1, status="done", closed=day(closed)), action(2)]),
            "people/ann/2026-05-22-checkin.md": doc("ann", "checkin", day(-10), actions=[action(3, updated=day(-10))]),
        }
    )
    found = of(due(cli, root), "steps-finished")
    assert bool(found) is reported
    if reported:
        assert (found[0]["date"], found[0]["tier"], found[0]["file"]) == (
            day(closed),
            0,
            "people/ann/2026-05-22-checkin.md",
        )
        assert found[0]["message"] == f"finished step 1 since the check-in of {day(-10)}: start with what they finished"


def test_steps_finished_names_how_many_and_which_and_comes_first(cli, notes):
    steps = [action(n, status="done", closed=day(-n)) for n in (4, 2, 7)] + [action(9, due=day(-1))]
    steps.append(action(5, status="dropped", closed=day(-1)))  # let go: not finished
    steps.append(action(6, owner="manager", status="done", closed=day(-1)))  # your promise: not theirs to finish
    root = notes({"people/ann/p.md": plan(-20, steps)})
    found = due(cli, root)
    assert found[0]["kind"] == "steps-finished"
    assert (
        found[0]["message"]
        == f"finished 3 steps (2, 4 and 7) since the plan of {day(-20)}: start with what they finished"
    )
    assert found[0]["date"] == day(-2)


def test_out_of_actions_is_tier_0_needs_a_step_done_and_silences_steps_finished(cli, notes):
    done = notes({"people/ann/p.md": plan(-20, [action(1, status="done", closed=day(-2))])})
    assert [(f["kind"], f["tier"]) for f in due(cli, done)] == [("out-of-actions", 0)]


def test_steps_let_go_are_not_a_celebration(cli, notes):
    root = notes({"people/ann/p.md": plan(-20, [action(1, status="dropped", closed=day(-2))])})
    assert {f["kind"] for f in due(cli, root)} & {"out-of-actions", "steps-finished"} == set()


def test_the_text_names_each_tier(cli, notes):
    root = notes(
        {
            "people/ann/p.md": plan(
                -200,
                [action(1, status="done", closed=day(-1)), action(2, due=day(-3)), action(3, updated=day(0))],
                skills=[{"skill": "design"}],
            )
        }
    )
    lines = cli(root, "due", "--today", TODAY.isoformat()).stdout.splitlines()
    assert [line.split("  ")[1].strip() for line in lines[1:]] == [
        "to celebrate",
        "late",
        "drifting",
        "missing",
        "missing",
    ]


# -- folding -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("quiet", "folded"), [(38, True), (37, True), (36, False)])
def test_no_progress_holds_their_own_late_and_quiet_steps_but_never_a_promise(cli, notes, quiet, folded):
    steps = [action(1, due=day(-3), updated=day(-quiet)), action(2, updated=day(-quiet))]
    promises = [action(3, owner="manager", due=day(-2)), action(4, owner="manager")]
    root = notes({"people/ann/p.md": plan(-100, steps + promises)})
    found = due(cli, root)
    steps_shown = [(f["kind"], f["action"]) for f in found if f["action"] in (1, 2)]
    assert bool(of(found, "no-progress")) is folded
    assert steps_shown == ([] if folded else [("action-due", 1)])
    assert sorted((f["kind"], f["action"]) for f in found if f["action"] in (3, 4)) == [
        ("action-due", 3),
        ("action-stale", 4),
    ]


def test_unfolded_findings_keep_every_step_for_views_that_show_each_one(notes):
    root = notes({"people/ann/p.md": plan(-100, [action(1, due=day(-3))])})
    team = Repository(root).load()
    kinds = {f.kind for f in find_for_person(team.people[0], team, TODAY, fold=False)}
    assert {"no-progress", "action-due"} <= kinds
    assert "action-due" not in {f.kind for f in find_for_person(team.people[0], team, TODAY)}


# -- the dream change --------------------------------------------------------------------------------------


def changed(found) -> list[tuple[object, object]]:
    return [(f["date"], f["file"]) for f in of(found, "dream-changed")]


@pytest.mark.parametrize("stage", ["note", "checkin"])
@pytest.mark.parametrize(("offset", "reported"), [(-20, False), (-19, True), (0, True), (1, False)])
def test_dream_shift_in_a_note_or_check_in_after_the_plan_is_a_dream_change(cli, notes, stage, offset, reported):
    root = notes(
        {
            "people/ann/2026-05-01-plan.md": plan(-20, [action(1, updated=day(0))]),
            "people/ann/shift.md": doc("ann", stage, day(offset), dream_shift="I think I want product"),
        }
    )
    assert changed(due(cli, root)) == ([(day(offset), "people/ann/shift.md")] if reported else [])


@pytest.mark.parametrize(("value", "reported"), [(True, True), ("maybe product", True), (False, False), ("", False)])
def test_dream_shift_is_true_or_their_words(cli, notes, value, reported):
    root = notes(
        {
            "people/ann/p.md": plan(-20, [action(1, updated=day(0))]),
            "people/ann/n.md": doc("ann", "note", day(-5), dream_shift=value),
        }
    )
    assert bool(changed(due(cli, root))) is reported


def test_a_shift_in_a_check_in_not_held_is_no_change(cli, notes):
    root = notes(
        {
            "people/ann/p.md": plan(-20, [action(1, updated=day(0))]),
            "people/ann/c.md": doc("ann", "checkin", day(-5), held=False, dream_shift=True),
        }
    )
    assert changed(due(cli, root)) == []


def test_the_dream_change_is_dated_by_the_earliest_shift_and_lasts_until_a_plan_has_skills(cli, notes):
    files = {
        "people/ann/2026-04-01-plan.md": plan(-60, [action(1, due=day(-30)), action(2, updated=day(-1))]),
        "people/ann/2026-05-01-note.md": doc("ann", "note", day(-31), dream_shift="product?"),
        "people/ann/2026-05-10-checkin.md": doc("ann", "checkin", day(-22), dream_shift=True),
        "people/ann/2026-05-20-plan.md": doc("ann", "plan", day(-12), skills=[], held=True),  # no skills yet
    }
    root = notes(files)
    found = due(cli, root)
    assert changed(found) == [(day(-31), "people/ann/2026-05-01-note.md")]
    assert of(found, "dream-changed")[0]["message"] == (
        f"their dreams may be changing (a note of {day(-31)}), after the plan of {day(-60)}; "
        "the old plan has 2 open steps to keep or let go"
    )
    assert of(found, "action-due") == []  # the old plan's step is not chased
    new_plan = doc("ann", "plan", day(-12), skills=[{"skill": "product discovery", "resources": ["Rosa"]}])
    (root / "people/ann/2026-05-20-plan.md").write_text(new_plan, encoding="utf-8")
    found = due(cli, root)
    assert changed(found) == [] and [f["action"] for f in of(found, "action-due")] == [1]


def test_a_newer_dreams_document_is_the_change_and_its_date(cli, notes):
    root = notes(
        {
            "people/ann/p.md": plan(-60, []),
            "people/ann/n.md": doc("ann", "note", day(-40), dream_shift=True),
            "people/ann/d.md": doc("ann", "dreams", day(-10)),
        }
    )
    assert changed(due(cli, root)) == [(day(-10), "people/ann/d.md")]


def test_a_dream_change_stops_chasing_the_old_plan(cli, notes):
    steps = [action(1, due=day(-5)), action(2, updated=day(-90))]
    promise = action(3, "Intro to Rosa", owner="manager", due=day(-1))
    root = notes(
        {
            "people/ann/p.md": plan(-100, [*steps, promise], skills=[{"skill": "design"}]),
            "people/ann/d.md": doc("ann", "dreams", day(-10)),
        }
    )
    kinds = [(f["kind"], f["action"]) for f in due(cli, root)]
    assert ("dream-changed", None) in kinds and ("action-due", 3) in kinds
    for hidden in ("no-progress", "resources-missing", "action-stale"):
        assert hidden not in {kind for kind, _ in kinds}
    assert ("action-due", 1) not in kinds
    finished = notes({"people/ann/p.md": plan(-100, [action(4, status="done", closed=day(-50))])})
    assert {f["kind"] for f in due(cli, finished)} >= {"dream-changed"}
    assert "out-of-actions" not in {f["kind"] for f in due(cli, finished)}


def test_plans_without_skills_have_no_dream_change(cli, notes):
    root = notes(
        {
            "people/ann/p.md": plan(-60, [action(1, updated=day(0))], skills=[]),
            "people/ann/d.md": doc("ann", "dreams", day(-10)),
        }
    )
    assert changed(due(cli, root)) == []


# -- coming back from a pause ------------------------------------------------------------------------------------


def back(notes, paused_offset: int):
    return notes(
        {
            "people/ann/profile.md": f"---\nname: Ann\npaused_until: {day(paused_offset)}\nleft: {day(20)}\n---\n",
            "people/ann/p.md": plan(
                -200,
                [
                    action(1, due=day(-100)),
                    action(2, "Intro to Sam", owner="manager", due=day(-90)),
                ],
                skills=[{"skill": "design"}],
            ),
        }
    )


@pytest.mark.parametrize(("paused", "graced"), [(0, True), (-29, True), (-30, False), (-31, False)])
def test_one_cadence_of_grace_after_a_pause_but_promises_and_leaving_keep_their_dates(cli, notes, paused, graced):
    found = due(cli, back(notes, paused))
    kept = [(f["kind"], f["date"]) for f in found if f["kind"] in ("leaving", "action-due")]
    assert kept == [("action-due", day(-90)), ("leaving", day(-10))]  # (the first: the promise)
    others = [f for f in found if f["kind"] not in ("leaving", "action-due")]
    if graced:
        assert others == []
    else:
        assert {f["kind"] for f in others} == {"checkin-due", "no-progress", "conversation-due", "resources-missing"}
        assert min(f["date"] for f in others) >= day(paused + 30)


def test_a_finding_the_grace_moved_is_never_shown_ahead(cli, notes):
    root = back(notes, 0)
    assert [f["kind"] for f in due(cli, root, "--within", "60")] == ["action-due", "leaving"]


def test_the_grace_never_holds_back_a_celebration(cli, notes):
    root = notes(
        {
            "people/ann/profile.md": f"---\npaused_until: {day(0)}\n---\n",
            "people/ann/p.md": plan(-20, [action(1, status="done", closed=day(-5))]),
        }
    )
    assert [f["kind"] for f in due(cli, root)] == ["out-of-actions"]


# -- the new kinds ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("left", "reported"), [(31, False), (30, True), (29, True), (1, True), (0, False)])
def test_leaving_is_raised_30_days_ahead_with_the_command_for_their_page(cli, notes, left, reported):
    root = notes({"people/ann/profile.md": f"---\nname: Ann\nsince: {day(-10)}\nleft: {day(left)}\n---\n"})
    found = of(due(cli, root), "leaving")
    assert bool(found) is reported
    if reported:
        assert (found[0]["date"], found[0]["tier"], found[0]["file"]) == (day(left - 30), 1, "people/ann/profile.md")
        assert found[0]["message"] == (
            f"leaves on {day(left)}: offer them their page to take along (careerkit report --for ann)"
        )


@pytest.mark.parametrize(("inherited", "reported"), [(-1, True), (0, True), (1, False)])
def test_an_inherited_promise_is_reported_only_as_such_until_kept(cli, notes, inherited, reported):
    root = notes(
        {
            "people/ann/p.md": plan(
                -100,
                [
                    action(1, "Intro to Sam", owner="manager", due=day(-50), inherited=day(inherited)),
                    action(2, "A step", due=day(-50), inherited=day(-1)),  # not a promise: an ordinary step
                    action(3, updated=day(0)),
                ],
            )
        }
    )
    found = due(cli, root)
    assert [(f["kind"], f["action"]) for f in found if f["action"] == 1] == (
        [("inherited-promise", 1)] if reported else []
    )
    assert ("action-due", 2) in [(f["kind"], f["action"]) for f in found]
    if reported:
        [promise] = of(found, "inherited-promise")
        assert (promise["date"], promise["tier"], promise["owner"]) == (day(inherited), 1, "manager")
        assert promise["message"] == (
            f"action 1, a promise you inherited on {day(inherited)}, is yours to keep or let go: Intro to Sam"
        )


@pytest.mark.parametrize(("story", "reported"), [(-15, True), (-14, True), (-13, False)])
def test_values_unconfirmed_two_weeks_after_the_story(cli, notes, story, reported):
    root = notes({"people/ann/s.md": doc("ann", "story", day(story), values=["craft", "autonomy"])})
    found = of(due(cli, root), "values-unconfirmed")
    assert bool(found) is reported
    if reported:
        assert (found[0]["date"], found[0]["tier"], found[0]["file"]) == (day(story + 14), 3, "people/ann/s.md")


@pytest.mark.parametrize("fields", [{"values": ["craft"], "values_confirmed": day(-1)}, {"values": []}])
def test_values_confirmed_or_none_heard_is_nothing_to_confirm(cli, notes, fields):
    root = notes({"people/ann/s.md": doc("ann", "story", day(-40), **fields)})
    assert of(due(cli, root), "values-unconfirmed") == []


@pytest.mark.parametrize(("paused", "says"), [(-30, "check-in is due today"), (-31, "check-in was due 1 day ago")])
def test_a_check_in_the_grace_moved_says_how_long_since_the_grace_ended(cli, notes, paused, says):
    """Back from leave, the check-in counts from the end of the grace: not "was due 4 months ago" on day one."""
    [checkin] = [f for f in due(cli, back(notes, paused)) if f["kind"] == "checkin-due"]
    assert checkin["message"] == says
    assert checkin["date"] == day(paused + 30)
