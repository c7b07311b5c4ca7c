"""Large cache entries decode without re-checking constraints, into the same records."""

from __future__ import annotations

import json
import os
from pathlib import Path

import msgspec

from gen_data import generate
from silkcli import cache, store
from silkcli import model as m
from silkcli.trusted import unchecked


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


def test_large_cache_entry_round_trips_to_equal_records(tmp_path: Path) -> None:
    """A dataset over the trusted size loads from its cache as the same data, as model instances."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(generate(8000, seed=3), ensure_ascii=False), encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # old enough to be cached
    fresh = store.load_dataset(path)
    entry = next(cache.cache_dir().glob("*.msgpack"))
    assert entry.stat().st_size > cache.TRUSTED_BYTES
    cached = store.load_dataset(path)
    assert type(cached) is not type(fresh) and isinstance(cached, m.Dataset)
    assert isinstance(cached.documents[0], m.Document) and isinstance(cached.documents[0].signed, m.PartialDate)
    plain = msgspec.to_builtins(fresh, enc_hook=m.encode_hook)
    assert msgspec.to_builtins(cached, enc_hook=m.encode_hook) == plain
