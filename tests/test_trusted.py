"""Large cache entries decode without re-checking constraints, into the same records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import msgspec
import pytest
import yaml

from gen_data import generate
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.dataset.cache import entries as cache
from silkcli.dataset.cache import sqlite_store
from silkcli.dataset.cache.unchecked import unchecked
from silkcli.dataset.store import store_of


def test_unchecked_types_are_model_subclasses_without_constraints() -> None:
    """The derived Document is a Document, but an id that breaks the pattern is not re-checked."""
    doc = unchecked(m.Document)
    assert issubclass(doc, m.Document)
    assert unchecked(m.Document) is doc  # derived once
    raw = {
        "id": "has space",
        "source": "s",
        "evidence": "e",
        "title": "t",
        "type": "x",
        "parties": [],
        "sectors": [],
        "signed": "2024",
        "summit": True,
        "status": "s",
    }
    loose = msgspec.convert(raw, doc, dec_hook=m.decode_hook)
    assert loose.id == "has space" and isinstance(loose, m.Document)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_large_cached_dataset_round_trips_to_equal_records(suffix: str, tmp_path: Path) -> None:
    """A dataset over the trusted size loads again, unchecked, as the same data and as model instances.

    Whether the file is YAML or JSON, its entry is a SQLite database, and the long lists
    are read from it as they are asked for.
    """
    path = tmp_path / f"big{suffix}"
    data = generate(8000, seed=3)
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # old enough to be cached
    assert path.stat().st_size > cache.TRUSTED_BYTES
    fresh = store.load_dataset(path)
    cached = store.load_dataset(path)
    assert isinstance(store_of(cached), sqlite_store.SqliteStore) and isinstance(cached.documents, sqlite_store.Rows)
    assert type(cached) is not type(fresh) and isinstance(cached, m.Dataset)
    assert isinstance(cached.documents[0], m.Document) and isinstance(cached.documents[0].signed, m.PartialDate)
    plain = msgspec.to_builtins(fresh, enc_hook=m.encode_hook)
    assert msgspec.to_builtins(cached, enc_hook=m.encode_hook) == plain
