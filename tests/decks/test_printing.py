"""Tests printable cards: every card once on each side, backs behind fronts, inert deck text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from h2h_game.cli import main
from h2h_game.decks.format import parse_deck
from h2h_game.decks.printing import (
    CARDS_PER_SHEET,
    COLUMNS,
    EFFECT_WORDS,
    Paper,
    deck_to_html,
    sheet_count,
)
from h2h_game.engine.deck import Card, Deck, Effect, Kind, Level
from tests.decks.builders import deck_toml, questions, write


@dataclass
class Placed:
    sheet: int
    side: str
    card: str
    slot: tuple[int, int]
    classes: list[str]
    text: str = ""


@dataclass
class Layout(HTMLParser):
    """The cards of a printed page, by sheet and side, with the text of each front."""

    placed: list[Placed] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    _in_text: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "section" and "sheet" in classes:
            self.sides.append("fronts" if "fronts" in classes else "backs")
        if tag == "article":
            row, column = (values.get("data-slot") or "").split(",")
            self.placed.append(
                Placed(
                    sheet=len(self.sides) - 1,
                    side=self.sides[-1],
                    card=values.get("data-card") or "",
                    slot=(int(row), int(column)),
                    classes=classes,
                )
            )
        self._in_text = tag == "p" and "text" in classes

    def handle_endtag(self, tag: str) -> None:
        self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._in_text and self.placed:
            self.placed[-1].text += data


def layout(page: str) -> Layout:
    parsed = Layout()
    parsed.feed(page)
    return parsed


def deck_of(count: int, levels: int = 2) -> Deck:
    levels = min(levels, count)
    per_level = [count // levels + (number < count % levels) for number in range(levels)]
    cards = [[f'"{text}"' for text in questions(level + 1, n)] for level, n in enumerate(per_level)]
    return parse_deck(deck_toml(levels=cards).encode(), "d.toml")


@pytest.mark.parametrize("count", [1, 8, 9, 10, 23, 27])
def test_every_card_is_on_one_front_and_one_back(count: int) -> None:
    deck = deck_of(count)
    placed = layout(deck_to_html(deck)).placed
    ids = sorted(card.id for card in deck.cards)
    assert sorted(p.card for p in placed if p.side == "fronts") == ids
    assert sorted(p.card for p in placed if p.side == "backs") == ids


@pytest.mark.parametrize("count", [1, 5, 9, 14, 27])
def test_sheets_alternate_fronts_and_backs_with_nine_cards_a_sheet(count: int) -> None:
    deck = deck_of(count)
    parsed = layout(deck_to_html(deck))
    sheets = -(-count // CARDS_PER_SHEET)
    assert sheet_count(deck) == sheets
    assert parsed.sides == ["fronts", "backs"] * sheets
    fronts = [p for p in parsed.placed if p.side == "fronts"]
    # Cards fill the sheets in deck order, left to right, top to bottom.
    assert [p.card for p in fronts] == [card.id for card in deck.cards]
    assert [(p.sheet // 2, p.slot) for p in fronts] == [
        (index // CARDS_PER_SHEET, divmod(index % CARDS_PER_SHEET, COLUMNS))
        for index in range(count)
    ]


@pytest.mark.parametrize("count", [9, 13, 20])
def test_each_back_is_behind_its_front_when_flipped_on_the_long_edge(count: int) -> None:
    placed = layout(deck_to_html(deck_of(count))).placed
    fronts = {p.card: p for p in placed if p.side == "fronts"}
    backs = {p.card: p for p in placed if p.side == "backs"}
    for card, front in fronts.items():
        back = backs[card]
        assert back.sheet == front.sheet + 1
        row, column = front.slot
        assert back.slot == (row, COLUMNS - 1 - column)
    # A short last sheet leaves its mirrored places empty, not shifted.
    if count % COLUMNS:
        last = [p for p in placed if p.side == "backs" and p.sheet == max(b.sheet for b in placed)]
        assert {p.slot[1] for p in last if p.slot[0] == max(q.slot[0] for q in last)} != set(
            range(COLUMNS)
        )


def test_fronts_show_text_level_and_what_a_wild_card_does() -> None:
    text = (
        'format = 1\n[deck]\nname = "Trip"\n[[levels]]\nname = "Warm up"\ncards = [\n'
        '  "Where would you take me first?",\n'
        '  { text = "Both of you: name a song.", kind = "wild", effect = "both-answer" },\n]\n'
    )
    page = deck_to_html(parse_deck(text.encode(), "t.toml"))
    question, wild = (p for p in layout(page).placed if p.side == "fronts")
    assert question.text == "Where would you take me first?"
    assert "is-wild" not in question.classes and "is-wild" in wild.classes
    assert "<b>Wild card</b> · both of you answer, the speaker first" in page
    assert '<span class="number">1</span><span class="name">Warm up</span>' in page
    assert page.count('<p class="back-level">Warm up</p>') == 2
    assert page.count('<p class="back-deck">Trip</p>') == 2


def test_landing_cards_and_the_closing_card_are_printed_after_the_levels() -> None:
    ending = (
        '\n[ending]\nlanding = ["What now?", "Where next?"]\nclosing = "Each of you: a wish."\n'
    )
    deck = parse_deck((deck_toml() + ending).encode(), "d.toml")
    page = deck_to_html(deck)
    placed = layout(page).placed
    fronts = [p for p in placed if p.side == "fronts"]
    assert [p.text for p in fronts[-3:]] == ["What now?", "Where next?", "Each of you: a wish."]
    assert [p.card for p in fronts[-3:]] == ["landing-1", "landing-2", "closing"]
    assert sorted(p.card for p in placed if p.side == "backs") == sorted(p.card for p in fronts)
    assert page.count('<p class="back-level">Coming back up</p>') == 2
    assert page.count('<p class="back-level">To close</p>') == 1
    assert sheet_count(deck) == 3  # 20 cards and 3 more, 9 a sheet


def test_every_effect_is_put_in_words() -> None:
    assert set(EFFECT_WORDS) == set(Effect)
    assert all(EFFECT_WORDS.values())


def test_longer_cards_get_smaller_type() -> None:
    lengths = [40, 150, 250, 320, 390]
    cards = [f'"{"w" * (length - 1)}?"' for length in lengths]
    page = deck_to_html(parse_deck(deck_toml(levels=[cards]).encode(), "d"))
    sizes = [float(size) for size in re.findall(r'class="text" style="font-size:([\d.]+)pt"', page)]
    assert len(sizes) == len(lengths)
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


# untrusted text -----------------------------------------------------------------------------

HOSTILE = "<script>alert(\"x\")</script> & <b>bold</b> 'quote' [bold]rich[/bold] </style>"


def hostile_deck() -> Deck:
    card = Card(
        'L1-x"><script>', 1, HOSTILE + "\x1b[31m red \u202e reversed\nnext line?", (), Kind.QUESTION
    )
    wild = Card("L1-w", 1, "<img src=x onerror=alert(1)>", (), Kind.WILD, Effect.QUIET)
    level = Level(1, "<i>Level</i> </title>", 0, (card, wild))
    return Deck('"><script>alert(1)</script>', (level,), language='en"><script>')


def test_deck_text_never_becomes_markup() -> None:
    page = deck_to_html(hostile_deck())
    assert "<script" not in page.lower() and "<img" not in page and "<b>bold" not in page
    assert "<i>Level" not in page and "</title> " not in page
    assert page.count("</style>") == 1  # only the page's own
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&#x27;quote&#x27; [bold]rich[/bold]" in page
    # Deck text shows literally: what the parser reads back is what the deck says.
    front = next(p for p in layout(page).placed if p.side == "fronts")
    assert front.text.startswith(HOSTILE)


def test_control_and_direction_characters_are_dropped_and_newlines_kept() -> None:
    page = deck_to_html(hostile_deck())
    assert "\x1b" not in page and "\u202e" not in page
    front = next(p for p in layout(page).placed if p.side == "fronts")
    assert front.text.endswith("[31m red  reversed\nnext line?")
    assert "white-space: pre-wrap" in page


def test_the_page_fetches_nothing_and_runs_nothing() -> None:
    page = deck_to_html(deck_of(12))
    parsed = layout(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "a", "form"} & set(
        parsed.tags
    )
    for pattern in (r"https?:", r"url\(", r"@import", r"src\s*=", r"href\s*=", r"\bon\w+\s*="):
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


# paper --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paper", "page_size", "width", "height"),
    [(Paper.A4, "A4", 210.0, 297.0), (Paper.LETTER, "letter", 215.9, 279.4)],
)
def test_paper_sizes_set_the_page_and_centre_the_grid(
    paper: Paper, page_size: str, width: float, height: float
) -> None:
    page = deck_to_html(deck_of(10), paper)
    assert f"@page {{ size: {page_size}; margin: 0; }}" in page
    assert f"width: {width}mm; height: {height}mm;" in page
    grid = re.search(r"\.grid \{[^}]*left: ([\d.]+)mm; top: ([\d.]+)mm", page)
    assert grid is not None
    left, top = float(grid[1]), float(grid[2])
    # Centred, so the mirrored backs line up when the sheet is turned over.
    assert left == pytest.approx((width - 3 * 63) / 2, abs=0.01)
    assert top == pytest.approx((height - 3 * 88) / 2, abs=0.01)
    assert "grid-template-columns: repeat(3, 63.0mm)" in page
    assert "grid-template-rows: repeat(3, 88.0mm)" in page


def test_crop_marks_stay_inside_the_printable_page() -> None:
    for paper in Paper:
        page = deck_to_html(deck_of(3), paper)
        width, height = (210.0, 297.0) if paper is Paper.A4 else (215.9, 279.4)
        number = r"([\d.]+)mm"
        marks = re.findall(
            f'class="mark" style="left:{number};top:{number};width:{number};height:{number}"', page
        )
        assert len(marks) == 16
        for left, top, mark_width, mark_height in (map(float, mark) for mark in marks):
            assert left >= 3 and left + mark_width <= width - 3
            assert top >= 3 and top + mark_height <= height - 3


# h2h deck print -----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["deck", "print", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    return write(tmp_path, "road.toml", deck_toml(name="Road trip"))


def test_print_writes_the_page_and_says_how_to_print(
    capsys: pytest.CaptureFixture[str], deck_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "cards.html"
    code, out, err = run(capsys, deck_file, "-o", target)
    assert (code, out) == (0, "")
    page = target.read_text(encoding="utf-8")
    assert "@page { size: A4;" in page and len(layout(page).placed) == 40
    assert f'{target}: wrote "Road trip", 2 levels, 20 cards on 6 A4 pages' in err
    assert "double-sided" in err and "long edge" in err
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_print_counts_the_ending_cards(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ending = '\n[ending]\nlanding = ["What now?"]\nclosing = "A wish each."\n'
    source = write(tmp_path, "d.toml", deck_toml(name="Road trip") + ending)
    code, _, err = run(capsys, source, "-o", tmp_path / "cards.html")
    assert code == 0 and "20 cards and 2 ending cards on 6 A4 pages" in err


def test_print_finds_a_deck_by_name_and_lays_it_out_for_letter(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path, tmp_path: Path
) -> None:
    write(bundled_dir, "road.toml", deck_toml(name="Road trip"))
    target = tmp_path / "cards.htm"
    code, _, err = run(capsys, "road trip", "-o", target, "--paper", "letter")
    assert code == 0 and "US Letter pages" in err
    assert "@page { size: letter;" in target.read_text(encoding="utf-8")


def test_print_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], deck_file: Path, tmp_path: Path
) -> None:
    target = write(tmp_path, "cards.html", "mine")
    code, _, err = run(capsys, deck_file, "-o", target)
    assert code == 1 and "already exists; add --force" in err
    assert target.read_text() == "mine"
    assert run(capsys, deck_file, "-o", target, "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_print_of_an_unknown_or_broken_deck_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "cards.html"
    code, _, err = run(capsys, "Nothing here", "-o", target)
    assert code == 1 and "no deck by this name" in err
    broken = write(tmp_path, "bad.toml", "format = 1\n")
    code, _, err = run(capsys, broken, "-o", target)
    assert code == 1 and ": error: " in err
    assert not target.exists()


def test_print_into_a_missing_folder_exits_1(
    capsys: pytest.CaptureFixture[str], deck_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, deck_file, "-o", tmp_path / "no" / "cards.html")
    assert code == 1 and "cannot write" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["-o", "cards.pdf"],
        [],  # -o is required
        ["-o", "cards.html", "--paper", "a3"],
    ],
)
def test_print_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], deck_file: Path, tmp_path: Path, argv: list[str]
) -> None:
    argv = [str(tmp_path / arg) if arg.startswith("cards") else arg for arg in argv]
    try:
        code = main(["deck", "print", str(deck_file), *argv])
    except SystemExit as exited:
        code = int(exited.code or 0)
    assert code == 2
    assert not any(path.suffix in (".html", ".pdf") for path in tmp_path.iterdir())
