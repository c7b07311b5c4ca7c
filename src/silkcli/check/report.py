"""What a check finds: sentences, their claims, each claim's verdict and the sources behind it.

These values are the whole interface between finding (:mod:`silkcli.check.run`)
and the renderers: every output format is made from a :class:`Report` alone.
"""

from __future__ import annotations

import msgspec

from silkcli.choice import Choice


class Verdict(Choice):
    """How the data answers one claim: each verdict with what it means (the ClaimReview rating's
    description) and the colour a terminal writes it in (an SGR code)."""

    meaning: str
    color: str

    supported = ("supported", "a sourced fact states this value", "32")
    contradicted = ("contradicted", "the data gives another value, with its source", "1;31")
    disputed = ("disputed", "the sources disagree about it", "33")
    imprecise = ("imprecise", "close, but not the same claim", "33")
    not_covered = ("not covered", "nothing in the data bears on it", "2")


class Evidence(msgspec.Struct, frozen=True, kw_only=True):
    """One source and the verbatim quote from it that bears on a claim."""

    source: str
    title: str
    publisher: str
    published: str | None
    url: str
    quote: str
    #: the value follows from the quote without being written in it (the dataset says how)
    inferred: bool = False


class Side(msgspec.Struct, frozen=True, kw_only=True):
    """What one source says, in a dispute."""

    says: str
    evidence: Evidence


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    """One claim of a sentence and its verdict."""

    #: date, count, amount, share, rank, years, office, signatory or place
    kind: str
    #: the claim as the sentence writes it, and where (character offsets in the sentence)
    text: str
    start: int
    end: int
    verdict: Verdict
    #: one sentence: why this verdict
    why: str
    #: the value the data gives, where it differs from the claim
    right: str | None = None
    evidence: tuple[Evidence, ...] = ()
    #: the discrepancy record behind a dispute (or an imprecise claim), and each side
    discrepancy: str | None = None
    sides: tuple[Side, ...] = ()
    #: the records the verdict rests on
    records: tuple[str, ...] = ()


class Sentence(msgspec.Struct, frozen=True, kw_only=True):
    """One sentence of the text, where it starts (line 1 is the first), and its claims in order."""

    text: str
    line: int
    findings: tuple[Finding, ...]


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """A whole text, checked."""

    sentences: tuple[Sentence, ...]
    #: the dataset's title and version the claims were checked against
    dataset: str
    version: str
    #: the dataset's date (YYYY-MM-DD): the ClaimReview's datePublished
    updated: str

    @property
    def findings(self) -> list[Finding]:
        """Every claim, in reading order."""
        return [f for s in self.sentences for f in s.findings]

    def count(self, verdict: Verdict) -> int:
        """How many claims got ``verdict``."""
        return sum(1 for f in self.findings if f.verdict is verdict)
