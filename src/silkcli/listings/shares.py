"""Figures computed from the statistics: shares of the world total and ranks.

Nothing here is stored in the dataset: shares and ranks are derived from the
source's table at run time, and a share computed against a world total that
the source gives only as a lower bound (``>2,000,000``) is an upper bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from silkcli.dataset import model as m

#: Metric ids with a meaning the tool computes with.
RESERVES = "reserves"
PRODUCTION = "mine-production"
COMPUTED_CLAIMS = {"reserves-share", "reserves-rank", "production-share"}


class ReserveRow(NamedTuple):
    """One line of a reserves table: a country, or the world total."""

    code: str | None
    label: str
    reserves: m.Statistic | None
    production: dict[str, m.Statistic]
    rank: int | None
    reserves_share: float | None
    share_is_upper_bound: bool
    production_share: float | None


def mineral_topics(ds: m.Dataset) -> list[str]:
    """Topics that have reserve figures, in dataset order."""
    return list(dict.fromkeys(s.topic for s in ds.statistics if s.metric == RESERVES and not s.claim))


def production_periods(ds: m.Dataset, topic: str) -> list[str]:
    """The production years the table has, oldest first."""
    found = {str(s.period) for s in ds.statistics if s.topic == topic and s.metric == PRODUCTION and s.period}
    return sorted(found)


def _share(part: m.Statistic | None, whole: m.Statistic | None) -> float | None:
    """``part`` as a percentage of ``whole``; None (no share) when that is no finite number.

    A world total of zero, or one so tiny (4.9e-324) that the share overflows to
    infinity, gives no share at all, the same in every format (json/yaml null,
    an empty cell), rather than null in one format, .inf in another and ≤inf in a table.
    """
    if part is None or whole is None or part.value is None or not whole.value:
        return None
    share = 100.0 * part.value / whole.value
    return share if math.isfinite(share) else None


def reserve_rows(ds: m.Dataset, topic: str) -> list[ReserveRow]:
    """Countries by reserves (largest first, unknown last), then the world total."""
    data = [s for s in ds.statistics if s.topic == topic and not s.claim and s.metric in (RESERVES, PRODUCTION)]
    keys = list(dict.fromkeys(s.country for s in data))
    names = {c.id: c.name for c in ds.countries}
    world_reserves = next((s for s in data if s.country is None and s.metric == RESERVES), None)
    periods = production_periods(ds, topic)
    latest = periods[-1] if periods else None
    world_prod = next(
        (s for s in data if s.country is None and s.metric == PRODUCTION and str(s.period) == latest), None
    )
    rows = []
    for key in keys:
        mine = [s for s in data if s.country == key]
        reserves = next((s for s in mine if s.metric == RESERVES), None)
        production = {str(s.period): s for s in mine if s.metric == PRODUCTION and s.period}
        label = names.get(key, key) if key else (next((s.label for s in mine if s.label), None) or "World total")
        rows.append(
            ReserveRow(
                code=key,
                label=label,
                reserves=reserves,
                production=production,
                rank=None,
                reserves_share=_share(reserves, world_reserves) if key else None,
                share_is_upper_bound=world_reserves is not None and world_reserves.marker == "lower_bound",
                production_share=_share(production.get(latest or ""), world_prod) if key else None,
            )
        )
    return _ranked(rows)


def _ranked(rows: list[ReserveRow]) -> list[ReserveRow]:
    def amount(row: ReserveRow) -> float:
        value = row.reserves.value if row.reserves else None
        return -1.0 if value is None else float(value)

    countries = sorted((r for r in rows if r.code), key=amount, reverse=True)
    ranked, previous, rank = [], None, 0
    for position, row in enumerate(countries, start=1):
        value = amount(row)
        if value != previous:
            rank, previous = position, value
        ranked.append(_with_rank(row, rank if value >= 0 else None))
    return ranked + [r for r in rows if not r.code]


def _with_rank(row: ReserveRow, rank: int | None) -> ReserveRow:
    return row._replace(rank=rank)


class Computed(NamedTuple):
    """What the data gives for a claim, how it was derived, and whether it is only an upper bound."""

    value: int | float | None = None
    how: str = ""
    upper_bound: bool = False


def claim_checker(ds: m.Dataset) -> Callable[[m.Statistic], Computed]:
    """A function giving what the data says for a claim about a share or rank, and how it was computed.

    Each topic's table is computed once, however many claims are checked against it.
    """
    tables: dict[str, tuple[dict[str | None, ReserveRow], list[str]]] = {}

    def check(claim: m.Statistic) -> Computed:
        if claim.metric not in COMPUTED_CLAIMS or claim.country is None:
            return Computed()
        if claim.topic not in tables:
            rows = {r.code: r for r in reserve_rows(ds, claim.topic)}
            tables[claim.topic] = rows, production_periods(ds, claim.topic)
        rows, periods = tables[claim.topic]
        row = rows.get(claim.country)
        if row is None:
            return Computed()
        if claim.metric == "reserves-rank":
            return Computed(row.rank, "rank by reserves in the source table")
        if claim.metric == "reserves-share":
            bound = " (an upper bound: the world total is a lower bound)" if row.share_is_upper_bound else ""
            return Computed(row.reserves_share, f"reserves / world total{bound}", row.share_is_upper_bound)
        return Computed(row.production_share, f"mine production {periods[-1] if periods else ''} / world total")

    return check
