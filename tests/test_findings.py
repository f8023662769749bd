"""The findings of docs/findings.md, each at its boundaries, through `careerkit due --json`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from helpers import action, doc

TODAY = date(2026, 6, 1)


def day(offset: int) -> str:
    """TODAY + offset, as frontmatter text."""
    return (TODAY + timedelta(days=offset)).isoformat()


def due_json(cli, root, *args, expect=0):
    result = cli(root, "due", "--today", TODAY.isoformat(), "--json", *args, expect=expect)
    return json.loads(result.stdout)


def kinds(report, kind):
    return [f for f in report["findings"] if f["kind"] == kind]


def plan_with(actions, offset=-1, **fields):
    """A plan dated `offset` days from TODAY, with resources for its one skill."""
    fields.setdefault("skills", [{"skill": "design", "resources": ["Mentor: Bob"]}])
    return doc("alice", "plan", day(offset), actions=actions, **fields)


# -- action-due --------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "reported", "message"),
    [
        (-1, True, "step 1 passed its date 1 day ago: Ship it"),
        (0, True, "step 1 is due today: Ship it"),
        (1, False, None),
    ],
)
def test_action_due_boundaries(cli, notes, offset, reported, message):
    root = notes({"people/alice/p.md": plan_with([action(1, "Ship it", due=day(offset))])})
    found = kinds(due_json(cli, root), "action-due")
    assert bool(found) is reported
    if reported:
        assert found[0]["message"] == message
        assert found[0]["days"] == -offset
        assert found[0]["date"] == day(offset)
        assert found[0]["file"] == "people/alice/p.md"
        assert found[0]["action"] == 1 and found[0]["title"] == "Ship it"


def test_within_reports_upcoming_due_dates_with_negative_days(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, "Soon", due=day(3)), action(2, "Later", due=day(4))])})
    found = kinds(due_json(cli, root, "--within", "3"), "action-due")
    assert [(f["action"], f["days"], f["message"]) for f in found] == [(1, -3, "step 1 is due in 3 days: Soon")]
    tomorrow = notes({"people/alice/p.md": plan_with([action(1, "Soon", due=day(1))])})
    found = kinds(due_json(cli, tomorrow, "--within", "1"), "action-due")
    assert found[0]["message"] == "step 1 is due in 1 day: Soon"


def test_within_must_not_be_negative(cli, notes):
    root = notes({})
    result = cli(root, "due", "--within", "-1", expect=2)
    assert "--within" in result.stderr


def test_closed_actions_are_never_due(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [
                    action(1, due=day(-5), status="done", closed=day(-6)),
                    action(2, due=day(-5), status="dropped", closed=day(-6)),
                    action(3),
                ]
            )
        }
    )
    assert kinds(due_json(cli, root), "action-due") == []


# -- action-stale ------------------------------------------------------------


@pytest.mark.parametrize(("touched_offset", "reported"), [(-38, True), (-37, True), (-36, False)])
def test_action_stale_boundaries_by_document_date(cli, notes, touched_offset, reported):
    """Without `stale_after_days`, an action may sit through one check-in cycle (30 days) and a week more.

    (Step 2, touched today, keeps `no-progress` away, which would otherwise hold step 1.)"""
    steps = [action(1, "Read a book"), action(2, updated=day(0))]
    root = notes({"people/alice/p.md": plan_with(steps, offset=touched_offset)})
    found = kinds(due_json(cli, root), "action-stale")
    assert bool(found) is reported
    if reported:
        assert found[0]["date"] == day(touched_offset + 37)
        assert found[0]["message"] == f"step 1 has not moved for {-touched_offset // 7} weeks: Read a book"
        assert found[0]["tier"] == 2


@pytest.mark.parametrize(("quiet", "reported"), [(22, True), (21, True), (20, False)])
def test_the_default_stale_time_follows_the_persons_own_cadence(cli, notes, quiet, reported):
    root = notes(
        {
            "people/alice/p.md": plan_with([action(1)], offset=-quiet),
            "people/alice/profile.md": "---\ncheckin_every_days: 14\n---\n",
        }
    )
    report = due_json(cli, root)
    assert kinds(report, "action-stale") == []  # held by no-progress
    assert bool(kinds(report, "no-progress")) is reported


def test_updated_date_counts_as_progress(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, updated=day(-20))], offset=-100)})
    assert kinds(due_json(cli, root), "action-stale") == []


def test_action_due_is_not_also_stale(cli, notes):
    steps = [action(1, due=day(-1)), action(2, due=day(30)), action(3, updated=day(0))]  # (3: no no-progress)
    root = notes({"people/alice/p.md": plan_with(steps, offset=-60)})
    report = due_json(cli, root)
    assert [f["action"] for f in kinds(report, "action-due")] == [1]
    assert [f["action"] for f in kinds(report, "action-stale")] == [2]


def test_stale_after_days_comes_from_careerkit_yaml(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, owner="manager")], offset=-10)})
    (root / "careerkit.yaml").write_text("stale_after_days: 10\n", encoding="utf-8")
    assert [f["date"] for f in kinds(due_json(cli, root), "action-stale")] == [day(0)]


# -- checkin-due -------------------------------------------------------------


@pytest.mark.parametrize(("plan_offset", "reported"), [(-31, True), (-30, True), (-29, False)])
def test_checkin_due_boundaries(cli, notes, plan_offset, reported):
    root = notes({"people/alice/p.md": plan_with([action(1, updated=day(0))], offset=plan_offset)})
    found = kinds(due_json(cli, root), "checkin-due")
    assert bool(found) is reported
    if reported:
        assert found[0]["date"] == day(plan_offset + 30)
        assert found[0]["action"] is None and found[0]["title"] is None


def test_checkin_due_counts_from_the_newest_checkin_and_its_next_checkin(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": plan_with([action(1, updated=day(0))], offset=-150),
            "people/alice/2026-05-20-checkin.md": doc("alice", "checkin", day(-12), next_checkin=day(-2)),
        }
    )
    found = kinds(due_json(cli, root), "checkin-due")
    assert [(f["date"], f["days"], f["file"]) for f in found] == [(day(-2), 2, "people/alice/2026-05-20-checkin.md")]
    assert found[0]["message"] == "check-in was due 2 days ago"


def test_checkin_due_within_and_profile_cadence(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with([action(1, updated=day(0))], offset=-10),
            "people/alice/profile.md": "---\nname: Alice Smith\ncheckin_every_days: 14\n---\n",
        }
    )
    assert kinds(due_json(cli, root), "checkin-due") == []
    found = kinds(due_json(cli, root, "--within", "4"), "checkin-due")
    assert [(f["days"], f["message"]) for f in found] == [(-4, "check-in is due in 4 days")]


def test_no_checkin_due_without_a_plan(cli, notes):
    root = notes({"people/alice/s.md": doc("alice", "story", day(-400))})
    assert kinds(due_json(cli, root), "checkin-due") == []


# -- conversation-due and next-conversation ---------------------------------


@pytest.mark.parametrize(("offset", "reported"), [(-183, True), (-182, True), (-181, False)])
def test_conversation_due_boundaries(cli, notes, offset, reported):
    root = notes(
        {"people/alice/s.md": doc("alice", "story", day(offset)), "people/alice/n.md": doc("alice", "note", day(-1))}
    )
    found = kinds(due_json(cli, root), "conversation-due")
    assert bool(found) is reported
    if reported:
        assert found[0]["date"] == day(offset + 182)
        assert found[0]["file"] == "people/alice/s.md"


def test_next_conversation_after_story_and_after_dreams(cli, notes):
    root = notes(
        {
            "people/alice/s.md": doc("alice", "story", day(-3)),
            "people/bob/s.md": doc("bob", "story", day(-9)),
            "people/bob/d.md": doc("bob", "dreams", day(-5)),
            "people/carol/s.md": doc("carol", "story", day(-9)),  # a plan without dreams: still no dreams
            "people/carol/p.md": doc("carol", "plan", day(-2), actions=[action(1)]),
            "people/dan/d.md": doc("dan", "dreams", day(-20)),  # dreams, then a newer story: dated by the story
            "people/dan/s.md": doc("dan", "story", day(-4)),
            "people/erin/s.md": doc("erin", "story", day(-9)),  # the whole sequence: nothing to report
            "people/erin/d.md": doc("erin", "dreams", day(-8)),
            "people/erin/p.md": doc("erin", "plan", day(-7), actions=[action(1)]),
        }
    )
    found = {f["person"]: f for f in kinds(due_json(cli, root), "next-conversation")}
    assert set(found) == {"alice", "bob", "carol", "dan"}
    assert found["alice"]["date"] == day(-3) and "dreams" in found["alice"]["message"]
    assert found["bob"]["file"] == "people/bob/d.md" and "plan" in found["bob"]["message"]
    assert (found["carol"]["file"], found["carol"]["date"]) == ("people/carol/s.md", day(-9))
    assert (found["dan"]["file"], found["dan"]["date"], found["dan"]["days"]) == ("people/dan/s.md", day(-4), 4)


def test_a_document_dated_in_the_future_is_not_yet_a_finding(cli, notes):
    root = notes({"people/alice/s.md": doc("alice", "story", day(2))})
    assert due_json(cli, root)["findings"] == []


# -- dream-changed, out-of-actions, resources-missing ------------------------


def test_dream_changed_only_when_dreams_are_newer_than_the_plan(cli, notes):
    newer = notes(
        {"people/alice/p.md": plan_with([action(1)], offset=-10), "people/alice/d.md": doc("alice", "dreams", day(-4))}
    )
    found = kinds(due_json(cli, newer), "dream-changed")
    assert [(f["date"], f["file"]) for f in found] == [(day(-4), "people/alice/d.md")]


def test_dreams_on_the_plans_own_day_are_not_a_change(cli, notes):
    root = notes(
        {"people/alice/p.md": plan_with([action(1)], offset=-4), "people/alice/d.md": doc("alice", "dreams", day(-4))}
    )
    assert kinds(due_json(cli, root), "dream-changed") == []


def test_out_of_actions_when_they_finished_everything(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [action(1, status="done", closed=day(-3)), action(2, status="dropped", closed=day(-5))], offset=-10
            ),
            "people/alice/c.md": doc("alice", "checkin", day(-2)),
        }
    )
    report = due_json(cli, root)
    found = kinds(report, "out-of-actions")
    assert [(f["date"], f["file"], f["days"]) for f in found] == [(day(-3), "people/alice/c.md", 3)]
    assert "celebrate" in found[0]["message"]
    assert kinds(report, "plan-without-actions") == []
    assert kinds(due_json(cli, notes({"people/alice/p.md": plan_with([action(1)])})), "out-of-actions") == []


def test_a_closed_action_without_a_closed_date_is_closed_on_its_documents_date(cli, notes):
    root = notes(
        {
            "people/alice/2026-05-01-plan.md": plan_with([], offset=-20),
            "people/alice/2026-05-20-checkin.md": doc("alice", "checkin", day(-6), actions=[action(1, status="done")]),
        }
    )
    found = kinds(due_json(cli, root), "out-of-actions")
    assert [(f["date"], f["file"]) for f in found] == [(day(-6), "people/alice/2026-05-20-checkin.md")]


@pytest.mark.parametrize(
    ("closed", "kind", "date"),
    [
        (-11, "plan-without-actions", -10),  # closed the day before the plan: under an older plan
        (-10, "out-of-actions", -10),  # on the plan's own day: finished under this plan
        (-9, "out-of-actions", -9),
    ],
)
def test_out_of_actions_counts_only_what_was_closed_since_the_newest_plan(cli, notes, closed, kind, date):
    root = notes(
        {
            "people/alice/2026-04-01-plan.md": plan_with([], offset=-40),
            "people/alice/2026-04-02-checkin.md": doc(
                "alice", "checkin", day(-39), actions=[action(1, status="done", closed=day(closed))]
            ),
            "people/alice/2026-05-01-plan.md": plan_with([], offset=-10),
        }
    )
    report = due_json(cli, root)
    assert [
        (f["kind"], f["date"]) for f in report["findings"] if f["kind"] in ("out-of-actions", "plan-without-actions")
    ] == [(kind, day(date))]


def test_a_brand_new_plan_has_no_actions_yet_not_out_of_actions(cli, notes):
    root = notes({"people/alice/2026-06-01-plan.md": plan_with([], offset=0)})
    report = due_json(cli, root)
    assert kinds(report, "out-of-actions") == []
    [found] = kinds(report, "plan-without-actions")
    assert (found["date"], found["days"], found["file"]) == (day(0), 0, "people/alice/2026-06-01-plan.md")
    assert found["message"] == "the plan has no step of their own yet"
    assert (
        kinds(
            due_json(cli, notes({"people/alice/2026-06-01-plan.md": plan_with([], offset=1)})), "plan-without-actions"
        )
        == []
    )  # a plan dated tomorrow is not due yet


def test_open_promises_alone_leave_the_person_out_of_actions(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [action(1, status="done", closed=day(-2)), action(2, "Introduce Alice to Bob", owner="manager")],
                offset=-5,
            )
        }
    )
    report = due_json(cli, root)
    assert [f["date"] for f in kinds(report, "out-of-actions")] == [day(-2)]
    only_promises = notes({"people/alice/p.md": plan_with([action(2, owner="manager")], offset=-5)})
    assert kinds(due_json(cli, only_promises), "plan-without-actions")
    person_action = notes({"people/alice/p.md": plan_with([action(2, owner="manager"), action(3)], offset=-5)})
    report = due_json(cli, person_action)
    assert kinds(report, "plan-without-actions") == [] and kinds(report, "out-of-actions") == []


def test_a_closed_promise_does_not_count_as_the_persons_finished_work(cli, notes):
    root = notes(
        {"people/alice/p.md": plan_with([action(1, owner="manager", status="done", closed=day(-1))], offset=-5)}
    )
    report = due_json(cli, root)
    assert kinds(report, "out-of-actions") == [] and kinds(report, "plan-without-actions")


def test_resources_missing_names_every_bare_skill_once(cli, notes):
    skills = [
        {"skill": "design", "resources": ["Book"]},
        {"skill": "speaking", "resources": []},
        {"skill": "hiring", "resources": None},
        {"skill": "writing"},
    ]
    root = notes({"people/alice/p.md": plan_with([action(1)], skills=skills)})
    found = kinds(due_json(cli, root), "resources-missing")
    assert len(found) == 1
    assert found[0]["message"] == "no people or resources to learn from for 3 skills: speaking, hiring, writing"
    one = notes({"people/alice/p.md": plan_with([action(1)], skills=[{"skill": "speaking"}])})
    assert kinds(due_json(cli, one), "resources-missing")[0]["message"].endswith("for 1 skill: speaking")


def test_resources_missing_is_quiet_for_a_skill_with_an_open_action(cli, notes):
    skills = [{"skill": "speaking"}, {"skill": "hiring", "resources": []}]
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [
                    action(1, "Research talks", skill="Speaking "),
                    action(2, skill="hiring", status="done", closed=day(-1)),
                ],
                skills=skills,
            )
        }
    )
    [found] = kinds(due_json(cli, root), "resources-missing")
    assert found["message"] == "no people or resources to learn from for 1 skill: hiring"  # a done action is not work


def test_a_promise_on_a_skill_is_not_their_step_on_it(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [action(1), action(2, "Find her a mentor", owner="manager", skill="speaking")],
                skills=[{"skill": "speaking"}],
            )
        }
    )
    [found] = kinds(due_json(cli, root), "resources-missing")
    assert found["message"] == "no people or resources to learn from for 1 skill: speaking"


def test_resources_missing_looks_at_the_newest_plan_only(cli, notes):
    root = notes(
        {
            "people/alice/2026-01-01-plan.md": plan_with([action(1)], offset=-90, skills=[{"skill": "x"}]),
            "people/alice/2026-05-01-plan.md": plan_with([action(2)], offset=-30),
        }
    )
    assert kinds(due_json(cli, root), "resources-missing") == []


# -- no-progress --------------------------------------------------------------


@pytest.mark.parametrize(("quiet", "reported"), [(38, True), (37, True), (36, False)])
def test_no_progress_boundaries(cli, notes, quiet, reported):
    root = notes(
        {"people/alice/p.md": plan_with([action(1, updated=day(-quiet)), action(2, updated=day(-40))], offset=-60)}
    )
    found = kinds(due_json(cli, root), "no-progress")
    assert bool(found) is reported
    if reported:
        assert found[0]["date"] == day(-quiet + 37)
        assert found[0]["owner"] is None and found[0]["action"] is None


def test_a_stale_promise_is_the_managers_not_the_persons_lack_of_progress(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [
                    action(1, "Introduce Alice to Bob", owner="manager", due=day(-2)),
                    action(2, "Ask Carol for an hour", owner="manager"),
                ],
                offset=-60,
            )
        }
    )
    report = due_json(cli, root)
    assert kinds(report, "no-progress") == []
    [late] = kinds(report, "action-due")
    assert late["owner"] == "manager"
    assert late["message"] == "action 1, your own promise, is 2 days late: Introduce Alice to Bob"
    assert late["tier"] == 1
    [stale] = kinds(report, "action-stale")
    assert stale["message"] == "action 2, your own promise, has not moved for 2 months: Ask Carol for an hour"
    assert stale["tier"] == 1


def test_promises_neither_hide_nor_cause_no_progress(cli, notes):
    """A promise touched yesterday does not count as the person's progress; their own stale action still does."""
    root = notes(
        {
            "people/alice/p.md": plan_with(
                [
                    action(1, owner="manager", updated=day(-1)),
                    action(2, owner="manager", status="done", closed=day(-1)),
                    action(3),
                ],
                offset=-60,
            )
        }
    )
    [found] = kinds(due_json(cli, root), "no-progress")
    assert found["date"] == day(-23)


