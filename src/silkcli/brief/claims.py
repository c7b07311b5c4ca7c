"""Claims beside the data: what a publication says about the featured country, and what the table gives.

Each comparison says when the data was published and whether that was after
the claim (derived from the sources' dates, or the date a claim says it is
"as of"; never written by hand), so a reader sees when a claim could not
have drawn on the data it is checked against.
"""

from __future__ import annotations

from collections.abc import Callable

from silkcli.brief.ledger import Ledger
from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.formats.display import display
from silkcli.listings import shares as computed
from silkcli.listings.chronology import NO_DATE, ClaimDate, claim_date, in_words, published_after
from silkcli.plain import Plain


class ClaimFigure(Plain):
    """One claim about the featured country, beside what the data gives."""

    metric: str
    says: str
    who: str
    #: ``3 December 2024``, ``as of January 2024`` or ``n.d.``
    when: str
    #: what the data gives (``≤13% of the world total (rounded)``), None where it gives nothing
    data: str | None
    data_published: str | None
    #: the data was published after the claim (None: a date is not known)
    later: bool | None
    notes: tuple[int, ...]
    disputes: tuple[int, ...]


def percent(value: float) -> str:
    """``13%``, ``33.5%``, ``0.02%``: one decimal, or two significant digits below 1%."""
    if value == 0 or abs(value) >= 1:
        return display(round(value, 1)) + "%"
    return display(float(f"{value:.2g}")) + "%"


#: a USGS marker a brief spells out after the value, where the tables put a letter
ESTIMATE = " (estimate)"


def with_unit(value: m.Number | None, marker: str, unit: str) -> str:
    """``260,000 t``, ``≈90%``, ``13% (estimate)``, ``NA``: a value, its unit, and an estimate said in words."""
    text = display(value, "none" if marker == "estimated" else marker)
    if value is None:
        return text
    text = text if unit == "rank" else f"{text}{unit}" if unit == "%" else f"{text} {unit}"
    return text + (ESTIMATE if marker == "estimated" else "")


def claim_figures(ds: m.Dataset, ledger: Ledger, featured: computed.ReserveRow) -> tuple[ClaimFigure, ...]:
    """Every claim about the featured country's figures in this table, in dataset order."""
    stat = featured.reserves
    if stat is None:
        return ()
    check = computed.claim_checker(ds)
    sources = {s.id: s for s in ds.sources}
    metrics = {t.id: t.name for t in ds.vocabulary.metrics}
    figures = []
    for claim in ds.statistics:
        if not (claim.claim and claim.topic == stat.topic and claim.country == featured.code):
            continue
        data, text = _data(check, claim, featured)
        figures.append(_figure(claim, data, text, sources, metrics.get(claim.metric, claim.metric), ledger))
    return tuple(figures)


def _data(
    check: Callable[[m.Statistic], computed.Computed], claim: m.Statistic, featured: computed.ReserveRow
) -> tuple[m.Statistic | None, str | None]:
    """The table record a claim is checked against, and what it gives, as text."""
    if claim.metric in (computed.RESERVES, computed.PRODUCTION):
        same = featured.reserves if claim.metric == computed.RESERVES else featured.production.get(str(claim.period))
        return same, with_unit(same.value, same.marker, same.unit) if same is not None else None
    found = check(claim)
    if found.value is None:
        return found.data, None
    if claim.unit == "rank":
        return found.data, display(found.value)
    bound = "≤" if found.upper_bound else ""
    return found.data, f"{bound}{percent(float(found.value))} of {found.denominator}"


def _when(when: ClaimDate) -> str:
    """``3 December 2024``, ``as of January 2024`` or ``n.d.``."""
    if when.date is None:
        return NO_DATE
    return f"as of {in_words(when.date)}" if when.basis == "as of" else in_words(when.date)


def _figure(
    claim: m.Statistic,
    data: m.Statistic | None,
    text: str | None,
    sources: dict[str, m.Source],
    metric: str,
    ledger: Ledger,
) -> ClaimFigure:
    source_id = pv.source_of(claim) or ""
    source = sources.get(source_id)
    when = claim_date(sources, claim)
    data_source = sources.get(pv.source_of(data) or "") if data else None
    published = data_source.published if data_source else None
    who = source.publisher if source else source_id
    return ClaimFigure(
        metric=metric,
        says=with_unit(claim.value, claim.marker, claim.unit),
        who=f"{who}, citing {claim.attribution}" if claim.attribution else who,
        when=_when(when),
        data=text,
        data_published=in_words(published) if published else None,
        later=published_after(published, when.date),
        notes=ledger.cite(*pv.sources_of(claim, ("value",)), *(pv.sources_of(data, ("value",)) if data else ())),
        disputes=ledger.dispute(claim.id),
    )
