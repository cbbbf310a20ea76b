"""Provides writing a Deck as a format 1 TOML file in the shape a person would write by hand."""

from __future__ import annotations

import tomli_w

from h2h_game.decks.document import FORMAT, default_unlock
from h2h_game.engine.deck import DEFAULT_SETTLE, Card, Deck, Kind, Level, card_id


def deck_to_toml(deck: Deck) -> str:
    """The deck as TOML: plain strings for plain questions, one card per line, defaults left out.

    Reading the result gives back an equal Deck.
    """
    lines = [f"format = {FORMAT}", "", "[deck]"]
    lines.append(f"name = {toml_string(deck.name)}")
    for key in ("description", "audience", "how_to_play", "author"):
        if value := getattr(deck, key):
            lines.append(f"{key} = {toml_string(value)}")
    if deck.language != "en":
        lines.append(f"language = {toml_string(deck.language)}")
    if deck.tags:
        lines.append(f"tags = {_declared_tags(deck.tags)}")
    previous_unlock = 0
    for level in deck.levels:
        lines.extend(["", *_level_lines(level, previous_unlock)])
        previous_unlock = level.unlock
    if deck.landing or deck.closing:
        lines.extend(["", "[ending]"])
        if deck.landing:
            lines.append("landing = [")
            lines.extend(f"  {toml_string(text)}," for text in deck.landing)
            lines.append("]")
        if deck.closing:
            lines.append(f"closing = {toml_string(deck.closing)}")
    return "\n".join(lines) + "\n"


def _level_lines(level: Level, previous_unlock: int) -> list[str]:
    lines = ["[[levels]]", f"name = {toml_string(level.name)}"]
    if level.description:
        lines.append(f"description = {toml_string(level.description)}")
    if level.unlock != default_unlock(level.number, previous_unlock):
        lines.append(f"unlock = {level.unlock}")
    if level.number > 1 and level.settle != DEFAULT_SETTLE:
        lines.append(f"settle = {level.settle}")
    lines.append("cards = [")
    lines.extend(f"  {_card(card)}," for card in level.cards)
    lines.append("]")
    return lines


def _card(card: Card) -> str:
    """A card as a plain string when nothing but its text matters, else an inline table."""
    fields = [f"text = {toml_string(card.text)}"]
    if card.tags:
        fields.append(f"tags = [{', '.join(toml_string(tag) for tag in card.tags)}]")
    if card.kind is not Kind.QUESTION:
        fields.append(f"kind = {toml_string(card.kind.value)}")
    if card.effect is not None:
        fields.append(f"effect = {toml_string(card.effect.value)}")
    if card.id != card_id(card.level, card.text):
        fields.append(f"id = {toml_string(card.id)}")
    if len(fields) == 1:
        return toml_string(card.text)
    return "{ " + ", ".join(fields) + " }"


def _declared_tags(tags: tuple[tuple[str, str], ...]) -> str:
    if not any(label for _, label in tags):
        return "[" + ", ".join(toml_string(tag) for tag, _ in tags) + "]"
    return "{ " + ", ".join(f"{_key(tag)} = {toml_string(label)}" for tag, label in tags) + " }"


def toml_string(value: str) -> str:
    """A TOML basic string, escaped by tomli-w (the one place that knows TOML's escaping rules)."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").removesuffix("\n")


def _key(key: str) -> str:
    """A TOML key: bare when it can be, quoted otherwise."""
    return tomli_w.dumps({key: 0}).removesuffix(" = 0\n")
