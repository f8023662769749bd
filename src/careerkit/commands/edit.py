"""`careerkit edit`: open a person's newest document in the user's editor."""

from typing import Annotated

import typer

from careerkit.commands.options import (
    TodayNotUsed,
    committed,
    echo_line,
    report_problems,
    today_option,
    writable_repository,
)


def edit(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help='A slug (alice) or a name ("Zoë O\'Brien").')],
    stage: Annotated[
        str | None,
        typer.Argument(metavar="[STAGE]", help="Only documents of this stage: story, dreams, plan, checkin or note."),
    ] = None,
    today: TodayNotUsed = None,
) -> None:
    """Open PERSON's newest document (of STAGE) in $VISUAL, else $EDITOR, else vi.

    Newest as everywhere in careerkit: the latest date, then the later stage, then the higher -N; a planned
    document dated ahead is the newest. Prints the path when the editor has closed; with `git: commit`, a
    changed document is committed. Exits 1 when the document no longer reads, naming the line.
    """
    from careerkit.errors import CareerkitError
    from careerkit.writing import editor

    today_option(today)
    repo = writable_repository(ctx)
    slug = repo.resolve_person(person)
    if stage is not None:
        from careerkit.writing.scaffold import check_stage

        check_stage(stage)
    newest = editor.newest_document(repo, slug, stage)
    if newest is None:
        what = f"no {stage} document" if stage else "no document yet"
        raise CareerkitError(f"{slug} has {what}: write one with `careerkit new {stage or 'story'} {slug}`")
    path, stage = newest
    before = path.read_bytes()
    problem = editor.run(path)
    if problem is not None:
        raise CareerkitError(problem, path=repo.rel(path))
    changed = path.read_bytes() != before
    echo_line(f"{'edited' if changed else 'not changed'}: {repo.rel(path)}")
    if not changed:
        return
    committed(repo.root, [path], f"edit {stage}")
    problems = [p for p in repo.load([slug]).errors if p.path == repo.rel(path)]
    report_problems(problems)
    if problems:
        raise typer.Exit(1)
