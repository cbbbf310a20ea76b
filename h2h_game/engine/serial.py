"""Provides the plain-data form of a game state: JSON-safe dicts with a schema version.

`from_dict` trusts nothing: a save file may be truncated or edited by hand, so every field is
type-checked and cross-checked against the deck, and any problem becomes a `StateError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from h2h_game.engine.deck import Deck
from h2h_game.engine.state import (
    RULES,
    Deal,
    Ending,
    GameState,
    Length,
    Moment,
    Offer,
    Phase,
    Player,
)

SCHEMA = 2
"""Version of the state's plain-data form. Bump it, and add a migration in the store, on change."""

T = TypeVar("T")


class StateError(ValueError):
    """The data is not a game state this version of the game can read."""


def state_to_dict(state: GameState, *, deal: Any = None) -> dict[str, Any]:
    """A JSON-safe dict holding the whole state, deck included.

    `deal`, when given, is written in place of the deal's dict: a store that encodes a game's
    deal (its deck, the bulk of a save) once per game passes a stand-in for those bytes.
    """
    return {
        "schema": SCHEMA,
        "deal": deal_to_dict(state.deal) if deal is None else deal,
        "moment": _moment_to_dict(state.moment),
        "undo": [_moment_to_dict(m) for m in state.undo],
    }


def state_from_dict(data: Mapping[str, Any]) -> GameState:
    """The state `state_to_dict` produced; StateError when the data is anything else."""
    try:
        if data.get("schema") != SCHEMA:
            raise StateError(f"state schema {data.get('schema')!r} is not {SCHEMA}")
        deal = _deal_from_dict(data["deal"])
        moment = _moment_from_dict(data["moment"], deal)
        undo = tuple(_moment_from_dict(m, deal) for m in _list(data["undo"]))
    except StateError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as error:
        raise StateError(f"not a game state: {error!r}") from error
    return GameState(deal, moment, undo)


def deal_to_dict(deal: Deal) -> dict[str, Any]:
    """The JSON-safe dict `state_to_dict` writes under "deal"."""
    return {
        "deck": deal.deck.to_dict(),
        "players": [{"name": p.name, "colour": p.colour} for p in deal.players],
        "length": deal.length.value,
        "seed": deal.seed,
        "first": deal.first,
        "piles": [list(pile) for pile in deal.piles],
        "landing": deal.landing,
        "started": deal.started,
        "rules": deal.rules,
    }


def deal_from_dict(data: Mapping[str, Any]) -> Deal:
    """The deal `state_to_dict` wrote under "deal"; StateError when the data is anything else."""
    try:
        return _deal_from_dict(data)
    except StateError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as error:
        raise StateError(f"not a deal: {error!r}") from error


def _deal_from_dict(data: Mapping[str, Any]) -> Deal:
    deck = Deck.from_dict(data["deck"])
    players = [Player(_str(p["name"]), _str(p["colour"])) for p in _list(data["players"])]
    piles = tuple(tuple(_str(card) for card in _list(pile)) for pile in _list(data["piles"]))
    _check(len(players) == 2, "a game has two players")
    _check(len(piles) == len(deck.levels), "one pile per level")
    for pile in piles:
        for card in pile:
            deck.card(card)
    return Deal(
        deck=deck,
        players=(players[0], players[1]),
        length=Length(data["length"]),
        seed=_int(data["seed"]),
        first=_player(data["first"]),
        piles=piles,
        landing=_str(data["landing"]),
        started=_optional(data["started"], _float),
        rules=_rules(data["rules"]),
    )


def _moment_to_dict(m: Moment) -> dict[str, Any]:
    return {
        "turn": m.turn,
        "speaker": m.speaker,
        "phase": m.phase.value,
        "level": m.level,
        "card": m.card,
        "card_level": m.card_level,
        "led": m.led,
        "heard": m.heard,
        "drawn": list(m.drawn),
        "under": [list(cards) for cards in m.under],
        "removed": list(m.removed),
        "jar": m.jar,
        "answered": m.answered,
        "answered_at": list(m.answered_at),
        "met": m.met,
        "felt_heard": m.felt_heard,
        "deepest": m.deepest,
        "snoozed": m.snoozed,
        "lighter": m.lighter,
        "offer": None
        if m.offer is None
        else {"level": m.offer.level, "agreed": list(m.offer.agreed), "asked": m.offer.asked},
        "quiet": m.quiet,
        "paused": m.paused,
        "shared": list(m.shared),
        "ending": None if m.ending is None else m.ending.value,
        "extended": m.extended,
        "clock": m.clock,
        "together": m.together,
    }


