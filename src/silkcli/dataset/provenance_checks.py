"""``validate``'s provenance rules: every fact is cited, and dates and numbers are in their quotes.

A day-precision date is stated only by a quote that also writes its year: a quote
with the month and day alone leaves the year to the reader, so its citation is
marked inferred. A citation marked inferred says ``how``, and for a date or a
number that ``how`` names the value it infers, so a reader sees what was inferred.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.written_forms import states_date, states_number, states_year
from silkcli.errors import suggest

Path_ = pv.Path_


class Report:
    """What the provenance check found, as it goes: problems, and how many values it checked against quotes."""

    def __init__(self) -> None:
        self.issues: list[pv.Issue] = []
        self.checked = 0
        self.inferred = 0


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
            report.issues.extend(_inferred_hows(struct, path, name, cites))
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
        if not _states(cite.quote, value):
            message = (
                f"the quote does not state {name} {_shown(value)}: cite one that does, or mark the citation inferred"
            )
            report.issues.append((cite_path(struct, path, cite), message, False))
        elif isinstance(value, m.PartialDate) and value.day is not None and not states_year(cite.quote, value):
            message = (
                f"the quote gives the day of {name} {value} but not its year: cite one that does, "
                "or mark the citation inferred and say how the year is known"
            )
            report.issues.append((cite_path(struct, path, cite), message, False))


def _states(text: str, value: object) -> bool:
    """Whether ``text`` writes ``value`` (a date as precisely as it is known, or a number)."""
    if isinstance(value, m.PartialDate):
        return states_date(text, value)
    return isinstance(value, int | float) and states_number(text, value)


def _inferred_hows(struct: msgspec.Struct, path: Path_, name: str, cites: tuple[m.Cite, ...]) -> Iterator[pv.Issue]:
    """Inferred citations of ``name`` that do not say how, or (a date or number) do not name the value inferred."""
    value = getattr(struct, name)
    checked = name in pv.checkable(type(struct))
    for cite in cites:
        if not cite.inferred:
            continue
        where = cite_path(struct, path, cite)[:-1] + ("how",) if cite.fields else path + ("evidence",)
        if not cite.how:
            yield where, f"an inferred citation says `how` it infers {name}", False
        elif checked and not _states(cite.how, abs(value) if isinstance(value, int | float) else value):
            yield where, f"`how` does not name the {name} it infers ({_shown(value)}): write it out", False


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
