"""Provides the words the table speaks: action labels, listening tips, and the evening's story.

Plain, warm, second person; never clinical, never cute; no exclamation marks. Keeping them in
one place keeps the voice consistent and the screens free of prose.
"""

from __future__ import annotations

# The evening's story is plain text the command line tells too; it lives in describe.
from h2h_game.describe import ENDINGS as ENDINGS
from h2h_game.describe import count_phrase as count_phrase
from h2h_game.describe import minutes_phrase as minutes_phrase
from h2h_game.describe import story as story
from h2h_game.describe import times_phrase as times_phrase
from h2h_game.engine import Card, Effect

PROMISE = "A card game for two people who want to really talk."

LISTENING_TIPS = (
    "listen far more than you talk",
    "listen for what isn't being said",
    "ask what's underneath it",
    "no fixing, no advice",
    "it's fine to sit in silence",
    "let them finish, then wait a little",
)
SPEAKER_HINT = "take your time"
RESPONDER_HINT = "your turn to respond"
ANSWERER_WAITS = "take a breath"

LABELS = {
    "answer": "I answered",
    "pass": "Pass",
    "remove": "Remove card",
    "reflect": "Reflect",
    "felt-heard": "I felt heard",
    "not-quite": "Not quite",
    "meet": "Meet them there",
    "thank-you": "Thank you",
    "draw-another": "Draw another",
    "hand-over": "Hand over",
    "quiet-moment": "Quiet moment",
    "ask-deeper": "Go deeper",
    "lead-the-way": "Lead the way",
    "go-lighter": "Go lighter",
    "undo": "Undo",
    "pause": "Pause",
    "wrap-up": "Wrap up",
}
"""Button labels; footers use the shorter forms in the bindings."""

WILD_INSTRUCTIONS = {
    Effect.BOTH_ANSWER: "wild card · both of you answer, the speaker first",
    Effect.SWAP: "wild card · swap: the listener answers first",
    Effect.APPRECIATE: "wild card · each of you, in turn",
    Effect.QUIET: "wild card · a quiet moment together",
    Effect.DEEPER: "wild card · the next card comes from one level deeper",
}
"""A quiet line above a wild card's own text, saying what kind of card it is."""

PAUSE_LINE = "The card is hidden. Come back when you are both ready."
QUIET_LINE = "Take a breath. Nothing needs to be said right now."
QUIET_SETTLED = "Whenever you are ready."

CLOSING_TITLE = "Stars and wishes"
CLOSING_LINE = (
    "Before you go: each of you tells the other one thing you loved about this "
    "conversation, and one thing you wish for next time."
)

RITUAL = (
    "Phones face down, or in another room.",
    "Something to drink within reach.",
    "Sit side by side if eye contact feels like a lot.",
    "Either of you can pass any card, at any time, no reason needed.",
)


def answer_label(card: Card | None) -> str:
    """What "I answered" means on this card."""
    if card is None or card.effect is None:
        return LABELS["answer"]
    return {
        Effect.BOTH_ANSWER: "I answered",
        Effect.SWAP: "I answered",
        Effect.APPRECIATE: "I said mine",
        Effect.QUIET: "Be quiet together",
        Effect.DEEPER: "Go one level deeper",
    }[card.effect]


def meet_label(card: Card | None) -> str:
    """What "meet them there" means on this card."""
    if card is not None and card.effect is Effect.APPRECIATE:
        return "I said mine too"
    if card is not None and card.effect is Effect.BOTH_ANSWER:
        return "I answered too"
    return LABELS["meet"]


def listening_tip(turn: int) -> str:
    """A listening tip that changes every turn."""
    return LISTENING_TIPS[turn % len(LISTENING_TIPS)]
