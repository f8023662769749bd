"""Write a synthetic notes repository, following docs/contract.md, for the benchmarks.

    python benchmarks/generate.py OUT --people 200 --docs 50

makes OUT/careerkit.yaml and OUT/people/<person>/ with a profile and DOCS
documents each: a story, dreams and a plan, then mostly check-ins with some
notes, and now and then new dreams and a new plan. Plans and check-ins add
actions; later check-ins move some of them on (done, dropped, updated),
which is written where the action is, as `careerkit action` would: an id
appears once per person, and the repository passes `careerkit check`.
Actions end in every state (open, done, dropped; with and without due dates). Dates are written in the forms
users write them (plain, quoted, with a time); a few files use CRLF line
endings or start with a BOM. Bodies are Markdown prose, about 3 KB each.

The output depends only on the arguments (and --seed): the same command
writes the same bytes. 200 x 50 gives 10,000 documents, about 28,000 action
items and 40 MB. OUT must not exist or be empty.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST = [
    "Amara",
    "Ben",
    "Chen",
    "Dana",
    "Emil",
    "Zoë",
    "Farah",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Oskar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
    "Una",
    "Vera",
    "Wim",
    "Xia",
    "Yusuf",
]
LAST = [
    "Okafor",
    "Meyer",
    "Li",
    "Kowalski",
    "Larsen",
    "O'Brien",
    "Haddad",
    "Novak",
    "Sato",
    "Petrov",
    "Silva",
    "Mensah",
    "Berg",
    "Rossi",
    "Nakamura",
    "Fischer",
    "Costa",
    "Jansen",
    "Ivanova",
    "Dubois",
]
ROLES = [
    "Backend engineer",
    "Frontend engineer",
    "Data analyst",
    "Product designer",
    "Engineering manager",
    "Site reliability engineer",
    "QA engineer",
    "Product manager",
    "Technical writer",
]
VALUES = [
    "autonomy",
    "craft",
    "financial independence",
    "family time",
    "being useful",
    "learning",
    "recognition",
    "stability",
    "adventure",
    "community",
    "health",
    "creativity",
]
DREAMS = [
    "Lead a platform team",
    "Staff engineer for the platform group",
    "Teach an evening course",
    "Start a small workshop",
    "Write a book on testing",
    "Move into product management",
    "Run the company's design system",
    "Work a year abroad",
    "Speak at a large conference",
    "Found a non-profit for coding clubs",
]
SKILLS = [
    "people management",
    "system design",
    "technical writing",
    "facilitation",
    "public speaking",
    "curriculum design",
    "woodworking",
    "bookkeeping",
    "negotiation",
    "data modelling",
    "hiring",
    "incident response",
    "product discovery",
    "mentoring",
    "budgeting",
    "accessibility",
]
RESOURCES = [
    "Mentor: Ines Duarte",
    "Book: The Manager's Path",
    "Internal workshop: Running Good Meetings",
    "Architecture guild, first Thursday",
    "Online course, part one",
    "Shadow Tomás at planning",
    "Pair with Lars on design reviews",
    "Book: Designing Data-Intensive Applications",
]
LEARNS = ["pairing", "reading", "short courses", "doing it for real", "mentoring", "videos", "writing it down"]
VERBS = [
    "Shadow",
    "Pair with",
    "Draft",
    "Review",
    "Run",
    "Present",
    "Write up",
    "Read",
    "Ask",
    "Book",
    "Interview",
    "Prototype",
    "Organise",
    "Summarise",
    "Mentor",
]
OBJECTS = [
    "two hiring loops",
    "the billing design review",
    "the platform retro",
    "a lightning talk",
    "the on-call handbook",
    "a chapter of the book",
    "the Q1 planning session",
    "a customer interview",
    "the incident review",
    "the onboarding guide",
    "a brown-bag session",
    "the roadmap draft",
]
PROSE = (
    "the a we she he they it talked about plan week project team said wants to learn more next time "
    "felt good hard slow progress idea meeting feedback asked manager career skill goal open question "
    "agreed tried again later because while doing work with people review design write course mentor "
    "book dream story values family growth role promotion trust listen candor challenge care"
)
WORDS = PROSE.split()
# A document's frontmatter: lines of text, and actions (dicts) written out once the history is complete
Lines = list[str | dict[str, object]]


def slugify(name: str) -> str:
    table = str.maketrans({"ë": "e", "é": "e", "ö": "o", "ü": "u", "ä": "a", "'": "", " ": "-"})
    return name.lower().translate(table)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def body(rng: random.Random, title: str, size: int) -> str:
    parts = [f"# {title}"]
    length = len(parts[0])
    while length < size:
        if rng.random() < 0.3:
            paragraph = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4)))
        else:
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Person:
    """One person's history, written document by document."""

    def __init__(self, rng: random.Random, index: int):
        self.rng = rng
        first, last = FIRST[index % len(FIRST)], LAST[(index // len(FIRST)) % len(LAST)]
        self.name = f"{first} {last}" + (f" {index // (len(FIRST) * len(LAST)) + 1}" if index >= 520 else "")
        self.slug = slugify(self.name)
        self.actions: dict[int, dict[str, object]] = {}
        self.next_id = 1
        self.skills = rng.sample(SKILLS, 4)

    def day(self, value: date) -> str:
        """A date as users write it: mostly plain, sometimes quoted or with a time."""
        roll = self.rng.random()
        if roll < 0.1:
            return quote(value.isoformat())
        if roll < 0.15:
            return f"{value.isoformat()} 09:30"
        return value.isoformat()

    def head(self, stage: str, day: date) -> list[str]:
        return [f"person: {self.slug}", f"stage: {stage}", f"date: {self.day(day)}"]

    def story(self, day: date) -> Lines:
        lines: Lines = [*self.head("story", day)]
        lines.append("values: [" + ", ".join(self.rng.sample(VALUES, 3)) + "]")
        return lines

    def dreams(self, day: date) -> Lines:
        lines: Lines = [*self.head("dreams", day), "dreams:"]
        haves: dict[str, int] = {}  # where they stand in a skill is the same whatever the dream
        for dream in self.rng.sample(DREAMS, self.rng.randint(2, 3)):
            lines += [f"  - dream: {dream}", "    skills:"]
            for skill in self.rng.sample(SKILLS, self.rng.randint(2, 3)):
                have = haves.setdefault(skill, self.rng.randint(1, 4))
                need = self.rng.randint(max(3, have), 5)
                lines.append(f"      - {{skill: {skill}, need: {need}, have: {have}}}")
        return lines

    def plan(self, day: date) -> Lines:
        self.skills = self.rng.sample(SKILLS, self.rng.randint(2, 4))
        learns = ", ".join(self.rng.sample(LEARNS, 2))
        lines: Lines = [*self.head("plan", day), f"learns_best: [{learns}]", "skills:"]
        for position, skill in enumerate(self.skills):
            lines.append(f"  - skill: {skill}")
            if position < 3 or self.rng.random() < 0.5:  # now and then a skill without resources
                lines.append("    resources: [" + ", ".join(quote(r) for r in self.rng.sample(RESOURCES, 2)) + "]")
        lines.append("actions:")
        lines += [self.new_action(day) for _ in range(self.rng.randint(5, 7))]
        return lines

    def new_action(self, day: date) -> dict[str, object]:
        action: dict[str, object] = {
            "id": self.next_id,
            "title": f"{self.rng.choice(VERBS)} {self.rng.choice(OBJECTS)}",
            "owner": self.slug if self.rng.random() < 0.8 else "manager",
            "skill": self.rng.choice(self.skills),
            "status": "open",
        }
        if self.rng.random() < 0.7:
            action["due"] = day + timedelta(days=self.rng.randint(7, 90))
        self.actions[self.next_id] = action
        self.next_id += 1
        return action

    def progress(self, day: date) -> None:
        """A few open actions move on; the change is made where each action is written."""
        open_ids = [key for key, action in self.actions.items() if action["status"] == "open"]
        for key in self.rng.sample(open_ids, min(len(open_ids), self.rng.randint(1, 3))):
            action = self.actions[key]
            roll = self.rng.random()
            if roll < 0.45:
                action["status"], action["closed"] = "done", day
            elif roll < 0.55:
                action["status"], action["closed"] = "dropped", day
            else:
                action["updated"] = day

    def render(self, lines: Lines) -> list[str]:
        """The frontmatter's lines, each action as it stands at the end of the history."""
        text: list[str] = []
        for line in lines:
            text += [line] if isinstance(line, str) else self.action_lines(line)
        return text

    def action_lines(self, action: dict[str, object]) -> list[str]:
        ident = action["id"]
        lines = [f"  - id: {ident}", f"    title: {quote(str(action['title']))}"]
        for key in ("owner", "skill", "due", "status", "updated", "closed"):
            value = action.get(key)
            if value is None or (key == "status" and value == "open" and isinstance(ident, int) and ident % 3 == 0):
                continue  # open is the default: leave it out now and then
            lines.append(f"    {key}: {self.day(value) if isinstance(value, date) else value}")
        return lines

    def checkin(self, day: date, cadence: int) -> Lines:
        lines: Lines = [*self.head("checkin", day)]
        self.progress(day)
        actions = [self.new_action(day) for _ in range(self.rng.choice((0, 1, 2, 2, 3, 3)))]
        if actions:
            lines += ["actions:", *actions]
        if self.rng.random() < 0.1:
            lines.append(f"next_checkin: {(day + timedelta(days=cadence // 2)).isoformat()}")
        return lines

    def note(self, day: date) -> Lines:
        lines: Lines = [*self.head("note", day)]
        if self.rng.random() < 0.3:
            lines.append(f"summary: {quote(sentence(self.rng))}")
        return lines


def write(path: Path, frontmatter: list[str], text: str, rng: random.Random) -> None:
    content = "---\n" + "\n".join(frontmatter) + "\n---\n\n" + text
    roll = rng.random()
    if roll < 0.03:
        content = content.replace("\n", "\r\n")
    elif roll < 0.05:
        content = "\ufeff" + content
    path.write_bytes(content.encode("utf-8"))


def generate(out: Path, people: int, docs: int, seed: int, end: date, body_chars: int) -> tuple[int, int]:
    """Write the repository; return (documents, action items) written."""
    rng = random.Random(seed)
    (out / "people").mkdir(parents=True, exist_ok=True)
    (out / "careerkit.yaml").write_text(
        "# Generated for the careerkit benchmarks.\ncheckin_every_days: 30\n"
        "conversation_every_days: 182\nstale_after_days: 21\n",
        encoding="utf-8",
    )
    total_docs = total_actions = 0
    for index in range(people):
        person = Person(rng, index)
        folder = out / "people" / person.slug
        folder.mkdir()
        cadence = 30
        profile = [f"name: {quote(person.name)}", f"role: {rng.choice(ROLES)}"]
        if rng.random() < 0.2:
            cadence = rng.choice((14, 21, 45))
            profile.append(f"checkin_every_days: {cadence}")
        write(folder / "profile.md", profile, f"{person.name} joined in {2018 + index % 7}.\n", rng)
        written: list[tuple[Path, Lines, str]] = []
        step = max(1, min(cadence // 2, 720 // max(docs, 1)))
        day = end - timedelta(days=step * docs + rng.randint(0, 60))
        for number in range(docs):
            day += timedelta(days=rng.randint(max(1, step - 3), step + 3))
            roll = rng.random()
            if number == 0 or (number > 3 and roll < 0.02):
                stage, frontmatter = "story", person.story(day)
            elif number == 1 or (number > 3 and roll < 0.05):
                stage, frontmatter = "dreams", person.dreams(day)
            elif number == 2 or (number > 3 and roll < 0.08):
                stage, frontmatter = "plan", person.plan(day)
            elif roll < 0.85:
                stage, frontmatter = "checkin", person.checkin(day, cadence)
            else:
                stage, frontmatter = "note", person.note(day)
            total_actions += sum(isinstance(line, dict) for line in frontmatter)
            title = f"{stage.capitalize()}: {person.name}"
            written.append((folder / f"{day.isoformat()}-{stage}.md", frontmatter, body(rng, title, body_chars)))
            total_docs += 1
        for path, frontmatter, text in written:
            write(path, person.render(frontmatter), text, rng)
    return total_docs, total_actions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to create (must not exist, or be empty)")
    parser.add_argument("--people", type=int, default=200, help="number of people (default 200)")
    parser.add_argument("--docs", type=int, default=50, help="documents per person (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--end",
        type=date.fromisoformat,
        default=date(2026, 11, 20),
        help="the date near which each history ends (default 2026-11-20)",
    )
    parser.add_argument("--body-chars", type=int, default=3300, help="Markdown body size per document")
    args = parser.parse_args(argv)
    if args.people < 1 or args.docs < 1:
        parser.error("--people and --docs must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    documents, actions = generate(args.out, args.people, args.docs, args.seed, args.end, args.body_chars)
    size = sum(path.stat().st_size for path in args.out.rglob("*.md"))
    print(
        f"{args.out}: {args.people} people, {documents} documents, {actions} action items, {size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
