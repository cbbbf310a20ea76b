"""Provides printable cards: a deck as one self-contained HTML page of fronts and backs to cut out.

Sheets alternate: a sheet of card fronts, then a sheet of backs whose columns are mirrored, so
that printed double-sided and flipped on the long edge, each back lands behind its own front.
The grid is centred on the page, which keeps mirrored columns in line on both sides.

Everything from the deck is untrusted: it is cleaned of control characters and HTML-escaped, and
the page has no scripts, no links and nothing fetched from anywhere (no web fonts).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import StrEnum

from h2h_game.engine.deck import Deck, Effect
from h2h_game.untrusted import display_text

CARD_WIDTH_MM = 63.0
CARD_HEIGHT_MM = 88.0
COLUMNS = 3
ROWS = 3
CARDS_PER_SHEET = COLUMNS * ROWS


class Paper(StrEnum):
    """Paper sizes the cards are laid out for."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        """The paper's name for people: "A4", "US Letter"."""
        return _SIZES[self].label


@dataclass(frozen=True)
class _Size:
    width: float
    height: float
    css: str
    """The `@page size` value."""
    label: str


_SIZES = {
    Paper.A4: _Size(210.0, 297.0, "A4", "A4"),
    Paper.LETTER: _Size(215.9, 279.4, "letter", "US Letter"),
}

# What a wild card does, in words, for players holding paper rather than the game.
EFFECT_WORDS = {
    Effect.BOTH_ANSWER: "both of you answer, the speaker first",
    Effect.SWAP: "swap: the listener answers first",
    Effect.APPRECIATE: "each of you tells the other one thing you appreciate about them",
    Effect.QUIET: "a quiet moment together",
    Effect.DEEPER: "the next card comes from one level deeper",
}

# Soft tints for the backs, one a level, light enough to print well on any printer.
_TINTS = ("#f6d9cf", "#f3e3c4", "#dfe8cd", "#cfe3e4", "#d6dcef", "#e6d5ec", "#eed3dc")
_END_TINT, _END_INK = "#ece6df", "#5b4f46"
_INKS = ("#8a3b2a", "#7a5a1d", "#4b6328", "#2d6266", "#3c4c86", "#6b3f7e", "#873a57")

# Longer texts get smaller type, so every card (up to 400 characters) fits its face.
_TEXT_SIZES = ((110, "16pt"), (180, "14pt"), (260, "12.5pt"), (330, "11pt"), (400, "10pt"))
_SMALLEST_TEXT = "9pt"
_NOTE_LINE = 70

LANDING_NAME = "Coming back up"
CLOSING_NAME = "To close"


@dataclass(frozen=True)
class _Face:
    """One printed card: what its front and back say."""

    id: str
    text: str
    badge: str
    """The level number in the front's corner; empty for the ending's cards."""
    kind: str
    """The front's corner label: the level's name, or what part of the ending it is."""
    note: str
    """A line under the text (HTML made here, never from the deck): what a wild card does."""
    back_kicker: str
    back_title: str
    tone: str
    is_wild: bool = False


def _faces(deck: Deck) -> list[_Face]:
    """Every card to print, in playing order: the levels', then the ending's."""
    faces = [
        _Face(
            id=card.id,
            text=card.text,
            badge=str(level.number),
            kind=level.name,
            note=(
                f"<b>Wild card</b> · {EFFECT_WORDS[card.effect]}"
                if card.is_wild and card.effect is not None
                else ""
            ),
            back_kicker=f"Level {level.number}",
            back_title=level.name,
            tone=str((level.number - 1) % len(_TINTS) + 1),
            is_wild=card.is_wild,
        )
        for level in deck.levels
        for card in level.cards
    ]
    faces.extend(
        _Face(
            id=f"landing-{number}",
            text=text,
            badge="",
            kind=LANDING_NAME,
            note="",
            back_kicker="Ending",
            back_title=LANDING_NAME,
            tone="end",
        )
        for number, text in enumerate(deck.landing, start=1)
    )
    if deck.closing:
        faces.append(
            _Face(
                id="closing",
                text=deck.closing,
                badge="",
                kind=CLOSING_NAME,
                note="The last card of the evening",
                back_kicker="Ending",
                back_title=CLOSING_NAME,
                tone="end",
            )
        )
    return faces


