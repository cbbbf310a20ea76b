"""Provides validating a parsed deck document (from TOML or CSV) and building its Deck.

Places in messages are paths into the file with 0-based indices, like TOML arrays: `levels[0]`
is the first `[[levels]]` table and `levels[0].cards[0]` its first card. (Level *numbers* shown to
players stay 1-based; only the paths into the file count from 0.) CSV import names rows instead.

Decisions the spec leaves open, made here:
- Control characters are Unicode category Cc (C0, DEL and C1) other than newline and tab. They
  are errors in every piece of text: card text, names, descriptions, tag ids and labels, ids.
- Level names are 1 to 60 characters like deck names; descriptions at most 500 characters; the
  `how_to_play` line at most 200 characters and a single line; tag ids and labels and card ids at
  most 60 characters; `author` at most 100. Names, tags, ids and `how_to_play` are one line.
- Two levels may not share a name (ignoring case): players and CSV rows pick levels by name.
- Duplicate card text is compared after trimming, joining runs of whitespace, Unicode NFC and
  case folding, across the whole deck.
- `[deck] tags` is a table of tag = "Label" (a label may be ""), or an array of tag ids. A tag may
  not contain `;`, which joins tags in a CSV cell.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar

from h2h_game import __version__
from h2h_game.decks.card_texts import canonical_texts, folded, trimmed_if_clean
from h2h_game.decks.problems import FORBIDDEN_CONTROL, DeckError, Problem, describe_char, quoted
from h2h_game.engine.deck import (
    DEFAULT_SETTLE,
    MAX_LEVELS,
    Card,
    Deck,
    Effect,
    Kind,
    Level,
    canonical_text,
    card_id,
    card_ids,
)

FORMAT = 1
MAX_CARDS = 20_000
MAX_TEXT = 400
MAX_NAME = 60
MAX_DESCRIPTION = 500
MAX_HOW_TO_PLAY = 200
MAX_AUTHOR = 100
MAX_TAG = 60
MAX_ID = 60
MAX_LANGUAGE = 35
# An ESC in every character of a long text would otherwise produce hundreds of lines.
MAX_CONTROL_REPORTS = 5
TAG_SEPARATOR = ";"

MAX_AUDIENCE = 120
MAX_SETTLE = 100
MAX_LANDING = 50

TOP_KEYS = ("format", "deck", "levels", "ending")
DECK_KEYS = ("name", "description", "author", "language", "tags", "how_to_play", "audience")
LEVEL_KEYS = ("name", "description", "unlock", "settle", "cards")
CARD_KEYS = ("text", "tags", "kind", "effect", "id")
ENDING_KEYS = ("landing", "closing")

# BCP 47 in the shape people write: a 2 to 8 letter language, then alphanumeric subtags.
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")

_Choice = TypeVar("_Choice", Kind, Effect)

CardPlace = Callable[[int, int], str]
"""Names the place of a card from its level and card index (CSV import names rows instead)."""
CardAt = tuple[int, int]
"""A card's level and card index, named in a message by `CardPlace` only when one needs it."""


def default_unlock(number: int, previous: int) -> int:
    """The unlock of level `number` (1-based) when the file leaves it out."""
    return 0 if number == 1 else previous + 3 * (number - 1)


