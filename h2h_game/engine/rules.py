"""Provides the rules of Heart to Heart: setting up, what is legal now, and applying an action.

Everything here is a pure function of its arguments. `apply(state, action, now)` returns a new
state or raises `IllegalAction` with a reason a player can read, and changes nothing; the time
`now` (seconds) is passed in by the caller, never read from a clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from h2h_game.engine.actions import (
    Action,
    Agree,
    Answer,
    AskDeeper,
    DrawAnother,
    EndQuiet,
    FeltHeard,
    GoLighter,
    HandOver,
    LeadTheWay,
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
    ThankYou,
    Undo,
    WrapUp,
    action_from_dict,
)
from h2h_game.engine.deck import Deck, Effect
from h2h_game.engine.state import (
    Ending,
    GameState,
    Length,
    Moment,
    Offer,
    Phase,
    Player,
    Table,
)

IDLE_GAP = 20 * 60
"""Seconds: a longer stretch without any action counts as time away, not time together."""

NAME_LIMIT = 40
DEFAULT_NAMES = ("Player 1", "Player 2")
DEFAULT_COLOURS = ("coral", "teal")

COURAGE = 1
"""The extra token for leading the way, when the listener meets the leader there."""

QUIET_SECONDS = 30
"""A quiet moment lasts this long; it ends only when someone chooses to go on."""
QUIET_GO_ON_AFTER = 5
"""Seconds before "go on" wakes, so nobody rushes out of the silence."""

# Phases in which the game is being played (no prompt, no closing): where most actions live.
_AT_PLAY = (Phase.SPEAKING, Phase.PASSED, Phase.ANSWERED, Phase.REFLECTING, Phase.EMPTY)
# A reflection needs something said to reflect on: questions, and wild cards that are answered.
_REFLECTABLE = (None, Effect.BOTH_ANSWER, Effect.SWAP)


class IllegalAction(ValueError):
    """An action the rules do not allow right now. Nothing was changed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SetupError(ValueError):
    """A game cannot be set up this way; the message says why."""


@dataclass(frozen=True)
class Setup:
    """Everything the players choose before the first card."""

    deck: Deck
    names: tuple[str, str] = ("", "")
    colours: tuple[str, str] = DEFAULT_COLOURS
    lines: frozenset[str] = frozenset()
    """Topic tags ticked privately by either player: their cards are left out tonight."""
    hidden: frozenset[str] = frozenset()
    """Ids of cards the players chose to hide from future games."""
    length: Length = Length.EVENING
    seed: int = 0
    first: int | None = None
    """Who speaks first; None lets the seed choose."""


@dataclass(frozen=True)
class Entry:
    """One line of the action log: what was done, and when (as the caller's clock said)."""

    action: Action
    at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action.to_dict(), "at": self.at}

    @classmethod
    def from_dict(cls, data: Any) -> Entry:
        """The entry `to_dict` produced; ValueError when the data is anything else."""
        if not isinstance(data, dict):
            raise ValueError(f"not a log entry: {data!r}")
        at = data.get("at")
        if at is not None and (isinstance(at, bool) or not isinstance(at, int | float)):
            raise ValueError(f"not a time: {at!r}")
        action = data.get("action")
        if not isinstance(action, dict):
            raise ValueError(f"not an action: {action!r}")
        return cls(action_from_dict(action), None if at is None else float(at))


# --- setting up -------------------------------------------------------------------------------


def player_name(raw: str, default: str) -> str:
    """A player's name as it will be shown: trimmed, or the default when left empty."""
    name = raw.strip()
    if not name:
        return default
    if not name.isprintable():
        raise SetupError("A name can only hold printable characters.")
    if len(name) > NAME_LIMIT:
        raise SetupError(f"A name can be at most {NAME_LIMIT} characters.")
    return name


