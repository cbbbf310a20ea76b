"""Tests the deck doctor's advice on single cards: what each check flags, and what it leaves be."""

from __future__ import annotations

import pytest

from h2h_game.decks.advice import (
    Check,
    card_advice,
    closed_question,
    double_question,
    leading_question,
    not_a_question,
    speaks_to_the_other,
)

# Open, single, neutral questions in the bundled decks' own style: no check may flag them.
GOOD_CARDS = [
    "What could you see from your bedroom window as a child?",
    "Which meal we have shared comes back to you most often, and what made it stay?",
    "What is a dish you could eat every week without tiring of it, and what do you love about it?",
    "What is your favourite film, and who did you see it with?",
    "What do you remember about that day, and the people in it?",
    "What is a food you disliked as a child and love now, and what changed?",
    "Which film would you watch again, and which scene would you wait for?",
    "What is a mistake you still carry, and what would it take to set it down?",
    "Which moment between us would you like another go at, and what would you do differently?",
    "Tell me about a meal you still remember years later: where were you, and who made it?",
    "What do you miss? Why?",
    'When did someone last ask you "How are you, really?" and mean it?',
    "What job would you love to shadow for a single day, and what would you most want to watch?",
    "Why that one, of all the songs you know?",
    "How much has the story grown in the telling?",
    "What did you love doing as a child?",
    "Both of you, speaker first: what was the best five minutes of your week so far?",
]


@pytest.mark.parametrize("text", GOOD_CARDS)
def test_good_cards_get_no_advice(text: str) -> None:
    assert card_advice(text) == []


# double questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Which belief you were raised with have you kept, and which have you let go of?",
            "Which belief you were raised with have you kept?",
            "Which have you let go of?",
        ),
        (
            "What part of getting older frightens you, and what part do you look forward to?",
            "What part of getting older frightens you?",
            "What part do you look forward to?",
        ),
        (
            "What was the best part of school, and what was the worst?",
            "What was the best part of school?",
            "What was the worst?",
        ),
        ("Where did you grow up? What was your street like?", "Where did you grow up?",
         "What was your street like?"),
    ],
)  # fmt: skip
def test_double_questions_are_flagged_with_both_halves(text: str, first: str, second: str) -> None:
    advice = double_question(text)
    assert advice is not None and advice.check is Check.DOUBLE
    assert f'it asks "{first}" and also "{second}"' in advice.message
    assert advice.rewrite == first


def test_a_double_question_after_an_address_keeps_the_address_in_the_rewrite() -> None:
    advice = double_question("Both of you: which songs do you love, and which do you skip?")
    assert advice is not None
    assert advice.rewrite == "Both of you: which songs do you love?"


@pytest.mark.parametrize(
    "text",
    [
        # A clause that points back at the first answer deepens it.
        "Which songs do you love, and which of them would you play me first?",
        "What did you give away, and what did it leave behind?",
        # A different question word: the decks' most common follow-up.
        "What is your favourite film, and who did you see it with?",
        "When did you last feel like yourself, and who were you with?",
        # Asking for the change or the reason.
        "What did you believe as a child, and what do you believe now?",
        "What did you get wrong, and what would you do differently?",
        # Not a second question at all.
        "What do you remember about that day, and the people in it?",
        # A second "?" that only asks why, or that points back.
        "What do you miss? Why?",
        "What scared you as a child? What do you make of it now?",
    ],
)
def test_follow_ups_that_deepen_one_question_are_not_double(text: str) -> None:
    assert double_question(text) is None


# leading questions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("What do you love about me?", "What stands out to you about me?"),
        ("What did you hate about school, and why?",
         "What stood out to you about school, and why?"),
        ("What do you admire in me that you never said?",
         "What stands out to you about me that you never said?"),
        ("Why do you never call me?", "What makes it hard to call me?"),
        ("Why did you never tell me?", "What made it hard to tell me?"),
        ("Why don't you ever talk about it?", "What makes it hard to talk about it?"),
        ("Why didn’t you ask for help?", "What made it hard to ask for help?"),
        ("Why do you always leave early?", "What is going on for you when you leave early?"),
        ("Both of you: what do you love about winter?",
         "Both of you: what stands out to you about winter?"),
    ],
)  # fmt: skip
def test_leading_questions_are_flagged_with_a_neutral_rewrite(text: str, rewrite: str) -> None:
    advice = leading_question(text)
    assert advice is not None and advice.check is Check.LEADING
    assert advice.message.startswith("leading question (")
    assert advice.rewrite == rewrite
    question = rewrite.split(": ")[-1]
    assert advice.message.endswith(f'e.g. "{question[:1].upper()}{question[1:]}"')


