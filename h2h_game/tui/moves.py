"""Provides the table's moves: one registry of keys and words, and what can be done right now.

Every key at the table, every button, the key bar, the command palette, the help page's key
table and the README's are the same `Move`s (tests hold the help page and README to this
list). Which moves are possible is decided by the engine: `choices(session)` turns the legal
actions of the moment into the moves that carry them out, one per key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from h2h_game.engine import (
    Action,
    Agree,
    AskDeeper,
    GameState,
    GoLighter,
    Phase,
    ShareClosing,
    ShareLanding,
    WrapUp,
)


@dataclass(frozen=True)
class Move:
    """One thing players can do at the table, with its key and the words for it everywhere."""

    name: str
    key: str
    """Textual's name for the key."""
    shown: str
    """The key as the players see it: "a", "space", "esc"."""
    label: str
    """The words on buttons, in the palette and in help: "I answered"."""
    short: str
    """The words in the key bar, where room is scarce: "Answered"."""
    tooltip: str
    hint: str = ""
    """One plain line explaining the move, shown the first time it is possible in a game."""


MOVES = (
    Move(
        "answer", "a", "a", "I answered", "Answered", "Say your answer out loud, then press a",
        "Answer: say it out loud, in your own words. Nothing is typed or kept.",
    ),
    Move(
        "reflect", "r", "r", "Reflect", "Reflect", "Say back what you heard",
        "Reflect: say back in your own words what you heard, and what wasn't said.",
    ),
    Move(
        "felt-heard", "h", "h", "I felt heard", "Felt heard", "That reflection landed",
        "Felt heard: the reflection landed. It puts one token in the trust jar.",
    ),
    Move(
        "not-quite", "n", "n", "Not quite", "Not quite", "Not quite: they can try again",
        "Not quite: they try saying it back again. Nothing is lost.",
    ),
    Move(
        "meet", "m", "m", "Meet them there", "Meet", "Answer the same card yourself",
        "Meet them there: answer the same card yourself. Its level goes in the jar.",
    ),
    Move(
        "thank-you", "t", "t", "Thank you", "Thanks", "Thank them without answering",
        "Thank you: take in what they said, without answering. The turn passes.",
    ),
    Move(
        "pass", "p", "p", "Pass", "Pass", "Pass this card: free, no reason asked",
        "Pass: any card, any time, no reason needed. It costs nothing.",
    ),
    Move("draw-another", "c", "c", "Draw another", "Another", "Draw another card"),
    Move("hand-over", "o", "o", "Hand over", "Hand over", "Hand the turn to the other player"),
    Move(
        "remove", "x", "x", "Remove card", "Remove", "Remove this card for the rest of the game",
        "Remove card: either of you can take this card out for tonight, no reason.",
    ),
    Move(
        "lead-the-way", "g", "g", "Lead the way", "Lead", "Draw from one level deeper, alone",
        "Lead the way: take your card from one level deeper. Only you go there.",
    ),
    Move(
        "ask-deeper", "d", "d", "Go deeper", "Deeper", "Ask to go one level deeper",
        "Go deeper: a deeper level is open. Going deeper needs both of you.",
    ),
    Move(
        "go-lighter", "l", "l", "Go lighter", "Lighter", "Step back to a lighter level",
        "Go lighter: either of you can step back to a lighter level, any time.",
    ),
    Move(
        "quiet-moment", "s", "s", "Quiet moment", "Quiet", "A quiet moment together",
        "Quiet moment: a calm screen for as long as you like. Nothing earned or lost.",
    ),
    Move(
        "player-0", "f", "f", "Player 1 agrees, or is done", "Left",
        "Player 1's own key, on the left",
    ),
    Move(
        "player-1", "j", "j", "Player 2 agrees, or is done", "Right",
        "Player 2's own key, on the right",
    ),
    Move("not-yet", "escape", "esc", "Not yet", "Not yet", "Stay at this level for now"),
    Move("go-on", "enter", "enter", "Go on", "Go on", "Back to the table"),
    Move("resume", "space", "space", "Resume", "Resume", "Back to the table"),
    Move("skip", "k", "k", "Skip this card", "Skip", "Skip this card and go on to the end"),
    Move(
        "keep-playing", "escape", "esc", "Back to the table", "Back",
        "Not finished after all: back to the table, and the game goes on",
    ),
    Move("hide", "h", "h", "Hide removed cards", "Hide removed", "Leave them out of future games"),
    Move("again", "a", "a", "Play again", "Again", "A new game with the same two and deck"),
    Move(
        "undo", "u", "u", "Undo", "Undo", "Take back the last key press",
        "Undo: takes back the last key press, if it was a slip.",
    ),
    Move("pause", "space", "space", "Pause", "Pause", "Hide the card for a while"),
    Move(
        "wrap-up", "w", "w", "Wrap up", "Wrap up", "End the evening here (asks first)",
        "Wrap up: either of you can end the evening whenever you like.",
    ),
    Move("leave", "q", "q", "Leave", "Leave", "Save and leave the table"),
    Move("title", "q", "q", "Back to the title", "Title", "Back to the title"),
    Move("help", "f1", "F1", "Help", "Help", "The rules in plain words, and every key"),
)  # fmt: skip
"""Every move, in the order the key bar shows them when they are possible."""

