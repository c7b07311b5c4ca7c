"""The brief's key figures and dates say what they rest on: rank out of what, share of what, later data."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import BUNDLED, TINY, tiny_with
from silkcli.brief import BriefFormat, render_brief
from silkcli.brief import wording as w
from silkcli.brief.content import Brief, build_brief
from silkcli.dataset.load import load_dataset

WIDE = 400


@pytest.fixture(scope="module")
def bundled() -> Brief:
    """The full brief of the bundled dataset, built once."""
    return build_brief(load_dataset(BUNDLED), full=True)


def _text(brief: Brief) -> str:
    return " ".join(render_brief(brief, BriefFormat.text, width=WIDE).split())


def test_rank_says_what_it_ranks_among(bundled: Brief) -> None:
    """'rank 4 of 13 countries with a reserve figure', the 4 NA countries and USGS's note on unlisted producers."""
    (chart,) = bundled.reserves
    assert (chart.rank, chart.ranked, chart.coverage.ranked, chart.coverage.unranked) == (4, 13, 13, 4)
    text = _text(bundled)
    assert "rank 4 of 13 countries with a reserve figure" in text
    assert (
        "Ranked among the 13 countries the source gives a reserve figure for; 4 more are listed without one (NA). "
        "U.S. Geological Survey: “In addition to the countries listed, antimony may have been produced in other "
        "countries.”" in text
    )


def test_production_share_names_its_year_and_what_it_is_a_share_of(bundled: Brief) -> None:
    """Kyrgyzstan's 2024e production is 0.02% of the rounded world total, and the 0.05% claim's disagreement shows."""
    (chart,) = bundled.reserves
    p = chart.production
    assert p is not None
    assert (p.period, p.amount, p.share, p.world) == ("2024", "20 t (estimate)", "0.02%", "100,000 t (estimate)")
    assert w.production_line(chart, p) == (
        "Mine production of Kyrgyzstan, 2024: 20 t (estimate), 0.02% of the world total (rounded) for 2024, "
        "100,000 t (estimate)."
    )
    topics = {d.number: d.topic for d in bundled.disagreements}
    assert "Kyrgyzstan's share of world antimony mine production" in [topics[n] for n in p.disputes]


def test_claims_beside_later_data_say_so(bundled: Brief) -> None:
    """A claim as of January 2024 is compared with MCS 2025, 'published January 2025, after the claim'; an
    estimate is said in words (not '13e%'); an undated claim is n.d."""
    (chart,) = bundled.reserves
    lines = [w.claim_line(c) for c in chart.claims]
    assert (
        "Share of world reserves: The Korea Herald, citing US Geological Survey (as of January 2024) says 13% "
        "(estimate); the data gives ≤13% of the world total (rounded), published January 2025, after the claim."
        in lines
    )
    assert (
        "Share of world mine production: The Korea Herald (n.d.) says 0.05%; the data gives 0.02% of the "
        "world total (rounded), published January 2025." in lines  # the article credits the USGS with the 13% only
    )
    assert "13e%" not in _text(bundled)


def test_data_published_before_the_claim_is_not_called_later(tmp_path: Path) -> None:
    """The tiny yearbook (2031-06) postdates the article (2031-05-14); dated 2031-04 it no longer does."""
    (claim,) = build_brief(load_dataset(TINY), full=True).reserves[0].claims
    assert claim.later is True and w.claim_line(claim).endswith("published June 2031, after the claim.")
    earlier = tiny_with(tmp_path, "    published: 2031-06\n", "    published: 2031-04\n")
    (claim,) = build_brief(load_dataset(earlier), full=True).reserves[0].claims
    assert claim.later is False and w.claim_line(claim).endswith(", published April 2031.")


def test_joint_statement_is_named_as_adopted_at_the_summit_not_one_of_the_ten(bundled: Brief) -> None:
    """The ten stay the ten; the joint statement gets its own line under them."""
    assert sum(len(g.documents) for g in bundled.sectors) == 10
    (joint,) = bundled.also_at_summit
    assert w.at_summit_line(joint, bundled.headline.summit_documents) == (
        "Also adopted at the summit, not one of the 10: Joint Statement on the Establishment of a Comprehensive "
        "Partnership between the Republic of Korea and the Kyrgyz Republic (Joint statement)."
    )
    for fmt in BriefFormat:
        seen = html.unescape(re.sub(r"<[^>]+>", "", render_brief(bundled, fmt, width=WIDE))).replace("\xa0", " ")
        assert "Also adopted at the summit, not one of the 10" in seen, fmt
    assert build_brief(load_dataset(TINY)).also_at_summit == ()  # issued after the summit


def test_undated_sources_and_partial_dates_say_so(bundled: Brief) -> None:
    """Notes cite an undated source as n.d.; timeline dates known to the month or year say which part is unknown."""
    herald = next(n for n in bundled.notes if n.url.endswith("ud=20241203050040"))
    assert w.note_line(herald) == "S. Korea, Kyrgyzstan ink Comprehensive Partnership. The Korea Herald, n.d."
    text = _text(bundled)
    assert "undated" not in text and "n.d.." not in text
    assert "1997-06 (day unknown) President Askar Akayev visits South Korea" in text  # a table column: ISO
