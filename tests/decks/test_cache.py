"""Tests the cache of validated decks: a hit skips parsing and gives the deck the file gives, and
no entry that was edited, damaged, forged or made from other contents is ever used."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from h2h_game import jsonsafe, paths
from h2h_game.decks import cache, library
from h2h_game.decks.cache import KEY_FILE, entry_path
from h2h_game.decks.library import cache_dir, open_deck
from h2h_game.decks.packed import pack, unpack
from h2h_game.decks.problems import DeckError
from h2h_game.engine.deck import Card, Deck, Effect, Kind, Level
from tests.decks.builders import SHORTEST, deck_toml, write
from tests.decks.test_properties import valid_decks

RICH_LEVELS = [
    [
        '{ text = "a?", tags = ["t"] }',
        '{ text = "w", kind = "wild", effect = "deeper" }',
        '{ text = "Own id?", id = "mine" }',
        '"  Padded,\\tspaced\\nand  split?  "',
    ],
    ['"b?"', '"Ça va\u00a0?"'],
]
RICH_META = 'description = "d"\nhow_to_play = "h"\ntags = { t = "T" }\nlanguage = "nl"\n'
RICH_ENDING = '\n[ending]\nlanding = ["Light?"]\nclosing = "Goodnight."\n'
RICH_WHO = 'author = "me"\naudience = "two"\n'
RICH = deck_toml(levels=RICH_LEVELS, deck_extra=RICH_META + RICH_WHO) + RICH_ENDING


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The deck files `open_deck` parses, in order: a cache hit adds none."""
    parsed: list[Path] = []
    real = library.parse_deck_file

    def counting(data: bytes, path: Path) -> Deck:
        parsed.append(path)
        return real(data, path)

    monkeypatch.setattr(library, "parse_deck_file", counting)
    return parsed


def only_entry() -> Path:
    (entry,) = cache_dir().glob("*.json")
    return entry


