"""The sources behind a verdict: evidence from a record's citations, and the sides of a discrepancy."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from silkcli.check.report import Evidence, Side
from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.written_forms import states_date, states_number
from silkcli.listings import shares


class Sources:
    """Evidence and discrepancies of one dataset, looked up by record."""

    def __init__(self, ds: m.Dataset) -> None:
        self._sources = {s.id: s for s in ds.sources}
        self._about: dict[str, list[m.Discrepancy]] = {}
        self._rows: dict[str, dict[str | None, shares.ReserveRow]] = {}
        self._all = ds.discrepancies
        for disc in ds.discrepancies:
            for rid in disc.related:
                self._about.setdefault(rid, []).append(disc)

    def reserve_rows(self, ds: m.Dataset, topic: str) -> dict[str | None, shares.ReserveRow]:
        """A mineral's table rows by country code (None: the world), computed once per check."""
        if topic not in self._rows:
            self._rows[topic] = {r.code: r for r in shares.reserve_rows(ds, topic)}
        return self._rows[topic]

    def evidence(self, source_id: str, quote: str, *, inferred: bool = False) -> Evidence:
        """One source's note for ``quote`` (``inferred``: the value follows from it, unwritten)."""
        source = self._sources.get(source_id)
        if source is None:
            return Evidence(
                source=source_id, title=source_id, publisher="", published=None, url="", quote=quote, inferred=inferred
            )
        published = str(source.published) if source.published else None
        return Evidence(
            source=source.id,
            title=source.title,
            publisher=source.publisher,
            published=published,
            url=source.url,
            quote=quote,
            inferred=inferred,
        )

    def cited(self, struct: msgspec.Struct, *fields: str) -> tuple[Evidence, ...]:
        """The evidence for ``fields`` of a record (its general citations when no field is named): the quotes that
        state the value, else those the value is inferred from (marked so)."""
        cites: dict[tuple[str, str], bool] = {}
        for name in fields or ("",):
            found = pv.supporting(struct, name) if name else pv.citations(struct)[:1]
            stated = [c for c in found if not c.inferred]
            cites.update(((c.source, c.quote), c.inferred) for c in stated or found)
        return tuple(self.evidence(source, quote, inferred=inferred) for (source, quote), inferred in cites.items())

    def disputes(self, record_ids: Iterable[str]) -> list[m.Discrepancy]:
        """The discrepancies that relate to any of these records, once each: those relating to most of them
        first (the one about a share, before one about a single source's wording of it), then in dataset order."""
        wanted = set(record_ids)
        found: dict[str, m.Discrepancy] = {}
        for rid in wanted:
            found.update((d.id, d) for d in self._about.get(rid, ()))
        order = {d.id: n for n, d in enumerate(self._all)}
        return sorted(found.values(), key=lambda d: (-len(wanted.intersection(d.related)), order[d.id]))

    def sides(self, disc: m.Discrepancy) -> tuple[Side, ...]:
        """What each source of a discrepancy says."""
        return tuple(Side(says=c.says, evidence=self.evidence(c.source, c.evidence)) for c in disc.claims)

    def holding_date(self, record_ids: Iterable[str], date: m.PartialDate) -> m.Discrepancy | None:
        """A discrepancy about these records one of whose sides writes ``date``."""
        return next(
            (
                d
                for d in self.disputes(record_ids)
                if any(states_date(f"{c.says} {c.evidence}", date) for c in d.claims)
            ),
            None,
        )

    def holding_number(self, record_ids: Iterable[str], value: float) -> m.Discrepancy | None:
        """A discrepancy about these records one of whose sides writes ``value``."""
        return next(
            (d for d in self.disputes(record_ids) if any(states_number(c.evidence, value) for c in d.claims)),
            None,
        )