@dataclass
class _Checker:
    """Collects problems while walking a parsed document."""

    source: str
    card_place: CardPlace
    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, where: str = "", label: str | None = None) -> None:
        self.problems.append(Problem(self.source, message, where=where, label=label))

    def keys(
        self, table: Mapping[str, Any], known: Iterable[str], where: str, label: str | None = None
    ) -> None:
        known = tuple(known)
        for key in table:
            if key not in known:
                self.add(_unknown_key(key, known, where), where, label)

    def text(
        self,
        value: Any,
        what: str,
        where: str,
        *,
        label: str | None = None,
        longest: int,
        required: bool = False,
        multiline: bool = False,
    ) -> str | None:
        """The trimmed text of a string field, or None (with the problem recorded) if it isn't."""
        if value is None:
            if required:
                self.add(f"{what} is missing", where, label)
            return None
        if not isinstance(value, str):
            self.add(f"{what} must be a string, not {_type_name(value)}", where, label)
            return None
        good = self.control_chars(value, what, where, label)
        trimmed = value.strip()
        if required and not trimmed:
            self.add(f"{what} is empty", where, label)
            good = False
        if len(trimmed) > longest:
            self.add(f"{what} is {len(trimmed)} characters; the most is {longest}", where, label)
            good = False
        if not multiline and "\n" in trimmed:
            self.add(f"{what} must be a single line", where, label)
            good = False
        return trimmed if good else None

    def control_chars(self, value: str, what: str, where: str, label: str | None) -> bool:
        if not FORBIDDEN_CONTROL.search(value):
            return True
        found = [(match.start(), match[0]) for match in FORBIDDEN_CONTROL.finditer(value)]
        for index, char in found[:MAX_CONTROL_REPORTS]:
            self.add(
                f"{what} contains the control character {describe_char(char)} at "
                f"{_text_position(value, index)}",
                where,
                label,
            )
        if len(found) > MAX_CONTROL_REPORTS:
            more = len(found) - MAX_CONTROL_REPORTS
            self.add(f"{what} contains {more} more control characters", where, label)
        return not found


