"""Figures computed from the statistics: shares of the world total and ranks.

Nothing here is stored in the dataset: shares and ranks are derived from the
source's table at run time, and a share computed against a world total that
the source gives only as a lower bound (``>2,000,000``) is an upper bound.
Every share is of the source's own world total (rounded, where its label says
so), never of the sum of the listed countries; :func:`share_bases` says what
each column was divided by and what its shares add up to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from silkcli.dataset import model as m
from silkcli.plain import Plain

#: Metric ids with a meaning the tool computes with.
RESERVES = "reserves"
PRODUCTION = "mine-production"
COMPUTED_CLAIMS = {"reserves-share", "reserves-rank", "production-share"}


class ReserveRow(Plain):
    """One line of a reserves table: a country, or the world total."""

    code: str | None
    label: str
    reserves: m.Statistic | None
    production: dict[str, m.Statistic]
    rank: int | None
    reserves_share: float | None
    share_is_upper_bound: bool
    production_share: float | None
    #: the production share rests on an estimated figure (the country's or the world's)
    production_share_estimated: bool = False


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


def _estimated(*stats: m.Statistic | None) -> bool:
    return any(s is not None and s.marker == "estimated" for s in stats)


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
                production_share_estimated=_estimated(production.get(latest or ""), world_prod),
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


class Computed(Plain):
    """What the data gives for a claim, how it was derived, and whether it is only an upper bound."""

    value: int | float | None = None
    how: str = ""
    upper_bound: bool = False
    #: the table record the value rests on (its source says when the data was published)
    data: m.Statistic | None = None
    #: what a share is of (``the world total (rounded)``); empty for a rank
    denominator: str = ""


def claim_checker(ds: m.Dataset) -> Callable[[m.Statistic], Computed]:
    """A function giving what the data says for a claim about a share or rank, and how it was computed.

    Each topic's table is computed once, however many claims are checked against it.
    """
    tables: dict[str, tuple[dict[str | None, ReserveRow], tuple[ShareBasis, ShareBasis], str]] = {}

    def check(claim: m.Statistic) -> Computed:
        if claim.metric not in COMPUTED_CLAIMS or claim.country is None:
            return Computed()
        if claim.topic not in tables:
            rows = reserve_rows(ds, claim.topic)
            latest = (production_periods(ds, claim.topic) or [""])[-1]
            tables[claim.topic] = {r.code: r for r in rows}, share_bases(ds, claim.topic, rows), latest
        by_code, (reserves, production), latest = tables[claim.topic]
        row = by_code.get(claim.country)
        if row is None:
            return Computed()
        if claim.metric == "reserves-rank":
            return Computed(row.rank, "rank by reserves in the source table", data=row.reserves)
        if claim.metric == "reserves-share":
            bound = " (an upper bound: the world total is a lower bound)" if row.share_is_upper_bound else ""
            how = f"reserves / {reserves.denominator}{bound}"
            return Computed(row.reserves_share, how, row.share_is_upper_bound, row.reserves, reserves.denominator)
        how = f"mine production {production.period or ''} / {production.denominator}"
        return Computed(row.production_share, how, data=row.production.get(latest), denominator=production.denominator)

    return check


class ShareBasis(Plain):
    """What one column of shares is divided by, for which year, and what the shares add up to."""

    what: str
    total: m.Statistic | None
    #: ``the world total (rounded)``: the total's own label, as the source prints it
    denominator: str
    #: the year with USGS's estimate mark (``2024e``), or None for reserves
    period: str | None
    listed: float
    shares_sum: float


def period_label(stat: m.Statistic) -> str:
    """``2024e`` for an estimated 2024 figure, ``2023`` otherwise."""
    return f"{stat.period}{'e' if stat.marker == 'estimated' else ''}" if stat.period else ""


def share_bases(ds: m.Dataset, topic: str, rows: list[ReserveRow]) -> tuple[ShareBasis, ShareBasis]:
    """The bases of the reserve-share and the production-share columns of a topic's table (``rows``)."""
    world = next((r for r in rows if r.code is None), None)
    periods = production_periods(ds, topic)
    latest = periods[-1] if periods else ""
    prod_total = world.production.get(latest) if world else None
    reserves_total = world.reserves if world else None
    countries = [r for r in rows if r.code]
    return (
        ShareBasis(
            "reserve shares",
            reserves_total,
            _denominator(reserves_total),
            None,
            sum(float(r.reserves.value or 0) for r in countries if r.reserves),
            sum(r.reserves_share or 0.0 for r in countries),
        ),
        ShareBasis(
            f"production shares {_spelled(period_label(prod_total)) if prod_total else latest}".rstrip(),
            prod_total,
            _denominator(prod_total),
            period_label(prod_total) if prod_total else latest or None,
            sum(float(p.value or 0) for r in countries if (p := r.production.get(latest)) is not None),
            sum(r.production_share or 0.0 for r in countries),
        ),
    )


