"""`h2h saves …` when something is wrong: an unreadable folder or file, a disk that refuses, a
game open elsewhere, a file gone between two looks. Each says what happened in plain words,
exits 1 (2 for a mistake in the command), and leaves the files as they were."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from h2h_game.files import TEMP_PREFIX
from h2h_game.store import SaveStore
from h2h_game.store.lock import FileLock
from tests.cli.conftest import Run, Terminal, new_game
from tests.store.helpers import START

DENIED = PermissionError(errno.EACCES, "Permission denied")
IO_ERROR = OSError(errno.EIO, "Input/output error")


def refusing(real: Callable[..., Any], error: OSError, where: Path) -> Callable[..., Any]:
    """`real` (an `os` function taking a path first), raising `error` for `where` only."""

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(path, int) and Path(os.fsdecode(path)) == where:
            raise error
        return real(path, *args, **kwargs)

    return fake


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def finished(store: SaveStore) -> str:
    """A game of Ana and Ben played to its end."""
    return new_game(store, ("Ana", "Ben"), START - 86_400, steps=1000)


# --- a folder that cannot be read ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "code"),
    [
        (("saves", "list"), 1),
        (("saves", "show", "2025"), 1),
        (("saves", "delete", "2025", "--yes"), 1),
        (("saves", "recover", "Maya!"), 1),
        (("saves", "tidy"), 1),
    ],
)
@pytest.mark.parametrize("error", [DENIED, IO_ERROR], ids=["denied", "io-error"])
def test_a_saves_folder_that_cannot_be_read_is_named(
    h2h: Run,
    folder: Path,
    two_games: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    words: tuple[str, ...],
    code: int,
    error: OSError,
) -> None:
    before = files_in(folder)
    monkeypatch.setattr(os, "scandir", refusing(os.scandir, error, folder))
    ran = h2h(*words)
    monkeypatch.undo()
    why = "permission denied" if isinstance(error, PermissionError) else "Input/output error"
    assert ran.code == code
    assert ran.err == f"h2h: Could not read the saves folder {folder}: {why}.\n"
    assert ran.out == ""
    assert files_in(folder) == before


# --- show ---------------------------------------------------------------------------------------


def test_show_an_unknown_id_names_the_closest(h2h: Run, two_games: tuple[str, str]) -> None:
    _, newer = two_games
    typo = newer[:-1] + ("0" if newer[-1] != "0" else "1")
    ran = h2h("saves", "show", typo)
    assert ran.code == 2
    assert f"there is no saved game called '{typo}'" in ran.err
    assert f"Did you mean: {newer}" in ran.err
    assert ran.err.endswith("`h2h saves list` shows them all.\n")


def test_show_an_id_many_games_begin_with_lists_them(h2h: Run, two_games: tuple[str, str]) -> None:
    ran = h2h("saves", "show", "2025-11-2")
    assert ran.code == 2
    assert "could be any of these games; give more of the id:" in ran.err
    assert all(f"  {game}\n" in ran.err for game in two_games)


def test_show_a_finished_game_offers_no_way_to_carry_on(h2h: Run, finished: str) -> None:
    ran = h2h("saves", "show", finished)
    assert ran.code == 0
    assert "· finished" in ran.out.splitlines()[1]
    assert "Carry on" not in ran.out and "h2h continue" not in ran.out


def test_show_a_game_whose_file_the_disk_will_not_give(
    h2h: Run, folder: Path, two_games: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, newer = two_games
    h2h("saves", "list")  # the index knows it, so finding it opens no file
    path = folder / f"{newer}.json"
    before = path.read_bytes()
    monkeypatch.setattr(os, "open", refusing(os.open, IO_ERROR, path))
    ran = h2h("saves", "show", newer)
    monkeypatch.undo()
    assert ran.code == 1
    assert ran.err == (
        f"h2h: Could not read {newer}.json: Input/output error. The file was left as is.\n"
    )
    assert path.read_bytes() == before


def test_a_game_gone_between_two_looks_is_said_to_have_gone(
    h2h: Run, folder: Path, two_games: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, newer = two_games
    real = SaveStore.resolve

    def then_deleted_elsewhere(self: SaveStore, wanted: str) -> str:
        found = real(self, wanted)
        (folder / f"{found}.json").unlink()  # another window deletes it just now
        return found

    monkeypatch.setattr(SaveStore, "resolve", then_deleted_elsewhere)
    ran = h2h("saves", "show", newer)
    assert ran.code == 1
    assert ran.err == f"h2h: the saved game {newer} has just gone.\n"


# --- recover ------------------------------------------------------------------------------------


def test_recover_an_id_that_is_no_id_at_all(h2h: Run, two_games: tuple[str, str]) -> None:
    ran = h2h("saves", "recover", "Maya & Sam")
    assert ran.code == 2
    assert "there is no saved game called 'Maya & Sam'" in ran.err


def test_recover_by_a_beginning_of_the_id_leaves_no_stray_lock(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").write_text("garbage")
    ran = h2h("saves", "recover", newer[:15])
    assert ran.code == 0
    assert "from its previous copy: 1 action was lost." in ran.out
    assert not (folder / f"{newer[:15]}.lock").exists()
    with store.open(newer) as game:
        assert len(game.log) == 7


def test_recover_by_a_beginning_of_a_healthy_game_says_it_is_not_damaged(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    before = files_in(folder)
    ran = h2h("saves", "recover", newer[:15])
    assert ran.code == 1
    assert ran.err == f"h2h: The game {newer} is not damaged: it opens as it is.\n"
    assert files_in(folder).keys() == before.keys()


def test_recover_by_a_beginning_of_a_game_open_elsewhere(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").write_text("garbage")
    with FileLock(folder / f"{newer}.lock"):
        ran = h2h("saves", "recover", newer[:15])
    assert ran.code == 1
    assert ran.err == (
        "h2h: not recovered: this game is open in another window. Close it there first.\n"
    )
    assert (folder / f"{newer}.json").read_text() == "garbage"


def test_recover_on_a_full_disk_keeps_the_damaged_file_and_can_be_run_again(
    h2h: Run,
    store: SaveStore,
    folder: Path,
    two_games: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").write_text("garbage")
    full = OSError(errno.ENOSPC, "No space left on device")
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # the file fills the disk; the folder is fine
            raise full
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    ran = h2h("saves", "recover", newer)
    monkeypatch.undo()
    assert ran.code == 1
    assert ran.err == (
        "h2h: Could not save the recovered game: the disk is full. Free some space and try again.\n"
    )
    (aside,) = folder.glob(f"{newer}.corrupt-*.json")
    assert aside.read_text() == "garbage"
    assert not any(name.startswith(TEMP_PREFIX) for name in os.listdir(folder))
    again = h2h("saves", "recover", newer)
    assert again.code == 0
    assert f"The damaged file is kept as {aside.name}." in again.out
    with store.open(newer) as game:
        assert len(game.log) == 7


def test_recover_a_game_whose_file_is_gone_from_its_previous_copy(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").unlink()
    ran = h2h("saves", "recover", newer)
    assert ran.code == 0
    assert "from its previous copy: 1 action was lost." in ran.out
    assert "The damaged file is kept" not in ran.out  # there was none to keep
    with store.open(newer) as game:
        assert len(game.log) == 7


def test_recover_a_finished_game_offers_no_way_to_carry_on(
    h2h: Run, store: SaveStore, folder: Path, finished: str
) -> None:
    path = folder / f"{finished}.json"
    # Its previous copy is one action short of the end; here it holds the end itself.
    (folder / f"{finished}.previous.json").write_bytes(path.read_bytes())
    path.write_text("garbage")
    ran = h2h("saves", "recover", finished)
    assert ran.code == 0
    assert ran.out.startswith("Recovered the game of Ana and Ben")
    assert "h2h continue" not in ran.out


# --- tidy ---------------------------------------------------------------------------------------


def test_tidy_counts_the_temporary_files_a_crash_left(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    for number in (1, 2):
        (folder / f"{TEMP_PREFIX}999999999-abc{number}-game.json").write_text("{")
    ran = h2h("saves", "tidy")
    assert ran.code == 0
    assert ran.out == "Removed 2 temporary files left by a crash.\n"
    (folder / f"{TEMP_PREFIX}999999999-abcd-game.json").write_text("{")
    assert h2h("saves", "tidy").out == "Removed 1 temporary file left by a crash.\n"
    assert h2h("saves", "tidy").out == "Nothing to tidy.\n"
    assert not any(name.startswith(TEMP_PREFIX) for name in os.listdir(folder))


def test_tidy_leaves_a_damaged_game_open_elsewhere_where_it_is(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    older, _ = two_games
    (folder / f"{older}.json").write_text("{")
    with FileLock(folder / f"{older}.lock"):
        ran = h2h("saves", "tidy")
    assert ran.code == 0
    assert ran.out == (
        f"Left the damaged game {older} where it is: it is open in another window.\n"
    )
    assert (folder / f"{older}.json").read_text() == "{"


# --- delete -------------------------------------------------------------------------------------


def test_delete_on_a_terminal_that_closes_keeps_the_game(
    h2h: Run, folder: Path, two_games: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, newer = two_games
    monkeypatch.setattr("sys.stdin", Terminal(""))  # Ctrl+D at the question
    ran = h2h("saves", "delete", newer)
    assert ran.code == 0
    assert ran.out.endswith("? [y/N] Kept it.\n")
    assert (folder / f"{newer}.json").exists()


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (DENIED, "h2h: Could not delete {id}: Permission denied.\n"),
        (
            FileNotFoundError(errno.ENOENT, "No such file or directory"),
            "h2h: There is no saved game called '{id}'.\n",
        ),
    ],
    ids=["denied", "gone-meanwhile"],
)
def test_delete_that_the_disk_refuses_says_so_and_keeps_everything(
    h2h: Run,
    folder: Path,
    two_games: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    says: str,
) -> None:
    _, newer = two_games
    before = files_in(folder)
    path = folder / f"{newer}.json"
    monkeypatch.setattr(os, "unlink", refusing(os.unlink, error, path))
    ran = h2h("saves", "delete", newer, "--yes")
    monkeypatch.undo()
    assert ran.code == 1
    assert ran.err == says.format(id=newer)
    assert files_in(folder).keys() >= {path.name, f"{newer}.previous.json"}
    assert path.read_bytes() == before[path.name]
