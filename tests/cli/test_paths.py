"""Where h2h keeps things on a player's machine when no option says: `$H2H_SAVES`, the user data
and cache folders (XDG on Linux), and the decks that ship inside the wheel."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from h2h_game import paths
from h2h_game.cli import main
from h2h_game.store import SaveStore
from tests.cli.conftest import new_game
from tests.decks.builders import SHORTEST, write
from tests.store.helpers import START


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def test_saves_go_to_the_user_data_folder_unless_told_otherwise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    default = Path(os.environ["XDG_DATA_HOME"]) / "h2h" / "saves"
    assert paths.saves_dir() == default
    assert run(capsys, "saves", "list") == (0, f"No saved games in {default}.\n", "")
    assert not default.exists()  # looking makes no folder


def test_h2h_saves_names_the_folder_and_saves_names_it_for_one_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("H2H_SAVES", "~/games")
    game = new_game(SaveStore(tmp_path / "games"), ("Maya", "Sam"), START)
    code, out, _ = run(capsys, "saves", "list")
    assert code == 0 and game in out and "Maya & Sam" in out
    elsewhere = tmp_path / "elsewhere"
    assert run(capsys, "saves", "list", "--saves", str(elsewhere)) == (
        0,
        f"No saved games in {elsewhere}.\n",
        "",
    )


def test_parsed_decks_are_cached_in_the_user_cache_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("H2H_CACHE")
    write(tmp_path / "mine", "friends.toml", SHORTEST)
    assert run(capsys, "deck", "list", "--decks", str(tmp_path / "mine"))[0] == 0
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "h2h" / "decks"
    assert paths.user_cache_dir() / "decks" == cache
    assert list(cache.glob("*.json"))


def test_an_installed_wheel_plays_the_decks_it_carries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "h2h_game"
    write(package / "bundled_decks", "wheel.toml", SHORTEST.replace("Old friends", "Wheel deck"))
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    assert paths.bundled_decks_dir() == package / "bundled_decks"
    code, out, _ = run(capsys, "deck", "list")
    assert code == 0
    assert "Wheel deck" in out
    assert "Partners" not in out  # the checkout's decks are not the wheel's


def test_a_checkout_plays_its_top_level_decks() -> None:
    assert paths.bundled_decks_dir() == Path(paths.__file__).resolve().parent.parent / "decks"
    assert (paths.bundled_decks_dir() / "partners.toml").is_file()


def test_h2h_decks_holds_folders_separated_like_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("H2H_DECKS", os.pathsep.join(["/a", "", "~/b"]))
    assert paths.env_decks_dirs() == [Path("/a"), tmp_path / "b"]
