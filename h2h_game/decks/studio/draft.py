"""Provides `Draft`: the deck being edited, as plain data, with undo and redo of every edit.

A draft holds exactly what a deck file says (an unlock left out stays left out, an id made from
the text is not written), so building its document and validating it with the decks part gives
the same deck the file would. The draft itself knows no format rules: whether it is a valid deck
is for `h2h_game.decks.studio.checks` to ask the decks part.

Cards and levels carry a `key`, an identity for this editing session only (never saved), so the
screen can follow a card while it is edited, moved and reordered.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from h2h_game.decks.document import FORMAT, default_unlock
from h2h_game.decks.studio.edits import (
    Edit,
    Group,
    InsertCard,
    InsertLevel,
    MoveCard,
    MoveLevel,
    RemoveCard,
    RemoveLevel,
    ReplaceCard,
    SetDetail,
    SetEnding,
    SetLevel,
)
from h2h_game.engine.deck import DEFAULT_SETTLE, Deck, Effect, Kind, card_id

_keys = itertools.count(1)


def new_key() -> int:
    """A key no other card or level of this session has."""
    return next(_keys)


@dataclass(frozen=True)
class CardDraft:
    """One card as its deck file says it."""

    text: str
    tags: tuple[str, ...] = ()
    kind: Kind = Kind.QUESTION
    effect: Effect | None = None
    id: str | None = None
    """An id written in the file; None when the id is made from the card's level and text."""
    key: int = field(default_factory=new_key, compare=False)

    @property
    def is_wild(self) -> bool:
        return self.kind is Kind.WILD

    @cached_property
    def folded(self) -> str:
        """The text case-folded, for finding cards."""
        return self.text.casefold()

    def document(self) -> str | dict[str, Any]:
        """The card as a deck file writes it: a plain string when only its text matters."""
        if not self.tags and self.kind is Kind.QUESTION and self.effect is None and not self.id:
            return self.text
        table: dict[str, Any] = {"text": self.text}
        if self.tags:
            table["tags"] = list(self.tags)
        if self.kind is not Kind.QUESTION:
            table["kind"] = self.kind.value
        if self.effect is not None:
            table["effect"] = self.effect.value
        if self.id:
            table["id"] = self.id
        return table


@dataclass
class LevelDraft:
    """One level: its name and settings as the file says them, and its cards in order."""

    name: str
    description: str = ""
    unlock: int | None = None
    """Trust tokens to open it; None leaves it out of the file, so the default applies."""
    settle: int | None = None
    """Cards answered below before it opens; None leaves it out (the default)."""
    cards: list[CardDraft] = field(default_factory=list)
    key: int = field(default_factory=new_key)

    def document(self, *, cards: bool = True) -> dict[str, Any]:
        """The `[[levels]]` table; without `cards`, the cards are left for the caller to fill."""
        table: dict[str, Any] = {"name": self.name}
        if self.description:
            table["description"] = self.description
        if self.unlock is not None:
            table["unlock"] = self.unlock
        if self.settle is not None:
            table["settle"] = self.settle
        table["cards"] = [card.document() for card in self.cards] if cards else []
        return table


DETAIL_FIELDS = ("name", "description", "audience", "author", "language", "how_to_play")
"""The `[deck]` fields that are one piece of text each, in the order the studio shows them."""


@dataclass
class DeckDetails:
    """The `[deck]` table."""

    name: str
    description: str = ""
    audience: str = ""
    author: str = ""
    language: str = ""
    """Empty leaves it out of the file, which means English."""
    how_to_play: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    """Declared tags as (tag, label) pairs, in the author's order."""

    def document(self) -> dict[str, Any]:
        table: dict[str, Any] = {"name": self.name}
        for key in DETAIL_FIELDS[1:]:
            if value := getattr(self, key):
                table[key] = value
        if self.tags:
            table["tags"] = dict(self.tags)
        return table


@dataclass
class Ending:
    """The `[ending]` table: light landing cards, and the deck's own closing card."""

    landing: tuple[str, ...] = ()
    closing: str = ""


STARTER_LEVELS = ("Warm up", "Getting real", "Heart to heart")
"""The three levels a new deck starts with, ready to fill."""


