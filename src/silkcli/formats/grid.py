"""A table drawn by hand for a terminal: box lines, cells wrapped to their widths, styles as escape codes.

No Rich: importing it cost ~35 ms of the ~90 ms a table took to start. The
shape is that of Rich's ``Table`` with its defaults: the HEAVY_HEAD box, one
space either side of each cell, every cell top-aligned, the header in bold
and the caption right-aligned under the table in italic dim. Widths are
terminal cells (:func:`~silkcli.formats.display.cell_width`). The records
here are msgspec Structs (loaded already with the model): a NamedTuple
class costs ~0.3 ms to create at import, a Struct ~0.05 ms.

Every text is made inert here, whoever passes it: control characters are
escaped (:func:`~silkcli.errors.visible`), and escape codes are written only
with ``color``, only around spans this module computes itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from silkcli.errors import visible
from silkcli.formats.display import cell_width, fold_points

#: SGR parameters of the styles silkcli uses.
BOLD, DIM, CAPTION, HIGHLIGHT = "1", "2", "2;3", "1;7"
#: What a hyperlink may point at: an http(s) URL without spaces or control characters.
LINKABLE = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")
_WORD = re.compile(r"\S+")


class GridColumn(msgspec.Struct, frozen=True):
    """One column: its header, its width in cells, how its cells are aligned and broken."""

    header: str
    width: int
    right: bool = False
    #: True: wrap between words and fold words longer than a line; False: each line cut with … (a URL)
    fold: bool = True


class Cell(msgspec.Struct, frozen=True):
    """One cell's text (``\\n`` starts a new line), the words to highlight in it, and whether its URLs link."""

    text: str
    highlight: tuple[str, ...] = ()
    links: bool = False


class Span(msgspec.Struct, frozen=True):
    """A styled stretch of a text: SGR parameters, or a hyperlink target, from ``start`` to ``end``."""

    start: int
    end: int
    sgr: str = ""
    link: str = ""


def draw(columns: Sequence[GridColumn], rows: Iterable[Sequence[Cell]], *, caption: str, color: bool) -> str:
    """The whole table, one string ending in a newline: box, header, rows, then the caption."""
    widths = [c.width for c in columns]
    lines = [_rule(widths, "┏━┳┓")]
    headers = [Cell(c.header) for c in columns]
    lines += _row(columns, headers, "┃", color=color, sgr=BOLD)
    lines.append(_rule(widths, "┡━╇┩"))
    for row in rows:
        lines += _row(columns, row, "│", color=color)
    lines.append(_rule(widths, "└─┴┘"))
    whole = GridColumn("", sum(widths) + 3 * len(widths) + 1, right=True)
    lines += cell_lines(Cell(caption), whole, color=color, sgr=CAPTION)
    return "\n".join(lines) + "\n"


def _rule(widths: Sequence[int], chars: str) -> str:
    """A border line from its four characters: left end, line, joint, right end."""
    return chars[0] + chars[2].join(chars[1] * (w + 2) for w in widths) + chars[3]


def _row(columns: Sequence[GridColumn], cells: Sequence[Cell], bar: str, *, color: bool, sgr: str = "") -> list[str]:
    """A row's lines: every cell top-aligned and as many lines as the tallest one."""
    drawn = [cell_lines(cell, column, color=color, sgr=sgr) for cell, column in zip(cells, columns, strict=True)]
    height = max((len(lines) for lines in drawn), default=1)
    blank = [" " * column.width for column in columns]
    return [
        bar + bar.join(f" {lines[i] if i < len(lines) else blank[n]} " for n, lines in enumerate(drawn)) + bar
        for i in range(height)
    ]


def cell_lines(cell: Cell, column: GridColumn, *, color: bool, sgr: str = "") -> list[str]:
    """``cell`` as lines exactly ``column.width`` cells wide, styled (``sgr`` on all of it) only with ``color``."""
    lines = []
    for paragraph in cell.text.split("\n"):
        text = visible(paragraph)
        spans = _spans(text, cell, sgr) if color else []
        for start, end, suffix in _breaks(text, column.width) if column.fold else [_cut(text, column.width)]:
            shown, size = _crop(text[start:end] + suffix, column.width)
            local = _local(spans, start, end, len(shown))
            pad = " " * (column.width - size)
            lines.append(pad + paint(shown, local) if column.right else paint(shown, local) + pad)
    return lines


