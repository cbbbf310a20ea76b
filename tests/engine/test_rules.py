"""One test (or a few) per rule in `docs/game-rules.md`, in the order the rules are written."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest

from h2h_game.engine import (
    LANDING_CARDS,
    UNDO_DEPTH,
    Agree,
    Answer,
    AskDeeper,
    DrawAnother,
    Effect,
    Ending,
    EndQuiet,
    FeltHeard,
    GoLighter,
    HandOver,
    IllegalAction,
    KeepPlaying,
    LeadTheWay,
    Length,
    LogEntry,
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
    ShareLanding,
    Skip,
    ThankYou,
    Undo,
    WrapUp,
    apply,
    deal_game,
    grapheme_count,
    is_legal,
    legal_actions,
    replay,
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

    @pytest.mark.parametrize("names", [("Sam", "Sam"), ("Sam", "sam"), ("  Zoë", "ZOË ")])
    def test_identical_names_are_refused_with_a_clear_word(self, names):
        with pytest.raises(SetupError, match="Both players are called"):
            game(names=names)

    @pytest.mark.parametrize(
        ("name", "says"),
        [
            ("x" * 41, "at most 40 characters"),
            ("Sam\x1b[31m", "U+001B"),
            ("tab\there", "U+0009"),
            ("Ann\u202eaM", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
            ("Bo\u2066b", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ],
    )
    def test_control_long_and_bidi_names_are_refused_naming_the_character(self, name, says):
        with pytest.raises(SetupError, match=re.escape(says)):
            game(names=(name, "Sam"))

    @pytest.mark.parametrize(
        "name",
        [
            "Zoë 👩‍👩‍👧",  # a family emoji joined with ZWJs
            "\u0645\u0647\u200c\u0633\u0627",  # a Persian name with a zero-width non-joiner
            "Zoe\u0308",  # e and a combining diaeresis
            "🇳🇱 Anouk",
        ],
    )
    def test_names_with_joiners_and_combining_marks_are_kept_whole(self, name):
        state = game(names=(name, "Sam"))
        assert state.players[0].name == unicodedata.normalize("NFC", name)

    def test_a_name_is_measured_in_characters_as_a_reader_counts_them(self):
        family = "👩‍👩‍👧"
        assert grapheme_count(family) == 1
        assert grapheme_count("🇳🇱🇧🇪") == 2
        assert grapheme_count("e\u0301") == 1
        game(names=(family * 40, "Sam"))  # forty characters, many more code points
        with pytest.raises(SetupError, match="at most 40"):
            game(names=(family * 41, "Sam"))

    def test_lines_leave_tagged_cards_out_and_leave_no_trace_of_which_topics(self):
        deck = make_deck(
            [
                question(1, "Plain?", "body"),
                question(1, "Family?", "family"),
                question(1, "Money?", "money"),
            ]
        )
        state = game(deck, lines={"family", "money", "faith"})
        pile = state.deal.piles[0]
        assert {deck.card(card).text for card in pile} == {"Plain?"}
        # The game's copy of the deck holds only the cards in play, with no tags at all: no
        # count and no saved detail tells which topics either player ticked.
        assert [card.text for card in state.deck.cards] == ["Plain?"]
        assert state.deck.tags == () and state.deck.cards[0].tags == ()
        text = repr(state)
        assert "family" not in text.casefold() and "money" not in text.casefold()

    def test_hidden_cards_are_left_out(self):
        deck = plain_deck()
        hidden = deck.levels[0].cards[0].id
        state = deal_game(Setup(deck, hidden=frozenset({hidden}), seed=4))
        assert hidden not in state.deal.piles[0]
        assert len(state.deal.piles[0]) == len(deck.levels[0].cards) - 1

    def test_lines_that_empty_the_first_level_are_refused_with_a_reason(self):
        deck = make_deck([question(1, "Family?", "family")], [question(2, "Deep?")])
        with pytest.raises(SetupError, match="No cards are left"):
            game(deck, lines={"family"})

    def test_the_seed_fixes_the_piles(self):
        deck = plain_deck(per_level=12)
        assert game(deck, seed=7).deal.piles == game(deck, seed=7).deal.piles
        assert game(deck, seed=7).deal.piles != game(deck, seed=8).deal.piles

    def test_a_volunteer_speaks_first(self):
        assert game(first=1).moment.speaker == 1
        assert game(first=0).moment.speaker == 0

    def test_without_a_volunteer_the_seed_chooses_who_speaks_first(self):
        firsts = {deal_game(Setup(plain_deck(), seed=seed)).moment.speaker for seed in range(20)}
        assert firsts == {0, 1}

    def test_the_first_card_is_drawn_from_the_lightest_level(self):
        state = game()
        assert state.moment.phase is Phase.SPEAKING
        assert state.card is not None and state.card.level == 1


# --- a turn ----------------------------------------------------------------------------------


class TestTurn:
    def test_answering_records_only_the_fact_of_an_answer(self):
        state = play(game(), Answer())
        assert state.moment.phase is Phase.ANSWERED
        assert state.moment.answered == 1
        assert kinds(state) >= {"reflect", "meet", "thank-you"}

    def test_passing_is_free_and_offers_draw_another_or_hand_over(self):
        before = game()
        state = play(before, Pass())
        assert state.moment.phase is Phase.PASSED
        assert state.moment.jar == 0 and state.moment.answered == 0
        assert kinds(state) >= {"draw-another", "hand-over"}
        assert "answer" not in kinds(state)

    def test_draw_another_keeps_the_same_speaker_with_a_fresh_card(self):
        before = game()
        state = play(before, Pass(), DrawAnother())
        assert state.moment.speaker == before.moment.speaker
        assert state.moment.card not in (None, before.moment.card)

    def test_hand_over_gives_the_turn_to_the_other_player(self):
        before = game()
        state = play(before, Pass(), HandOver())
        assert state.moment.speaker == 1 - before.moment.speaker
        assert state.moment.phase is Phase.SPEAKING

    def test_a_passed_card_never_comes_back(self):
        state = game(plain_deck(per_level=3, levels=1))
        passed = state.moment.card
        state = play(state, Pass(), DrawAnother())
        seen = [state.moment.card]
        state = play(state, Pass(), DrawAnother())
        seen.append(state.moment.card)
        assert passed not in seen

    def test_felt_heard_adds_one_token_once_a_card(self):
        state = play(game(), Answer(), Reflect(), FeltHeard())
        assert state.moment.jar == 1 and state.moment.felt_heard == 1
        assert why_not(state, Reflect()) == "They already felt heard on this card."

    def test_not_quite_costs_nothing_and_lets_the_listener_try_again(self):
        state = play(game(), Answer(), Reflect(), NotQuite())
        assert state.moment.jar == 0
        assert is_legal(state, Reflect())
        state = play(state, Reflect(), FeltHeard())
        assert state.moment.jar == 1

    def test_meeting_them_there_adds_the_cards_level_in_tokens(self):
        state = play(game(), *MET)
        assert state.moment.jar == 1 and state.moment.met == 1

    def test_a_met_card_on_level_two_is_worth_two(self):
        state = play(game(), *MET, *MET, *MET)  # jar 3: level 2 unlocks
        state = play(state, Agree(0), Agree(1))
        assert state.moment.level == 2 and state.card.level == 2
        jar = state.moment.jar
        state = play(state, *MET)
        assert state.moment.jar == jar + 2

    def test_thank_you_adds_nothing_and_takes_nothing(self):
        state = play(game(), Answer(), ThankYou())
        assert state.moment.jar == 0

    def test_one_card_one_turn_speakers_alternate(self):
        state = game(first=0)
        speakers = []
        for _ in range(4):
            speakers.append(state.moment.speaker)
            state = play(state, Answer(), ThankYou())
        assert speakers == [0, 1, 0, 1]

    def test_a_quiet_moment_after_an_answer_earns_and_costs_nothing(self):
        state = play(game(), Answer(), QuietMoment())
        assert state.moment.quiet
        assert kinds(state) == {"end-quiet", "pause", "wrap-up", "undo"}
        state = play(state, EndQuiet())
        assert not state.moment.quiet and state.moment.phase is Phase.ANSWERED
        assert state.moment.jar == 0

    def test_either_player_removes_a_card_and_the_speaker_draws_a_fresh_one(self):
        before = game()
        state = play(before, Remove())
        assert state.moment.removed == (before.moment.card,)
        assert state.moment.speaker == before.moment.speaker
        assert state.moment.card not in (None, before.moment.card)
        assert state.moment.phase is Phase.SPEAKING

    def test_a_card_cannot_be_removed_once_answered(self):
        assert why_not(play(game(), Answer()), Remove()) == "There is no card to remove."


# --- going deeper, going lighter -------------------------------------------------------------


class TestDepth:
    def test_reaching_the_threshold_offers_to_go_deeper(self):
        state = play(game(), *MET, *MET, *MET)
        assert state.moment.jar == 3
        assert state.moment.offer is not None and state.moment.offer.level == 2
        assert kinds(state) == {"agree", "not-yet", "pause", "wrap-up", "undo"}

    def test_going_deeper_needs_both_players(self):
        state = play(game(), *MET, *MET, *MET, Agree(0))
        assert state.moment.level == 1
        assert state.moment.offer.agreed == (True, False)
        assert why_not(state, Agree(0)) == "You have already agreed."
        state = play(state, Agree(1))
        assert state.moment.level == 2 and state.moment.offer is None
        assert state.card.level == 2

    def test_not_yet_stays_and_the_offer_returns_after_the_next_met_card(self):
        state = play(game(), *MET, *MET, *MET, Agree(0), NotYet())
        assert state.moment.level == 1 and state.moment.offer is None
        state = play(state, Answer(), ThankYou())
        assert state.moment.offer is None  # a thank you is not reciprocation
        state = play(state, *MET)
        assert state.moment.offer is not None and state.moment.offer.level == 2

    def test_an_unlocked_level_can_be_asked_for_at_any_time(self):
        state = play(game(), *MET, *MET, *MET, NotYet(), Answer())
        state = play(state, AskDeeper(2))
        assert state.moment.offer is not None and state.moment.offer.asked
        state = play(state, Agree(1), Agree(0))
        assert state.moment.level == 2

    def test_a_locked_level_cannot_be_asked_for(self):
        assert why_not(game(), AskDeeper(2)) == "That level has not opened yet."

    def test_going_lighter_needs_only_one_player_and_brings_a_lighter_card(self):
        state = play(game(), *MET, *MET, *MET, Agree(0), Agree(1))
        state = play(state, GoLighter(1))
        assert state.moment.level == 1 and state.card.level == 1
        # and the game does not push straight back down
        state = play(state, Answer(), ThankYou())
        assert state.moment.offer is None

    def test_after_going_lighter_the_offer_waits_for_two_cards_met_there(self):
        state = play(game(plain_deck(per_level=12)), *MET, *MET, *MET, Agree(0), Agree(1))
        state = play(state, GoLighter(1), *MET)
        assert state.moment.offer is None  # one met card is not enough
        state = play(state, Answer(), ThankYou())
        assert state.moment.offer is None  # a thank you does not count
        state = play(state, *MET)
        offer = state.moment.offer
        assert offer is not None and offer.level == 2
        # They have been there before: the screen asks "Ready to go deeper again?"
        assert offer.level <= state.moment.deepest

    def test_going_deeper_by_asking_ends_the_wait_after_going_lighter(self):
        state = play(game(plain_deck(per_level=12)), *MET, *MET, *MET, Agree(0), Agree(1))
        state = play(state, GoLighter(1), AskDeeper(2), Agree(0), Agree(1))
        assert state.moment.level == 2 and state.moment.lighter == 0

    def test_a_level_opens_only_once_the_level_below_has_settled(self):
        deck = make_deck(
            *([question(n, f"Q{i} on {n}?") for i in range(12)] for n in (1, 2)),
            unlocks=[0, 2],
            settle=[0, 4],
        )
        state = play(game(deck), *MET, *MET)
        assert state.moment.jar == 2 and state.unlocked == 1  # tokens enough, cards not
        assert why_not(state, AskDeeper(2)) == "That level has not opened yet."
        state = play(state, *MET)
        assert state.moment.offer is None
        state = play(state, *MET)
        assert state.moment.answered_at[0] == 4 and state.unlocked == 2
        assert state.moment.offer is not None and state.moment.offer.level == 2

    def test_passed_and_thanked_cards_settle_nothing_answered_ones_do(self):
        deck = make_deck(
            *([question(n, f"Q{i} on {n}?") for i in range(12)] for n in (1, 2)),
            unlocks=[0, 0],
            settle=[0, 2],
        )
        state = play(game(deck), Pass(), DrawAnother(), Pass(), HandOver())
        assert state.unlocked == 1
        state = play(state, Answer(), ThankYou(), Answer(), ThankYou())
        assert state.unlocked == 2

    def test_leading_the_way_puts_the_shown_card_back_under_its_pile(self):
        state = unshuffled(game(plain_deck(per_level=3)))
        shown = state.moment.card
        state = play(state, LeadTheWay())
        assert state.card.level == 2 and state.moment.under[0] == (shown,)
        assert state.cards_left(1) == 3  # two still in the pile, one under it
        state = play(state, Answer(), ThankYou(), Answer(), ThankYou(), Answer(), ThankYou())
        # The pile's own cards come first, then the one put back, still unanswered.
        assert state.moment.card == shown

    def test_going_deeper_mid_card_puts_the_shown_card_back_too(self):
        state = play(unshuffled(game(plain_deck(per_level=6))), *MET, *MET, *MET, NotYet())
        shown = state.moment.card
        state = play(state, AskDeeper(2), Agree(0), Agree(1))
        assert state.card.level == 2 and shown in state.moment.under[0]

    def test_leading_the_way_draws_one_level_up_and_meeting_adds_courage(self):
        state = play(game(), LeadTheWay())
        assert state.card.level == 2 and state.moment.led
        assert state.moment.level == 1
        state = play(state, *MET)
        assert state.moment.jar == 2 + 1
        # The game stays at the current level; the jar now offers the next one.
        assert state.moment.level == 1
        assert state.moment.offer is not None and state.moment.offer.level == 2

    def test_leading_the_way_needs_a_level_above(self):
        state = game(plain_deck(levels=1))
        assert why_not(state, LeadTheWay()) == "There is no deeper level to lead the way to."


# --- wild cards ------------------------------------------------------------------------------


class TestWildCards:
    def test_both_answer_counts_as_met_when_both_have_answered(self):
        state = play(unshuffled(game(deck_with(Effect.BOTH_ANSWER))), *MET)
        assert state.moment.met == 1 and state.moment.jar == 1

    def test_swap_has_the_listener_answer_first(self):
        state = unshuffled(game(deck_with(Effect.SWAP), first=0))
        assert state.card.effect is Effect.SWAP
        assert state.answerer == 1 and state.responder == 0
        state = play(state, *MET)
        assert state.moment.jar == 1 and state.moment.speaker == 1

    def test_appreciate_is_worth_one_token_when_both_have_done_it(self):
        deck = make_deck(
            [question(1, "Q?")],
            [wild(2, "Tell each other one thing you appreciate.", Effect.APPRECIATE)],
        )
        state = play(unshuffled(game(deck)), LeadTheWay(), *MET)
        assert state.moment.jar == 1

    def test_an_appreciate_card_cannot_be_reflected_on(self):
        state = play(unshuffled(game(deck_with(Effect.APPRECIATE))), Answer())
        assert why_not(state, Reflect()) == "This card has nothing to reflect on."

    def test_a_quiet_card_is_a_quiet_moment_and_then_the_turn_passes(self):
        state = unshuffled(game(deck_with(Effect.QUIET), first=0))
        state = play(state, Answer())
        assert state.moment.quiet and state.moment.answered == 0
        state = play(state, EndQuiet())
        assert state.moment.speaker == 1 and state.moment.jar == 0

    def test_a_deeper_card_draws_the_next_card_from_one_level_deeper(self):
        state = play(unshuffled(game(deck_with(Effect.DEEPER), first=0)), Answer())
        assert state.card.level == 2 and state.moment.led
        assert state.moment.speaker == 0 and state.moment.level == 1
        state = play(state, *MET)
        assert state.moment.jar == 3

    def test_a_wild_card_can_be_passed_or_removed(self):
        state = unshuffled(game(deck_with(Effect.APPRECIATE)))
        assert play(state, Pass()).moment.phase is Phase.PASSED
        assert play(state, Remove()).moment.removed == (state.moment.card,)


# --- ending ----------------------------------------------------------------------------------


class TestEnding:
    def test_the_game_closes_when_the_length_is_reached(self):
        state = game(plain_deck(per_level=20), length=Length.SHORT)
        for _ in range(8):
            assert state.moment.phase is not Phase.CLOSING
            state = play(state, Answer(), ThankYou())
        assert state.moment.phase is Phase.CLOSING and state.moment.ending is Ending.LENGTH

    def test_after_the_chosen_length_the_players_may_keep_playing(self):
        state = game(plain_deck(per_level=20), length=Length.SHORT)
        for _ in range(8):
            state = play(state, Answer(), ThankYou())
        state = play(state, KeepPlaying())
        assert state.moment.phase is Phase.SPEAKING and state.moment.extended
        assert state.moment.speaker == 0 and state.moment.answered == 8
        state = play(state, Answer(), ThankYou())
        assert state.moment.phase is Phase.SPEAKING  # the length no longer ends it

    def test_a_wrap_up_can_be_taken_back_from_the_closing_card(self):
        before = play(game(), Answer(), Reflect())
        state = play(before, WrapUp(), ShareClosing(0), KeepPlaying())
        assert state.moment == replace(before.moment, clock=state.moment.clock)
        assert state.moment.jar == before.moment.jar

    def test_nothing_to_go_back_to_when_every_card_is_played(self):
        state = play(game(plain_deck(per_level=1, levels=1)), Answer(), ThankYou())
        assert state.moment.ending is Ending.CARDS
        assert why_not(state, KeepPlaying()) == "Every card you could reach has been played."

    def test_an_evening_that_went_deeper_comes_back_up_before_the_close(self):
        deck = make_deck(
            [question(1, "Light?"), question(1, "Light too?")],
            [question(2, "Deep?")],
            unlocks=[0, 0],
            landing=["What are you looking forward to?"],
        )
        state = play(unshuffled(game(deck)), LeadTheWay(), Answer(), WrapUp())
        assert state.moment.phase is Phase.LANDING
        assert state.deal.landing == "What are you looking forward to?"
        state = play(state, ShareLanding(1))
        assert state.moment.phase is Phase.LANDING and state.moment.shared == (False, True)
        state = play(state, ShareLanding(0))
        assert state.moment.phase is Phase.CLOSING and state.moment.shared == (False, False)
        assert state.moment.jar == 0  # coming back up earns nothing

    def test_the_landing_card_can_be_skipped_and_so_can_the_close(self):
        state = play(game(), LeadTheWay(), Answer(), WrapUp())
        assert state.deal.landing in LANDING_CARDS  # the deck has none of its own
        state = play(state, Skip())
        assert state.moment.phase is Phase.CLOSING
        assert play(state, Skip()).moment.phase is Phase.OVER

    def test_an_evening_that_stayed_light_goes_straight_to_the_close(self):
        state = play(game(), Answer(), ThankYou(), WrapUp())
        assert state.moment.phase is Phase.CLOSING

    def test_either_player_wraps_up_at_any_moment(self):
        for state in (game(), play(game(), Answer()), play(game(), Pause())):
            closed = play(state, WrapUp())
            assert closed.moment.phase is Phase.CLOSING and closed.moment.ending is Ending.WRAP_UP

    def test_the_game_closes_when_every_unlocked_pile_is_empty(self):
        state = game(plain_deck(per_level=2))
        state = play(state, Answer(), ThankYou(), Answer(), ThankYou())
        assert state.moment.phase is Phase.CLOSING and state.moment.ending is Ending.CARDS

    def test_an_empty_level_lets_the_players_go_lighter(self):
        deck = make_deck(
            [question(1, f"Light {i}?") for i in range(3)], [question(2, "Deep?")], unlocks=[0, 0]
        )
        state = play(unshuffled(game(deck)), AskDeeper(2), Agree(0), Agree(1))
        state = play(state, Answer(), ThankYou())
        assert state.moment.phase is Phase.EMPTY
        assert kinds(state) >= {"go-lighter", "wrap-up"}
        state = play(state, GoLighter(1))
        assert state.moment.phase is Phase.SPEAKING and state.card.level == 1

    def test_closing_needs_both_stars_and_wishes_or_a_skip(self):
        state = play(game(), WrapUp(), ShareClosing(1))
        assert state.moment.phase is Phase.CLOSING
        assert play(state, ShareClosing(0)).moment.phase is Phase.OVER
        assert play(state, Skip()).moment.phase is Phase.OVER

    def test_once_the_game_is_over_only_undo_is_left(self):
        state = play(game(), WrapUp(), Skip())
        assert legal_actions(state) == [Undo()]
        with pytest.raises(IllegalAction, match="The game is over"):
            apply(state, Answer())
        # A slip on the last key: undo brings the closing card back.
        assert apply(state, Undo()).moment.phase is Phase.CLOSING

    def test_the_summary_tells_the_evening_in_numbers(self):
        state = play(game(), Answer(), Reflect(), FeltHeard(), Meet(), Answer(), ThankYou())
        summary = summarise(play(state, WrapUp(), Skip()))
        assert (summary.answered, summary.met, summary.felt_heard, summary.jar) == (2, 1, 1, 2)
        assert summary.finished and summary.deepest_name == "Level 1"


# --- undo, pause and time ---------------------------------------------------------------------


class TestUndoPauseTime:
    def test_undo_restores_the_previous_state_exactly(self):
        before = play(game(), Answer())
        assert apply(apply(before, Meet()), Undo()) == before

    def test_there_is_nothing_to_undo_at_the_start(self):
        assert why_not(game(), Undo()) == "There is nothing to undo."

    def test_undo_reaches_at_most_undo_depth_actions(self):
        state = play(game(), Answer())
        for _ in range(UNDO_DEPTH):
            state = play(state, Reflect(), NotQuite())
        steps = 0
        while is_legal(state, Undo()):
            state = apply(state, Undo())
            steps += 1
        assert steps == UNDO_DEPTH

    def test_a_long_turn_replays_in_linear_time(self):
        # 20,000 pauses in one turn: the undo history stays bounded, so each step is cheap.
        state = game()
        log = [LogEntry(action, None) for _ in range(10_000) for action in (Pause(), Resume())]
        replayed = replay(state.deal, log)
        assert len(replayed.undo) <= UNDO_DEPTH

    def test_undo_reaches_back_within_this_turn_and_the_one_before(self):
        state = play(game(), Answer(), ThankYou(), Answer(), ThankYou(), Answer())
        steps = 0
        while is_legal(state, Undo()):
            state = apply(state, Undo())
            steps += 1
        assert steps == 3  # back to the start of turn 2, not into turn 1
        assert state.moment.turn == 2

    def test_pause_hides_the_game_until_resumed(self):
        state = play(game(), Pause())
        assert kinds(state) == {"resume", "wrap-up"}
        assert play(state, Resume()).moment == play(game(), Pause(), Resume()).moment

    def test_time_together_counts_gaps_but_not_pauses_or_long_absences(self):
        state = game()
        state = apply(state, Answer(), at=1000.0)
        state = apply(state, Meet(), at=1300.0)  # 5 minutes talking
        state = apply(state, Pause(), at=1360.0)  # 1 more minute
        state = apply(state, Resume(), at=5000.0)  # paused: not counted
        state = apply(state, Answer(), at=5000.0 + 10 * IDLE_GAP)  # away: capped
        assert state.moment.together == 300 + 60 + IDLE_GAP

    def test_illegal_actions_are_refused_with_a_reason(self):
        state = game()
        with pytest.raises(IllegalAction) as refusal:
            apply(state, Meet())
        assert refusal.value.reason == "You can meet them there after they have answered."


class TestLog:
    def test_log_entries_round_trip_through_plain_data(self):
        entries = [LogEntry(Answer(), 12.5), LogEntry(Agree(1), None), LogEntry(GoLighter(2), 3.0)]
        assert [LogEntry.from_dict(e.to_dict()) for e in entries] == entries

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
            LogEntry.from_dict(data)
