"""The brief's key figures: reserves next to the leaders, production, electricity share, finance.

Shares and ranks come from :mod:`silkcli.listings.shares`; values are written
the way the listing tables write them (:func:`silkcli.formats.display.display`),
USGS markers included. A rank says what it ranks among, and a share what it
is a share of and for which year.
"""

from __future__ import annotations

from silkcli.brief.claims import ClaimFigure, claim_figures, percent, with_unit
from silkcli.brief.ledger import Ledger
from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.formats.display import display
from silkcli.listings import shares as computed
from silkcli.listings.chronology import in_words
from silkcli.plain import Plain

ELECTRICITY_SHARE = "electricity-share"
#: the figures and claims a reserves chart answers for (not production shares)
_RESERVE_METRICS = {computed.RESERVES} | {c for c in computed.COMPUTED_CLAIMS if c.startswith(computed.RESERVES)}
#: the figures and claims a production line answers for
_PRODUCTION_METRICS = {computed.PRODUCTION} | (computed.COMPUTED_CLAIMS - _RESERVE_METRICS)
_TOP = 3


class ReserveBar(Plain):
    """One bar of the reserves chart."""

    rank: int | None
    country: str
    reserves: str
    share: str | None
    fraction: float
    featured: bool


class ProductionFigure(Plain):
    """A party's mine production in the table's latest year, and its share of the world total."""

    period: str
    amount: str
    share: str | None
    world: str | None
    denominator: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


class Coverage(Plain):
    """What a rank is out of: the countries with a figure, those listed without one, and the unlisted."""

    ranked: int
    unranked: int
    #: the source's own words that countries it does not list may produce too
    unlisted: str | None
    unlisted_by: str | None
    notes: tuple[int, ...]


class ReserveChart(Plain):
    """A party's reserves of a mineral, its rank and share, beside the largest holders."""

    mineral: str
    country: str
    rank: int | None
    ranked: int
    reserves: str
    share: str | None
    world: str | None
    share_is_upper_bound: bool
    as_of: str | None
    bars: tuple[ReserveBar, ...]
    notes: tuple[int, ...]
    disputes: tuple[int, ...]
    #: what the rank is out of, the party's production share and the claims beside the data (:func:`_with_context`)
    coverage: Coverage = Coverage(0, 0, None, None, ())
    production: ProductionFigure | None = None
    claims: tuple[ClaimFigure, ...] = ()
    #: what the shares are of: ``the world total (rounded)``
    denominator: str = "the world total"


class Figure(Plain):
    """A key figure as its source states it."""

    label: str
    value: str
    detail: str
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


def _share(row: computed.ReserveRow) -> str | None:
    if row.reserves_share is None:
        return None
    return ("≤" if row.share_is_upper_bound else "") + percent(row.reserves_share)


def reserve_charts(ds: m.Dataset, ledger: Ledger, *, context: bool = True) -> tuple[ReserveChart, ...]:
    """One chart per mineral that a party of the partnership has reserve figures for; ``context`` adds
    what the rank is out of and the claims beside the data."""
    charts = []
    topics = {t.id: t.name for t in ds.vocabulary.topics}
    for topic in computed.mineral_topics(ds):
        rows = computed.reserve_rows(ds, topic)
        featured = _featured(rows, ds.partnership.parties)
        if featured is not None:
            chart = _chart(ds, ledger, topics.get(topic, topic), rows, featured)
            charts.append(_with_context(ds, ledger, chart, rows, featured, full=context))
    return tuple(charts)


def _featured(rows: list[computed.ReserveRow], parties: tuple[str, ...]) -> computed.ReserveRow | None:
    """The first party ranked in the table, else the first party in it at all."""
    mine = sorted((r for r in rows if r.code in parties and r.reserves), key=lambda r: parties.index(r.code or ""))
    return next((r for r in mine if r.rank is not None), mine[0] if mine else None)


def _chart(
    ds: m.Dataset, ledger: Ledger, mineral: str, rows: list[computed.ReserveRow], featured: computed.ReserveRow
) -> ReserveChart:
    stat = featured.reserves
    assert stat is not None  # _featured only picks rows with a reserves figure
    world = next((r.reserves for r in rows if r.code is None and r.reserves), None)
    shown = [r for r in rows if r.code and r.rank is not None and r.rank <= _TOP]
    if featured not in shown:
        shown.append(featured)
    peak = max((float(r.reserves.value) for r in shown if r.reserves and r.reserves.value), default=0.0)
    # Every claim about the featured country's figures of this topic (its output share too): a
    # disagreement about any of them bears on the position the chart shows.
    claims = [s.id for s in ds.statistics if s.claim and s.topic == stat.topic and s.country == featured.code]
    return ReserveChart(
        mineral=mineral,
        country=featured.label,
        rank=featured.rank,
        ranked=sum(1 for r in rows if r.rank is not None),
        reserves=with_unit(stat.value, stat.marker, stat.unit),
        share=_share(featured),
        world=with_unit(world.value, world.marker, world.unit) if world else None,
        share_is_upper_bound=featured.share_is_upper_bound and featured.reserves_share is not None,
        as_of=in_words(stat.as_of) if stat.as_of else None,
        bars=tuple(_bar(r, peak, featured) for r in shown),
        notes=tuple(dict.fromkeys(ledger.cite_fields(stat, "value", "as_of") + ledger.cite_fields(world, "value"))),
        disputes=ledger.dispute(stat.id, *claims, *([world.id] if world else [])),
    )


