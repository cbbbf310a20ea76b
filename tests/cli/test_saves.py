"""`h2h saves show`, `recover`, `tidy` and ids by their beginning, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from h2h_game.store import BrokenSave, SaveInfo, SaveStore
from tests.cli.conftest import Run, new_game
from tests.store.helpers import START


def test_show_tells_the_evening_again(h2h: Run, two_games: tuple[str, str]) -> None:
    _, newer = two_games
    ran = h2h("saves", "show", newer[:16])  # any unique beginning of the id
    assert ran.code == 0
    lines = ran.out.splitlines()
    assert lines[0] == "Maya & Sam · Little deck"
    assert lines[1].startswith("Started ") and lines[1].endswith("· in progress")
    assert lines[3].startswith("You spent ") and lines[3].endswith(" together.")
    assert any(line.startswith("You reached “Level ") for line in lines)
    assert any(line.startswith("The trust jar holds ") for line in lines)
    assert lines[-1] == f"Carry on with: h2h continue {newer}"


def test_show_a_damaged_game_says_what_to_do(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").write_text("[1, 2")
    ran = h2h("saves", "show", newer)
    assert ran.code == 1
    assert "The game of Maya and Sam" in ran.err
    assert f"h2h saves recover {newer}" in ran.err
    assert (folder / f"{newer}.json").read_text() == "[1, 2"  # looking moves nothing


def test_recover_from_the_previous_copy_loses_one_action(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    before = next(item for item in store.list() if item.id == newer)
    assert isinstance(before, SaveInfo) and before.actions == 8
    path = folder / f"{newer}.json"
    path.write_bytes(path.read_bytes()[:-40])
    ran = h2h("saves", "recover", newer)
    assert ran.code == 0
    assert ran.out.splitlines()[0] == (
        "Recovered the game of Maya and Sam (Little deck, last played "
        f"{ran.out.split('last played ')[1].split(')')[0]}) from its previous copy: "
        "1 action was lost."
    )
    assert "The damaged file is kept as " in ran.out
    with store.open(newer) as game:
        assert len(game.log) == 7
    listing = store.list()
    kept = [item for item in listing if isinstance(item, BrokenSave)]
    assert len(kept) == 1 and kept[0].recovered and kept[0].game_id == newer
    assert "damaged, recovered" in h2h("saves", "list").out


def test_recover_from_the_damaged_log_when_there_is_no_previous_copy(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.previous.json").unlink()
    path = folder / f"{newer}.json"
    data = json.loads(path.read_text())
    data["save"]["1"]["log"][-1]["action"] = {"type": "shout"}
    path.write_text(json.dumps(data))
    ran = h2h("saves", "recover", newer)
    assert ran.code == 0
    assert "from the damaged file, up to its last good action: 1 action was lost." in ran.out
    with store.open(newer) as game:
        assert len(game.log) == 7


def test_recover_a_moved_aside_file_by_its_own_id(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.json").write_text("garbage")
    assert h2h("saves", "tidy").out.startswith(f"Moved the damaged game {newer} aside to ")
    (aside,) = folder.glob(f"{newer}.corrupt-*.json")
    ran = h2h("saves", "recover", aside.stem)
    assert ran.code == 0 and "1 action was lost" in ran.out
    with store.open(newer) as game:
        assert len(game.log) == 7


def test_recover_refuses_what_is_not_damaged_or_not_there(
    h2h: Run, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    ran = h2h("saves", "recover", newer)
    assert ran.code == 1 and "is not damaged" in ran.err
    assert h2h("saves", "recover", "2025-11-24-nobody-here-0000").code == 2


def test_recover_leaves_a_game_open_elsewhere_alone(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    with store.open(newer):
        (folder / f"{newer}.json").write_text("garbage")
        ran = h2h("saves", "recover", newer)
    assert ran.code == 1 and "open in another window" in ran.err
    assert (folder / f"{newer}.json").read_text() == "garbage"


def test_recover_when_nothing_is_left_says_so(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    _, newer = two_games
    (folder / f"{newer}.previous.json").write_text("also garbage")
    (folder / f"{newer}.json").write_text("garbage")
    ran = h2h("saves", "recover", newer)
    assert ran.code == 1
    assert "could be recovered" in ran.err
    assert (folder / f"{newer}.json").read_text() == "garbage"


def test_tidy_moves_damaged_games_aside_and_says_so(
    h2h: Run, folder: Path, two_games: tuple[str, str]
) -> None:
    older, newer = two_games
    assert h2h("saves", "tidy").out == "Nothing to tidy.\n"
    (folder / f"{older}.json").write_text("{")
    ran = h2h("saves", "tidy")
    assert ran.code == 0
    assert ran.out.startswith(f"Moved the damaged game {older} aside to {older}.corrupt-")
    assert not (folder / f"{older}.json").exists()
    assert (folder / f"{newer}.json").exists()
    listed = h2h("saves", "list").out
    assert "Ana & Ben" in listed  # the moved file keeps its game's players


def test_delete_by_a_beginning_of_the_id(
    h2h: Run, store: SaveStore, folder: Path, two_games: tuple[str, str]
) -> None:
    older, newer = two_games
    new_game(store, ("Ana", "Bo"), START)
    assert h2h("saves", "delete", "2025-11-24-ana-b", "--yes").code == 2
    assert h2h("saves", "delete", newer[:14], "--yes").code == 0
    assert not (folder / f"{newer}.json").exists()
    assert not (folder / f"{newer}.previous.json").exists()
    assert (folder / f"{older}.json").exists()


def test_a_saves_path_that_is_a_file_is_named_as_such(h2h: Run, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("I am a file")
    ran = h2h("saves", "list")
    assert ran.code == 1
    assert f"The saves folder {folder} is a file, not a folder." in ran.err
