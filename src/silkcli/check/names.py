"""The entities a sentence names: countries, people, documents, topics and places.

Countries and people are found by every spelling the filters resolve
(:func:`silkcli.listings.select.country_choices` and
:func:`~silkcli.listings.select.person_choices`: codes, names, official names,
surnames), by the native names the data records, and by the Korean and Russian
spellings of the check's lexicon (``lexicon.json``: the sources' own, where they
give one). Documents, topics and places are found by the words of the lexicon.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from silkcli.dataset import model as m
from silkcli.listings import select
from silkcli.plain import Plain

#: The check's lexicon (``lexicon.json`` beside this module): the other spellings of the dataset's
#: records, the words for its documents, topics and places, and the records the check's rules name.
LEXICON: dict[str, dict[str, Any]] = json.loads(Path(__file__).with_name("lexicon.json").read_text(encoding="utf-8"))
PLACE_WORDS: dict[str, list[str]] = LEXICON["places"]
#: The record the check's rules name by role (``treaty``, ``joint_statement``, ``document_count`` …).
RECORDS: dict[str, str] = LEXICON["records"]


_NORTH = re.compile(r"(?:North\s+|북|Северн\w*\s+)$", re.I)


class Mention(Plain):
    """One entity named in a sentence: its kind, its id and where."""

    kind: str
    id: str
    start: int
    end: int


class Names:
    """Finds the entities a sentence names, with patterns built once per dataset.

    Every spelling but a code is matched in one pass over the lower-cased sentence (a case-sensitive
    alternation of literals lets ``re`` skip ahead by their first letters: with ``re.I`` and a pattern
    per entity, finding the names cost 2 ms a sentence, now 0.1 ms); Latin spellings must stand as
    whole words (``'s`` may follow), Korean and Russian ones are stems. Codes (``KR``, ``KGZ``) match
    in capitals only.
    """

    def __init__(self, ds: m.Dataset) -> None:
        countries = {c.id: [c.id, c.name or "", *c.aliases] for c in select.country_choices(ds)}
        for code, words in LEXICON["countries"].items():
            countries.setdefault(code, []).extend(words)
        people = {p.id: [p.name or "", *p.aliases] for p in select.person_choices(ds)}
        for person in ds.people:
            people[person.id] += [person.native_name] if person.native_name else []
        for pid, words in LEXICON["people"].items():
            people.setdefault(pid, []).extend(words)
        known = {d.id for d in ds.documents}
        tables: dict[str, Mapping[str, Sequence[str]]] = {
            "country": countries,
            "person": people,
            "document": {k: v for k, v in LEXICON["documents"].items() if k in known},
            "topic": LEXICON["topics"],
            "place": PLACE_WORDS,
        }
        owners: dict[str, dict[str, set[str]]] = {}
        self._codes: dict[str, str] = {}
        for kind, table in tables.items():
            for ident, spellings in table.items():
                for word in filter(None, spellings):
                    if kind == "country" and word.isascii() and word.isupper() and len(word) <= 3:
                        self._codes[word] = ident
                    else:
                        owners.setdefault(word.lower(), {}).setdefault(kind, set()).add(ident)
        # a spelling two entities of one kind share names neither (as the filters call it ambiguous)
        self._named = {w: [(k, min(ids)) for k, ids in kinds.items() if len(ids) == 1] for w, kinds in owners.items()}
        self._words = re.compile(_either(owners))
        self._code_pattern = re.compile(_either(self._codes))

    def find(self, sentence: str) -> list[Mention]:
        """Every entity ``sentence`` names, in order (an entity once per place it is named)."""
        lower = sentence.lower()
        if len(lower) != len(sentence):  # a letter whose lower case is longer ('İ'): keep the offsets
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sentence)
        found = []
        at = 0
        while match := self._words.search(lower, at):
            start, end = match.span()
            at = start + 1
            if match[0].isascii():
                end += 2 if lower.startswith("'s", end) else 0
                if (start and _WORDY.match(lower, start - 1)) or _WORDY.match(lower, end):
                    continue
            else:
                end = _word_end(lower, end)
            at = end
            for kind, ident in self._named[match[0]]:
                if not (kind == "country" and _NORTH.search(sentence, 0, start)):  # "North Korea" is another
                    found.append(Mention(kind, ident, start, end))
        for match in self._code_pattern.finditer(sentence):
            before = match.start() > 0 and _CODE_EDGE.match(sentence, match.start() - 1)
            if not before and not _CODE_EDGE.match(sentence, match.end()):
                found.append(Mention("country", self._codes[match[0]], match.start(), match.end()))
        return sorted(found, key=lambda n: (n.start, n.kind))


_WORDY = re.compile(r"\w")
_CODE_EDGE = re.compile(r"[\w$]")
_CYRILLIC_TAIL = re.compile(r"[а-яё]*")


def _word_end(lower: str, end: int) -> int:
    """Where a named word ends: a Russian stem's ending (``Сеул|е``) belongs to it."""
    if end and ("а" <= lower[end - 1] <= "я" or lower[end - 1] == "ё"):
        tail = _CYRILLIC_TAIL.match(lower, end)
        return tail.end() if tail else end
    return end


def _either(spellings: Iterable[str]) -> str:
    """An alternation of literal spellings, longest first (so ``sadyr japarov`` wins over ``japarov``)."""
    return "|".join(map(re.escape, sorted(set(spellings), key=len, reverse=True))) or "(?!)"
