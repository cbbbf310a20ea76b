"""Provides the closed set of actions players can take, and their plain-data form for the log."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class Action:
    """Something a player does at the table. Subclasses are the whole vocabulary of the game.

    A move that carries nothing (most of them) is a plain subclass with `__slots__ = ()`: it
    inherits this dataclass's methods, equal only to its own kind and as immutable. Making each
    one a dataclass of its own cost every launch ~10 ms of generated code.
    """

    __slots__ = ()
    kind: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.kind}
        for field in fields(self):
            data[field.name] = getattr(self, field.name)
        return data


class Answer(Action):
    """The answerer has spoken (on a wild card: has done what it asks)."""

    __slots__ = ()
    kind = "answer"


class Pass(Action):
    """The speaker passes: free, no reason asked. The card is set aside for this game."""

    __slots__ = ()
    kind = "pass"


class DrawAnother(Action):
    """After a pass: the same speaker draws a fresh card."""

    __slots__ = ()
    kind = "draw-another"


class HandOver(Action):
    """After a pass: the turn goes to the other player."""

    __slots__ = ()
    kind = "hand-over"


class Remove(Action):
    """Either player removes the showing card for the rest of the game; no reason needed."""

    __slots__ = ()
    kind = "remove"


class Reflect(Action):
    """The listener says back, in their own words, what they heard."""

    __slots__ = ()
    kind = "reflect"


class FeltHeard(Action):
    """The answerer felt heard by the reflection: one token, at most once a card."""

    __slots__ = ()
    kind = "felt-heard"


class NotQuite(Action):
    """The reflection missed something; the listener may try again. Nothing is lost."""

    __slots__ = ()
    kind = "not-quite"


class Meet(Action):
    """The listener meets them there: answers the same card too."""

    __slots__ = ()
    kind = "meet"


class ThankYou(Action):
    """The listener acknowledges the answer without answering."""

    __slots__ = ()
    kind = "thank-you"


class QuietMoment(Action):
    """Either player asks for a quiet moment: silence that earns nothing and costs nothing."""

    __slots__ = ()
    kind = "quiet-moment"


class EndQuiet(Action):
    """The quiet moment is over: go on."""

    __slots__ = ()
    kind = "end-quiet"


@dataclass(frozen=True)
class AskDeeper(Action):
    """Either player asks both to go to an unlocked, deeper level."""

    kind = "ask-deeper"
    level: int


@dataclass(frozen=True)
class Agree(Action):
    """A player agrees to go deeper (player 0 presses `f`, player 1 presses `j`)."""

    kind = "agree"
    player: int


class NotYet(Action):
    """Either player declines the offer to go deeper, for now."""

    __slots__ = ()
    kind = "not-yet"


@dataclass(frozen=True)
class GoLighter(Action):
    """Either player steps back to a lower level; no consent needed."""

    kind = "go-lighter"
    level: int


class LeadTheWay(Action):
    """The speaker draws from one level above the current one, exposing only themselves."""

    __slots__ = ()
    kind = "lead-the-way"


class Pause(Action):
    """Someone came in: hide the card until both are ready."""

    __slots__ = ()
    kind = "pause"


class Resume(Action):
    """Back to the table after a pause."""

    __slots__ = ()
    kind = "resume"


class WrapUp(Action):
    """Either player ends the game; no consent needed to stop. Past the last card: end now."""

    __slots__ = ()
    kind = "wrap-up"


class KeepPlaying(Action):
    """On the landing or closing card: back to the table, and the game goes on."""

    __slots__ = ()
    kind = "keep-playing"


@dataclass(frozen=True)
class ShareLanding(Action):
    """A player has answered the light landing card that brings the evening back up."""

    kind = "share-landing"
    player: int


@dataclass(frozen=True)
class ShareClosing(Action):
    """A player has shared their part of the closing card (stars and wishes, or the deck's own)."""

    kind = "share-closing"
    player: int


class Skip(Action):
    """Skip the landing card (on to the closing card), or the closing card (the game ends)."""

    __slots__ = ()
    kind = "skip"


class Undo(Action):
    """Take back the last action, restoring the state before it exactly."""

    __slots__ = ()
    kind = "undo"


def _vocabulary() -> dict[str, type[Action]]:
    # Every subclass defined in this module is a move of the game: one list, kept by Python.
    found = [cls for cls in Action.__subclasses__() if cls.__module__ == __name__]
    return {cls.kind: cls for cls in found}


ACTION_TYPES: Mapping[str, type[Action]] = _vocabulary()
"""Every action of the game by its `kind`, in the order the classes are defined above."""


def action_from_dict(data: Mapping[str, Any]) -> Action:
    """Rebuild an action from `Action.to_dict()`; ValueError if it is not one."""
    try:
        cls = ACTION_TYPES[data["type"]]
        arguments = {field.name: data[field.name] for field in fields(cls)}
    except (KeyError, TypeError) as error:
        raise ValueError(f"not an action: {data!r}") from error
    if not all(type(value) is int for value in arguments.values()):
        raise ValueError(f"not an action: {data!r}")
    return cls(**arguments)


@dataclass(frozen=True)
class LogEntry:
    """One line of the action log: what was done, and when (as the caller's clock said)."""

    action: Action
    at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action.to_dict(), "at": self.at}

    @classmethod
    def from_dict(cls, data: Any) -> LogEntry:
        """The entry `to_dict` produced; ValueError when the data is anything else."""
        if not isinstance(data, dict):
            raise ValueError(f"not a log entry: {data!r}")
        at = data.get("at")
        if at is not None and (isinstance(at, bool) or not isinstance(at, int | float)):
            raise ValueError(f"not a time: {at!r}")
        if at is not None and not math.isfinite(at):
            raise ValueError(f"not a time: {at!r}")
        action = data.get("action")
        if not isinstance(action, dict):
            raise ValueError(f"not an action: {action!r}")
        return cls(action_from_dict(action), None if at is None else float(at))