def sheet_count(deck: Deck) -> int:
    """How many sheets of fronts the deck needs (as many again for the backs)."""
    return max(1, -(-len(_faces(deck)) // CARDS_PER_SHEET))


def deck_to_html(deck: Deck, paper: Paper = Paper.A4) -> str:
    """The whole deck as one HTML document: sheets of fronts, each followed by its backs."""
    size = _SIZES[paper]
    faces = _faces(deck)
    count = max(1, -(-len(faces) // CARDS_PER_SHEET))
    sheets: list[str] = []
    for number in range(count):
        batch = faces[number * CARDS_PER_SHEET : (number + 1) * CARDS_PER_SHEET]
        sheets.append(_fronts(deck, batch, number + 1, size))
        sheets.append(_backs(deck, batch, number + 1))
    title = _text(deck.name)
    return _PAGE.format(
        lang=_attribute(deck.language or "en"),
        title=title,
        style=_style(size),
        name=title,
        cards=f"{len(faces)} card{'s' * (len(faces) != 1)}",
        sheets=f"{count * 2} pages",
        paper=paper.label,
        body="\n".join(sheets),
    )


def _text(value: str) -> str:
    """Deck text as inert HTML: no controls or direction overrides, every markup char escaped."""
    return html.escape(display_text(value), quote=True)


def _attribute(value: str) -> str:
    return html.escape(display_text(value).replace("\n", " "), quote=True)


def _grid_origin(size: _Size) -> tuple[float, float]:
    return (
        (size.width - COLUMNS * CARD_WIDTH_MM) / 2,
        (size.height - ROWS * CARD_HEIGHT_MM) / 2,
    )


def _fronts(deck: Deck, batch: list[_Face], number: int, size: _Size) -> str:
    slots = []
    for slot in range(CARDS_PER_SHEET):
        row, column = divmod(slot, COLUMNS)
        if slot < len(batch):
            slots.append(_front(deck, batch[slot], row, column))
        else:
            slots.append(_blank(row, column))
    return _sheet("fronts", number, "".join(slots), _crop_marks(size))


def _backs(deck: Deck, batch: list[_Face], number: int) -> str:
    # Flipped on the long edge, the card in column c has its back in column COLUMNS-1-c.
    slots = []
    for slot in range(CARDS_PER_SHEET):
        row, column = divmod(slot, COLUMNS)
        front_slot = row * COLUMNS + (COLUMNS - 1 - column)
        if front_slot < len(batch):
            slots.append(_back(deck, batch[front_slot], row, column))
        else:
            slots.append(_blank(row, column))
    return _sheet("backs", number, "".join(slots), "")


def _sheet(side: str, number: int, cards: str, marks: str) -> str:
    return (
        f'<section class="sheet {side}" aria-label="Sheet {number}, {side}">'
        f'<div class="grid">{cards}</div>{marks}</section>'
    )


def _slot(row: int, column: int) -> str:
    return f'data-slot="{row},{column}" style="grid-row:{row + 1};grid-column:{column + 1}"'


def _front(deck: Deck, face: _Face, row: int, column: int) -> str:
    # A note line takes room from the text, about as much as 70 more characters.
    length = len(face.text) + (_NOTE_LINE if face.note else 0)
    size = next((size for limit, size in _TEXT_SIZES if length <= limit), _SMALLEST_TEXT)
    badge = f'<span class="number">{face.badge}</span>' if face.badge else ""
    note = f'<p class="note">{face.note}</p>' if face.note else ""
    kind = " is-wild" if face.is_wild else ""
    return (
        f'<article class="card front tone-{face.tone}{kind}" data-card="{_attribute(face.id)}" '
        f"{_slot(row, column)}>"
        f'<p class="level">{badge}<span class="name">{_text(face.kind)}</span></p>'
        f'<p class="text" style="font-size:{size}">{_text(face.text.strip())}</p>'
        f"{note}"
        f'<p class="deck">{_text(deck.name)}</p>'
        "</article>"
    )


def _back(deck: Deck, face: _Face, row: int, column: int) -> str:
    return (
        f'<article class="card back tone-{face.tone}" data-card="{_attribute(face.id)}" '
        f"{_slot(row, column)}>"
        '<div class="frame">'
        f'<p class="back-number">{face.back_kicker}</p>'
        '<p class="heart" aria-hidden="true">♥</p>'
        f'<p class="back-level">{_text(face.back_title)}</p>'
        f'<p class="back-deck">{_text(deck.name)}</p>'
        "</div></article>"
    )


def _blank(row: int, column: int) -> str:
    return f'<div class="card blank" {_slot(row, column)}></div>'


def _crop_marks(size: _Size) -> str:
    """Short lines in the margin where each cut begins, so the grid lines can be found."""
    left, top = _grid_origin(size)
    marks = []
    down = _mark_length(top)
    for column in range(COLUMNS + 1):
        x = left + column * CARD_WIDTH_MM
        for y in (top - _MARK_GAP - down, top + ROWS * CARD_HEIGHT_MM + _MARK_GAP):
            marks.append(_mark(x, y, 0, down))
    across = _mark_length(left)
    for row in range(ROWS + 1):
        y = top + row * CARD_HEIGHT_MM
        for x in (left - _MARK_GAP - across, left + COLUMNS * CARD_WIDTH_MM + _MARK_GAP):
            marks.append(_mark(x, y, across, 0))
    return "".join(marks)


# Marks stop short of the cards, and of the edge of the paper, which printers leave blank.
_MARK_GAP = 1.5
_PRINTER_EDGE = 3.5
_MARK_LONGEST = 5.0


def _mark_length(margin: float) -> float:
    return max(0.0, min(_MARK_LONGEST, margin - _MARK_GAP - _PRINTER_EDGE))


def _mark(x: float, y: float, width: float, height: float) -> str:
    if not width and not height:
        return ""
    return (
        f'<i class="mark" style="left:{x:.2f}mm;top:{y:.2f}mm;'
        f'width:{width:.2f}mm;height:{height:.2f}mm"></i>'
    )


def _style(size: _Size) -> str:
    left, top = _grid_origin(size)
    tones = "\n".join(
        f".tone-{number} {{ --tint: {tint}; --ink: {ink}; }}"
        for number, (tint, ink) in [
            *enumerate(zip(_TINTS, _INKS, strict=True), start=1),
            ("end", (_END_TINT, _END_INK)),
        ]
    )
    return _STYLE % {
        "page": size.css,
        "width": f"{size.width}mm",
        "height": f"{size.height}mm",
        "left": f"{left:.2f}mm",
        "top": f"{top:.2f}mm",
        "card_width": f"{CARD_WIDTH_MM}mm",
        "card_height": f"{CARD_HEIGHT_MM}mm",
        "columns": COLUMNS,
        "rows": ROWS,
        "tones": tones,
    }


# %-formatting, so the CSS keeps its braces as they are.
_STYLE = """\
@page { size: %(page)s; margin: 0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #2b2522; font-family: Georgia, Cambria, "Times New Roman", serif; }
%(tones)s
.sheet { position: relative; width: %(width)s; height: %(height)s; overflow: hidden;
  background: #fff; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.grid { position: absolute; left: %(left)s; top: %(top)s; display: grid;
  grid-template-columns: repeat(%(columns)s, %(card_width)s);
  grid-template-rows: repeat(%(rows)s, %(card_height)s); }
.card { position: relative; width: %(card_width)s; height: %(card_height)s; margin: 0;
  overflow: hidden; outline: 0.2mm solid #c9c2bc; outline-offset: -0.1mm; }
.card.blank { outline: 0.2mm dashed #e4dfda; }
.backs .card { outline: none; }
.card p { margin: 0; }
.front { display: flex; flex-direction: column; padding: 5mm 5mm 4mm; }
.front .level { display: flex; align-items: center; gap: 2mm; color: var(--ink);
  font: 600 7.5pt/1.2 "Helvetica Neue", Arial, sans-serif; letter-spacing: 0.06em;
  text-transform: uppercase; border-bottom: 0.3mm solid var(--tint); padding-bottom: 1.8mm;
  min-height: 6.4mm; }
.front .number { display: inline-flex; align-items: center; justify-content: center;
  width: 4.6mm; height: 4.6mm; border-radius: 50%%; background: var(--tint); color: var(--ink);
  letter-spacing: 0; flex: none; }
.front .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.front .text { flex: 1; display: flex; align-items: center; line-height: 1.3;
  white-space: pre-wrap; overflow-wrap: anywhere; hyphens: auto; padding: 2mm 0; }
.front .note { font: italic 7.5pt/1.3 "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  background: var(--tint); border-radius: 1.5mm; padding: 1.4mm 2mm; margin-bottom: 1.5mm; }
.front .note b { font-style: normal; text-transform: uppercase; letter-spacing: 0.06em; }
.front .deck { font: 6.5pt/1.2 "Helvetica Neue", Arial, sans-serif; color: #9a918a;
  text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.back { padding: 3.5mm; }
.back .frame { height: 100%%; border-radius: 3mm; background: var(--tint);
  border: 0.6mm solid var(--ink); display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 3mm; padding: 6mm 4mm; text-align: center; color: var(--ink); }
.back-number { font: 600 8pt/1.2 "Helvetica Neue", Arial, sans-serif; letter-spacing: 0.2em;
  text-transform: uppercase; }
.heart { font-size: 30pt; line-height: 1; }
.back-level { font-size: 15pt; line-height: 1.2; overflow-wrap: anywhere; }
.back-deck { font: 7pt/1.3 "Helvetica Neue", Arial, sans-serif; letter-spacing: 0.08em;
  text-transform: uppercase; opacity: 0.8; overflow-wrap: anywhere; }
.mark { position: absolute; display: block; border-left: 0.2mm solid #777;
  border-top: 0.2mm solid #777; }
.guide { font: 10.5pt/1.5 "Helvetica Neue", Arial, sans-serif; max-width: 170mm;
  margin: 8mm auto 0; padding: 4mm 6mm; background: #fffdf9; border-radius: 2mm;
  box-shadow: 0 0.5mm 2mm rgba(0, 0, 0, 0.12); }
.guide h1 { font: 600 14pt/1.3 Georgia, serif; margin: 0 0 1mm; }
.guide p { margin: 1mm 0; }
@media screen {
  body { background: #e9e4de; padding-bottom: 8mm; }
  .sheet { margin: 8mm auto 0; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.18); }
}
@media print {
  .guide { display: none; }
}
"""

_PAGE = """\
<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="h2h deck print">
<title>{title} – cards to print</title>
<style>
{style}</style>
</head>
<body>
<header class="guide">
<h1>{name}</h1>
<p>{cards} on {sheets} of {paper}: each sheet of fronts is followed by its backs.</p>
<p>Print double-sided, flipping on the long edge, at 100% scale (“actual size”, not “fit to
page”), then cut along the lines. This note is not printed.</p>
</header>
{body}
</body>
</html>
"""