def _moment_from_dict(data: Mapping[str, Any], deal: Deal) -> Moment:
    levels = len(deal.deck.levels)
    offer_data = data["offer"]
    offer = None
    if offer_data is not None:
        agreed = [_bool(a) for a in _list(offer_data["agreed"])]
        _check(len(agreed) == 2, "two players agree")
        offer = Offer(
            level=_level(offer_data["level"], levels),
            agreed=(agreed[0], agreed[1]),
            asked=_bool(offer_data["asked"]),
        )
    card = _optional(data["card"], _str)
    if card is not None:
        deal.deck.card(card)
    drawn = tuple(_int(n) for n in _list(data["drawn"]))
    _check(len(drawn) == levels, "a draw count per level")
    _check(all(0 <= n <= len(p) for n, p in zip(drawn, deal.piles, strict=True)), "draw counts")
    under = tuple(tuple(_str(c) for c in _list(cards)) for cards in _list(data["under"]))
    _check(len(under) == levels, "cards put back per level")
    for cards in under:
        for put_back in cards:
            deal.deck.card(put_back)
    answered_at = tuple(_int(n) for n in _list(data["answered_at"]))
    _check(len(answered_at) == levels, "an answer count per level")
    shared = [_bool(c) for c in _list(data["shared"])]
    _check(len(shared) == 2, "two players share")
    clock = _optional(data["clock"], _float)
    ending = _optional(data["ending"], _str)
    return Moment(
        turn=_int(data["turn"]),
        speaker=_player(data["speaker"]),
        phase=Phase(data["phase"]),
        level=_level(data["level"], levels),
        card=card,
        card_level=_level(data["card_level"], levels),
        led=_bool(data["led"]),
        heard=_bool(data["heard"]),
        drawn=drawn,
        under=under,
        removed=tuple(_str(c) for c in _list(data["removed"])),
        jar=_int(data["jar"]),
        answered=_int(data["answered"]),
        answered_at=answered_at,
        met=_int(data["met"]),
        felt_heard=_int(data["felt_heard"]),
        deepest=_level(data["deepest"], levels),
        snoozed=_bool(data["snoozed"]),
        lighter=_int(data["lighter"]),
        offer=offer,
        quiet=_bool(data["quiet"]),
        paused=_bool(data["paused"]),
        shared=(shared[0], shared[1]),
        ending=None if ending is None else Ending(ending),
        extended=_bool(data["extended"]),
        clock=clock,
        together=_float(data["together"]),
    )


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise StateError(f"inconsistent state: {what}")


def _typed(value: Any, kind: type[T], what: str) -> T:
    # bool is an int in Python; a save with `true` where a number belongs is still corrupt.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise StateError(f"expected {what}, found {value!r}")
    return value


def _int(value: Any) -> int:
    return _typed(value, int, "a whole number")


def _bool(value: Any) -> bool:
    return _typed(value, bool, "true or false")


def _str(value: Any) -> str:
    return _typed(value, str, "text")


def _list(value: Any) -> list[Any]:
    return _typed(value, list, "a list")


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StateError(f"expected a number, found {value!r}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise StateError(f"expected a finite number, found {value!r}")
    return number


def _optional(value: Any, read: Callable[[Any], T]) -> T | None:
    return None if value is None else read(value)


def _rules(value: Any) -> int:
    edition = _int(value)
    _check(1 <= edition <= RULES, f"rules edition 1 to {RULES}")
    return edition


def _player(value: Any) -> int:
    index = _int(value)
    _check(index in (0, 1), "a player is 0 or 1")
    return index


def _level(value: Any, levels: int) -> int:
    level = _int(value)
    _check(1 <= level <= levels, "a level of the deck")
    return level
