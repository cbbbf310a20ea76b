"""Tests finding decks in every folder, telling same-named ones apart, and the parse cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from h2h_game import paths
from h2h_game.decks.library import (
    DeckLookupError,
    Source,
    cache_dir,
    find_decks,
    missing_folders,
    open_deck,
    resolve_deck,
)
from h2h_game.decks.problems import DeckError
from tests.decks.builders import SHORTEST, deck_toml, write


def named(name: str) -> str:
    return deck_toml(name=name)


def test_decks_are_found_in_every_folder_with_their_source(
    bundled_dir: Path, user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(bundled_dir, "a.toml", named("Bundled one"))
    write(user_dir, "b.toml", named("Mine"))
    env_dir = tmp_path / "env"
    write(env_dir, "c.toml", named("From env"))
    monkeypatch.setenv("H2H_DECKS", str(env_dir))
    extra = tmp_path / "extra"
    write(extra, "d.toml", named("From dir"))
    write(extra, "notes.txt", "not a deck")
    entries = find_decks([extra])
    assert [(entry.label, entry.source) for entry in entries] == [
        ("Bundled one", Source.BUNDLED),
        ("Mine", Source.USER),
        ("From env", Source.ENV),
        ("From dir", Source.DIR),
    ]
    assert entries[0].cards_per_level == (10, 10)


def test_same_named_decks_are_told_apart_by_where_they_came_from(
    bundled_dir: Path, user_dir: Path, tmp_path: Path
) -> None:
    write(bundled_dir, "partners.toml", named("Partners"))
    write(user_dir, "partners.toml", named("partners"))
    extra = tmp_path / "extra"
    write(extra, "one.toml", named("Partners"))
    write(extra, "two.toml", named("Partners"))
    write(extra, "other.toml", named("Other"))
    labels = [entry.label for entry in find_decks([extra])]
    assert labels == [
        "Partners (bundled)",
        "partners (your decks)",
        f"Partners ({extra}, one.toml)",
        "Other",
        f"Partners ({extra}, two.toml)",
    ]
    assert len(set(labels)) == len(labels)


def test_a_broken_deck_is_listed_with_its_first_error_and_hides_nothing(
    bundled_dir: Path,
) -> None:
    write(bundled_dir, "a-good.toml", named("Good"))
    broken = write(bundled_dir, "b-broken.toml", "format = 1\n[deck]\n")
    write(bundled_dir, "c-good.toml", named("Also good"))
    entries = find_decks()
    assert [entry.name for entry in entries] == ["Good", "b-broken", "Also good"]
    bad = entries[1]
    assert bad.deck is None
    assert bad.error == f"{broken}: error: deck.name: the deck's name is missing"
    assert bad.cards_per_level == ()


def test_a_folder_named_twice_lists_its_decks_once(bundled_dir: Path, tmp_path: Path) -> None:
    write(bundled_dir, "a.toml", named("Only once"))
    assert [entry.label for entry in find_decks([bundled_dir, bundled_dir])] == ["Only once"]


def test_missing_folders_are_reported_and_skipped(
    bundled_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("H2H_DECKS", str(tmp_path / "no-env"))
    assert find_decks([tmp_path / "nowhere"]) == []
    assert missing_folders([tmp_path / "nowhere"]) == [tmp_path / "no-env", tmp_path / "nowhere"]


def test_the_real_bundled_decks_are_found_and_valid() -> None:
    entries = [entry for entry in find_decks() if entry.source is Source.BUNDLED]
    assert entries, "no bundled decks found"
    assert all(entry.deck is not None for entry in entries), [entry.error for entry in entries]


# resolve_deck -------------------------------------------------------------------------------


def test_resolve_by_name_ignores_case(bundled_dir: Path) -> None:
    write(bundled_dir, "old-friends.toml", SHORTEST)
    assert resolve_deck("OLD FRIENDS").name == "Old friends"


def test_resolve_by_file_stem_and_by_path(bundled_dir: Path, tmp_path: Path) -> None:
    write(bundled_dir, "old-friends.toml", SHORTEST)
    assert resolve_deck("old-friends").name == "Old friends"
    elsewhere = write(tmp_path / "x", "deck.toml", named("Elsewhere"))
    assert resolve_deck(str(elsewhere)).name == "Elsewhere"


def test_resolve_looks_in_extra_folders(bundled_dir: Path, tmp_path: Path) -> None:
    write(tmp_path / "extra", "e.toml", named("Extra"))
    assert resolve_deck("extra", [tmp_path / "extra"]).name == "Extra"


def test_resolve_an_ambiguous_name_lists_the_candidates_and_a_label_settles_it(
    bundled_dir: Path, user_dir: Path
) -> None:
    write(bundled_dir, "p.toml", named("Partners"))
    write(user_dir, "p.toml", deck_toml(name="Partners", levels=[['"Mine?"']]))
    with pytest.raises(DeckLookupError) as caught:
        resolve_deck("partners")
    message = caught.value.first
    assert "2 decks answer to this name" in message
    assert '"Partners (bundled)"' in message and '"Partners (your decks)"' in message
    assert resolve_deck("Partners (your decks)").cards[0].text == "Mine?"


def test_resolve_a_missing_name_suggests_a_close_one(bundled_dir: Path) -> None:
    write(bundled_dir, "p.toml", named("Partners"))
    with pytest.raises(DeckLookupError) as caught:
        resolve_deck("Partnrs")
    assert caught.value.first == (
        'Partnrs: error: no deck by this name (did you mean "Partners"?); '
        "`h2h deck list` shows them all"
    )


def test_resolve_a_broken_deck_raises_every_problem(bundled_dir: Path) -> None:
    write(bundled_dir, "bad.toml", deck_toml(levels=[['"  "', '"  "']]))
    with pytest.raises(DeckError) as caught:
        resolve_deck("bad")
    assert not isinstance(caught.value, DeckLookupError)
    assert len(caught.value.problems) == 2


def test_resolve_a_missing_path_is_a_deck_error(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such file"):
        resolve_deck(str(tmp_path / "gone.toml"))


# The cache ----------------------------------------------------------------------------------


def cache_entries() -> list[Path]:
    return sorted(cache_dir().glob("*.json"))


def test_the_cache_lives_under_h2h_cache(isolated_folders: Path) -> None:
    assert cache_dir() == isolated_folders / "cache" / "decks"


def test_the_cache_defaults_to_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("H2H_CACHE")
    assert cache_dir() == paths.user_cache_dir() / "decks"


def test_a_second_open_is_served_from_the_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    (entry,) = cache_entries()
    data = json.loads(entry.read_text())
    assert data["path"] == str(path.resolve())
    # Change the cached copy only: a hit returns it, proving the file was not parsed again.
    data["document"]["deck"]["name"] = "From the cache"
    entry.write_text(json.dumps(data))
    assert open_deck(path).name == "From the cache"
    assert open_deck(path, use_cache=False) == deck


def test_a_cached_deck_equals_the_parsed_one(tmp_path: Path) -> None:
    text = deck_toml(
        levels=[
            ['{ text = "a?", tags = ["t"] }', '{ text = "w", kind = "wild", effect = "deeper" }']
        ],
        deck_extra='description = "d"\nhow_to_play = "h"\ntags = { t = "T" }\nlanguage = "nl"\n',
    )
    path = write(tmp_path, "d.toml", text)
    first = open_deck(path)
    assert open_deck(path) == first
    assert first == open_deck(path, use_cache=False)


def test_changing_the_file_invalidates_the_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    assert open_deck(path).name == "Old friends"
    path.write_text(SHORTEST.replace("Old friends", "New friends"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert open_deck(path).name == "New friends"
    assert len(cache_entries()) == 1


def test_a_cache_entry_for_another_version_is_not_used(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    open_deck(path)
    (entry,) = cache_entries()
    data = json.loads(entry.read_text())
    data["cache_version"] = -1
    data["document"]["deck"]["name"] = "Stale"
    entry.write_text(json.dumps(data))
    assert open_deck(path).name == "Old friends"
    assert json.loads(entry.read_text())["document"]["deck"]["name"] == "Old friends"


@pytest.mark.parametrize("junk", [b"", b"{not json", b"[]", b'{"cache_version": 1}', b"\xff\xfe"])
def test_a_corrupt_cache_entry_is_ignored_and_rewritten(tmp_path: Path, junk: bytes) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    open_deck(path)
    (entry,) = cache_entries()
    entry.write_bytes(junk)
    assert open_deck(path).name == "Old friends"
    assert json.loads(entry.read_text())["document"]["deck"]["name"] == "Old friends"


def test_a_matching_entry_with_a_broken_deck_inside_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    open_deck(path)
    (entry,) = cache_entries()
    data = json.loads(entry.read_text())
    data["document"]["levels"][0]["cards"][0]["kind"] = "nonsense"
    entry.write_text(json.dumps(data))
    assert open_deck(path).levels[0].cards[0].kind.value == "question"


def test_broken_decks_are_not_cached(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", "format = 1\n")
    with pytest.raises(DeckError):
        open_deck(path)
    assert cache_entries() == []


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    open_deck(write(tmp_path, "d.toml", SHORTEST))
    assert [path.name for path in cache_dir().iterdir()] == [cache_entries()[0].name]


def test_an_unwritable_cache_costs_nothing_but_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path, "not-a-folder", "x")
    monkeypatch.setenv("H2H_CACHE", str(blocker))
    assert open_deck(write(tmp_path, "d.toml", SHORTEST)).name == "Old friends"


def test_use_cache_false_writes_nothing(tmp_path: Path) -> None:
    open_deck(write(tmp_path, "d.toml", SHORTEST), use_cache=False)
    assert not cache_dir().exists()
