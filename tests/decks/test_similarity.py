"""Tests near-duplicate detection: the same question in other words is found, others are not."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest

from h2h_game.decks.similarity import (
    SHARED_WORDS,
    SIMILAR,
    _features,
    content_words,
    duplicates_of,
    near_duplicates,
    stem,
)

# Varied questions, none asking what another asks: the background a real deck gives.
BACKGROUND = [
    "What could you see from your bedroom window as a child?",
    "What did you spend whole afternoons doing without anyone having to suggest it?",
    "What is the most ordinary object you own with the least ordinary story behind it?",
    "When did a stranger brighten your day without knowing it, and what did they do?",
    "Which song do you put on when you want to change the mood of a room?",
    "Where do you go, near where you live now, when you want ten minutes to yourself?",
    "What small ritual makes your mornings feel like your own?",
    "Who taught you a practical skill you still use?",
    "What makes you laugh that most people you know don't find funny?",
    "Which hobby have you dropped and picked up again more than once?",
    "What job would you love to shadow for a single day?",
    "What is a walk you know so well you could almost do it with your eyes closed?",
    "Which sound do you find most comforting, and where does it come from?",
    "What kind of help is hardest for you to accept?",
    "What is a risk you took that paid off in a way you did not expect?",
    "What were you like at fifteen, and which part of that person is still around?",
    "Who do you call first with good news?",
    "What have you had to be strong about for so long that you forgot anything else?",
    "Where are you still waiting for someone's permission, and whose is it?",
    "What does a good day at work feel like for you now?",
    "How has your idea of a good weekend changed over the years?",
    "What is a place you have been to only once but can still picture clearly?",
    "Which story have you gone back to more than any other?",
    "What is a food you disliked as a child and love now?",
    "What is the best thing you have bought for very little money?",
    "What is a compliment someone paid you years ago that you still remember?",
    "How do you tend to behave when you are running on empty, and what actually helps?",
    "How old were you when you first felt like an adult, and what happened?",
    "What do people tend to get wrong about you in the first ten minutes?",
    "What do you find yourself worrying about when everything is actually fine?",
    "What does rest really look like for you?",
    "Who is someone you miss, and what small thing about them do you never want to forget?",
    "What does loneliness look like in your life, and when does it tend to arrive?",
    "Where in your life do you say 'I'm fine' when it isn't quite true?",
    "What did you believe about death as a child?",
    "What ordinary habit of yours do you hope the people close to you will remember?",
    "How do you speak to yourself when you fail, and where did you learn to speak that way?",
    "What is a part of you that you have only recently started to like?",
    "What did your first payslip go on, and how long did it last?",
]


def pairs(texts: list[str]) -> set[tuple[str, str]]:
    return {(texts[match.first], texts[match.second]) for match in near_duplicates(texts)}


SAME = [
    (
        "Which smell takes you straight back to your childhood?",
        "What smell takes you straight back to being small?",
    ),
    (
        "What is a belief you were raised with that you have kept, and why has it stayed?",
        "Which belief you were raised with have you kept, and which have you let go of?",
    ),
    (
        "When did you feel closest to me, and what was happening around us?",
        "When do you feel closest to me without either of us saying anything?",
    ),
    (
        "Where do you feel most at home these days, and what makes it feel that way?",
        "Where do you feel most at home these days, and how is that different from the "
        "home you grew up in?",
    ),
    (
        "What was the best moment of your week so far, however small?",
        "Both of you, speaker first: what was the best five minutes of your week so far?",
    ),
    (
        "Which photo of the two of us would you save first, and why that one?",
        "Which photo of the two of us would you rescue first from a fire?",
    ),
    (
        "What are you still learning to forgive yourself for?",
        "What would you like to forgive yourself for in the story of us?",
    ),
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_the_same_question_in_other_words_is_found(first: str, second: str) -> None:
    texts = [first, *BACKGROUND, second]
    assert pairs(texts) == {(first, second)}


def test_a_match_names_the_shared_words_rarest_first_as_the_card_spells_them() -> None:
    first = "Which smell takes you straight back to your childhood kitchen?"
    second = "What smell takes you straight back to a summer holiday?"
    also_takes = "What takes up most of your evenings?"
    (match,) = near_duplicates([first, *BACKGROUND, also_takes, second])
    assert (match.first, match.second) == (0, len(BACKGROUND) + 2)
    assert match.shared == ("smell", "straight", "takes")
    assert 0.3 <= match.score <= 1


def test_the_shortcut_finds_every_pair_that_comparing_all_pairs_finds() -> None:
    texts = [*BACKGROUND, *(first for first, _ in SAME), *(second for _, second in SAME)]
    features = [_features(text) for text in texts]
    frequency = Counter(feature for card in features for feature in card)
    weight = {feature: math.log((len(texts) + 1) / seen) for feature, seen in frequency.items()}
    expected = set()
    for first, second in itertools.combinations(range(len(texts)), 2):
        common, union = features[first] & features[second], features[first] | features[second]
        score = sum(map(weight.get, common)) / sum(map(weight.get, union))
        words = content_words(texts[first]) & content_words(texts[second])
        if score >= SIMILAR and len(words) >= SHARED_WORDS:
            expected.add((first, second))
    assert len(expected) >= len(SAME)
    assert {(match.first, match.second) for match in near_duplicates(texts)} == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Rare words in common, but not the same question.
        (
            "What song takes you back to an early chapter of us?",
            "Which song could you hear a hundred times over without tiring of it?",
        ),
        (
            "What is a mistake you still carry, and what would it take to set it down?",
            "What is the heaviest thing you are carrying right now, and what would lighten it?",
        ),
    ],
)
def test_different_questions_that_share_words_are_not_matched(first: str, second: str) -> None:
    assert pairs([first, *BACKGROUND, second]) == set()


def test_a_deck_of_varied_questions_has_no_near_duplicates() -> None:
    assert near_duplicates(BACKGROUND) == []


def test_cards_built_on_one_template_with_a_word_of_their_own_are_not_matched() -> None:
    texts = [f"What would you show me first in the town of {name}?" for name in "ABCDEFGH"]
    texts = [f"{text[:-1]}ville?" for text in texts]
    assert near_duplicates(texts) == []


def test_one_card_can_be_checked_against_a_deck() -> None:
    deck = [*BACKGROUND, "Which smell takes you straight back to your childhood?"]
    (match,) = duplicates_of("What smell takes you straight back to being small?", deck)
    assert (match.first, match.second) == (-1, len(BACKGROUND))
    assert duplicates_of("What is your favourite kind of weather?", deck) == []


def test_nothing_to_compare() -> None:
    assert near_duplicates([]) == []
    assert near_duplicates(["What?"]) == []
    assert near_duplicates(["Why?", "Why?"]) == []  # no content words to share


def test_identical_cards_are_near_duplicates() -> None:
    text = "Which trip we took together do you still think about?"
    assert [
        (match.first, match.second) for match in near_duplicates([text, *BACKGROUND, text])
    ] == [(0, len(BACKGROUND) + 1)]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("smells", "smell"), True),
        (("laughed", "laughing", "laugh"), True),
        (("jokes", "joke"), True),
        (("takes", "take", "taking"), True),
        (("changed", "change"), True),
        (("running", "run"), True),
        (("memories", "memory"), True),
        (("wishes", "wish"), True),
        (("song", "sang"), False),
    ],
)
def test_stems_join_forms_of_one_word(words: tuple[str, ...], same: bool) -> None:
    assert (len({stem(word) for word in words}) == 1) is same


def test_content_words_drop_stop_words_case_and_possessives() -> None:
    assert content_words("What is your FAMILY'S favourite song, and why?") == {
        stem("family"),
        stem("favourite"),
        stem("song"),
    }
