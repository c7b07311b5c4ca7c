"""What selection, rows, ``show``, referrers and ``search`` ask of a dataset: one protocol, two stores.

- :class:`MemoryStore` answers from the dataset's tuples: the bundled dataset and small files.
- :class:`~silkcli.dataset.cache.compiled.SqliteStore` answers from the SQLite entry a file over
  the size threshold is compiled into on its first load (the tables ``export -f sqlite`` writes).

Both give the same answers (``tests/test_store.py`` runs every listing through each and compares
the bytes). A field is named by its path in the model (``sectors``, ``parties.country``,
``amount.currency``); a list's items each count, and a store answers every field exactly,
whether it has an index for it or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, Protocol

from silkcli.dataset import model as m

#: A record (or source) with the name of its list.
Found = tuple[str, "m.Record | m.Source"]
#: A range of days, either end open (None): a record is in it when its date's first day is.
Between = tuple[dt.date | None, dt.date | None]
#: The lists ``--since``/``--until`` select by a date, and its field.
DATED = {"documents": "signed", "events": "date"}


class Store(Protocol):
    """What a query asks of a dataset's records (each list named as a field of :class:`~.model.Dataset`)."""

    def records(self, kind: str) -> Sequence[Any]:
        """Every record of the list, in file order."""

    def select(
        self, kind: str, where: Mapping[str, Collection[object]], *, starting: Between | None = None
    ) -> list[Any]:
        """The records of the list, in file order, whose every field of ``where`` holds one of its values
        (an empty collection asks nothing) and, with ``starting``, whose :data:`DATED` date starts in that range."""

    def by_ids(self, kind: str, ids: Collection[str]) -> dict[str, Any]:
        """The records of the list with these ids, by id (an id no record has is left out)."""

    def first_with_id(self, needle: str) -> Found | None:
        """The first record, in :func:`~.model.iter_records` order (sources last), whose lower-case id is ``needle``."""

    def naming(self, ident: str) -> Iterator[Found]:
        """The partnership and the records that name ``ident`` anywhere (:func:`~.model.named_ids`), in file order."""

    def holding(self, terms: Sequence[Sequence[str]]) -> Iterator[Found]:
        """In file order, the partnership, the records and the sources that may hold, for every term, one of
        its forms in any case (``agreements`` or ``agreement``): a superset, the caller tests each."""

    def values(self, kind: str, field: str) -> set[object]:
        """Every value the field takes in the list (a list's items each)."""


def record_strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a record's builtin form (``msgspec.to_builtins``) with its field path; a ``source``
    id is a reference, not text about the record."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "source":
                yield from record_strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from record_strings(item, f"{path}[{i}]")


def fold(text: str) -> str:
    """Text as the search index keeps it: case-folded, dotless i as i (what ``re.IGNORECASE`` equates, and more)."""
    return text.casefold().replace("ı", "i")


def search_text(record: Any) -> str:
    """The distinct words of a record's texts (:func:`record_strings`), folded: what the SQLite store's
    full-text index holds of it.

    A searched word has no space in it, so it is inside one of these words wherever the record holds
    it; each once is enough for an index that keeps no positions. Without the field names and the
    ids of sources that its JSON holds, it is half as long (at 10,000 generated documents).
    """
    import msgspec  # noqa: PLC0415 - only a compiled entry's writer needs it here

    texts = " ".join(v for _, v in record_strings(msgspec.to_builtins(record, enc_hook=m.encode_hook)))
    return " ".join(dict.fromkeys(fold(texts).split()))


def text_query(terms: Sequence[Sequence[str]]) -> str | None:
    """An FTS5 query of the trigram index for records that may hold, for each term, one of its forms: every
    trigram of the form, anywhere (the index keeps no positions, so it cannot ask for them in a row; the
    caller tests each record). A term with a form shorter than three characters is not asked; None means
    no term can be."""
    clauses = []
    for forms in terms:
        folded = [fold(form) for form in forms]
        if folded and all(len(f) >= 3 for f in folded):
            grams = [sorted({f[i : i + 3] for i in range(len(f) - 2)}) for f in folded]
            either = ["(" + " AND ".join('"' + g.replace('"', '""') + '"' for g in gram) + ")" for gram in grams]
            clauses.append("(" + " OR ".join(either) + ")")
    return " AND ".join(clauses) if clauses else None