def _denominator(total: m.Statistic | None) -> str:
    label = (total.label if total else None) or "World total"
    return "the " + label[:1].lower() + label[1:]


def _spelled(period: str) -> str:
    """A period as a sentence says it: ``2024 (estimate)`` for USGS's ``2024e``."""
    return f"{period[:-1]} (estimate)" if period.endswith("e") else period


def _tons(value: float, marker: str = "none", unit: str = "t") -> str:
    """An amount as a sentence says it: ``>2,000,000 t``, ``100,000 t (estimate)``."""
    mark = {"lower_bound": ">", "approximate": "≈"}.get(marker, "")
    return f"{mark}{value:,.0f} {unit}" + (" (estimate)" if marker == "estimated" else "")


def sum_note(basis: ShareBasis) -> str | None:
    """Why a column's shares add up to more than 100%, or None when they do not."""
    total = basis.total
    if total is None or basis.shares_sum <= 100.0 + 1e-9:
        return None
    return (
        f"{basis.what} add up to {basis.shares_sum:.1f}%, not 100%: each is a share of {basis.denominator}, "
        f"{_tons(float(total.value or 0), total.marker, total.unit)}, "
        f"and the listed countries alone add up to {_tons(basis.listed, unit=total.unit)}"
    )


def table_notes(reserves: ShareBasis, production: ShareBasis, *, upper: bool) -> tuple[str, ...]:
    """What a reserves table's shares are of, and why a column adds up to more than 100% where it does."""
    notes = [
        f"shares are of {reserves.denominator} as the source gives it, not of the listed countries' sum; "
        f"production shares are for {_spelled(production.period or '')}"
    ]
    if upper:
        notes.append("reserve shares are upper bounds: the source gives the world total only as a lower bound")
    return tuple(notes + [n for n in map(sum_note, (reserves, production)) if n])


def coverage(rows: list[ReserveRow]) -> tuple[int, int]:
    """How many listed countries have a reserve figure (so are ranked), and how many are listed without one."""
    countries = [r for r in rows if r.code]
    ranked = sum(1 for r in countries if r.rank is not None)
    return ranked, len(countries) - ranked


#: how the dataset's notes quote a table footnote saying the table does not list every producer
#: (USGS: "In addition to the countries listed, antimony may have been produced in other countries")
_UNLISTED = re.compile(r"in addition to the countries listed,[^,.;]*", re.IGNORECASE)


def unlisted_note(ds: m.Dataset, topic: str) -> tuple[str, m.Statistic] | None:
    """The source's own words that countries it does not list may produce too, and the record quoting them."""
    for stat in ds.statistics:
        if stat.topic == topic and stat.country is None and not stat.claim and stat.note:
            found = _UNLISTED.search(stat.note)
            if found:
                text = found.group(0)
                return text[:1].upper() + text[1:], stat
    return None
