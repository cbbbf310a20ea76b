"""What the table says after each move: every move is acknowledged, in plain words."""

from __future__ import annotations

import pytest

from h2h_game.engine import (
    Action,
    Agree,
    Answer,
    AskDeeper,
    DrawAnother,
    Effect,
    EndQuiet,
    FeltHeard,
    GameState,
    GoLighter,
    HandOver,
    KeepPlaying,
    LeadTheWay,
    Length,
    Meet,
    NotQuite,
    NotYet,
    Pass,
    Pause,
    QuietMoment,
    Reflect,
    Remove,
    Resume,
    ShareClosing,
    ShareLanding,
    Skip,
    ThankYou,
    Undo,
    WrapUp,
    apply,
)
from h2h_game.session import Step
from h2h_game.tui.said import first_token, said
from tests.engine.builders import deck_with, game, plain_deck, play, unshuffled


def told(state: GameState, action: Action) -> tuple[str, GameState]:
    after = apply(state, action)
    return str(said(Step(action, state, after))), after


MET = (Answer(), Meet())


@pytest.mark.parametrize(
    ("before", "action", "words"),
    [
        ((), Answer(), "Answered. Sam: reflect (r), meet them there (m), or say thank you (t)."),
        ((Answer(),), Reflect(), "Maya: did that land? Felt heard (h), or not quite (n)."),
        ((Answer(), Reflect()), FeltHeard(), "Felt heard — one token in the jar."),
        ((Answer(), Reflect()), NotQuite(), "Not quite — try saying it back again."),
        ((Answer(),), Meet(), "You met each other there: 1 token in the jar."),
        ((Answer(),), ThankYou(), "Thank you. Now it is Sam's turn."),
        ((), Pass(), "Passed — draw another (c) or hand over (o)."),
        ((Pass(),), DrawAnother(), "A fresh card for Maya."),
        ((Pass(),), HandOver(), "Handed over. Now it is Sam's turn."),
        ((), Remove(), "Card removed — it won't come back tonight."),
        ((Answer(),), QuietMoment(), "A quiet moment. Take your time."),
        ((Answer(), QuietMoment()), EndQuiet(), "Back at the table."),
        ((), Pause(), "Paused. The card is hidden."),
        ((Pause(),), Resume(), "Welcome back."),
        ((Answer(),), Undo(), "Undone: back to Maya's card."),
        ((Answer(), Reflect()), Undo(), "Undone: back to Maya's answer."),
        ((Answer(), Reflect(), NotQuite()), Undo(), "Undone: back to Sam's reflection."),
        ((Pass(), DrawAnother()), Undo(), "Undone: back to Maya's pass."),
        ((*MET, *MET, *MET), NotYet(), "Not yet: you stay at “Level 1”. The offer comes back "
         "after a card you meet each other on."),
        ((*MET, *MET, *MET), Agree(0), "Maya is ready. Waiting for the other."),
        ((*MET, *MET, *MET, Agree(0)), Agree(1), "Deeper: welcome to “Level 2”."),
        ((*MET, *MET, *MET, Agree(0)), Undo(), "Undone: back to the offer to go deeper."),
        ((*MET, *MET, *MET, NotYet(), Answer()), AskDeeper(2),
         "You asked to go deeper: both of you choose, each with your own key."),
        ((*MET, *MET, *MET, Agree(0), Agree(1)), GoLighter(1), "Lighter: back to “Level 1”."),
        ((), WrapUp(), "Wrapping up: the closing card."),
        ((LeadTheWay(), Answer()), WrapUp(),
         "Wrapping up. First, one light card to come back up together."),
        ((WrapUp(),), KeepPlaying(), "Back to the table: the evening goes on."),
        ((WrapUp(),), ShareClosing(1), "Sam has shared theirs."),
        ((WrapUp(),), Skip(), "Skipped."),
        ((LeadTheWay(), Answer(), WrapUp()), ShareLanding(0), "Maya has answered it."),
        ((LeadTheWay(), Answer(), WrapUp(), ShareLanding(0)), ShareLanding(1),
         "Back up together. One last card to close the evening."),
        ((LeadTheWay(), Answer(), WrapUp()), Skip(), "Skipped. The closing card is next."),
        ((LeadTheWay(), Answer(), WrapUp()), Undo(), "Undone: back to Maya's answer."),
        ((WrapUp(), Skip()), Undo(), "Undone: back to the closing card."),
    ],
)  # fmt: skip
def test_every_move_is_acknowledged_in_plain_words(
    before: tuple[Action, ...], action: Action, words: str
) -> None:
    state = play(unshuffled(game(plain_deck(per_level=8), first=0)), *before)
    assert told(state, action)[0] == words


def test_leading_the_way_says_where_the_card_comes_from_and_where_the_other_went() -> None:
    state = unshuffled(game(plain_deck(per_level=8), first=0))
    words, after = told(state, LeadTheWay())
    assert words == (
        "Maya leads the way: a card from “Level 2”, for them alone. "
        "The other card goes back under its pile."
    )
    assert told(after, Answer())[0].startswith("Answered.")
    assert told(play(after, Answer()), Meet())[0] == (
        "You met each other there: 3 tokens in the jar (one of them for courage)."
    )


def test_the_last_card_of_a_short_evening_is_said_to_be_the_last() -> None:
    state = game(plain_deck(per_level=20), length=Length.SHORT, first=0)
    for _ in range(7):
        state = play(state, Answer(), ThankYou())
    state = play(state, Answer())
    assert told(state, ThankYou())[0] == "That was the last card of the evening you chose."
    assert told(state, Meet())[0] == (
        "You met each other there: 1 token in the jar. "
        "That was the last card of the evening you chose."
    )


@pytest.mark.parametrize(
    ("effect", "words"),
    [
        (Effect.APPRECIATE, "Said. Now Sam: your turn to say yours (m)."),
        (Effect.QUIET, "A quiet moment together."),
        (Effect.DEEPER, "One level deeper: a card from “Level 2”."),
    ],
)
def test_answering_a_wild_card_says_what_comes_next(effect: Effect, words: str) -> None:
    state = unshuffled(game(deck_with(effect), first=0))
    assert told(state, Answer())[0] == words


def test_the_first_token_says_what_earns_tokens_and_what_they_open() -> None:
    state = play(game(plain_deck(per_level=8), first=0), Answer(), Reflect())
    after = play(state, FeltHeard())
    token = first_token(state, after)
    assert token is not None
    assert str(token) == (
        "Your first trust token. Tokens come from feeling heard and from meeting each other "
        "there. 3 of them open “Level 2”."
    )
    assert first_token(after, play(after, Meet())) is None  # only the first one
    assert first_token(game(), game()) is None
