"""`careerkit handover` and `careerkit receive`: a person's plan, encrypted, for their next manager."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerkit.commands.options import Today, committed, echo_line, today_option, writable_repository

if TYPE_CHECKING:
    from careerkit.handover.contents import Contents

MAX_BUNDLE_BYTES = 1 << 30


def handover(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="PERSON", help="A slug or a name.")],
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="RECIPIENT",
            help="Who can open it: an ssh-ed25519, ssh-rsa or age1... public key, or a file of them (repeat for more).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write it (default: careerkit-handover-PERSON-DATE.age in careerkit's folder of your "
            "cache, outside the notes; the path is printed).",
        ),
    ] = None,
    with_notes: Annotated[
        bool,
        typer.Option(
            "--with-notes", help="Every document and note as written, not only their own page (needs --consent)."
        ),
    ] = False,
    consent: Annotated[
        str | None,
        typer.Option(
            "--consent", metavar="DATE", help="The day the person agreed that their notes go (kept in the manifest)."
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="List every file and section that would go, and the manifest's sha256; write nothing."
        ),
    ] = False,
    today: Today = None,
) -> None:
    """Write PERSON's plan and your open promises as one age-encrypted file for their next manager (or for them)."""
    from careerkit.errors import UsageError
    from careerkit.handover import bundle, contents, crypt
    from careerkit.values.dates import parse_cli_date

    day = today_option(today)
    repo = writable_repository(ctx)  # first: outside a notes repository nothing else is worth saying
    if with_notes != (consent is not None):
        raise UsageError("--with-notes needs --consent DATE (the day the person agreed), and --consent goes with it")
    agreed = parse_cli_date(consent, "--consent", day) if consent is not None else None
    if agreed is not None and agreed > day:
        raise UsageError(f"--consent: {agreed} is after today ({day}); give the day the person agreed")
    if not to and not dry_run:
        raise UsageError("give --to RECIPIENT: the public key (ssh-ed25519, ssh-rsa or age1...) of who will open it")
    keys = crypt.recipients(to or [])
    slug = repo.resolve_person(person)
    team = repo.load([slug])
    chosen = contents.choose(team, team.people[0], day, agreed)
    manifest = bundle.manifest(chosen)
    if dry_run:
        _show(chosen, bundle.sha256(manifest))
        return
    if output is None:
        from careerkit.fs.exports import default_output

        output = str(default_output(f"careerkit-handover-{slug}-{day}.age", repo.root))
    shown = output
    target = _output(Path(shown), repo.people_dir)
    from careerkit.errors import CareerkitError
    from careerkit.fs import safe as fsutil

    if not fsutil.create_new(target, crypt.encrypt(bundle.archive(chosen, manifest), keys), repo.root, fsutil.EXPORT):
        raise CareerkitError("exists; not overwritten (choose another -o)", path=shown)
    what = "every document and note" if agreed else "what their own page holds"
    echo_line(f"{shown}: {what}, {len(chosen.files)} files, for {len(keys)} {'key' if len(keys) == 1 else 'keys'}")
    echo_line(f"manifest.json sha256 {bundle.sha256(manifest)}")
    if chosen.promises:
        echo_line(f"your open promises go with it: {', '.join(map(str, chosen.promises))}")


def _output(path: Path, people_dir: Path) -> Path:
    from careerkit.errors import UsageError
    from careerkit.fs import safe as fsutil

    parent = path.expanduser().parent
    if not parent.is_dir():
        raise UsageError(f"{path}: no such folder: {parent}")
    if fsutil.resolves_inside(parent, people_dir):
        raise UsageError(f"{path}: a handover is never written under people/, beside the notes; choose another -o")
    return path.expanduser()


def _show(chosen: "Contents", digest: str) -> None:
    """What would go, file by file, for the manager to go through with the person before anything is sent."""
    echo_line(f"A handover of {chosen.name} would hold (nothing written):")
    for file in chosen.files:
        if file.whole:
            echo_line(f"  {file.path}: as written")
            continue
        parts = [", ".join(file.keys) or "no keys"]
        parts += [f"their sections: {'; '.join(file.sections)}"] if file.sections else []
        echo_line(f"  {file.path}: {' | '.join(parts)}")
    if chosen.consent:
        echo_line(f"Every document and note goes as written: they agreed on {chosen.consent}.")
    else:
        echo_line("Nothing else: no note, and no section that is not marked <!-- theirs -->.")
    if chosen.promises:
        echo_line(f"Your open promises go with it: {', '.join(map(str, chosen.promises))}")
    echo_line(f"manifest.json sha256 {digest}")


def receive(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The handover: age-encrypted, or a tar already decrypted.")
    ],
    identity: Annotated[
        str | None,
        typer.Option(
            "-i",
            "--identity",
            metavar="IDENTITY",
            help="Your key: an age identity file, or an SSH private key without a passphrase.",
        ),
    ] = None,
    as_slug: Annotated[
        str | None,
        typer.Option("--as", metavar="SLUG", help="Add the person under this folder name instead of theirs."),
    ] = None,
    today: Today = None,
) -> None:
    """Add the person in a handover to these notes (nothing overwritten); your predecessor's promises become yours."""
    from careerkit.errors import UsageError
    from careerkit.handover import bundle, crypt, receiving
    from careerkit.reading.settings import load_settings

    day = today_option(today)
    repo = writable_repository(ctx)
    data = _read(Path(file))
    if crypt.is_encrypted(data):
        if identity is None:
            raise UsageError(
                f"{file} is encrypted: give -i IDENTITY (your age identity file or SSH private key), "
                f"or decrypt it first: age -d -i KEY {file} > bundle.tar"
            )
        if not Path(identity).expanduser().is_file():
            raise UsageError(f"-i {identity}: no such file")
        data = crypt.decrypt(data, crypt.identities(Path(identity).expanduser(), identity), file)
    received = bundle.read(data, file)
    manager = load_settings(repo.root).value.manager
    arrival = receiving.receive(repo, received, as_slug, manager, day)
    who = received.name or arrival.person
    consent = f"; every document and note, as they agreed on {arrival.consent}" if arrival.consent else ""
    count = len(arrival.written)
    echo_line(f"received {who}: {count} {'file' if count == 1 else 'files'} in people/{arrival.person}/{consent}")
    for action in arrival.inherited:
        echo_line(f"promise {action.id} is yours now, marked inherited: {action.title}")
    if arrival.inherited:
        echo_line(
            f"keep each with `careerkit action keep {arrival.person} ID`, "
            f"or let it go with `careerkit action drop {arrival.person} ID`"
        )
    committed(repo.root, [repo.root / rel for rel in arrival.written], "receive a handover")


def _read(path: Path) -> bytes:
    """The bundle's bytes: a regular file no larger than MAX_BUNDLE_BYTES (a pipe or device is never read)."""
    import os
    import stat

    from careerkit.errors import CareerkitError

    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise CareerkitError("is not a regular file; not read", path=str(path))
        data = stream.read(MAX_BUNDLE_BYTES + 1)
    if len(data) > MAX_BUNDLE_BYTES:
        raise CareerkitError("is larger than 1 GiB; not a handover", path=str(path))
    return data
