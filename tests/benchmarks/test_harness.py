"""Smoke runs of the benchmark harness (`make bench`): it runs, it reports, it skips cleanly.

No timing is asserted here: a benchmark's figures are not a test's business. These runs use
`--quick`, a few of each, so they only prove that every row still finds what it waits for.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks import __main__ as bench
from benchmarks import terminal
from benchmarks.harness import Result, Target, percentile, table


def run_quick(tmp_path: Path, only: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict]:
    out = tmp_path / "results.json"
    code = bench.main(["--quick", "--only", only, "--json", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    return printed, json.loads(out.read_text(encoding="utf-8"))


def test_the_in_process_rows_run_and_write_one_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed, data = run_quick(tmp_path, "process,deck,autosave,list.store", capsys)
    keys = {row["key"]: row for row in data["results"]}
    for key in ("process.help", "process.saves_list", "deck.cold", "deck.warm", "autosave.0"):
        assert keys[key]["status"] in {"pass", "FAIL"}, keys[key]
        assert keys[key]["value"] > 0
        assert keys[key]["target"]
    assert keys["autosave.20"]["baseline"] == keys["autosave.0"]["value"]
    assert "| metric" in printed and "QUICK RUN" in printed
    assert data["quick"] is True and data["machine"]["cpus"]


def test_without_tmux_the_terminal_rows_skip_and_say_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal, "TMUX", str(tmp_path / "no-such-tmux"))
    printed, data = run_quick(tmp_path, "launch,keys,terminal", capsys)
    assert [row["status"] for row in data["results"]] == ["skip", "skip", "skip"]
    assert all("no tmux" in row["skip"] for row in data["results"])
    assert "skip: no tmux" in printed


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_in_a_real_terminal_every_key_and_list_shows_what_it_waits_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # If the table's words change, these rows stop finding their frames and fail here first.
    _, data = run_quick(tmp_path, "keys,list", capsys)
    keys = {row["key"]: row for row in data["results"]}
    assert keys["keys.p50"]["details"]["keys"] == 6
    for key in ("keys.p50", "keys.p95", "list.index", "list.no_index"):
        assert keys[key]["status"] in {"pass", "FAIL"}, keys[key]
    # The bare table found each key's frame too: its row compares h2h with it.
    assert keys["keys.p50_table"]["baseline_name"] == "bare table"
    assert keys["keys.p50_table"]["baseline"] > 0


def test_p95_is_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 201)]
    assert percentile(values, 0.95) == 190.0
    assert percentile(values, 0.5) == 100.0
    assert percentile([3.0], 0.95) == 3.0


def test_a_row_passes_only_when_every_part_of_its_target_is_met() -> None:
    both = Target(ratio=1.2, most=17)
    assert Result("k", "m", value=16, baseline=14, target=both).status == "pass"
    assert Result("k", "m", value=16, baseline=10, target=both).status == "FAIL"  # 1.6×
    assert Result("k", "m", value=18, baseline=17, target=both).status == "FAIL"  # over 17 ms
    assert Result("k", "m", value=18, baseline=17).status == "info"
    assert Result("k", "m", skip="no tmux").status == "skip"


def test_the_table_shows_a_skipped_row_with_its_reason() -> None:
    rows = [
        Result("a", "launch", value=800, baseline=400, baseline_name="bare", target=Target(1.15)),
        Result("b", "keys", skip="no tmux ('tmux' not found on PATH)"),
    ]
    lines = table(rows, "linux 2cpu").splitlines()
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0] == ["metric", "h2h", "baseline", "ratio", "target", "result", "machine"]
    assert cells[2] == [
        "launch",
        "800 ms",
        "400 ms (bare)",
        "2.00×",
        "≤ 1.15×",
        "FAIL",
        "linux 2cpu",
    ]
    assert cells[3][:2] == ["keys", "skip: no tmux ('tmux' not found on PATH)"]
    assert cells[3][5] == "skip"
