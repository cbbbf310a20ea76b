"""Hypothesis drives random legal and illegal play over random decks and checks the eight
invariants of game-rules.md after every step."""

from __future__ import annotations

import json

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
    Action,
    Agree,
    Answer,
    Effect,
    Entry,
    FeltHeard,
    GameState,
    IllegalAction,
    Meet,
    Phase,
    Setup,
    Undo,
    WrapUp,
    apply,
    candidate_actions,
    is_legal,
    legal_actions,
    new_game,
    replay,
    state_from_dict,
    state_to_dict,
    summarise,
)
from tests.engine.builders import setups


def drawn_cards(state: GameState) -> set[str]:
    return {
        card
        for pile, count in zip(state.table.piles, state.now.drawn, strict=True)
        for card in pile[:count]
    }


def tokens_earned(before: GameState, action: Action) -> int:
    """What the rules say an action adds to the jar; only reciprocation and responsiveness pay."""
    if isinstance(action, FeltHeard):
        return 1
    if isinstance(action, Meet):
        card = before.card
        assert card is not None
        if card.effect is Effect.APPRECIATE:
            return 1
        return before.now.card_level + (1 if before.now.led else 0)
    return 0


class GameMachine(RuleBasedStateMachine):
    """Two players pressing keys at random, legal ones and illegal ones."""

    @initialize(setup=setups(), started=st.floats(0, 2e9))
    def set_the_table(self, setup: Setup, started: float) -> None:
        self.setup = setup
        self.clock = started
        self.state = new_game(setup, now=started)
        self.log: list[Entry] = []
        # What undo may return to, mirrored outside the engine: (state, cards shown so far).
        self.past: list[tuple[GameState, frozenset[str]]] = []
        self.shown = frozenset(filter(None, [self.state.now.card]))
        pile_cards = [card for pile in self.state.table.piles for card in pile]
        assert len(pile_cards) == len(set(pile_cards)), "a card sits in two piles"

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

    @precondition(lambda self: self.state.now.offer is not None and not self.state.now.paused)
    @rule(first=st.sampled_from([0, 1]))
    def both_agree(self, first: int) -> None:
        for player in (first, 1 - first):
            if is_legal(self.state, Agree(player)):
                self.press(Agree(player), 0.0)

    def press(self, action: Action, wait: float) -> None:
        before = self.state
        event(type(action).__name__)
        self.clock += wait
        after = apply(before, action, self.clock)
        self.log.append(Entry(action, self.clock))

        if isinstance(action, Undo):
            # 6. undo restores the previous state exactly.
            previous, shown = self.past.pop()
            assert after.now == previous.now
            assert after.table == previous.table
            self.shown = shown
        else:
            # Only the moments undo may still reach are kept.
            self.past = [(s, c) for s, c in self.past if s.now.turn >= after.now.turn - 1]
            self.past.append((before, self.shown))
            if after.is_over:
                self.past = []
            self.check_step(before, action, after)
        self.state = after

    def check_step(self, before: GameState, action: Action, after: GameState) -> None:
        b, a = before.now, after.now
        # 1 and 2. The jar never decreases; tokens come only from meet and felt heard.
        assert a.jar - b.jar == tokens_earned(before, action), action
        # 3. No card drawn twice; removed cards never return; lines are respected.
        assert all(x >= y for x, y in zip(a.drawn, b.drawn, strict=True))
        if a.card is not None and a.card != b.card:
            assert a.card not in self.shown, "a card was drawn twice"
            self.shown = self.shown | {a.card}
        assert set(a.removed) <= drawn_cards(after)
        if b.card in a.removed:
            assert a.card != b.card
        card = after.card
        assert card is None or not self.setup.lines.intersection(card.tags)
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
            # 8. Refused with a reason a person can read, and nothing changed.
            assert refusal.reason and refusal.reason[0].isupper()
        else:
            raise AssertionError(f"{action} was applied although it is not legal")
        assert state_to_dict(self.state) == before

    @rule()
    def read_the_summary(self) -> None:
        summary = summarise(self.state)
        now = self.state.now
        assert summary.finished == self.state.is_over
        assert (summary.answered, summary.met, summary.jar) == (now.answered, now.met, now.jar)
        assert summary.deepest >= now.level
        if self.state.is_over:
            event(f"game over after {now.turn} turns at level {now.level}, jar {now.jar}")

    @invariant()
    def level_never_exceeds_what_the_jar_unlocked(self) -> None:
        # 4. (Lead the way and `deeper` draw one card above without moving the level.)
        now = self.state.now
        assert now.level <= self.state.unlocked
        if now.phase is Phase.SPEAKING:
            assert self.state.card.level <= now.level + 1

    @invariant()
    def there_is_always_a_way_on_and_a_way_out(self) -> None:
        # 7. Until the game is over there is a legal action, and wrapping up is one of them.
        if self.state.is_over:
            assert legal_actions(self.state) == []
        else:
            assert is_legal(self.state, WrapUp())

    @invariant()
    def saves_and_replays_to_the_same_state(self) -> None:
        # 6. Save then load gives an equal state; replaying the log gives the current state.
        data = json.loads(json.dumps(state_to_dict(self.state)))
        assert state_from_dict(data) == self.state
        assert replay(self.state.table, self.log) == self.state

    @invariant()
    def phase_and_card_agree(self) -> None:
        now = self.state.now
        showing = now.phase in (Phase.SPEAKING, Phase.ANSWERED, Phase.REFLECTING)
        assert (now.card is not None) == showing


TestGame = GameMachine.TestCase
# Games need many steps to reach deep levels; scale with the profile (ci or thorough).
TestGame.settings = settings(
    max_examples=settings.default.max_examples * 6,
    stateful_step_count=80,
)
