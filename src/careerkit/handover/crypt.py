"""age encryption of a handover, to SSH and age keys, with pyrage (age in Rust; imported by these commands only).

pyrage raises one exception type per side, with the reason as text: the reasons told apart below (a
passphrase-protected key, an unsupported key type, a wrong key) were measured with pyrage 1.4, and a test
holds each of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from careerkit.errors import CareerkitError, UsageError

SSH_TYPES = ("ssh-ed25519", "ssh-rsa")
UNSUPPORTED = ("ecdsa-sha2-", "sk-", "ssh-dss")  # ecdsa, FIDO (security keys) and DSA keys
ADVICE = "use an ssh-ed25519 or age1... key"
AGE_MAGIC = b"age-encryption.org/"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
MAX_KEY_FILE_BYTES = 1 << 20


def _pyrage() -> Any:
    import pyrage  # type: ignore[import-untyped, unused-ignore]  # (no type hints shipped)

    return pyrage


def is_encrypted(data: bytes) -> bool:
    """True for an age file, binary or armored (text)."""
    return data.startswith(AGE_MAGIC) or data.lstrip().startswith(ARMOR)


def recipients(given: list[str]) -> list[Any]:
    """The age recipients for `--to` values: each a public key, or a file of them (one a line, `#` comments)."""
    found: list[Any] = []
    for value in given:
        path = Path(value).expanduser()
        if not path.is_file():
            if not value.strip().startswith(("age1", "ssh-", *UNSUPPORTED)):
                raise UsageError(f"--to {value!r}: neither a public key ({ADVICE}) nor a file of them")
            found.append(recipient(value.strip(), "--to"))
            continue
        text = _key_file(path, value)
        if "PRIVATE KEY" in text or "AGE-SECRET-KEY-" in text:
            raise CareerkitError("is a private key: give the public key (the .pub file, or age1...)", path=value)
        lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)]
        keys = [recipient(line, f"{value}:{number}") for number, line in lines if line and not line.startswith("#")]
        if not keys:
            raise CareerkitError(f"holds no public key ({ADVICE})", path=value)
        found += keys
    return found


def recipient(line: str, where: str) -> Any:
    """One public key: `ssh-ed25519 AAAA... [comment]`, `ssh-rsa AAAA...`, or `age1...`."""
    pyrage = _pyrage()
    kind = line.split(maxsplit=1)[0]
    if kind.startswith(UNSUPPORTED):
        raise CareerkitError(f"{where}: {kind.split('@')[0]} keys cannot be used for age encryption: {ADVICE}")
    try:
        if kind in SSH_TYPES:
            return pyrage.ssh.Recipient.from_str(line)
        if kind.startswith("age1") and kind == line:
            return pyrage.x25519.Recipient.from_str(kind)
    except pyrage.RecipientError:
        raise CareerkitError(f"{where}: not a valid {'age' if kind.startswith('age1') else kind} key") from None
    raise CareerkitError(f"{where}: not a public key ({ADVICE}; a line with options before the key is not read)")


def encrypt(data: bytes, to: list[Any]) -> bytes:
    return bytes(_pyrage().encrypt(data, to))


def identities(path: Path, shown: str) -> list[Any]:
    """The identities in `path`: an unencrypted SSH private key, or a file of age identities (`age-keygen`)."""
    pyrage = _pyrage()
    text = _key_file(path, shown)
    if "PRIVATE KEY-----" in text:
        try:
            return [pyrage.ssh.Identity.from_buffer(text.encode("utf-8"))]
        except pyrage.IdentityError as error:
            reason = str(error).lower()
            if "decrypted first" in reason:
                raise CareerkitError(
                    f"is protected by a passphrase, which careerkit cannot ask for: decrypt the bundle with "
                    f"`age -d -i {shown} BUNDLE > bundle.tar`, then run `careerkit receive bundle.tar`",
                    path=shown,
                ) from None
            if "unsupported" in reason:
                raise CareerkitError(
                    f"this type of SSH key cannot be used for age encryption: {ADVICE}", path=shown
                ) from None
            raise CareerkitError("is not an SSH private key careerkit can read", path=shown) from None
    lines = [line.strip() for line in text.splitlines()]
    if any(line.startswith("AGE-PLUGIN-") for line in lines):
        raise CareerkitError(f"holds an age plugin identity, which careerkit cannot use: {ADVICE}", path=shown)
    keys = [line for line in lines if line.startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise CareerkitError("holds no age identity (AGE-SECRET-KEY-...) and no SSH private key", path=shown)
    try:
        return [pyrage.x25519.Identity.from_str(key) for key in keys]
    except pyrage.IdentityError:
        raise CareerkitError("holds an age identity that is not valid", path=shown) from None


def decrypt(data: bytes, keys: list[Any], shown: str) -> bytes:
    pyrage = _pyrage()
    try:
        return bytes(pyrage.decrypt(data, keys))
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            raise CareerkitError("was not encrypted to this key (a wrong key?); nothing written", path=shown) from None
        raise CareerkitError("is damaged or was altered: it cannot be decrypted; nothing written", path=shown) from None


def _key_file(path: Path, shown: str) -> str:
    with path.open("rb") as stream:
        data = stream.read(MAX_KEY_FILE_BYTES + 1)
    if len(data) > MAX_KEY_FILE_BYTES:
        raise CareerkitError("is too large to be a key file", path=shown)
    return data.decode("utf-8", "replace")