BY_NAME = {move.name: move for move in MOVES}

# Engine actions whose kind is not the move's name.
_SAME_KEY = {"end-quiet": "go-on"}
# Moves that carry no engine action: the table does them itself.
TABLE_MOVES = frozenset({"leave", "title", "help", "hide", "again"})


@dataclass(frozen=True)
class Choice:
    """A move that can be made right now, and the engine action it takes (if any)."""

    move: Move
    action: Action | None = None


def move_for(state: GameState, action: Action) -> str | None:
    """The name of the move that carries out `action`; None for actions no key stands for."""
    if isinstance(action, Agree | ShareLanding | ShareClosing):
        return f"player-{action.player}"
    if isinstance(action, WrapUp) and state.moment.phase in (Phase.LANDING, Phase.CLOSING):
        return None  # at the end, "skip" is the labelled way on
    return _SAME_KEY.get(action.kind, action.kind)


def choices(state: GameState, legal: Iterable[Action], *, read_only: bool) -> list[Choice]:
    """What can be done now, one choice per key, in the key bar's order."""
    by_move: dict[str, Action] = {}
    for action in legal:
        name = move_for(state, action)
        if name is None:
            continue
        kept = by_move.get(name)
        # One step at a time: the nearest deeper level to ask for, the nearest lighter one.
        if kept is None or (
            isinstance(action, AskDeeper | GoLighter)
            and isinstance(kept, AskDeeper | GoLighter)
            and abs(action.level - state.moment.level) < abs(kept.level - state.moment.level)
        ):
            by_move[name] = action
    found = [Choice(BY_NAME[name], action) for name, action in by_move.items()]
    if state.is_over and not read_only:
        found += [Choice(BY_NAME["hide"]), Choice(BY_NAME["again"]), Choice(BY_NAME["title"])]
    else:
        found.append(Choice(BY_NAME["leave"]))
    found.append(Choice(BY_NAME["help"]))
    order = {move.name: index for index, move in enumerate(MOVES)}
    return sorted(found, key=lambda choice: order[choice.move.name])


def keys() -> list[str]:
    """Every key the table answers to, once each."""
    return list(dict.fromkeys(move.key for move in MOVES))


EXTRA_KEYS = (
    ("? or F1", "Help: the rules in plain words, and every key"),
    ("ctrl+p", "Command palette: every move by name, themes, hints"),
    ("ctrl+q", "Quit (every move is already saved)"),
)
"""Keys that work everywhere, not only at the table."""


def key_table() -> str:
    """The table of keys as help.md and the README show it (tests hold both to this)."""
    rows = ["| key | what it does |", "| --- | --- |"]
    for key in keys():
        moves = [move for move in MOVES if move.key == key and move.name != "help"]
        if moves:
            shown = moves[0].shown
            rows.append(f"| {shown} | {' · '.join(move.label for move in moves)} |")
    rows += [f"| {key} | {words} |" for key, words in EXTRA_KEYS]
    return "\n".join(rows)
