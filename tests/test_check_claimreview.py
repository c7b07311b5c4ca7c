"""`check -f claimreview` read by a real JSON-LD processor (PyLD), offline, as aggregators read it.

The schema.org context is given locally through PyLD's document loader, so the
test needs no network; the fields checked are those Google's ClaimReview
markup documentation requires (claimReviewed, reviewRating.alternateName, url)
and those it recommends (author, datePublished, itemReviewed as a Claim).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pyld import jsonld

from conftest import TESTS, run_cli

SCHEMA = "http://schema.org/"
CONTEXT = json.loads((TESTS / "data" / "check" / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
EXAMPLE = (
    "Kyrgyzstan, which holds 13% of the world's antimony, signed 12 agreements with Korea in Seoul on 4 December 2024."
)
PAGE = "https://example.org/factcheck/kyrgyzstan"


def _local(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The schema.org context from the test data; any other URL is refused (no network)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"the test asked for {url}")


@pytest.fixture(scope="module")
def expanded() -> list[dict[str, Any]]:
    """The example's reviews, expanded by PyLD."""
    result = run_cli("check", EXAMPLE, "-f", "claimreview", "--url", PAGE)
    assert result.exit_code == 0
    found: list[dict[str, Any]] = jsonld.expand(json.loads(result.stdout), {"documentLoader": _local})
    return found


def _value(node: dict[str, Any], name: str) -> Any:
    (item,) = node[SCHEMA + name]
    return item.get("@value", item.get("@id", item))


def test_one_claimreview_per_claim(expanded: list[dict[str, Any]]) -> None:
    """Four claims, four ClaimReview nodes, each at the page's own anchor."""
    assert [node["@type"] for node in expanded] == [[SCHEMA + "ClaimReview"]] * 4
    assert [_value(node, "url") for node in expanded] == [f"{PAGE}#claim-{n}" for n in range(1, 5)]


def test_google_required_fields_are_present(expanded: list[dict[str, Any]]) -> None:
    """claimReviewed is the sentence; reviewRating is a Rating whose alternateName is the verdict."""
    verdicts = []
    for node in expanded:
        assert _value(node, "claimReviewed") == EXAMPLE
        rating = _value(node, "reviewRating")
        assert rating["@type"] == [SCHEMA + "Rating"]
        verdicts.append(_value(rating, "alternateName"))
    assert verdicts == ["imprecise", "contradicted", "supported", "contradicted"]


def test_google_recommended_fields_are_present(expanded: list[dict[str, Any]]) -> None:
    """author has a name, datePublished is a date, itemReviewed is a Claim, and sources are citations."""
    for node in expanded:
        assert _value(_value(node, "author"), "name") == "silkcli"
        (published,) = node[SCHEMA + "datePublished"]
        assert published["@type"] == SCHEMA + "Date" and len(published["@value"]) == 10
        assert _value(node, "itemReviewed")["@type"] == [SCHEMA + "Claim"]
        citations = node[SCHEMA + "citation"]
        assert citations and all(c[SCHEMA + "url"][0]["@id"].startswith("http") for c in citations)
        assert all(c[SCHEMA + "text"][0]["@value"] for c in citations)


def test_a_contradicted_claim_is_rated_1_of_5(expanded: list[dict[str, Any]]) -> None:
    """The numeric scale runs from 1 (contradicted) to 5 (supported)."""
    date = _value(expanded[3], "reviewRating")
    assert [_value(date, k) for k in ("ratingValue", "worstRating", "bestRating")] == [1, 1, 5]
