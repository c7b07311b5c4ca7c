"""What became of the summit documents: each one's latest step after signing (``silkcli progress``).

A document's steps are its milestones (what, date, source). One with none says
so as of the date of the data, never that nothing happened: the sources may
simply not have said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from silkcli.dataset import model as m
from silkcli.dataset.store import store_of
from silkcli.listings.listing import Column, Entry, Listing
from silkcli.listings.records import cite_columns, no_date
from silkcli.plain import Plain


def latest_step(doc: m.Document) -> m.Milestone | None:
    """The document's latest milestone (the last to end, the later listed on a tie), or None."""
    if not doc.milestones:
        return None
    return max(reversed(doc.milestones), key=lambda stone: stone.date.end_sort_key())


def no_step(meta: m.DatasetInfo) -> str:
    """What a document with no milestone says: ``no later step found in the sources as of 27 November 2026``."""
    return f"no later step found in the sources as of {m.long_date(meta.updated)}"


def step_line(doc: m.Document, meta: m.DatasetInfo) -> str:
    """``2025-07-05: Entry into force (mofa-322890)``, or the :func:`no_step` sentence."""
    stone = latest_step(doc)
    return no_step(meta) if stone is None else f"{stone.date}: {stone.what} ({stone.source})"


class Progress(Plain):
    """One row of the progress listing: a document and its latest step (None: no step found)."""

    document: m.Document
    step: m.Milestone | None


def progress_listing(ds: m.Dataset, docs: Sequence[m.Document]) -> Listing:
    """Each document with its latest step after signing, the step's date and source, in signing order."""
    sources = store_of(ds).by_ids("sources", {s.source for d in docs for s in d.milestones})
    none = no_step(ds.meta)
    columns = (
        Column("id", "document id", get=lambda r: r.document.id, priority=1),
        Column("signed", "date signed, as precise as known", get=lambda r: str(r.document.signed), priority=4),
        Column("title", "English title", get=lambda r: r.document.title, prose=True, priority=2),
        Column(
            "latest",
            "date of the latest step after signing; empty where none was found",
            get=lambda r: str(r.step.date) if r.step else None,
            priority=1,
        ),
        Column(
            "step",
            "the latest step, or that none was found by the date of the data",
            prose=True,
            priority=1,
            get=lambda r: r.step.what if r.step else none,
        ),
        Column(
            "step_source",
            "id of the source of the latest step",
            get=lambda r: r.step.source if r.step else None,
            priority=1,
        ),
        Column(
            "step_published",
            "publication date of that source (n.d. in tables where not known)",
            marker="step_published_marker",
            get=lambda r: _published(sources, r.step),
            priority=5,
        ),
        Column(
            "steps",
            "every step after signing (date: what)",
            get=lambda r: tuple(
                Entry(f"{x.date}: {x.what}", {"date": str(x.date), "what": x.what, "source": x.source})
                for x in r.document.milestones
            ),
            prose=True,
        ),
        Column("status", "status", get=lambda r: r.document.status),
        Column("summit", "one of the documents signed at the summit", get=lambda r: r.document.summit),
        Column(
            "step_published_marker",
            "'no_date' where the step's source has no known date",
            get=lambda r: no_date(sources[r.step.source].published) if r.step and r.step.source in sources else None,
        ),
        *cite_columns(ds, of=lambda r: r.step or r.document),
    )
    rows = [Progress(d, latest_step(d)) for d in docs]
    return Listing("progress", columns, ("id", "title", "latest", "step", "step_source"), rows)


def _published(sources: Mapping[str, m.Source], step: m.Milestone | None) -> str | None:
    source = sources.get(step.source) if step is not None else None
    return str(source.published) if source is not None and source.published is not None else None