def _local(spans: Sequence[Span], start: int, end: int, length: int) -> list[Span]:
    """The spans over ``text[start:end]``, counted from ``start``; one reaching ``end`` covers an ellipsis after it."""
    local = []
    for span in spans:
        begin, stop = max(span.start, start) - start, (length if span.end >= end else span.end - start)
        if begin < min(stop, length):
            local.append(Span(begin, min(stop, length), span.sgr, span.link))
    return local


def _spans(text: str, cell: Cell, sgr: str) -> list[Span]:
    """The styled stretches of one line of a cell: all of it, highlighted words, linked URLs."""
    spans = [Span(0, len(text), sgr)] if sgr and text else []
    for word in cell.highlight:
        spans += [Span(m.start(), m.end(), HIGHLIGHT) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    return spans + (link_spans(text) if cell.links else [])


def link_spans(text: str) -> list[Span]:
    """Each http(s) URL of ``text`` (one, or several joined by '; ') as a hyperlink to itself.

    Only columns that hold sources' validated URLs are linked: other data never becomes a link.
    """
    spans, start = [], 0
    for item in text.split("; "):
        if LINKABLE.fullmatch(item):
            spans.append(Span(start, start + len(item), link=item))
        start += len(item) + 2
    return spans


def paint(text: str, spans: Sequence[Span]) -> str:
    """``text`` with its spans written as SGR codes and OSC 8 hyperlinks (overlapping spans combine)."""
    if not spans:
        return text
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        active = [s for s in spans if s.start <= start and end <= s.end]
        part = text[start:end]
        sgr = ";".join(dict.fromkeys(code for s in active if s.sgr for code in s.sgr.split(";")))
        part = f"\x1b[{sgr}m{part}\x1b[0m" if sgr else part
        link = next((s.link for s in active if s.link), "")
        out.append(f"\x1b]8;;{link}\x1b\\{part}\x1b]8;;\x1b\\" if link else part)
    return "".join(out)


def style(text: str, sgr: str, *, color: bool) -> str:
    """``text`` (made inert) in one style when ``color``; as it is otherwise."""
    text = visible(text)
    return paint(text, [Span(0, len(text), sgr)]) if color and text else text


def _breaks(text: str, width: int) -> list[tuple[int, int, str]]:
    """Where a line breaks to fit ``width`` cells: between words, inside one only if it is longer than a line."""
    if cell_width(text) <= width and text == text.strip():  # most cells: one line as it is
        return [(0, len(text), "")]
    lines: list[tuple[int, int, str]] = []
    start = end = used = -1
    for word in _WORD.finditer(text):
        size = cell_width(word.group())
        gap = cell_width(text[end : word.start()]) if start >= 0 else 0
        if start >= 0 and used + gap + size <= width:
            end, used = word.end(), used + gap + size
            continue
        if start >= 0:
            lines.append((start, end, ""))
        *whole, (start, end) = fold_points(text, word.start(), word.end(), width)
        lines += [(a, b, "") for a, b in whole]
        used = cell_width(text[start:end])
    return [*lines, (start, end, "")] if start >= 0 else [(0, 0, "")]


def _cut(text: str, width: int) -> tuple[int, int, str]:
    """A line kept whole if it fits, else cut to leave room for an ellipsis."""
    if cell_width(text) <= width:
        return 0, len(text), ""
    end, used = 0, 0
    while end < len(text) and used + cell_width(text[end]) <= width - 1:
        used += cell_width(text[end])
        end += 1
    return 0, end, "…"


def _crop(text: str, width: int) -> tuple[str, int]:
    """``text`` and its width in cells, cut to ``width`` (only a wide character in a one-cell column is too wide)."""
    size = cell_width(text)
    while size > width:
        text = text[:-1]
        size = cell_width(text)
    return text, size
