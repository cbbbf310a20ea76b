"""Provides the studio's checks of a draft, all made by the decks part: errors and the doctor.

Three kinds, from cheapest to whole:

- `check_card`: one card's own errors (by `deck_from_document` on a deck of that one card) and
  the doctor's advice on it (`card_advice`), fast enough to run on every key press;
- `check_structure`: the deck's details, levels and ending, with each level's cards left out, for
  every edit that is not to a card's own fields;
- `check_whole`: the whole deck validated (`deck_from_document`) and, when it is valid, linted
  (`lint_deck`): exactly what `h2h deck validate` and `h2h deck lint` say of the saved file. It
  runs on a snapshot of the draft, so it can run away from the screen's thread.

`ProblemBook` lays fresh checks of what changed over the last whole check, so what is shown is
never older than the last edit, and the whole check catches up in the background.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from h2h_game.decks.advice import Advice, card_advice
from h2h_game.decks.document import FORMAT, deck_from_document
from h2h_game.decks.lint import lint_deck
from h2h_game.decks.problems import DeckError, Problem, Severity
from h2h_game.decks.studio.draft import CardDraft, Draft
from h2h_game.engine.deck import Deck

Target = tuple[str, Any]
"""What a problem is about: ("card", key), ("level", key), ("deck", field), ("ending", field),
("landing", index), or ("deck", "") for the deck as a whole."""

_CARD = re.compile(r"^levels\[(\d+)\]\.cards\[(\d+)\]$")
_LEVEL = re.compile(r"^levels\[(\d+)\]$")
_LANDING = re.compile(r"^ending\.landing\[(\d+)\]$")


@dataclass(frozen=True)
class Snapshot:
    """A draft as it was at one version: its document and where each card sat in it."""

    version: int
    document: dict[str, Any]
    layout: tuple[tuple[int, ...], ...]
    level_keys: tuple[int, ...]
    source: str

    @classmethod
    def of(cls, draft: Draft, source: str) -> Snapshot:
        return cls(
            draft.version,
            draft.document(),
            draft.layout(),
            tuple(level.key for level in draft.levels),
            source,
        )

    def target(self, where: str) -> Target:
        """The card, level or field a problem's place in the file points at."""
        if match := _CARD.match(where):
            level, card = int(match[1]), int(match[2])
            if level < len(self.layout) and card < len(self.layout[level]):
                return ("card", self.layout[level][card])
        if match := _LEVEL.match(where):
            level = int(match[1])
            if level < len(self.level_keys):
                return ("level", self.level_keys[level])
        return target_of(where)


def target_of(where: str) -> Target:
    """The target of a place that is not a card or a level."""
    if match := _LANDING.match(where):
        return ("landing", int(match[1]))
    if where.startswith("ending"):
        return ("ending", "landing" if where.startswith("ending.landing") else "closing")
    if where.startswith("deck.tags"):
        return ("deck", "tags")
    if where.startswith("deck."):
        return ("deck", where.split(".", 1)[1])
    return ("deck", "")


@dataclass(frozen=True)
class WholeCheck:
    """Everything the decks part says of a draft at one version."""

    version: int
    errors: Mapping[Target, tuple[Problem, ...]]
    warnings: Mapping[Target, tuple[Problem, ...]]
    error_list: tuple[Problem, ...]
    """Every error, in file order, as `h2h deck validate` prints them."""
    warning_list: tuple[Problem, ...]
    deck: Deck | None
    """The valid deck, or None when there are errors (or when the check came from the
    checking process, which does not send the deck back)."""
    linted: bool
    """Whether the doctor looked at the deck (it only looks at valid decks)."""
    first_error: Target | None = None

    @property
    def valid(self) -> bool:
        return not self.error_list


