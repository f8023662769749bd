"""docs/findings.md, written from the findings' own descriptions so the page cannot drift.

Regenerate with `python -m careerkit.reference > docs/findings.md`; a test compares.
"""

from __future__ import annotations

from careerkit.findings import KINDS, PROMISE_SUGGESTION, TIERS

INTRO = """\
# What `careerkit due` reports

Each finding is one thing that needs a manager's attention, found in the
frontmatter of the notes. `date` is the day it became due and `days` how long
ago that was (negative: still ahead, shown only with `--within`). "Newest"
means the latest `date`; on the same date the later stage (story, dreams,
plan, checkin, note), then the higher `-N` suffix of the file name. The
settings named below live in `careerkit.yaml` (defaults:
`checkin_every_days` 30, `conversation_every_days` 182, `manager` `manager`;
`stale_after_days`, when it is not set, is each person's
`checkin_every_days` plus 7, so that an action may sit through one whole
check-in cycle before it counts as stale). A person's profile may set their
own `checkin_every_days`.

**Promises.** An action whose `owner` is the `manager` setting is your own
promise ("I will introduce you to Bob"). Its findings say so, and it never
counts against the person: not in `no-progress`, `out-of-actions` or
`plan-without-actions`. Every finding carries `owner`: the action's owner
(the person's slug when the action names none), or `null` for a finding
about the person. For a promise that is due or stale, `careerkit agenda`
says: "{promise}"

**Who is reported.** Everyone with a folder in `people/`, including people
with no document yet (`never-started`), except a person whose profile says
they have `left` (on or before today) or are paused (`paused_until` after
today: leave is not drift). Their files stay as they are.

**Order.** Findings are sorted by tier first: 1, what is late (a due action,
a due check-in, someone who never started); 2, what drifts (no progress, a
stale action, changed dreams); 3, what is missing (a conversation to hold, an
action plan without actions, resources). Then by `days` (largest first),
person, kind and action id. `careerkit due` prints each person in the place
of their first finding.

This page is generated from the code (`python -m careerkit.reference`); a test
keeps them the same.
"""


CHANGES = """
## What changed in 0.2

Scripts that read `careerkit due --json` see these changes; no kind was
renamed or removed.

- New kinds: `never-started` (a person folder with no story, dreams or plan)
  and `plan-without-actions` (a plan under which nothing of the person's own
  was ever open; before 0.2 this was reported as `out-of-actions`).
- `out-of-actions` now means that they finished: it fires only after some
  action of their own was closed since the newest plan, and is dated by the
  last such day.
- Your promises (`owner` equal to the `manager` setting) are said to be
  yours and never count in `no-progress`; every finding has an `owner` key.
- `stale_after_days` defaults to each person's check-in cadence plus 7 days
  (it was 21 for everyone), so a monthly check-in no longer makes every
  action stale a week before it.
- `resources-missing` is quiet for a skill that an open action works on.
- `conversation-due` honours a plan's `review_by`.
- Findings are ordered by tier first, then by `days`.
- Profiles may set `since`, `left` and `paused_until`.
"""


def findings_page() -> str:
    parts = [INTRO.replace("{promise}", PROMISE_SUGGESTION)]
    for kind in KINDS.values():
        scope = "one per action" if kind.level == "action" else "one per person"
        parts.append(f"\n## `{kind.name}` ({scope}; tier {kind.tier}, {TIERS[kind.tier]})\n\n"
                     f"- **What it means:** {kind.meaning}\n"
                     f"- **Why it matters:** {kind.why}\n"
                     f"- **What to do:** {kind.suggestion}\n"
                     f"- **Rule:** {kind.rule}\n")
    parts.append(CHANGES)
    return "".join(parts)


if __name__ == "__main__":
    print(findings_page(), end="")
