"""The writer fuzz target (fuzz/fuzz_writers.py) runs: a short session over every writer, target and signal."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_a_short_writer_fuzz_session_keeps_every_promise() -> None:
    """120 random writes onto links, FIFOs, pipes, a full disk and folders, half of them signalled: none breaks."""
    spec = importlib.util.spec_from_file_location("fuzz_writers", ROOT / "fuzz" / "fuzz_writers.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    assert fuzz.main(120, 11) == 0