def test_the_manager_setting_names_who_makes_promises(cli, notes):
    root = notes(
        {
            "careerkit.yaml": "manager: kim\n",
            "people/alice/p.md": plan_with([action(1, owner="kim"), action(2, owner="manager")], offset=-60),
        }
    )
    report = due_json(cli, root)
    # action 2 is the person's (`manager` is only a name here): held by no-progress, while kim's promise stays
    assert {f["action"]: f["owner"] for f in kinds(report, "action-stale")} == {1: "kim"}
    assert kinds(report, "action-stale")[0]["message"].startswith("action 1, your own promise, has not moved")
    assert kinds(report, "no-progress")


def test_an_actions_owner_defaults_to_the_person(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, due=day(-1))])})
    assert kinds(due_json(cli, root), "action-due")[0]["owner"] == "alice"


def test_a_recently_closed_action_counts_as_progress(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1), action(2, status="done", closed=day(-3))], offset=-60)})
    assert kinds(due_json(cli, root), "no-progress") == []
    assert len(kinds(due_json(cli, root), "action-stale")) == 1


# -- ids, order, output -----------------------------------------------------


def test_the_copy_in_the_newest_document_wins(cli, notes):
    root = notes(
        {
            "people/alice/2026-05-01-plan.md": plan_with([action(1, "Old title", due=day(-5))], offset=-31),
            "people/alice/2026-05-20-checkin.md": doc(
                "alice", "checkin", day(-12), actions=[action(1, "New title", status="done", closed=day(-12))]
            ),
        }
    )
    report = due_json(cli, root, expect=1)  # the repeated id is reported, and the newest copy counts
    assert kinds(report, "action-due") == []
    assert kinds(report, "out-of-actions")
    assert report["errors"] == [
        {
            "file": "people/alice/2026-05-20-checkin.md",
            "line": 6,
            "message": (
                "duplicate action id 1: also used at people/alice/2026-05-01-plan.md:6; ids are unique per person"
            ),
        }
    ]


