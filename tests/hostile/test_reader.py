"""The careful reader (`h2h_game.files.read_regular`) on its own: what it refuses, in which
words, and the cap it never reads past. (The suite's alarm fails any case that blocks.)"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from h2h_game.files import NotAFile, TooBig, kind_of, read_regular
from tests.hostile.conftest import unix_socket


def test_a_plain_file_is_read_whole_up_to_and_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    assert read_regular(path, 1 << 20) == b"x" * 100
    path.write_bytes(b"")
    assert read_regular(path, 0) == b""


def test_one_byte_over_the_cap_is_too_big(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooBig) as caught:
        read_regular(path, 100)
    assert (caught.value.path, caught.value.limit) == (path, 100)
    assert str(caught.value) == f"{path}: over 100 bytes"


def test_a_file_that_says_it_is_empty_and_is_not_is_still_capped() -> None:
    # /proc files say they hold 0 bytes and then give more, as a file growing while read does.
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc")
    assert b"Name:" in read_regular(status, 1 << 20)
    with pytest.raises(TooBig):
        read_regular(status, 10)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (os.mkfifo, "it is a FIFO (named pipe), not a file"),
        (lambda path: path.mkdir(), "it is a folder, not a file"),
        (lambda path: path.symlink_to("/dev/zero"), "it is a device, not a file"),
    ],
    ids=["fifo", "folder", "device"],
)
def test_what_is_not_a_file_is_refused_at_once_in_words(
    tmp_path: Path, make: Callable[[Path], object], words: str
) -> None:
    path = tmp_path / "thing"
    make(path)
    with pytest.raises(NotAFile) as caught:
        read_regular(path, 1 << 20)
    assert caught.value.reason == words
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: {words}"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "socket"
    unix_socket(path)
    with pytest.raises(NotAFile) as caught:
        read_regular(path, 1 << 20)
    assert caught.value.reason == "it is a socket, not a file"


def test_a_link_is_followed_only_where_links_are_expected(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b"{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_regular(link, 100) == b"{}"
    with pytest.raises(NotAFile) as caught:
        read_regular(link, 100, follow_links=False)
    assert caught.value.reason == "it is a link, not a file"


def test_what_the_disk_says_is_passed_on(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "nothing", 100)
    with pytest.raises(NotADirectoryError):
        (tmp_path / "file").write_bytes(b"")
        read_regular(tmp_path / "file" / "below", 100)


def test_every_kind_of_file_has_words() -> None:
    assert kind_of(stat.S_IFDIR) == "a folder"
    assert kind_of(stat.S_IFIFO) == "a FIFO (named pipe)"
    assert kind_of(stat.S_IFCHR) == "a device"
    assert kind_of(stat.S_IFBLK) == "a device"
    assert kind_of(stat.S_IFSOCK) == "a socket"
    assert kind_of(stat.S_IFLNK) == "a link"
    assert kind_of(stat.S_IFREG) == "a regular file"
    assert kind_of(0) == "not a regular file"
