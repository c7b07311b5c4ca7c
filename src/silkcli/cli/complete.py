"""Shell completion of option values from the dataset (read through the caches).

Each completer's values come from :mod:`silkcli.dataset.cache.completion` when
fresh, else from the dataset (through the compiled cache), and are then kept
there. Everything is imported when a value is completed, not when a command is
built for ``--help``.
"""
# ruff: noqa: PLC0415 - start-up: every import inside a function here waits for a value to complete

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from silkcli.dataset import model as m


def _data_path(ctx: typer.Context) -> Path:
    from silkcli.dataset.paths import bundled_path

    given = ctx.find_root().params.get("data") or os.environ.get("SILKCLI_DATA")
    return Path(given) if given else bundled_path()


def _dataset(path: Path) -> m.Dataset | None:
    from silkcli.dataset.load import load_dataset

    try:
        return load_dataset(path)
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return None


def _matching(values: Iterable[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    low = incomplete.lower()
    return [(v, h) for v, h in values if v.lower().startswith(low)]


def _iter_records(ds: m.Dataset) -> Iterable[tuple[str, m.Record | m.Source]]:
    from silkcli.dataset.model import iter_records

    return iter_records(ds, sources=True)


def _record_kinds() -> tuple[str, ...]:
    from silkcli.dataset.model import record_kinds

    return record_kinds(sources=True)


def _mineral_topics(ds: m.Dataset) -> list[str]:
    from silkcli.listings.shares import mineral_topics

    return mineral_topics(ds)


def _from(
    name: str, pick: Callable[[m.Dataset], Iterable[tuple[str, str]]]
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from silkcli.dataset.cache import completion as complete_cache

        path = _data_path(ctx)
        values = complete_cache.get(path, name)
        if values is None:
            ds = _dataset(path)
            if ds is None:
                return []
            values = list(pick(ds))
            complete_cache.put(path, name, values)
        return _matching(values, incomplete)

    return complete


sectors = _from("sectors", lambda ds: ((s.id, s.name) for s in ds.sectors))
countries = _from("countries", lambda ds: ((c.id, c.name) for c in ds.countries))
types = _from("types", lambda ds: ((t.id, t.name) for t in ds.vocabulary.document_types))
statuses = _from("statuses", lambda ds: ((t.id, t.name) for t in ds.vocabulary.statuses))
roles = _from("roles", lambda ds: ((t.id, t.name) for t in ds.vocabulary.roles))
event_kinds = _from("event_kinds", lambda ds: ((t.id, t.name) for t in ds.vocabulary.event_kinds))
topics = _from("topics", lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics))
people = _from("people", lambda ds: ((p.id, p.name) for p in ds.people))
minerals = _from("minerals", lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics if t.id in _mineral_topics(ds)))
record_ids = _from(
    "record_ids",
    lambda ds: [(r.id, kind) for kind, r in _iter_records(ds)],
)
commitment_kinds = _from(
    "commitment_kinds",
    lambda ds: (
        ("agreed", "both sides agreed"),
        ("asked", "one side asked"),
        ("plans", "planned"),
        ("expects", "one side expects"),
    ),
)
record_kinds = _from("record_kinds", lambda ds: ((k, "") for k in _record_kinds()))
