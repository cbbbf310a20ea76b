"""A FIFO, a device or a link given as a deck, or lying in the saves folder, never hangs the game
nor reads without end: only regular files are opened, never past a cap, and links are not
followed where none is expected. (The suite's alarm fails any case that blocks.)"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from h2h_game.store import BrokenSave, BrokenSaveError, SaveStore
from h2h_game.store.hidden import HIDDEN_NAME
from h2h_game.store.index import INDEX_NAME
from tests.decks.builders import SHORTEST, write
from tests.hostile.conftest import Run


def fifo(path: Path) -> None:
    os.mkfifo(path)


def zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def null_device(path: Path) -> None:
    path.symlink_to("/dev/null")


def folder_named(path: Path) -> None:
    path.mkdir()


SPECIAL: dict[str, Callable[[Path], None]] = {
    "a FIFO": fifo,
    "a link to /dev/zero": zero,
    "a link to /dev/null": null_device,
    "a folder": folder_named,
}
SAYS = {
    "a FIFO": "FIFO",
    "a link to /dev/zero": "device",
    "a link to /dev/null": "device",
    "a folder": "folder",
}


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_as_a_deck_given_by_path(h2h: Run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "deck.toml"
    SPECIAL[kind](path)
    ran = h2h("deck", "validate", path)
    assert ran.code == 1
    assert SAYS[kind] in ran.err
    assert h2h("new", "--deck", path, "--players", "Maya", "Sam").code == 1
    csv = tmp_path / "cards.csv"
    SPECIAL[kind](csv)
    assert h2h("deck", "import", csv).code == 1


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_in_a_deck_folder(h2h: Run, tmp_path: Path, kind: str) -> None:
    decks = tmp_path / "decks"
    write(decks, "good.toml", SHORTEST.replace("Old friends", "Good deck"))
    SPECIAL[kind](decks / "trap.toml")
    ran = h2h("deck", "list", "--decks", decks)
    assert ran.code == 0
    assert "Good deck" in ran.out
    assert h2h("deck", "validate", decks).code == 0  # the folder's real decks; traps skipped


@pytest.mark.parametrize("kind", [*SPECIAL, "a link to a good save"])
def test_in_the_saves_folder_as_a_game(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], tmp_path: Path, kind: str
) -> None:
    healthy, target = games
    path = folder / f"{target}.json"
    if kind == "a link to a good save":
        elsewhere = tmp_path / "planted.json"
        path.rename(elsewhere)
        path.symlink_to(elsewhere)
    else:
        path.unlink()
        SPECIAL[kind](path)
    ran = h2h("saves", "list")
    assert ran.code == 0
    assert healthy in ran.out
    (item,) = [item for item in store.list() if isinstance(item, BrokenSave)]
    assert item.id == target and "not a" in item.reason
    assert item.game is not None and item.game.players == ("Maya", "Sam")
    assert h2h("continue").code == 1
    with pytest.raises(BrokenSaveError) as caught:
        store.open(target)
    assert caught.value.moved
    recovered = h2h("saves", "recover", target)
    assert recovered.code == 0 and "1 action was lost" in recovered.out
    with store.open(target) as game:
        assert len(game.log) == 7


@pytest.mark.parametrize("name", [INDEX_NAME, HIDDEN_NAME])
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_as_the_index_or_the_hidden_cards(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], name: str, kind: str
) -> None:
    path = folder / name
    path.unlink(missing_ok=True)
    SPECIAL[kind](path)
    ran = h2h("saves", "list")
    assert ran.code == 0 and all(game in ran.out for game in games)
    assert h2h("deck", "hidden").code == 0
    assert store.hidden_cards("Little deck") == frozenset()


def test_a_link_planted_as_the_previous_copy_is_not_followed(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], tmp_path: Path
) -> None:
    _, target = games
    previous = folder / f"{target}.previous.json"
    previous.unlink()
    previous.symlink_to("/dev/zero")
    (folder / f"{target}.json").write_text("garbage")
    ran = h2h("saves", "recover", target)
    assert ran.code == 1 and "could be recovered" in ran.err
