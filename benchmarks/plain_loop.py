"""The yardstick: a plain Python loop calling `frontmatter.load` on every note.

    python benchmarks/plain_loop.py ROOT

Loads each `people/*/*.md` of the notes repository ROOT with
python-frontmatter (`pip install ".[bench]"`) and prints how many files and
metadata keys it saw. This is the least a straightforward tool would do to
read the notes; careerkit is measured against it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import frontmatter


def main() -> int:
    root = Path(sys.argv[1])
    files = keys = 0
    for path in sorted(root.glob("people/*/*.md")):
        post = frontmatter.load(path)
        files += 1
        keys += len(post.metadata)
    print(f"{files} files, {keys} keys")
    return 0


if __name__ == "__main__":
    sys.exit(main())
