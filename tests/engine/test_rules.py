"""One test (or a few) per rule in game-rules.md, in the order the rules are written."""

from __future__ import annotations

import pytest

from h2h_game.engine import (
    Agree,
    Answer,
    AskDeeper,
    DrawAnother,
    Effect,
    Ending,
    EndQuiet,
    Entry,
    FeltHeard,
    GoLighter,
    HandOver,
    IllegalAction,
    LeadTheWay,
    Length,
    Meet,
    NotQuite,
    NotYet,
    Pass,
    Pause,
    Phase,
    QuietMoment,
    Reflect,
    Remove,
    Resume,
    Setup,
    SetupError,
    ShareClosing,
    ThankYou,
    Undo,
    WrapUp,
    apply,
    is_legal,
    legal_actions,
    new_game,
    summarise,
    why_not,
)
from h2h_game.engine.rules import IDLE_GAP
from tests.engine.builders import (
    deck_with,
    game,
    make_deck,
    plain_deck,
    play,
    question,
    unshuffled,
    wild,
)

MET = (Answer(), Meet())


def kinds(state):
    return {action.kind for action in legal_actions(state)}


# --- setting up ------------------------------------------------------------------------------


class TestSetup:
    def test_names_default_to_player_1_and_player_2(self):
        state = game(names=("  ", ""))
        assert [p.name for p in state.players] == ["Player 1", "Player 2"]

    def test_identical_names_are_told_apart(self):
        state = game(names=("Sam", "sam"))
        assert state.players[0].name == "Sam"
        assert state.players[1].name == "sam (2)"

    @pytest.mark.parametrize("name", ["x" * 41, "Sam\x1b[31m", "tab\there"])
    def test_unprintable_or_long_names_are_refused(self, name):
        with pytest.raises(SetupError):
            game(names=(name, "Sam"))

    def test_lines_leave_tagged_cards_out_and_show_only_a_count(self):
        deck = make_deck(
            [
                question(1, "Plain?"),
                question(1, "Family?", "family"),
                question(1, "Money?", "money"),
            ]
        )
        state = game(deck, lines={"family", "money", "faith"})
        pile = state.table.piles[0]
        assert {deck.card(card).text for card in pile} == {"Plain?"}
        # Only topics the deck uses count; the tags themselves are nowhere in the state.
        assert state.table.lines == 2
        assert "family" not in repr(state.table.piles)

    def test_hidden_cards_are_left_out(self):
        deck = plain_deck()
        hidden = deck.levels[0].cards[0].id
        state = new_game(Setup(deck, hidden=frozenset({hidden}), seed=4))
        assert hidden not in state.table.piles[0]
        assert len(state.table.piles[0]) == len(deck.levels[0].cards) - 1

    def test_lines_that_empty_the_first_level_are_refused_with_a_reason(self):
        deck = make_deck([question(1, "Family?", "family")], [question(2, "Deep?")])
        with pytest.raises(SetupError, match="No cards are left"):
            game(deck, lines={"family"})

    def test_the_seed_fixes_the_piles(self):
        deck = plain_deck(per_level=12)
        assert game(deck, seed=7).table.piles == game(deck, seed=7).table.piles
        assert game(deck, seed=7).table.piles != game(deck, seed=8).table.piles

    def test_a_volunteer_speaks_first(self):
        assert game(first=1).now.speaker == 1
        assert game(first=0).now.speaker == 0

    def test_without_a_volunteer_the_seed_chooses_who_speaks_first(self):
        firsts = {new_game(Setup(plain_deck(), seed=seed)).now.speaker for seed in range(20)}
        assert firsts == {0, 1}

    def test_the_first_card_is_drawn_from_the_lightest_level(self):
        state = game()
        assert state.now.phase is Phase.SPEAKING
        assert state.card is not None and state.card.level == 1


# --- a turn ----------------------------------------------------------------------------------