def new_game(setup: Setup, now: float | None = None) -> GameState:
    """Set the table: names, lines, piles shuffled from the seed, and the first card drawn."""
    first_name = player_name(setup.names[0], DEFAULT_NAMES[0])
    second_name = player_name(setup.names[1], DEFAULT_NAMES[1])
    if first_name.casefold() == second_name.casefold():
        second_name = f"{second_name} (2)"
    rng = random.Random(setup.seed)
    first = setup.first if setup.first is not None else rng.randrange(2)
    if first not in (0, 1):
        raise SetupError("The first speaker is player 1 or player 2.")
    piles = []
    for level in setup.deck.levels:
        pile = [
            card.id
            for card in level.cards
            if card.id not in setup.hidden and not setup.lines.intersection(card.tags)
        ]
        rng.shuffle(pile)
        piles.append(tuple(pile))
    if not piles[0]:
        first_level = setup.deck.levels[0].name
        raise SetupError(f"No cards are left in {first_level!r} with these lines and hidden cards.")
    table = Table(
        deck=setup.deck,
        players=(
            Player(first_name, setup.colours[0]),
            Player(second_name, setup.colours[1]),
        ),
        length=setup.length,
        seed=setup.seed,
        first=first,
        piles=tuple(piles),
        lines=len(setup.lines.intersection(setup.deck.used_tags())),
        started=now,
    )
    return start(table)


def start(table: Table) -> GameState:
    """The state at the first card of a game set up on this table."""
    moment = Moment(speaker=table.first, drawn=(0,) * len(table.piles), clock=table.started)
    return GameState(table, _draw(table, moment, 1))


def replay(table: Table, log: Iterable[Entry]) -> GameState:
    """The state reached by playing the logged actions from the start of the game."""
    state = start(table)
    for entry in log:
        state = apply(state, entry.action, entry.at)
    return state


# --- asking the rules -------------------------------------------------------------------------


def apply(state: GameState, action: Action, now: float | None = None) -> GameState:
    """The state after `action`, or IllegalAction with the reason it is not allowed now."""
    if isinstance(action, Undo):
        return _undo(state)
    handler = _HANDLERS.get(type(action))
    if handler is None:
        _refuse(f"{type(action).__name__} is not an action of this game.")
    moment = _tick(state.now, handler(state, action), now)
    if moment.phase is Phase.OVER:
        return GameState(state.table, moment)
    # Undo reaches back within the current turn and the one before it.
    history = tuple(m for m in (*state.undo, state.now) if m.turn >= moment.turn - 1)
    return GameState(state.table, moment, history)


def why_not(state: GameState, action: Action) -> str | None:
    """None when `action` is legal now, else the reason it is not."""
    try:
        apply(state, action)
    except IllegalAction as refusal:
        return refusal.reason
    return None


def is_legal(state: GameState, action: Action) -> bool:
    return why_not(state, action) is None


def candidate_actions(state: GameState) -> list[Action]:
    """Every action that could ever be legal in this game, legal now or not."""
    levels = range(1, len(state.deck.levels) + 1)
    return [
        Answer(),
        Pass(),
        DrawAnother(),
        HandOver(),
        Remove(),
        Reflect(),
        FeltHeard(),
        NotQuite(),
        Meet(),
        ThankYou(),
        LeadTheWay(),
        QuietMoment(),
        EndQuiet(),
        *(AskDeeper(level) for level in levels),
        Agree(0),
        Agree(1),
        NotYet(),
        *(GoLighter(level) for level in levels),
        Pause(),
        Resume(),
        WrapUp(),
        ShareClosing(0),
        ShareClosing(1),
        Undo(),
    ]


def legal_actions(state: GameState) -> list[Action]:
    """What the players may do now, in a stable order."""
    return [action for action in candidate_actions(state) if is_legal(state, action)]


# --- the rules, one action at a time ---------------------------------------------------------