def _text_position(text: str, index: int) -> str:
    """Where a character sits in a text: `column 5`, or `line 2, column 5` for multi-line text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if line == 1:
        return f"column {column} of the text"
    return f"line {line}, column {column} of the text"


def _type_name(value: Any) -> str:
    names: list[tuple[type | tuple[type, ...], str]] = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        ((list, tuple), "an array"),
        (Mapping, "a table"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ]
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def _unknown_key(key: str, known: tuple[str, ...], where: str) -> str:
    message = f"unknown key {quoted(key)}"
    if hint := _did_you_mean(key, known):
        return message + hint
    # Keys written under the wrong header are the commonest TOML slip in hand-written decks.
    if where == "" and key in DECK_KEYS:
        return message + " here: it belongs under [deck]"
    if where == "" and key in LEVEL_KEYS:
        return message + " here: it belongs under a [[levels]] table"
    if where == "deck" and key in LEVEL_KEYS:
        return message + " in [deck]: it belongs under a [[levels]] table"
    return message + f"; known keys: {', '.join(known)}"


def deck_from_document(
    document: Mapping[str, Any], source: str, card_place: CardPlace | None = None
) -> Deck:
    """Validate a parsed deck document and build the Deck; DeckError lists every problem."""
    check = _Checker(source, card_place or _card_path)
    if not document:
        check.add("the file has no deck in it: it needs format = 1, a [deck] and [[levels]]")
        raise DeckError(check.problems)
    check.keys(document, TOP_KEYS, "")
    _check_format(document, check)
    meta = _deck_table(document.get("deck"), check)
    levels = _levels(document.get("levels"), check)
    ending = _ending(document.get("ending"), check)
    if check.problems or meta is None or levels is None or ending is None:
        raise DeckError(check.problems)
    return Deck(levels=levels, **meta, **ending)


def _card_path(level: int, card: int) -> str:
    return f"levels[{level}].cards[{card}]"


def _check_format(document: Mapping[str, Any], check: _Checker) -> None:
    value = document.get("format")
    deck = document.get("deck")
    if value is None:
        if isinstance(deck, Mapping) and "format" in deck:
            check.add(
                "format = 1 must come before [deck]: a key after a [table] header belongs "
                "to that table",
                "deck.format",
            )
        else:
            check.add("format is missing: start the file with format = 1")
        return
    if isinstance(value, bool) or not isinstance(value, int):
        check.add(f"format must be the integer 1, not {_type_name(value)}", "format")
        return
    if value > FORMAT:
        check.add(
            f"this deck is written in format {value}, and this h2h ({__version__}) reads "
            f"format {FORMAT} only: a newer version of h2h is needed to open it",
            "format",
        )
        # A newer format may mean anything in the rest of the file; its problems would mislead.
        raise DeckError(check.problems[-1:])
    if value < FORMAT:
        check.add(f"format must be {FORMAT}, not {value}", "format")


def _deck_table(value: Any, check: _Checker) -> dict[str, Any] | None:
    if value is None:
        check.add('the [deck] table is missing: add [deck] with name = "…"')
        return None
    if not isinstance(value, Mapping):
        hint = ": write [deck] with single brackets" if isinstance(value, list) else ""
        check.add(f"deck must be a table, not {_type_name(value)}{hint}", "deck")
        return None
    check.keys({k: v for k, v in value.items() if k != "format"}, DECK_KEYS, "deck")
    name = check.text(
        value.get("name"), "the deck's name", "deck.name", longest=MAX_NAME, required=True
    )
    description = check.text(
        value.get("description"),
        "description",
        "deck.description",
        longest=MAX_DESCRIPTION,
        multiline=True,
    )
    author = check.text(value.get("author"), "author", "deck.author", longest=MAX_AUTHOR)
    how_to_play = check.text(
        value.get("how_to_play"),
        "how_to_play",
        "deck.how_to_play",
        longest=MAX_HOW_TO_PLAY,
    )
    audience = check.text(value.get("audience"), "audience", "deck.audience", longest=MAX_AUDIENCE)
    language = check.text(value.get("language"), "language", "deck.language", longest=MAX_LANGUAGE)
    if language is not None and not _LANGUAGE.fullmatch(language):
        check.add(
            f'{quoted(language)} is not a BCP 47 language tag like "en" or "pt-BR"',
            "deck.language",
        )
    tags = _declared_tags(value.get("tags"), check)
    if name is None:
        return None
    return {
        "name": name,
        "description": description or "",
        "author": author or "",
        "how_to_play": how_to_play or "",
        "audience": audience or "",
        "language": language or "en",
        "tags": tags,
    }


def _declared_tags(value: Any, check: _Checker) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    pairs: list[tuple[str, str]] = []
    if isinstance(value, Mapping):
        for raw, label in value.items():
            where = f"deck.tags.{raw}" if _is_bare(raw) else f"deck.tags[{quoted(raw)}]"
            tag = _tag(
                check.text(raw, "the tag", where, longest=MAX_TAG, required=True), check, where
            )
            text = check.text(label, "the tag's label", where, longest=MAX_TAG)
            if tag is not None and text is not None:
                pairs.append((tag, text))
    elif isinstance(value, list):
        for index, raw in enumerate(value):
            where = f"deck.tags[{index}]"
            tag = _tag(
                check.text(raw, "the tag", where, longest=MAX_TAG, required=True), check, where
            )
            if tag is not None:
                pairs.append((tag, ""))
    else:
        check.add(
            f'tags must be a table like {{ family = "Family" }}, not {_type_name(value)}',
            "deck.tags",
        )
        return ()
    seen: set[str] = set()
    for tag, _ in pairs:
        if tag in seen:
            check.add(f"the tag {quoted(tag)} is declared twice", "deck.tags")
        seen.add(tag)
    return tuple(pairs)


def _tag(tag: str | None, check: _Checker, where: str, label: str | None = None) -> str | None:
    # ";" joins tags in a CSV cell, so a tag holding one could not survive export and import.
    if tag is not None and TAG_SEPARATOR in tag:
        check.add(
            f"the tag {quoted(tag)} contains {TAG_SEPARATOR}, which tags may not", where, label
        )
        return None
    return tag


def _is_bare(key: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9_-]+", key))


def _levels(value: Any, check: _Checker) -> tuple[Level, ...] | None:
    if value is None:
        check.add("the deck has no levels: add a [[levels]] table with a name and cards")
        return None
    if not isinstance(value, list):
        hint = ": write [[levels]] with double brackets" if isinstance(value, Mapping) else ""
        check.add(f"levels must be an array of tables, not {_type_name(value)}{hint}", "levels")
        return None
    if not value:
        check.add("the deck has no levels: add a [[levels]] table with a name and cards")
        return None
    if len(value) > MAX_LEVELS:
        check.add(f"the deck has {len(value)} levels; the most is {MAX_LEVELS}", "levels")
    total = sum(
        len(level["cards"])
        for level in value
        if isinstance(level, Mapping) and isinstance(level.get("cards"), list)
    )
    if total > MAX_CARDS:
        check.add(f"the deck has {total:,} cards; the most is {MAX_CARDS:,}", "levels")
        return None
    seen_text: dict[str, CardAt] = {}
    seen_ids: dict[str, CardAt] = {}
    seen_names: dict[str, str] = {}
    levels: list[Level] = []
    previous_unlock = 0
    for index, raw in enumerate(value):
        level = _level(raw, index, previous_unlock, check, seen_text, seen_ids)
        if level is None:
            previous_unlock = default_unlock(index + 1, previous_unlock)
            continue
        previous_unlock = level.unlock
        where = f"levels[{index}]"
        # Players choose levels by name, and CSV rows name their level; two alike are ambiguous.
        if (folded := level.name.casefold()) in seen_names:
            check.add(f"another level has this name: {seen_names[folded]}", where, level.name)
        seen_names[folded] = where
        levels.append(level)
    return tuple(levels)


def _level(
    raw: Any,
    index: int,
    previous_unlock: int,
    check: _Checker,
    seen_text: dict[str, CardAt],
    seen_ids: dict[str, CardAt],
) -> Level | None:
    where = f"levels[{index}]"
    number = index + 1
    if not isinstance(raw, Mapping):
        check.add(f"a level must be a [[levels]] table, not {_type_name(raw)}", where)
        return None
    raw_name = raw.get("name")
    label = raw_name if isinstance(raw_name, str) else None
    check.keys(raw, LEVEL_KEYS, where, label)
    name = check.text(raw_name, "the level's name", where, longest=MAX_NAME, required=True)
    description = check.text(
        raw.get("description"),
        "the level's description",
        where,
        label=label,
        longest=MAX_DESCRIPTION,
        multiline=True,
    )
    unlock = _unlock(raw.get("unlock"), number, previous_unlock, check, where, label)
    settle = _settle(raw.get("settle"), number, check, where, label)
    cards = _cards(raw.get("cards"), index, check, seen_text, seen_ids, where, label)
    if name is None or unlock is None or settle is None or cards is None:
        return None
    return Level(
        number=number,
        name=name,
        unlock=unlock,
        cards=cards,
        description=description or "",
        settle=settle,
    )


def _settle(value: Any, number: int, check: _Checker, where: str, label: str | None) -> int | None:
    if value is None:
        return DEFAULT_SETTLE
    if isinstance(value, bool) or not isinstance(value, int):
        check.add(f"settle must be a whole number of cards, not {_type_name(value)}", where, label)
        return None
    if number == 1:
        check.add(
            "the first level has no level below it to settle into: leave settle out", where, label
        )
        return None
    if not 0 <= value <= MAX_SETTLE:
        check.add(f"settle must be from 0 to {MAX_SETTLE} cards, not {value}", where, label)
        return None
    return value


def _ending(value: Any, check: _Checker) -> dict[str, Any] | None:
    """The `[ending]` table: light landing cards and the deck's own closing card."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        hint = ": write [ending] with single brackets" if isinstance(value, list) else ""
        check.add(f"ending must be a table, not {_type_name(value)}{hint}", "ending")
        return None
    check.keys(value, ENDING_KEYS, "ending")
    closing = check.text(
        value.get("closing"), "the closing card", "ending.closing", longest=MAX_TEXT, multiline=True
    )
    if value.get("closing") is not None and closing == "":
        check.add("the closing card is empty: leave closing out to use stars and wishes", "ending")
    landing: list[str] = []
    raw_landing = value.get("landing")
    if raw_landing is not None and not isinstance(raw_landing, list):
        check.add(
            f'landing must be an array of cards like ["…"], not {_type_name(raw_landing)}',
            "ending.landing",
        )
        return None
    if raw_landing is not None and len(raw_landing) > MAX_LANDING:
        check.add(
            f"there are {len(raw_landing)} landing cards; the most is {MAX_LANDING}",
            "ending.landing",
        )
    seen: set[str] = set()
    for index, raw in enumerate(raw_landing or ()):
        where = f"ending.landing[{index}]"
        label = raw if isinstance(raw, str) else None
        text = check.text(
            raw,
            "a landing card",
            where,
            label=label,
            longest=MAX_TEXT,
            required=True,
            multiline=True,
        )
        if text is None:
            continue
        if _canonical(text) in seen:
            check.add("duplicate landing card: the same text as another", where, text)
            continue
        seen.add(_canonical(text))
        landing.append(text)
    return {"landing": tuple(landing), "closing": closing or ""}


