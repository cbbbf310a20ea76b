"""Provides the rules of Heart to Heart: dealing, what is legal now, and applying an action.

Everything here is a pure function of its arguments. `apply(state, action, at)` returns a new
state or raises `IllegalAction` with a reason a player can read, and changes nothing; the time
`at` (seconds) is passed in by the caller, never read from a clock.

Each action's rule is a handler registered with `@rule(ActionClass)`: together with the action
classes in `actions.py` that is the one table of moves. `candidate_actions` is derived from it.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, NoReturn, TypeVar

from h2h_game.engine.actions import (
    ACTION_TYPES,
    Action,
    Agree,
    Answer,
    AskDeeper,
    DrawAnother,
    EndQuiet,
    FeltHeard,
    GoLighter,
    HandOver,
    KeepPlaying,
    LeadTheWay,
    LogEntry,
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
)
from h2h_game.engine.deck import Deck, Effect, Level
from h2h_game.engine.state import (
    ENDING_PHASES,
    Deal,
    Ending,
    GameState,
    Length,
    Moment,
    Offer,
    Phase,
    Player,
)

IDLE_GAP = 20 * 60
"""Seconds: a longer stretch without any action counts as time away, not time together."""

NAME_LIMIT = 40
"""The longest name, in characters as a reader counts them (grapheme clusters)."""
DEFAULT_NAMES = ("Player 1", "Player 2")
DEFAULT_COLOURS = ("coral", "teal")

COURAGE = 1
"""The extra token for leading the way, when the listener meets the leader there."""

QUIET_GO_ON_AFTER = 5
"""Seconds before "go on" wakes, so nobody rushes out of the silence."""

MEET_AFTER_LIGHTER = 2
"""After someone chose to go lighter, cards to meet each other on there before being offered
to go deeper again: stepping back is a clear signal, and the game should not hurry past it."""

UNDO_DEPTH = 50
"""Undo reaches back at most this many actions (within this turn and the one before), so a
long pause-and-resume fidget cannot make the state, the save or a replay grow without end."""

LANDING_CARDS = (
    "What is one small thing you are looking forward to this week?",
    "What would make tomorrow morning a good one?",
    "Which simple pleasure would you like more of this month?",
    "What is something that made you smile today, before we sat down?",
)
"""Light cards for coming back up, for decks that bring no `[ending] landing` of their own."""

# Phases in which the game is being played (no prompt, no ending): where most actions live.
_AT_PLAY = (Phase.SPEAKING, Phase.PASSED, Phase.ANSWERED, Phase.REFLECTING, Phase.EMPTY)
# A reflection needs something said to reflect on: questions, and wild cards that are answered.
_REFLECTABLE = (None, Effect.BOTH_ANSWER, Effect.SWAP)
# Bidirectional embeddings, overrides and isolates: they make a name read backwards.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Joiners and variation selectors that belong inside a written name (emoji families, Persian).
_JOINERS = frozenset("\u200c\u200d\ufe0e\ufe0f")


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


# --- setting up -------------------------------------------------------------------------------


def grapheme_count(text: str) -> int:
    """How many characters a reader sees: a family emoji or an accented letter counts as one.

    A close approximation of Unicode grapheme clusters from the standard library alone:
    combining marks, joiners, variation selectors and emoji modifiers join the character
    before them, a character after a zero-width joiner joins it, and flags come in pairs.
    """
    count = 0
    joined = False
    flag_half = False
    for char in text:
        code = ord(char)
        if joined:
            joined = False
            continue
        if char == "\u200d":
            joined = True
            continue
        if (
            unicodedata.category(char) in ("Mn", "Me", "Mc")
            or char in _JOINERS
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
        ):
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            flag_half = not flag_half
            if not flag_half:
                continue
        else:
            flag_half = False
        count += 1
    return count


def name_problem(name: str) -> str | None:
    """Why a trimmed name cannot be used, naming the character at fault; None when it can."""
    for char in name:
        if char in _JOINERS:
            continue
        if char in _BIDI_CONTROLS or not (char.isprintable() or char == " "):
            code = f"U+{ord(char):04X}"
            label = unicodedata.name(char, "a control character")
            return f"a name can't hold the invisible character {code} ({label})"
    if grapheme_count(name) > NAME_LIMIT:
        return f"a name can be at most {NAME_LIMIT} characters"
    return None


def player_name(raw: str, default: str) -> str:
    """A player's name as it will be shown: trimmed, or the default when left empty."""
    name = unicodedata.normalize("NFC", raw.strip())
    if not name:
        return default
    if problem := name_problem(name):
        raise SetupError(problem[0].upper() + problem[1:] + ".")
    return name


