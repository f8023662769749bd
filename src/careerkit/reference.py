"""docs/findings.md, written from the findings' own descriptions so the page cannot drift.

Regenerate with `python -m careerkit.reference > docs/findings.md`; a test compares.
"""

from __future__ import annotations

from careerkit.findings import KINDS

INTRO = """\
# What `careerkit due` reports

Each finding is one thing that needs a manager's attention, found in the
frontmatter of the notes. `date` is the day it became due and `days` how long
ago that was (negative: still ahead, shown only with `--within`). "Newest"
means the latest `date`; on the same date the later stage (story, dreams,
plan, checkin, note), then the higher `-N` suffix of the file name. The
settings named below live in `careerkit.yaml` (defaults: `checkin_every_days`
30, `conversation_every_days` 182, `stale_after_days` 21); a person's profile
may set its own `checkin_every_days`. Findings are sorted by `days` (largest
first), then person, kind and action id.

This page is generated from the code (`python -m careerkit.reference`); a test
keeps them the same.
"""


def findings_page() -> str:
    parts = [INTRO]
    for kind in KINDS.values():
        scope = "one per action" if kind.level == "action" else "one per person"
        parts.append(f"\n## `{kind.name}` ({scope})\n\n"
                     f"- **What it means:** {kind.meaning}\n"
                     f"- **Why it matters:** {kind.why}\n"
                     f"- **What to do:** {kind.suggestion}\n"
                     f"- **Rule:** {kind.rule}\n")
    return "".join(parts)


if __name__ == "__main__":
    print(findings_page(), end="")