def _unlock(
    value: Any, number: int, previous: int, check: _Checker, where: str, label: str | None
) -> int | None:
    if value is None:
        return default_unlock(number, previous)
    if isinstance(value, bool) or not isinstance(value, int):
        check.add(f"unlock must be a whole number of tokens, not {_type_name(value)}", where, label)
        return None
    if value < 0:
        check.add(f"unlock must be 0 or more, not {value}", where, label)
        return None
    if number == 1 and value != 0:
        check.add(
            f"the first level is open from the start: its unlock must be 0 or left out, not "
            f"{value}",
            where,
            label,
        )
        return None
    if value < previous:
        check.add(
            f"unlock {value} is lower than the level before it ({previous}): each level's "
            "unlock must be at least the one before",
            where,
            label,
        )
        return None
    return value


def _cards(
    value: Any,
    level_index: int,
    check: _Checker,
    seen_text: dict[str, CardAt],
    seen_ids: dict[str, CardAt],
    where: str,
    label: str | None,
) -> tuple[Card, ...] | None:
    if value is None:
        check.add("the level has no cards: add cards = [ … ]", where, label)
        return None
    if not isinstance(value, list):
        check.add(f"cards must be an array, not {_type_name(value)}", where, label)
        return None
    if not value:
        check.add("the level is empty: add at least one card", where, label)
        return None
    if (all_good := _good_cards(value, level_index, check, seen_text, seen_ids)) is not None:
        return all_good
    cards: list[Card] = []
    for index, raw in enumerate(value):
        card = _card(raw, level_index, index, check)
        if card is None:
            continue
        place = check.card_place(level_index, index)
        canonical = _canonical(card.text)
        if canonical in seen_text:
            earlier = check.card_place(*seen_text[canonical])
            check.add(f"duplicate card: the same text as {earlier}", place, card.text)
            continue
        seen_text[canonical] = (level_index, index)
        if card.id in seen_ids:
            earlier = check.card_place(*seen_ids[card.id])
            check.add(f"duplicate id {quoted(card.id)}: {earlier} has it too", place, card.text)
            continue
        seen_ids[card.id] = (level_index, index)
        cards.append(card)
    return tuple(cards) if len(cards) == len(value) else None