def _answer(state: GameState, action: Answer) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.SPEAKING, "There is no card waiting for an answer.")
    card = state.card
    assert card is not None
    if card.effect is Effect.DEEPER:
        return _draw_deeper(state.table, m)
    if card.effect is Effect.QUIET:
        return replace(m, phase=Phase.ANSWERED, quiet=True)
    return replace(
        m,
        phase=Phase.ANSWERED,
        answered=m.answered + 1,
        deepest=max(m.deepest, m.card_level),
    )


def _pass(state: GameState, action: Pass) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.SPEAKING, "You can pass while a card is waiting for an answer.")
    return replace(m, phase=Phase.PASSED, card=None, led=False)


def _draw_another(state: GameState, action: DrawAnother) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.PASSED, "You can draw another card after a pass.")
    return _draw(state.table, m, m.level)


def _hand_over(state: GameState, action: HandOver) -> Moment:
    _require_play(state)
    _require(state.now.phase is Phase.PASSED, "You can hand the turn over after a pass.")
    return _end_turn(state.table, state.now)


def _remove(state: GameState, action: Remove) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.SPEAKING and m.card is not None, "There is no card to remove.")
    kept = replace(m, removed=(*m.removed, m.card))
    # The same speaker draws a fresh card from where the removed one came from.
    return _draw(state.table, kept, m.card_level if m.led else m.level, led=m.led)


def _reflect(state: GameState, action: Reflect) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.ANSWERED, "You can reflect after an answer.")
    card = state.card
    assert card is not None
    _require(card.effect in _REFLECTABLE, "This card has nothing to reflect on.")
    _require(not m.heard, "They already felt heard on this card.")
    return replace(m, phase=Phase.REFLECTING)


def _felt_heard(state: GameState, action: FeltHeard) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.REFLECTING, "Felt heard answers a reflection.")
    return replace(m, phase=Phase.ANSWERED, heard=True, jar=m.jar + 1, felt_heard=m.felt_heard + 1)


def _not_quite(state: GameState, action: NotQuite) -> Moment:
    _require_play(state)
    _require(state.now.phase is Phase.REFLECTING, "Not quite answers a reflection.")
    return replace(state.now, phase=Phase.ANSWERED)


def _meet(state: GameState, action: Meet) -> Moment:
    _require_play(state)
    m = state.now
    _require(m.phase is Phase.ANSWERED, "You can meet them there after they have answered.")
    card = state.card
    assert card is not None
    if card.effect is Effect.APPRECIATE:
        tokens = 1
    else:
        tokens = m.card_level + (COURAGE if m.led else 0)
    met = replace(m, jar=m.jar + tokens, met=m.met + 1, snoozed=False)
    return _end_turn(state.table, met)


def _thank_you(state: GameState, action: ThankYou) -> Moment:
    _require_play(state)
    _require(state.now.phase is Phase.ANSWERED, "You can say thank you after an answer.")
    return _end_turn(state.table, state.now)


def _lead_the_way(state: GameState, action: LeadTheWay) -> Moment:
    _require_play(state)
    m = state.now
    _require(
        m.phase in (Phase.SPEAKING, Phase.EMPTY),
        "You can lead the way before answering a card.",
    )
    _require(not m.led, "This card already comes from one level deeper.")
    above = m.level + 1
    _require(above <= len(state.deck.levels), "There is no deeper level to lead the way to.")
    _require(state.cards_left(above) > 0, "The next level's pile is empty.")
    return _draw(state.table, m, above, led=True)


def _quiet_moment(state: GameState, action: QuietMoment) -> Moment:
    _require_play(state)
    return replace(state.now, quiet=True)


def _end_quiet(state: GameState, action: EndQuiet) -> Moment:
    m = state.now
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.quiet, "There is no quiet moment to end.")
    m = replace(m, quiet=False)
    card = state.card
    if m.phase is Phase.ANSWERED and card is not None and card.effect is Effect.QUIET:
        return _end_turn(state.table, m)
    return m


