"""Computed shares: what each column is a share of, for which year, and why it can add up to more than 100%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BUNDLED, TINY, run_cli, tiny_with
from silkcli.dataset.load import load_dataset
from silkcli.dataset.model import Dataset
from silkcli.listings import shares


def _bases(ds: Dataset) -> tuple[shares.ShareBasis, shares.ShareBasis]:
    topic = shares.mineral_topics(ds)[0]
    return shares.share_bases(ds, topic, shares.reserve_rows(ds, topic))


def test_bundled_share_columns_say_why_they_add_up_to_more_than_100() -> None:
    """Against USGS's rounded totals the reserve shares add up to 112.8% and the 2024e production shares to 104.0%."""
    reserves, production = _bases(load_dataset(BUNDLED))
    assert (reserves.denominator, production.denominator) == ("the world total (rounded)", "the world total (rounded)")
    assert production.period == "2024e" and reserves.period is None
    assert shares.sum_note(reserves) == (
        "reserve shares add up to 112.8%, not 100%: each is a share of the world total (rounded), >2,000,000 t, "
        "and the listed countries alone add up to 2,255,000 t"
    )
    assert shares.sum_note(production) == (
        "production shares 2024 (estimate) add up to 104.0%, not 100%: each is a share of the world total (rounded), "
        "100,000 t (estimate), and the listed countries alone add up to 103,960 t"
    )


def test_a_column_within_100_percent_has_no_note(tmp_path: Path) -> None:
    """The tiny table's shares add up to less than 100%: no note; a world total below the listed sum gets one."""
    assert [shares.sum_note(b) for b in _bases(load_dataset(TINY))] == [None, None]
    small = tiny_with(tmp_path, "    period: 2030\n    value: 9000\n", "    period: 2030\n    value: 7000\n")
    _, production = _bases(load_dataset(small))
    assert production.period == "2030"
    assert shares.sum_note(production) == (
        "production shares 2030 add up to 114.3%, not 100%: each is a share of the world total, 7,000 t, "
        "and the listed countries alone add up to 8,000 t"
    )


def test_reserves_listing_names_the_production_share_year_and_marks_estimates() -> None:
    """The production share column is prod_2024_share_pct, 'e' where it rests on an estimate; stderr says why >100%."""
    result = run_cli("reserves", "--country", "KG", "-f", "json", "--verbose", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert "prod_share_pct" not in row
    assert row["prod_2024_share_pct"] == pytest.approx(0.02)
    assert row["prod_2024_share_pct_marker"] == "estimated"
    assert "note: shares are of the world total (rounded) as the source gives it, not of the listed countries' sum" in (
        result.stderr
    )
    assert "production shares 2024 (estimate) add up to 104.0%, not 100%" in result.stderr
    assert "reserve shares add up to 112.8%, not 100%" in result.stderr
    table = run_cli("reserves", "--country", "KG", "-f", "table", "--width", "160").stdout
    assert "prod 2024 share pct" in table and "0.02 % (estimate)" in table


def test_stats_say_when_the_data_was_published_after_the_claim() -> None:
    """The article's 'as of January' claims meet MCS 2025, published later; an undated claim's order is unknown."""
    result = run_cli("stats", "--topic", "antimony", "-f", "json", env={"COLUMNS": "200"})  # the note on one line
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    share = rows["sb-claim-reserves-share-kg-article"]
    assert (share["computed_later"], share["as_of"]) == (True, "2024-01")
    undated = rows["sb-claim-production-share-kg-article"]
    assert undated["computed_later"] is None and undated["as_of"] is None
    assert rows["sb-reserves-kg"]["computed_later"] is None  # not a claim
    assert result.stderr == (
        "note: 1 claim is compared with data published after it "
        "(Mineral Commodity Summaries 2025: Antimony, published January 2025): see computed_later\n"
    )
    fields = "id,computed_from,computed_published"
    detail = {r["id"]: r for r in json.loads(run_cli("stats", "--fields", fields, "-f", "json").stdout)}
    assert detail["sb-claim-production-share-kg-article"] == {
        "id": "sb-claim-production-share-kg-article",
        "computed_from": "mine production 2024e / the world total (rounded)",
        "computed_published": "2025-01",
    }


def test_rank_coverage_counts_come_from_the_table() -> None:
    """13 countries have a reserve figure and 4 are listed without one; USGS's note on unlisted producers is found."""
    ds = load_dataset(BUNDLED)
    topic = shares.mineral_topics(ds)[0]
    table = [s for s in ds.statistics if s.topic == topic and s.metric == shares.RESERVES and s.country and not s.claim]
    assert (
        shares.coverage(shares.reserve_rows(ds, topic))
        == (
            sum(s.value is not None for s in table),
            sum(s.value is None for s in table),
        )
        == (13, 4)
    )
    found = shares.unlisted_note(ds, topic)
    assert found is not None
    assert found[0] == "In addition to the countries listed, antimony may have been produced in other countries"
    assert shares.unlisted_note(load_dataset(TINY), "zinc") is None