class Draft:
    """The deck being edited: every change is an `Edit`, so each one can be undone and redone."""

    def __init__(
        self, details: DeckDetails, levels: list[LevelDraft], ending: Ending | None = None
    ) -> None:
        self.details = details
        self.levels = levels
        self.ending = ending or Ending()
        self.version = 0
        """Goes up by one with every edit, undo and redo: what a check was made of."""
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._serials = itertools.count(1)
        self._saved = 0
        self._typing: Hashable | None = None
        self._positions: dict[int, tuple[int, int]] | None = None

    # --- making drafts -------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        name: str,
        *,
        description: str = "",
        audience: str = "",
        author: str = "",
        language: str = "",
    ) -> Draft:
        """A deck from nothing: its details, and three empty levels ready to fill."""
        details = DeckDetails(
            name=name,
            description=description,
            audience=audience,
            author=author,
            language="" if language in ("", "en") else language,
        )
        return cls(details, [LevelDraft(name) for name in STARTER_LEVELS])

    @classmethod
    def from_deck(cls, deck: Deck) -> Draft:
        """The draft of a valid deck, leaving out what its file could leave out."""
        levels: list[LevelDraft] = []
        previous = 0
        for level in deck.levels:
            unlock = (
                None if level.unlock == default_unlock(level.number, previous) else level.unlock
            )
            settle = None if level.number == 1 or level.settle == DEFAULT_SETTLE else level.settle
            previous = level.unlock
            cards = [
                CardDraft(
                    text=card.text,
                    tags=card.tags,
                    kind=card.kind,
                    effect=card.effect,
                    id=None if card.id == card_id(level.number, card.text) else card.id,
                )
                for card in level.cards
            ]
            levels.append(LevelDraft(level.name, level.description, unlock, settle, cards))
        details = DeckDetails(
            name=deck.name,
            description=deck.description,
            audience=deck.audience,
            author=deck.author,
            language="" if deck.language == "en" else deck.language,
            how_to_play=deck.how_to_play,
            tags=deck.tags,
        )
        return cls(details, levels, Ending(deck.landing, deck.closing))

    # --- reading -------------------------------------------------------------------------

    def document(self, *, cards: bool = True) -> dict[str, Any]:
        """The draft as a parsed deck file: what `deck_from_document` validates.

        Without `cards`, every level's card list is empty, for checks of everything else.
        """
        document: dict[str, Any] = {
            "format": FORMAT,
            "deck": self.details.document(),
            "levels": [level.document(cards=cards) for level in self.levels],
        }
        ending: dict[str, Any] = {}
        if self.ending.landing:
            ending["landing"] = list(self.ending.landing)
        if self.ending.closing:
            ending["closing"] = self.ending.closing
        if ending:
            document["ending"] = ending
        return document

    def layout(self) -> tuple[tuple[int, ...], ...]:
        """Each level's card keys in order: what maps a place in the file back to a card."""
        return tuple(tuple(card.key for card in level.cards) for level in self.levels)

    @property
    def card_count(self) -> int:
        return sum(len(level.cards) for level in self.levels)

    def cards(self) -> Iterator[tuple[LevelDraft, CardDraft]]:
        """Every card with its level, in file order."""
        for level in self.levels:
            for card in level.cards:
                yield level, card

    def position(self, key: int) -> tuple[int, int]:
        """The (level index, card index) of a card; KeyError when it is not in the deck."""
        if self._positions is None:
            self._positions = {
                card.key: (level_index, card_index)
                for level_index, level in enumerate(self.levels)
                for card_index, card in enumerate(level.cards)
            }
        return self._positions[key]

    def has_card(self, key: int) -> bool:
        try:
            self.position(key)
        except KeyError:
            return False
        return True

    def card(self, key: int) -> CardDraft:
        level_index, card_index = self.position(key)
        return self.levels[level_index].cards[card_index]

    def level_index(self, level_key: int) -> int:
        for index, level in enumerate(self.levels):
            if level.key == level_key:
                return index
        raise KeyError(level_key)

    def level(self, level_key: int) -> LevelDraft:
        return self.levels[self.level_index(level_key)]

    def level_of(self, card_key: int) -> LevelDraft:
        return self.levels[self.position(card_key)[0]]

    def unlocks(self) -> list[int]:
        """Each level's unlock as the game will use it, defaults worked out."""
        found: list[int] = []
        previous = 0
        for number, level in enumerate(self.levels, start=1):
            unlock = level.unlock if level.unlock is not None else default_unlock(number, previous)
            found.append(unlock)
            previous = unlock
        return found

    def declared_tags(self) -> list[str]:
        return [tag for tag, _ in self.details.tags]

    def tag_uses(self) -> dict[str, int]:
        """How many cards carry each tag."""
        uses: dict[str, int] = {}
        for _, card in self.cards():
            for tag in card.tags:
                uses[tag] = uses.get(tag, 0) + 1
        return uses

    # --- history -------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when the deck differs from the last save (or from how it was opened)."""
        return self._state() != self._saved

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def next_undo(self) -> Edit | None:
        return self._done[-1] if self._done else None

    def mark_saved(self) -> None:
        """The deck as it is now is what the file holds."""
        self.seal()
        self._saved = self._state()

    def mark_unsaved(self) -> None:
        """The deck as it is now is in no file yet (a new deck, an import)."""
        self._saved = -1

    def seal(self) -> None:
        """End a run of typing: the next edit is an undo step of its own."""
        self._typing = None

    def apply(self, edit: Edit, *, typing: Hashable | None = None) -> Edit | None:
        """Make an edit; the edit made, or None when it changes nothing.

        Args:
            edit: the change.
            typing: what is being typed into (a card's text, a field): consecutive edits with
                the same `typing` are one undo step, as in a text editor.
        """
        if edit.changes_nothing():
            return None
        edit.apply(self)
        self._moved(edit)
        self._undone.clear()
        last = self._done[-1] if self._done else None
        if typing is not None and typing == self._typing and last is not None:
            merged = last.merged(edit)
            if merged is not None:
                self._done.pop()
                if merged.changes_nothing():
                    # Typed back to where it started: no step left to undo, nor to merge into.
                    self._typing = None
                else:
                    merged.serial = next(self._serials)
                    self._done.append(merged)
                self.version += 1
                return edit
        edit.serial = next(self._serials)
        self._done.append(edit)
        self._typing = typing
        self.version += 1
        return edit

    def take_back(self, edit: Edit) -> bool:
        """Undo the last edit as if it never happened (an added card left empty): no redo."""
        if not self._done or self._done[-1] is not edit:
            return False
        self._done.pop()
        edit.revert(self)
        self._moved(edit)
        self._typing = None
        self.version += 1
        return True

    def undo(self) -> Edit | None:
        """Take back the last edit; the edit taken back, or None when there is none."""
        self.seal()
        if not self._done:
            return None
        edit = self._done.pop()
        edit.revert(self)
        self._moved(edit)
        self._undone.append(edit)
        self.version += 1
        return edit

    def redo(self) -> Edit | None:
        """Make the last undone edit again; the edit, or None when there is none."""
        self.seal()
        if not self._undone:
            return None
        edit = self._undone.pop()
        edit.apply(self)
        self._moved(edit)
        self._done.append(edit)
        self.version += 1
        return edit

    def _state(self) -> int:
        return self._done[-1].serial if self._done else 0

    def _moved(self, edit: Edit) -> None:
        if edit.structural:
            self.forget_positions()

    def forget_positions(self) -> None:
        """Cards or levels changed place: work out where each card is again when asked."""
        self._positions = None

    # --- edits ---------------------------------------------------------------------------
    # Each makes one Edit and applies it; the edit made, or None when nothing changed.

    def set_detail(self, name: str, value: str, *, typing: bool = False) -> Edit | None:
        old = getattr(self.details, name)
        return self.apply(SetDetail(name, old, value), typing=("detail", name) if typing else None)

    def set_tags(self, tags: tuple[tuple[str, str], ...]) -> Edit | None:
        return self.apply(SetDetail("tags", self.details.tags, tags))

    def remove_tag(self, tag: str) -> Edit | None:
        """Stop declaring a tag, and take it off every card that carries it."""
        edits: list[Edit] = [
            SetDetail("tags", self.details.tags, tuple(t for t in self.details.tags if t[0] != tag))
        ]
        for _, card in self.cards():
            if tag in card.tags:
                new = replace(card, tags=tuple(t for t in card.tags if t != tag))
                edits.append(ReplaceCard(card, new))
        return self.apply(Group(tuple(edits), "Remove a tag"))

    def rename_tag(self, tag: str, new_tag: str, label: str) -> Edit | None:
        """Give a declared tag another name and label, on every card that carries it too."""
        tags = tuple((new_tag, label) if t == tag else (t, old) for t, old in self.details.tags)
        edits: list[Edit] = [SetDetail("tags", self.details.tags, tags)]
        if new_tag != tag:
            for _, card in self.cards():
                if tag in card.tags:
                    renamed = tuple(new_tag if t == tag else t for t in card.tags)
                    edits.append(ReplaceCard(card, replace(card, tags=renamed)))
        return self.apply(Group(tuple(edits), "Rename a tag"))

    def set_card_text(self, key: int, text: str, *, typing: bool = True) -> Edit | None:
        card = self.card(key)
        return self.apply(
            ReplaceCard(card, replace(card, text=text), "Edit a card's text"),
            typing=("card", key) if typing else None,
        )

    def set_card_kind(self, key: int, kind: Kind, effect: Effect | None) -> Edit | None:
        card = self.card(key)
        new = replace(card, kind=kind, effect=effect if kind is Kind.WILD else None)
        return self.apply(ReplaceCard(card, new, "Change a card's kind"))

    def set_card_tags(
        self, key: int, tags: tuple[str, ...], declare: tuple[tuple[str, str], ...] = ()
    ) -> Edit | None:
        """Give a card these tags, declaring new ones for the deck at the same time."""
        card = self.card(key)
        edits: list[Edit] = []
        if declare:
            edits.append(SetDetail("tags", self.details.tags, (*self.details.tags, *declare)))
        edits.append(ReplaceCard(card, replace(card, tags=tags), "Change a card's tags"))
        return self.apply(Group(tuple(edits), "Change a card's tags"))

    def add_card(
        self, level_key: int, index: int | None = None, text: str = ""
    ) -> tuple[CardDraft, Edit]:
        """A new card on a level, at `index` (the end by default); the card and the edit."""
        level = self.level(level_key)
        card = CardDraft(text)
        where = len(level.cards) if index is None else max(0, min(index, len(level.cards)))
        edit = InsertCard(level_key, where, card)
        self.apply(edit)
        return card, edit

    def delete_card(self, key: int) -> Edit | None:
        level_index, card_index = self.position(key)
        level = self.levels[level_index]
        return self.apply(RemoveCard(level.key, card_index, level.cards[card_index]))

    def move_card(self, key: int, level_key: int, index: int | None = None) -> Edit | None:
        """Move a card to another place: another level (at its end by default), or its own."""
        level_index, card_index = self.position(key)
        source = self.levels[level_index]
        target = self.level(level_key)
        limit = len(target.cards) - (1 if target is source else 0)
        where = limit if index is None else max(0, min(index, limit))
        if target is source and where == card_index:
            return None
        return self.apply(MoveCard(key, (source.key, card_index), (level_key, where)))

    def set_level(
        self, level_key: int, name: str, value: str | int | None, *, typing: bool = False
    ) -> Edit | None:
        old = getattr(self.level(level_key), name)
        return self.apply(
            SetLevel(level_key, name, old, value),
            typing=("level", level_key, name) if typing else None,
        )

    def update_level(self, level_key: int, **values: str | int | None) -> Edit | None:
        """Change several of a level's settings as one undo step."""
        level = self.level(level_key)
        edits = tuple(
            SetLevel(level_key, name, getattr(level, name), value)
            for name, value in values.items()
            if getattr(level, name) != value
        )
        if not edits:
            return None
        return self.apply(edits[0] if len(edits) == 1 else Group(edits, "Change a level"))

    def add_level(
        self,
        name: str,
        index: int | None = None,
        *,
        description: str = "",
        unlock: int | None = None,
        settle: int | None = None,
    ) -> LevelDraft:
        """A new empty level at `index` (the end by default); the level added."""
        level = LevelDraft(name, description, unlock, settle)
        where = len(self.levels) if index is None else max(0, min(index, len(self.levels)))
        self.apply(InsertLevel(where, level))
        return level

    def delete_level(self, level_key: int) -> Edit | None:
        index = self.level_index(level_key)
        return self.apply(RemoveLevel(index, self.levels[index]))

    def move_level(self, level_key: int, index: int) -> Edit | None:
        old = self.level_index(level_key)
        new = max(0, min(index, len(self.levels) - 1))
        return self.apply(MoveLevel(old, new))

    def set_landing(self, landing: tuple[str, ...]) -> Edit | None:
        return self.apply(SetEnding("landing", self.ending.landing, landing))

    def set_closing(self, text: str, *, typing: bool = False) -> Edit | None:
        return self.apply(
            SetEnding("closing", self.ending.closing, text),
            typing=("ending", "closing") if typing else None,
        )