def same_names(first: str, second: str) -> bool:
    """Two names the players could not tell apart on screen (case aside)."""
    return first.casefold() == second.casefold()


def deal_game(setup: Setup, at: float | None = None) -> GameState:
    """Set the table: names, lines, piles shuffled from the seed, and the first card drawn."""
    names = (
        player_name(setup.names[0], DEFAULT_NAMES[0]),
        player_name(setup.names[1], DEFAULT_NAMES[1]),
    )
    if same_names(*names):
        raise SetupError(f"Both players are called {names[0]!r}: give one of you another name.")
    rng = random.Random(setup.seed)
    first = setup.first if setup.first is not None else rng.randrange(2)
    if first not in (0, 1):
        raise SetupError("The first speaker is player 1 or player 2.")
    kept: list[Level] = []
    piles: list[tuple[str, ...]] = []
    for level in setup.deck.levels:
        cards = tuple(
            replace(card, tags=())
            for card in level.cards
            if card.id not in setup.hidden and not setup.lines.intersection(card.tags)
        )
        pile = [card.id for card in cards]
        rng.shuffle(pile)
        piles.append(tuple(pile))
        kept.append(replace(level, cards=cards))
    if not piles[0]:
        first_level = setup.deck.levels[0].name
        raise SetupError(f"No cards are left in {first_level!r} with these lines and hidden cards.")
    landings = setup.deck.landing or LANDING_CARDS
    deal = Deal(
        # Only what play needs: no left-out cards and no tags, so the game keeps no trace of
        # which topics either player ticked.
        deck=replace(setup.deck, levels=tuple(kept), tags=()),
        players=(Player(names[0], setup.colours[0]), Player(names[1], setup.colours[1])),
        length=setup.length,
        seed=setup.seed,
        first=first,
        piles=tuple(piles),
        landing=landings[rng.randrange(len(landings))],
        started=at,
    )
    return opening(deal)


def opening(deal: Deal) -> GameState:
    """The state at the first card of a game dealt this way."""
    levels = len(deal.piles)
    moment = Moment(
        speaker=deal.first,
        drawn=(0,) * levels,
        under=((),) * levels,
        answered_at=(0,) * levels,
        clock=deal.started,
    )
    return GameState(deal, _draw(deal, moment, 1))


def replay(deal: Deal, log: Iterable[LogEntry]) -> GameState:
    """The state reached by playing the logged actions from the start of the game."""
    state = opening(deal)
    for entry in log:
        state = apply(state, entry.action, entry.at)
    return state


# --- asking the rules -------------------------------------------------------------------------

A = TypeVar("A", bound=Action)
Handler = Callable[[GameState, Any], Moment]
_RULES: dict[type[Action], Handler] = {}


def rule(action: type[A]) -> Callable[[Callable[[GameState, A], Moment]], Handler]:
    """Register the handler that says what `action` does to a state (one rule per action)."""

    def register(handler: Callable[[GameState, A], Moment]) -> Handler:
        _RULES[action] = handler
        return handler

    return register


def apply(state: GameState, action: Action, at: float | None = None) -> GameState:
    """The state after `action`, or IllegalAction with the reason it is not allowed now."""
    outcome = _ruled(state, action)
    if isinstance(outcome, GameState):
        return outcome  # undo: the moment before, as it was
    moment = _tick(state.moment, outcome, at)
    # Undo reaches back within the current turn and the one before it, UNDO_DEPTH at most.
    kept = (*state.undo[-(UNDO_DEPTH - 1) :], state.moment)
    history = tuple(m for m in kept if m.turn >= moment.turn - 1)
    return GameState(state.deal, moment, history)


def why_not(state: GameState, action: Action) -> str | None:
    """None when `action` is legal now, else the reason it is not.

    Asks the action's rule alone: the clock and the undo history that `apply` adds cannot make
    an action illegal, and the legal moves are worked out for every state the table shows.
    """
    try:
        _ruled(state, action)
    except IllegalAction as refusal:
        return refusal.reason
    return None


