"""A deterministic generator of valid test datasets of any size (test-only).

Every record kind, every statistic marker and every date precision appear,
and text fields hold the values that trip YAML 1.1 and terminals: ``NO``,
``yes``, bare dates, ``12:30``, ``1.10``, ``null``, Rich markup, emoji codes,
CJK text, line breaks and edge spaces. The result is plain Python data in
schema order, ready for ``yaml.safe_dump`` or ``json.dumps``.
"""

from __future__ import annotations

import random
from typing import Any

MARKERS = ("none", "estimated", "approximate", "lower_bound", "not_available", "zero")
TRICKY = (
    "NO",
    "yes",
    "2024-12-03",
    "12:30",
    "1.10",
    "null",
    "~",
    "[bold red]not bold[/]",
    ":smile: [link=https://example.org]x[/link]",
    "中文 テキスト 한국어",
    "two\nlines",
    " edge spaces ",
    "#not a comment",
    "- not a list",
    "key: not a mapping",
)


def _date(rng: random.Random, precision: int) -> str:
    year, month, day = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
    return [f"{year:04d}", f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}-{day:02d}"][precision % 3]


def _text(rng: random.Random, label: str, i: int) -> str:
    return rng.choice(TRICKY) if i % 7 == 0 else f"{label} {i} {rng.randint(0, 10**6)}"


def _cite(rng: random.Random, i: int) -> dict[str, str]:
    return {"source": f"s{i % 3}", "evidence": _text(rng, "quote", i)}


def _base() -> dict[str, Any]:
    """Everything but the bulk record lists."""
    terms = {
        "document_types": ["mou", "treaty"],
        "statuses": ["signed", "in-force"],
        "event_kinds": ["summit", "visit"],
        "roles": ["president", "minister"],
        "topics": ["trade", "mining"],
        "metrics": ["turnover", "reserves"],
    }
    cite = {"source": "s0", "evidence": "stated"}
    return {
        "schema": "silkcli/1",
        "meta": {"title": "Generated", "version": "1", "updated": "2025-01-15"},
        "vocabulary": {k: [{"id": t, "name": t.title()} for t in ids] for k, ids in terms.items()},
        "sources": [
            {"id": f"s{i}", "title": f"Source {i}", "publisher": "P", "url": f"https://example.org/{i}", "published": p}
            for i, p in enumerate(["2024", "2024-06", "2024-06-30"])
        ],
        "countries": [
            {"id": "XA", "name": "Aldoria", **cite},
            {"id": "XB", "name": "Borvia", **cite},
            {"id": "NO", "name": "Norway", **cite},
        ],
        "sectors": [{"id": "mining", "name": "Mining", **cite}, {"id": "energy", "name": "Energy", **cite}],
        "people": [{"id": "p0", "name": "Anna", "country": "XA", "role": "president", "title": "President", **cite}],
        "partnership": {
            "id": "pa",
            "name": "Partnership",
            "parties": ["XA", "XB"],
            "date": "2024-12-03",
            "venue": "Aldor",
            "cites": [{"source": "s0", "quote": "on 3 December 2024", "fields": ["date"]}],
            "summit": "e0",
            "relations": "e0",
            **cite,
        },
    }


def _event(rng: random.Random, i: int) -> dict[str, Any]:
    event: dict[str, Any] = {"id": f"e{i}", "date": _date(rng, i), "title": _text(rng, "event", i), "kind": "visit"}
    if i % 2:
        event.update(countries=["XA", "NO"], people=["p0"], place=_text(rng, "place", i + 1))
    return {**event, **_cite(rng, i)}


def _document(rng: random.Random, i: int) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": f"d{i}",
        "title": _text(rng, "document", i),
        "type": "mou",
        "parties": [{"country": "XA", "body": None}, {"country": "NO", "body": "Ministry", "signatory": "p0"}],
        "sectors": ["mining", "energy"][: 1 + i % 2],
        "signed": _date(rng, i),
        "summit": i % 2 == 0,
        "status": "signed",
    }
    if i % 3 == 0:
        doc["milestones"] = [{"date": _date(rng, i + 1), "what": "in force", **_cite(rng, i)}]
        doc["amount"] = {"value": rng.randint(1, 10**9) / 100, "currency": "USD", "ceiling": True, **_cite(rng, i)}
    return {**doc, **_cite(rng, i)}


def _statistic(rng: random.Random, i: int) -> dict[str, Any]:
    marker = MARKERS[(i // 4) % len(MARKERS)]
    value: float | int | None = rng.choice([rng.randint(-(10**12), 10**12), rng.random() * 1000, 0.1 + 0.2])
    value = None if marker == "not_available" else 0 if marker == "zero" else value
    stat: dict[str, Any] = {"id": f"st{i}", "topic": "trade", "metric": "turnover"}
    if i % 2:
        stat["country"] = "NO"
    stat.update(period=_date(rng, i), value=value, unit="USD", marker=marker)
    return {**stat, **_cite(rng, i)}


def _other(rng: random.Random, i: int) -> tuple[str, dict[str, Any]]:
    if i % 3 == 0:
        text = _text(rng, "commitment", i)
        record = {"id": f"c{i}", "sector": "mining", "countries": ["XB"], "kind": "plans", "text": text}
        return "commitments", {**record, **_cite(rng, i)}
    if i % 3 == 1:
        return "quotes", {"id": f"q{i}", "person": "p0", "text": _text(rng, "said", i), **_cite(rng, i)}
    claims = [{"says": _text(rng, "claim", i + k), **_cite(rng, i + k)} for k in range(2)]
    record = {"id": f"x{i}", "topic": "t", "summary": "s", "resolution": "r", "claims": claims, "related": ["e0"]}
    return "discrepancies", {**record, **_cite(rng, i)}


def generate(records: int, *, seed: int = 0) -> dict[str, Any]:
    """A valid dataset with about ``records`` records, the same for the same seed."""
    rng = random.Random(seed)
    data = _base()
    lists: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("documents", "commitments", "events", "statistics", "quotes", "discrepancies")
    }
    lists["events"].append(_event(rng, 0))
    for i in range(1, max(records - 8, 1)):
        kind = i % 4
        if kind == 0:
            lists["events"].append(_event(rng, i))
        elif kind == 1:
            lists["documents"].append(_document(rng, i))
        elif kind == 2:
            lists["statistics"].append(_statistic(rng, i))
        else:
            name, record = _other(rng, i)
            lists[name].append(record)
    for name in ("documents", "events", "statistics"):
        for record in lists[name]:
            _mark_inferred(record)
            for stone in record.get("milestones", ()):
                _mark_inferred(stone)
            if "amount" in record:
                _mark_inferred(record["amount"])
    data.update(lists)
    return data


#: The fields whose values ``validate`` looks for in their quotes.
CHECKED = ("date", "end", "signed", "period", "value")


def _mark_inferred(item: dict[str, Any]) -> None:
    """Cite an item's dates and numbers as inferred, each saying the value: generated quotes do not state them."""
    item["cites"] = [
        {
            "source": item["source"],
            "quote": item["evidence"],
            "fields": [name],
            "inferred": True,
            "how": f"Generated test data: the quote does not state the value, {_spoken(item[name])}.",
        }
        for name in CHECKED
        if item.get(name) is not None
    ]
    if not item["cites"]:
        del item["cites"]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
_MONTHS += ("November", "December")


def _spoken(value: object) -> str:
    """A value as ``validate`` reads it in a sentence: ``3 December 2024``, ``June 2024``, ``2024``, ``500``."""
    text = str(value)
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text
