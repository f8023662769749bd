"""Whether a conversation document holds anything yet: what tells a held conversation from a prepared one.

`careerkit new` writes `scaffold: <checksum>` into each document it makes: a
checksum of the stage's list (`STAGE_LISTS`) and of the body, as written. A
document with that key has content once either differs from what was written.
A document without it (written by hand, or before careerkit 0.3) has content
when its stage's list is not empty, or when its body has a line of text that
is neither a heading nor inside an HTML comment.

The checksum: SHA-256 of the stage's lists as canonical JSON (keys sorted,
dates as ISO text), a newline, then the body with its line endings made `\\n`,
trailing spaces cut from each line and blank lines cut from both ends; its
first 16 hexadecimal digits. So an editor that changes line endings or trims
trailing blanks does not turn a prepared document into a held one.

The values are those YAML reads back (careerkit.documents checks the raw
frontmatter, before it is turned into a Document), so that the checksum of
what `new` wrote and of what is read from the file are the same.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# The list each stage's conversation fills in.
STAGE_LISTS = {
    "story": ("values",),
    "dreams": ("dreams",),
    "plan": ("skills", "actions"),
    "checkin": ("actions",),
}
CHECKSUM_DIGITS = 16
_HEADING = r"#{1,6}(\s|$)"


def checksum(stage: str, data: dict[str, Any], body: str) -> str:
    """The checksum `new` records as `scaffold`: of the stage's lists in `data` and of `body` (see above)."""
    import hashlib
    import json

    lists = {key: _canonical(data.get(key)) for key in STAGE_LISTS.get(stage, ())}
    text = json.dumps(lists, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256((text + "\n" + normalised_body(body)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:CHECKSUM_DIGITS]


def has_content(stage: str, data: dict[str, Any], body: str) -> bool:
    """True when the document holds more than a prepared one: see the module's docstring. A note always does."""
    if stage not in STAGE_LISTS:
        return True
    recorded = data.get("scaffold")
    if isinstance(recorded, str) and recorded.strip():
        return checksum(stage, data, body) != recorded.strip()
    if any(_filled(data.get(key)) for key in STAGE_LISTS[stage]):
        return True
    return has_text(body)


def normalised_body(body: str) -> str:
    """The body as the checksum reads it: `\\n` line endings, no trailing blanks, no blank lines at either end."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def has_text(body: str) -> bool:
    """True when a line of `body` has text outside HTML comments and is not a heading."""
    in_comment = False
    for line in body.splitlines():
        rest = line
        outside = []
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    in_comment, rest = False, rest[end + 3 :]
            else:
                start = rest.find("<!--")
                if start < 0:
                    outside.append(rest)
                    rest = ""
                else:
                    outside.append(rest[:start])
                    in_comment, rest = True, rest[start + 4 :]
        text = "".join(outside).strip()
        if text and not re.match(_HEADING, text):
            return True
    return False


def _filled(value: Any) -> bool:
    """A stage's list counts as not empty when YAML read anything but nothing, an empty list or empty text."""
    if value is None:
        return False
    if isinstance(value, (list, dict, str)):
        return bool(value)
    return True


def _canonical(value: Any) -> Any:
    """`value` as JSON can write it the same way every time: keys as text, dates as ISO text."""
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