def _good_cards(
    value: list[Any],
    level_index: int,
    check: _Checker,
    seen_text: dict[str, CardAt],
    seen_ids: dict[str, CardAt],
) -> tuple[Card, ...] | None:
    """A level's cards when every one is good, checked together; None when any is not.

    What `_cards` checks card by card, done level-wide by `card_texts` (a 10,000-card deck spent
    longer in the per-card checks than tomllib spent parsing it). None leaves no problem recorded
    and nothing seen, so the card-by-card checks run next and explain every problem in order.
    Cards written as tables, a few in a deck, still go through `_card` one by one.
    """
    number = level_index + 1
    tables = [index for index, raw in enumerate(value) if not isinstance(raw, str)]
    texts = trimmed_if_clean([raw for raw in value if isinstance(raw, str)], MAX_TEXT)
    if texts is None:
        return None
    mark = len(check.problems)
    made: dict[int, Card] = {}
    for index in tables:
        card = _card(value[index], level_index, index, check)
        if card is None or len(check.problems) > mark:
            del check.problems[mark:]
            return None
        made[index] = card
    if made:
        plain = iter(texts)
        texts = [made[index].text if index in made else next(plain) for index in range(len(value))]
    canonical = canonical_texts(texts)
    seen = folded(canonical)
    ids = card_ids(number, canonical)
    for index, card in made.items():
        ids[index] = card.id
    places = [(level_index, index) for index in range(len(value))]
    texts_here = dict(zip(seen, places, strict=True))
    ids_here = dict(zip(ids, places, strict=True))
    if (
        len(texts_here) < len(value)
        or len(ids_here) < len(value)
        or not seen_text.keys().isdisjoint(texts_here.keys())
        or not seen_ids.keys().isdisjoint(ids_here.keys())
    ):
        return None
    seen_text.update(texts_here)
    seen_ids.update(ids_here)
    # Positional arguments (id, level, text): keywords cost a fifth more over 10,000 cards.
    cards = [Card(id_, number, text) for id_, text in zip(ids, texts, strict=True)]
    for index, card in made.items():
        cards[index] = card
    return tuple(cards)


