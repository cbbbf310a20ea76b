"""Provides the closed set of actions players can take, and their plain-data form for the log."""

from __future__ import annotations

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
    """Either player ends the game; no consent needed to stop. On the closing card: skip it."""

    kind = "wrap-up"


@dataclass(frozen=True)
class ShareClosing(Action):
    """A player has shared their stars and wishes on the closing card."""

    kind = "share-closing"
    player: int


@dataclass(frozen=True)
class Undo(Action):
    """Take back the last action, restoring the state before it exactly."""

    kind = "undo"


ACTION_TYPES: Mapping[str, type[Action]] = {
    cls.kind: cls
    for cls in (
        Answer,
        Pass,
        DrawAnother,
        HandOver,
        Remove,
        Reflect,
        FeltHeard,
        NotQuite,
        Meet,
        ThankYou,
        QuietMoment,
        EndQuiet,
        AskDeeper,
        Agree,
        NotYet,
        GoLighter,
        LeadTheWay,
        Pause,
        Resume,
        WrapUp,
        ShareClosing,
        Undo,
    )
}


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