@pytest.mark.parametrize(
    ("text", "advice_in_words"),
    [
        ("What did I do wrong that night?", "Which moment between us"),
        ("How much do you love me?", "How do you feel about…?"),
        ("Why did you always leave early?", "What is going on for you when…?"),
    ],
)
def test_leading_questions_without_a_rewrite_still_say_how(text: str, advice_in_words: str) -> None:
    advice = leading_question(text)
    assert advice is not None and advice.rewrite is None
    assert advice_in_words in advice.message


def test_the_warning_names_what_is_presumed() -> None:
    advice = leading_question("What do you hate about Mondays?")
    assert advice is not None
    assert '("What do you hate…" takes for granted that they hate it)' in advice.message


@pytest.mark.parametrize(
    "text",
    [
        # The speaker chose the thing: "love" builds on their own answer.
        "What is a dish you could eat every week, and what do you love about it?",
        "What did you love doing as a child?",
        "Why that one?",
        "Why does that song matter to you?",
        "How much has it grown in the telling?",
        "What went wrong the first time you tried?",
        "What do you wish I knew about your work?",
    ],
)
def test_neutral_questions_are_not_leading(text: str) -> None:
    assert leading_question(text) is None


# closed questions and statements keep their old behaviour -----------------------------------


def test_closed_and_not_a_question_are_separate_functions() -> None:
    closed = closed_question("Do you miss it?")
    assert closed is not None and closed.check is Check.CLOSED
    assert closed_question("What do you miss?") is None
    statement = not_a_question("My favourite colour is blue.")
    assert statement is not None and statement.check is Check.NOT_A_QUESTION
    assert not_a_question("My favourite colour is blue.", wild=True) is None
    assert not_a_question("Tell me about your street.") is None


def test_card_advice_gathers_every_check() -> None:
    checks = [
        advice.check for advice in card_advice("What do you love about it, and what do you hate?")
    ]
    assert checks == [Check.DOUBLE, Check.LEADING]


# speaking to the other player ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What did you think of me at first?",
        "Which of my habits have you picked up?",
        "What would you like us to try?",
        "Where were we when it started?",
        "What is our best trip?",
        "What have you learned from each other?",
        "Each of you, tell the other one thing.",
        "What did I get wrong?",
        "Where did you two meet?",
        "What do you and I have in common?",
        "Let’s both name a song.",
    ],
)
def test_cards_that_speak_to_the_other_player(text: str) -> None:
    assert speaks_to_the_other(text)


@pytest.mark.parametrize(
    "text",
    [
        "What did you think of them at first?",
        "Where were you when it started?",
        "What is your name in the family?",  # "me" inside "name" is not a word
        "Have you lived in the US?",
        "What was the sum of it?",  # "us" inside a word
        "Which meme made you laugh?",
    ],
)
def test_cards_that_do_not_speak_to_the_other_player(text: str) -> None:
    assert not speaks_to_the_other(text)


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Do you miss your hometown?", "What do you miss about your hometown?"),
        ("Do you like mornings?", "How do you feel about mornings?"),
        ("Did you ever recall that night?", "What do you remember about that night?"),
        ("Are you happy there?", "How happy are you there?"),
        ("Have you ever felt lost?", "When have you felt lost?"),
        ("Would you move abroad?", "What would it take for you to move abroad?"),
        (
            "Both of you: do you remember the day we met?",
            "Both of you: what do you remember about the day we met?",
        ),
    ],
)
def test_a_closed_question_gets_an_open_form_from_its_own_words(text: str, rewrite: str) -> None:
    advice = closed_question(text)
    assert advice is not None and advice.rewrite == rewrite
    assert card_advice(rewrite) == []  # the open form itself passes the doctor


@pytest.mark.parametrize(
    "text",
    [
        "Are you going out tonight?",
        "Are you married?",
        "Would you like to travel more?",
        "Do you think we are alike?",
        "Did you enjoy school? Why?",
    ],
)
def test_a_closed_question_without_a_sure_open_form_gets_none(text: str) -> None:
    advice = closed_question(text)
    assert advice is not None and advice.rewrite is None
