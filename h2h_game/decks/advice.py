"""Provides the deck doctor's advice on one card: pure functions from card text to advice.

The deck studio can call `card_advice` as an author types; `h2h deck lint` calls it for every
card. Each check prefers silence to a false alarm: a deck that follows the advice should lint
clean with `--strict`, so a check only speaks when the wording itself shows the problem.

The rules, in the words the deck format guide uses:

- **Closed question**: the question opens with a yes/no verb ("Do…?", "Are…?", "Have…?").
  Where the card's own words make an open question that reads well ("Do you miss it?" → "What
  do you miss about it?"), the advice carries it as its rewrite, for the deck studio to offer.
- **Not a question**: a card that is not wild, has no "?" and does not open with an invitation
  ("Tell…", "Describe…").
- **Double question**: two questions in one card, each wanting its own answer. Flagged when
  (1) the card holds two full questions ("Where did you grow up? What was your street like?")
  and the second does not point back at the first answer ("it", "that", "they", "there"…), or
  (2) a clause after ", and" (or ", or", ", but") repeats the question's opening word for a second,
  parallel answer: "Which beliefs have you kept, and which have you let go of?", "What part
  frightens you, and what part do you look forward to?". A clause that points back at the first
  answer deepens it and is not flagged: "…, and what made it stay?", "…, and who made it?", nor
  is one that asks for the reason or the change ("…, and what changed?", "…, and what would you
  do differently?"). Follow-ups with a different question word ("…, and who were you with?")
  are the decks' most common shape and are never flagged.
- **Leading question**: the question's opening presumes the answer: "What do you love/hate/
  admire/envy about…", "Why do you never/always…", "Why don't/didn't/can't/won't you…", "What
  did I do wrong…", "How much do you…". Only the opening is checked: "…, and what do you love
  about it?" asks about something the speaker just chose.
- **Speaks to the other player** (a level check, not advice on one card): the card says "me",
  "my", "I", "us", "we", "our", "each other", "one another", "the other" or "you two".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Check(StrEnum):
    """Which of the deck doctor's checks a piece of advice comes from."""

    CLOSED = "closed-question"
    NOT_A_QUESTION = "not-a-question"
    DOUBLE = "double-question"
    LEADING = "leading-question"


@dataclass(frozen=True)
class Advice:
    """What is wrong with a card and how to make it better."""

    check: Check
    message: str
    """What is wrong and what to do instead, as one line: the text a lint warning shows."""
    rewrite: str | None = None
    """A better wording of the whole card, when one can be made from the card's own words."""


# Suggested open forms, by the word a closed question starts with.
_OPEN_FORMS: dict[str, str] = {
    **dict.fromkeys(
        ("do", "does", "did", "don't", "doesn't", "didn't"),
        'ask "What…?" or "How…?" instead, e.g. "Do you miss it?" → "What do you miss about it?"',
    ),
    **dict.fromkeys(
        ("are", "is", "was", "were", "am", "aren't", "isn't", "wasn't", "weren't"),
        'ask "How…?" or "What…?" instead, e.g. "Are you happy there?" → '
        '"What makes a good day there for you?"',
    ),
    **dict.fromkeys(
        ("have", "has", "had", "haven't", "hasn't", "hadn't"),
        'ask "When…?" or "What…?" instead, e.g. "Have you ever felt lost?" → '
        '"When did you last feel lost, and what helped?"',
    ),
    **dict.fromkeys(
        ("can", "could", "can't", "couldn't"),
        'ask "How…?" or "What would it take…?" instead, e.g. "Can you forgive it?" → '
        '"What would forgiving it take?"',
    ),
    **dict.fromkeys(
        ("would", "will", "should", "shall", "wouldn't", "won't", "shouldn't"),
        'ask "What…?" or "How…?" instead, e.g. "Would you move abroad?" → '
        '"Where would you live if you could move anywhere, and why there?"',
    ),
    **dict.fromkeys(
        ("may", "might", "must"),
        'ask "What…?" or "How…?" instead',
    ),
}

# Words a card may start with and still be a fine prompt without a question mark.
# fmt: off
IMPERATIVES = frozenset((
    "tell", "describe", "share", "name", "remember", "think", "show", "talk", "say", "imagine",
    "picture", "take", "look", "recall", "explain", "walk", "finish", "complete", "pick", "choose",
    "list", "paint", "draw", "bring", "read", "close", "let", "sing", "hum",
))
# fmt: on