def test_findings_sort_by_tier_then_days_then_person_then_kind_then_action(cli, notes):
    """Late (tier 1) before drifting (2) before missing (3), however old the missing thing is; a step of theirs
    that passed its date is drifting, your promise late."""
    root = notes(
        {
            "people/carol/p.md": doc(
                "carol", "plan", day(-300), skills=[{"skill": "x"}], actions=[action(1, updated=day(-200))]
            ),
            "people/dan/profile.md": "---\nname: Dan\n---\n",
            "people/bob/p.md": doc(
                "bob",
                "plan",
                day(-1),
                skills=[{"skill": "x", "resources": ["y"]}],
                actions=[action(2, due=day(-3)), action(3, owner="manager", due=day(-2))],
            ),
        }
    )
    order = [(f["person"], f["kind"], f["tier"], f["days"]) for f in due_json(cli, root)["findings"]]
    assert order == [
        ("carol", "checkin-due", 1, 270),
        ("bob", "action-due", 1, 2),
        ("dan", "never-started", 1, 0),
        ("carol", "no-progress", 2, 163),  # (holding carol's quiet step 1)
        ("bob", "action-due", 2, 3),
        ("carol", "resources-missing", 3, 300),
        ("carol", "conversation-due", 3, 118),
    ]


def test_findings_sort_by_days_then_person_then_kind_then_action(cli, notes):
    root = notes(
        {
            "people/bob/p.md": doc(
                "bob",
                "plan",
                day(-1),
                skills=[{"skill": "x", "resources": ["y"]}],
                actions=[action(2, due=day(-3)), action(1, due=day(-3))],
            ),
            "people/alice/p.md": plan_with([action(5, due=day(-3)), action(6, due=day(-10))]),
        }
    )
    order = [(f["days"], f["person"], f["kind"], f["action"]) for f in due_json(cli, root)["findings"]]
    assert order == [
        (10, "alice", "action-due", 6),
        (3, "alice", "action-due", 5),
        (3, "bob", "action-due", 1),
        (3, "bob", "action-due", 2),
    ]