def _with_context(
    ds: m.Dataset,
    ledger: Ledger,
    chart: ReserveChart,
    rows: list[computed.ReserveRow],
    featured: computed.ReserveRow,
    *,
    full: bool,
) -> ReserveChart:
    """The chart with the party's production share and, if ``full``, what its rank is out of and the claims
    beside the data."""
    stat = featured.reserves
    assert stat is not None  # _featured only picks rows with a reserves figure
    reserves, _ = computed.share_bases(ds, stat.topic, rows)
    production = _production(ds, ledger, rows, featured)
    if not full:
        return chart._replace(denominator=reserves.denominator, production=production)
    ranked, unranked = computed.coverage(rows)
    unlisted = computed.unlisted_note(ds, stat.topic)
    publishers = {s.id: s.publisher for s in ds.sources}
    coverage = Coverage(
        ranked,
        unranked,
        unlisted[0] if unlisted else None,
        publishers.get(pv.source_of(unlisted[1], "note") or "") if unlisted else None,
        ledger.cite_fields(unlisted[1], "note") if unlisted else (),
    )
    return chart._replace(
        denominator=reserves.denominator,
        coverage=coverage,
        production=production,
        claims=claim_figures(ds, ledger, featured),
    )


def _production(
    ds: m.Dataset, ledger: Ledger, rows: list[computed.ReserveRow], featured: computed.ReserveRow
) -> ProductionFigure | None:
    """The featured party's production in the latest year, as a share of the source's world total."""
    topic = featured.reserves.topic if featured.reserves else ""
    latest = (computed.production_periods(ds, topic) or [""])[-1]
    stat = featured.production.get(latest)
    if stat is None:
        return None
    _, basis = computed.share_bases(ds, topic, rows)
    world = basis.total
    claims = [
        s.id
        for s in ds.statistics
        if s.claim and s.topic == topic and s.country == featured.code and s.metric in _PRODUCTION_METRICS
    ]
    share = featured.production_share
    return ProductionFigure(
        period=_period(world or stat),
        amount=with_unit(stat.value, stat.marker, stat.unit),
        share=percent(share) if share is not None else None,
        world=with_unit(world.value, world.marker, world.unit) if world else None,
        denominator=basis.denominator,
        notes=ledger.cite(*pv.sources_of(stat, ("value",)), *(pv.sources_of(world, ("value",)) if world else ())),
        disputes=ledger.dispute(stat.id, *([world.id] if world else []), *claims),
    )


def _period(stat: m.Statistic) -> str:
    """The year of a figure (its amount says whether it is an estimate)."""
    return str(stat.period) if stat.period else ""


def _bar(row: computed.ReserveRow, peak: float, featured: computed.ReserveRow) -> ReserveBar:
    stat = row.reserves
    value = stat.value if stat else None
    return ReserveBar(
        rank=row.rank,
        country=row.label,
        reserves=with_unit(value, stat.marker, stat.unit) if stat else "NA",
        share=_share(row),
        fraction=float(value) / peak if value and peak else 0.0,
        featured=row is featured,
    )


def key_figures(ds: m.Dataset, ledger: Ledger) -> tuple[Figure, ...]:
    """The electricity-share figure and the largest development-finance amount, where the data has them."""
    found = [_electricity(ds, ledger), _finance(ds, ledger)]
    return tuple(f for f in found if f is not None)


def _electricity(ds: m.Dataset, ledger: Ledger) -> Figure | None:
    stats = [s for s in ds.statistics if s.metric == ELECTRICITY_SHARE and s.country in ds.partnership.parties]
    if not stats:
        return None
    first = stats[0]
    topics = {t.id: t.name for t in ds.vocabulary.topics}
    metrics = {t.id: t.name for t in ds.vocabulary.metrics}
    countries = {c.id: c.name for c in ds.countries}
    label = f"{topics.get(first.topic, first.topic)} {metrics.get(first.metric, first.metric).lower()}"
    where = countries.get(first.country or "", first.country or "")
    values = list(dict.fromkeys(with_unit(s.value, s.marker, s.unit) for s in stats))
    if len(values) > 1:  # the sources disagree: show every figure, none as settled
        shown = {with_unit(s.value, s.marker, s.unit): s for s in reversed(stats)}  # the first stat of each value
        firsts = [s for s in stats if shown[with_unit(s.value, s.marker, s.unit)] is s]
        notes = tuple(dict.fromkeys(n for s in firsts for n in ledger.cite_fields(s, "value", "attribution")))
        return Figure(label, "disputed: " + ", ".join(values), where, notes, ledger.dispute(*(s.id for s in stats)))
    detail = f"{where}, according to {first.attribution}" if first.attribution else where
    notes = ledger.cite_fields(first, "value", "attribution")
    return Figure(label, values[0], detail, notes, ledger.dispute(*(s.id for s in stats)))


def money(amount: m.Amount) -> str:
    """``up to USD 500 million``."""
    value = amount.value
    if value >= 1_000_000:
        number = f"{value / 1_000_000:,.2f}".rstrip("0").rstrip(".") + " million"
    else:
        number = display(value)
    return ("up to " if amount.ceiling else "") + f"{amount.currency} {number}"


def _finance(ds: m.Dataset, ledger: Ledger) -> Figure | None:
    funded = [d for d in ds.documents if d.amount is not None]
    if not funded:
        return None
    doc = max(funded, key=lambda d: (d.summit, d.amount.value if d.amount else 0))
    amount = doc.amount
    assert amount is not None
    detail = f"{amount.period}, {doc.title}" if amount.period else doc.title
    notes = ledger.cite_fields(amount, "value", "currency", "ceiling", "period") + ledger.cite_fields(doc, "title")
    return Figure("Development finance", money(amount), detail, tuple(dict.fromkeys(notes)), ledger.dispute(doc.id))