INTERROGATIVES = frozenset(("what", "which", "who", "whom", "whose", "where", "when", "why", "how"))
# Words by which a second clause points back at the first answer, so it deepens that answer.
# fmt: off
_POINTING_BACK = frozenset((
    "it", "its", "itself", "that", "this", "those", "these", "they", "them", "their", "theirs",
    "themselves", "there", "then", "one", "ones", "so", "he", "him", "his", "she", "her", "hers",
    "such", "same",
))
_AUXILIARIES = frozenset((
    "do", "does", "did", "is", "are", "was", "were", "am", "have", "has", "had", "would", "will",
    "could", "can", "should", "might", "may", "must", "shall", "seem", "seems", "seemed",
))
# A second clause asking why or what changed follows the first answer even without "it".
_FOLLOW_UPS = frozenset((
    "changed", "changes", "happened", "happens", "helped", "helps", "made", "makes", "keeps",
    "kept", "stopped", "started", "caused", "causes", "led", "leads", "brought", "brings", "got",
    "gets", "pulled", "pulls", "turned", "shifted", "stayed", "differently", "instead", "now",
    "today", "since",
))
# Words after "what"/"which" that do not name a thing: "what do…", "which of…".
_NOT_A_THING = _AUXILIARIES | frozenset((
    "of", "you", "we", "i", "they", "he", "she", "it", "to", "in", "on", "at", "for", "about",
    "a", "an", "the", "your", "my", "our", "their", "one", "ones",
))
_OPPOSITES = (
    ("best", "worst"), ("most", "least"), ("love", "hate"), ("like", "dislike"),
    ("easiest", "hardest"), ("first", "last"), ("miss", "glad"),
)
# fmt: on

_WORD = re.compile(r"[\w'’]+")
# Wild cards often address both players first: "Both of you: do you …?"
_ADDRESS = re.compile(r"^[^:?]{1,30}:\s*")
# A longer lead-in before a colon: "Listener, you go first this time: what…?"
_LEAD_IN = re.compile(r"^[^:?]{1,60}:\s*")
_SENTENCE = re.compile(r"[^?.!]+[?.!]*")
_SECOND_CLAUSE = re.compile(r",\s*(?:and|or|but)\s+(?P<clause>[^,]+?)\s*\?*$", re.IGNORECASE)

_OTHER_PLAYER = re.compile(
    r"\b(?:me|my|mine|myself|us|we|our|ours|ourselves|let's|let’s)\b"
    r"|\beach other\b|\bone another\b|\bthe other\b|\byou two\b|\bthe two of you\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\bI\b")


def _words(text: str) -> list[str]:
    return [word.lower().replace("’", "'") for word in _WORD.findall(text)]


def first_word(text: str) -> str:
    """The card's first word, lower-cased, after any "Both of you:" address."""
    words = _words(_ADDRESS.sub("", text, count=1))
    return words[0] if words else ""


def _questions(text: str) -> list[str]:
    """The sentences of a card that end in "?", without a lead-in such as "Both of you:"."""
    found = []
    for sentence in _SENTENCE.findall(text):
        sentence = sentence.strip()
        if sentence.endswith("?"):
            found.append(_LEAD_IN.sub("", sentence, count=1))
    return found


def _points_back(words: list[str]) -> bool:
    return any(word in _POINTING_BACK for word in words)


def closed_question(text: str) -> Advice | None:
    """A question that opens with a yes/no verb: "Do you…?", "Are you…?", "Have you ever…?"."""
    first = first_word(text)
    if "?" not in text or first not in _OPEN_FORMS:
        return None
    word = first.capitalize()
    return Advice(
        Check.CLOSED,
        f'closed question ("{word}…?" invites a yes or no): {_OPEN_FORMS[first]}',
        rewrite=open_form(text),
    )


# Open forms made from a closed question's own words, only for shapes where the rewording is
# sure to read well ("Do you miss it?" → "What do you miss about it?"); otherwise there is none.
_NOT_ADJECTIVES = frozenset((
    "a", "an", "the", "and", "or", "in", "on", "at", "to", "for", "of", "with", "by", "from",
    "about", "still", "ever", "really", "always", "never", "not", "there", "here", "you", "we",
    "me", "us", "it", "that", "this", "all", "both", "married", "engaged", "divorced",
    "pregnant", "related", "born", "allowed", "supposed", "going", "able", "one", "two",
))  # fmt: skip
_OPEN_FORM_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (
        re.compile(
            r"^(?:do|did|can|could) you (?:ever |still )?(?:remember|recall) (?P<rest>.+)\?$",
            re.IGNORECASE,
        ),
        lambda m: f"What do you remember about {m['rest']}?",
    ),
    (
        re.compile(r"^do you (?:ever |still )?miss (?P<rest>.+)\?$", re.IGNORECASE),
        lambda m: f"What do you miss about {m['rest']}?",
    ),
    (
        re.compile(
            r"^do you (?:really )?(?:like|enjoy|mind|hate|dislike) (?P<rest>.+)\?$", re.IGNORECASE
        ),
        lambda m: f"How do you feel about {m['rest']}?",
    ),
    (
        re.compile(r"^have you ever (?P<rest>\w+ .+)\?$", re.IGNORECASE),
        lambda m: f"When have you {m['rest']}?",
    ),
    (
        re.compile(r"^(?P<verb>are|were) you (?P<word>[a-z]+)(?P<rest>(?: .+)?)\?$", re.IGNORECASE),
        lambda m: (
            None
            if m["word"].lower() in _NOT_ADJECTIVES or m["word"].lower().endswith("ing")
            else f"How {m['word']} {m['verb'].lower()} you{m['rest']}?"
        ),
    ),
    (
        re.compile(
            r"^(?:can|could|would|will) you (?:ever )?(?P<verb>[a-z]+) (?P<rest>.+)\?$",
            re.IGNORECASE,
        ),
        lambda m: (
            None
            if m["verb"].lower() in ("like", "rather", "please", "tell", "say", "not", "really")
            else f"What would it take for you to {m['verb']} {m['rest']}?"
        ),
    ),
)


