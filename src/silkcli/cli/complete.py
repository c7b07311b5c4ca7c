"""Shell completion of option values from the dataset (read through the cache)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from .. import figures
from .. import model as m


def _dataset(ctx: typer.Context) -> m.Dataset | None:
    from ..store import bundled_path, load_dataset

    root = ctx.find_root()
    given = root.params.get("data") or os.environ.get("SILKCLI_DATA")
    try:
        return load_dataset(Path(given) if given else bundled_path())
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return None


def _matching(values: Iterable[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    low = incomplete.lower()
    return [(v, h) for v, h in values if v.lower().startswith(low)]


def _from(
    pick: Callable[[m.Dataset], Iterable[tuple[str, str]]],
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        ds = _dataset(ctx)
        return _matching(pick(ds), incomplete) if ds is not None else []

    return complete


sectors = _from(lambda ds: ((s.id, s.name) for s in ds.sectors))
countries = _from(lambda ds: ((c.id, c.name) for c in ds.countries))
types = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.document_types))
statuses = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.statuses))
roles = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.roles))
event_kinds = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.event_kinds))
topics = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics))
people = _from(lambda ds: ((p.id, p.name) for p in ds.people))
minerals = _from(lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics if t.id in figures.mineral_topics(ds)))
record_ids = _from(
    lambda ds: (
        [(ds.partnership.id, "partnership")]
        + [(r.id, kind) for kind in m.RECORD_KINDS for r in getattr(ds, kind)]
        + [(s.id, "source") for s in ds.sources]
    )
)
commitment_kinds = _from(
    lambda ds: (("agreed", "both sides agreed"), ("asked", "one side asked"), ("plans", "planned"))
)
record_kinds = _from(lambda ds: ((k, "") for k in ("partnership", *m.RECORD_KINDS, "sources")))