def field_values(record: Any, path: Sequence[str]) -> list[object]:
    """The values at ``path`` in ``record``, a tuple's items each (``parties.country``: every party's)."""
    values = [record]
    for part in path:
        found: list[Any] = []
        for value in values:
            if value is None:
                continue
            item = getattr(value, part)
            if isinstance(item, tuple):
                found.extend(item)
            else:
                found.append(item)
        values = found
    return [v for v in values if v is not None]


def starts_in(date: m.PartialDate, between: Between) -> bool:
    """Whether a date's first day lies in the range."""
    first = date.first()
    start, end = between
    return (start is None or first >= start) and (end is None or first <= end)


def matches(record: Any, where: Mapping[str, Collection[object]], kind: str, starting: Between | None) -> bool:
    """Whether a record answers :meth:`Store.select`'s question."""
    for field, wanted in where.items():
        if wanted and not any(v in wanted for v in field_values(record, field.split("."))):
            return False
    return starting is None or starts_in(getattr(record, DATED[kind]), starting)


class MemoryStore:
    """The :class:`Store` of a dataset held whole in memory."""

    def __init__(self, ds: m.Dataset) -> None:
        self.ds = ds
        self._ids: dict[str, dict[str, Any]] = {}

    def records(self, kind: str) -> Sequence[Any]:
        """Every record of the list, in file order."""
        found: Sequence[Any] = getattr(self.ds, kind)
        return found

    def select(
        self, kind: str, where: Mapping[str, Collection[object]], *, starting: Between | None = None
    ) -> list[Any]:
        """The records of the list answering ``where`` and ``starting`` (see :class:`Store`)."""
        asked = {field: wanted for field, wanted in where.items() if wanted}
        return [r for r in self.records(kind) if matches(r, asked, kind, starting)]

    def by_ids(self, kind: str, ids: Collection[str]) -> dict[str, Any]:
        """The records of the list with these ids, by id."""
        every = self._ids.get(kind)
        if every is None:
            every = self._ids[kind] = {r.id: r for r in self.records(kind)}
        return {i: every[i] for i in ids if i in every}

    def first_with_id(self, needle: str) -> Found | None:
        """The first record (then source) whose id in lower case is ``needle``."""
        return next(((kind, r) for kind, r in m.iter_records(self.ds, sources=True) if r.id.lower() == needle), None)

    def naming(self, ident: str) -> Iterator[Found]:
        """The partnership and the records naming ``ident``."""
        for kind, record in m.iter_records(self.ds):
            if kind == "partnership" or ident in m.named_ids(record):
                yield kind, record

    def holding(self, terms: Sequence[Sequence[str]]) -> Iterator[Found]:
        """Every record and source: the caller tests each."""
        return m.iter_records(self.ds, sources=True)

    def values(self, kind: str, field: str) -> set[object]:
        """Every value the field takes in the list."""
        path = field.split(".")
        return {v for r in self.records(kind) for v in field_values(r, path)}


#: The store each loaded dataset answers from, by the dataset's id (held with it, so the id stays its own).
_STORES: dict[int, tuple[m.Dataset, Store]] = {}


def register(ds: m.Dataset, store: Store) -> None:
    """Answer ``ds``'s queries from ``store`` (a dataset read from a compiled entry)."""
    _STORES[id(ds)] = (ds, store)


def store_of(ds: m.Dataset) -> Store:
    """The store ``ds`` answers from: the one it was loaded with, or one over its tuples."""
    held = _STORES.get(id(ds))
    if held is None or held[0] is not ds:
        if len(_STORES) > 8:  # datasets made one after another (tests, the brief's checks) are not all kept
            _STORES.clear()
        store = MemoryStore(ds)
        _STORES[id(ds)] = (ds, store)
        return store
    return held[1]


class ById(Mapping[str, Any]):
    """A list's records by id, each asked of the store when first looked up (``--cite`` reads the sources it cites)."""

    def __init__(self, store: Store, kind: str) -> None:
        self._store, self._kind = store, kind
        self._seen: dict[str, Any] = {}
        self._missing: set[str] = set()

    def __getitem__(self, ident: str) -> Any:
        if ident not in self._seen and ident not in self._missing:
            found = self._store.by_ids(self._kind, (ident,))
            if ident in found:
                self._seen[ident] = found[ident]
            else:
                self._missing.add(ident)
        if ident in self._missing:
            raise KeyError(ident)
        return self._seen[ident]

    def __iter__(self) -> Iterator[str]:
        return (r.id for r in self._store.records(self._kind))

    def __len__(self) -> int:
        return len(self._store.records(self._kind))