def _canonical(text: str) -> str:
    return canonical_text(text).casefold()


def _card(raw: Any, level_index: int, index: int, check: _Checker) -> Card | None:
    number = level_index + 1
    where = check.card_place(level_index, index)
    if isinstance(raw, str):
        text = check.text(
            raw, "card text", where, label=raw, longest=MAX_TEXT, required=True, multiline=True
        )
        return None if text is None else Card(id=card_id(number, text), level=number, text=text)
    if not isinstance(raw, Mapping):
        check.add(
            f'a card must be a string or a table like {{ text = "…" }}, not {_type_name(raw)}',
            where,
        )
        return None
    raw_text = raw.get("text")
    label = raw_text if isinstance(raw_text, str) else None
    check.keys(raw, CARD_KEYS, where, label)
    text = check.text(
        raw_text, "card text", where, label=label, longest=MAX_TEXT, required=True, multiline=True
    )
    tags = _card_tags(raw.get("tags"), check, where, label)
    kind = _choice(raw.get("kind"), Kind, "kind", check, where, label)
    effect = _choice(raw.get("effect"), Effect, "effect", check, where, label)
    explicit_id = check.text(raw.get("id"), "id", where, label=label, longest=MAX_ID)
    if raw.get("id") is not None and explicit_id == "":
        check.add("id is empty: leave it out to have one made from the text", where, label)
        return None
    kind = kind or (Kind.QUESTION if "kind" not in raw else None)
    if kind is Kind.WILD and effect is None and "effect" not in raw:
        choices = ", ".join(effect.value for effect in Effect)
        check.add(f"a wild card needs an effect: one of {choices}", where, label)
        return None
    if kind is Kind.QUESTION and "effect" in raw:
        check.add(
            'only wild cards have an effect: add kind = "wild" or remove the effect', where, label
        )
        return None
    if text is None or tags is None or kind is None or (kind is Kind.WILD and effect is None):
        return None
    return Card(
        id=explicit_id or card_id(number, text),
        level=number,
        text=text,
        tags=tags,
        kind=kind,
        effect=effect,
    )


def _card_tags(
    value: Any, check: _Checker, where: str, label: str | None
) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        check.add(f'tags must be an array like ["family"], not {_type_name(value)}', where, label)
        return None
    tags: list[str] = []
    good = True
    for raw in value:
        tag = check.text(raw, "a tag", where, label=label, longest=MAX_TAG, required=True)
        tag = _tag(tag, check, where, label)
        if tag is None:
            good = False
        elif tag in tags:
            check.add(f"the tag {quoted(tag)} is listed twice", where, label)
            good = False
        else:
            tags.append(tag)
    return tuple(tags) if good else None


def _choice(
    value: Any, choices: type[_Choice], what: str, check: _Checker, where: str, label: str | None
) -> _Choice | None:
    if value is None:
        return None
    names = [choice.value for choice in choices]
    if not isinstance(value, str):
        check.add(f"{what} must be a string, not {_type_name(value)}", where, label)
        return None
    try:
        return choices(value)
    except ValueError:
        hint = _did_you_mean(value, names) or f"; it is one of {', '.join(names)}"
        check.add(f"unknown {what} {quoted(value)}{hint}", where, label)
        return None
