"""The cache fuzz target (fuzz/fuzz_cache.py) runs: a short session of every kind of input passes."""

from __future__ import annotations

from conftest import load_script


def test_a_short_cache_fuzz_session_passes() -> None:
    """600 random and adversarial entries: each is a miss or a dataset that passes every check."""
    assert load_script("fuzz/fuzz_cache.py").main(600, 7) == 0


def test_a_short_sqlite_fuzz_session_passes() -> None:
    """Damaged, foreign and planted SQLite entries (stamped as the entry's own) each give the file's answers."""
    assert load_script("fuzz/fuzz_sqlite.py").main(12, 3) == 0