def open_form(text: str) -> str | None:
    """An open wording of a closed question from its own words, or None when none reads well.

    Only a card that is one question (after any "Both of you:" address) is reworded.
    """
    address = _ADDRESS.match(text)
    lead = address[0] if address else ""
    question = text[len(lead) :].strip()
    if (
        question.count("?") != 1
        or not question.endswith("?")
        or any(mark in question for mark in ".!\n")
    ):
        return None
    for pattern, reword in _OPEN_FORM_RULES:
        if (match := pattern.match(question)) and (found := reword(match)):
            if question[:1].islower():
                found = found[:1].lower() + found[1:]  # after "Both of you:"
            return lead + found
    return None


def not_a_question(text: str, *, wild: bool = False) -> Advice | None:
    """A card that neither asks (no "?") nor invites ("Tell…"), and is not a wild card."""
    if wild or "?" in text or first_word(text) in IMPERATIVES:
        return None
    # "Finish this sentence: …" invites before its colon, where "Both of you: …" addresses.
    if _words(text)[:1] and _words(text)[0] in IMPERATIVES:
        return None
    return Advice(
        Check.NOT_A_QUESTION,
        'not a question: it has no "?" and does not start with an invitation like '
        '"Tell…", "Describe…" or "Share…"; end it with "?" or make it a wild card',
    )


def double_question(text: str) -> Advice | None:
    """Two questions in one card, each wanting its own answer (the module's rules say which)."""
    questions = _questions(text)
    full = [question for question in questions if _is_full_question(question)]
    if len(full) >= 2 and not _points_back(_words(full[1])):
        return _double(full[0], full[1], " ".join(text.replace(full[1], "", 1).split()))
    for question in questions:
        match = _SECOND_CLAUSE.search(question)
        if match is None:
            continue
        head = question[: match.start()]
        second = _words(match["clause"])
        opening = next((word for word in _words(head) if word in INTERROGATIVES), None)
        if opening is None or len(second) < 2 or second[0] != opening:
            continue
        if _points_back(second) or any(word in _FOLLOW_UPS for word in second):
            continue
        head_words = _words(head)
        after_opening = head_words[head_words.index(opening) + 1 :]
        if _parallel(opening, after_opening, second):
            first = head.strip() + "?"
            return _double(first, match["clause"] + "?", text.replace(question, first, 1))
    return None


def _parallel(opening: str, head: list[str], second: list[str]) -> bool:
    """Whether a second clause asks for another answer of the same kind as the first."""
    # "…, and which have you let go of?": a bare "which" picks a second, different set.
    if opening == "which" and second[1] in _AUXILIARIES:
        return True
    # "What part frightens you, and what part…?": the same thing asked about twice.
    if head and head[0] == second[1] and head[0] not in _NOT_A_THING:
        return True
    # "What was the best part, and what was the worst?"
    return any(
        (mine in head and theirs in second) or (theirs in head and mine in second)
        for mine, theirs in _OPPOSITES
    )


def _is_full_question(question: str) -> bool:
    words = _words(question)
    if words and words[0] == "and":
        words = words[1:]
    return len(words) >= 4 and (words[0] in INTERROGATIVES or words[0] in _AUXILIARIES)


