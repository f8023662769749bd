"""Real keys for the handover tests, made by `ssh-keygen` and `age-keygen` (Debian's openssh-client and age).

The tests that need them are skipped only where those programs are missing and CAREERKIT_REQUIRE_AGE is
not set (.ci/run sets it and installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PROGRAMS = ("age", "age-keygen", "ssh-keygen")
needs_keys = pytest.mark.skipif(
    any(shutil.which(name) is None for name in PROGRAMS) and not os.environ.get("CAREERKIT_REQUIRE_AGE"),
    reason="needs age, age-keygen and ssh-keygen (apt-get install age openssh-client)",
)


@dataclass(frozen=True)
class Keys:
    folder: Path

    def private(self, name: str) -> Path:
        return self.folder / name

    def public(self, name: str) -> Path:
        return self.folder / f"{name}.pub"

    @property
    def age_public(self) -> str:
        """The age1... recipient of the identity in `age.key`."""
        for line in (self.folder / "age.key").read_text().splitlines():
            if line.startswith("# public key: "):
                return line.removeprefix("# public key: ").strip()
        raise AssertionError("age-keygen wrote no public key")


def make_keys(folder: Path) -> Keys:
    """ed25519, rsa and ecdsa SSH keys without a passphrase, an ed25519 key with one, and an age identity."""
    for name, kind, passphrase in (
        ("ed", "ed25519", ""),
        ("rsa", "rsa", ""),
        ("ecdsa", "ecdsa", ""),
        ("locked", "ed25519", "a passphrase"),
    ):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", kind, "-N", passphrase, "-C", f"{name}@test", "-f", str(folder / name)],
            check=True,
            stdin=subprocess.DEVNULL,
        )
    subprocess.run(["age-keygen", "-o", str(folder / "age.key")], check=True, capture_output=True)
    return Keys(folder)
