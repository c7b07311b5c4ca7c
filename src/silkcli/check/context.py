"""What one sentence is about: the entities it names, the kinds of event it speaks of, and its claims."""

from __future__ import annotations

import re

from silkcli.check.claims import Claim, find_claims
from silkcli.check.names import Mention, Names
from silkcli.plain import Plain

#: The kinds of event and of figure a sentence can speak of, by the words that say so.
FRAMES = {
    "signing": r"\bsign|\binked?\b|\bconclud|체결|서명|맺|подпис|заключ",
    "summit": r"\bsummit|\btalks\b|정상회담|саммит|переговор",
    "meeting": r"\bmet\b|\bmeet|회담|만나|만났|встреч",
    "visit": r"\bvisit|방한|방문|визит|\barriv|прибы|\bcame to\b|\btrip\b|\btour\b|순방",
    "relations": r"diplomatic (?:relations|ties)|\bestablished (?:relations|ties)|수교|외교\s*관계|дипломатическ",
    "force": r"into force|in force|발효|вступ\w* в силу",
    "protocol": r"\bprotocol|\bamend|개정|протокол",
    "reserves": r"\breserve|매장|запас",
    "production": r"\bproduc|\boutput|\bmined?\b|\bmining output|생산|채굴|добыч|производ",
    "electricity": r"electric|\bpower\b|전력|발전|электроэнерг|электричеств",
    "mountains": r"mountain|산악|산지|\bгор",
}
_FRAMES = {name: re.compile(pattern, re.I) for name, pattern in FRAMES.items()}


class Context(Plain):
    """One sentence, the entities it names, its frames and its claims."""

    text: str
    mentions: tuple[Mention, ...]
    frames: frozenset[str]
    claims: tuple[Claim, ...]

    def named(self, kind: str) -> list[str]:
        """The ids of the entities of ``kind`` the sentence names, in order, once each."""
        return list(dict.fromkeys(n.id for n in self.mentions if n.kind == kind))

    def has(self, frame: str) -> bool:
        """Whether the sentence speaks of ``frame`` (see :data:`FRAMES`)."""
        return frame in self.frames

    def years(self) -> set[int]:
        """The years the sentence's dates write."""
        return {c.date.year for c in self.claims if c.date is not None and c.date.year is not None}


def read_sentence(text: str, names: Names) -> Context:
    """A sentence's context: what it names, what it speaks of, what it claims."""
    return Context(
        text,
        tuple(names.find(text)),
        frozenset(name for name, pattern in _FRAMES.items() if pattern.search(text)),
        tuple(find_claims(text)),
    )
