"""The cache fuzz target (fuzz/fuzz_cache.py) runs: a short session of every kind of input passes."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_a_short_cache_fuzz_session_passes() -> None:
    """600 random and adversarial entries: each is a miss or a dataset that passes every check."""
    spec = importlib.util.spec_from_file_location("fuzz_cache", ROOT / "fuzz" / "fuzz_cache.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    assert fuzz.main(600, 7) == 0


def test_a_short_sqlite_fuzz_session_passes() -> None:
    """Damaged, foreign and planted SQLite entries (stamped as the entry's own) each give the file's answers."""
    spec = importlib.util.spec_from_file_location("fuzz_sqlite", ROOT / "fuzz" / "fuzz_sqlite.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    assert fuzz.main(12, 3) == 0
