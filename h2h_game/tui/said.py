"""Provides what the table says after each move: a short line in plain words, never a popup.

Nothing happens silently: every move taken gets an acknowledgement that says what changed and,
where it helps, what comes next. Names and level names are untrusted text, so every line is
assembled as `Content` with them inserted literally.
"""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import (
    Action,
    Agree,
    Effect,
    GameState,
    GoLighter,
    Moment,
    Phase,
    ShareClosing,
    ShareLanding,
)
from h2h_game.session import Step
from h2h_game.tui.literal import literal_line
from h2h_game.tui.wording import plural


def _name(state: GameState, player: int) -> Content:
    return literal_line(state.players[player].name).stylize("bold")


def _level(state: GameState, number: int) -> Content:
    return Content.assemble("“", literal_line(state.deck.level(number).name), "”")


def said(step: Step) -> Content:
    """The acknowledgement of a move that was taken."""
    before, after, action = step.before, step.after, step.action
    kind = action.kind
    if kind == "wrap-up" and after.moment.phase is Phase.LANDING:
        return Content("Wrapping up. First, one light card to come back up together.")
    if kind == "wrap-up":
        return Content("Wrapping up: the closing card.")
    words = _SIMPLE.get(kind)
    if words is not None:
        return Content(words)
    if kind == "answer":
        return _answered(before, after)
    if kind == "meet":
        tokens = after.moment.jar - before.moment.jar
        courage = " (one of them for courage)" if before.moment.led else ""
        return Content(f"You met each other there: {plural(tokens, 'token')} in the jar{courage}.")
    if after.moment.phase in (Phase.LANDING, Phase.CLOSING) and before.moment.phase in _PLAYING:
        return Content("That was the last card of the evening you chose.")
    if kind in ("thank-you", "hand-over") and after.moment.turn != before.moment.turn:
        return Content.assemble(
            "Thank you." if kind == "thank-you" else "Handed over.",
            " Now it is ",
            _name(after, after.moment.speaker),
            "'s turn.",
        )
    if kind == "reflect":
        return Content.assemble(
            _name(before, before.answerer), ": did that land? Felt heard (h), or not quite (n)."
        )
    if kind == "lead-the-way":
        put_back = " The other card goes back under its pile." if before.card else ""
        return Content.assemble(
            _name(after, after.moment.speaker),
            " leads the way: a card from ",
            _level(after, after.moment.card_level),
            f", for them alone.{put_back}",
        )
    if kind == "draw-another":
        return Content.assemble("A fresh card for ", _name(after, after.moment.speaker), ".")
    if kind == "ask-deeper":
        return Content("You asked to go deeper: both of you choose, each with your own key.")
    if isinstance(action, Agree):
        if after.moment.level > before.moment.level:
            return Content.assemble("Deeper: welcome to ", _level(after, after.moment.level), ".")
        return Content.assemble(_name(after, action.player), " is ready. Waiting for the other.")
    if kind == "not-yet":
        return Content.assemble(
            "Not yet: you stay at ",
            _level(after, after.moment.level),
            ". The offer comes back after a card you meet each other on.",
        )
    if isinstance(action, GoLighter):
        return Content.assemble("Lighter: back to ", _level(after, action.level), ".")
    if isinstance(action, ShareLanding | ShareClosing):
        if after.moment.phase is Phase.CLOSING and before.moment.phase is Phase.LANDING:
            return Content("Back up together. One last card to close the evening.")
        if isinstance(action, ShareLanding):
            return Content.assemble(_name(after, action.player), " has answered it.")
        return Content.assemble(_name(after, action.player), " has shared theirs.")
    if kind == "undo":
        return Content.assemble("Undone: back to ", _where(after), ".")
    if kind == "skip" and after.moment.phase is Phase.CLOSING:
        return Content("Skipped. The closing card is next.")
    if kind == "skip":
        return Content("Skipped.")
    return Content("Done.")


_PLAYING = (Phase.SPEAKING, Phase.PASSED, Phase.ANSWERED, Phase.REFLECTING, Phase.EMPTY)

_SIMPLE = {
    "pass": "Passed — draw another (c) or hand over (o).",
    "remove": "Card removed — it won't come back tonight.",
    "felt-heard": "Felt heard — one token in the jar.",
    "not-quite": "Not quite — try saying it back again.",
    "quiet-moment": "A quiet moment. Take your time.",
    "end-quiet": "Back at the table.",
    "pause": "Paused. The card is hidden.",
    "resume": "Welcome back.",
    "keep-playing": "Back to the table: the evening goes on.",
}


def _answered(before: GameState, after: GameState) -> Content:
    card = before.card
    effect = card.effect if card is not None else None
    if effect is Effect.DEEPER:
        return Content.assemble(
            "One level deeper: a card from ", _level(after, after.moment.card_level), "."
        )
    if effect is Effect.QUIET:
        return Content("A quiet moment together.")
    responder = _name(after, after.responder)
    if effect is Effect.APPRECIATE:
        return Content.assemble("Said. Now ", responder, ": your turn to say yours (m).")
    return Content.assemble(
        "Answered. ", responder, ": reflect (r), meet them there (m), or say thank you (t)."
    )


def _where(state: GameState) -> Content:
    """Where an undo took the players, in words: "Ben's answer", "the offer to go deeper"."""
    m: Moment = state.moment
    if m.offer is not None:
        return Content("the offer to go deeper")
    if m.quiet:
        return Content("the quiet moment")
    if m.phase is Phase.LANDING:
        return Content("the landing card")
    if m.phase is Phase.CLOSING:
        return Content("the closing card")
    if m.phase is Phase.SPEAKING:
        return Content.assemble(_name(state, state.answerer), "'s card")
    if m.phase is Phase.ANSWERED:
        return Content.assemble(_name(state, state.answerer), "'s answer")
    if m.phase is Phase.REFLECTING:
        return Content.assemble(_name(state, state.responder), "'s reflection")
    if m.phase is Phase.PASSED:
        return Content.assemble(_name(state, m.speaker), "'s pass")
    return Content("the table as it was")


def first_token(before: GameState, after: GameState) -> Content | None:
    """The first token of a game explains what earns tokens and what they open."""
    if before.moment.jar > 0 or after.moment.jar == 0:
        return None
    locked = [level for level in after.deck.levels if level.number > after.unlocked]
    opens = (
        Content.assemble(f" {locked[0].unlock} of them open ", _level(after, locked[0].number), ".")
        if locked
        else Content("")
    )
    return Content.assemble(
        "Your first trust token. Tokens come from feeling heard and from meeting each other there.",
        opens,
    )


def refusal(action: Action, reason: str) -> Content:
    """Why a move did nothing, as it is: the engine and the store speak in plain words."""
    return Content(reason)