def rewrite(entry: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change an entry's JSON and write it back the way h2h writes it, its tag first and as it was,
    so that only checking the tag can tell."""
    data = json.loads(entry.read_bytes())
    change(data)
    entry.write_bytes(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def sign(entry: Path, key: bytes) -> None:
    """Give an entry the tag `key` makes for it."""
    data = json.loads(entry.read_bytes())
    del data["tag"]
    signed = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()[1:]
    tag = hmac.new(key, signed, hashlib.sha256).hexdigest()
    entry.write_bytes(b'{"tag":"' + tag.encode() + b'",' + signed)


def test_the_cache_lives_under_h2h_cache(isolated_folders: Path) -> None:
    assert cache_dir() == isolated_folders / "cache" / "decks"


def test_the_cache_defaults_to_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("H2H_CACHE")
    assert cache_dir() == paths.user_cache_dir() / "decks"


def test_a_second_open_is_served_from_the_cache(tmp_path: Path, parses: list[Path]) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    first = open_deck(path)
    assert parses == [path]
    assert open_deck(path) == first
    assert parses == [path]
    assert json.loads(only_entry().read_bytes())["path"] == str(path.resolve())


def test_cold_and_warm_give_equal_decks(tmp_path: Path, parses: list[Path]) -> None:
    path = write(tmp_path, "d.toml", RICH)
    cold = open_deck(path)
    warm = open_deck(path)
    assert len(parses) == 1
    assert warm == cold == open_deck(path, use_cache=False)
    # Equal field by field too, down to each card's tags, kind and effect.
    assert [dataclasses.astuple(card) for card in warm.cards] == [
        dataclasses.astuple(card) for card in cold.cards
    ]
    assert (warm.audience, warm.landing, warm.closing) == ("two", ("Light?",), "Goodnight.")


@given(valid_decks())
def test_a_packed_deck_comes_back_equal_through_json(deck: Deck) -> None:
    deck = dataclasses.replace(deck, audience="all", landing=("Up?",), closing="End.")
    assert unpack(json.loads(jsonsafe.dumps(pack(deck)))) == deck


def test_every_field_of_the_deck_model_is_packed() -> None:
    # Every field set away from its default, so a field that packing dropped would show.
    first = Level(1, "One", 0, (Card("a", 1, "a?"),))
    card = Card("b", 2, "b?", ("x",), Kind.WILD, Effect.SWAP)
    second = Level(2, "Two", 3, (card,), "about", 7)
    deck = Deck("D", (first, second), "d", "a", "nl", "h", (("x", "X"),), "who", ("up?",), "end")
    assert unpack(json.loads(jsonsafe.dumps(pack(deck)))) == deck
    # A field added to the model needs a place in packed.py and in the deck above.
    assert cache.MODEL == [
        [
            "name",
            "levels",
            "description",
            "author",
            "language",
            "how_to_play",
            "tags",
            "audience",
            "landing",
            "closing",
            "_by_id",
        ],
        ["number", "name", "unlock", "cards", "description", "settle"],
        ["id", "level", "text", "tags", "kind", "effect"],
    ]


def test_changing_the_file_invalidates_the_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    assert open_deck(path).name == "Old friends"
    path.write_text(SHORTEST.replace("Old friends", "New friends"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert open_deck(path).name == "New friends"
    assert len(list(cache_dir().glob("*.json"))) == 1


def test_an_edit_that_keeps_size_and_time_still_invalidates_the_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    assert open_deck(path).name == "Old friends"
    before = path.stat()
    path.write_text(SHORTEST.replace("Old friends", "Odd friends"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert open_deck(path).name == "Odd friends"


def test_an_entry_from_another_version_of_h2h_is_not_used(
    tmp_path: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    open_deck(path)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert open_deck(path).name == "Old friends"
    assert len(parses) == 2
    assert json.loads(only_entry().read_bytes())["h2h_version"] == "99.0"


@pytest.mark.parametrize(
    "junk", [b"", b"{not json", b"[]", b'{"cache_version": 1}', b"\xff\xfe", b'{"tag":"'], ids=repr
)
def test_a_corrupt_entry_is_ignored_and_rewritten(
    tmp_path: Path, parses: list[Path], junk: bytes
) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    entry = only_entry()
    good = entry.read_bytes()
    entry.write_bytes(junk)
    assert open_deck(path) == deck
    assert entry.read_bytes() == good
    assert open_deck(path) == deck
    assert len(parses) == 2  # the first open and the one after the damage


def test_an_entry_cut_short_is_ignored(tmp_path: Path, parses: list[Path]) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    entry = only_entry()
    entry.write_bytes(entry.read_bytes()[:-20])
    assert open_deck(path) == deck
    assert len(parses) == 2


def test_an_entry_rewritten_unchanged_is_still_used(tmp_path: Path, parses: list[Path]) -> None:
    # The control for the tests below: writing an entry back as they do changes nothing by itself.
    path = write(tmp_path, "d.toml", SHORTEST)
    open_deck(path)
    rewrite(only_entry(), lambda data: None)
    open_deck(path)
    assert len(parses) == 1


def test_a_hand_edited_entry_is_ignored_and_the_deck_loads_from_its_file(
    tmp_path: Path, parses: list[Path]
) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    entry = only_entry()

    def poison(data: dict[str, Any]) -> None:
        data["deck"]["name"] = "Pwned\x1b]0;owned\x07"
        data["deck"]["levels"][0]["texts"][0] = "\x1b[31mred\x1b[0m?"

    rewrite(entry, poison)
    assert open_deck(path) == deck
    assert len(parses) == 2
    assert json.loads(entry.read_bytes())["deck"]["name"] == "Old friends"


def test_an_entry_signed_with_another_key_is_ignored(tmp_path: Path, parses: list[Path]) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    entry = only_entry()
    rewrite(entry, lambda data: data["deck"].update(name="Forged"))
    sign(entry, b"\x00" * cache.KEY_BYTES)
    assert open_deck(path) == deck
    # Signed with h2h's own key, the same entry would have been taken: the key is what stops it.
    rewrite(entry, lambda data: data["deck"].update(name="Signed"))
    sign(entry, (cache_dir() / KEY_FILE).read_bytes())
    assert open_deck(path).name == "Signed"
    assert len(parses) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["deck"]["levels"][0].update(ids=1),
        lambda data: data["deck"]["levels"][0]["texts"].pop(),
        lambda data: data.pop("sha256"),
    ],
    ids=["ids not a list", "a text short", "no sha256"],
)
def test_a_signed_entry_of_another_shape_is_a_miss_not_a_crash(
    tmp_path: Path, parses: list[Path], change: Callable[[dict[str, Any]], None]
) -> None:
    # Only an h2h of another make could write one; it must cost a parse, nothing more.
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    entry = only_entry()
    rewrite(entry, change)
    sign(entry, (cache_dir() / KEY_FILE).read_bytes())
    assert open_deck(path) == deck
    assert len(parses) == 2


def test_an_entry_made_from_another_file_is_not_used(tmp_path: Path) -> None:
    one = write(tmp_path, "one.toml", SHORTEST)
    other = write(tmp_path, "other.toml", SHORTEST.replace("Old friends", "Other friends"))
    open_deck(one)
    open_deck(other)
    folder = cache_dir()
    entry_path(folder, one.resolve()).write_bytes(entry_path(folder, other.resolve()).read_bytes())
    assert open_deck(one).name == "Old friends"


@pytest.mark.parametrize("how", ["readable by others", "a link", "too long", "cut short"])
def test_a_key_h2h_cannot_trust_is_replaced(tmp_path: Path, parses: list[Path], how: str) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    key = cache_dir() / KEY_FILE
    old = key.read_bytes()
    if how == "readable by others":
        key.chmod(0o644)
    elif how == "a link":
        planted = write(tmp_path, "planted-key", old)
        key.unlink()
        key.symlink_to(planted)
    elif how == "too long":
        key.write_bytes(old + b"x")
    else:
        key.write_bytes(old[:-1])
    assert open_deck(path) == deck
    assert len(parses) == 2
    assert not key.is_symlink()
    assert key.stat().st_mode & 0o077 == 0
    assert len(key.read_bytes()) == cache.KEY_BYTES and key.read_bytes() != old
    assert open_deck(path) == deck
    assert len(parses) == 2  # the new key signs the new entry


def test_a_key_of_another_user_is_not_used(
    tmp_path: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    key = cache_dir() / KEY_FILE
    old = key.read_bytes()
    monkeypatch.setattr(os, "getuid", lambda: key.stat().st_uid + 1)
    assert open_deck(path) == deck
    assert len(parses) == 2
    assert key.read_bytes() != old


def test_broken_decks_are_not_cached(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", "format = 1\n")
    with pytest.raises(DeckError):
        open_deck(path)
    assert list(cache_dir().glob("*.json")) == []


def test_a_broken_deck_gives_the_same_errors_with_and_without_the_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", deck_toml(levels=[['"  "', '"a?"', '"A?"']]))
    with pytest.raises(DeckError) as cached:
        open_deck(path)
    with pytest.raises(DeckError) as direct:
        open_deck(path, use_cache=False)
    assert str(cached.value) == str(direct.value)
    assert cached.value.path == direct.value.path == path


def test_the_folder_holds_the_entry_and_the_key_and_nothing_else(tmp_path: Path) -> None:
    open_deck(write(tmp_path, "d.toml", SHORTEST))
    assert sorted(path.name for path in cache_dir().iterdir()) == sorted(
        [only_entry().name, KEY_FILE]
    )


def test_an_unwritable_cache_costs_nothing_but_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path, "not-a-folder", "x")
    monkeypatch.setenv("H2H_CACHE", str(blocker))
    assert open_deck(write(tmp_path, "d.toml", SHORTEST)).name == "Old friends"


def test_use_cache_false_writes_nothing(tmp_path: Path) -> None:
    open_deck(write(tmp_path, "d.toml", SHORTEST), use_cache=False)
    assert not cache_dir().exists()


def test_an_entry_a_power_cut_left_empty_is_a_miss(tmp_path: Path, parses: list[Path]) -> None:
    """Entries are written without waiting for the disk, so a power cut may leave one empty."""
    path = write(tmp_path, "d.toml", SHORTEST)
    deck = open_deck(path)
    only_entry().write_bytes(b"")
    assert open_deck(path) == deck
    assert len(parses) == 2
    assert only_entry().read_bytes()  # written again


def test_a_deck_served_from_the_cache_loads_no_parser(tmp_path: Path) -> None:
    """Opening a cached deck needs neither tomli nor the shape check (a game's start waits on
    every import)."""
    import subprocess
    import sys

    path = write(tmp_path, "d.toml", SHORTEST)
    probe = (
        "import sys; from h2h_game.decks.library import open_deck; "
        f"open_deck({str(path)!r}); "
        "print(sorted({'tomli', 'h2h_game.decks.shape'} & set(sys.modules)))"
    )
    env = {**os.environ, "H2H_CACHE": str(tmp_path / "cache")}
    run = [sys.executable, "-c", probe]
    first = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    again = subprocess.run(run, capture_output=True, text=True, check=True, env=env)
    assert "'tomli'" in first.stdout  # parsed, then cached
    assert again.stdout.strip() == "[]"