def check_whole(snapshot: Snapshot, *, lint: bool = True) -> WholeCheck:
    """Validate the snapshot's deck and, when it is valid and `lint` is asked for, lint it."""
    try:
        deck = deck_from_document(snapshot.document, snapshot.source)
    except DeckError as error:
        errors = _by_target(snapshot, error.problems)
        first = snapshot.target(error.problems[0].where)
        # The doctor reads only valid decks; its advice on each card needs no other card.
        advice = _card_advice(snapshot)
        return WholeCheck(
            snapshot.version,
            errors,
            _by_target(snapshot, advice),
            tuple(error.problems),
            tuple(advice),
            None,
            False,
            first,
        )
    warnings = lint_deck(deck, snapshot.source) if lint else []
    return WholeCheck(
        snapshot.version, {}, _by_target(snapshot, warnings), (), tuple(warnings), deck, lint
    )


def _card_advice(snapshot: Snapshot) -> list[Problem]:
    """The doctor's advice on each card and landing card, as `lint_deck` words it."""
    found: list[Problem] = []
    document = snapshot.document
    for level_index, level in enumerate(document["levels"]):
        for card_index, card in enumerate(level["cards"]):
            text = card if isinstance(card, str) else card.get("text")
            if not isinstance(text, str):
                continue
            wild = not isinstance(card, str) and card.get("kind") == "wild"
            place = f"levels[{level_index}].cards[{card_index}]"
            found.extend(
                Problem(snapshot.source, advice.message, place, text, severity=Severity.WARNING)
                for advice in card_advice_for(text, wild)
            )
    for index, text in enumerate(document.get("ending", {}).get("landing", ())):
        found.extend(
            Problem(
                snapshot.source,
                advice.message,
                f"ending.landing[{index}]",
                text,
                severity=Severity.WARNING,
            )
            for advice in card_advice_for(text, False)
        )
    return found


def _by_target(
    snapshot: Snapshot, problems: Iterable[Problem]
) -> dict[Target, tuple[Problem, ...]]:
    found: dict[Target, list[Problem]] = {}
    for problem in problems:
        found.setdefault(snapshot.target(problem.where), []).append(problem)
    return {target: tuple(items) for target, items in found.items()}


