"""Folders h2h makes are private whatever the umask, no cache entry is trusted unchecked, and a
saves path that is a file is named as such."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from h2h_game import crash
from h2h_game.decks.library import cache_dir, open_deck
from h2h_game.settings import Settings, save_settings
from h2h_game.store import SaveError, SaveStore
from tests.decks.builders import SHORTEST, write
from tests.hostile.conftest import Run
from tests.store.helpers import START, fresh_game


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def made_under(root: Path, leaf: Path) -> list[Path]:
    """Every folder from `root` (excluded) down to `leaf`: the ones h2h had to make."""
    return [leaf, *[parent for parent in leaf.parents if root in parent.parents]]


@pytest.mark.usefixtures("umask_000")
def test_every_folder_h2h_makes_is_private_under_umask_000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = tmp_path / "data" / "h2h" / "saves"
    SaveStore(saves).create(fresh_game(), START).close()
    cache = tmp_path / "cache" / "h2h"
    monkeypatch.setenv("H2H_CACHE", str(cache))
    open_deck(write(tmp_path / "mine", "d.toml", SHORTEST))
    logs = tmp_path / "state" / "h2h" / "log"
    crash.write_log(RuntimeError("x"), folder=logs)
    config = tmp_path / "config" / "h2h"
    save_settings(Settings(), config / "settings.json")
    for leaf in (saves, cache / "decks", logs, config):
        for folder in made_under(tmp_path, leaf):
            assert mode(folder) == 0o700, folder
    for file in [*saves.iterdir(), *(cache / "decks").iterdir(), *logs.iterdir()]:
        assert mode(file) & 0o077 == 0, file


@pytest.mark.usefixtures("umask_000")
def test_a_new_deck_folder_is_private_under_umask_000(h2h: Run, tmp_path: Path) -> None:
    target = tmp_path / "shared" / "decks" / "road-trip.toml"
    assert h2h("deck", "new", "Road trip", "-o", target).code == 0
    assert mode(target.parent) == mode(target.parent.parent) == 0o700


def test_a_poisoned_cache_entry_never_reaches_the_terminal(h2h: Run, tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    path = write(decks, "friends.toml", SHORTEST)
    open_deck(path)
    (entry,) = cache_dir().glob("*.json")
    data = json.loads(entry.read_text())
    # Everything matches the file and the tag is left as it was, written back the way h2h
    # writes: only checking the entry's tag can catch this.
    data["deck"]["name"] = "Pwned\x1b]0;owned\x07\x1b[2J"
    data["deck"]["levels"][0]["texts"][0] = "\x1b[31mred\x1b[0m?"
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    assert open_deck(path).name == "Old friends"
    listed = h2h("deck", "list", "--decks", decks)
    assert listed.code == 0 and "\x1b" not in listed.out + listed.err
    exported = h2h("deck", "export", path)
    assert "\x1b" not in exported.out and "Old friends" not in exported.out  # cards only
    assert json.loads(entry.read_text())["deck"]["name"] == "Old friends"


def test_a_saves_path_that_is_a_file(h2h: Run, folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file, not a folder")
    with pytest.raises(SaveError) as caught:
        SaveStore(folder).create(fresh_game(), START)
    assert f"the saves path {folder} is not a folder" in str(caught.value)
    assert "File exists" not in str(caught.value)
    listed = h2h("saves", "list")
    assert listed.code == 1 and "is a file, not a folder" in listed.err
    assert h2h("continue").code == 1
    below = folder / "saves"
    with pytest.raises(SaveError) as caught:
        SaveStore(below).create(fresh_game(), START)
    assert f"the saves path {folder} is not a folder" in str(caught.value)