def _ruled(state: GameState, action: Action) -> Moment | GameState:
    """What the action's rule makes of the state: the next moment, or for undo the whole state
    it returns to. IllegalAction when the rule refuses it."""
    if isinstance(action, Undo):
        return _undo(state)
    handler = _RULES.get(type(action))
    if handler is None:
        _refuse(f"{type(action).__name__} is not an action of this game.")
    return handler(state, action)


def is_legal(state: GameState, action: Action) -> bool:
    return why_not(state, action) is None


def candidate_actions(state: GameState) -> list[Action]:
    """Every action that could ever be legal in this game, legal now or not.

    Derived from the action classes: one of each, one per level for those that name a level,
    one per player for those that name a player.
    """
    levels = range(1, len(state.deck.levels) + 1)
    candidates: list[Action] = []
    for cls in ACTION_TYPES.values():
        names = [field.name for field in fields(cls)]
        if names == ["level"]:
            candidates.extend(cls(level) for level in levels)  # type: ignore[call-arg]
        elif names == ["player"]:
            candidates.extend(cls(player) for player in (0, 1))  # type: ignore[call-arg]
        else:
            candidates.append(cls())
    return candidates


def legal_actions(state: GameState) -> list[Action]:
    """What the players may do now, in a stable order. Compute it once per state."""
    return [action for action in candidate_actions(state) if is_legal(state, action)]


# --- the rules, one action at a time ---------------------------------------------------------


@rule(Answer)
def _answer(state: GameState, action: Answer) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.SPEAKING, "There is no card waiting for an answer.")
    card = state.card
    assert card is not None
    if card.effect is Effect.DEEPER:
        return _draw_deeper(state.deal, m)
    if card.effect is Effect.QUIET:
        return replace(m, phase=Phase.ANSWERED, quiet=True)
    return replace(
        m,
        phase=Phase.ANSWERED,
        answered=m.answered + 1,
        answered_at=_bump(m.answered_at, m.card_level),
        deepest=max(m.deepest, m.card_level),
    )


@rule(Pass)
def _pass(state: GameState, action: Pass) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.SPEAKING, "You can pass while a card is waiting for an answer.")
    return replace(m, phase=Phase.PASSED, card=None, led=False)


@rule(DrawAnother)
def _draw_another(state: GameState, action: DrawAnother) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.PASSED, "You can draw another card after a pass.")
    return _draw(state.deal, m, m.level)


@rule(HandOver)
def _hand_over(state: GameState, action: HandOver) -> Moment:
    _require_play(state)
    _require(state.moment.phase is Phase.PASSED, "You can hand the turn over after a pass.")
    return _end_turn(state.deal, state.moment)


@rule(Remove)
def _remove(state: GameState, action: Remove) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.SPEAKING and m.card is not None, "There is no card to remove.")
    assert m.card is not None
    kept = replace(m, removed=(*m.removed, m.card))
    # The same speaker draws a fresh card from where the removed one came from.
    return _draw(state.deal, kept, m.card_level if m.led else m.level, led=m.led)


@rule(Reflect)
def _reflect(state: GameState, action: Reflect) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.ANSWERED, "You can reflect after an answer.")
    card = state.card
    assert card is not None
    _require(card.effect in _REFLECTABLE, "This card has nothing to reflect on.")
    _require(not m.heard, "They already felt heard on this card.")
    return replace(m, phase=Phase.REFLECTING)


@rule(FeltHeard)
def _felt_heard(state: GameState, action: FeltHeard) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.REFLECTING, "Felt heard answers a reflection.")
    return replace(m, phase=Phase.ANSWERED, heard=True, jar=m.jar + 1, felt_heard=m.felt_heard + 1)


@rule(NotQuite)
def _not_quite(state: GameState, action: NotQuite) -> Moment:
    _require_play(state)
    _require(state.moment.phase is Phase.REFLECTING, "Not quite answers a reflection.")
    return replace(state.moment, phase=Phase.ANSWERED)


