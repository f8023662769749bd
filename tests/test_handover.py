"""`careerkit handover` and `careerkit receive`, with real SSH and age keys: what travels, what never does,
and every refusal (one line, exit 1, nothing written)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import stat
import tarfile
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import build_tree
from handover_keys import Keys, make_keys, needs_keys
from helpers import action, doc

TODAY = "2026-12-10"
RECEIVED = "2026-12-12"
NOTE_WORDS = "NOTE-SENTINEL: she may leave for a rival in spring."
MANAGER_WORDS = "MANAGER-SENTINEL: my own reading of her chances."
SHIFT_WORDS = "SHIFT-SENTINEL: maybe product management"

STORY_BODY = f"""\
# Life story: Alice

## Turning points
<!-- theirs -->
- Left law school to build games.

### An aside
{MANAGER_WORDS}

## What I noticed
{MANAGER_WORDS}
"""
CHECKIN_BODY = f"""\
## What I promised
<!-- theirs -->
- Find a budget for the course.

## Other things they said
{MANAGER_WORDS}
"""
FILES = {
    "people/alice/profile.md": (
        "---\nname: Alice Ng\nrole: Engineer\nsince: 2025-01-06\ncheckin_every_days: 21\nleft: 2026-12-31\n---\n"
        f"{MANAGER_WORDS}\n"
    ),
    "people/alice/2026-03-01-story.md": doc(
        "alice", "story", "2026-03-01", body=STORY_BODY, values=["autonomy", "craft"], mood="restless"
    ),
    "people/alice/2026-04-01-dreams.md": doc(
        "alice",
        "dreams",
        "2026-04-01",
        body="## The dreams in their words\n<!-- theirs -->\nI want to lead a team one day.\n",
        dreams=[{"dream": "Lead a team", "skills": [{"skill": "people", "need": 4, "have": 1, "aside": "x"}]}],
    ),
    "people/alice/2026-05-01-plan.md": doc(
        "alice",
        "plan",
        "2026-05-01",
        body=f"## My view\n{MANAGER_WORDS}\n",
        learns_best=["pairing"],
        skills=[{"skill": "people", "resources": ["Mentor: Bob"]}],
        actions=[
            action(1, "Shadow Bob", due="2026-06-15"),
            action(2, "Introduce Alice to Rafael", owner="manager", due="2026-07-01", aside=MANAGER_WORDS),
        ],
    ),
    "people/alice/2026-09-01-checkin.md": doc(
        "alice",
        "checkin",
        "2026-09-01",
        body=CHECKIN_BODY,
        dream_shift=SHIFT_WORDS,
        next_checkin="2026-10-01",
        actions=[action(3, "Book the course", due="2026-12-01")],
    ),
    "people/alice/2027-01-15-checkin.md": doc(
        "alice",
        "checkin",
        "2027-01-15",
        body=f"{MANAGER_WORDS}\n",
        actions=[action(4, "Ask HR about her budget", owner="manager", due="2027-01-10"), action(5, "A prepared step")],
    ),
    "people/alice/2026-10-01-note.md": doc("alice", "note", "2026-10-01", body=f"{NOTE_WORDS}\n"),
}


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def old(tmp_path: Path) -> Path:
    root = tmp_path / "old"
    root.mkdir()
    (root / "careerkit.yaml").touch()
    return build_tree(root, FILES)


@pytest.fixture
def new(tmp_path: Path) -> Path:
    root = tmp_path / "new"
    (root / "people").mkdir(parents=True)
    (root / "careerkit.yaml").write_text("manager: lee\n")
    return root


def opened(bundle: Path, identity: Path) -> dict[str, bytes]:
    """Every file in a bundle, decrypted with pyrage (as `age -d` would)."""
    import pyrage

    key = identity.read_bytes()
    ident = pyrage.ssh.Identity.from_buffer(key) if b"PRIVATE KEY" in key else None
    ident = ident or pyrage.x25519.Identity.from_str(
        next(line for line in key.decode().splitlines() if line.startswith("AGE-SECRET-KEY-"))
    )
    tar_bytes = pyrage.decrypt(bundle.read_bytes(), [ident])
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


def frontmatter(data: bytes) -> dict:
    return yaml.safe_load(data.decode().split("---\n")[1])


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root`, but careerkit's own cache and locks."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".careerkit" not in p.parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def hand_over(cli, old: Path, keys: Keys, out: Path, *extra: str, expect: int = 0):
    return cli(old, "handover", "alice", "--to", str(keys.public("ed")), "-o", str(out), "--today", TODAY, *extra,
               expect=expect)  # fmt: skip


# -- what travels, and what never does ------------------------------------------------------------


@needs_keys
def test_a_default_bundle_holds_their_own_page_and_nothing_private(cli, old, keys, tmp_path):
    out = tmp_path / "alice.age"
    result = hand_over(cli, old, keys, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert result.stdout.startswith(f"{out}: what their own page holds, 6 files, for 1 key\n")
    files = opened(out, keys.private("ed"))
    everything = b"".join(files.values()).decode()
    for words in (NOTE_WORDS, MANAGER_WORDS, SHIFT_WORDS, "mood", "aside", "next_checkin", "checkin_every_days"):
        assert words not in everything
    assert "people/alice/2026-10-01-note.md" not in files
    assert frontmatter(files["people/alice/profile.md"]) == {
        "name": "Alice Ng",
        "role": "Engineer",
        "since": __import__("datetime").date(2025, 1, 6),
    }
    story = files["people/alice/2026-03-01-story.md"].decode()
    assert story.endswith("\n## Turning points\n<!-- theirs -->\n- Left law school to build games.\n")
    assert frontmatter(files["people/alice/2026-03-01-story.md"])["values"] == ["autonomy", "craft"]
    assert b"I want to lead a team one day." in files["people/alice/2026-04-01-dreams.md"]
    checkin = frontmatter(files["people/alice/2026-09-01-checkin.md"])
    assert list(checkin) == ["person", "stage", "date", "held", "actions"]
    assert b"Find a budget for the course." in files["people/alice/2026-09-01-checkin.md"]
    # the prepared check-in goes only for the promise it holds, still prepared
    planned = frontmatter(files["people/alice/2027-01-15-checkin.md"])
    assert planned["held"] is False and [a["id"] for a in planned["actions"]] == [4]


@needs_keys
def test_the_manifest_lists_every_file_with_its_sha256(cli, old, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    files = opened(out, keys.private("ed"))
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["person"] == "alice" and manifest["consent"] is None and manifest["promises"] == [2, 4]
    listed = {item["path"]: item["sha256"] for item in manifest["files"]}
    assert listed == {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


@needs_keys
def test_a_dry_run_lists_files_and_sections_and_the_manifest_checksum_and_writes_nothing(cli, old, keys, tmp_path):
    before = tree(tmp_path)
    shown = cli(old, "handover", "alice", "--to", str(keys.public("ed")), "--dry-run", "--today", TODAY).stdout
    assert tree(tmp_path) == before and not list(Path.cwd().glob("careerkit-handover-*"))
    assert "  people/alice/2026-03-01-story.md: values | their sections: Turning points\n" in shown
    assert "  people/alice/2026-09-01-checkin.md: actions | their sections: What I promised\n" in shown
    assert "note" not in shown.replace("no note", "")
    digest = shown.splitlines()[-1].removeprefix("manifest.json sha256 ")
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    assert hashlib.sha256(opened(out, keys.private("ed"))["manifest.json"]).hexdigest() == digest


@needs_keys
def test_with_the_persons_consent_every_document_and_note_goes_as_written(cli, old, keys, tmp_path):
    assert "--consent" in hand_over(cli, old, keys, tmp_path / "x.age", "--with-notes", expect=2).stderr
    assert not (tmp_path / "x.age").exists()
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out, "--with-notes", "--consent", "2026-12-09")
    files = opened(out, keys.private("ed"))
    assert json.loads(files["manifest.json"])["consent"] == "2026-12-09"
    for path, content in FILES.items():
        if not path.endswith("profile.md"):
            assert files[path] == content.encode()


# -- round trip into a fresh notes repository -------------------------------------------------------


@needs_keys
@pytest.mark.parametrize("key", ["ed", "rsa", "age"])
def test_a_bundle_to_three_keys_is_received_with_each_of_them(cli, old, new, keys, tmp_path, key):
    out = tmp_path / "alice.age"
    to = ["--to", str(keys.public("ed")), "--to", str(keys.public("rsa")), "--to", keys.age_public]
    cli(old, "handover", "alice", *to, "-o", str(out), "--today", TODAY)
    identity = keys.folder / "age.key" if key == "age" else keys.private(key)
    result = cli(new, "receive", str(out), "-i", str(identity), "--today", RECEIVED)
    assert result.stdout.startswith("received Alice Ng: 6 files in people/alice/\n")
    written = tree(new / "people")
    assert set(written) == {path.removeprefix("people/") for path in opened(out, identity) if path != "manifest.json"}
    assert stat.S_IMODE((new / "people/alice").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (new / "people/alice").iterdir())


@needs_keys
def test_received_promises_are_yours_marked_inherited_until_kept(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    cli(new, "receive", str(out), "-i", str(keys.private("ed")), "--today", RECEIVED)
    found = json.loads(cli(new, "due", "--json", "--today", RECEIVED).stdout)["findings"]
    inherited = [(f["action"], f["owner"], f["date"]) for f in found if f["kind"] == "inherited-promise"]
    assert inherited == [(2, "lee", RECEIVED), (4, "lee", RECEIVED)]  # (4 is in a prepared check-in)
    assert not [f for f in found if f["action"] == 2 and f["kind"] != "inherited-promise"]
    plan = new / "people/alice/2026-05-01-plan.md"
    before = plan.read_bytes()
    assert before.count(f"    inherited: {RECEIVED}\n".encode()) == 0
    assert before.count(f"  inherited: {RECEIVED}\n".encode()) == 1
    out_keep = cli(new, "action", "keep", "alice", "2")
    assert out_keep.stdout == "action 2 kept as your own promise: people/alice/2026-05-01-plan.md\n"
    assert plan.read_bytes() == before.replace(f"  inherited: {RECEIVED}\n".encode(), b"")
    found = json.loads(cli(new, "due", "--json", "--today", RECEIVED).stdout)["findings"]
    assert [(f["kind"], f["owner"]) for f in found if f["action"] == 2] == [("action-due", "lee")]
    again = cli(new, "action", "keep", "alice", "2")
    assert "not marked inherited; nothing changed" in again.stdout


@needs_keys
def test_receive_as_another_slug_names_that_folder_in_every_document(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    cli(new, "receive", str(out), "-i", str(keys.private("ed")), "--as", "alice-ng", "--today", RECEIVED)
    story = (new / "people/alice-ng/2026-03-01-story.md").read_bytes()
    assert frontmatter(story)["person"] == "alice-ng"
    assert cli(new, "check").exit_code == 0


@needs_keys
def test_an_already_decrypted_bundle_plain_or_gzip_is_received(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    import pyrage

    plain = pyrage.decrypt(out.read_bytes(), [pyrage.ssh.Identity.from_buffer(keys.private("ed").read_bytes())])
    (tmp_path / "alice.tar.gz").write_bytes(gzip.compress(plain))
    cli(new, "receive", str(tmp_path / "alice.tar.gz"), "--today", RECEIVED)
    assert (new / "people/alice/2026-05-01-plan.md").exists()


# -- refusals: one line, exit 1, nothing written -------------------------------------------------------


def refused(cli, root: Path, *args: str, expect: int = 1) -> str:
    before = tree(root)
    result = cli(root, *args, expect=expect)
    assert tree(root) == before, "something was written"
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    return result.stderr


@needs_keys
def test_a_wrong_key_a_tampered_or_truncated_bundle_is_refused(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    wrong = refused(cli, new, "receive", str(out), "-i", str(keys.private("rsa")))
    assert "was not encrypted to this key" in wrong
    data = bytearray(out.read_bytes())
    data[-40] ^= 1
    (tmp_path / "tampered.age").write_bytes(bytes(data))
    assert "damaged or was altered" in refused(cli, new, "receive", str(tmp_path / "tampered.age"), "-i",
                                               str(keys.private("ed")))  # fmt: skip
    (tmp_path / "cut.age").write_bytes(out.read_bytes()[:-100])
    assert "damaged or was altered" in refused(cli, new, "receive", str(tmp_path / "cut.age"), "-i",
                                               str(keys.private("ed")))  # fmt: skip
    assert "give -i IDENTITY" in refused(cli, new, "receive", str(out), expect=2)


@needs_keys
def test_unsupported_and_locked_keys_are_refused_with_advice(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    message = refused(cli, old, "handover", "alice", "--to", str(keys.public("ecdsa")), "-o", str(out))
    assert "ecdsa-sha2-nistp256 keys cannot be used" in message and "ssh-ed25519 or age1" in message
    fido = "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t fido@test"
    assert "ssh-ed25519 or age1" in refused(cli, old, "handover", "alice", "--to", fido, "-o", str(out))
    assert not out.exists()
    hand_over(cli, old, keys, out)
    assert "ssh-ed25519 or age1" in refused(cli, new, "receive", str(out), "-i", str(keys.private("ecdsa")))
    locked = refused(cli, new, "receive", str(out), "-i", str(keys.private("locked")))
    assert "passphrase" in locked and "age -d -i" in locked


def tar_of(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tar.addfile(info)
    return out.getvalue()


def manifest_for(files: dict[str, bytes]) -> bytes:
    listed = [{"path": path, "sha256": hashlib.sha256(data).hexdigest()} for path, data in files.items()]
    return json.dumps(
        {"format": "careerkit-handover", "version": 1, "person": "alice", "manager": "manager", "files": listed}
    ).encode()


PLAN = doc("alice", "plan", "2026-05-01", actions=[action(1, "Shadow Bob")]).encode()


@pytest.mark.parametrize(
    ("members", "links", "words"),
    [
        ({"people/alice/2026-05-01-plan.md": PLAN.replace(b"Shadow", b"Shadoe")}, {}, "does not match its checksum"),
        ({"people/alice/2026-05-01-plan.md": PLAN, "people/alice/x.md": PLAN}, {}, "x.md is not in manifest.json"),
        ({"people/alice/2026-05-01-plan.md": PLAN, "people/alice/../../evil.md": PLAN}, {}, "outside a person's"),
        ({"people/alice/2026-05-01-plan.md": PLAN, "/tmp/evil.md": PLAN}, {}, "outside a person's folder"),
        ({"people/alice/2026-05-01-plan.md": PLAN}, {"people/alice/y.md": "../../careerkit.yaml"}, "a link"),
        ({}, {}, "is missing"),
    ],
)
def test_an_altered_or_odd_archive_is_refused_whole(cli, notes, tmp_path, members, links, words):
    root = notes({})
    (root / "people").mkdir()
    manifest = manifest_for({"people/alice/2026-05-01-plan.md": PLAN})
    (tmp_path / "bundle.tar").write_bytes(tar_of({"manifest.json": manifest, **members}, links))
    assert words in refused(cli, root, "receive", str(tmp_path / "bundle.tar"))
    assert not (tmp_path / "evil.md").exists() and not Path("/tmp/evil.md").exists()


def test_a_file_that_is_no_bundle_is_refused(cli, notes, tmp_path):
    root = notes({})
    (tmp_path / "notes.txt").write_text("hello\n")
    assert "neither age-encrypted nor a tar archive" in refused(cli, root, "receive", str(tmp_path / "notes.txt"))


@needs_keys
def test_a_clash_on_receive_names_each_file_and_writes_nothing(cli, old, new, keys, tmp_path):
    out = tmp_path / "alice.age"
    hand_over(cli, old, keys, out)
    build_tree(new, {"people/alice/profile.md": "---\nname: Alice\n---\n"})
    before = tree(new)
    result = cli(new, "receive", str(out), "-i", str(keys.private("ed")), expect=1)
    assert tree(new) == before
    assert result.stderr.splitlines() == [
        "people/alice/profile.md: already exists",
        "careerkit: not received: 1 clash above; nothing written (to add them under another name: --as SLUG)",
    ]
    build_tree(new, {"people/bob/2026-01-01-note.md": doc("bob", "note", "2026-01-01")})
    result = cli(new, "receive", str(out), "-i", str(keys.private("ed")), "--as", "bob", expect=1)
    assert result.stderr.startswith("people/bob: already holds this person's notes\n")


@needs_keys
def test_the_bundle_is_never_written_through_a_link_or_over_a_file(cli, old, keys, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    (tmp_path / "link.age").symlink_to(target)
    assert "not overwritten" in refused(cli, old, "handover", "alice", "--to", str(keys.public("ed")), "-o",
                                        str(tmp_path / "link.age"))  # fmt: skip
    assert target.read_text() == "keep me\n"
    message = refused(cli, old, "handover", "alice", "--to", str(keys.public("ed")), "-o", str(target))
    assert "not overwritten" in message and target.read_text() == "keep me\n"
    assert "under people/" in refused(cli, old, "handover", "alice", "--to", str(keys.public("ed")), "-o",
                                      str(old / "people/alice/x.age"), expect=2)  # fmt: skip


@needs_keys
def test_a_private_key_given_as_recipient_is_refused_without_showing_it(cli, old, keys, tmp_path):
    message = refused(cli, old, "handover", "alice", "--to", str(keys.private("ed")), "-o", str(tmp_path / "a.age"))
    assert "is a private key" in message and "PRIVATE" not in message


def test_leave_and_the_agenda_of_someone_who_left_offer_their_page_and_a_handover(cli, notes):
    root = notes({"people/bob/profile.md": "---\nname: Bob\n---\n"})
    offer = "`careerkit report --for bob`; their plan and your open promises for their next manager: " \
        "`careerkit handover bob --to KEY`"  # fmt: skip
    assert offer in cli(root, "leave", "bob", "--today", TODAY).stdout
    assert offer in cli(root, "agenda", "bob", "--today", TODAY).stdout


# -- the pieces, on values ---------------------------------------------------------------------------


def test_their_own_sections_are_the_marked_headings_each_up_to_the_next_heading():
    from careerkit.reading.sections import theirs

    body = textwrap.dedent("""\
        ## Mine
        <!-- theirs -->
        kept
        ```
        # not a heading in a fence
        ```

        ### Sub, unmarked
        not kept
        ## Yours
        not kept
        # Also mine
        MARK
        also kept
        """).replace("MARK", "  <!-- theirs -->  ")  # the marker line, indented and with trailing blanks
    sections = theirs(body)
    assert [s.heading for s in sections] == ["Mine", "Also mine"]
    assert sections[0].text == "## Mine\n<!-- theirs -->\nkept\n```\n# not a heading in a fence\n```\n"
    assert "not kept" not in "".join(s.text for s in sections)


@pytest.mark.parametrize(
    ("fields", "body", "held"),
    [
        ({}, "# Heading\n<!-- a prompt\nover lines -->\n\n", False),
        ({}, "# Heading\nThey said a thing.\n", True),
        ({"values": ["craft"]}, "", True),
        ({"held": False, "values": ["craft"]}, "Words.\n", False),
        ({"held": True}, "", True),
        ({"date": "2027-01-01", "held": True}, "Words.\n", False),
    ],
)
def test_a_story_is_held_when_it_says_so_or_has_content_and_is_not_dated_ahead(fields, body, held):
    from datetime import date

    from careerkit.reading.documents import parse_document

    data = doc("alice", "story", fields.pop("date", "2026-03-01"), body=body, **fields).encode()
    document = parse_document(data, "people/alice/s.md", "alice").document
    assert document is not None and document.is_held(date(2026, 12, 10)) is held


def test_keep_removes_only_the_inherited_line_or_pair():
    from careerkit.writing import edit

    text = (
        "---\r\nactions:\r\n  - id: 1\r\n    owner: lee  # mine now\r\n    inherited: 2026-12-12\r\n"
        "  - {id: 2, inherited: 2026-12-12, title: X}\r\n---\r\nbody\r\n"
    )
    once = edit.remove_action_field(text, 1, "inherited")
    assert once == text.replace("    inherited: 2026-12-12\r\n", "")
    assert edit.remove_action_field(once, 2, "inherited") == once.replace("inherited: 2026-12-12, ", "")
    assert edit.remove_action_field(once, 1, "inherited") == once
    with pytest.raises(edit.EditRefused):
        edit.remove_action_field("---\nactions:\n  - inherited: 2026-12-12\n    id: 3\n---\n", 3, "inherited")


def test_no_bundle_file_is_made_by_a_refused_handover_in_the_working_folder(cli, old, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "give --to RECIPIENT" in refused(cli, old, "handover", "alice", expect=2)
    assert not list(tmp_path.glob("*.age")) and os.listdir(tmp_path) == ["old"]


@needs_keys
def test_a_document_that_cannot_be_read_stops_the_handover_so_no_part_of_the_plan_is_left_out(cli, old, keys, tmp_path):
    (old / "people/alice/2026-10-02-checkin.md").write_text("---\nstage: checkin\ndate: [\n---\n")
    out = tmp_path / "alice.age"
    result = hand_over(cli, old, keys, out, expect=1)
    assert result.stderr.startswith("people/alice/2026-10-02-checkin.md:")
    assert "nothing handed over" in result.stderr and not out.exists()
