"""Numbering the source notes of a check: a note is a source and a quote, numbered where first cited."""

from __future__ import annotations

from silkcli.check.report import Evidence, Finding, Report


class Notes:
    """The numbered notes of a report, in reading order (each finding's evidence, then its sides)."""

    def __init__(self, report: Report) -> None:
        self._numbers: dict[tuple[str, str], int] = {}
        self.notes: list[Evidence] = []
        for found in report.findings:
            for evidence in (*found.evidence, *(s.evidence for s in found.sides)):
                key = (evidence.source, evidence.quote)
                if key not in self._numbers:
                    self._numbers[key] = len(self.notes) + 1
                    self.notes.append(evidence)

    def number(self, evidence: Evidence) -> int:
        """The note number of ``evidence``."""
        return self._numbers[(evidence.source, evidence.quote)]

    def of(self, found: Finding) -> list[int]:
        """The note numbers of a finding's own evidence."""
        return [self.number(e) for e in found.evidence]


def cited_as(evidence: Evidence, *, url: bool = True) -> str:
    """``Title. Publisher, 2024-12-03. URL``: a note's source line (``url=False``: without the URL)."""
    when = f", {evidence.published}" if evidence.published else ""
    publisher = f" {evidence.publisher}{when}." if evidence.publisher else ""
    return f"{evidence.title}.{publisher} {evidence.url if url else ''}".rstrip()
