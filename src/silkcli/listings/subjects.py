"""Listings about the dataset's subjects as a whole: where sources disagree, and the countries involved."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from silkcli.dataset import model as m
from silkcli.errors import UsageError, suggest
from silkcli.listings.listing import Column, Entry, Listing, lists
from silkcli.listings.records import cite_columns


def _claim(claim: m.Claim) -> Entry:
    return Entry(
        f"{claim.says} [{claim.source}]", {"says": claim.says, "source": claim.source, "evidence": claim.evidence}
    )


def discrepancies(ds: m.Dataset, topics: Sequence[str] = ()) -> list[m.Discrepancy]:
    """Discrepancies in dataset order whose topic contains one of ``topics``, or whose related figures have it.

    A value matching no discrepancy at all is a usage error with a did-you-mean.
    """
    related_topics = {s.id: s.topic for s in ds.statistics}

    def about(d: m.Discrepancy, value: str) -> bool:
        """Whether the topic holds ``value``, or a figure it is about has ``value`` as its topic id."""
        needle = value.strip().lower()
        return needle in d.topic.lower() or any(related_topics.get(r, "").lower() == needle for r in d.related)

    for value in topics:
        if not any(about(d, value) for d in ds.discrepancies):
            words = sorted({w.lower().strip("'’,.") for d in ds.discrepancies for w in d.topic.split()})
            raise UsageError(
                f"no discrepancy is about '{value}'{suggest(value.lower(), words)}",
                hint="--topic takes a word of a discrepancy's topic or a topic id (silkcli discrepancies lists them)",
            )
    return [d for d in ds.discrepancies if not topics or any(about(d, t) for t in topics)]


@lists("discrepancies")
def discrepancy_listing(ds: m.Dataset, found: Sequence[m.Discrepancy]) -> Listing:
    """The discrepancies listing: topic, the claims with their sources, the resolution."""
    columns = (
        Column("id", "discrepancy id", get=attrgetter("id"), priority=1),
        Column("topic", "what the sources disagree about", get=attrgetter("topic"), prose=True, priority=1),
        Column(
            "claims",
            "what each source says [source id]",
            get=lambda d: tuple(_claim(c) for c in d.claims),
            prose=True,
            priority=3,
        ),
        Column("resolution", "what the dataset concludes", get=attrgetter("resolution"), prose=True, priority=2),
        Column("summary", "the disagreement in a few sentences", get=attrgetter("summary"), prose=True),
        Column("related", "records the disagreement is about", get=attrgetter("related"), priority=4),
        Column("note", "caveats", get=attrgetter("note"), prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("discrepancies", columns, ("id", "topic", "claims", "resolution"), found)


def _involvement(ds: m.Dataset) -> dict[str, int]:
    """How many records name each country (its own record aside)."""
    counts: dict[str, int] = {}
    for _, record in m.iter_records(ds):
        named = {ident for target, ident, _ in m.references(record) if target == "countries"}
        for code in named:
            counts[code] = counts.get(code, 0) + 1
    return counts


@lists("countries", of_records=False)
def country_listing(ds: m.Dataset) -> Listing:
    """Every country: code, alpha-3 code, name, and how many records involve it."""
    counts = _involvement(ds)
    columns = (
        Column("id", "ISO 3166 alpha-2 code", get=attrgetter("id"), priority=1),
        Column("alpha3", "ISO 3166 alpha-3 code", get=attrgetter("alpha3")),
        Column("name", "name as the dataset writes it", get=attrgetter("name"), prose=True, priority=1),
        Column("records", "records that involve it", numeric=True, get=lambda c: counts.get(c.id, 0)),
        Column("official_name", "official name", get=attrgetter("official_name"), prose=True),
        Column("region", "region", get=attrgetter("region")),
        Column("note", "caveats", get=attrgetter("note"), prose=True, priority=6),
        *cite_columns(ds),
    )
    return Listing("countries", columns, ("id", "alpha3", "name", "records"), ds.countries)
