"""``search``: the records holding every word, in any case, a person's best first.

A word matches inside longer words, and an English plural also finds its singular
(``agreements``: ``agreement``). A record is one row, ranked by where its words are (in its
name or title first, then in its id, as whole words, together as a phrase), then by its BM25 score,
then in file order; its snippet is cut from its best text, and no two rows show the same one.
The store says which records may hold the words (the SQLite store from its FTS5 trigram index);
this module decides, the same way for every store.
"""

from __future__ import annotations

import itertools
import re
from operator import itemgetter

import msgspec

from silkcli.dataset import model as m
from silkcli.dataset.store import record_strings, store_of
from silkcli.listings.listing import Column, Listing, Row
from silkcli.plain import Plain

SEARCH_FIELDS = ("kind", "id", "title", "fields", "snippet")
#: Fields that name a record: a match there ranks first.
TITLE_FIELDS = frozenset({"name", "title", "topic", "label", "native_title", "native_name", "official_name"})
#: BM25's constants, as SQLite's FTS5 sets them.
_K1, _B = 1.2, 0.75


def word_forms(word: str) -> tuple[str, ...]:
    """A word and its English singular or plural (``agreements``: ``agreement``; ``company``: ``companies``).

    A word matches inside longer ones, so a singular already finds its plural in ``-s``.
    """
    lower = word.lower()
    if not (lower.isascii() and lower.isalpha() and len(lower) > 3):
        return (word,)
    if lower.endswith("ies"):
        return (word, word[:-3] + "y")
    if lower.endswith(("sses", "xes", "zes", "ches", "shes")):
        return (word, word[:-2])
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return (word, word[:-1])
    if lower.endswith("y") and lower[-2] not in "aeiou":
        return (word, word[:-1] + "ies")
    return (word,)


class _Hit(Plain):
    row: Row
    #: where it matched: in its name or title, in its id, as whole words, as the phrase
    tier: tuple[bool, bool, bool, bool]
    order: int
    #: how often each term occurs, and how many words there are: in what the row shows as its title, and in all of it
    counts: tuple[list[int], list[int]]
    lengths: tuple[int, int]
    #: the texts a snippet may come from, best first, each with what to show
    spots: list[tuple[str, re.Pattern[str]]]
    #: the record's other prose, for a snippet when every text holding the words is shown already
    prose: list[str]
    #: the BM25 scores of its title, and of all of it
    scores: tuple[float, float] = (0.0, 0.0)


class _Query:
    """The words of one search as patterns: each word (with its other form), and the phrase."""

    def __init__(self, text: str) -> None:
        self.words = text.split()
        self.forms = [word_forms(w) for w in self.words]
        self.terms = [re.compile("|".join(map(re.escape, forms)), re.IGNORECASE) for forms in self.forms]
        self.whole = [re.compile(rf"\b(?:{t.pattern})\b", re.IGNORECASE) for t in self.terms]
        self.phrase = re.compile(r"\s+".join(re.escape(w) for w in self.words), re.IGNORECASE)


def _hit(kind: str, record: m.Record | m.Source, query: _Query, order: int) -> _Hit | None:
    """How a record matches every term, or None when one term is missing from it."""
    strings = list(record_strings(msgspec.to_builtins(record, enc_hook=m.encode_hook)))
    matched = [[f for f, v in strings if t.search(v)] for t in query.terms]
    if not all(matched):
        return None
    fields = tuple(dict.fromkeys(f for found in matched for f in found))
    in_title = all(any(f in TITLE_FIELDS for f in found) for found in matched)
    in_id = all(t.search(record.id) for t in query.terms)
    words = all(any(w.search(v) for _, v in strings) for w in query.whole)
    whole = any(query.phrase.search(v) for _, v in strings)
    title = next((v for f, v in strings if f in TITLE_FIELDS), "") or next((v for f, v in strings if f == "text"), "")
    counts = (
        [len(t.findall(title)) for t in query.terms],
        [sum(len(t.findall(v)) for _, v in strings) for t in query.terms],
    )
    lengths = (len(title.split()), sum(len(v.split()) for _, v in strings))
    row: Row = {"kind": kind, "id": record.id, "title": title, "fields": fields, "snippet": ""}
    tier = (not in_title, not in_id, not words, not whole)
    prose = [v for _, v in strings if " " in v.strip()]
    return _Hit(row, tier, order, counts, lengths, _spots(strings, query), prose)


