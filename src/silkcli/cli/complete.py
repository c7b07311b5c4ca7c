"""Shell completion of option values from the dataset (read through the caches).

Each completer's values come from :mod:`silkcli.dataset.cache.completion` when
fresh, else from the dataset (through the compiled cache), and are then kept
there. Everything is imported when a value is completed, not when a command is
built for ``--help``.
"""
# ruff: noqa: PLC0415 - 46 ms of every --help and completion (the dataset modules import msgspec): each waits for a value to complete

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from silkcli.dataset import model as m


def _data_path(ctx: typer.Context) -> Path:
    from silkcli.dataset.paths import bundled_path

    given = ctx.find_root().params.get("data") or os.environ.get("SILKCLI_DATA")
    return Path(given) if given else bundled_path()


def _dataset(path: Path) -> "m.Dataset | None":
    """The dataset at ``path``, or None: completion offers nothing rather than print an error or wait.

    A FIFO or device given to ``--data`` is never opened (reading one would freeze TAB until a writer came).
    """
    import stat

    from silkcli.dataset.load import load_dataset

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return load_dataset(path)
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return None


def _matching(values: Iterable[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    low = incomplete.lower()
    return [(v, h) for v, h in values if v.lower().startswith(low)]


def _iter_records(ds: "m.Dataset") -> "Iterable[tuple[str, m.Record | m.Source]]":
    from silkcli.dataset.model import iter_records

    return iter_records(ds, sources=True)


def _record_kinds() -> tuple[str, ...]:
    from silkcli.dataset.model import record_kinds

    return record_kinds(sources=True)


def _mineral_topics(ds: "m.Dataset") -> list[str]:
    from silkcli.listings.shares import mineral_topics

    return mineral_topics(ds)


def _from(
    name: str, pick: Callable[["m.Dataset"], Iterable[tuple[str, str]]]
) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from silkcli.dataset.cache import completion as complete_cache

        path = _data_path(ctx)
        values = complete_cache.get(path, name)
        if values is None:
            ds = _dataset(path)
            if ds is None:
                return []
            values = list(pick(ds))
            complete_cache.put(path, name, values)
        return _matching(values, incomplete)

    return complete


def _country_values(ds: "m.Dataset", *, signing: bool = False) -> list[tuple[str, str]]:
    """Codes with the name as help, then alpha-3 codes, names and short names (``Korea``) with the code as help."""
    from silkcli.listings.select import signing_countries

    codes = signing_countries(ds) if signing else None
    chosen = [c for c in ds.countries if codes is None or c.id in codes]
    return [
        *((c.id, c.name) for c in chosen),
        *((c.alpha3, c.name) for c in chosen if c.alpha3),
        *((c.name, c.id) for c in chosen),
        *((name, c.id) for c in chosen for name in c.also_called),
    ]


sectors = _from("sectors", lambda ds: ((s.id, s.name) for s in ds.sectors))
countries = _from("countries", _country_values)
#: --party: only the countries that signed something (a body's name is free text)
parties = _from("parties", lambda ds: _country_values(ds, signing=True))
types = _from("types", lambda ds: ((t.id, t.name) for t in ds.vocabulary.document_types))
statuses = _from("statuses", lambda ds: ((t.id, t.name) for t in ds.vocabulary.statuses))
roles = _from("roles", lambda ds: ((t.id, t.name) for t in ds.vocabulary.roles))
event_kinds = _from("event_kinds", lambda ds: ((t.id, t.name) for t in ds.vocabulary.event_kinds))
topics = _from("topics", lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics))
people = _from("people", lambda ds: [*((p.id, p.name) for p in ds.people), *((p.name, p.id) for p in ds.people)])
minerals = _from("minerals", lambda ds: ((t.id, t.name) for t in ds.vocabulary.topics if t.id in _mineral_topics(ds)))
#: show ID: every id, and the names of people and countries (which show also takes)
record_ids = _from(
    "record_ids",
    lambda ds: [
        *((r.id, kind) for kind, r in _iter_records(ds)),
        *((p.name, p.id) for p in ds.people),
        *((c.name, c.id) for c in ds.countries),
    ],
)
commitment_kinds = _from(
    "commitment_kinds",
    lambda ds: (
        ("agreed", "both sides agreed"),
        ("asked", "one side asked"),
        ("plans", "planned"),
        ("expects", "one side expects"),
    ),
)
record_kinds = _from("record_kinds", lambda ds: ((k, "") for k in _record_kinds()))


#: The filters of closed vocabularies, by command and parameter: their help lists the dataset's values.
CLOSED = {
    ("agreements", "type_"): types,
    ("agreements", "status"): statuses,
    ("leaders", "role"): roles,
    ("timeline", "kind"): event_kinds,
    ("commitments", "kind"): commitment_kinds,
    ("search", "kind"): record_kinds,
}


def closed_values(ctx: typer.Context, command: str, parameter: str) -> list[str]:
    """The values a closed-vocabulary filter takes (from the completion cache once cached), or none."""
    completer = CLOSED.get((command, parameter))
    return [value for value, _ in completer(ctx, "")] if completer is not None else []


def _listing_fields(command: str, ds: "m.Dataset") -> list[tuple[str, str]]:
    """The field names of a listing command, with their help, from the listing it builds on no records."""
    from silkcli.cli.commands import BY_NAME
    from silkcli.listings import figures, progress, search, shares
    from silkcli.listings.by_kind import kind_listing

    found = BY_NAME.get(command)
    topics = shares.mineral_topics(ds)
    if found is None:
        return []
    if found.lists is not None:
        listing = kind_listing(ds, found.lists, empty=True)
    elif found.name == "search":
        listing = search.search_listing(ds, "\0", frozenset({"partnership"}))
    elif found.name == "reserves" and topics:
        listing = figures.reserve_listing(ds, topics[0], countries=frozenset(), top=None)
    elif found.name == "progress":
        listing = progress.progress_listing(ds, ())
    else:
        listing = None
    return [(c.name, c.help) for c in listing.columns] if listing is not None else []


def fields(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Field names of this command for --fields and --sort; after a comma, the next name of the list."""
    command = ctx.info_name or ""
    done, _, last = incomplete.rpartition(",")
    complete = _from(f"fields-{command}", lambda ds: _listing_fields(command, ds))
    given = set(done.split(",")) if done else set()
    return [(f"{done},{v}" if done else v, h) for v, h in complete(ctx, last) if v not in given]


def formats(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The -f values this command writes: the reference formats only where they apply (``sources``)."""
    from silkcli.formats import Format

    command = ctx.info_name or ""
    offered = [
        (f.value, f"-o FILE{f.suffixes[0]}" if f.suffixes else "") for f in Format if not f.kinds or command in f.kinds
    ]
    return _matching(offered, incomplete)
