"""One-line descriptions of a dataset."""

from __future__ import annotations

from silkcli.dataset import model as m


def record_counts(dataset: m.Dataset) -> dict[str, int]:
    """How many records of each kind (the partnership counts as one)."""
    counts = {kind: len(getattr(dataset, kind)) for kind in m.RECORD_KINDS}
    counts["partnership"] = 1
    return {kind: n for kind, n in counts.items() if n}


def describe(dataset: m.Dataset) -> str:
    """``ok: N records in K kinds, S sources``."""
    counts = record_counts(dataset)
    return f"ok: {sum(counts.values())} records in {len(counts)} kinds, {len(dataset.sources)} sources"
