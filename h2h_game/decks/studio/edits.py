"""Provides the edits the studio makes to a draft, each one able to undo itself.

An edit records what was there before and what is there after, so applying and reverting are
exact opposites, and a run of typing can fold into one edit (`merged`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from h2h_game.decks.studio.draft import CardDraft, Draft, LevelDraft


@dataclass
class Edit:
    """One change to a draft."""

    label = "Edit"
    """What the edit did, in words, for "Undone: …"."""
    structural = False
    """True when cards or levels change place (so positions must be worked out again)."""
    serial: int = field(default=0, init=False, compare=False)
    """Set by the draft: which state of the history this edit leads to."""

    def apply(self, draft: Draft) -> None:
        raise NotImplementedError

    def revert(self, draft: Draft) -> None:
        raise NotImplementedError

    def changes_nothing(self) -> bool:
        return False

    def merged(self, later: Edit) -> Edit | None:
        """This edit followed by `later` as one edit, when they are one run of typing."""
        return None

    def cards(self) -> frozenset[int]:
        """The keys of the cards this edit adds, changes, moves or removes."""
        return frozenset()

    def focus(self) -> tuple[str, Any] | None:
        """What to show after this edit is made, undone or redone: ("card", key) and so on."""
        return None


@dataclass
class SetDetail(Edit):
    """A `[deck]` field, or the declared tags."""

    name: str
    old: Any
    new: Any

    @property
    def label(self) -> str:  # type: ignore[override]
        return (
            "Change the tags" if self.name == "tags" else f"Change the deck's {_words(self.name)}"
        )

    def apply(self, draft: Draft) -> None:
        setattr(draft.details, self.name, self.new)

    def revert(self, draft: Draft) -> None:
        setattr(draft.details, self.name, self.old)

    def changes_nothing(self) -> bool:
        return bool(self.old == self.new)

    def merged(self, later: Edit) -> Edit | None:
        if isinstance(later, SetDetail) and later.name == self.name:
            return SetDetail(self.name, self.old, later.new)
        return None

    def focus(self) -> tuple[str, Any] | None:
        return ("deck", self.name)


@dataclass
class SetLevel(Edit):
    """One setting of a level: name, description, unlock or settle."""

    level_key: int
    name: str
    old: Any
    new: Any

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"Change a level's {_words(self.name)}"

    def apply(self, draft: Draft) -> None:
        setattr(draft.level(self.level_key), self.name, self.new)

    def revert(self, draft: Draft) -> None:
        setattr(draft.level(self.level_key), self.name, self.old)

    def changes_nothing(self) -> bool:
        return bool(self.old == self.new)

    def merged(self, later: Edit) -> Edit | None:
        if (
            isinstance(later, SetLevel)
            and later.level_key == self.level_key
            and later.name == self.name
        ):
            return SetLevel(self.level_key, self.name, self.old, later.new)
        return None

    def focus(self) -> tuple[str, Any] | None:
        return ("level", self.level_key)


@dataclass
class InsertLevel(Edit):
    index: int
    level: LevelDraft
    label = "Add a level"
    structural = True

    def apply(self, draft: Draft) -> None:
        draft.levels.insert(self.index, self.level)

    def revert(self, draft: Draft) -> None:
        draft.levels.pop(self.index)

    def cards(self) -> frozenset[int]:
        return frozenset(card.key for card in self.level.cards)

    def focus(self) -> tuple[str, Any] | None:
        return ("level", self.level.key)


@dataclass
class RemoveLevel(Edit):
    index: int
    level: LevelDraft
    label = "Delete a level"
    structural = True

    def apply(self, draft: Draft) -> None:
        draft.levels.pop(self.index)

    def revert(self, draft: Draft) -> None:
        draft.levels.insert(self.index, self.level)

    def cards(self) -> frozenset[int]:
        return frozenset(card.key for card in self.level.cards)

    def focus(self) -> tuple[str, Any] | None:
        return ("level", self.level.key)


@dataclass
class MoveLevel(Edit):
    old: int
    new: int
    label = "Move a level"
    structural = True

    def apply(self, draft: Draft) -> None:
        draft.levels.insert(self.new, draft.levels.pop(self.old))

    def revert(self, draft: Draft) -> None:
        draft.levels.insert(self.old, draft.levels.pop(self.new))

    def changes_nothing(self) -> bool:
        return bool(self.old == self.new)

    def focus(self) -> tuple[str, Any] | None:
        return ("level-at", self.new)


@dataclass
class InsertCard(Edit):
    level_key: int
    index: int
    card: CardDraft
    label = "Add a card"
    structural = True

    def apply(self, draft: Draft) -> None:
        draft.level(self.level_key).cards.insert(self.index, self.card)

    def revert(self, draft: Draft) -> None:
        draft.level(self.level_key).cards.pop(self.index)

    def cards(self) -> frozenset[int]:
        return frozenset((self.card.key,))

    def focus(self) -> tuple[str, Any] | None:
        return ("card", self.card.key)


@dataclass
class RemoveCard(Edit):
    level_key: int
    index: int
    card: CardDraft
    label = "Delete a card"
    structural = True

    def apply(self, draft: Draft) -> None:
        draft.level(self.level_key).cards.pop(self.index)

    def revert(self, draft: Draft) -> None:
        draft.level(self.level_key).cards.insert(self.index, self.card)

    def cards(self) -> frozenset[int]:
        return frozenset((self.card.key,))

    def focus(self) -> tuple[str, Any] | None:
        return ("card", self.card.key)


@dataclass
class MoveCard(Edit):
    """A card to another place, on its own level or another: (level key, index) pairs."""

    key: int
    source: tuple[int, int]
    target: tuple[int, int]
    structural = True

    @property
    def label(self) -> str:  # type: ignore[override]
        if self.source[0] == self.target[0]:
            return "Move a card up or down"
        return "Move a card to another level"

    def apply(self, draft: Draft) -> None:
        self._move(draft, self.source, self.target)

    def revert(self, draft: Draft) -> None:
        self._move(draft, self.target, self.source)

    @staticmethod
    def _move(draft: Draft, source: tuple[int, int], target: tuple[int, int]) -> None:
        card = draft.level(source[0]).cards.pop(source[1])
        draft.level(target[0]).cards.insert(target[1], card)

    def changes_nothing(self) -> bool:
        return self.source == self.target

    def cards(self) -> frozenset[int]:
        return frozenset((self.key,))

    def focus(self) -> tuple[str, Any] | None:
        return ("card", self.key)


@dataclass
class ReplaceCard(Edit):
    """A card's text, kind, effect or tags: the whole card before and after, at its place."""

    old: CardDraft
    new: CardDraft
    label: str = "Edit a card"

    def apply(self, draft: Draft) -> None:
        self._put(draft, self.new)

    def revert(self, draft: Draft) -> None:
        self._put(draft, self.old)

    @staticmethod
    def _put(draft: Draft, card: CardDraft) -> None:
        level_index, card_index = draft.position(card.key)
        draft.levels[level_index].cards[card_index] = card

    def changes_nothing(self) -> bool:
        return bool(self.old == self.new)

    def merged(self, later: Edit) -> Edit | None:
        if isinstance(later, ReplaceCard) and later.old.key == self.old.key:
            return ReplaceCard(self.old, later.new, self.label)
        return None

    def cards(self) -> frozenset[int]:
        return frozenset((self.old.key,))

    def focus(self) -> tuple[str, Any] | None:
        return ("card", self.old.key)


