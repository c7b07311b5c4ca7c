"""Completion values kept in the user cache: fresh values are reused, anything else is a miss."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUNDLED
from silkcli.dataset.cache import completion as complete_cache

VALUES = [("mining", "Mining"), ("énergie", "Énergie")]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A dataset file old enough to be cached."""
    path = tmp_path / "data.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    os.utime(path, (1_700_000_000, 1_700_000_000))
    return path


def test_values_round_trip(dataset: Path) -> None:
    """What was put for a completer is what get returns, per completer."""
    complete_cache.put(dataset, "sectors", VALUES)
    assert complete_cache.get(dataset, "sectors") == VALUES
    assert complete_cache.get(dataset, "countries") is None


def test_edited_file_misses(dataset: Path) -> None:
    """Any change to the file (here its size and mtime) makes the saved values stale."""
    complete_cache.put(dataset, "sectors", VALUES)
    with dataset.open("a") as handle:
        handle.write("# edited\n")
    assert complete_cache.get(dataset, "sectors") is None


def test_recently_modified_file_is_not_cached(tmp_path: Path) -> None:
    """A file changed within the last two seconds may change again unseen: nothing is saved."""
    path = tmp_path / "fresh.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    complete_cache.put(path, "sectors", VALUES)
    assert complete_cache.get(path, "sectors") is None


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"key": "x", "values": []}', b"\xff\xfe"])
def test_damaged_entry_is_a_miss(dataset: Path, damage: bytes) -> None:
    """A truncated, foreign or unreadable entry is ignored, never an error."""
    complete_cache.put(dataset, "sectors", VALUES)
    (entry,) = (Path(os.environ["XDG_CACHE_HOME"]) / "silkcli").glob("*.sectors.values")
    entry.write_bytes(damage)
    assert complete_cache.get(dataset, "sectors") is None


def test_disabled_cache_saves_nothing(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SILKCLI_NO_CACHE turns this cache off too."""
    monkeypatch.setenv("SILKCLI_NO_CACHE", "1")
    complete_cache.put(dataset, "sectors", VALUES)
    monkeypatch.delenv("SILKCLI_NO_CACHE")
    assert complete_cache.get(dataset, "sectors") is None


def test_completion_offers_the_same_values_from_either_source(tmp_path: Path) -> None:
    """The bash completion script's answers are equal before and after the values are cached."""

    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path),
        "_SILKCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "silkcli leaders --country K",
        "COMP_CWORD": "3",
    }
    argv = [sys.executable, "-m", "silkcli"]
    answers = [subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout for _ in range(3)]
    assert answers[0] == answers[1] == answers[2] and "KG" in answers[0].split()
    assert list((tmp_path / "silkcli").glob("*.countries.values"))
