"""`careerkit report` in a real browser: headless Chromium renders the pages, and we read back its DOM.

CI installs Debian's `chromium` (see .ci/run). Elsewhere these tests are skipped
unless a Chromium is found (with CAREERKIT_REQUIRE_BROWSER=1, as in CI, they
fail instead); `apt-get install chromium` (Debian, Ubuntu) or
CAREERKIT_CHROMIUM=/path/to/chrome makes them run. The screenshots of the
examples' pages are kept in CAREERKIT_SCREENSHOTS when it is set, else in the
test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES
from helpers import action, doc

TODAY = "2026-11-22"
INSTALL = (
    "Chromium not found: install it to run the browser tests "
    "(`apt-get install chromium` on Debian/Ubuntu, or set CAREERKIT_CHROMIUM to a Chrome or Chromium binary)"
)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = os.environ.get("CAREERKIT_CHROMIUM") or next(
        (
            path
            for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
            if (path := shutil.which(name))
        ),
        None,
    )
    if not found:
        if os.environ.get("CAREERKIT_REQUIRE_BROWSER"):  # CI: a missing browser is a failure, not a skip
            pytest.fail(INSTALL)
        pytest.skip(INSTALL)
    return found


def browse(chromium: str, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={page.parent / '.chromium'}",
        *args,
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


class Dom(HTMLParser):
    """The rendered DOM as (tag, attributes, text) for each element, text gathered under it."""

    def __init__(self, text: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[int] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in ("meta", "link", "br", "img", "input", "rect", "circle", "line", "polygon"):
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.elements[self.open.pop()][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.elements[index][2].append(data)

    def find(self, tag: str, cls: str | None = None) -> list[tuple[dict[str, str], str]]:
        return [
            (attrs, " ".join(" ".join(text).split()))
            for name, attrs, text in self.elements
            if name == tag and (cls is None or cls in attrs.get("class", "").split())
        ]


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("team") / "examples"
    shutil.copytree(EXAMPLES, copy, ignore=shutil.ignore_patterns(".careerkit"))
    return copy


def test_the_rendered_team_page_has_its_tables_cells_and_escaped_titles(chromium, cli, notes, tmp_path):
    root = notes(
        {
            "people/alice/profile.md": '---\nname: "Alice <b>Bold</b>"\n---\n',
            "people/alice/2026-01-01-dreams.md": doc(
                "alice",
                "dreams",
                "2026-01-01",
                dreams=[{"dream": "<img src=x>Lead", "skills": [{"skill": "hiring", "need": 5, "have": 2}]}],
            ),
            "people/alice/2026-02-01-plan.md": doc(
                "alice",
                "plan",
                "2026-02-01",
                skills=[{"skill": "hiring"}],
                actions=[action(1, "<script>document.title='owned'</script>", due="2026-03-01")],
            ),
            "people/bob/2026-10-01-story.md": doc("bob", "story", "2026-10-01"),
        }
    )
    out = tmp_path / "team.html"
    cli(root, "report", "--today", "2026-04-01", "-o", str(out))
    dom_text = browse(chromium, out, "--dump-dom").stdout
    dom = Dom(dom_text)
    assert dom.find("title")[0][1] == "Career conversations: the team, 2026-04-01"  # no script ran
    assert dom.find("script") == [] and dom.find("img") == [] and dom.find("b") == []
    rows = [attrs["id"] for attrs, _ in dom.find("tr") if attrs.get("id", "").startswith("row-")]
    assert rows == ["row-alice", "row-bob"]
    person_cells = [text for attrs, text in dom.find("td", "person")]
    assert person_cells == ["Alice <b>Bold</b>", "bob"]
    assert [text for _, text in dom.find("th", "dream")] == ["<img src=x>Lead"]
    assert [text for _, text in dom.find("td", "gap3")] == ["gap 3 need 5 · have 2"]
    titles = [text for _, text in dom.find("td") if "document.title" in text]
    assert "<script>document.title='owned'</script>" in titles
    assert [text for _, text in dom.find("span", "state")] == ["overdue"]
    assert len(dom.find("svg", "strip")) >= 2 and dom.find("section", "person")


def test_a_persons_own_page_renders_only_their_page_what_comes_next_first(chromium, cli, examples, tmp_path):
    out = tmp_path / "zoe.html"
    cli(examples, "report", "--today", TODAY, "--for", "zoe-obrien", "-o", str(out))
    dom = Dom(browse(chromium, out, "--dump-dom").stdout)
    sections = [attrs["id"] for attrs, _ in dom.find("section")]
    assert sections[:4] == ["next", "values", "dreams", "plan"]
    assert dom.find("table", "team") == [] and dom.find("ul", "findings") == [] and dom.find("table", "docs") == []
    assert [text for _, text in dom.find("span", "state")] == ["done"] * 5
    assert [text for _, text in dom.find("p", "praise")] == ["Every step is done. That is real progress: well done."]


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CAREERKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("args", "name", "size"),
    [
        ([], "report-team", (1280, 2200)),
        (["--for", "zoe-obrien"], "report-person", (1100, 1500)),
        ([], "report-team-phone", (390, 1600)),
        (["--for", "zoe-obrien"], "report-person-phone", (390, 1800)),
    ],
)
def test_screenshots_of_the_examples_pages(chromium, cli, examples, tmp_path, args, name, size):
    page = tmp_path / f"{name}.html"
    cli(examples, "report", "--today", TODAY, "-o", str(page), *args)
    shot = screenshot_dir(tmp_path) / f"{name}.png"
    browse(chromium, page, f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}")
    assert png_size(shot) == size and shot.stat().st_size > 20_000  # an empty page is a few kilobytes
