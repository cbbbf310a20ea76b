"""Provides the words the table speaks: action labels, listening tips, and the evening's story.

Plain, warm, second person; never clinical, never cute; no exclamation marks. Keeping them in
one place keeps the voice consistent and the screens free of prose.
"""

from __future__ import annotations

from h2h_game.engine import Card, Effect, Ending, Summary

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
    Effect.BOTH_ANSWER: "wild card · both of you answer, the speaker first",
    Effect.SWAP: "wild card · swap: the listener answers first",
    Effect.APPRECIATE: "wild card · each of you, in turn",
    Effect.QUIET: "wild card · a quiet moment together",
    Effect.DEEPER: "wild card · the speaker's next card comes from one level deeper",
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
    return "Meet them there"


def listening_tip(turn: int) -> str:
    """A listening tip that changes every turn."""
    return LISTENING_TIPS[turn % len(LISTENING_TIPS)]


def minutes_phrase(minutes: int) -> str:
    if minutes < 1:
        return "a few moments"
    if minutes == 1:
        return "a minute"
    if minutes < 90:
        return f"{minutes} minutes"
    hours, rest = divmod(minutes, 60)
    hour_words = "an hour" if hours == 1 else f"{hours} hours"
    return hour_words if rest < 5 else f"{hour_words} and {rest} minutes"


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 card", "2 cards", "no cards": a count with its noun in the right number."""
    many = many or f"{word}s"
    if count == 0:
        return f"no {many}"
    return f"{count} {word if count == 1 else many}"


def count_phrase(count: int, one: str, many: str) -> str:
    if count == 0:
        return f"no {many}"
    return f"one {one}" if count == 1 else f"{count} {many}"


def times_phrase(count: int) -> str:
    return {0: "", 1: " once", 2: " twice"}.get(count, f" {count} times")


def story(summary: Summary) -> list[str]:
    """The evening as a few sentences, not a scoreboard. Level names are untrusted text."""
    lines = [f"You spent {minutes_phrase(summary.minutes)} together."]
    answered = count_phrase(summary.answered, "card", "cards")
    if summary.met:
        lines.append(f"You answered {answered} and met each other{times_phrase(summary.met)}.")
    else:
        lines.append(f"You answered {answered}.")
    if summary.felt_heard:
        lines.append(f"Someone felt truly heard{times_phrase(summary.felt_heard)}.")
    lines.append(f"The trust jar holds {count_phrase(summary.jar, 'token', 'tokens')}.")
    return lines


ENDINGS = {
    Ending.LENGTH: "That was the evening you chose.",
    Ending.WRAP_UP: "You chose to wrap up here.",
    Ending.CARDS: "You have been through every card you could reach.",
}