class TestTurn:
    def test_answering_records_only_the_fact_of_an_answer(self):
        state = play(game(), Answer())
        assert state.now.phase is Phase.ANSWERED
        assert state.now.answered == 1
        assert kinds(state) >= {"reflect", "meet", "thank-you"}

    def test_passing_is_free_and_offers_draw_another_or_hand_over(self):
        before = game()
        state = play(before, Pass())
        assert state.now.phase is Phase.PASSED
        assert state.now.jar == 0 and state.now.answered == 0
        assert kinds(state) >= {"draw-another", "hand-over"}
        assert "answer" not in kinds(state)

    def test_draw_another_keeps_the_same_speaker_with_a_fresh_card(self):
        before = game()
        state = play(before, Pass(), DrawAnother())
        assert state.now.speaker == before.now.speaker
        assert state.now.card not in (None, before.now.card)

    def test_hand_over_gives_the_turn_to_the_other_player(self):
        before = game()
        state = play(before, Pass(), HandOver())
        assert state.now.speaker == 1 - before.now.speaker
        assert state.now.phase is Phase.SPEAKING

    def test_a_passed_card_never_comes_back(self):
        state = game(plain_deck(per_level=3, levels=1))
        passed = state.now.card
        state = play(state, Pass(), DrawAnother())
        seen = [state.now.card]
        state = play(state, Pass(), DrawAnother())
        seen.append(state.now.card)
        assert passed not in seen

    def test_felt_heard_adds_one_token_once_a_card(self):
        state = play(game(), Answer(), Reflect(), FeltHeard())
        assert state.now.jar == 1 and state.now.felt_heard == 1
        assert why_not(state, Reflect()) == "They already felt heard on this card."

    def test_not_quite_costs_nothing_and_lets_the_listener_try_again(self):
        state = play(game(), Answer(), Reflect(), NotQuite())
        assert state.now.jar == 0
        assert is_legal(state, Reflect())
        state = play(state, Reflect(), FeltHeard())
        assert state.now.jar == 1

    def test_meeting_them_there_adds_the_cards_level_in_tokens(self):
        state = play(game(), *MET)
        assert state.now.jar == 1 and state.now.met == 1

    def test_a_met_card_on_level_two_is_worth_two(self):
        state = play(game(), *MET, *MET, *MET)  # jar 3: level 2 unlocks
        state = play(state, Agree(0), Agree(1))
        assert state.now.level == 2 and state.card.level == 2
        jar = state.now.jar
        state = play(state, *MET)
        assert state.now.jar == jar + 2

    def test_thank_you_adds_nothing_and_takes_nothing(self):
        state = play(game(), Answer(), ThankYou())
        assert state.now.jar == 0

    def test_one_card_one_turn_speakers_alternate(self):
        state = game(first=0)
        speakers = []
        for _ in range(4):
            speakers.append(state.now.speaker)
            state = play(state, Answer(), ThankYou())
        assert speakers == [0, 1, 0, 1]

    def test_a_quiet_moment_after_an_answer_earns_and_costs_nothing(self):
        state = play(game(), Answer(), QuietMoment())
        assert state.now.quiet
        assert kinds(state) == {"end-quiet", "pause", "wrap-up", "undo"}
        state = play(state, EndQuiet())
        assert not state.now.quiet and state.now.phase is Phase.ANSWERED
        assert state.now.jar == 0

    def test_either_player_removes_a_card_and_the_speaker_draws_a_fresh_one(self):
        before = game()
        state = play(before, Remove())
        assert state.now.removed == (before.now.card,)
        assert state.now.speaker == before.now.speaker
        assert state.now.card not in (None, before.now.card)
        assert state.now.phase is Phase.SPEAKING

    def test_a_card_cannot_be_removed_once_answered(self):
        assert why_not(play(game(), Answer()), Remove()) == "There is no card to remove."


# --- going deeper, going lighter -------------------------------------------------------------


