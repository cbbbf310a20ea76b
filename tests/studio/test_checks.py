"""The studio's checks: the decks part's errors and advice, pinned to the card they are about."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from h2h_game.decks.problems import Severity
from h2h_game.decks.studio.checks import (
    ProblemBook,
    Snapshot,
    check_card,
    check_structure,
    check_whole,
)
from h2h_game.decks.studio.draft import CardDraft, Draft
from h2h_game.decks.writer import deck_to_toml
from tests.studio.decks import small_draft


def test_a_valid_draft_has_no_errors_and_gives_its_deck():
    check = check_whole(Snapshot.of(small_draft(), "draft"))
    assert check.valid
    assert check.error_list == ()
    assert check.deck is not None and check.deck.name == "Two levels"


def test_an_error_points_at_its_card():
    draft = small_draft()
    card = draft.levels[1].cards[0]
    draft.set_card_text(card.key, "   ")
    check = check_whole(Snapshot.of(draft, "draft"))
    assert not check.valid
    assert check.first_error == ("card", card.key)
    assert "empty" in check.errors[("card", card.key)][0].message


def test_a_duplicate_is_reported_at_the_later_card():
    draft = small_draft()
    later = draft.levels[1].cards[0]
    draft.set_card_text(later.key, "what made you  SMILE today?")
    check = check_whole(Snapshot.of(draft, "draft"))
    assert list(check.errors) == [("card", later.key)]
    assert "duplicate card" in check.errors[("card", later.key)][0].message


def test_level_errors_point_at_their_level():
    draft = Draft.new("Fresh")
    check = check_whole(Snapshot.of(draft, "draft"))
    assert {target for target in check.errors} == {("level", level.key) for level in draft.levels}


def test_the_doctor_speaks_only_of_a_valid_deck_and_pins_advice_to_the_card():
    draft = small_draft()
    card = draft.levels[0].cards[0]
    draft.set_card_text(card.key, "Do you like mornings?")
    check = check_whole(Snapshot.of(draft, "draft"))
    assert check.linted
    messages = [problem.message for problem in check.warnings[("card", card.key)]]
    assert any(message.startswith("closed question") for message in messages)


def test_a_cards_own_check_gives_errors_and_advice_with_a_rewrite():
    check = check_card(CardDraft("What do you love about your job?"))
    assert check.errors == ()
    assert check.advice[0].rewrite == "What stands out to you about your job?"
    assert check.warnings[0].severity is Severity.WARNING
    assert "control character" in check_card(CardDraft("Why?\x1b[2J")).errors[0].message
    assert check_card(CardDraft("x" * 401)).errors


def test_the_structure_check_finds_level_errors_without_the_cards():
    draft = small_draft()
    draft.set_level(draft.levels[1].key, "name", "warm UP")
    draft.add_level("Empty")
    problems = check_structure(draft)
    assert set(problems) == {("level", draft.levels[1].key), ("level", draft.levels[2].key)}


def test_the_book_lays_fresh_checks_over_the_whole_one():
    draft = small_draft()
    card = draft.levels[0].cards[0]
    book = ProblemBook()
    book.take_whole(check_whole(Snapshot.of(draft, "draft")))
    assert (book.error_count, book.warning_count) == (0, book.warning_count)
    before = book.warning_count
    draft.set_card_text(card.key, "")
    book.take_card(card.key, check_card(draft.card(card.key)))
    assert book.error_count == 1
    assert book.severity(("card", card.key)) is Severity.ERROR
    draft.set_card_text(card.key, "What made you laugh today?")
    book.take_card(card.key, check_card(draft.card(card.key)))
    assert book.error_count == 0
    assert book.warning_count == before
    book.take_whole(check_whole(Snapshot.of(draft, "draft")))
    assert book.fresh_cards == {}


def test_what_the_studio_says_is_what_validate_and_lint_say(tmp_path: Path):
    """A deck the studio finds valid, with N warnings, validates and lints the same way."""
    draft = small_draft()
    draft.set_card_text(draft.levels[0].cards[0].key, "Do you like mornings?")
    check = check_whole(Snapshot.of(draft, str(tmp_path / "deck.toml")))
    assert check.deck is not None
    path = tmp_path / "deck.toml"
    path.write_text(deck_to_toml(check.deck), encoding="utf-8")
    h2h = [sys.executable, "-m", "h2h_game", "deck"]
    validate = subprocess.run([*h2h, "validate", str(path)], capture_output=True, text=True)
    assert validate.returncode == 0, validate.stderr
    lint = subprocess.run([*h2h, "lint", str(path)], capture_output=True, text=True)
    assert lint.stdout.splitlines() == [str(problem) for problem in check.warning_list]


def test_places_in_the_file_point_at_what_they_are_about():
    draft = small_draft()
    snapshot = Snapshot.of(draft, "deck")
    first = draft.levels[0]
    assert snapshot.target("levels[0].cards[1]") == ("card", first.cards[1].key)
    assert snapshot.target("levels[0]") == ("level", first.key)
    assert snapshot.target("levels[9].cards[0]") == ("deck", "")  # no such card any more
    assert snapshot.target("levels[9]") == ("deck", "")
    assert snapshot.target("ending.landing[2]") == ("landing", 2)
    assert snapshot.target("ending.landing") == ("ending", "landing")
    assert snapshot.target("ending.closing") == ("ending", "closing")
    assert snapshot.target("deck.tags.family") == ("deck", "tags")
    assert snapshot.target("deck.name") == ("deck", "name")
    assert snapshot.target("format") == ("deck", "")


def test_landing_cards_and_details_get_their_problems_too():
    draft = small_draft()
    draft.set_landing(("Do you feel rested?", "  "))
    draft.set_detail("language", "not a tag!")
    check = check_whole(Snapshot.of(draft, "deck"))
    assert ("landing", 1) in check.errors and ("deck", "language") in check.errors
    assert ("landing", 0) in check.warnings  # the doctor reads landing cards as questions
    structure = check_structure(draft)
    assert set(structure) == {("landing", 1), ("deck", "language")}
    book = ProblemBook()
    book.take_whole(check)
    book.take_structure(structure)
    assert book.errors(("deck", "language")) == structure[("deck", "language")]
    assert book.error_count == 2
    draft.set_detail("language", "nl")
    book.take_structure(check_structure(draft))
    assert book.errors(("deck", "language")) == ()
    assert book.error_count == 1


def test_a_fresh_card_check_replaces_the_whole_checks_word_on_that_card():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.set_card_text(key, "Do you like tea?", typing=False)
    book = ProblemBook()
    book.take_whole(check_whole(Snapshot.of(draft, "deck")))
    before = book.warning_count
    assert book.warnings(("card", key))
    draft.set_card_text(key, "What tea do you like?", typing=False)
    book.take_card(key, check_card(draft.card(key)))
    assert book.warnings(("card", key)) == ()
    assert book.warning_count == before - 1
    book.take_whole(check_whole(Snapshot.of(draft, "deck")), [key], changed_rest=True)
    assert key in book.fresh_cards  # changed again since that check: the fresh word stays
