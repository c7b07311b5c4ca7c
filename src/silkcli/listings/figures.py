"""Listings of figures: reserves and production by country, and the key figures with the claims made about them."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.listings import shares
from silkcli.listings.chronology import claim_date, published_after
from silkcli.listings.listing import Column, Listing, lists
from silkcli.listings.records import cite_columns, text_of
from silkcli.plain import Plain


def _marker(stat: m.Statistic | None) -> str | None:
    return None if stat is None or stat.marker == "none" else stat.marker


def _round(value: int | float | None) -> int | float | None:
    return round(value, 3) if isinstance(value, float) else value


def _year_columns(year: str) -> tuple[Column, Column]:
    """A production year's figure and its marker."""

    def stat(row: shares.ReserveRow) -> m.Statistic | None:
        return row.production.get(year)

    return (
        Column(
            f"prod_{year}_t",
            f"mine production {year}, t",
            numeric=True,
            marker=f"prod_{year}_marker",
            get=lambda r: s.value if (s := stat(r)) else None,
            unit="t",
        ),
        Column(f"prod_{year}_marker", f"marker of the {year} figure", get=lambda r: _marker(stat(r))),
    )


def _production_share_columns(basis: shares.ShareBasis, latest: str) -> tuple[Column, Column]:
    """The production share, named by its year like ``prod_2024_t`` (``prod_2024_share_pct``), and its marker."""
    share = f"prod_{latest}_share_pct" if latest else "prod_share_pct"
    what = f"share of world mine production {basis.period or latest}, % of {basis.denominator} (computed)"
    return (
        Column(
            share,
            what,
            numeric=True,
            marker=f"{share}_marker",
            get=lambda r: _round(r.production_share),
            priority=4,
            unit="%",
        ),
        Column(
            f"{share}_marker",
            "'estimated' when the share rests on an estimated figure",
            get=lambda r: "estimated" if r.production_share is not None and r.production_share_estimated else None,
        ),
    )


def _cited(row: shares.ReserveRow) -> m.Statistic | None:
    """The statistic a reserves row cites: its reserves figure, else its first production figure."""
    return row.reserves or next(iter(row.production.values()), None)


def reserve_listing(
    ds: m.Dataset, topic: str, *, countries: frozenset[str] = frozenset(), top: int | None = None
) -> Listing:
    """Reserves and mine production per country, with computed shares and ranks."""
    periods = shares.production_periods(ds, topic)
    table = shares.reserve_rows(ds, topic)
    latest = periods[-1] if periods else ""
    bases = shares.share_bases(ds, topic, table)
    columns = (
        Column(
            "rank", "rank by reserves (computed; ties share a rank)", numeric=True, get=attrgetter("rank"), priority=2
        ),
        Column("country", "country code (empty for the world total)", get=attrgetter("code"), priority=1),
        Column("name", "country, or the world total's label", get=attrgetter("label"), prose=True, priority=2),
        Column(
            "reserves_t",
            "reserves, metric tons",
            numeric=True,
            marker="reserves_marker",
            get=lambda r: r.reserves.value if r.reserves else None,
            priority=1,
            unit="t",
        ),
        Column("reserves_marker", "estimated, not_available, zero or lower_bound", get=lambda r: _marker(r.reserves)),
        Column(
            "share_pct",
            "share of world reserves, % (computed)",
            numeric=True,
            marker="share_bound",
            get=lambda r: _round(r.reserves_share),
            unit="%",
        ),
        Column(
            "share_bound",
            "'upper' when the world total is only a lower bound",
            get=lambda r: "upper" if r.reserves_share is not None and r.share_is_upper_bound else None,
        ),
        *(column for year in periods for column in _year_columns(year)),
        *_production_share_columns(bases[1], latest),
    )
    cite = cite_columns(ds, of=_cited)
    rows = [
        r
        for r in table
        if (not countries or r.code in countries) and (top is None or not r.code or (r.rank or top + 1) <= top)
    ]
    notes = shares.table_notes(
        *bases, upper=any(r.share_is_upper_bound and r.reserves_share is not None for r in table)
    )
    return Listing("reserves", columns + cite, tuple(c.name for c in columns), rows, notes=notes, bar="share_pct")


class KeyFigure(Plain):
    """A statistic with what the data gives for it and the discrepancy that disputes it."""

    stat: m.Statistic
    computed: shares.Computed
    discrepancy: str | None
    #: when the data ``computed`` rests on was published, and whether that was after the claim
    data_published: m.PartialDate | None = None
    data_later: bool | None = None


