"""The smaller findings of the third attack: pattern messages, XDG paths, the 1e15 bound, completion on a FIFO."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli, tiny_with
from silkcli.dataset.paths import cache_dir
from silkcli.formats.display import display
from test_widths import too_wide


def test_bad_alpha3_and_bad_currency_each_get_their_own_words(tmp_path: Path) -> None:
    """An alpha-3 code is described as one, not as 'a currency code such as USD' (the two share a shape)."""
    path = tiny_with(tmp_path, "alpha3: XAA", "alpha3: xaa")
    path.write_text(path.read_text().replace("currency: USD", "currency: usd", 1))
    result = run_cli("--data", str(path), "validate")
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert any(
        line.endswith("countries[0].alpha3: expected an ISO 3166 alpha-3 code such as 'FRA', got 'xaa'")
        for line in lines
    ), result.stderr
    assert any("amount.currency: expected a currency code such as 'USD', got 'usd'" in line for line in lines)


def test_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XDG_CACHE_HOME=cache (relative) is ignored, as the XDG rules say: the cache stays under ~/.cache."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == tmp_path / ".cache" / "silkcli"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "abs"))
    assert cache_dir() == tmp_path / "abs" / "silkcli"


@pytest.mark.parametrize(("value", "shown"), [(1e15, "1,000,000,000,000,000"), (-1e15, "-1,000,000,000,000,000")])
def test_the_bound_itself_is_shown_with_separators(value: float, shown: str) -> None:
    """Exactly 1e15, the largest number the schema allows, reads as other numbers do (not 1000000000000000.0)."""
    assert display(value) == shown


def test_completion_with_a_fifo_as_data_offers_nothing_at_once(tmp_path: Path) -> None:
    """TAB after `--data FIFO` never opens the FIFO (which would wait for a writer): no values, exit 0."""
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    words = f"silkcli --data {fifo} agreements --sector "
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "_SILKCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    done = subprocess.run([sys.executable, "-m", "silkcli"], env=env, capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, [], "")


@pytest.mark.parametrize("width", range(20, 25))
def test_show_at_narrow_widths_fits_and_keeps_ids_whole(width: int) -> None:
    """At --width 20-24 `show` fits every line but an id or a URL longer than the width, alone on its line and
    whole."""
    result = run_cli("show", "news1-5618567", "-f", "table", "--width", str(width))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "news1-5618567"  # the id whole, its kind beside it or below
    wide = too_wide(result.stdout, width)  # a line of one whole URL may be wider
    assert all(" " not in line.strip() and line.strip().startswith(("doc-", "disc-")) for line in wide), wide
    assert all(line.strip() in result.stdout.split() for line in wide)
