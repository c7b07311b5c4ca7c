"""A text (plain or Markdown) as sentences, each with the line it starts on.

Markdown's block marks (``#`` headings, ``-``/``*``/``1.`` list items, ``>``
quotes) and inline marks (``**``, ``_``, `` ` ``, ``[text](url)``) are taken
off; fenced code blocks are left out. A blank line, a heading or a list item
ends a sentence; within a paragraph a sentence ends at ``.``, ``!``, ``?`` or
``。`` followed by a space, except after a short abbreviation (``Dec.``,
``Mr.``, ``U.S.``) or an initial.
"""

from __future__ import annotations

import bisect
import re

from silkcli.plain import Plain

_BLOCK_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_END = re.compile(r"[.!?。](?:[\"'”’)\]]*)(?=\s+)")
#: The longest sentence read as one: a longer run (a text without full stops) is cut at a space before this many
#: characters, so a hostile 1 MiB line costs what a long draft does (the judges compare a sentence's claims pairwise).
MAX_SENTENCE = 1000
_SPACES = re.compile(r"\s*")
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st no vs etc e.g i.e u.s u.n approx gen prof"
    " г им т.е ул".split()
)


class Line(Plain):
    """One sentence and the line of the text it starts on (the first line is 1)."""

    text: str
    line: int


def sentences(text: str) -> list[Line]:
    """The sentences of ``text``, in order, with Markdown marks taken off."""
    found: list[Line] = []
    for block, first_line in _blocks(text):
        found += [Line(s, first_line + n) for s, n in _split(block)]
    return found


def _blocks(text: str) -> list[tuple[list[str], int]]:
    """Paragraphs as their lines (marks taken off), each with its first line number."""
    blocks: list[tuple[list[str], int]] = []
    current: list[str] = []
    start, fenced = 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            raw = ""
        marked = _BLOCK_MARK.match(raw) is not None
        line = "" if fenced else _INLINE.sub("", _LINK.sub(r"\1", _BLOCK_MARK.sub("", raw))).strip()
        if (not line or marked) and current:
            blocks.append((current, start))
            current = []
        if line:
            if not current:
                start = number
            current.append(line)
    if current:
        blocks.append((current, start))
    return blocks


def _split(lines: list[str]) -> list[tuple[str, int]]:
    """A paragraph's sentences, each with how many lines after the paragraph's first it starts."""
    text = " ".join(lines)
    breaks = [0]
    for line in lines[:-1]:
        breaks.append(breaks[-1] + len(line) + 1)
    pieces: list[tuple[str, int]] = []
    begin = 0
    for match in _END.finditer(text):
        if _abbreviated(text[begin : match.start() + 1]):
            continue
        pieces.append((text[begin : match.end()].strip(), begin))
        begin = _SPACES.match(text, match.end()).end()  # type: ignore[union-attr]  # \s* always matches
    if text[begin:].strip():
        pieces.append((text[begin:].strip(), begin))
    cut = [part for piece, at in pieces if piece for part in _bounded(piece, at)]
    return [(piece, bisect.bisect_right(breaks, at) - 1) for piece, at in cut]


def _bounded(piece: str, at: int) -> list[tuple[str, int]]:
    """``piece`` in runs of at most :data:`MAX_SENTENCE` characters, cut at a space where there is one."""
    parts = []
    while len(piece) > MAX_SENTENCE:
        space = piece.rfind(" ", 0, MAX_SENTENCE)
        end = space if space > 0 else MAX_SENTENCE
        parts.append((piece[:end].strip(), at))
        piece, at = piece[end:].lstrip(), at + end
    return [*parts, (piece, at)] if piece else parts


def _abbreviated(piece: str) -> bool:
    """Whether the full stop ending ``piece`` belongs to an abbreviation or an initial, not a sentence."""
    if not piece.endswith("."):
        return False
    word = piece[:-1].rsplit(maxsplit=1)[-1].lower().lstrip("(\"'“") if piece[:-1].strip() else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
