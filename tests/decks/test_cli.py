"""Tests `h2h deck …` end to end through `h2h_game.cli.main`: output, files and exit codes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from h2h_game import paths
from h2h_game.cli import main
from h2h_game.decks.format import load_deck, parse_deck
from h2h_game.decks.lint import lint_deck
from h2h_game.decks.spreadsheet import read_csv
from tests.decks.builders import SHORTEST, deck_toml, questions, write

GOOD = deck_toml(name="Good deck")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["deck", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# list ---------------------------------------------------------------------------------------


def test_list_shows_name_cards_per_level_source_and_broken_decks(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path, user_dir: Path
) -> None:
    write(bundled_dir, "good.toml", GOOD)
    write(user_dir, "broken.toml", "format = 1\n[deck]\nname = 'x'\n")
    code, out, err = run(capsys, "list")
    assert code == 0
    good, broken = out.splitlines()
    assert good.split()[:5] == ["Good", "deck", "10", "·", "10"]
    assert "bundled" in good and str(bundled_dir / "good.toml") in good
    assert broken.startswith("broken") and "BROKEN" in broken and "the deck has no levels" in broken
    assert "1 broken deck" in err


def test_list_with_decks_dirs_and_a_missing_one(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path, tmp_path: Path
) -> None:
    write(tmp_path / "mine", "m.toml", GOOD)
    code, out, err = run(capsys, "list", "--decks", tmp_path / "mine", "--decks", tmp_path / "no")
    assert code == 0
    assert "--decks" in out and "Good deck" in out
    assert f"{tmp_path / 'no'}: warning: no such folder" in err


def test_list_with_no_decks_says_how_to_start(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path
) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "h2h deck new" in out


def test_list_never_prints_control_characters(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path
) -> None:
    write(bundled_dir, "evil\x1b[31m.toml", deck_toml(name="Evil \\u001b[2J"))
    _, out, err = run(capsys, "list")
    assert "\x1b" not in out + err
    assert "U+001B" in out


# validate -----------------------------------------------------------------------------------


def test_validate_a_good_deck_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "good.toml", GOOD)
    code, out, err = run(capsys, "validate", path)
    assert code == 0
    assert out == f'{path}: ok: "Good deck", 2 levels, 20 cards\n'
    assert err == ""


def test_validate_prints_every_error_on_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", deck_toml(levels=[['"  "', '{ text = "a?", efect = 1 }']]))
    code, out, err = run(capsys, "validate", good, bad)
    assert code == 1
    assert out.startswith(f"{good}: ok")
    assert err.splitlines() == [
        f'{bad}: error: levels[0].cards[0] (""): card text is empty',
        f'{bad}: error: levels[0].cards[1] ("a?"): unknown key "efect" (did you mean "effect"?)',
    ]


def test_validate_a_folder_checks_every_toml_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "f", "a.toml", GOOD)
    write(tmp_path / "f", "b.toml", deck_toml(name="B"))
    code, out, _ = run(capsys, "validate", tmp_path / "f")
    assert code == 0 and len(out.splitlines()) == 2


def test_validate_a_missing_file_and_binary_junk(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    junk = write(tmp_path, "junk.toml", bytes(range(256)))
    code, _, err = run(capsys, "validate", tmp_path / "gone.toml", junk)
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path / 'gone.toml'}: error: no such file",
        f"{junk}: error: this is a binary file, not a TOML deck",
    ]


def test_validate_reports_escape_characters_without_emitting_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "esc.toml", deck_toml(levels=[['"Hi \\u001b]0;pwned\\u0007 there?"']]))
    code, _, err = run(capsys, "validate", path)
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert "U+001B (ESC) at column 4" in err and "U+0007 (BEL)" in err


def test_validate_checks_a_csv_as_an_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "q.csv", "level,text\n1,a?\n2,\n")
    code, _, err = run(capsys, "validate", path)
    assert code == 1 and err == f'{path}: error: row 3 (""): card text is empty\n'


# lint ---------------------------------------------------------------------------------------


def test_lint_prints_warnings_on_stdout_and_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "d.toml", deck_toml(levels=[['"Do you like my tea?"']]))
    code, out, err = run(capsys, "lint", path)
    assert code == 0
    assert out.splitlines()[0].startswith(
        f'{path}: warning: levels[0].cards[0] ("Do you like my tea?")'
    )
    assert f"{path}: 2 warnings" in err


def test_lint_strict_exits_1_on_warnings_and_0_without(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    warned = write(tmp_path, "w.toml", deck_toml(levels=[['"Do you like my tea?"']]))
    assert run(capsys, "lint", "--strict", warned)[0] == 1
    clean = write(tmp_path, "c.toml", GOOD)
    code, out, err = run(capsys, "lint", "--strict", clean)
    assert (code, out) == (0, "")
    assert f"{clean}: no warnings" in err


def test_lint_of_an_invalid_deck_reports_errors_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "bad.toml", "format = 1\n")
    code, out, err = run(capsys, "lint", path)
    assert code == 1 and out == "" and ": error: " in err


def _two_decks_asking_one_question(folder: Path) -> tuple[Path, Path]:
    smell = '"Which smell takes you straight back to your childhood?"'
    again = '"What smell takes you straight back to being small?"'
    # Otherwise different decks: questions() differs from level to level.
    mine, theirs = ([f'"{text}"' for text in questions(level, 20)] for level in (1, 2))
    first = write(folder, "a.toml", deck_toml(levels=[[*mine[:9], smell], mine[10:]]))
    second = write(folder, "b.toml", deck_toml(levels=[[*theirs[:9], again], theirs[10:]]))
    return first, second


def test_lint_compares_cards_across_the_files_it_is_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = _two_decks_asking_one_question(tmp_path)
    for alone in (first, second):
        assert run(capsys, "lint", "--strict", alone)[:2] == (0, "")
    code, out, err = run(capsys, "lint", "--strict", first, second)
    assert code == 1
    (line,) = out.splitlines()
    assert line.startswith(
        f'{second}: warning: levels[0].cards[9] ("What smell takes you straight back to be…"): '
        f'near-duplicate of levels[0].cards[9] in {first} ("Which smell takes you straight'
    )
    assert err.splitlines() == [f"{first}: no warnings", f"{second}: 1 warning"]


def test_lint_of_a_folder_compares_every_deck_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, second = _two_decks_asking_one_question(tmp_path / "decks")
    code, out, _ = run(capsys, "lint", tmp_path / "decks")
    assert code == 0 and out.startswith(f"{second}: warning: levels[0].cards[9]")


def test_lint_still_compares_the_good_decks_when_one_is_broken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = _two_decks_asking_one_question(tmp_path)
    broken = write(tmp_path, "broken.toml", "format = 1\n")
    code, out, err = run(capsys, "lint", first, broken, second)
    assert code == 1 and "near-duplicate" in out and f"{broken}: error:" in err


# import -------------------------------------------------------------------------------------


def test_import_writes_a_toml_deck(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "road_trip.csv", "level,text,tags\n1,What now?,car\n2,How so?,\n")
    target = tmp_path / "road.toml"
    code, out, err = run(capsys, "import", source, "-o", target)
    assert code == 0 and out == ""
    deck = load_deck(target)
    assert deck.name == "Road trip"
    assert deck.tags == (("car", ""),)
    assert f'{target}: wrote "Road trip", 2 levels, 2 cards' in err


def test_import_to_stdout_with_a_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "q.csv", "level;text\n1;What now?\n")
    code, out, _ = run(capsys, "import", source, "--name", "Named")
    assert code == 0
    assert parse_deck(out.encode(), "stdout").name == "Named"


def test_import_with_meta_keeps_the_decks_metadata(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    meta = write(tmp_path, "meta.toml", SHORTEST)
    source = write(tmp_path, "q.csv", "level,text\nWarm up,What now?\nGetting real,How?\n")
    code, out, _ = run(capsys, "import", source, "--meta", meta)
    deck = parse_deck(out.encode(), "stdout")
    assert code == 0
    assert (deck.name, deck.description) == ("Old friends", "For two people who go way back.")


def test_import_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, "q.csv", "level,text\n1,What now?\n")
    target = write(tmp_path, "keep.toml", "precious")
    code, _, err = run(capsys, "import", source, "-o", target)
    assert code == 1 and "already exists" in err and target.read_text() == "precious"
    assert run(capsys, "import", source, "-o", target, "--force")[0] == 0
    assert load_deck(target).cards[0].text == "What now?"


def test_import_bad_csv_names_the_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "q.csv", "level,text,kind,effect\n1,a?,wild,boom\n")
    code, out, err = run(capsys, "import", source, "-o", tmp_path / "out.toml")
    assert code == 1 and out == ""
    assert err.startswith(f'{source}: error: row 2 ("a?"): unknown effect "boom"')
    assert not (tmp_path / "out.toml").exists()


def test_import_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", tmp_path / "nope.csv")
    assert code == 1 and err == f"{tmp_path / 'nope.csv'}: error: no such file\n"


def test_import_to_a_non_toml_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write(tmp_path, "q.csv", "level,text\n1,a?\n")
    assert run(capsys, "import", source, "-o", tmp_path / "x.csv")[0] == 2


# export -------------------------------------------------------------------------------------


def test_export_by_path_prints_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    code, out, _ = run(capsys, "export", path)
    assert code == 0
    assert out.splitlines()[0] == "level,text,tags,kind,effect,id"
    assert read_csv(out.encode(), "x.csv", meta=load_deck(path)) == load_deck(path)


def test_export_by_name_to_files_by_extension(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path, tmp_path: Path
) -> None:
    write(bundled_dir, "old.toml", SHORTEST)
    deck = load_deck(bundled_dir / "old.toml")
    assert run(capsys, "export", "old friends", "-o", tmp_path / "o.csv")[0] == 0
    assert read_csv((tmp_path / "o.csv").read_bytes(), "o.csv", meta=deck) == deck
    assert run(capsys, "export", "old friends", "-o", tmp_path / "o.toml")[0] == 0
    assert load_deck(tmp_path / "o.toml") == deck


def test_export_refuses_unknown_extensions_and_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "d.toml", SHORTEST)
    code, _, err = run(capsys, "export", path, "-o", tmp_path / "x.xlsx")
    assert code == 2 and ".csv or .toml" in err
    code, _, err = run(capsys, "export", path, "-o", path)
    assert code == 1 and "already exists" in err


def test_export_an_unknown_or_broken_deck(
    capsys: pytest.CaptureFixture[str], bundled_dir: Path
) -> None:
    code, _, err = run(capsys, "export", "Nothing here")
    assert code == 1 and "no deck by this name" in err
    write(bundled_dir, "bad.toml", deck_toml(levels=[['"  "']]))
    code, _, err = run(capsys, "export", "bad")
    assert code == 1 and "card text is empty" in err


# new ----------------------------------------------------------------------------------------


def test_new_writes_a_template_that_validates_with_no_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mine.toml"
    code, out, _ = run(capsys, "new", 'Sam\'s "best" deck', "-o", target)
    assert code == 0 and str(target) in out
    deck = load_deck(target)
    assert deck.name == 'Sam\'s "best" deck'
    assert lint_deck(deck, str(target)) == []


def test_the_template_shows_every_field_a_wild_card_and_a_tagged_card(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "t.toml"
    run(capsys, "new", "T", "-o", target)
    text = target.read_text()
    for field in ("format", "name", "description", "how_to_play", "author", "language", "tags",
                  "unlock", "cards", "text", "kind", "effect", "id"):  # fmt: skip
        assert f"{field} =" in text, field
    deck = load_deck(target)
    assert any(card.is_wild for card in deck.cards)
    assert any(card.tags for card in deck.cards)
    assert text.count("#") > 10


def test_new_goes_to_the_user_decks_folder_by_default(
    capsys: pytest.CaptureFixture[str], isolated_folders: Path
) -> None:
    code, _, _ = run(capsys, "new", "Road Trip!")
    assert code == 0
    assert load_deck(paths.user_decks_dir() / "road-trip.toml").name == "Road Trip!"


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = write(tmp_path, "t.toml", "mine")
    code, _, err = run(capsys, "new", "T", "-o", target)
    assert code == 1 and "already exists" in err and target.read_text() == "mine"


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "a\nb", "bad\x1bname"])
def test_new_refuses_a_bad_name(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, _, err = run(capsys, "new", name)
    assert code == 2 and "is not a deck name" in err and "\x1b" not in err


# help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["list", "validate", "lint", "import", "export", "print", "new"]
)
def test_every_command_has_help_with_examples(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["deck", command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and f"h2h deck {command}" in out


def test_deck_without_a_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "validate" in err


# when writing fails -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["import", "export", "print"])
def test_a_deck_that_cannot_be_written_is_an_error_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    deck = write(tmp_path, "d.toml", SHORTEST)
    source = write(tmp_path, "q.csv", "level,text\n1,What now?\n") if command == "import" else deck
    suffix = {"import": ".toml", "export": ".csv", "print": ".html"}[command]
    target = tmp_path / "no such folder" / f"out{suffix}"
    code, out, err = run(capsys, command, source, "-o", target)
    assert code == 1 and out == ""
    assert err == f"{target}: error: cannot write: No such file or directory\n"
    assert not target.parent.exists()


def test_new_where_no_folder_can_be_made_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = write(tmp_path, "a-file", "")
    target = blocker / "decks" / "road.toml"
    code, out, err = run(capsys, "new", "Road trip", "-o", target)
    assert code == 1 and out == ""
    assert err == f"{target}: error: cannot write: not a folder\n"
    assert blocker.read_text() == ""


def test_export_to_a_stream_of_text_only_writes_the_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some hosts (an IDE's console, an embedding app) give a stdout with no bytes beneath.
    path = write(tmp_path, "d.toml", SHORTEST)
    text_only = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text_only)
    assert main(["deck", "export", str(path)]) == 0
    monkeypatch.undo()
    assert read_csv(text_only.getvalue().encode(), "x.csv", meta=load_deck(path)) == load_deck(path)


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark_not_a_traceback(
    bundled_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(bundled_dir, "cafe.toml", deck_toml(name="Café ☕ talk"))
    raw = io.BytesIO()
    terminal = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["deck", "list"]) == 0
    terminal.flush()
    monkeypatch.undo()
    assert raw.getvalue().decode("ascii").startswith("Caf? ? talk")
