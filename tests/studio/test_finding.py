"""Finding cards: by words, level, tag and problems; headings and empty levels in the rows."""

from __future__ import annotations

from h2h_game.decks.studio.checks import ProblemBook, Snapshot, check_whole
from h2h_game.decks.studio.finding import (
    CARD,
    EMPTY,
    HEADING,
    Filter,
    Show,
    find_rows,
    row_of_card,
    row_of_level,
)
from tests.studio.decks import small_draft


def checked(draft):
    book = ProblemBook()
    book.take_whole(check_whole(Snapshot.of(draft, "deck")))
    return book


def test_without_a_filter_every_level_shows_with_a_note_on_the_empty_ones():
    draft = small_draft()
    draft.add_level("Empty")
    rows = find_rows(draft, ProblemBook(), Filter())
    assert rows == [
        (0, -1, HEADING),
        (0, 0, CARD),
        (0, 1, CARD),
        (1, -1, HEADING),
        (1, 0, CARD),
        (1, 1, CARD),
        (2, -1, HEADING),
        (2, 0, EMPTY),
    ]
    assert not Filter().active


def test_words_are_found_in_any_case_and_only_levels_with_a_match_show():
    draft = small_draft()
    rows = find_rows(draft, ProblemBook(), Filter(text="  SUNDAYS "))
    assert rows == [(0, -1, HEADING), (0, 1, CARD)]


def test_a_level_or_a_tag_narrows_the_rows():
    draft = small_draft()
    level = draft.levels[1]
    assert find_rows(draft, ProblemBook(), Filter(level=level.key)) == [
        (1, -1, HEADING),
        (1, 0, CARD),
        (1, 1, CARD),
    ]
    assert find_rows(draft, ProblemBook(), Filter(tag="family")) == [(0, -1, HEADING), (0, 1, CARD)]
    empty = draft.add_level("Empty")
    assert find_rows(draft, ProblemBook(), Filter(level=empty.key)) == [
        (2, -1, HEADING),
        (2, 0, EMPTY),
    ]


def test_only_the_cards_with_problems_or_errors():
    draft = small_draft()
    warned = draft.levels[0].cards[0].key
    draft.set_card_text(warned, "Do you like tea?", typing=False)
    broken = draft.levels[1].cards[0].key
    draft.set_card_text(broken, " ", typing=False)
    book = checked(draft)
    problems = find_rows(draft, book, Filter(show=Show.PROBLEMS))
    errors = find_rows(draft, book, Filter(show=Show.ERRORS))
    # The deck has an error, so the doctor's whole-deck warnings wait; card advice does not.
    assert [row for row in problems if row[2] == CARD] == [(0, 0, CARD), (1, 0, CARD)]
    assert [row for row in errors if row[2] == CARD] == [(1, 0, CARD)]


def test_rows_are_found_again_by_card_and_by_level():
    draft = small_draft()
    rows = find_rows(draft, ProblemBook(), Filter(text="carrying"))
    key = draft.levels[1].cards[0].key
    assert row_of_card(rows, draft, key) == 1
    assert row_of_card(rows, draft, draft.levels[0].cards[0].key) is None  # filtered out
    gone = draft.levels[1].cards[1].key
    draft.delete_card(gone)
    assert row_of_card(rows, draft, gone) is None
    assert row_of_level(rows, 1) == 0
    assert row_of_level(rows, 0) is None
