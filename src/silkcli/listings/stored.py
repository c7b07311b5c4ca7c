"""The bundled dataset's listings, kept ready as rows: answering a listing command without the model.

The wheel build (``hatch_build.py``) runs every listing command without filters over the bundled
dataset and writes, beside its compiled copy, each command's listing with every row holding the
values it prints (:func:`rows_file`), the values each row's filters match (its *keys*), and the
choices those filters' values are read against. A run on the bundled dataset answers from those
rows when it can (:func:`answer`): the values are read by the same :mod:`~silkcli.listings.names`
rules and the rows kept are the ones the model's selection keeps, so the answer is the same listing
(``tests/test_stored.py`` compares every command, filter value and format through both). Reading
them imports neither msgspec nor the model; a query at a terminal then costs what drawing it costs.

A query the rows cannot answer exactly is answered from the dataset as usual: a filter they keep no
key for (a date, ``--summit``, a signatory), a value that names no choice (the error is the
selection's), a party named by a ministry's name, ``--cite`` and a ``--cite`` column named with
``--fields`` or ``--sort`` (their values depend on the fields shown: the rows keep them as the default
fields show them), and an answer with no row (what an empty answer means is worked out from the
records).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from silkcli.errors import UsageError
from silkcli.listings.listing import Column, Entry, Listing, Value
from silkcli.listings.names import Choice, lookup, resolve
from silkcli.plain import Plain


class Filter(Plain):
    """What one filter of a command asks of the stored rows: its values name ``choices`` (a list that
    :func:`silkcli.cli.stored_rows.choices_of` writes with the rows), and a row is kept when its key ``key``
    holds one of the ids they name."""

    choices: str
    key: str
    #: the word its errors use for a value (``--type`` reads a ``type``)
    what: str
    #: each value names one choice as it is (``--party``, where a text with commas may name a ministry)
    whole: bool = False


#: Per listing command, the filters the stored rows answer, by parameter name; any other filter given is
#: answered from the dataset. A record kind's keys are the model's field paths (``parties.country``).
FILTERS: dict[str, dict[str, Filter]] = {
    "agreements": {
        "sector": Filter("sectors", "sectors", "sector"),
        "type_": Filter("document_types", "type", "type"),
        "status": Filter("statuses", "status", "status"),
        "party": Filter("countries", "parties.country", "party", whole=True),
    },
    "leaders": {"country": Filter("countries", "country", "country"), "role": Filter("roles", "role", "role")},
    "timeline": {
        "country": Filter("countries", "countries", "country"),
        "kind": Filter("event_kinds", "kind", "kind"),
    },
    "commitments": {
        "sector": Filter("sectors", "sector", "sector"),
        "country": Filter("countries", "countries", "country"),
        "kind": Filter("commitment_kinds", "kind", "kind"),
    },
    "quotes": {"person": Filter("people", "person", "person")},
}

_MAGIC = "silkcli-rows"


class Stored(Plain):
    """One command's listing as the rows file keeps it."""

    listing: Listing
    #: per row, the ids each filter key holds
    keys: tuple[Mapping[str, Collection[str]], ...]
    #: the choices of the command's filters, by name
    choices: Mapping[str, Sequence[Choice]]
    #: the columns whose values depend on the fields shown (``--cite``'s source, URL, quotes and citations):
    #: each row keeps those the listing shows by default as they are with its default fields, no other
    bound: frozenset[str]


def answer(
    data: bytes, key: Sequence[str], command: str, given: Mapping[str, Any], shown: Collection[str]
) -> Listing | None:
    """``command``'s listing for the filters ``given`` (parameter names to values, None when not given),
    from the rows file ``data`` if it was written for ``key`` and answers the query exactly; else None.

    ``shown``: the fields the output options name (``--fields``, ``--sort``), or ``cite`` for ``--cite``: a
    query that names a column bound to the fields shown is answered from the dataset.
    """
    asked = {name: value for name, value in given.items() if value not in (None, (), [])}
    filters = FILTERS.get(command, {})
    if any(name not in filters for name in asked):
        return None
    stored = _read(data, key, command)
    if stored is None or stored.bound.intersection(shown):
        return None
    try:
        named = {filters[name].key: _ids(value, filters[name], stored.choices) for name, value in asked.items()}
    except UsageError:  # the dataset's selection says what is wrong, as it always does
        return None
    where = {key: ids for key, ids in named.items() if ids is not None}
    if len(where) < len(named):
        return None
    rows = [row for row, keys in zip(stored.listing.rows, stored.keys, strict=True) if _holds(keys, where)]
    return stored.listing._replace(rows=rows) if rows else None


