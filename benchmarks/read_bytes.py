"""The floor: reading the bytes of every note and nothing else.

    python benchmarks/read_bytes.py ROOT

No tool that looks at every file can be faster than this (a warm cache can:
it looks only at the files' sizes and times).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    root = Path(sys.argv[1])
    files = size = 0
    for path in sorted(root.glob("people/*/*.md")):
        size += len(path.read_bytes())
        files += 1
    print(f"{files} files, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
