"""Provides small deck files and drafts for the studio's tests."""

from __future__ import annotations

from pathlib import Path

from h2h_game.decks.document import deck_from_document
from h2h_game.decks.studio.draft import CardDraft, DeckDetails, Draft, LevelDraft
from h2h_game.engine.deck import Deck, Effect, Kind

SMALL_DECK = """\
format = 1

[deck]
name = "Kitchen table"
description = "For the two of you, after dinner."
tags = { family = "Family", money = "Money" }

[[levels]]
name = "Warm up"
cards = [
  "What made you smile today, and who was there with you?",
  { text = "What did your family cook on Sundays?", tags = ["family"] },
  { text = "Both of you: a meal you would eat again?", kind = "wild", effect = "both-answer" },
]

[[levels]]
name = "Getting real"
cards = [
  "What have you been carrying lately that you haven't told me?",
  "What would you do with a free afternoon together?",
]

[[levels]]
name = "Heart to heart"
unlock = 12
cards = [
  "What do you hope we still do together when we are old?",
]
"""


def write_small_deck(folder: Path, name: str = "kitchen-table.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(SMALL_DECK, encoding="utf-8")
    return path


def small_draft() -> Draft:
    """Two levels of two cards, one card tagged and one wild."""
    return Draft(
        DeckDetails("Two levels", tags=(("family", "Family"),)),
        [
            LevelDraft(
                "Warm up",
                cards=[
                    CardDraft("What made you smile today?"),
                    CardDraft("What did your family cook on Sundays?", tags=("family",)),
                ],
            ),
            LevelDraft(
                "Deeper",
                cards=[
                    CardDraft("What are you carrying around lately?"),
                    CardDraft("Both of you: a quiet minute.", kind=Kind.WILD, effect=Effect.QUIET),
                ],
            ),
        ],
    )


def built(draft: Draft) -> Deck:
    """The deck the draft's document makes (raises DeckError when it is not valid)."""
    return deck_from_document(draft.document(), "draft")