def test_json_shape_and_errors_for_an_unreadable_document(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with([action(1, due=day(-1))]),
            "people/bob/2026-01-01-plan.md": "---\nperson: bob\nstage: plan\ndate: [unclosed\n---\n",
        }
    )
    result = cli(root, "due", "--today", TODAY.isoformat(), "--json", expect=1)
    report = json.loads(result.stdout)
    assert set(report) == {"today", "findings", "errors"}
    assert report["today"] == TODAY.isoformat()
    assert list(report["findings"][0]) == [
        "person",
        "kind",
        "file",
        "action",
        "title",
        "owner",
        "tier",
        "date",
        "days",
        "message",
    ]
    [error] = report["errors"]
    assert error["file"] == "people/bob/2026-01-01-plan.md" and error["line"] == 4
    assert error["message"].startswith("could not parse frontmatter")
    assert result.stderr.startswith("people/bob/2026-01-01-plan.md:4: could not parse frontmatter")


def test_errors_is_an_empty_list_when_all_was_read(cli, notes):
    assert due_json(cli, notes({}))["errors"] == []


def test_fail_exits_1_only_when_something_is_due(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, due=day(-1))])})
    cli(root, "due", "--today", TODAY.isoformat(), "--fail", expect=1)
    cli(root, "due", "--today", day(-30), "--fail", expect=0)