@rule(Meet)
def _meet(state: GameState, action: Meet) -> Moment:
    _require_play(state)
    m = state.moment
    _require(m.phase is Phase.ANSWERED, "You can meet them there after they have answered.")
    card = state.card
    assert card is not None
    if card.effect is Effect.APPRECIATE:
        tokens = 1
    else:
        tokens = m.card_level + (COURAGE if m.led else 0)
    # Meeting each other at the lighter level is what makes the game offer depth again.
    lighter = m.lighter - 1 if m.lighter and m.card_level == m.level else m.lighter
    met = replace(m, jar=m.jar + tokens, met=m.met + 1, snoozed=False, lighter=lighter)
    return _end_turn(state.deal, met)


@rule(ThankYou)
def _thank_you(state: GameState, action: ThankYou) -> Moment:
    _require_play(state)
    _require(state.moment.phase is Phase.ANSWERED, "You can say thank you after an answer.")
    return _end_turn(state.deal, state.moment)


@rule(LeadTheWay)
def _lead_the_way(state: GameState, action: LeadTheWay) -> Moment:
    _require_play(state)
    m = state.moment
    _require(
        m.phase in (Phase.SPEAKING, Phase.EMPTY),
        "You can lead the way before answering a card.",
    )
    _require(not m.led, "This card already comes from one level deeper.")
    above = m.level + 1
    _require(above <= len(state.deck.levels), "There is no deeper level to lead the way to.")
    _require(state.cards_left(above) > 0, "The next level's pile is empty.")
    if m.phase is Phase.SPEAKING and m.card is not None and state.deal.rules >= 2:
        # The card it replaces was never answered: it goes back under its pile, not away.
        m = replace(m, under=_put_under(m.under, m.card_level, m.card))
    return _draw(state.deal, m, above, led=True)


@rule(QuietMoment)
def _quiet_moment(state: GameState, action: QuietMoment) -> Moment:
    _require_play(state)
    return replace(state.moment, quiet=True)


@rule(EndQuiet)
def _end_quiet(state: GameState, action: EndQuiet) -> Moment:
    m = state.moment
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.quiet, "There is no quiet moment to end.")
    m = replace(m, quiet=False)
    card = state.card
    if m.phase is Phase.ANSWERED and card is not None and card.effect is Effect.QUIET:
        return _end_turn(state.deal, m)
    return m


@rule(AskDeeper)
def _ask_deeper(state: GameState, action: AskDeeper) -> Moment:
    _require_play(state)
    m = state.moment
    _require(action.level > m.level, "That level is not deeper than this one.")
    _require(action.level <= state.unlocked, "That level has not opened yet.")
    _require(state.cards_left(action.level) > 0, "That level's pile is empty.")
    return replace(m, offer=Offer(action.level, asked=True))


@rule(Agree)
def _agree(state: GameState, action: Agree) -> Moment:
    m = state.moment
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.offer is not None, "Nobody has asked to go deeper.")
    assert m.offer is not None
    _require(action.player in (0, 1), "Only the two players can agree.")
    _require(not m.offer.agreed[action.player], "You have already agreed.")
    agreed = tuple(True if i == action.player else a for i, a in enumerate(m.offer.agreed))
    if not all(agreed):
        return replace(m, offer=replace(m.offer, agreed=(agreed[0], agreed[1])))
    deeper = replace(m, offer=None, snoozed=False, lighter=0)
    return _go_to_level(state, deeper, m.offer.level)


@rule(NotYet)
def _not_yet(state: GameState, action: NotYet) -> Moment:
    m = state.moment
    _require_not_over(state)
    _require(not m.paused, "The game is paused.")
    _require(m.offer is not None, "Nobody has asked to go deeper.")
    m = replace(m, offer=None, snoozed=True)
    if m.phase is Phase.DRAWING:
        return _draw(state.deal, m, m.level)
    return m


@rule(GoLighter)
def _go_lighter(state: GameState, action: GoLighter) -> Moment:
    _require_play(state)
    m = state.moment
    _require(1 <= action.level < m.level, "That level is not lighter than this one.")
    _require(state.cards_left(action.level) > 0, "That level's pile is empty.")
    if state.deal.rules < 2:
        return _go_to_level(state, replace(m, snoozed=True), action.level)
    return _go_to_level(state, replace(m, lighter=MEET_AFTER_LIGHTER), action.level)


@rule(Pause)
def _pause(state: GameState, action: Pause) -> Moment:
    _require_not_over(state)
    _require(not state.moment.paused, "The game is already paused.")
    return replace(state.moment, paused=True)


