"""careerkit.fs.read: the one read that every file careerkit opens goes through."""

from __future__ import annotations

import errno
import os

import pytest

from careerkit.fs.read import NotARegularFile, TooLarge, read_regular


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    path = tmp_path / "note.md"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, limit=100) == b"x" * 100
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooLarge):
        read_regular(path, limit=100)


def test_a_file_larger_than_one_read_comes_back_whole(tmp_path):
    path = tmp_path / "big.json"
    data = os.urandom(3 << 20)
    path.write_bytes(data)
    assert read_regular(path) == data
    assert read_regular(path, limit=len(data)) == data


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_folder_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(NotARegularFile) as raised:
        read_regular(tmp_path / "pipe.md")  # no writer: a blocking open would never return
    assert not raised.value.folder
    with pytest.raises(NotARegularFile) as raised:
        read_regular(tmp_path)
    assert raised.value.folder


def test_a_link_is_followed_only_when_asked(tmp_path):
    (tmp_path / "target.md").write_bytes(b"text")
    (tmp_path / "link.md").symlink_to(tmp_path / "target.md")
    assert read_regular(tmp_path / "link.md") == b"text"
    with pytest.raises(OSError) as raised:
        read_regular(tmp_path / "link.md", follow_links=False)
    assert raised.value.errno == errno.ELOOP