def _ask_deeper(state: GameState, action: AskDeeper) -> Moment:
    _require_play(state)
    m = state.now
    _require(action.level > m.level, "That level is not deeper than this one.")
    _require(action.level <= state.unlocked, "The trust jar has not unlocked that level yet.")
    _require(state.cards_left(action.level) > 0, "That level's pile is empty.")
    return replace(m, offer=Offer(action.level, asked=True))


def _agree(state: GameState, action: Agree) -> Moment:
    m = state.now
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.offer is not None, "Nobody has asked to go deeper.")
    assert m.offer is not None
    _require(action.player in (0, 1), "Only the two players can agree.")
    _require(not m.offer.agreed[action.player], "You have already agreed.")
    agreed = tuple(True if i == action.player else a for i, a in enumerate(m.offer.agreed))
    if not all(agreed):
        return replace(m, offer=replace(m.offer, agreed=(agreed[0], agreed[1])))
    return _go_to_level(state, replace(m, offer=None, snoozed=False), m.offer.level)


def _not_yet(state: GameState, action: NotYet) -> Moment:
    m = state.now
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.offer is not None, "Nobody has asked to go deeper.")
    m = replace(m, offer=None, snoozed=True)
    if m.phase is Phase.DRAWING:
        return _draw(state.table, m, m.level)
    return m


def _go_lighter(state: GameState, action: GoLighter) -> Moment:
    _require_play(state)
    m = state.now
    _require(1 <= action.level < m.level, "That level is not lighter than this one.")
    _require(state.cards_left(action.level) > 0, "That level's pile is empty.")
    # Stepping back is a clear signal: don't offer to go deeper again straight away.
    return _go_to_level(state, replace(m, snoozed=True), action.level)


def _pause(state: GameState, action: Pause) -> Moment:
    _require_not_over(state)
    _require(not state.now.paused, "The game is already paused.")
    return replace(state.now, paused=True)


def _resume(state: GameState, action: Resume) -> Moment:
    _require(state.now.paused, "The game is not paused.")
    return replace(state.now, paused=False)


def _wrap_up(state: GameState, action: WrapUp) -> Moment:
    _require_not_over(state)
    m = state.now
    if m.phase is Phase.CLOSING:
        return replace(m, phase=Phase.OVER, paused=False)
    return _close(m, Ending.WRAP_UP)


def _share_closing(state: GameState, action: ShareClosing) -> Moment:
    m = state.now
    _require(m.phase is Phase.CLOSING, "Stars and wishes come at the end of the game.")
    _require(not m.paused, "The game is paused.")
    _require(action.player in (0, 1), "Only the two players can share.")
    _require(not m.closing[action.player], "You have already shared yours.")
    shared = (m.closing[0] or action.player == 0, m.closing[1] or action.player == 1)
    return replace(m, closing=shared, phase=Phase.OVER if all(shared) else Phase.CLOSING)


def _undo(state: GameState) -> GameState:
    _require_not_over(state)
    _require(not state.now.paused, "The game is paused.")
    _require(bool(state.undo), "There is nothing to undo.")
    return GameState(state.table, state.undo[-1], state.undo[:-1])


_HANDLERS: dict[type[Action], Callable[[GameState, Any], Moment]] = {
    Answer: _answer,
    Pass: _pass,
    DrawAnother: _draw_another,
    HandOver: _hand_over,
    Remove: _remove,
    Reflect: _reflect,
    FeltHeard: _felt_heard,
    NotQuite: _not_quite,
    Meet: _meet,
    ThankYou: _thank_you,
    LeadTheWay: _lead_the_way,
    QuietMoment: _quiet_moment,
    EndQuiet: _end_quiet,
    AskDeeper: _ask_deeper,
    Agree: _agree,
    NotYet: _not_yet,
    GoLighter: _go_lighter,
    Pause: _pause,
    Resume: _resume,
    WrapUp: _wrap_up,
    ShareClosing: _share_closing,
}


# --- how the game moves on -------------------------------------------------------------------


