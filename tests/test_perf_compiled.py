"""The bundled dataset compiled at wheel build time: used only when it matches, ignored otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUNDLED, TINY
from silkcli.dataset import load as store
from silkcli.dataset.cache import shipped as compiled


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled YAML that load_dataset takes for the packaged one."""
    yaml_path = tmp_path / store.BUNDLED_NAME
    yaml_path.write_bytes(BUNDLED.read_bytes())
    monkeypatch.setattr(store, "bundled_path", lambda: yaml_path.resolve())
    return yaml_path


def test_compiled_copy_round_trips(packaged: Path) -> None:
    """What the build writes reads back as the dataset parsed from the YAML."""
    data = packaged.read_bytes()
    dataset = store.parse_bytes(data, "partnership.yaml")
    compiled.compiled_path(packaged).write_bytes(compiled.to_bytes(data, dataset))
    assert compiled.read(packaged, data) == dataset


def test_load_uses_the_compiled_copy_of_the_packaged_file(packaged: Path) -> None:
    """A copy that names these exact bytes is what a cached load returns (here: a different dataset, to tell)."""
    data = packaged.read_bytes()
    other = store.parse_bytes(TINY.read_bytes(), "tiny.yaml")
    compiled.compiled_path(packaged).write_bytes(compiled.to_bytes(data, other))
    assert store.load_dataset(packaged) == other
    assert store.load_dataset(packaged, use_cache=False) == store.parse_bytes(data, "x")  # validate reads the YAML


@pytest.mark.parametrize("damage", ["stale", "truncated", "garbage"])
def test_unusable_compiled_copy_is_ignored(packaged: Path, damage: str) -> None:
    """A copy of other bytes, or a broken one, is a miss: the YAML is parsed."""
    data = packaged.read_bytes()
    other = store.parse_bytes(TINY.read_bytes(), "tiny.yaml")
    blob = compiled.to_bytes(data + b"\n# edited\n" if damage == "stale" else data, other)
    blob = {"stale": blob, "truncated": blob[: len(blob) // 2], "garbage": b"\x00" * 64}[damage]
    compiled.compiled_path(packaged).write_bytes(blob)
    assert store.load_dataset(packaged) == store.parse_bytes(data, "x")


def test_only_the_packaged_file_uses_a_compiled_copy(tmp_path: Path) -> None:
    """A user's file with a .msgpack beside it is still parsed from its YAML."""
    user = tmp_path / "mine.yaml"
    data = BUNDLED.read_bytes()
    user.write_bytes(data)
    other = store.parse_bytes(TINY.read_bytes(), "tiny.yaml")
    compiled.compiled_path(user).write_bytes(compiled.to_bytes(data, other))
    assert store.load_dataset(user) == store.parse_bytes(data, "x")
