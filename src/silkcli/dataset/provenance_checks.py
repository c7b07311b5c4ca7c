"""``validate``'s provenance rules: every fact is cited, and dates and numbers are in their quotes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.written_forms import states_date, states_number
from silkcli.errors import suggest

Path_ = pv.Path_


@dataclass
class Report:
    """What the provenance check found: problems, and how many values it checked against quotes."""

    issues: list[pv.Issue] = field(default_factory=list)
    checked: int = 0
    inferred: int = 0


def check(ds: m.Dataset) -> Report:
    """Every provenance problem in ``ds``, and the count of dates and numbers checked."""
    report = Report()
    for path, struct in pv.cited_structs(ds):
        report.issues.extend(_named_fields(struct, path))
        for name, cites in pv.support_map(struct).items():
            if not cites:
                report.issues.append((path + (name,), f"no citation supports {name}", False))
            elif name in pv.checkable(type(struct)):
                _check_value(struct, path, name, cites, report)
    return report


def cite_path(struct: msgspec.Struct, path: Path_, cite: m.Cite) -> Path_:
    """Where a citation is written: the short form's ``evidence``, or ``cites[i].quote``."""
    extra: tuple[m.Cite, ...] = getattr(struct, "cites", ())
    for i, other in enumerate(extra):
        if other is cite:
            return path + ("cites", i, "quote")
    return path + ("evidence",)


def _named_fields(struct: msgspec.Struct, path: Path_) -> Iterator[pv.Issue]:
    facts = pv.fact_fields(type(struct))
    kind = type(struct).__name__.lower()
    for i, cite in enumerate(getattr(struct, "cites", ())):
        for j, name in enumerate(cite.fields):
            where = path + ("cites", i, "fields", j)
            if name not in facts:
                yield where, f"a {kind} has no fact field '{name}'{suggest(name, facts)}", False
            elif not pv.has_value(getattr(struct, name)):
                yield where, f"this {kind} has no value in '{name}' for the quote to support", False


def _check_value(struct: msgspec.Struct, path: Path_, name: str, cites: tuple[m.Cite, ...], report: Report) -> None:
    stated = [c for c in cites if not c.inferred]
    if not stated:
        report.inferred += 1
        return
    report.checked += 1
    value = getattr(struct, name)
    for cite in stated:
        found = states_date(cite.quote, value) if isinstance(value, m.PartialDate) else states_number(cite.quote, value)
        if not found:
            message = (
                f"the quote does not state {name} {_shown(value)}: cite one that does, or mark the citation inferred"
            )
            report.issues.append((cite_path(struct, path, cite), message, False))


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