def _draw(table: Table, m: Moment, level: int, *, led: bool = False) -> Moment:
    """The speaker draws the top card of a level's pile."""
    pile = table.piles[level - 1]
    count = m.drawn[level - 1]
    if count < len(pile):
        drawn = tuple(n + 1 if i == level - 1 else n for i, n in enumerate(m.drawn))
        return replace(
            m,
            phase=Phase.SPEAKING,
            card=pile[count],
            card_level=level,
            led=led,
            heard=False,
            drawn=drawn,
        )
    if led:
        return _draw(table, m, m.level)
    return _pile_empty(table, m)


def _draw_deeper(table: Table, m: Moment) -> Moment:
    """A `deeper` wild card: the next card comes from one level deeper, as if leading the way."""
    deeper = m.level + 1
    if deeper <= len(table.piles) and m.drawn[deeper - 1] < len(table.piles[deeper - 1]):
        return _draw(table, m, deeper, led=True)
    return _draw(table, m, m.level)


def _pile_empty(table: Table, m: Moment) -> Moment:
    m = replace(m, card=None, led=False, heard=False)
    unlocked = table.deck.unlocked_by(m.jar)
    if any(m.drawn[i] < len(table.piles[i]) for i in range(unlocked)):
        return replace(m, phase=Phase.EMPTY)
    return _close(m, Ending.CARDS)


def _end_turn(table: Table, m: Moment) -> Moment:
    """One card, one turn: the listener becomes the speaker."""
    m = replace(
        m,
        turn=m.turn + 1,
        speaker=1 - m.speaker,
        phase=Phase.DRAWING,
        card=None,
        led=False,
        heard=False,
    )
    target = table.length.target
    if target is not None and m.answered >= target:
        return _close(m, Ending.LENGTH)
    deeper = m.level + 1
    if (
        not m.snoozed
        and deeper <= table.deck.unlocked_by(m.jar)
        and m.drawn[deeper - 1] < len(table.piles[deeper - 1])
    ):
        return replace(m, offer=Offer(deeper))
    return _draw(table, m, m.level)


def _go_to_level(state: GameState, m: Moment, level: int) -> Moment:
    """Move the game to another level; a card not yet answered gives way to one from there."""
    m = replace(m, level=level, deepest=max(m.deepest, level))
    if m.phase is Phase.SPEAKING and m.card_level == level:
        return replace(m, led=False)
    if m.phase in (Phase.SPEAKING, Phase.DRAWING, Phase.EMPTY):
        return _draw(state.table, m, level)
    return m


def _close(m: Moment, ending: Ending) -> Moment:
    return replace(
        m,
        phase=Phase.CLOSING,
        card=None,
        led=False,
        offer=None,
        quiet=False,
        paused=False,
        ending=ending,
    )


def _tick(before: Moment, after: Moment, now: float | None) -> Moment:
    """Count the time since the last action as time together, unless it was paused or idle."""
    if now is None:
        return after
    together = after.together
    if before.clock is not None and not before.paused:
        together += min(max(now - before.clock, 0.0), IDLE_GAP)
    return replace(after, clock=now, together=together)


# --- guards ----------------------------------------------------------------------------------


def _refuse(reason: str) -> NoReturn:
    raise IllegalAction(reason)


def _require(condition: bool, reason: str) -> None:
    if not condition:
        _refuse(reason)


def _require_not_over(state: GameState) -> None:
    _require(state.now.phase is not Phase.OVER, "The game is over.")


def _require_play(state: GameState) -> None:
    """The game is at play: not paused, not quiet, no offer open, not closing."""
    m = state.now
    _require_not_over(state)
    _require(m.phase is not Phase.CLOSING, "The game is closing: share your stars and wishes.")
    _require(not m.paused, "The game is paused.")
    _require(not m.quiet, "This is a quiet moment. Go on when you are ready.")
    _require(m.offer is None, "First answer the offer to go deeper.")
    _require(m.phase in _AT_PLAY, "The next card is not drawn yet.")