def _stat(name: str, help_text: str, **options: Any) -> Column:
    return Column(name, help_text, get=lambda f: getattr(f.stat, name), **options)


def _later_columns() -> tuple[Column, Column]:
    """When the data a claim is checked against was published, and whether that was after the claim."""
    return (
        Column(
            "computed_published",
            "when the data 'computed' comes from was published",
            get=lambda f: text_of(f.data_published),
        ),
        Column(
            "computed_later",
            "that data was published after the claim (its source's date, else the date it is as of); "
            "empty where a date is not known",
            get=attrgetter("data_later"),
        ),
    )


def _key_figure_columns(ds: m.Dataset) -> tuple[Column, ...]:
    return (
        _stat("id", "statistic id", priority=1),
        _stat("topic", "topic"),
        _stat("metric", "what is measured", priority=3),
        _stat("country", "country code (empty for a world total)", priority=3),
        Column("period", "year the figure is for", get=lambda f: text_of(f.stat.period), priority=3),
        _stat(
            "value", "the figure as the source gives it", numeric=True, marker="marker", priority=1, unit_field="unit"
        ),
        Column("marker", "estimated, approximate, lower_bound, not_available or zero", get=lambda f: _marker(f.stat)),
        _stat("unit", "unit", priority=3),
        Column("as_of", "when the source published it", get=lambda f: text_of(f.stat.as_of), priority=5),
        _stat("claim", "an attributed claim rather than the source's own data"),
        _stat("attribution", "whom the source attributes it to", prose=True),
        Column(
            "computed",
            "what the data gives for this claim (computed)",
            numeric=True,
            marker="computed_bound",
            get=lambda f: _round(f.computed.value),
            unit_field="unit",
        ),
        Column(
            "computed_bound",
            "'upper' when the computed value is an upper bound",
            get=lambda f: "upper" if f.computed.upper_bound else None,
        ),
        Column(
            "computed_from",
            "how 'computed' was derived: what it is a share of, and for which year",
            get=lambda f: f.computed.how or None,
            prose=True,
        ),
        *_later_columns(),
        Column("discrepancy", "id of the discrepancy record about it", get=attrgetter("discrepancy"), priority=5),
        *cite_columns(ds, of=attrgetter("stat")),
    )


def _key_figures(ds: m.Dataset, topics: frozenset[str]) -> Sequence[KeyFigure]:
    parties = set(ds.partnership.parties)
    flagged = {rid: d.id for d in ds.discrepancies for rid in d.related}
    sources = {s.id: s for s in ds.sources}
    check = shares.claim_checker(ds)
    found = []
    for s in ds.statistics:
        in_table = s.metric in (shares.RESERVES, shares.PRODUCTION) and not s.claim
        if (topics and s.topic not in topics) or (in_table and s.country is not None and s.country not in parties):
            continue
        computed = check(s) if s.claim else shares.Computed()
        data = sources.get(pv.source_of(computed.data) or "") if computed.data else None
        later = published_after(data.published, claim_date(sources, s).date) if data else None
        found.append(KeyFigure(s, computed, flagged.get(s.id), data.published if data else None, later))
    return found


def _later_notes(figures: Sequence[KeyFigure], ds: m.Dataset) -> tuple[str, ...]:
    """Say that claims are compared with data published after them, and which data."""
    later = [f for f in figures if f.data_later]
    if not later:
        return ()
    titles = {s.id: s.title for s in ds.sources}
    named = "; ".join(
        dict.fromkeys(
            f"{titles.get(sid, sid)}, published {f.data_published}"
            for f in later
            if (d := f.computed.data) and (sid := pv.source_of(d) or "")
        )
    )
    claims = "1 claim is" if len(later) == 1 else f"{len(later)} claims are"
    them = "it" if len(later) == 1 else "them"
    return (f"{claims} compared with data published after {them} ({named}): see computed_later",)


@lists("statistics", of_records=False)
def key_figure_listing(ds: m.Dataset, topics: frozenset[str] = frozenset()) -> Listing:
    """Claims and standalone figures, plus the partnership's parties' table rows and world totals."""
    default = ("id", "metric", "country", "period", "value", "marker", "unit", "as_of", "source", "computed")
    columns = _key_figure_columns(ds)
    found = _key_figures(ds, topics)
    return Listing(
        "statistics", columns, (*default, "computed_later", "discrepancy"), found, notes=_later_notes(found, ds)
    )
