"""What one sentence is about: the entities it names, the kinds of event it speaks of, and its claims."""

from __future__ import annotations

import re

from silkcli.check.claims import Claim, find_claims
from silkcli.check.names import Mention, Names
from silkcli.plain import Plain

#: The kinds of event and of figure a sentence can speak of, by the stems of the words that say so
#: (lower case; a Latin or Cyrillic stem starts a word, one marked ``=`` is the whole word).
FRAMES = {
    "signing": ("sign", "=ink", "=inks", "=inked", "conclud", "체결", "서명", "맺", "подпис", "заключ"),
    "summit": ("summit", "=talks", "정상회담", "саммит", "переговор"),
    "meeting": ("=met", "=meet", "meets", "meeting", "회담", "만나", "만났", "встреч"),
    "visit": ("visit", "방한", "방문", "визит", "arriv", "прибы", "came to", "=trip", "=tour", "순방"),
    "relations": ("diplomatic relations", "diplomatic ties", "established relations", "established ties", "수교",
                  "외교 관계", "외교관계", "дипломатическ"),
    "force": ("into force", "in force", "발효", "в силу"),
    "protocol": ("protocol", "amend", "개정", "протокол"),
    "reserves": ("reserve", "매장", "запас"),
    "production": ("produc", "output", "=mine", "=mined", "생산", "채굴", "добыч", "производ"),
    "electricity": ("electric", "=power", "전력", "발전", "электроэнерг", "электричеств"),
    "mountains": ("mountain", "산악", "산지", "гор"),
}  # fmt: skip
_STEMS: dict[str, list[tuple[str, bool]]] = {}
for _frame, _stems in FRAMES.items():
    for _stem in _stems:
        _STEMS.setdefault(_stem.lstrip("="), []).append((_frame, _stem.startswith("=")))
#: One alternation of literals over the lower-cased sentence, longest first ("re" skips ahead by first letters).
_FRAME_WORDS = re.compile("|".join(map(re.escape, sorted(_STEMS, key=len, reverse=True))))
_STARTS_WORD = re.compile(r"[a-zа-яё]")
_WORDY = re.compile(r"\w")


def frames_of(text: str) -> frozenset[str]:
    """The frames (see :data:`FRAMES`) a sentence speaks of."""
    lower = text.lower()
    found: set[str] = set()
    at = 0
    while match := _FRAME_WORDS.search(lower, at):
        start, end = match.span()
        at = start + 1
        if _STARTS_WORD.match(match[0]) and start and _WORDY.match(lower, start - 1):
            continue
        found.update(frame for frame, whole in _STEMS[match[0]] if not (whole and _WORDY.match(lower, end)))
    return frozenset(found)


class Context(Plain):
    """One sentence, the entities it names, its frames and its claims."""

    text: str
    mentions: tuple[Mention, ...]
    frames: frozenset[str]
    claims: tuple[Claim, ...]
    #: the ids of the entities of each kind, in order, once each (the judges ask for them again and again)
    by_kind: dict[str, list[str]]

    def named(self, kind: str) -> list[str]:
        """The ids of the entities of ``kind`` the sentence names, in order, once each."""
        return self.by_kind.get(kind, [])

    def has(self, frame: str) -> bool:
        """Whether the sentence speaks of ``frame`` (see :data:`FRAMES`)."""
        return frame in self.frames

    def years(self) -> set[int]:
        """The years the sentence's dates write."""
        return {c.date.year for c in self.claims if c.date is not None and c.date.year is not None}


def read_sentence(text: str, names: Names) -> Context:
    """A sentence's context: what it names, what it speaks of, what it claims."""
    mentions = tuple(names.find(text))
    by_kind: dict[str, list[str]] = {}
    for mention in mentions:
        ids = by_kind.setdefault(mention.kind, [])
        if mention.id not in ids:
            ids.append(mention.id)
    return Context(text, mentions, frames_of(text), tuple(find_claims(text)), by_kind)
