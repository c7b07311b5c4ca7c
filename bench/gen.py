"""Generate a valid silkcli dataset of N documents, as YAML and as JSON (benchmark-only).

Per 100 documents there are 10 people, 20 events, 20 commitments and one
source (at least 3 of each), all cross-referenced the way the bundled dataset
is, so ``silkcli validate`` accepts the result. The same ``--seed`` gives the
same bytes. Text is written directly (``yaml.dump`` of 100,000 records would
take minutes): every string is a JSON string, which is also a valid YAML
double-quoted scalar, and ids and dates are written plain as in the bundled
file.

    python bench/gen.py 10000 -o /tmp/d10k                  # d10k.yaml and d10k.json
    python bench/gen.py 1000000 -o /tmp/d1m --json-only     # d1m.json only
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SECTORS = (
    "mining",
    "energy",
    "hydropower",
    "agriculture",
    "health",
    "education",
    "transport",
    "finance",
    "trade-investment",
    "digital",
    "culture",
    "tourism",
    "water",
    "forestry",
    "taxation",
)
COUNTRIES = {
    "KR": "Republic of Korea",
    "KG": "Kyrgyz Republic",
    "KZ": "Kazakhstan",
    "UZ": "Uzbekistan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "MN": "Mongolia",
    "JP": "Japan",
    "CN": "China",
    "RU": "Russia",
    "TR": "Türkiye",
    "DE": "Germany",
    "FR": "France",
    "US": "United States",
    "IN": "India",
    "AZ": "Azerbaijan",
    "GE": "Georgia",
    "AM": "Armenia",
    "AF": "Afghanistan",
    "PK": "Pakistan",
}
VOCABULARY = {
    "document_types": ("mou", "moc", "protocol", "framework-agreement", "cooperation-program", "joint-statement"),
    "statuses": ("signed", "adopted", "in-force"),
    "event_kinds": ("visit", "summit", "meeting", "treaty", "announcement"),
    "roles": ("president", "minister", "official", "ambassador"),
    "topics": ("antimony", "trade"),
    "metrics": ("reserves", "mine-production"),
}
BODIES = (
    "Ministry of Foreign Affairs",
    "Ministry of Trade, Industry and Energy",
    "Ministry of Economy and Commerce",
    "Ministry of Natural Resources, Ecology and Technical Supervision",
    "Ministry of Energy",
    "Korea Eximbank",
    "Cabinet of Ministers",
)
WORDS = (
    "cooperation agreement memorandum framework development programme joint critical minerals energy "
    "investment loan grant hydropower plant railway corridor digital health education training exchange "
    "water forestry tourism culture customs taxation finance infrastructure pilot project feasibility study "
    "국제 협력 에너지 광물 개발 Кыргызстан сотрудничество энергетика"
).split()
#: The word one document in a thousand (number ``RARE_AT`` modulo 1000) has in its title, and nothing else.
RARE_WORD, RARE_AT = "antimony", 7
PER_100 = {"people": 10, "events": 20, "commitments": 20, "sources": 1}


def counts(documents: int) -> dict[str, int]:
    """How many records of each generated kind go with ``documents`` documents."""
    return {"documents": documents} | {kind: max(3, documents * n // 100) for kind, n in PER_100.items()}


class Records:
    """The generated records, drawn from one seeded random stream."""

    def __init__(self, documents: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = counts(documents)

    def words(self, low: int, high: int) -> str:
        """A phrase of ``low`` to ``high`` words."""
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def date(self) -> str:
        """A date known to the day (mostly), the month or the year."""
        year, month, day = self.rng.randint(1992, 2030), self.rng.randint(1, 12), self.rng.randint(1, 28)
        precision = self.rng.random()
        if precision < 0.8:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}" if precision < 0.95 else f"{year:04d}"

    def cite(self) -> dict[str, str]:
        """A source id and an evidence quote."""
        return {"source": f"src-{self.rng.randrange(self.n['sources']):05d}", "evidence": self.words(5, 12)}

    def person_id(self) -> str:
        """The id of one generated person."""
        return f"person-{self.rng.randrange(self.n['people']):06d}"

    def source(self, i: int) -> dict[str, Any]:
        """Source ``i``."""
        return {
            "id": f"src-{i:05d}",
            "title": self.words(3, 9).capitalize(),
            "publisher": self.rng.choice(("Korea Herald", "AKIpress", "Yonhap", "24.kg", "USGS")),
            "url": f"https://example.org/news/{i}",
            "published": self.date(),
            "language": self.rng.choice(("en", "ko", "ru", "ky")),
        }

    def person(self, i: int) -> dict[str, Any]:
        """Person ``i``."""
        country = self.rng.choice(tuple(COUNTRIES))
        role = self.rng.choice(VOCABULARY["roles"])
        record = {
            "id": f"person-{i:06d}",
            "name": f"{self.rng.choice(WORDS).capitalize()} {self.rng.choice(WORDS).capitalize()}",
            "country": country,
            "role": role,
            "title": f"{role.capitalize()} of {COUNTRIES[country]}",
        }
        return record | self.cite()

    def event(self, i: int) -> dict[str, Any]:
        """Event ``i``."""
        record: dict[str, Any] = {
            "id": f"ev-{i:06d}",
            "date": self.date(),
            "title": self.words(4, 10).capitalize(),
            "kind": self.rng.choice(VOCABULARY["event_kinds"]),
            "countries": self.rng.sample(tuple(COUNTRIES), 2),
        }
        if i % 3 == 0:
            record["people"] = [self.person_id()]
        if i % 4 == 0:
            record["place"] = self.rng.choice(("Seoul", "Bishkek", "Busan", "Osh"))
        return record | self.cite()

    def document(self, i: int) -> dict[str, Any]:
        """Document ``i``: two parties, one to three sectors, sometimes milestones and an amount."""
        record: dict[str, Any] = {"id": f"doc-{i:07d}", "title": self.words(4, 9).capitalize()}
        if i % 1000 == RARE_AT:  # one document in a thousand holds a word nothing else does, for `search`
            record["title"] += f" {RARE_WORD}"
        if i % 3 == 0:
            record["native_title"] = self.words(3, 6)
            record["title_is_translation"] = True
        parties = [{"country": "KR", "body": self.rng.choice(BODIES)}, {"country": "KG", "body": None}]
        if i % 2 == 0:
            parties[1] = {"country": "KG", "body": self.rng.choice(BODIES), "signatory": self.person_id()}
        record |= {
            "type": self.rng.choice(VOCABULARY["document_types"]),
            "parties": parties,
            "sectors": self.rng.sample(SECTORS, self.rng.randint(1, 3)),
            "signed": self.date(),
            "summit": i % 5 == 0,
            "status": self.rng.choice(VOCABULARY["statuses"]),
        }
        if i % 5 == 1:
            record["milestones"] = [{"date": self.date(), "what": "Entry into force"} | self.cite()]
        if i % 10 == 2:
            value = self.rng.randint(1, 5000) * 100_000
            record["amount"] = {"value": value, "currency": "USD", "ceiling": i % 20 == 2} | self.cite()
        record |= self.cite()
        if i % 4 == 3:
            record["note"] = self.words(6, 14).capitalize() + "."
        return record

    def commitment(self, i: int) -> dict[str, Any]:
        """Commitment ``i``, about one of the documents."""
        record = {
            "id": f"c-{i:06d}",
            "sector": self.rng.choice(SECTORS),
            "countries": ["KR", "KG"][: self.rng.randint(1, 2)],
            "kind": self.rng.choice(("agreed", "asked", "plans")),
            "text": self.words(6, 14).capitalize() + ".",
            "document": f"doc-{self.rng.randrange(self.n['documents']):07d}",
        }
        return record | self.cite()


def sections(documents: int, seed: int) -> Iterator[tuple[str, Any]]:
    """The dataset's top-level keys and values, in schema order."""
    gen = Records(documents, seed)
    n = gen.n
    yield "schema", "silkcli/1"
    meta = {"title": f"Generated benchmark dataset ({documents} documents)", "version": f"bench-{seed}"}
    yield "meta", meta | {"updated": "2025-01-15"}
    yield "vocabulary", {k: [{"id": t, "name": _name(t)} for t in v] for k, v in VOCABULARY.items()}
    yield "sources", [gen.source(i) for i in range(n["sources"])]
    yield "countries", [{"id": c, "name": name} | gen.cite() for c, name in COUNTRIES.items()]
    yield "sectors", [{"id": s, "name": _name(s)} | gen.cite() for s in SECTORS]
    yield "people", [gen.person(i) for i in range(n["people"])]
    partnership = {"id": "partnership", "name": "Generated partnership", "parties": ["KR", "KG"]}
    partnership |= {"date": "2024-12-03", "venue": "Seoul", "summit": "ev-000000", "relations": "ev-000001"}
    yield "partnership", partnership | gen.cite()
    yield "documents", (gen.document(i) for i in range(n["documents"]))
    yield "commitments", (gen.commitment(i) for i in range(n["commitments"]))
    yield "events", (gen.event(i) for i in range(n["events"]))


