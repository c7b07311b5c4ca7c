"""Each fact about a record kind is said once, on the model: every table derived from it covers every kind."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import msgspec
import pytest

from conftest import BUNDLED, run_cli
from silkcli.cli.commands import COMMANDS
from silkcli.cli.listing_cmds import kind_words
from silkcli.dataset import kinds
from silkcli.dataset import model as m
from silkcli.dataset.load import load_dataset
from silkcli.dataset.tables.layout import layout
from silkcli.listings.by_kind import kind_listing
from silkcli.listings.listing import KIND_LISTINGS, Column, Listing, lists
from silkcli.publish import datasette

KINDS = kinds.all_kinds()


def _reference_targets(cls: type, seen: set[type]) -> Iterator[tuple[str, str]]:
    """Every ``refers_to`` target declared in ``cls`` and the Structs it holds, with its description."""
    if cls in seen:
        return
    seen.add(cls)
    for hint in typing.get_type_hints(cls, include_extras=True).values():
        stack = [hint]
        while stack:
            kind = stack.pop()
            for meta in getattr(kind, "__metadata__", ()):
                if isinstance(meta, msgspec.Meta) and meta.extra and "refers_to" in meta.extra:
                    yield meta.extra["refers_to"], meta.description or ""
            stack.extend(typing.get_args(kind))
            if m.is_struct_type(kind):
                yield from _reference_targets(kind, seen)


def test_every_list_of_the_dataset_is_a_kind() -> None:
    """The kinds are the partnership, every list of records in Dataset, and the sources, in file order."""
    lists = [name for name, hint in typing.get_type_hints(m.Dataset).items() if typing.get_origin(hint) is tuple]
    assert KINDS == ("partnership", *(name for name in lists if name != "sources"), "sources")


def test_every_kind_a_reference_names_has_a_singular() -> None:
    """Every target a model field refers to is named in the singular (an unknown one would be a KeyError)."""
    found = dict(_reference_targets(m.Dataset, set()))
    assert found and set(found) <= set(kinds.SINGULAR)
    assert all(kinds.SINGULAR[t] and kinds.SINGULAR[t] != t for t in found)
    # the schema's words for a reference agree with the singular derived from the model
    assert [t for t, text in found.items() if f" {kinds.singular(t)}" not in text] == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_label_field(kind: str) -> None:
    """Each kind has a field that names one record for a person (a link's text in Datasette)."""
    assert kinds.label_field(kind) in kinds.record_class(kind).__struct_fields__


def test_child_tables_name_their_owner_in_the_singular_and_keep_every_field() -> None:
    """No published table has a column called 'owner': each child table's owner column is its kind's singular
    (``quote_id`` in ``quotes_cites``, whose entries each hold a ``quote``), and no field of an entry is left out."""
    tables = layout()
    owned = [t for t in tables if t.owner is not None]
    for table in owned:
        singular = kinds.singular(table.owner or "")
        fields = {f.name for f in msgspec.structs.fields(table.element)} if m.is_struct_type(table.element) else set()
        assert table.columns[0].name == (f"{singular}_id" if singular in fields else singular), table.name
        assert fields <= {c.field[0] for c in table.columns}, table.name
    assert all(c.name != "owner" for t in tables for c in t.columns)
    quote_cites = next(t for t in owned if t.name == "quotes_cites")
    assert quote_cites.names[:4] == ("quote_id", "position", "source", "quote")


def test_datasette_labels_every_record_table() -> None:
    """Every record table gets its kind's label field as its label column in Datasette's metadata."""
    tables = datasette.metadata(load_dataset(BUNDLED))["databases"]["partnership"]["tables"]
    for kind in KINDS:
        assert tables[kind]["label_column"] == kinds.label_field(kind), kind
        assert tables[kind]["label_column"] in tables[kind]["columns"]


def test_every_kind_but_the_partnership_has_a_listing_command() -> None:
    """A new kind's command entry says which kind it lists; every kind has one (the partnership is `show`'s)."""
    assert {c.lists for c in COMMANDS if c.lists} == set(KINDS) - {"partnership"}


@pytest.mark.parametrize("kind", KINDS)
def test_search_kind_takes_each_word_for_a_kind(kind: str) -> None:
    """`search --kind` takes the kind, its singular and the commands that list it, and no word names two kinds."""
    words = (kind, *kind_words(kind))
    assert kinds.singular(kind) in words
    for word in words:
        result = run_cli("search", "antimony", "--kind", word, "-f", "tsv", "--fields", "kind")
        assert result.exit_code == 0, result.stderr
        assert set(result.stdout.splitlines()[1:]) <= {kind}
    others = {w for k in KINDS if k != kind for w in (k, *kind_words(k))}
    assert not others & set(words)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_but_the_partnership_has_a_listing(kind: str) -> None:
    """Each kind's listing (read for --fields completion and the published descriptions) exists, with columns."""
    listing = kind_listing(load_dataset(BUNDLED), kind, empty=True)
    if kind == "partnership":
        assert listing is None
    else:
        assert listing is not None and listing.columns


@pytest.mark.parametrize("kind", [k for k in KINDS if k in KIND_LISTINGS and KIND_LISTINGS[k][1]])
def test_a_kind_listing_lists_every_record_of_its_kind(kind: str) -> None:
    """The listing a builder declares for its kind (``@lists``) is built on that kind's records, one row each."""
    ds = load_dataset(BUNDLED)
    listing = kind_listing(ds, kind)
    assert listing is not None and len(listing.rows) == len(getattr(ds, kind)) > 0


def test_declaring_a_builder_with_lists_is_all_a_new_kind_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """CONTRIBUTING's recipe: a builder decorated ``@lists(KIND)`` is the listing completion and the published
    descriptions read, with no other list to edit (shown on quotes, with a stand-in builder)."""
    monkeypatch.setitem(KIND_LISTINGS, "quotes", KIND_LISTINGS["quotes"])  # put back after the test

    @lists("quotes")
    def visit_listing(ds: m.Dataset, found: typing.Sequence[m.Quote]) -> Listing:
        """A listing with one column, of the ids of ``found``."""
        return Listing("visits", (Column("id", "visit id", get=lambda q: q.id),), ("id",), list(found))

    ds = load_dataset(BUNDLED)
    listing = kind_listing(ds, "quotes")
    assert listing is not None and listing.kind == "visits" and len(listing.rows) == len(ds.quotes)
    assert [c.name for c in kind_listing(ds, "quotes", empty=True).columns] == ["id"]  # type: ignore[union-attr]