def _spots(strings: list[tuple[str, str]], query: _Query) -> list[tuple[str, re.Pattern[str]]]:
    """The texts a snippet may be cut from, best first: the words together; prose before a bare value (an
    id, a topic that is only the word); a name or title first; more of the words first; then in order."""
    found = []
    for index, (field, value) in enumerate(strings):
        hits = [t for t in query.terms if t.search(value)]
        if not hits:
            continue
        together = query.phrase.search(value) is not None
        bare = " " not in value.strip()
        key = (bare, not together, field not in TITLE_FIELDS, -len(hits), index)
        found.append((key, value, query.phrase if together else hits[0]))
    found.sort(key=itemgetter(0))
    return [(value, pattern) for _, value, pattern in found]


def _scored(hits: list[_Hit]) -> list[_Hit]:
    """Each hit with its BM25 scores, of the title its row shows and of all its text, over the hits' lengths.

    Every hit holds every word, so the words' rarity (the IDF) would weigh the same in each and is
    left out: it could only reorder by which word is rarer.
    """
    averages = [(sum(h.lengths[part] for h in hits) / len(hits) if hits else 0.0) or 1.0 for part in (0, 1)]
    return [hit._replace(scores=(_bm25(hit, 0, averages[0]), _bm25(hit, 1, averages[1]))) for hit in hits]


def _bm25(hit: _Hit, part: int, average: float) -> float:
    norm = _K1 * (1 - _B + _B * hit.lengths[part] / average)
    return sum(c * (_K1 + 1) / (c + norm) for c in hit.counts[part])


#: How far either side of a match a snippet reaches, tried in turn until it is one no earlier row shows.
_RADII = (40, 80, 160, 320)


def _snippets(hits: list[_Hit]) -> None:
    """Give each row the best snippet no earlier row shows: another text of the record, another match in
    it, more of the text around it, or the start of another of its texts (a statistic whose topic is the
    word shows its quote); none when every text of the record is shown already."""
    shown: set[str] = set()
    for hit in hits:
        tried = (
            snippet(value, match, radius)
            for radius in _RADII
            for value, pattern in hit.spots
            for match in pattern.finditer(value)
        )
        opening = (_opening(value) for value in hit.prose)
        text = next((s for s in itertools.chain(tried, opening) if s not in shown), "")
        hit.row["snippet"] = text
        shown.add(text)


def search_listing(ds: m.Dataset, text: str, kinds: frozenset[str] = frozenset()) -> Listing:
    """One row per record holding every word of ``text`` (any case; a plural finds its singular), best first."""
    query = _Query(text)
    found = (
        _hit(kind, record, query, order)
        for order, (kind, record) in enumerate(store_of(ds).holding(query.forms))
        if not kinds or kind in kinds
    )
    hits = _scored([h for h in found if h is not None])
    hits.sort(key=lambda h: (h.tier, -round(h.scores[0], 9), -round(h.scores[1], 9), h.order))
    _snippets(hits)
    helps = ("record kind", "record id", "its name or title", "fields that matched", "text around the match")
    priorities = (3, 1, 2, 4, 1)  # the name or title and the snippet wrap; the others never break
    columns = tuple(
        Column(n, h, get=itemgetter(n), prose=n in ("title", "snippet"), priority=p)
        for n, h, p in zip(SEARCH_FIELDS, helps, priorities, strict=True)
    )
    return Listing("matches", columns, SEARCH_FIELDS, [h.row for h in hits], highlight=text)


def _opening(value: str, size: int = 80) -> str:
    text = " ".join(value[: size + 1].split())
    return text if len(value) <= size else text[:size].rstrip() + "…"


def snippet(value: str, match: re.Match[str], radius: int = 40) -> str:
    """The match with up to ``radius`` characters either side, on one line."""
    start, end = max(0, match.start() - radius), min(len(value), match.end() + radius)
    text = " ".join(value[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(value) else "")
