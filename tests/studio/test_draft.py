"""The draft: what it holds, the edits made to it, and undo and redo of every one of them."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from h2h_game.decks.format import load_deck
from h2h_game.decks.studio.draft import STARTER_LEVELS, CardDraft, Draft
from h2h_game.decks.studio.edits import ReplaceCard
from h2h_game.engine.deck import Effect, Kind
from h2h_game.paths import bundled_decks_dir
from tests.studio.decks import built, small_draft


def test_every_bundled_deck_comes_back_equal_from_its_draft():
    for path in sorted(bundled_decks_dir().glob("*.toml")):
        deck = load_deck(path)
        assert built(Draft.from_deck(deck)) == deck, path.name


def test_a_draft_leaves_out_what_the_file_could_leave_out():
    draft = Draft.from_deck(built(small_draft()))
    document = draft.document()
    assert document["deck"] == {"name": "Two levels", "tags": {"family": "Family"}}
    assert "unlock" not in document["levels"][1]
    assert document["levels"][0]["cards"][0] == "What made you smile today?"
    assert document["levels"][1]["cards"][1] == {
        "text": "Both of you: a quiet minute.",
        "kind": "wild",
        "effect": "quiet",
    }


def test_a_new_deck_has_three_empty_levels_and_no_language_when_english():
    draft = Draft.new("Road trip", description="For the long drive.", language="en")
    assert [level.name for level in draft.levels] == list(STARTER_LEVELS)
    assert all(not level.cards for level in draft.levels)
    assert "language" not in draft.document()["deck"]
    assert Draft.new("Roadtrip", language="nl").document()["deck"]["language"] == "nl"


def test_typing_into_one_card_is_one_undo_step():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    for text in ("W", "Wh", "Wha", "What now?"):
        draft.set_card_text(key, text)
    assert draft.card(key).text == "What now?"
    draft.undo()
    assert draft.card(key).text == "What made you smile today?"
    assert not draft.dirty
    draft.redo()
    assert draft.card(key).text == "What now?"


def test_typing_back_to_the_start_leaves_nothing_to_undo():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.set_card_text(key, "What made you smile?")
    draft.set_card_text(key, "What made you smile today?")
    assert not draft.can_undo
    assert not draft.dirty


def test_a_sealed_run_of_typing_starts_a_new_undo_step():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.set_card_text(key, "First?")
    draft.seal()
    draft.set_card_text(key, "Second?")
    draft.undo()
    assert draft.card(key).text == "First?"


def test_saving_marks_clean_and_undo_past_the_save_marks_dirty():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.set_card_text(key, "First?")
    draft.mark_saved()
    assert not draft.dirty
    draft.undo()
    assert draft.dirty
    draft.redo()
    assert not draft.dirty


def test_a_new_edit_clears_what_could_be_redone():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.delete_card(key)
    draft.undo()
    assert draft.can_redo
    draft.add_card(draft.levels[0].key)
    assert not draft.can_redo


def test_moving_a_card_to_another_level_and_back():
    draft = small_draft()
    card = draft.levels[0].cards[0]
    draft.move_card(card.key, draft.levels[1].key)
    assert draft.levels[1].cards[-1] is card
    assert draft.position(card.key) == (1, 2)
    draft.undo()
    assert draft.position(card.key) == (0, 0)


def test_moving_a_card_within_its_level():
    draft = small_draft()
    first, second = draft.levels[0].cards
    draft.move_card(first.key, draft.levels[0].key, 1)
    assert draft.levels[0].cards == [second, first]
    assert draft.move_card(first.key, draft.levels[0].key, 1) is None


def test_declaring_a_tag_on_the_spot_is_one_undo_step_with_the_card():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.set_card_tags(key, ("joy",), declare=(("joy", "Joy"),))
    assert ("joy", "Joy") in draft.details.tags
    assert draft.card(key).tags == ("joy",)
    draft.undo()
    assert draft.details.tags == (("family", "Family"),)
    assert draft.card(key).tags == ()


def test_removing_a_tag_takes_it_off_every_card():
    draft = small_draft()
    draft.remove_tag("family")
    assert draft.details.tags == ()
    assert all("family" not in card.tags for _, card in draft.cards())
    draft.undo()
    assert draft.levels[0].cards[1].tags == ("family",)


def test_a_wild_card_back_to_a_question_loses_its_effect():
    draft = small_draft()
    key = draft.levels[1].cards[1].key
    draft.set_card_kind(key, Kind.QUESTION, Effect.QUIET)
    assert draft.card(key).effect is None


def test_unlocks_work_out_the_defaults():
    draft = small_draft()
    draft.add_level("Third")
    assert draft.unlocks() == [0, 3, 9]
    draft.set_level(draft.levels[1].key, "unlock", 5)
    assert draft.unlocks() == [0, 5, 11]


# --- every edit undoes exactly -----------------------------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "text",
                "add",
                "delete",
                "move",
                "kind",
                "tags",
                "detail",
                "level",
                "add-level",
                "delete-level",
                "move-level",
                "landing",
                "closing",
                "undo",
                "redo",
            ]
        ),
        st.integers(0, 50),
        st.text(max_size=12),
    ),
    max_size=25,
)


def _make(draft: Draft, verb: str, number: int, text: str) -> None:
    cards = [card for _, card in draft.cards()]
    card = cards[number % len(cards)] if cards else None
    level = draft.levels[number % len(draft.levels)] if draft.levels else None
    if verb == "text" and card:
        draft.set_card_text(card.key, text, typing=number % 2 == 0)
    elif verb == "add" and level:
        draft.add_card(level.key, number, text)
    elif verb == "delete" and card:
        draft.delete_card(card.key)
    elif verb == "move" and card and level:
        draft.move_card(card.key, level.key, number % 3)
    elif verb == "kind" and card:
        draft.set_card_kind(card.key, Kind.WILD if number % 2 else Kind.QUESTION, Effect.SWAP)
    elif verb == "tags" and card:
        draft.set_card_tags(card.key, (text,) if text else (), declare=((f"t{number}", text),))
    elif verb == "detail":
        draft.set_detail(("name", "description", "author")[number % 3], text, typing=True)
    elif verb == "level" and level:
        draft.update_level(level.key, name=text, unlock=number if number % 2 else None)
    elif verb == "add-level":
        draft.add_level(text, number)
    elif verb == "delete-level" and level and len(draft.levels) > 1:
        draft.delete_level(level.key)
    elif verb == "move-level" and level:
        draft.move_level(level.key, number)
    elif verb == "landing":
        draft.set_landing((*draft.ending.landing, text))
    elif verb == "closing":
        draft.set_closing(text, typing=True)
    elif verb == "undo":
        draft.undo()
    elif verb == "redo":
        draft.redo()


@given(EDITS)
def test_undoing_every_edit_gives_back_the_deck_and_redoing_gives_the_edits(edits):
    draft = small_draft()
    start = copy.deepcopy(draft.document())
    for edit in edits:
        _make(draft, *edit)
    while draft.redo():
        pass
    end = copy.deepcopy(draft.document())
    while draft.undo():
        pass
    assert draft.document() == start
    assert not draft.dirty
    while draft.redo():
        pass
    assert draft.document() == end
    for _, card in draft.cards():
        assert draft.card(card.key) is card  # positions stay right through it all


def test_cards_keep_their_key_through_edits():
    draft = small_draft()
    card = draft.levels[0].cards[0]
    draft.set_card_text(card.key, "Changed?")
    assert draft.levels[0].cards[0].key == card.key
    assert CardDraft("x").key != CardDraft("x").key


def test_every_edit_says_what_it_did_and_what_to_show_after_undo():
    draft = small_draft()
    first, second = draft.levels
    card = first.cards[0]
    made = [
        draft.set_detail("author", "Sam"),
        draft.set_level(second.key, "unlock", 5),
        draft.set_card_text(card.key, "Who?", typing=False),
        draft.move_card(card.key, second.key),
        draft.delete_card(card.key),
        draft.move_level(second.key, 0),
        draft.set_landing(("What now?",)),
        draft.set_closing("Thank you.", typing=False),
        draft.set_tags((("joy", "Joy"),)),
        draft.delete_level(first.key),
    ]
    labels = [edit.label for edit in made if edit is not None]
    assert labels == [
        "Change the deck's author",
        "Change a level's unlock",
        "Edit a card's text",
        "Move a card to another level",
        "Delete a card",
        "Move a level",
        "Change the landing cards",
        "Change the closing card",
        "Change the tags",
        "Delete a level",
    ]
    focus = [edit.focus() for edit in made if edit is not None]
    assert focus[:4] == [
        ("deck", "author"),
        ("level", second.key),
        ("card", card.key),
        ("card", card.key),
    ]
    assert focus[5:8] == [("level-at", 0), ("ending", "landing"), ("ending", "closing")]
    while draft.undo():
        pass
    assert draft.document() == small_draft_document()


def small_draft_document():
    return small_draft().document()


def test_moving_a_card_up_within_its_level_is_labelled_so():
    draft = small_draft()
    card = draft.levels[0].cards[1]
    edit = draft.move_card(card.key, draft.levels[0].key, 0)
    assert edit is not None and edit.label == "Move a card up or down"
    assert draft.move_level(draft.levels[0].key, 0) is None


def test_renaming_a_tag_renames_it_on_its_cards_as_one_step():
    draft = small_draft()
    draft.rename_tag("family", "kin", "Kin")
    assert draft.details.tags == (("kin", "Kin"),)
    assert draft.levels[0].cards[1].tags == ("kin",)
    assert draft.tag_uses() == {"kin": 1}
    draft.undo()
    assert draft.levels[0].cards[1].tags == ("family",)
    draft.rename_tag("family", "family", "Our family")  # the label only
    assert draft.details.tags == (("family", "Our family"),)


def test_a_level_changed_in_one_step_and_an_unchanged_one_not_at_all():
    draft = small_draft()
    level = draft.levels[1]
    edit = draft.update_level(level.key, name="Deep", description="Go slow.", settle=2)
    assert edit is not None and edit.label == "Change a level"
    assert (level.name, level.description, level.settle) == ("Deep", "Go slow.", 2)
    document = draft.document()["levels"][1]
    assert document["settle"] == 2 and document["description"] == "Go slow."
    assert draft.update_level(level.key, name="Deep") is None
    draft.undo()
    assert (level.name, level.settle) == ("Deeper", None)


def test_a_card_with_its_own_id_keeps_it_in_the_file():
    draft = small_draft()
    key = draft.levels[0].cards[0].key
    draft.apply(ReplaceCard(draft.card(key), replace(draft.card(key), id="smile")))
    assert draft.document()["levels"][0]["cards"][0] == {
        "text": "What made you smile today?",
        "id": "smile",
    }


def test_taking_back_an_edit_leaves_nothing_to_redo_and_only_the_last_can_go():
    draft = small_draft()
    card, edit = draft.add_card(draft.levels[0].key)
    author = draft.set_detail("author", "Ann")
    assert not draft.take_back(edit)  # not the last edit any more
    assert author is not None and draft.take_back(author)
    assert draft.take_back(edit)
    assert not draft.has_card(card.key)
    assert not draft.can_redo and not draft.can_undo
    assert draft.next_undo is None


def test_lookups_of_what_is_not_there_fail_plainly():
    draft = small_draft()
    with pytest.raises(KeyError):
        draft.level_index(-1)
    with pytest.raises(KeyError):
        draft.position(-1)
    assert draft.level_of(draft.levels[1].cards[0].key) is draft.levels[1]
    assert draft.card_count == 4
    draft.mark_unsaved()
    assert draft.dirty