@pytest.mark.parametrize(("closed", "code"), [(-2, 0), (-1, 0), (0, 0)])
def test_fail_never_fails_on_a_celebration(cli, notes, closed, code):
    root = notes({"people/alice/p.md": plan_with([action(1, status="done", closed=day(closed))], offset=-3)})
    result = cli(root, "due", "--today", TODAY.isoformat(), "--fail", "--json", expect=code)
    assert [(f["kind"], f["tier"]) for f in json.loads(result.stdout)["findings"]] == [("out-of-actions", 0)]


def test_due_for_named_people_reads_only_them(cli, notes):
    root = notes(
        {
            "people/alice/p.md": plan_with([action(1, due=day(-1))]),
            "people/zoe-obrien/profile.md": "---\nname: Zoë O'Brien\n---\n",
            "people/zoe-obrien/s.md": doc("zoe-obrien", "story", day(-5)),
            "people/bob/broken.md": "---\n: : :\n---\n",
        }
    )
    report = due_json(cli, root, "Zoë O'Brien")
    assert {f["person"] for f in report["findings"]} == {"zoe-obrien"}
    assert report["errors"] == []
    assert {f["person"] for f in due_json(cli, root, "alice", "zoe-obrien")["findings"]} == {"alice", "zoe-obrien"}