def _double(first: str, second: str, rewrite: str) -> Advice:
    return Advice(
        Check.DOUBLE,
        f'double question: it asks "{_capital(first)}" and also "{_capital(second)}", two '
        "things that each want their own answer; keep the one that matters and make the other a "
        "card of its own",
        rewrite=rewrite,
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _feeling(match: re.Match[str]) -> str:
    stands = "stood" if match["tense"].lower() == "did" else "stands"
    return f"What {stands} out to you about {match['rest']}{match['tail'] or ''}?"


def _hard_to(match: re.Match[str]) -> str:
    makes = "made" if match["tense"].lower() in _PAST else "makes"
    rest = re.sub(r"^ever\s+", "", match["rest"])
    return f"What {makes} it hard to {rest}?"


def _going_on(match: re.Match[str]) -> str | None:
    if match["tense"].lower() in _PAST:
        return None  # "when you left early" would need the past tense of their verb
    return f"What is going on for you when you {match['rest']}?"


_PAST = frozenset(("did", "didn't", "couldn't", "wouldn't", "didn’t", "couldn’t", "wouldn’t"))
_Rewrite = Callable[[re.Match[str]], str | None]

# (opening pattern, what it presumes, how to ask neutrally, a rewrite from the card's words)
_LEADING: tuple[tuple[re.Pattern[str], str, str, _Rewrite | None], ...] = (
    (
        re.compile(
            r"^what (?P<tense>do|did) you (?:really |most )?(?P<verb>love|adore|hate|dislike|"
            r"resent|envy|admire|despise)(?: most)? (?:about|in) "
            r"(?P<rest>[^,?]+?)\s*(?P<tail>,.*)?\?$",
            re.IGNORECASE,
        ),
        "takes for granted that they {verb} it",
        'ask what stands out to them, e.g. "What stands out to you about…?"',
        _feeling,
    ),
    (
        re.compile(
            r"^why (?P<tense>do|does|did) (?:you|we) never (?P<rest>.+?)\s*\?$", re.IGNORECASE
        ),
        "takes for granted that it never happens, and asks them to defend it",
        'ask what gets in the way, e.g. "What makes it hard to…?"',
        _hard_to,
    ),
    (
        re.compile(
            r"^why (?P<tense>do|does|did) (?:you|we) always (?P<rest>.+?)\s*\?$", re.IGNORECASE
        ),
        "takes for granted that it always happens, and asks them to defend it",
        'ask what happens rather than why, e.g. "What is going on for you when…?"',
        _going_on,
    ),
    (
        re.compile(
            r"^why (?P<tense>(?:do|did|ca|wo|could|would)n['’]t) (?:you|we) "
            r"(?P<rest>.+?)\s*\?$",
            re.IGNORECASE,
        ),
        "takes for granted that they fall short, and asks them to defend it",
        'ask what gets in the way, e.g. "What makes it hard to…?"',
        _hard_to,
    ),
    (
        re.compile(r"^what (?:did|do|have) (?:i|we|you) (?:do|done) wrong\b", re.IGNORECASE),
        "takes for granted that something was done wrong",
        'ask about a moment instead, e.g. "Which moment between us would you like another go '
        'at, and what would you do differently?"',
        None,
    ),
    (
        re.compile(r"^how much do (?:you|we) \w+", re.IGNORECASE),
        "takes for granted that they do, and asks them to measure it",
        'ask what it is like instead, e.g. "How do you feel about…?" or "What does … mean to you?"',
        None,
    ),
)


def leading_question(text: str) -> Advice | None:
    """A question whose opening presumes the answer: "What do you love about…", "Why never…"."""
    for question in _questions(text):
        for pattern, presumes, advice, rewriter in _LEADING:
            match = pattern.search(question)
            if match is None:
                continue
            opening = " ".join(question.split()[:4]).rstrip("?")
            what = presumes.format(verb=(match.groupdict().get("verb") or "").lower())
            neutral = rewriter(match) if rewriter else None
            if neutral is None:
                return Advice(
                    Check.LEADING, f'leading question ("{_capital(opening)}…" {what}): {advice}'
                )
            if question[:1].islower():
                neutral = neutral[:1].lower() + neutral[1:]  # after "Both of you:"
            return Advice(
                Check.LEADING,
                f'leading question ("{_capital(opening)}…" {what}): '
                f'ask without the presumption, e.g. "{_capital(neutral)}"',
                rewrite=text.replace(question, neutral, 1),
            )
    return None


def card_advice(text: str, *, wild: bool = False) -> list[Advice]:
    """Every piece of advice for one card's text, in a fixed order."""
    found = [
        closed_question(text),
        not_a_question(text, wild=wild),
        double_question(text),
        leading_question(text),
    ]
    return [advice for advice in found if advice is not None]


def speaks_to_the_other(text: str) -> bool:
    """True when a card turns towards the other player: "me", "us", "our", "each other"…."""
    if _FIRST_PERSON.search(text):
        return True
    # "US" in capitals is the country, not the two players.
    return any(match[0] != "US" for match in _OTHER_PLAYER.finditer(text))
