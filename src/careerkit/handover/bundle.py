"""The handover's archive: a POSIX tar of `manifest.json` and `people/<slug>/...`, and reading one back.

Anyone can read it with `tar` once it is decrypted: UTF-8 Markdown files under their original names, and a
manifest with a sha256 of each. Reading trusts nothing in it: only regular files and folders, only where a
handover puts them, every file listed in the manifest with the checksum it has, and no more than a
notes repository could hold.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
from datetime import UTC, date, datetime
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.fs.read import MAX_FILE_BYTES
from careerkit.handover.contents import Contents
from careerkit.repository.layout import utf8_name
from careerkit.values import slugs
from careerkit.values.records import Record

FORMAT = "careerkit-handover"
VERSION = 1
MANIFEST = "manifest.json"
MAX_FILES = 100_000
MAX_UNPACKED_BYTES = 1 << 30  # a gzip archive is never unpacked past this
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FILE_NAME = re.compile(r"[^./\x00-\x1f\x7f][^/\x00-\x1f\x7f]{0,250}\.md")
DAMAGED = "is damaged or was altered"


class Received(Record):
    """What a bundle holds, every checksum verified."""

    person: str
    name: str | None
    manager: str  # the `owner` that marked the previous manager's promises
    made: date | None
    consent: date | None
    files: dict[str, bytes]  # path in the archive -> its bytes, in the manifest's order


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(contents: Contents) -> bytes:
    """The manifest: who, when, with what consent, and a checksum of each file."""
    value = {
        "format": FORMAT,
        "version": VERSION,
        "person": contents.person,
        "name": contents.name,
        "made": contents.made.isoformat(),
        "contents": "every document and note" if contents.consent else "what their own page holds",
        "consent": contents.consent.isoformat() if contents.consent else None,
        "manager": contents.manager,
        "promises": contents.promises,
        "files": [{"path": f.path, "sha256": sha256(f.data), "bytes": len(f.data)} for f in contents.files],
    }
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def archive(contents: Contents, manifest_bytes: bytes) -> bytes:
    """The tar archive (POSIX pax): manifest first, then the person's folder. The same contents on the same day
    give the same bytes: every member is dated that day, owned by no one, and readable by its owner only."""
    stamp = datetime(contents.made.year, contents.made.month, contents.made.day, tzinfo=UTC).timestamp()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, MANIFEST, manifest_bytes, stamp)
        for folder in ("people", f"people/{contents.person}"):
            _add(tar, folder, None, stamp)
        for file in contents.files:
            _add(tar, file.path, file.data, stamp)
    return out.getvalue()


def _add(tar: tarfile.TarFile, name: str, data: bytes | None, stamp: float) -> None:
    info = tarfile.TarInfo(name)
    info.mtime = int(stamp)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if data is None:
        info.type, info.mode = tarfile.DIRTYPE, 0o700
        tar.addfile(info)
        return
    info.size, info.mode = len(data), 0o600
    tar.addfile(info, io.BytesIO(data))


# -- reading a bundle back ------------------------------------------------------------------------


def read(data: bytes, shown: str) -> Received:
    """The verified contents of a decrypted bundle (tar, or tar.gz); `shown` names it in errors."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, shown)
    if data[257:262] != b"ustar":
        raise CareerkitError(
            "is not a handover: neither age-encrypted nor a tar archive (or it is cut short); nothing written",
            path=shown,
        )
    members = _members(data, shown)
    if MANIFEST not in members:
        raise CareerkitError(f"is not a careerkit handover ({MANIFEST} is missing); nothing written", path=shown)
    value = _manifest(members.pop(MANIFEST), shown)
    return _verified(value, members, shown)


def _gunzip(data: bytes, shown: str) -> bytes:
    import zlib

    unpacker = zlib.decompressobj(wbits=31)
    try:
        out = unpacker.decompress(data, MAX_UNPACKED_BYTES)
    except zlib.error:
        raise CareerkitError(f"{DAMAGED} (its gzip stream is broken); nothing written", path=shown) from None
    if unpacker.unconsumed_tail:
        raise CareerkitError("unpacks to more than 1 GiB; not read", path=shown)
    if not unpacker.eof:
        raise CareerkitError(f"{DAMAGED} (its gzip stream ends too soon); nothing written", path=shown)
    return out


