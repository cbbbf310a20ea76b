"""The studio's files: opening, saving safely, noticing changes on disk, copies and exports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from h2h_game.decks.format import load_deck
from h2h_game.decks.library import DeckLookupError
from h2h_game.decks.problems import DeckError
from h2h_game.decks.spreadsheet import read_csv
from h2h_game.decks.studio import files
from h2h_game.paths import bundled_decks_dir, user_decks_dir
from tests.studio.decks import SMALL_DECK, write_small_deck


def test_reading_a_deck_keeps_the_bytes_it_was_read_from(tmp_path: Path):
    path = write_small_deck(tmp_path)
    deck, copy = files.read_deck(path)
    assert deck.name == "Kitchen table"
    assert copy.data == SMALL_DECK.encode()
    assert not copy.changed()


def test_a_broken_deck_lists_every_problem(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text('format = 1\n[deck]\nname = ""\n', encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        files.read_deck(path)
    assert len(caught.value.problems) == 2
    with pytest.raises(DeckError, match="no such file"):
        files.read_deck(tmp_path / "missing.toml")


def test_a_change_on_disk_is_noticed_but_a_touch_is_not(tmp_path: Path):
    path = write_small_deck(tmp_path)
    _, copy = files.read_deck(path)
    os.utime(path, ns=(1, 1))
    assert not copy.changed()  # same bytes, new time: nothing to lose
    path.write_text(SMALL_DECK.replace("Kitchen", "Garden"), encoding="utf-8")
    assert copy.changed()
    path.unlink()
    assert not copy.changed()  # gone: saving puts it back, overwriting nobody


def test_a_file_made_where_a_new_deck_will_go_counts_as_a_change(tmp_path: Path):
    copy = files.DiskCopy.of(tmp_path / "new.toml")
    assert copy.data is None
    (tmp_path / "new.toml").write_text("x", encoding="utf-8")
    assert copy.changed()


def test_writing_replaces_whole_and_returns_what_it_wrote(tmp_path: Path):
    path = write_small_deck(tmp_path)
    path.chmod(0o640)
    written = files.write_atomically(path, "format = 1\n")
    assert path.read_text(encoding="utf-8") == "format = 1\n"
    assert written.data == b"format = 1\n"
    assert not written.changed()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_exclusive_writing_never_overwrites(tmp_path: Path):
    path = write_small_deck(tmp_path)
    with pytest.raises(FileExistsError):
        files.write_atomically(path, "new", exclusive=True)
    assert path.read_text(encoding="utf-8") == SMALL_DECK
    assert len(list(tmp_path.iterdir())) == 1


def test_new_folders_are_private(tmp_path: Path):
    folder = tmp_path / "a" / "b"
    files.write_atomically(folder / "deck.toml", "x")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700


def test_free_paths_and_slugs(tmp_path: Path):
    assert files.slug("Road trip!") == "road-trip"
    assert files.slug("***") == "deck"
    (tmp_path / "road-trip.toml").write_text("", encoding="utf-8")
    assert files.free_path(tmp_path, "Road trip").name == "road-trip-2.toml"


def test_duplicating_a_bundled_deck_copies_it_to_your_decks_unchanged():
    source = bundled_decks_dir() / "partners.toml"
    before = source.read_bytes()
    deck = load_deck(source)
    path, copy, _ = files.duplicate(deck)
    assert path.parent == user_decks_dir()
    assert copy.name == f"{deck.name} (copy)"
    assert load_deck(path).levels == deck.levels
    assert source.read_bytes() == before
    again, _, _ = files.duplicate(deck)
    assert again != path


def test_a_long_name_still_fits_with_copy_after_it():
    assert len(files.copy_name("x" * 60)) == 60


def test_bundled_decks_are_known(tmp_path: Path):
    assert files.is_bundled(bundled_decks_dir() / "partners.toml")
    assert not files.is_bundled(write_small_deck(tmp_path))


def test_importing_a_csv_gives_a_deck_or_the_rows_that_are_wrong(tmp_path: Path):
    good = tmp_path / "our-questions.csv"
    good.write_text("level,text\n1,What made you smile?\n2,What keeps you up?\n", encoding="utf-8")
    assert files.import_csv(good).name == "Our questions"
    bad = tmp_path / "bad.csv"
    bad.write_text("level,text\n1,\n", encoding="utf-8")
    with pytest.raises(DeckError, match="row 2"):
        files.import_csv(bad)


def test_exports_write_csv_and_a_printable_page(tmp_path: Path):
    deck, _ = files.read_deck(write_small_deck(tmp_path))
    files.export_csv(deck, tmp_path / "out.csv")
    assert read_csv((tmp_path / "out.csv").read_bytes(), "out.csv", meta=deck) == deck
    files.export_cards(deck, tmp_path / "out.html")
    assert "<html" in (tmp_path / "out.html").read_text(encoding="utf-8")
    csv_path, html_path = files.export_paths(tmp_path / "deck.toml", "Deck")
    assert (csv_path.name, html_path.name) == ("deck.csv", "deck-cards.html")


def test_finding_a_deck_file_by_name_or_path(tmp_path: Path):
    assert files.find_deck_file("partners") == bundled_decks_dir() / "partners.toml"
    assert files.find_deck_file("Partners") == bundled_decks_dir() / "partners.toml"
    assert files.find_deck_file(str(tmp_path / "new.toml")) == tmp_path / "new.toml"
    with pytest.raises(DeckLookupError, match="no deck by this name"):
        files.find_deck_file("nothing like it")


def test_what_is_not_a_deck_file_is_refused_in_words(tmp_path: Path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(DeckError, match="FIFO"):
        files.read_deck(fifo)
    with pytest.raises(DeckError, match="folder"):
        files.read_deck(tmp_path)
    with pytest.raises(DeckError, match="folder"):
        files.import_csv(tmp_path)
    with pytest.raises(DeckError, match="no such file"):
        files.import_csv(tmp_path / "missing.csv")


def test_a_file_that_cannot_be_read_any_more_counts_as_changed(tmp_path: Path):
    path = write_small_deck(tmp_path)
    _, copy = files.read_deck(path)
    path.unlink()
    os.mkfifo(path)  # an editor that left a pipe behind: not our bytes
    assert copy.changed()


def test_a_failed_exclusive_write_leaves_no_claim_behind(tmp_path: Path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "write_atomic", full_disk)
    with pytest.raises(OSError, match="No space"):
        files.write_atomically(tmp_path / "new.toml", "x", exclusive=True)
    assert not (tmp_path / "new.toml").exists()


def test_a_duplicate_takes_the_next_free_name_when_one_is_taken_meanwhile(monkeypatch):
    deck = load_deck(bundled_decks_dir() / "partners.toml")
    folder = user_decks_dir()
    folder.mkdir(parents=True)
    taken = folder / "partners-copy.toml"
    taken.write_text("someone else's", encoding="utf-8")
    names = iter([taken, folder / "partners-copy-2.toml"])
    monkeypatch.setattr(files, "free_path", lambda *args: next(names))
    path, _, _ = files.duplicate(deck)
    assert path.name == "partners-copy-2.toml"
    assert taken.read_text(encoding="utf-8") == "someone else's"


def test_names_made_from_files_and_exports_for_a_deck_not_saved_yet():
    assert files.name_for(Path("road_trip-2.toml")) == "Road trip 2"
    assert files.name_for(Path("_.toml")) == "My deck"
    csv_path, html_path = files.export_paths(None, "Road trip")
    assert (csv_path.parent, csv_path.name, html_path.name) == (
        user_decks_dir(),
        "road-trip.csv",
        "road-trip-cards.html",
    )


def test_two_decks_of_one_name_ask_for_the_path(tmp_path: Path):
    write_small_deck(user_decks_dir())
    write_small_deck(tmp_path / "shared")
    with pytest.raises(DeckLookupError, match="2 decks answer"):
        files.find_deck_file("Kitchen table", [tmp_path / "shared"])
