"""Files -> Team: a notes repository read through the cache, one person at a time.

`Repository` is the repository's layout (careerkit.repository.layout) plus reading it: settings,
profiles and documents, through the cache in `.careerkit/` (careerkit.cache.reads),
which picks the level (condensed people, or each file's read result). The
layout knows nothing of the cache; data flow one way: files, documents, cache,
team.
"""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.repository.layout import Layout
from careerkit.values import codes
from careerkit.values.model import PersonNotes, Problem, Team

# Problems with the name of a folder in people/: reported by every command, whoever it names.
FOLDER_NAME_CODES = (codes.NOT_A_SLUG, codes.SAME_FOLDER)

if TYPE_CHECKING:
    from careerkit.cache.parallel import Inspection
    from careerkit.cache.reads import Reads


class Repository(Layout):
    """A notes repository on disk, and reading it."""

    def load(self, people: list[str] | None = None, *, condensed: date | None = None) -> Team:
        """Read settings, profiles and documents (of `people`, or everyone).

        With `condensed` (the day the answers are for), each person is
        `PersonNotes.condensed`: enough for the findings and `status` on that
        day, and kept whole in the cache, so that a person whose files did not
        change costs one `stat` a file and nothing more. One kept for a later
        day than this one (see `PersonNotes.answers_on`) is read again.
        """
        from careerkit.cache.reads import open_reads

        reads = open_reads(self.root)  # through the cache in .careerkit/ (see careerkit.cache.reads)
        settings = reads.settings()
        problems = list(settings.problems)
        if people is None:
            people, folder_problems = self.folders()
            problems += folder_problems
        else:  # a folder that is not a person is reported by every command, whoever it names
            problems += [p for p in self.folders()[1] if p.code in FOLDER_NAME_CODES]
        read: dict[str, PersonNotes] = {}
        pending: list[tuple[str, list[Path]]] = []
        for slug in people:
            files = self.document_files(slug)
            problems += files.problems
            known = reads.condensed(slug, files) if condensed is not None else None
            if known is not None and condensed is not None and known.person.answers_on(condensed):
                read[slug] = known.person
                problems += known.problems
            else:
                pending.append((slug, files.paths))
        for slug, person, found, _ in self.read_people(reads, pending):
            if condensed is not None:
                person = person.condensed(condensed)
                reads.keep_condensed(slug, person, found)
            read[slug] = person
            problems += found
        reads.save()
        problems.sort(key=lambda p: (p.path, p.line or 0))
        return Team(self.root, settings.value, [read[slug] for slug in people], problems)

    def read_people(
        self,
        reads: "Reads",
        pending: list[tuple[str, list[Path]]],
        inspection: "Inspection | None" = None,
    ) -> Iterator[tuple[str, PersonNotes, list[Problem], list[Any]]]:
        """Each (slug, document paths) read whole, one person at a time: (slug, person, every problem found in
        their profile and documents, what `inspection` found in each document, in the order of the paths)."""
        for slug, profile, pairs in reads.people(pending, inspection):
            found = profile.problems + [problem for result, _ in pairs for problem in result.problems]
            person = PersonNotes.read(
                slug, profile.value, [result.document for result, _ in pairs if result.document is not None]
            )
            from careerkit.reading.duplicates import duplicate_ids  # here: a warm run reads no one

            found += duplicate_ids(self.root, person.documents)
            yield slug, person, found, [extra for _, extra in pairs]