@dataclass(frozen=True)
class CardCheck:
    """One card's own errors and the doctor's advice on it."""

    errors: tuple[Problem, ...] = ()
    advice: tuple[Advice, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(
            Problem("", advice.message, severity=Severity.WARNING) for advice in self.advice
        )


NO_PROBLEMS = CardCheck()


def check_card(card: CardDraft, place: str = "the card", source: str = "") -> CardCheck:
    """A card's own errors and advice; what needs the other cards (duplicates) is left out."""
    return CardCheck(_card_errors(card, place, source), card_advice_for(card.text, card.is_wild))


def _card_errors(card: CardDraft, place: str, source: str) -> tuple[Problem, ...]:
    document = {
        "format": FORMAT,
        "deck": {"name": "card"},
        "levels": [{"name": "card", "cards": [card.document()]}],
    }
    try:
        deck_from_document(document, source, lambda _level, _card: place)
    except DeckError as error:
        return tuple(problem for problem in error.problems if problem.where == place)
    return ()


@lru_cache(maxsize=50_000)
def card_advice_for(text: str, wild: bool) -> tuple[Advice, ...]:
    """The doctor's advice on a card's text, as `h2h deck lint` gives it (trimmed text)."""
    return tuple(card_advice(text.strip(), wild=wild))


def check_structure(draft: Draft, source: str = "") -> dict[Target, tuple[Problem, ...]]:
    """Errors in the details, levels and ending, each level's cards stood in for by one card."""
    document = draft.document(cards=False)
    for index, (table, level) in enumerate(zip(document["levels"], draft.levels, strict=True)):
        # An empty level is an error of the level; a level with cards stands in with one card
        # that cannot clash with another level's.
        if level.cards:
            table["cards"] = [f"Stand-in card {index}?"]
    keys = tuple(level.key for level in draft.levels)
    snapshot = Snapshot(draft.version, document, (), keys, source)
    try:
        deck_from_document(document, source)
    except DeckError as error:
        return _by_target(snapshot, error.problems)
    return {}


@dataclass
class ProblemBook:
    """The problems to show now: the last whole check, with fresh checks laid over it."""

    whole: WholeCheck | None = None
    fresh_cards: dict[int, CardCheck] = field(default_factory=dict)
    """Cards changed since the whole check, checked on their own (removed cards check empty)."""
    structure: dict[Target, tuple[Problem, ...]] | None = None
    """Errors of everything but cards, when something changed since the whole check."""
    _base: tuple[int, int, int, int] = (0, 0, 0, 0)
    """From the whole check: errors of cards, errors of the rest, warnings of cards, of the rest."""
    _errors: int = 0
    _warnings: int = 0

    def __post_init__(self) -> None:
        self._count_whole()

    # --- filling -------------------------------------------------------------------------

    def take_whole(
        self, check: WholeCheck, changed_cards: Iterable[int] = (), *, changed_rest: bool = False
    ) -> None:
        """A whole check arrived; what changed after its version keeps its fresh check.

        Args:
            check: the whole check.
            changed_cards: cards changed since the version the check was made of.
            changed_rest: whether anything else (details, levels, ending) changed since.
        """
        keep = set(changed_cards)
        self.whole = check
        self.fresh_cards = {key: value for key, value in self.fresh_cards.items() if key in keep}
        if not changed_rest:
            self.structure = None
        self._count_whole()

    def take_card(self, key: int, check: CardCheck) -> None:
        self.fresh_cards[key] = check
        self._recount()

    def take_structure(self, problems: dict[Target, tuple[Problem, ...]]) -> None:
        self.structure = problems
        self._recount()

    # --- reading -------------------------------------------------------------------------

    def errors(self, target: Target) -> tuple[Problem, ...]:
        if target[0] == "card" and target[1] in self.fresh_cards:
            return self.fresh_cards[target[1]].errors
        if target[0] != "card" and self.structure is not None:
            return self.structure.get(target, ())
        return self.whole.errors.get(target, ()) if self.whole else ()

    def warnings(self, target: Target) -> tuple[Problem, ...]:
        if target[0] == "card" and target[1] in self.fresh_cards:
            return self.fresh_cards[target[1]].warnings
        return self.whole.warnings.get(target, ()) if self.whole else ()

    def severity(self, target: Target) -> Severity | None:
        if self.errors(target):
            return Severity.ERROR
        if self.warnings(target):
            return Severity.WARNING
        return None

    @property
    def error_count(self) -> int:
        return self._errors

    @property
    def warning_count(self) -> int:
        return self._warnings

    def _count_whole(self) -> None:
        card_errors = other_errors = card_warnings = other_warnings = 0
        if self.whole is not None:
            for target, items in self.whole.errors.items():
                if target[0] == "card":
                    card_errors += len(items)
                else:
                    other_errors += len(items)
            for target, items in self.whole.warnings.items():
                if target[0] == "card":
                    card_warnings += len(items)
                else:
                    other_warnings += len(items)
        self._base = (card_errors, other_errors, card_warnings, other_warnings)
        self._recount()

    def _recount(self) -> None:
        # Counted from the whole check's totals and the fresh checks only, so a key press in a
        # 10,000-card deck costs as much as the cards changed since the last whole check.
        card_errors, other_errors, card_warnings, other_warnings = self._base
        whole = self.whole
        for key, check in self.fresh_cards.items():
            if whole is not None:
                card_errors -= len(whole.errors.get(("card", key), ()))
                card_warnings -= len(whole.warnings.get(("card", key), ()))
            card_errors += len(check.errors)
            card_warnings += len(check.advice)
        if self.structure is not None:
            other_errors = sum(len(items) for items in self.structure.values())
        self._errors = card_errors + other_errors
        self._warnings = card_warnings + other_warnings
