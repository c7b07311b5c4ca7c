"""Numbering a brief's source notes and its "where sources disagree" entries.

A note gets its number the first time a fact cites its source, so notes run
in reading order. A disagreement gets its number the first time a fact
whose record a discrepancy relates to is shown; its own note is assigned
when :meth:`Ledger.disagreements` is called, after every other section.
"""

from __future__ import annotations

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.listings.chronology import in_words
from silkcli.plain import Plain


class Note(Plain):
    """A numbered source: title, publisher, date and URL."""

    number: int
    title: str
    publisher: str
    published: str | None
    url: str


class Disagreement(Plain):
    """Where the sources disagree about a fact in the brief, and how the dataset resolves it."""

    number: int
    topic: str
    resolution: str
    notes: tuple[int, ...]


class Ledger:
    """Hands out note and disagreement numbers while a brief is built."""

    def __init__(self, ds: m.Dataset) -> None:
        self._sources = {s.id: s for s in ds.sources}
        self._about: dict[str, list[m.Discrepancy]] = {}
        for disc in ds.discrepancies:
            for rid in disc.related:
                self._about.setdefault(rid, []).append(disc)
        self._cited: dict[str, int] = {}
        self._disputed: dict[str, tuple[int, m.Discrepancy]] = {}

    def cite(self, *source_ids: str) -> tuple[int, ...]:
        """The note numbers of these sources (new ones numbered next), without repeats."""
        numbers = []
        for sid in source_ids:
            if sid not in self._sources:
                continue
            number = self._cited.setdefault(sid, len(self._cited) + 1)
            if number not in numbers:
                numbers.append(number)
        return tuple(numbers)

    def cite_fields(self, struct: object, *fields: str) -> tuple[int, ...]:
        """The note numbers of the sources that support these fields of a record (or nested struct).

        A sentence that combines facts from several sources cites each of
        them, and every number points at a source supporting one of its facts.
        """
        if not isinstance(struct, msgspec.Struct):
            return ()
        return self.cite(*pv.sources_of(struct, fields))

    def dispute(self, *record_ids: str) -> tuple[int, ...]:
        """The disagreement numbers of the discrepancies about these records."""
        numbers = []
        for rid in record_ids:
            for disc in self._about.get(rid, ()):
                number, _ = self._disputed.setdefault(disc.id, (len(self._disputed) + 1, disc))
                if number not in numbers:
                    numbers.append(number)
        return tuple(numbers)

    def disagreements(self) -> tuple[Disagreement, ...]:
        """The disagreements referred to so far, in number order (citing their sources now)."""
        ordered = sorted(self._disputed.values(), key=lambda item: item[0])
        return tuple(Disagreement(n, d.topic, d.resolution, self.cite_fields(d, "resolution")) for n, d in ordered)

    def notes(self) -> tuple[Note, ...]:
        """Every source cited so far, in number order."""
        ordered = sorted(self._cited.items(), key=lambda item: item[1])
        return tuple(_note(number, self._sources[sid]) for sid, number in ordered)


def inferred(struct: object, field: str) -> bool:
    """Whether every citation supporting ``field`` marks its value as inferred."""
    if not isinstance(struct, msgspec.Struct):
        return False
    cites = pv.supporting(struct, field)
    return bool(cites) and all(c.inferred for c in cites)


def _note(number: int, source: m.Source) -> Note:
    published = in_words(source.published) if source.published else None
    return Note(number, source.title, source.publisher, published, source.url)