def _name(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return value if _plain(value) else json.dumps(value, ensure_ascii=False)


def _plain(text: str) -> bool:
    """Ids, codes and dates are written unquoted, as people write them."""
    return bool(text) and text[0].isalnum() and all(c.isalnum() or c in "-._/" for c in text) and text.isascii()


def yaml_lines(value: Any, indent: str = "") -> Iterator[str]:
    """Block-style YAML for the nested dicts, lists and scalars the generator makes."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                yield f"{indent}{key}:\n"
                yield from yaml_lines(item, indent + "  ")
            else:
                yield f"{indent}{key}: {_scalar(item)}\n"
    else:
        for item in value:
            if isinstance(item, dict):
                lines = list(yaml_lines(item, indent + "  "))
                yield f"{indent}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{indent}- {_scalar(item)}\n"


def write(documents: int, stem: Path, *, seed: int = 1, yaml: bool = True) -> tuple[Path | None, Path]:
    """Write ``STEM.yaml`` (unless ``yaml`` is false) and ``STEM.json``, the same records, record by
    record (no file's text is ever held whole), and return their paths."""
    yaml_path, json_path = stem.with_suffix(".yaml"), stem.with_suffix(".json")
    with contextlib.ExitStack() as files:
        y = files.enter_context(yaml_path.open("w", encoding="utf-8")) if yaml else None
        j = files.enter_context(json_path.open("w", encoding="utf-8"))
        if y is not None:
            y.write(f"# silkcli benchmark dataset: {documents} documents, seed {seed} (bench/gen.py)\n")
        j.write("{")
        for n, (key, value) in enumerate(sections(documents, seed)):
            j.write(",\n" if n else "\n")
            if isinstance(value, (dict, list)) or not hasattr(value, "__next__"):
                if y is not None:
                    y.writelines(yaml_lines({key: value}))
                j.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
                continue
            if y is not None:
                y.write(f"{key}:\n")
            j.write(f"{json.dumps(key)}: [")
            for i, record in enumerate(value):
                if y is not None:
                    y.writelines(yaml_lines([record], "  "))
                j.write((",\n  " if i else "\n  ") + json.dumps(record, ensure_ascii=False))
            j.write("\n]")
        j.write("\n}\n")
    return (yaml_path if yaml else None), json_path


def main(argv: list[str] | None = None) -> None:
    """Command line: ``gen.py N [-o STEM] [--seed S] [--json-only]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", type=int, help="number of documents")
    parser.add_argument("-o", "--output", type=Path, help="path without suffix [default: ./bench-N]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json-only", action="store_true", help="write the JSON file only (1,000,000 documents)")
    args = parser.parse_args(argv)
    written = write(
        args.documents, args.output or Path(f"bench-{args.documents}"), seed=args.seed, yaml=not args.json_only
    )
    for path in written:
        if path is not None:
            print(f"{path} ({path.stat().st_size / 2**20:.1f} MiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
