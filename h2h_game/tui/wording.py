"""Provides the words the table speaks: action labels, listening tips, and the evening's story.

Plain, warm, second person; never clinical, never cute; no exclamation marks. Keeping them in
one place keeps the voice consistent and the screens free of prose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Types only: the title imports these words before any game is loaded, and the engine
    # need not be imported for its first frame. Effects and endings are string enums, so
    # their plain values are the keys below.
    from h2h_game.engine import Card

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


WILD_INSTRUCTIONS = {
    "both-answer": "wild card · both of you answer, the speaker first",
    "swap": "wild card · swap: the listener answers first",
    "appreciate": "wild card · each of you, in turn",
    "quiet": "wild card · a quiet moment together",
    "deeper": "wild card · the speaker's next card comes from one level deeper",
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
    "Awkward is allowed, and laughing is fine.",
    "Either of you can pass any card, at any time, no reason needed.",
    "What is said here stays here, and is never used later in an argument.",
)
"""The set-the-table ritual: both confirm it before the first card."""

HOW_A_TURN_GOES = (
    "1. The speaker reads the card and answers it out loud, then presses a.",
    "2. The listener listens, then may reflect (r): say back what they heard.",
    "3. The listener meets them there (m) by answering too, or says thank you (t).",
    "4. Then the listener becomes the speaker. One card, one turn.",
    "5. Pass (p) any card you like. The keys and buttons below always show what you can do.",
)
"""Five lines before the first card, for players who never read the rules."""

SERIOUS = (
    "If something serious comes up, you can pause (space) or wrap up (w) at any moment. "
    "You are not each other's therapist: if one of you is in crisis, reach for real help."
)


def answer_label(card: Card | None) -> str:
    """What "I answered" means on this card."""
    if card is None or card.effect is None:
        return "I answered"
    return {
        "both-answer": "I answered",
        "swap": "I answered",
        "appreciate": "I said mine",
        "quiet": "Quiet together",
        "deeper": "Take it deeper",
    }[card.effect]


def meet_label(card: Card | None) -> str:
    """What "meet them there" means on this card."""
    if card is not None and card.effect == "appreciate":
        return "I said mine too"
    if card is not None and card.effect == "both-answer":
        return "I answered too"
    return "Meet them there"


def listening_tip(turn: int) -> str:
    """A listening tip that changes every turn."""
    return LISTENING_TIPS[turn % len(LISTENING_TIPS)]


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 card", "2 cards", "no cards": a count with its noun in the right number."""
    many = many or f"{word}s"
    if count == 0:
        return f"no {many}"
    return f"{count} {word if count == 1 else many}"
