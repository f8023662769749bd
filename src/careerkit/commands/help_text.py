"""Each command's one-line summary and its examples: the one source of `careerkit --help`'s list, the
examples at the foot of every `--help`, docs/commands.md and the man page (careerkit.commands.docgen).

A summary is given rather than cut from the docstring: Click cuts a docstring's first sentence to what
fits beside the command's name (about 60 characters on an 80-column terminal, whatever the terminal's
width), mid-sentence. A test holds every summary to SUMMARY_MAX characters and every example to a
command line that parses. Plain data: `careerkit.commands.app` reads it at start-up.
"""

from __future__ import annotations

from typing import Any

SUMMARY_MAX = 58  # fits beside the longest command name (`completion`) on an 80-column terminal

SUMMARIES = {
    "": "Career conversations kept as plain Markdown notes: scaffold them, see what needs attention.",
    "init": "Make a notes repository here, or in PATH.",
    "new": "Write the document for a conversation, pre-filled.",
    "note": "Keep what someone said in passing, in seconds.",
    "used": "Mark the day you used what a note says.",
    "edit": "Open a person's newest document in your editor.",
    "due": "What needs your attention now, the most pressing first.",
    "agenda": "An agenda for your next conversation with a person.",
    "status": "One row per person: stages, conversations, actions.",
    "log": "A person's documents in date order, one line each.",
    "calendar": "Coming check-ins, conversations and dates as iCalendar.",
    "report": "The team, or one person's own page, as an HTML page.",
    "check": "Find every problem in the notes, like a compiler.",
    "add": "Start a person on your team: a folder and a profile.",
    "leave": "Record the day a person leaves your team.",
    "pause": "Pause a person until a date, or end the pause.",
    "completion": "Print the completion script for bash, zsh or fish.",
    "templates": "List the document templates, or copy one to edit.",
    "templates copy": "Copy a shipped template into templates/ to edit.",
    "action": "Add, close, change, keep and list a person's actions.",
    "action add": "Add an action to the newest plan or check-in.",
    "action done": "Mark an action done.",
    "action drop": "Drop an action on purpose.",
    "action touch": "Record progress on an action, so it is not stale.",
    "action edit": "Give an action a new date, title, skill or owner.",
    "action list": "A person's actions and how each one stands.",
    "action keep": "Keep a promise received in a handover as your own.",
    "share": "A worksheet for a person to fill in, in plain Markdown.",
    "take": "Read a filled worksheet back into the notes.",
    "handover": "A person's plan, encrypted for their next manager.",
    "receive": "Add a person from a handover to these notes.",
}

EXAMPLES = {
    "": [
        "careerkit init ~/career-notes && cd ~/career-notes",
        'careerkit add zoe-obrien --name "Zoë O\'Brien" --role "Backend engineer"',
        "careerkit new story zoe-obrien --edit",
        "careerkit due",
        "careerkit agenda zoe-obrien",
    ],
    "init": ["careerkit init ~/career-notes", "careerkit init --no-git"],
    "new": [
        "careerkit new story zoe-obrien",
        "careerkit new checkin zoe-obrien --date 2026-07-01 --edit",
    ],
    "note": [
        'careerkit note zoe-obrien "Would like to run the next retro"',
        "pbpaste | careerkit note zoe-obrien -",
    ],
    "used": [
        "careerkit used zoe-obrien",
        "careerkit used zoe-obrien 2026-11-20-note.md --date friday",
    ],
    "edit": [
        "careerkit edit zoe-obrien",
        "careerkit edit zoe-obrien plan",
        "EDITOR='code --wait' careerkit edit zoe-obrien checkin",
    ],
    "due": [
        "careerkit due",
        "careerkit due zoe-obrien --within 7",
        "careerkit due --fail > /dev/null || notify-send 'careerkit: something is due'",
        "careerkit due --json | jq -r '.findings[].message'",
    ],
    "agenda": ["careerkit agenda zoe-obrien", "careerkit agenda zoe-obrien --no-pager > agenda.md"],
    "status": ["careerkit status", "careerkit status --all --json"],
    "log": ["careerkit log zoe-obrien", "careerkit log zoe-obrien --json"],
    "calendar": ["careerkit calendar -o ~/careerkit.ics", "careerkit calendar zoe-obrien --titles"],
    "report": ["careerkit report -o ~/team.html", "careerkit report --for zoe-obrien -o ~/zoe.html"],
    "check": ["careerkit check", "careerkit check people/zoe-obrien --strict"],
    "add": ['careerkit add zoe-obrien --name "Zoë O\'Brien" --role "Backend engineer" --since 2026-03-02'],
    "leave": ["careerkit leave sam-lee --date +2w"],
    "pause": ["careerkit pause zoe-obrien --until +3m", "careerkit pause zoe-obrien --end"],
    "completion": [
        'eval "$(careerkit completion bash)"',
        "careerkit completion fish > ~/.config/fish/completions/careerkit.fish",
    ],
    "templates": ["careerkit templates", "careerkit templates copy checkin"],
    "templates copy": ["careerkit templates copy checkin"],
    "action": [
        "careerkit action list zoe-obrien",
        'careerkit action add zoe-obrien "Pair with Bob on a design review" --due +2w',
        "careerkit action done zoe-obrien 3",
    ],
    "action add": [
        'careerkit action add zoe-obrien "Pair with Bob on a design review" --due +2w --skill "system design"',
        'careerkit action add zoe-obrien "Introduce her to Priya" --owner manager',
    ],
    "action done": ["careerkit action done zoe-obrien 3"],
    "action drop": ["careerkit action drop zoe-obrien 4"],
    "action touch": ["careerkit action touch zoe-obrien 3"],
    "action edit": [
        "careerkit action edit zoe-obrien 3 --due +1w",
        'careerkit action edit zoe-obrien 5 --no-due --title "Read DDIA, chapter 2"',
    ],
    "action list": ["careerkit action list zoe-obrien --all"],
    "action keep": ["careerkit action keep priya-nair 7"],
    "share": ["careerkit share zoe-obrien -o ~/zoe-worksheet.md", "careerkit share chen --stage plan | pbcopy"],
    "take": ["careerkit take zoe-obrien ~/zoe-worksheet.md --dry-run", "careerkit take zoe-obrien ~/zoe-worksheet.md"],
    "handover": [
        "careerkit handover zoe-obrien --to ~/keys/next-manager.pub --dry-run",
        "careerkit handover zoe-obrien --to ~/keys/next-manager.pub -o ~/zoe.age",
    ],
    "receive": [
        "careerkit receive ~/zoe.age -i ~/.ssh/id_ed25519",
        "age -d -i ~/.ssh/id_ed25519 zoe.age > zoe.tar && careerkit receive zoe.tar",
    ],
}


def examples(command: str) -> str:
    """The examples of `command` ("" for careerkit itself, "action edit" for a subcommand), as Click's epilog:
    `\\b` keeps Click from joining their lines into one paragraph."""
    return "\b\nExamples:\n" + "".join(f"  {line}\n" for line in EXAMPLES[command])


def help_for(command: str) -> dict[str, Any]:
    """The keyword arguments that give a Typer command (or group) its summary and its examples (none for a
    command missing here: it still runs, and tests/test_docs.py names it)."""
    given = {"short_help": SUMMARIES.get(command), "epilog": examples(command) if command in EXAMPLES else None}
    return {key: value for key, value in given.items() if value is not None}
