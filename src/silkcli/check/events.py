"""Which dated record a sentence speaks of: an event, a document's signing, the partnership.

A sentence's frames (signing, summit, visit, relations …) and the people,
countries and documents it names pick the records; a claim with a year keeps
only the records of that year. When several records remain and the claim gives
no year, the summit of the partnership is meant if it is among them (the data
is about it, and articles leave its year to the context).
"""

from __future__ import annotations

import datetime as dt

from silkcli.check.context import Context
from silkcli.check.names import RECORDS
from silkcli.dataset import model as m
from silkcli.plain import Plain


class Target(Plain):
    """A dated record a claim may be about."""

    what: str
    record: m.Event | m.Document | m.Partnership
    start: m.PartialDate
    end: m.PartialDate | None
    field: str
    place: str | None
    #: the record the summit's documents were signed at (a signing in bulk)
    ids: tuple[str, ...]
    #: whether a different date contradicts the claim (the data cannot rule out another meeting or signing)
    firm: bool = True


def _event(e: m.Event, *, firm: bool = True) -> Target:
    return Target(e.title, e, e.date, e.end, "date", e.place, (e.id,), firm)


def targets(ds: m.Dataset, ctx: Context) -> list[Target]:
    """The dated records the sentence may speak of, most specific first (empty when none)."""
    events = {e.id: e for e in ds.events}
    summit = events.get(ds.partnership.summit)
    documents = [d for d in ctx.named("document") if d != RECORDS["joint_statement"]]
    if ctx.has("relations"):
        relations = events.get(ds.partnership.relations)
        return [_event(relations)] if relations else []
    if RECORDS["treaty"] in documents:
        return _double_taxation(ds, ctx)
    if documents and ctx.has("signing"):
        by_id = {d.id: d for d in ds.documents}
        return [Target(by_id[d].title, by_id[d], by_id[d].signed, None, "signed", None, (d,)) for d in documents]
    bulk = any(c.kind == "count" for c in ctx.claims) or RECORDS["joint_statement"] in ctx.named("document")
    parties = set(ds.partnership.parties)
    ours = not set(ctx.named("country")) - parties  # another country's signings are not in the data
    if ctx.has("signing") and summit and ours and (bulk or "partnership" in ctx.named("topic")):
        return [_event(summit)]
    for frame, kinds in (("summit", ("summit",)), ("meeting", ("summit", "meeting")), ("visit", ("visit",))):
        if ctx.has(frame):
            host = ds.partnership.parties[0]
            found = [_event(e, firm=frame != "meeting") for e in ds.events if e.kind in kinds and _fits(e, ctx, host)]
            if found:
                return found
    if "partnership" in ctx.named("topic"):
        p = ds.partnership
        return [Target(p.name, p, p.date, None, "date", p.venue, (p.id,))]
    if ctx.has("signing") and ours and parties & set(ctx.named("country")):
        return [Target(d.title, d, d.signed, None, "signed", None, (d.id,), False) for d in ds.documents]
    return []


def _fits(e: m.Event, ctx: Context, host: str) -> bool:
    """Whether the event has every person the sentence names, and every country but the host (the first party)."""
    people = set(ctx.named("person"))
    countries = set(ctx.named("country")) - {host}
    if not people and not countries:
        return False
    return people <= set(e.people) and countries <= set(e.countries)


def _double_taxation(ds: m.Dataset, ctx: Context) -> list[Target]:
    """The agreement (signed 2012, in force 2013) or its protocol (signed 2024, in force 2025)."""
    events = {e.id: e for e in ds.events}
    if ctx.has("protocol"):
        wanted = RECORDS["protocol_in_force"] if ctx.has("force") else None
        if wanted is None:
            doc = next(d for d in ds.documents if d.id == RECORDS["treaty"])
            return [Target(doc.title, doc, doc.signed, None, "signed", None, (doc.id,))]
    else:
        wanted = RECORDS["treaty_in_force"] if ctx.has("force") else RECORDS["treaty_signed"]
    return [_event(events[wanted])] if wanted in events else []


def narrowed(found: list[Target], year: int | None, ds: m.Dataset) -> list[Target]:
    """The targets a claim of ``year`` can be about: that year's, or the partnership's summit when no year is given."""
    if len(found) <= 1:
        return found
    if year is not None:
        return [t for t in found if t.start.year <= year <= (t.end or t.start).year]
    main = [t for t in found if ds.partnership.summit in t.ids]
    return main or found


def compare(span_year: int | None, month: int | None, day: int | None, target: Target) -> str:
    """``same``, ``differs`` or ``unknown`` (the data knows the date less precisely than the claim)."""
    first, last = target.start.first(), (target.end or target.start).last()
    year = span_year if span_year is not None else target.start.year
    if month is None:
        return "same" if first.year <= year <= last.year else "differs"
    try:
        low = dt.date(year, month, day or 1)
        high = low if day else (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
    except ValueError:
        return "unknown"
    if high < first or low > last:
        return "differs"
    coarse = target.start.precision == "year" or (day is not None and target.start.precision == "month")
    return "unknown" if coarse else "same"


MONTHS = "January February March April May June July August September October November December".split()


def written(date: m.PartialDate, end: m.PartialDate | None = None) -> str:
    """``3 December 2024``, ``December 2024``, ``2024``, or a range: ``2–4 December 2024``."""
    if end is not None and end.year == date.year and end.month == date.month and date.month and date.day and end.day:
        return f"{date.day}–{end.day} {MONTHS[date.month - 1]} {date.year}"
    if end is not None:
        return f"{written(date)} to {written(end)}"
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