class TestDepth:
    def test_reaching_the_threshold_offers_to_go_deeper(self):
        state = play(game(), *MET, *MET, *MET)
        assert state.now.jar == 3
        assert state.now.offer is not None and state.now.offer.level == 2
        assert kinds(state) == {"agree", "not-yet", "pause", "wrap-up", "undo"}

    def test_going_deeper_needs_both_players(self):
        state = play(game(), *MET, *MET, *MET, Agree(0))
        assert state.now.level == 1
        assert state.now.offer.agreed == (True, False)
        assert why_not(state, Agree(0)) == "You have already agreed."
        state = play(state, Agree(1))
        assert state.now.level == 2 and state.now.offer is None
        assert state.card.level == 2

    def test_not_yet_stays_and_the_offer_returns_after_the_next_met_card(self):
        state = play(game(), *MET, *MET, *MET, Agree(0), NotYet())
        assert state.now.level == 1 and state.now.offer is None
        state = play(state, Answer(), ThankYou())
        assert state.now.offer is None  # a thank you is not reciprocation
        state = play(state, *MET)
        assert state.now.offer is not None and state.now.offer.level == 2

    def test_an_unlocked_level_can_be_asked_for_at_any_time(self):
        state = play(game(), *MET, *MET, *MET, NotYet(), Answer())
        state = play(state, AskDeeper(2))
        assert state.now.offer is not None and state.now.offer.asked
        state = play(state, Agree(1), Agree(0))
        assert state.now.level == 2

    def test_a_locked_level_cannot_be_asked_for(self):
        assert why_not(game(), AskDeeper(2)) == "The trust jar has not unlocked that level yet."

    def test_going_lighter_needs_only_one_player_and_brings_a_lighter_card(self):
        state = play(game(), *MET, *MET, *MET, Agree(0), Agree(1))
        state = play(state, GoLighter(1))
        assert state.now.level == 1 and state.card.level == 1
        # and the game does not push straight back down
        state = play(state, Answer(), ThankYou())
        assert state.now.offer is None

    def test_leading_the_way_draws_one_level_up_and_meeting_adds_courage(self):
        state = play(game(), LeadTheWay())
        assert state.card.level == 2 and state.now.led
        assert state.now.level == 1
        state = play(state, *MET)
        assert state.now.jar == 2 + 1
        # The game stays at the current level; the jar now offers the next one.
        assert state.now.level == 1
        assert state.now.offer is not None and state.now.offer.level == 2

    def test_leading_the_way_needs_a_level_above(self):
        state = game(plain_deck(levels=1))
        assert why_not(state, LeadTheWay()) == "There is no deeper level to lead the way to."


# --- wild cards ------------------------------------------------------------------------------


class TestWildCards:
    def test_both_answer_counts_as_met_when_both_have_answered(self):
        state = play(unshuffled(game(deck_with(Effect.BOTH_ANSWER))), *MET)
        assert state.now.met == 1 and state.now.jar == 1

    def test_swap_has_the_listener_answer_first(self):
        state = unshuffled(game(deck_with(Effect.SWAP), first=0))
        assert state.card.effect is Effect.SWAP
        assert state.answerer == 1 and state.responder == 0
        state = play(state, *MET)
        assert state.now.jar == 1 and state.now.speaker == 1

    def test_appreciate_is_worth_one_token_when_both_have_done_it(self):
        deck = make_deck(
            [question(1, "Q?")],
            [wild(2, "Tell each other one thing you appreciate.", Effect.APPRECIATE)],
        )
        state = play(unshuffled(game(deck)), LeadTheWay(), *MET)
        assert state.now.jar == 1

    def test_an_appreciate_card_cannot_be_reflected_on(self):
        state = play(unshuffled(game(deck_with(Effect.APPRECIATE))), Answer())
        assert why_not(state, Reflect()) == "This card has nothing to reflect on."

    def test_a_quiet_card_is_a_quiet_moment_and_then_the_turn_passes(self):
        state = unshuffled(game(deck_with(Effect.QUIET), first=0))
        state = play(state, Answer())
        assert state.now.quiet and state.now.answered == 0
        state = play(state, EndQuiet())
        assert state.now.speaker == 1 and state.now.jar == 0

    def test_a_deeper_card_draws_the_next_card_from_one_level_deeper(self):
        state = play(unshuffled(game(deck_with(Effect.DEEPER), first=0)), Answer())
        assert state.card.level == 2 and state.now.led
        assert state.now.speaker == 0 and state.now.level == 1
        state = play(state, *MET)
        assert state.now.jar == 3

    def test_a_wild_card_can_be_passed_or_removed(self):
        state = unshuffled(game(deck_with(Effect.APPRECIATE)))
        assert play(state, Pass()).now.phase is Phase.PASSED
        assert play(state, Remove()).now.removed == (state.now.card,)


# --- ending ----------------------------------------------------------------------------------