def test_unknown_person_exits_2_with_a_suggestion(cli, notes):
    root = notes({"people/alice/s.md": doc("alice", "story", day(-1))})
    result = cli(root, "due", "alcie", expect=2)
    assert "unknown person 'alcie'" in result.stderr and "did you mean alice?" in result.stderr


@pytest.mark.parametrize("bad", ["2026-02-30", "next week", "2026/01/01"])
def test_bad_today_exits_2(cli, notes, bad):
    result = cli(notes({}), "due", "--today", bad, expect=2)
    assert "--today" in result.stderr and "Traceback" not in result.stderr


def test_plain_output_groups_by_person_with_the_name_and_file(cli, notes):
    root = notes(
        {
            "people/alice/profile.md": "---\nname: Alice Smith\n---\n",
            "people/alice/p.md": plan_with([action(3, "Shadow Bob in two hiring loops", due=day(-12))]),
        }
    )
    result = cli(root, "due", "--today", TODAY.isoformat())
    lines = result.stdout.splitlines()
    assert lines[0] == "Alice Smith"
    assert lines[1].split()[:3] == ["drifting", "step", "3"]
    assert "step 3 passed its date 12 days ago: Shadow Bob in two hiring loops" in lines[1]
    assert lines[1].rstrip().endswith("people/alice/p.md")
    assert "\x1b[" not in result.stdout


def test_datetimes_and_quoted_dates_count_as_the_date_written(cli, notes):
    root = notes(
        {
            "people/alice/p.md": (
                "---\nperson: alice\nstage: plan\ndate: '2026-05-31'\nskills: [{skill: x, resources: [y]}]\n"
                "actions:\n  - {id: 1, title: T, due: 2026-05-31 23:30:00+09:00}\n"
                "  - {id: 2, title: U, due: '2026-06-01'}\n---\n"
            )
        }
    )
    found = kinds(due_json(cli, root), "action-due")
    assert [(f["action"], f["date"]) for f in found] == [(1, "2026-05-31"), (2, "2026-06-01")]


# -- odd but readable ------------------------------------------------------------


def test_dates_past_the_year_9999_are_never_due_and_hide_nothing(cli, notes):
    root = notes(
        {
            "people/alice/p.md": doc("alice", "plan", "9999-12-30", actions=[action(1, "T", updated="9999-12-31")]),
            "people/bob/s.md": doc("bob", "story", day(-3)),
        }
    )
    report = due_json(cli, root)
    assert [(f["person"], f["kind"]) for f in report["findings"]] == [("bob", "next-conversation")]
    assert report["errors"] == []
    ahead = due_json(cli, root, "--within", "99999999999")["findings"]  # everything ahead, the last date there is
    # (alice's plan is dated ahead: planned, it counts only through its actions, which are due on no day)
    assert [(f["person"], f["kind"], f["date"]) for f in ahead] == [("bob", "next-conversation", day(-3))]


def test_an_action_without_a_title_reads_cleanly(cli, notes):
    root = notes({"people/alice/p.md": plan_with([{"id": 4, "due": day(-2)}])})
    assert kinds(due_json(cli, root), "action-due")[0]["message"] == "step 4 passed its date 2 days ago"