@dataclass
class SetEnding(Edit):
    """The landing cards (all of them at once) or the closing card."""

    name: str
    old: Any
    new: Any

    @property
    def label(self) -> str:  # type: ignore[override]
        return "Change the landing cards" if self.name == "landing" else "Change the closing card"

    def apply(self, draft: Draft) -> None:
        setattr(draft.ending, self.name, self.new)

    def revert(self, draft: Draft) -> None:
        setattr(draft.ending, self.name, self.old)

    def changes_nothing(self) -> bool:
        return bool(self.old == self.new)

    def merged(self, later: Edit) -> Edit | None:
        if isinstance(later, SetEnding) and later.name == self.name:
            return SetEnding(self.name, self.old, later.new)
        return None

    def focus(self) -> tuple[str, Any] | None:
        return ("ending", self.name)


@dataclass
class Group(Edit):
    """Several edits made and undone as one."""

    edits: tuple[Edit, ...]
    label: str = "Edit"

    @property
    def structural(self) -> bool:  # type: ignore[override]
        return any(edit.structural for edit in self.edits)

    def apply(self, draft: Draft) -> None:
        for edit in self.edits:
            edit.apply(draft)
            if edit.structural:
                draft.forget_positions()

    def revert(self, draft: Draft) -> None:
        for edit in reversed(self.edits):
            edit.revert(draft)
            if edit.structural:
                draft.forget_positions()

    def changes_nothing(self) -> bool:
        return all(edit.changes_nothing() for edit in self.edits)

    def cards(self) -> frozenset[int]:
        return frozenset().union(*(edit.cards() for edit in self.edits))

    def focus(self) -> tuple[str, Any] | None:
        return next((f for edit in reversed(self.edits) if (f := edit.focus())), None)


def _words(name: str) -> str:
    return name.replace("_", " ")
