"""Provides the closed set of actions players can take, and their plain-data form for the log."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class Action:
    """Something a player does at the table. Subclasses are the whole vocabulary of the game."""

    kind: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.kind}
        for field in fields(self):
            data[field.name] = getattr(self, field.name)
        return data


@dataclass(frozen=True)
class Answer(Action):
    """The answerer has spoken (on a wild card: has done what it asks)."""

    kind = "answer"


@dataclass(frozen=True)
class Pass(Action):
    """The speaker passes: free, no reason asked. The card is set aside for this game."""

    kind = "pass"


@dataclass(frozen=True)
class DrawAnother(Action):
    """After a pass: the same speaker draws a fresh card."""

    kind = "draw-another"


@dataclass(frozen=True)
class HandOver(Action):
    """After a pass: the turn goes to the other player."""

    kind = "hand-over"


@dataclass(frozen=True)
class Remove(Action):
    """Either player removes the showing card for the rest of the game; no reason needed."""

    kind = "remove"


@dataclass(frozen=True)
class Reflect(Action):
    """The listener says back, in their own words, what they heard."""

    kind = "reflect"


@dataclass(frozen=True)
class FeltHeard(Action):
    """The answerer felt heard by the reflection: one token, at most once a card."""

    kind = "felt-heard"


@dataclass(frozen=True)
class NotQuite(Action):
    """The reflection missed something; the listener may try again. Nothing is lost."""

    kind = "not-quite"


@dataclass(frozen=True)
class Meet(Action):
    """The listener meets them there: answers the same card too."""

    kind = "meet"


@dataclass(frozen=True)
class ThankYou(Action):
    """The listener acknowledges the answer without answering."""

    kind = "thank-you"


@dataclass(frozen=True)
class QuietMoment(Action):
    """Either player asks for a quiet moment: silence that earns nothing and costs nothing."""

    kind = "quiet-moment"


@dataclass(frozen=True)
class EndQuiet(Action):
    """The quiet moment is over: go on."""

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


@dataclass(frozen=True)
class NotYet(Action):
    """Either player declines the offer to go deeper, for now."""

    kind = "not-yet"


@dataclass(frozen=True)
class GoLighter(Action):
    """Either player steps back to a lower level; no consent needed."""

    kind = "go-lighter"
    level: int


@dataclass(frozen=True)
class LeadTheWay(Action):
    """The speaker draws from one level above the current one, exposing only themselves."""

    kind = "lead-the-way"


@dataclass(frozen=True)
class Pause(Action):
    """Someone came in: hide the card until both are ready."""

    kind = "pause"


@dataclass(frozen=True)
class Resume(Action):
    """Back to the table after a pause."""

    kind = "resume"


@dataclass(frozen=True)
class WrapUp(Action):
    """Either player ends the game; no consent needed to stop. Past the last card: end now."""

    kind = "wrap-up"


@dataclass(frozen=True)
class KeepPlaying(Action):
    """On the landing or closing card: back to the table, and the game goes on."""

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


@dataclass(frozen=True)
class Skip(Action):
    """Skip the landing card (on to the closing card), or the closing card (the game ends)."""

    kind = "skip"


@dataclass(frozen=True)
class Undo(Action):
    """Take back the last action, restoring the state before it exactly."""

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
