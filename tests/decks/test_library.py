"""Tests finding decks in every folder and telling same-named ones apart (the cache of validated
decks has its own tests, in test_cache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.decks.library import (
    DeckLookupError,
    Source,
    find_decks,
    missing_folders,
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
