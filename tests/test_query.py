"""Pure selection and computed figures."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BUNDLED, TINY
from silkcli.dataset.load import load_dataset
from silkcli.dataset.model import PartialDate
from silkcli.errors import UsageError
from silkcli.listings import select as query
from silkcli.listings import shares as figures


@pytest.fixture(scope="module")
def ds():  # type: ignore[no-untyped-def]
    """The bundled dataset, loaded once."""
    return load_dataset(BUNDLED)


def test_resolve_is_case_insensitive_and_returns_dataset_spelling() -> None:
    """`MINING` selects `mining`."""
    assert query.resolve(["MINING", " ict "], ["mining", "ict", "health"], "sector") == {"mining", "ict"}


def test_resolve_suggests_the_closest_value_and_lists_the_valid_ones() -> None:
    """A typo names the likely value and every valid one."""
    with pytest.raises(UsageError) as info:
        query.resolve(["minning"], ["mining", "health"], "sector")
    assert str(info.value) == "unknown sector 'minning' (did you mean 'mining'?)\nvalid sector values: health, mining"


def test_partial_dates_match_only_when_their_whole_period_is_in_range() -> None:
    """June 2024 is inside --since 2024-06 but not inside --since 2024-06-10."""
    june = PartialDate.parse("2024-06")
    assert query.period("2024-06", None).contains(june.first(), june.last())
    assert not query.period("2024-06-10", None).contains(june.first(), june.last())
    assert query.period(None, "2024").contains(june.first(), june.last())
    assert query.period("2024", "2024").start == dt.date(2024, 1, 1)
    assert query.period("2024", "2024").end == dt.date(2024, 12, 31)


def test_bad_bound_is_a_usage_error() -> None:
    """--since 2024-13 names the option and the problem."""
    with pytest.raises(UsageError, match="--since: '2024-13' is not a possible date"):
        query.period("2024-13", None)


def test_repeated_values_or_and_different_filters_and(ds) -> None:  # type: ignore[no-untyped-def]
    """--sector a --sector b widens; adding --type narrows."""
    mining = query.documents(ds, sectors=frozenset({"mining"}))
    forestry = query.documents(ds, sectors=frozenset({"forestry"}))
    both = query.documents(ds, sectors=frozenset({"mining", "forestry"}))
    assert {d.id for d in both} == {d.id for d in mining} | {d.id for d in forestry}
    narrowed = query.documents(ds, sectors=frozenset({"mining", "forestry"}), types=frozenset({"protocol"}))
    assert narrowed == []


def test_summit_filter_counts_the_flagged_documents(ds) -> None:  # type: ignore[no-untyped-def]
    """--summit gives the ten summit documents and --no-summit the rest."""
    assert len(query.documents(ds, summit=True)) == sum(d.summit for d in ds.documents) == 10
    assert len(query.documents(ds, summit=False)) == len(ds.documents) - 10


def test_party_matches_a_country_code_or_part_of_a_body_name(ds) -> None:  # type: ignore[no-untyped-def]
    """--party takes a country code, a country name or text from a ministry's name."""
    by_text = query.documents(ds, parties=["forest service"])
    assert [d.id for d in by_text] == ["doc-forestry-mou"]
    by_code = query.documents(ds, parties=["kg"])
    assert len(by_code) >= 10
    with pytest.raises(UsageError, match="unknown party 'ministry of magic'"):
        query.documents(ds, parties=["ministry of magic"])


def test_events_are_oldest_first(ds) -> None:  # type: ignore[no-untyped-def]
    """The timeline is sorted by start date, month-precise before day-precise on the same start."""
    keys = [e.date.sort_key() for e in query.events(ds)]
    assert keys == sorted(keys)
    assert str(query.events(ds)[0].date) == "1992-01-31"


def test_event_filters_apply_with_and_without_dates(ds) -> None:  # type: ignore[no-untyped-def]
    """--country and --kind narrow the timeline whether or not --since/--until are given."""
    kinds = {e.kind for e in ds.events}
    assert len(kinds) > 1
    for kind in sorted(kinds):
        expected = [e.id for e in ds.events if e.kind == kind]
        assert sorted(e.id for e in query.events(ds, kinds=frozenset({kind}))) == sorted(expected)
        within = query.period("1900", "2100")
        assert sorted(e.id for e in query.events(ds, kinds=frozenset({kind}), within=within)) == sorted(expected)
    one_side = {e.id for e in ds.events if e.countries and "KR" not in e.countries}
    assert one_side and one_side.isdisjoint(e.id for e in query.events(ds, countries=frozenset({"KR"})))


def test_kyrgyzstan_reserves_rank_and_share(ds) -> None:  # type: ignore[no-untyped-def]
    """260,000 t ranks 4th; its share of the >2,000,000 t world total is an upper bound of 13%."""
    rows = {r.code: r for r in figures.reserve_rows(ds, figures.mineral_topics(ds)[0])}
    kg = rows["KG"]
    assert kg.reserves is not None and kg.reserves.value == 260_000
    assert kg.rank == 4
    assert kg.reserves_share == pytest.approx(13.0)
    assert kg.share_is_upper_bound
    assert kg.production_share == pytest.approx(0.02)
    assert [rows[c].rank for c in ("CN", "RU", "BO")] == [1, 2, 3]
    assert rows["GT"].rank is None  # NA reserves are not ranked


def test_ties_share_a_rank(ds) -> None:  # type: ignore[no-untyped-def]
    """Australia and Burma both hold 140,000 t and share 5th place; the next is 7th."""
    rows = {r.code: r for r in figures.reserve_rows(ds, figures.mineral_topics(ds)[0])}
    assert (rows["AU"].rank, rows["MM"].rank, rows["TR"].rank) == (5, 5, 7)


def test_claims_are_checked_against_the_table(ds) -> None:  # type: ignore[no-untyped-def]
    """The article's 0.05% of output is about 0.02% by the data."""
    claim = next(s for s in ds.statistics if s.claim and s.metric == "production-share")
    value, how, *_ = figures.claim_checker(ds)(claim)
    assert value == pytest.approx(0.02)
    assert how.startswith("mine production 2024")


def test_find_record_is_case_insensitive_with_did_you_mean() -> None:
    """`show` finds records by id in any kind and suggests near misses."""
    tiny = load_dataset(TINY)
    kind, record = query.find_record(tiny, tiny.documents[0].id.upper())
    assert (kind, record.id) == ("documents", tiny.documents[0].id)
    with pytest.raises(UsageError, match="did you mean"):
        query.find_record(tiny, tiny.documents[0].id[:-1])
