"""schema.org ``ClaimReview`` JSON-LD, one review per claim: the form fact-check aggregators read.

Each review has what Google's ClaimReview documentation requires
(``claimReviewed``, ``reviewRating`` with the verdict as its ``alternateName``,
``url``) and what it recommends (``author``, ``datePublished``, and
``itemReviewed`` as a ``Claim``); the data's sources are the review's
``citation``s, each quote as the cited work's ``text``. The numeric rating runs
from 1 (contradicted) to 5 (supported); a claim the data does not cover has
no number, only its name.
"""

from __future__ import annotations

import json
from typing import Any

from silkcli.check.report import Evidence, Finding, Report, Sentence, Verdict

CONTEXT = "https://schema.org"
#: The numeric scale: 1 is false, 5 true (Google's documented example scale).
RATINGS = {Verdict.contradicted: 1, Verdict.disputed: 3, Verdict.imprecise: 3, Verdict.supported: 5}
AUTHOR = {"@type": "Organization", "name": "silkcli", "url": "https://pypi.org/project/silkcli/"}


def to_claimreview(report: Report, *, url: str = "") -> str:
    """A JSON array of ClaimReview objects; each ``url`` is ``url`` with the anchor ``#claim-N``."""
    reviews = []
    number = 0
    for sentence in report.sentences:
        for found in sentence.findings:
            number += 1
            reviews.append(review(found, sentence, report, url=f"{url}#claim-{number}"))
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def review(found: Finding, sentence: Sentence, report: Report, *, url: str) -> dict[str, Any]:
    """One claim's ClaimReview."""
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": found.verdict.value,
        "ratingExplanation": found.why + (f" Data: {found.right}." if found.right else ""),
        "description": found.verdict.meaning,
    }
    if found.verdict in RATINGS:
        rating |= {"ratingValue": RATINGS[found.verdict], "bestRating": 5, "worstRating": 1}
    evidence = [*found.evidence, *(s.evidence for s in found.sides)]
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "name": f"{found.text}: {found.verdict.value}",
        "claimReviewed": sentence.text,
        "reviewRating": rating,
        "itemReviewed": {"@type": "Claim", "text": found.text, "description": f"a {found.kind} claim"},
        "author": AUTHOR,
        "datePublished": report.updated,
        "isBasedOn": {"@type": "Dataset", "name": report.dataset, "version": report.version},
        "citation": [_cited(e) for e in dict.fromkeys(evidence)],
    }


def _cited(evidence: Evidence) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": evidence.title, "text": evidence.quote}
    if evidence.url:
        work["url"] = evidence.url
    if evidence.publisher:
        work["publisher"] = {"@type": "Organization", "name": evidence.publisher}
    if evidence.published:
        work["datePublished"] = evidence.published
    return work
