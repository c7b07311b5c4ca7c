"""What each kind of record is called and how it is shown, derived from the model: nothing here is kept by hand.

A kind is a list of :class:`~silkcli.dataset.model.Dataset` (``documents``), the
partnership or the sources, and also a vocabulary (``document_types``), or
``records`` (any record), as references name them. A new kind added to the model
is named and labelled here without an edit.
"""

from __future__ import annotations

import re

from silkcli.dataset import model as m

#: The fields that name a record for a person, in the order one is chosen as its label (a link's text).
LABEL_FIELDS = ("name", "title", "label", "text", "topic")


def record_class(kind: str) -> type[m.Record] | type[m.Source]:
    """The class of one record of ``kind`` (``partnership``, a list of :class:`Dataset`, or ``sources``)."""
    if kind == "partnership":
        return m.Partnership
    if kind == "sources":
        return m.Source
    return m.record_type(kind)


def _words(class_name: str) -> str:
    """``EventKind`` as ``event kind``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower()


def one_of(plural: str) -> str:
    """``document_types`` as ``document type``, ``statuses`` as ``status``."""
    words = plural.replace("_", " ")
    if words.endswith("ses"):
        return words[:-2]
    return words[:-3] + "y" if words.endswith("ies") else words.removesuffix("s")


def singular(kind: str) -> str:
    """What one item of ``kind`` is called: ``people`` a person (its class's name), ``statuses`` a status."""
    if kind == "records":
        return "record"
    if kind in m.Vocabulary.__annotations__:
        return one_of(kind)
    return _words(record_class(kind).__name__)


def label_field(kind: str) -> str:
    """The field that names a record of ``kind`` for a person: the first of :data:`LABEL_FIELDS` it has."""
    fields = record_class(kind).__struct_fields__
    return next(name for name in LABEL_FIELDS if name in fields)


def all_kinds() -> tuple[str, ...]:
    """Every record kind (the partnership, each list of the dataset, the sources), in file order."""
    return m.record_kinds(sources=True)


def named_kinds() -> tuple[str, ...]:
    """Every kind a reference can name: the record kinds, the vocabularies and ``records`` (any record)."""
    return (*all_kinds(), *m.Vocabulary.__annotations__, "records")


#: What one item of each kind is called, for the tables that want a mapping.
SINGULAR: dict[str, str] = {kind: singular(kind) for kind in named_kinds()}
