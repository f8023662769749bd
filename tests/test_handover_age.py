"""A handover and the `age` program read each other's files, both ways: a person can open their bundle without
careerkit, and a bundle encrypted by `age` (or decrypted by it, for a key with a passphrase) is received."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import build_tree
from handover_keys import Keys, make_keys, needs_keys
from helpers import action, doc

pytestmark = needs_keys
TODAY = "2026-12-10"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def repos(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    build_tree(
        old,
        {
            "careerkit.yaml": "",
            "people/ivan/profile.md": "---\nname: Ivan Petrov\nrole: Tester\n---\n",
            "people/ivan/2026-05-01-plan.md": doc(
                "ivan",
                "plan",
                "2026-05-01",
                body="## Skills they chose\n<!-- theirs -->\nLasttests: größer denken.\n",
                skills=[{"skill": "load testing", "resources": ["Buch: Lasttests"]}],
                actions=[action(1, "Introduce Ivan to the SRE lead", owner="manager")],
            ),
        },
    )
    build_tree(new, {"careerkit.yaml": "manager: lee\n"})
    (new / "people").mkdir()
    return old, new


def age(*args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["age", *args], input=data, capture_output=True, check=True).stdout


def test_the_age_program_opens_a_careerkit_bundle_and_tar_reads_every_file(cli, repos, keys, tmp_path):
    old, _ = repos
    out = tmp_path / "ivan.age"
    cli(old, "handover", "ivan", "--to", keys.age_public, "--to", str(keys.public("ed")), "-o", str(out),
        "--today", TODAY)  # fmt: skip
    for identity in (keys.folder / "age.key", keys.private("ed")):
        plain = age("-d", "-i", str(identity), str(out))
        with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
            names = tar.getnames()
            plan = tar.extractfile("people/ivan/2026-05-01-plan.md").read().decode()  # type: ignore[union-attr]
        assert names[0] == "manifest.json" and "people/ivan/profile.md" in names
        assert "Lasttests: größer denken." in plan


@pytest.mark.parametrize("armor", [False, True])
def test_a_bundle_encrypted_by_age_is_received(cli, repos, keys, tmp_path, armor):
    old, new = repos
    first = tmp_path / "first.age"
    cli(old, "handover", "ivan", "--to", str(keys.public("ed")), "-o", str(first), "--today", TODAY)
    (tmp_path / "ivan.tar").write_bytes(age("-d", "-i", str(keys.private("ed")), str(first)))
    again = tmp_path / "again.age"
    age(*(["-a"] if armor else []), "-r", keys.age_public, "-o", str(again), str(tmp_path / "ivan.tar"))
    result = cli(new, "receive", str(again), "-i", str(keys.folder / "age.key"), "--today", "2026-12-11")
    assert "promise 1 is yours now, marked inherited: Introduce Ivan to the SRE lead" in result.stdout
    assert "inherited: 2026-12-11" in (new / "people/ivan/2026-05-01-plan.md").read_text()


def test_a_key_with_a_passphrase_decrypts_with_age_then_careerkit_receives_the_tar(cli, repos, keys, tmp_path):
    old, new = repos
    out = tmp_path / "ivan.age"
    cli(old, "handover", "ivan", "--to", str(keys.public("locked")), "-o", str(out), "--today", TODAY)
    refused = cli(new, "receive", str(out), "-i", str(keys.private("locked")), expect=1)
    assert "age -d -i" in refused.stderr and not (new / "people/ivan").exists()
    # what the README says to do: `age -d -i KEY bundle.age > bundle.tar`, which asks for the passphrase; the
    # test types none, so it takes the passphrase off a copy of the key and gives `age` that copy
    copy = tmp_path / "unlocked"
    copy.write_bytes(keys.private("locked").read_bytes())
    copy.chmod(0o600)
    subprocess.run(["ssh-keygen", "-q", "-p", "-P", "a passphrase", "-N", "", "-f", str(copy)], check=True)
    (tmp_path / "bundle.tar").write_bytes(age("-d", "-i", str(copy), str(out)))
    cli(new, "receive", str(tmp_path / "bundle.tar"), "--today", TODAY)
    assert (new / "people/ivan/profile.md").read_text() == "---\nname: Ivan Petrov\nrole: Tester\n---\n"