@rule(Resume)
def _resume(state: GameState, action: Resume) -> Moment:
    _require(state.moment.paused, "The game is not paused.")
    return replace(state.moment, paused=False)


@rule(WrapUp)
def _wrap_up(state: GameState, action: WrapUp) -> Moment:
    _require_not_over(state)
    m = state.moment
    if m.phase in ENDING_PHASES:
        return replace(m, phase=Phase.OVER, paused=False)
    return _close(state.deal, m, Ending.WRAP_UP)


@rule(KeepPlaying)
def _keep_playing(state: GameState, action: KeepPlaying) -> Moment:
    m = state.moment
    _require(m.phase in ENDING_PHASES, "The game is not ending.")
    _require(not m.paused, "The game is paused.")
    _require(m.ending is not Ending.CARDS, "Every card you could reach has been played.")
    if m.ending is Ending.LENGTH:
        # The evening they chose is over and they want more: the length no longer ends it.
        going_on = replace(
            m, phase=Phase.DRAWING, ending=None, extended=True, shared=(False, False)
        )
        return _next_card(state.deal, going_on)
    before = next((u for u in reversed(state.undo) if u.phase not in ENDING_PHASES), None)
    _require(before is not None, "The table as it was is too far back to return to.")
    assert before is not None
    # Back to the table exactly as it was before wrapping up; only time keeps moving.
    return replace(before, clock=m.clock, together=m.together)


@rule(ShareLanding)
def _share_landing(state: GameState, action: ShareLanding) -> Moment:
    m = state.moment
    _require(m.phase is Phase.LANDING, "The landing card comes at the end of the game.")
    _require(not m.paused, "The game is paused.")
    _require(action.player in (0, 1), "Only the two players can answer.")
    _require(not m.shared[action.player], "You have already answered it.")
    shared = (m.shared[0] or action.player == 0, m.shared[1] or action.player == 1)
    if all(shared):
        return replace(m, phase=Phase.CLOSING, shared=(False, False))
    return replace(m, shared=shared)


@rule(ShareClosing)
def _share_closing(state: GameState, action: ShareClosing) -> Moment:
    m = state.moment
    _require(m.phase is Phase.CLOSING, "The closing card comes at the end of the game.")
    _require(not m.paused, "The game is paused.")
    _require(action.player in (0, 1), "Only the two players can share.")
    _require(not m.shared[action.player], "You have already shared yours.")
    shared = (m.shared[0] or action.player == 0, m.shared[1] or action.player == 1)
    return replace(m, shared=shared, phase=Phase.OVER if all(shared) else Phase.CLOSING)


@rule(Skip)
def _skip(state: GameState, action: Skip) -> Moment:
    m = state.moment
    _require(m.phase in ENDING_PHASES, "There is nothing to skip.")
    _require(not m.paused, "The game is paused.")
    if m.phase is Phase.LANDING:
        return replace(m, phase=Phase.CLOSING, shared=(False, False))
    return replace(m, phase=Phase.OVER)


def _undo(state: GameState) -> GameState:
    _require(not state.moment.paused, "The game is paused.")
    _require(bool(state.undo), "There is nothing to undo.")
    return GameState(state.deal, state.undo[-1], state.undo[:-1])


# --- how the game moves on -------------------------------------------------------------------


def _draw(deal: Deal, m: Moment, level: int, *, led: bool = False) -> Moment:
    """The speaker draws the top card of a level's pile (then the cards put back under it)."""
    pile = deal.piles[level - 1]
    count = m.drawn[level - 1]
    if count < len(pile):
        card, m = pile[count], replace(m, drawn=_bump(m.drawn, level))
    elif m.under[level - 1]:
        card = m.under[level - 1][0]
        under = tuple(u[1:] if i == level - 1 else u for i, u in enumerate(m.under))
        m = replace(m, under=under)
    elif led:
        return _draw(deal, m, m.level)
    else:
        return _pile_empty(deal, m)
    return replace(m, phase=Phase.SPEAKING, card=card, card_level=level, led=led, heard=False)


def _draw_deeper(deal: Deal, m: Moment) -> Moment:
    """A `deeper` wild card: the next card comes from one level deeper, as if leading the way."""
    deeper = m.level + 1
    if deeper <= len(deal.piles) and _left(deal, m, deeper) > 0:
        return _draw(deal, m, deeper, led=True)
    return _draw(deal, m, m.level)