def test_an_empty_date_falls_back_to_the_file_name(cli, notes):
    root = notes({"people/alice/2026-05-01-story.md": "---\nperson: alice\nstage: story\ndate:\n---\nTold.\n"})
    found = kinds(due_json(cli, root), "next-conversation")
    assert [(f["date"], f["file"]) for f in found] == [("2026-05-01", "people/alice/2026-05-01-story.md")]


def test_a_date_with_trailing_words_is_not_a_date(cli, notes):
    text = "---\nperson: alice\nstage: story\ndate: '2026-05-01 soon'\n---\n"
    root = notes({"people/alice/2026-05-01-story.md": text})
    report = due_json(cli, root, expect=1)
    assert [f["kind"] for f in report["findings"]] == ["never-started"]  # nothing of hers could be read
    assert report["errors"] == [
        {"file": "people/alice/2026-05-01-story.md", "line": 4, "message": "date is not a real date (YYYY-MM-DD)"}
    ]  # words are not repeated


# -- 0.2: people who never started, who left, who are paused --------------------------------


def test_never_started_is_dated_by_since_then_the_earliest_document_then_today(cli, notes):
    root = notes(
        {
            "people/ann/profile.md": f"---\nname: Ann\nsince: {day(-40)}\n---\n",
            "people/ann/2026-04-01-note.md": doc("ann", "note", day(-61)),
            "people/bea/2026-05-01-note.md": doc("bea", "note", day(-31)),
            "people/bea/2026-05-20-checkin.md": doc("bea", "checkin", day(-12)),
            "people/cid/profile.md": "---\nname: Cid\n---\n",
            "people/dee/.keep": "",
        }
    )
    found = {
        f["person"]: (f["date"], f["days"], f["file"], f["owner"], f["tier"], f["message"])
        for f in kinds(due_json(cli, root), "never-started")
    }
    assert found == {
        "ann": (
            day(-10),
            10,
            "people/ann/profile.md",
            None,
            1,
            f"no career conversation since they joined on {day(-40)}: start with their life story",
        ),
        "bea": (
            day(-1),
            1,
            "people/bea",
            None,
            1,
            f"no career conversation since {day(-31)}, the date of their first document: start with their life story",
        ),
        "cid": (day(0), 0, "people/cid/profile.md", None, 1, "no career conversation yet: start with their life story"),
        "dee": (day(0), 0, "people/dee", None, 1, "no career conversation yet: start with their life story"),
    }


@pytest.mark.parametrize(("since", "reported"), [(-31, True), (-30, True), (-29, False)])
def test_never_started_gives_a_new_joiner_30_days(cli, notes, since, reported):
    root = notes({"people/ann/profile.md": f"---\nsince: {day(since)}\n---\n"})
    assert bool(kinds(due_json(cli, root), "never-started")) is reported


@pytest.mark.parametrize(("first", "reported"), [(-31, True), (-30, True), (-29, False)])
def test_never_started_counts_30_days_from_the_earliest_document_even_a_planned_one(cli, notes, first, reported):
    """A story prepared (as `new` wrote it) is no conversation, but its date says since when they are here."""
    root = notes({})
    cli(root, "new", "story", "ann", "--name", "Ann", "--date", day(first), "--today", TODAY.isoformat())
    found = kinds(due_json(cli, root), "never-started")
    assert bool(found) is reported
    if reported:
        assert found[0]["date"] == day(first + 30) and day(first) in found[0]["message"]


@pytest.mark.parametrize("stage", ["story", "dreams", "plan"])
def test_any_of_the_three_conversations_means_they_started(cli, notes, stage):
    root = notes({"people/ann/x.md": doc("ann", stage, day(-1))})
    assert kinds(due_json(cli, root), "never-started") == []


def everything_due(since_left_or_paused: str) -> dict[str, str]:
    """A person with something of every tier due today (a promise of yours too), and a profile line."""
    return {
        "people/ann/profile.md": f"---\nname: Ann\n{since_left_or_paused}\n---\n",
        "people/ann/p.md": doc(
            "ann", "plan", day(-100), actions=[action(1, due=day(-1)), action(2, owner="manager", due=day(-1))]
        ),
    }


@pytest.mark.parametrize(("left", "reported"), [(-1, False), (0, False), (1, True)])
def test_from_the_day_they_left_nothing_is_reported(cli, notes, left, reported):
    root = notes(everything_due(f"left: {day(left)}"))
    assert bool(due_json(cli, root)["findings"]) is reported
    assert bool(due_json(cli, root, "--within", "30")["findings"]) is reported


@pytest.mark.parametrize(("until", "reported"), [(1, False), (0, True), (-1, True)])
def test_a_pause_hides_everything_until_its_last_day(cli, notes, until, reported):
    root = notes(everything_due(f"paused_until: {day(until)}"))
    assert bool(due_json(cli, root)["findings"]) is reported