def _ids(values: Sequence[str], spec: Filter, choices: Mapping[str, Sequence[Choice]]) -> frozenset[str] | None:
    """The ids ``values`` name, as the command's own selection reads them; None where they might not."""
    valid = choices[spec.choices]
    if not spec.whole:
        return resolve(values, valid, spec.what)
    found = [lookup(value, valid, spec.what) if value.strip() else None for value in values]
    return None if None in found else frozenset(i for i in found if i is not None)


def _holds(keys: Mapping[str, Collection[str]], where: Mapping[str, Collection[str]]) -> bool:
    """Whether a row's keys hold, for every filter, one of its ids (as the store's selection asks)."""
    return all(any(v in ids for v in keys.get(key, ())) for key, ids in where.items())


# --- the file: a header line, then one line per command ("name<TAB>json") ---


def rows_file(key: Sequence[str], listings: Mapping[str, Stored]) -> bytes:
    """The rows file of ``listings`` (by command name), for the dataset version ``key``."""
    lines = [json.dumps([_MAGIC, *key])]
    for command, stored in listings.items():
        listing = stored.listing
        body = {
            "listing": {
                "kind": listing.kind,
                "columns": [_column_data(c) for c in listing.columns],
                "default": listing.default,
                "rows": [{name: _value_data(v) for name, v in row.items()} for row in listing.rows],
                "notes": listing.notes,
                "bar": listing.bar,
                "as_of": listing.as_of,
            },
            "keys": [{k: sorted(v) for k, v in keys.items()} for keys in stored.keys],
            "choices": {name: [c._values() for c in found] for name, found in stored.choices.items()},
            "bound": sorted(stored.bound),
        }
        lines.append(f"{command}\t{json.dumps(body, ensure_ascii=False, separators=(',', ':'))}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _read(data: bytes, key: Sequence[str], command: str) -> Stored | None:
    """``command``'s stored listing, if ``data`` is a rows file for ``key`` that holds one (any damage is a miss)."""
    head, _, rest = data.partition(b"\n")
    start = b"\n" + rest
    at = start.find(b"\n" + command.encode() + b"\t")
    try:
        if at < 0 or json.loads(head) != [_MAGIC, *key]:
            return None
        end = start.find(b"\n", at + 1)
        body = json.loads(start[at + len(command) + 2 : end if end >= 0 else len(start)])
        return _stored(body)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _stored(body: Mapping[str, Any]) -> Stored:
    found = body["listing"]
    listing = Listing(
        found["kind"],
        tuple(_column(c) for c in found["columns"]),
        tuple(found["default"]),
        [{name: _value(v) for name, v in row.items()} for row in found["rows"]],
        notes=tuple(found["notes"]),
        bar=found["bar"],
        as_of=found["as_of"],
    )
    if len(body["keys"]) != len(listing.rows):
        raise ValueError("a key per row")
    choices = {name: [_choice(c) for c in items] for name, items in body["choices"].items()}
    return Stored(listing, tuple(body["keys"]), choices, frozenset(body["bound"]))


def _column_data(column: Column) -> dict[str, object]:
    """A column as the file keeps it: its declaration without the getter."""
    return {name: value for name, value in zip(column._fields, column._values(), strict=True) if name != "get"}


def _column(data: Mapping[str, Any]) -> Column:
    names = tuple((code, name) for code, name in data.get("names", ()))
    return Column(**{**data, "names": names})


def _value_data(value: Value) -> object:
    """A row's value as JSON: a list of entries as objects (``text``, ``data``), so strings stay strings."""
    if isinstance(value, tuple):
        return [{"text": v.text, "data": dict(v.data)} if isinstance(v, Entry) else v for v in value]
    return value


def _value(data: Any) -> Value:
    if isinstance(data, list):
        return tuple(Entry(v["text"], v["data"]) if isinstance(v, dict) else v for v in data)
    return data  # type: ignore[no-any-return]


def _choice(data: Sequence[Any]) -> Choice:
    ident, name, aliases, readings = data
    return Choice(ident, name, tuple(aliases), tuple((spelling, note) for spelling, note in readings))


def bound_to_fields(column: Column) -> bool:
    """Whether a column's values depend on the fields a row shows (its getter is told them: ``for_fields``)."""
    return getattr(column.get, "for_fields", None) is not None