class TestEnding:
    def test_the_game_closes_when_the_length_is_reached(self):
        state = game(plain_deck(per_level=20), length=Length.SHORT)
        for _ in range(8):
            assert state.now.phase is not Phase.CLOSING
            state = play(state, Answer(), ThankYou())
        assert state.now.phase is Phase.CLOSING and state.now.ending is Ending.LENGTH

    def test_either_player_wraps_up_at_any_moment(self):
        for state in (game(), play(game(), Answer()), play(game(), Pause())):
            closed = play(state, WrapUp())
            assert closed.now.phase is Phase.CLOSING and closed.now.ending is Ending.WRAP_UP

    def test_the_game_closes_when_every_unlocked_pile_is_empty(self):
        state = game(plain_deck(per_level=2))
        state = play(state, Answer(), ThankYou(), Answer(), ThankYou())
        assert state.now.phase is Phase.CLOSING and state.now.ending is Ending.CARDS

    def test_an_empty_level_lets_the_players_go_lighter(self):
        deck = make_deck(
            [question(1, f"Light {i}?") for i in range(3)], [question(2, "Deep?")], unlocks=[0, 0]
        )
        state = play(unshuffled(game(deck)), AskDeeper(2), Agree(0), Agree(1))
        state = play(state, Answer(), ThankYou())
        assert state.now.phase is Phase.EMPTY
        assert kinds(state) >= {"go-lighter", "wrap-up"}
        state = play(state, GoLighter(1))
        assert state.now.phase is Phase.SPEAKING and state.card.level == 1

    def test_closing_needs_both_stars_and_wishes_or_a_skip(self):
        state = play(game(), WrapUp(), ShareClosing(1))
        assert state.now.phase is Phase.CLOSING
        assert play(state, ShareClosing(0)).now.phase is Phase.OVER
        assert play(state, WrapUp()).now.phase is Phase.OVER

    def test_nothing_is_legal_once_the_game_is_over(self):
        state = play(game(), WrapUp(), WrapUp())
        assert legal_actions(state) == []
        with pytest.raises(IllegalAction, match="The game is over"):
            apply(state, Answer())

    def test_the_summary_tells_the_evening_in_numbers(self):
        state = play(game(), Answer(), Reflect(), FeltHeard(), Meet(), Answer(), ThankYou())
        summary = summarise(play(state, WrapUp(), WrapUp()))
        assert (summary.answered, summary.met, summary.felt_heard, summary.jar) == (2, 1, 1, 2)
        assert summary.finished and summary.deepest_name == "Level 1"


# --- undo, pause and time ---------------------------------------------------------------------


class TestUndoPauseTime:
    def test_undo_restores_the_previous_state_exactly(self):
        before = play(game(), Answer())
        assert apply(apply(before, Meet()), Undo()) == before

    def test_there_is_nothing_to_undo_at_the_start(self):
        assert why_not(game(), Undo()) == "There is nothing to undo."

    def test_undo_reaches_back_within_this_turn_and_the_one_before(self):
        state = play(game(), Answer(), ThankYou(), Answer(), ThankYou(), Answer())
        steps = 0
        while is_legal(state, Undo()):
            state = apply(state, Undo())
            steps += 1
        assert steps == 3  # back to the start of turn 2, not into turn 1
        assert state.now.turn == 2

    def test_pause_hides_the_game_until_resumed(self):
        state = play(game(), Pause())
        assert kinds(state) == {"resume", "wrap-up"}
        assert play(state, Resume()).now == play(game(), Pause(), Resume()).now

    def test_time_together_counts_gaps_but_not_pauses_or_long_absences(self):
        state = game()
        state = apply(state, Answer(), now=1000.0)
        state = apply(state, Meet(), now=1300.0)  # 5 minutes talking
        state = apply(state, Pause(), now=1360.0)  # 1 more minute
        state = apply(state, Resume(), now=5000.0)  # paused: not counted
        state = apply(state, Answer(), now=5000.0 + 10 * IDLE_GAP)  # away: capped
        assert state.now.together == 300 + 60 + IDLE_GAP

    def test_illegal_actions_are_refused_with_a_reason(self):
        state = game()
        with pytest.raises(IllegalAction) as refusal:
            apply(state, Meet())
        assert refusal.value.reason == "You can meet them there after they have answered."


class TestLog:
    def test_log_entries_round_trip_through_plain_data(self):
        entries = [Entry(Answer(), 12.5), Entry(Agree(1), None), Entry(GoLighter(2), 3.0)]
        assert [Entry.from_dict(e.to_dict()) for e in entries] == entries

    @pytest.mark.parametrize(
        "data",
        [
            None,
            [],
            {"action": {"type": "answer"}, "at": "noon"},
            {"action": {"type": "answer"}, "at": True},
            {"action": {"type": "fly"}},
            {"action": {"type": "agree", "player": "1"}},
            {"action": {"type": "agree"}},
        ],
    )
    def test_anything_else_is_refused_as_a_value_error(self, data):
        with pytest.raises(ValueError):
            Entry.from_dict(data)
