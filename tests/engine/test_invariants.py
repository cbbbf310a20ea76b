"""Hypothesis drives random legal and illegal play over random decks and checks the eight
invariants of the rules (`docs/game-rules.md`, "Invariants") after every step, undo included."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from h2h_game.engine import (
    ENDING_PHASES,
    UNDO_DEPTH,
    Action,
    Agree,
    Answer,
    Effect,
    Ending,
    FeltHeard,
    GameState,
    IllegalAction,
    KeepPlaying,
    LogEntry,
    Meet,
    Phase,
    Remove,
    Setup,
    Undo,
    WrapUp,
    apply,
    candidate_actions,
    deal_game,
    is_legal,
    legal_actions,
    replay,
    state_from_dict,
    state_to_dict,
    summarise,
)
from tests.engine.builders import setups


def tokens_earned(before: GameState, action: Action) -> int:
    """What the rules say an action adds to the jar; only reciprocation and responsiveness pay.

    Invariants 1 and 2: meet, felt heard, both-answer and appreciate (both met), and the
    courage token of lead the way; passing, removing, quiet, pausing, lighter, wrapping up
    and everything at the end of the game add nothing.
    """
    if isinstance(action, FeltHeard):
        return 1
    if isinstance(action, Meet):
        card = before.card
        assert card is not None
        if card.effect is Effect.APPRECIATE:
            return 1
        return before.moment.card_level + (1 if before.moment.led else 0)
    return 0


class GameMachine(RuleBasedStateMachine):
    """Two players pressing keys at random, legal ones and illegal ones."""

    @initialize(setup=setups(), started=st.floats(0, 2e9))
    def set_the_table(self, setup: Setup, started: float) -> None:
        self.setup = setup
        self.clock = started
        self.state = deal_game(setup, at=started)
        self.log: list[LogEntry] = []
        # Every earlier state with the cards shown by then: what undo should bring back.
        self.past: list[tuple[GameState, frozenset[str]]] = []
        self.shown = frozenset(filter(None, [self.state.moment.card]))
        # The furthest turn reached: undo reaches back within it and the turn before it.
        self.peak = self.state.moment.turn
        pile_cards = [card for pile in self.state.deal.piles for card in pile]
        assert len(pile_cards) == len(set(pile_cards)), "a card sits in two piles"
        # 3. Cards with a ticked line tag, and hidden cards, are not in the game at all.
        for card in setup.deck.cards:
            if card.id in setup.hidden or setup.lines.intersection(card.tags):
                assert card.id not in pile_cards
        # The game keeps no trace of which topics were left out (game-rules.md, Setting up 3).
        assert self.state.deck.tags == ()
        assert all(not card.tags for card in self.state.deck.cards)

    @precondition(lambda self: not self.state.is_over)
    @rule(data=st.data(), wait=st.floats(0, 4000))
    def press_a_legal_key(self, data: st.DataObject, wait: float) -> None:
        legal = legal_actions(self.state)
        # Wrapping up is always legal; pressed as often as the rest, games would end too soon
        # to reach the deeper levels, offers and wild cards that most need checking.
        playing = [a for a in legal if not isinstance(a, WrapUp)]
        if playing and data.draw(st.integers(0, 19), label="patience"):
            legal = playing
        self.press(data.draw(st.sampled_from(legal), label="action"), wait)

    @precondition(lambda self: is_legal(self.state, Answer()))
    @rule(wait=st.floats(0, 600))
    def open_up_and_be_met(self, wait: float) -> None:
        """A warm turn, so random games also reach deep levels and offers."""
        self.press(Answer(), wait)
        if is_legal(self.state, Meet()):
            self.press(Meet(), wait)

    @precondition(lambda self: self.state.moment.offer is not None and not self.state.moment.paused)
    @rule(first=st.sampled_from([0, 1]))
    def both_agree(self, first: int) -> None:
        for player in (first, 1 - first):
            if is_legal(self.state, Agree(player)):
                self.press(Agree(player), 0.0)

    @precondition(lambda self: is_legal(self.state, Undo()))
    @rule()
    def take_it_back(self) -> None:
        """Undo gets its own rule: mistaken key presses are common, at the end of a game too."""
        self.press(Undo(), 1.0)

    def press(self, action: Action, wait: float) -> None:
        before = self.state
        event(type(action).__name__)
        self.clock += wait
        after = apply(before, action, self.clock)
        self.log.append(LogEntry(action, self.clock))
        if isinstance(action, Undo):
            self.check_undo(after)
        else:
            self.past.append((before, self.shown))
            self.check_step(before, action, after)
            self.peak = max(self.peak, after.moment.turn)
        self.state = after

    def check_undo(self, after: GameState) -> None:
        """6. Undo restores the previous state exactly: the deal, the moment, and the history
        still within undo's reach (this turn and the one before the latest turn reached, at
        most UNDO_DEPTH actions); only moments beyond that reach are let go of."""
        previous, shown = self.past.pop()
        kept = len(after.undo)
        assert after == replace(previous, undo=previous.undo[len(previous.undo) - kept :])
        for let_go in previous.undo[: len(previous.undo) - kept]:
            beyond = let_go.turn < self.peak - 1 or kept >= UNDO_DEPTH - 1
            assert beyond, "undo let go of a moment it should still reach"
        self.shown = shown

    def check_step(self, before: GameState, action: Action, after: GameState) -> None:
        b, a = before.moment, after.moment
        # 1 and 2. The jar never decreases; tokens come only from reciprocation.
        assert a.jar - b.jar == tokens_earned(before, action), action
        # 3. No card drawn twice (unless it was put back under its pile, unanswered); a
        # removed card never returns.
        assert all(x >= y for x, y in zip(a.drawn, b.drawn, strict=True))
        put_back = {card for cards in b.under for card in cards}
        if isinstance(action, KeepPlaying) and b.ending is Ending.WRAP_UP:
            # Back to the table as it was before wrapping up: the same card, not a new draw.
            assert a.card is None or a.card in self.shown
        elif a.card is not None and a.card != b.card:
            again = a.card in self.shown and a.card not in put_back
            assert not again, f"a card was drawn twice ({action})"
            self.shown = self.shown | {a.card}
        assert a.card is None or a.card not in a.removed
        if isinstance(action, Remove):
            assert a.removed == (*b.removed, b.card), "Remove records exactly the shown card"
        else:
            assert a.removed == b.removed
        # 4. The level rises only with both players' consent recorded.
        if a.level > b.level:
            assert isinstance(action, Agree)
            assert b.offer is not None and b.offer.agreed[1 - action.player]
            assert a.level == b.offer.level
        # 5. Each completed turn hands the speaker role to the other player.
        if a.turn != b.turn:
            assert a.turn == b.turn + 1 and a.speaker == 1 - b.speaker
        else:
            assert a.speaker == b.speaker

    @precondition(lambda self: not self.state.is_over)
    @rule(data=st.data())
    def press_an_illegal_key(self, data: st.DataObject) -> None:
        illegal = [a for a in candidate_actions(self.state) if not is_legal(self.state, a)]
        action = data.draw(st.sampled_from(illegal), label="illegal action")
        before = state_to_dict(self.state)
        try:
            apply(self.state, action, self.clock + 1)
        except IllegalAction as refusal:
            # 8. Refused with a sentence a person can read, and nothing changed.
            reason = refusal.reason
            assert reason[0].isupper() and reason.endswith((".", "?")), reason
        else:
            raise AssertionError(f"{action} was applied although it is not legal")
        assert state_to_dict(self.state) == before

    @rule()
    def read_the_summary(self) -> None:
        summary = summarise(self.state)
        m = self.state.moment
        assert summary.finished == self.state.is_over
        assert (summary.answered, summary.met, summary.jar) == (m.answered, m.met, m.jar)
        assert summary.deepest >= m.level
        if self.state.is_over:
            event(f"game over after {m.turn} turns at level {m.level}, jar {m.jar}")

    @invariant()
    def the_level_stays_within_what_is_open(self) -> None:
        # 4. (Lead the way and `deeper` draw one card above without moving the level.)
        m = self.state.moment
        assert m.level <= self.state.unlocked
        card = self.state.card
        if card is not None and m.phase is Phase.SPEAKING:
            # (An answered card stays on the table when someone steps back to a lighter level.)
            assert card.level <= m.level + 1

    @invariant()
    def there_is_always_a_way_on_and_a_way_out(self) -> None:
        # 7. Until the game is over there is a legal action, and wrapping up is one of them.
        if self.state.is_over:
            assert {type(a) for a in legal_actions(self.state)} <= {Undo}
        else:
            assert is_legal(self.state, WrapUp())

    @invariant()
    def saves_and_replays_to_the_same_state(self) -> None:
        # 6. Save then load gives an equal state; replaying the log gives the current state.
        data = json.loads(json.dumps(state_to_dict(self.state)))
        assert state_from_dict(data) == self.state
        assert replay(self.state.deal, self.log) == self.state

    @invariant()
    def phase_and_card_agree(self) -> None:
        m = self.state.moment
        showing = m.phase in (Phase.SPEAKING, Phase.ANSWERED, Phase.REFLECTING)
        assert (m.card is not None) == showing
        if m.phase in ENDING_PHASES:
            event(f"ending: {m.phase}")


TestGame = GameMachine.TestCase
# Games need many steps to reach deep levels; scale with the profile (ci or thorough).
TestGame.settings = settings(
    max_examples=settings.default.max_examples * 6,
    stateful_step_count=80,
)