def _left(deal: Deal, m: Moment, level: int) -> int:
    return len(deal.piles[level - 1]) - m.drawn[level - 1] + len(m.under[level - 1])


def _pile_empty(deal: Deal, m: Moment) -> Moment:
    m = replace(m, card=None, led=False, heard=False)
    unlocked = _open(deal, m)
    if any(_left(deal, m, level) > 0 for level in range(1, unlocked + 1)):
        return replace(m, phase=Phase.EMPTY)
    return _close(deal, m, Ending.CARDS)


def _open(deal: Deal, m: Moment) -> int:
    return GameState(deal, m).unlocked


def _end_turn(deal: Deal, m: Moment) -> Moment:
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
    target = deal.length.target
    if target is not None and m.answered >= target and not m.extended:
        return _close(deal, m, Ending.LENGTH)
    return _next_card(deal, m)


def _next_card(deal: Deal, m: Moment) -> Moment:
    """At the start of a turn: an offer to go deeper when a level has opened, else a card."""
    deeper = m.level + 1
    if not m.snoozed and not m.lighter and deeper <= _open(deal, m) and _left(deal, m, deeper) > 0:
        return replace(m, offer=Offer(deeper))
    return _draw(deal, m, m.level)


def _go_to_level(state: GameState, m: Moment, level: int) -> Moment:
    """Move the game to another level; a card not yet answered gives way to one from there."""
    m = replace(m, level=level, deepest=max(m.deepest, level))
    if m.phase is Phase.SPEAKING and m.card_level == level:
        return replace(m, led=False)
    if m.phase is Phase.SPEAKING and m.card is not None and state.deal.rules >= 2:
        m = replace(m, under=_put_under(m.under, m.card_level, m.card))
    if m.phase in (Phase.SPEAKING, Phase.DRAWING, Phase.EMPTY):
        return _draw(state.deal, m, level)
    return m


def _close(deal: Deal, m: Moment, ending: Ending) -> Moment:
    """The last card is behind them: come back up first if they went deep, then the close."""
    return replace(
        m,
        phase=Phase.LANDING if m.deepest > 1 and deal.landing else Phase.CLOSING,
        card=None,
        led=False,
        offer=None,
        quiet=False,
        paused=False,
        shared=(False, False),
        ending=ending,
    )


def _bump(counts: tuple[int, ...], level: int) -> tuple[int, ...]:
    return tuple(n + 1 if i == level - 1 else n for i, n in enumerate(counts))


def _put_under(
    under: tuple[tuple[str, ...], ...], level: int, card: str
) -> tuple[tuple[str, ...], ...]:
    return tuple((*u, card) if i == level - 1 else u for i, u in enumerate(under))


def _tick(before: Moment, after: Moment, at: float | None) -> Moment:
    """Count the time since the last action as time together, unless it was paused or idle."""
    if at is None:
        return after
    together = after.together
    if before.clock is not None and not before.paused:
        together += min(max(at - before.clock, 0.0), IDLE_GAP)
    return replace(after, clock=at, together=together)


# --- guards ----------------------------------------------------------------------------------


def _refuse(reason: str) -> NoReturn:
    raise IllegalAction(reason)


def _require(condition: bool, reason: str) -> None:
    if not condition:
        _refuse(reason)


def _require_not_over(state: GameState) -> None:
    _require(state.moment.phase is not Phase.OVER, "The game is over.")


def _require_play(state: GameState) -> None:
    """The game is at play: not paused, not quiet, no offer open, not ending."""
    m = state.moment
    _require_not_over(state)
    _require(m.phase not in ENDING_PHASES, "The game is ending: the last cards are on the table.")
    _require(not m.paused, "The game is paused.")
    _require(not m.quiet, "This is a quiet moment. Go on when you are ready.")
    _require(m.offer is None, "First answer the offer to go deeper.")
    _require(m.phase in _AT_PLAY, "The next card is not drawn yet.")


def unregistered_actions() -> list[str]:
    """Action kinds with no rule: a developer's slip that a test keeps at zero."""
    return [kind for kind, cls in ACTION_TYPES.items() if cls not in _RULES and cls is not Undo]
