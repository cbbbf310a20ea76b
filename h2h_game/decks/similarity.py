"""Provides near-duplicate detection: cards that ask the same question in other words.

Two cards are near-duplicates when they share at least two content words and a good part of
their wording, measured on content words and on two-word phrases ("feel closest", "straight
back"), each weighted by how rare it is among the cards compared (weighted Jaccard similarity
with inverse document frequency). Words every card uses ("feel", "life") say little; two cards
that both ask about a "smell" that takes you "straight back" almost certainly ask the same
thing. Rarity is counted over the cards compared (one deck, or every deck linted together), so
it adapts to the decks' own vocabulary; the threshold was set on the bundled decks so that
every pair above it is the same question (see tests/decks/test_similarity.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

# Function words, question words, pronouns and the verbs every card leans on, and the words of
# card shapes ("Finish the sentence …", "… tonight"). Common content words ("feel", "life") are
# left in: rarity weighting already makes them count for little.
_STOP_WORDS = """
a about above after again against all almost also always am an and any anyone anything are
around as at away back be because been before being below between both but by can could did
do does doing done down during each either else even ever every everything few for from get
gets getting got had has have having he her here hers him his how however i if in into is it
its itself just least less let like made make makes making many may me might more most much
must my never no nobody nor not nothing now of off often on once one only or other others our
ours out over own perhaps quite rather really said same say says see seem seems she should
since so some someone something sometimes still such than that the their theirs them then
there these they thing things this those though through to too under until up upon us very
was way ways we were what whatever when where whether which while who whom whose why will
with within without would yet you your yours
finish sentence tonight
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

SIMILAR = 0.3
"""The share of rarity-weighted words and phrases two cards must have in common."""
SHARED_WORDS = 2
"""The content words two cards must share, at least."""

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# "Both of you, speaker first:" and the like say who answers, not what is asked.
_ADDRESS = re.compile(r"^(?:listener|speaker|both|each|together)\b[^:?]{0,45}:\s*", re.IGNORECASE)
_SUFFIXES = ("ies", "ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem that makes "smells"/"smell", "laughed"/"laughing" and "jokes"/"joke" one."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
                suffix = "s"
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            # "running" → "runn" → "run": undo a doubled final consonant.
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2] != "l":
                word = word[:-1]
            break
    # "take" and "tak(es)", "change" and "chang(ed)" meet without their final e.
    return word.removesuffix("e") if len(word) > 3 else word


def _tokens(text: str) -> list[str]:
    flat = _ADDRESS.sub("", text.strip(), count=1).casefold().replace("’", "'")
    return [word.removesuffix("'s") for word in _WORD.findall(flat)]


def _is_content(word: str) -> bool:
    return word not in STOP_WORDS and len(word) >= 3 and "'" not in word


def content_words(text: str) -> frozenset[str]:
    """The stemmed words of a card that carry its meaning, lower-cased, without stop words."""
    return frozenset(stem(word) for word in _tokens(text) if _is_content(word))


def _spellings(text: str) -> dict[str, str]:
    """Each stem of a card's content words, spelled as the card first spells it."""
    spelled: dict[str, str] = {}
    for word in _tokens(text):
        if _is_content(word):
            spelled.setdefault(stem(word), word)
    return spelled


def _features(text: str) -> frozenset[str]:
    """Content words and the two-word phrases that hold one: "feel closest", "straight back"."""
    words = [stem(word) if _is_content(word) else word for word in _tokens(text)]
    found = {word for word in words if _is_content(word)}
    found.update(
        f"{first} {second}"
        for first, second in pairwise(words)
        if _is_content(first) or _is_content(second)
    )
    return frozenset(found)


@dataclass(frozen=True)
class Match:
    """Two cards (by their index in the list compared) that ask the same question."""

    first: int
    second: int
    shared: tuple[str, ...]
    """The content words both cards use, rarest first, as the first card spells them."""
    score: float
    """Rarity-weighted share of words and phrases in common, 0 to 1."""


def near_duplicates(texts: Sequence[str]) -> list[Match]:
    """Every pair of texts that reads as the same question in other words, in text order."""
    words = [content_words(text) for text in texts]
    features = [_features(text) for text in texts]
    frequency: dict[str, int] = defaultdict(int)
    for card in features:
        for feature in card:
            frequency[feature] += 1
    weight = {feature: math.log((len(texts) + 1) / seen) for feature, seen in frequency.items()}

    # A folder may hold thousands of cards, so not every card is compared with every other
    # (prefix filtering, as in similarity joins). Put each card's features in one order for all
    # cards, heaviest (rarest) first, and call its prefix the features up to the point where
    # what is left weighs less than SIMILAR of the card. Two cards sharing SIMILAR of their
    # weight must share a feature in both prefixes: the first feature they share (in that
    # order) is in each card's prefix, or all they share would weigh less than SIMILAR. Rare
    # features sit in few cards, so only a few pairs are left to score.
    holders: dict[str, list[int]] = defaultdict(list)
    totals = [sum(weight[feature] for feature in card) for card in features]
    for index, card in enumerate(features):
        remaining = totals[index]
        for feature in sorted(card, key=lambda feature: (-weight[feature], feature)):
            if remaining < SIMILAR * totals[index]:
                break
            remaining -= weight[feature]
            holders[feature].append(index)
    candidates = {
        (first, second)
        for indexes in holders.values()
        for position, first in enumerate(indexes)
        for second in indexes[position + 1 :]
        # What they share weighs at most the lighter card, and must be SIMILAR of the heavier.
        if min(totals[first], totals[second]) >= SIMILAR * max(totals[first], totals[second])
    }

    matches: list[Match] = []
    for first, second in sorted(candidates):
        common_words = words[first] & words[second]
        if len(common_words) < SHARED_WORDS:
            continue
        common = sum(weight[feature] for feature in features[first] & features[second])
        score = common / (totals[first] + totals[second] - common)
        if score >= SIMILAR:
            shared = sorted(common_words, key=lambda word: (frequency[word], word))
            spelled = _spellings(texts[first])
            words_shared = tuple(spelled.get(word, word) for word in shared)
            matches.append(Match(first, second, words_shared, round(score, 3)))
    return matches


def duplicates_of(text: str, others: Sequence[str]) -> list[Match]:
    """The cards among `others` that ask what `text` asks: for checking one card as it is typed.

    Each match's `second` is the index in `others`; `first` is -1, standing for `text`.
    """
    return [
        Match(-1, match.second - 1, match.shared, match.score)
        for match in near_duplicates([text, *others])
        if match.first == 0
    ]