def _members(data: bytes, shown: str) -> dict[str, bytes]:
    """Each regular file of the archive by name; an odd member (a link, a device, a path outside a person's
    folder, a name twice) refuses the whole archive."""
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            for member in tar:
                name = _checked_name(member, shown)
                if name is None:
                    continue
                if name in found or len(found) >= MAX_FILES:
                    raise _odd(shown, "holds a file twice, or too many files")
                if member.size > MAX_FILE_BYTES:
                    raise _odd(shown, f"holds a file larger than {MAX_FILE_BYTES >> 20} MiB")
                stream = tar.extractfile(member)
                content = stream.read() if stream is not None else b""
                if len(content) != member.size:
                    raise CareerkitError(f"{DAMAGED} (it ends too soon); nothing written", path=shown)
                found[name] = content
    except (tarfile.TarError, EOFError, ValueError, UnicodeError):  # what tarfile raises on a broken archive
        raise CareerkitError(f"{DAMAGED} (not a readable tar archive); nothing written", path=shown) from None
    return found


def _checked_name(member: tarfile.TarInfo, shown: str) -> str | None:
    """The member's path when it is a file a handover holds; None for a folder a handover holds; else refused."""
    name = member.name.removeprefix("./")
    parts = name.split("/")
    in_person = len(parts) >= 2 and parts[0] == "people" and slugs.is_slug(parts[1])
    if member.isdir():
        if name in ("", ".", "people") or (in_person and len(parts) == 2):
            return None
        raise _odd(shown, "holds a folder where a handover has none")
    if not member.isreg() or member.issparse():
        raise _odd(shown, "holds a link, device or other member that is not a plain file")
    if name == MANIFEST or (in_person and len(parts) == 3 and _FILE_NAME.fullmatch(parts[2]) and utf8_name(name)):
        return name
    raise _odd(shown, "holds a file outside a person's folder, or one that is not a Markdown document")


def _odd(shown: str, what: str) -> CareerkitError:
    return CareerkitError(f"is not a careerkit handover: the archive {what}; nothing written", path=shown)


def _manifest(data: bytes, shown: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        value = None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise CareerkitError(f"{DAMAGED} ({MANIFEST} cannot be read); nothing written", path=shown)
    version = value.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise CareerkitError(
            "was made by a newer careerkit: update careerkit to receive it; nothing written", path=shown
        )
    return value


def _verified(value: dict[str, Any], members: dict[str, bytes], shown: str) -> Received:
    """The manifest's files, each present with its checksum, and nothing else in the archive."""
    person, manager, listed = value.get("person"), value.get("manager"), value.get("files")
    if not isinstance(person, str) or not slugs.is_slug(person) or not isinstance(manager, str):
        raise CareerkitError(f"{DAMAGED} ({MANIFEST} names no person or manager); nothing written", path=shown)
    if not isinstance(listed, list) or not all(_entry(item, person) for item in listed):
        raise CareerkitError(f"{DAMAGED} ({MANIFEST} lists its files wrongly); nothing written", path=shown)
    files: dict[str, bytes] = {}
    for item in listed:
        data = members.pop(item["path"], None)
        if data is None or item["path"] in files:
            raise CareerkitError(f"{DAMAGED}: {item['path']} is missing; nothing written", path=shown)
        if sha256(data) != item["sha256"]:
            raise CareerkitError(f"{DAMAGED}: {item['path']} does not match its checksum; nothing written", path=shown)
        files[item["path"]] = data
    if members:
        raise CareerkitError(f"{DAMAGED}: {min(members)} is not in {MANIFEST}; nothing written", path=shown)
    name = value.get("name")
    return Received(
        person, name if isinstance(name, str) else None, manager, _day(value, "made"), _day(value, "consent"), files
    )


def _entry(item: Any, person: str) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("path"), str)
        and item["path"].startswith(f"people/{person}/")
        and isinstance(item.get("sha256"), str)
        and _SHA256.fullmatch(item["sha256"]) is not None
    )


def _day(value: dict[str, Any], key: str) -> date | None:
    text = value.get(key)
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