def test_a_left_or_paused_person_who_never_started_is_not_reported(cli, notes):
    root = notes(
        {
            "people/ann/profile.md": f"---\nleft: {day(-3)}\n---\n",
            "people/bob/profile.md": f"---\npaused_until: {day(30)}\n---\n",
        }
    )
    assert due_json(cli, root)["findings"] == []


def test_away_says_why_a_person_has_no_findings():
    from careerkit.rules.findings import away, has_left, is_paused
    from careerkit.values.model import PersonNotes, Profile

    person = PersonNotes.read("ann", Profile(left=TODAY + timedelta(days=10), paused_until=TODAY))
    assert [away(person, TODAY + timedelta(days=n)) for n in (-1, 0, 9, 10)] == ["paused", None, None, "left"]
    assert is_paused(person, TODAY - timedelta(days=1)) and not is_paused(person, TODAY)
    assert has_left(person, TODAY + timedelta(days=10)) and not has_left(person, TODAY + timedelta(days=9))


def test_profile_dates_that_are_not_dates_are_reported_and_ignored(cli, notes):
    root = notes(
        {
            "people/ann/profile.md": "---\nname: Ann\nleft: soon\npaused_until: 2026-02-30\n---\n",
            "people/ann/p.md": doc("ann", "plan", day(-100), actions=[action(1, due=day(-1))]),
        }
    )
    result = cli(root, "due", "--today", TODAY.isoformat(), expect=1)
    assert result.stderr.splitlines() == [
        "people/ann/profile.md:3: `left` should be a date (YYYY-MM-DD); not used",
        "people/ann/profile.md:4: `paused_until` should be a date (YYYY-MM-DD); not used",
    ]
    assert "their one open step has not moved for 3 months, and it passed its date" in result.stdout


# -- 0.2: a plan's review_by -------------------------------------------------------------


@pytest.mark.parametrize(("review", "reported"), [(-1, True), (0, True), (1, False)])
def test_conversation_due_honours_the_plans_review_by(cli, notes, review, reported):
    root = notes({"people/alice/p.md": plan_with([action(1, updated=day(0))], offset=-20, review_by=day(review))})
    found = kinds(due_json(cli, root), "conversation-due")
    assert bool(found) is reported
    if reported:
        assert (found[0]["date"], found[0]["file"]) == (day(review), "people/alice/p.md")
        assert (
            found[0]["message"] == f"career conversation due: the plan of {day(-20)} asked for a review by "
            f"{day(review)}"
        )


def test_review_by_can_also_put_the_conversation_later_than_the_cadence(cli, notes):
    root = notes({"people/alice/p.md": plan_with([action(1, updated=day(0))], offset=-300, review_by=day(5))})
    assert kinds(due_json(cli, root), "conversation-due") == []


# -- 0.2: problems every command reports ------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "shown"),
    [("6", ", not 6"), ("0", ", not 0"), ("2.5", ", not 2.5"), ("three", ", not 'three'"), ("true", ", not True")],
)
def test_a_dream_rating_that_is_not_a_whole_number_from_1_to_5_is_an_error_everywhere(cli, notes, rating, shown):
    text = (
        "---\nperson: alice\nstage: dreams\ndate: 2026-05-01\ndreams:\n  - dream: Lead\n    skills:\n"
        f"      - {{skill: design, need: 4, have: 2}}\n      - {{skill: sales, need: {rating}, have: 1}}\n---\n"
    )
    root = notes({"people/alice/2026-05-01-dreams.md": text})
    message = (
        f"people/alice/2026-05-01-dreams.md:9: `need` should be a whole number from 1 to 5{shown}; "
        "skill 2 of dream 1 is left out"
    )
    for command in (["due"], ["agenda", "alice"], ["status"], ["log", "alice"]):
        result = (
            cli(root, *command, "--today", TODAY.isoformat(), expect=1)
            if command[0] != "log"
            else cli(root, *command, expect=1)
        )
        assert result.stderr.splitlines() == [message], command


def test_a_folder_that_is_not_a_slug_is_reported_by_every_command(cli, notes):
    root = notes(
        {
            "people/João Silva/2026-05-01-story.md": doc("joao", "story", day(-30)),
            "people/alice/s.md": doc("alice", "story", day(-3)),
        }
    )
    message = (
        "people/João Silva: folder name is not a valid person slug (rename it to joao-silva); this person is not read"
    )
    for command in (["due"], ["agenda", "alice"], ["status"]):
        result = cli(root, *command, "--today", TODAY.isoformat(), expect=1)
        assert result.stderr.splitlines() == [message], command
    assert "joao" not in cli(root, "due", "--today", TODAY.isoformat(), expect=1).stdout.lower()
