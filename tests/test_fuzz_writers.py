"""The writer fuzz target (fuzz/fuzz_writers.py) runs: a short session over every writer, target and signal."""

from __future__ import annotations

from conftest import load_script


def test_a_short_writer_fuzz_session_keeps_every_promise() -> None:
    """120 random writes onto links, FIFOs, pipes, a full disk and folders, half of them signalled: none breaks."""
    assert load_script("fuzz/fuzz_writers.py").main(120, 11) == 0
