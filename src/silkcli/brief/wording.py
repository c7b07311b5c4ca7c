"""The words every brief format shares: section titles, sentences and reference marks.

Each renderer only arranges and escapes these strings, so the Markdown, text,
HTML and terminal briefs say the same thing in the same words.
"""

from __future__ import annotations

import re

from silkcli.brief.charts import ProductionFigure, ReserveChart
from silkcli.brief.claims import ClaimFigure
from silkcli.brief.content import AtSummit, Brief, Headline, Leader, Pledge, Saying
from silkcli.brief.ledger import Disagreement, Note
from silkcli.listings.chronology import cited_date

LEADERS = "Leaders"
KEY_COMMITMENTS = "Key commitments"
KEY_FIGURES = "Key figures"
QUOTES = "Quotes"
TIMELINE = "Timeline"
DISAGREE = "Where sources disagree"
CLAIMS = "Claims beside the data"
SOURCES = "Sources"
DOCUMENT_COLUMNS = ("Sector", "Document", "Type", "Signed by")
RESERVE_COLUMNS = ("Rank", "Country", "Reserves", "Share")
FEATURED = "◀"


def plain(text: str) -> str:
    """Data text on one line: runs of whitespace (newlines included) become one space."""
    return " ".join(text.split())


def refs(notes: tuple[int, ...], disputes: tuple[int, ...] = ()) -> str:
    """``[1, 3] [D2]``: the source notes, then the disagreements, of one fact."""
    parts = []
    if notes:
        parts.append("[" + ", ".join(str(n) for n in notes) + "]")
    if disputes:
        parts.append("[" + ", ".join(f"D{n}" for n in disputes) + "]")
    return " ".join(parts)


def documents_title(brief: Brief) -> str:
    """``Documents signed at the summit (10)``, naming the focus sectors if any."""
    count = sum(len(group.documents) for group in brief.sectors)
    focus = f": {', '.join(brief.focus)}" if brief.focus else ""
    return f"Documents signed at the summit{focus} ({count})"


def commitments_title(brief: Brief) -> str:
    """``Key commitments``, or ``Commitments: Mining`` with a sector focus."""
    return f"Commitments: {', '.join(brief.focus)}" if brief.focus else KEY_COMMITMENTS


def headline_lines(h: Headline) -> list[str]:
    """The sentences under the title."""
    native = f" ({h.native_name})" if h.native_name else ""
    lines = [
        f"{h.name}{native} of {' and '.join(h.parties)}, established on {h.date} at {h.venue}.",
    ]
    if h.relations_since is not None:
        lines.append(f"Diplomatic relations since {h.relations_since}: {h.relations_years} years.")
    lines.append(f"{h.summit_documents} documents signed at the summit.")
    return lines


def headline_marks(h: Headline) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The notes and disagreements of each sentence of :func:`headline_lines`, in the same order."""
    marks = [(h.notes, h.disputes)]
    if h.relations_since is not None:
        marks.append((h.relations_notes, h.relations_disputes))
    marks.append(((), h.count_disputes))
    return marks


def leader_line(leader: Leader) -> str:
    """``Yoon Suk Yeol (윤석열), President of South Korea``."""
    native = f" ({leader.native_name})" if leader.native_name and leader.native_name != leader.name else ""
    return f"{leader.name}{native}, {leader.title}"


def pledge_lead(pledge: Pledge) -> str:
    """``Hydropower (asked)``."""
    return f"{pledge.sector} ({pledge.kind})"


def chart_title(chart: ReserveChart) -> str:
    """``Antimony reserves of Kyrgyzstan``."""
    return f"{chart.mineral} reserves of {chart.country}"


def chart_caption(chart: ReserveChart) -> str:
    """``Antimony reserves: the largest holders and Kyrgyzstan``."""
    return f"{chart.mineral} reserves: the largest holders and {chart.country}"


def chart_summary(chart: ReserveChart) -> str:
    """The featured country's reserves, rank and share in one sentence."""
    parts = [chart.reserves]
    if chart.as_of:
        parts[0] += f" as of {chart.as_of}"
    if chart.rank is not None:
        parts.append(f"rank {chart.rank} of {chart.ranked} countries with a reserve figure")
    if chart.share is not None:
        parts.append(f"{chart.share} of {chart.denominator}, {chart.world}" if chart.world else chart.share)
    return ", ".join(parts) + "."


def chart_coverage(chart: ReserveChart) -> str:
    """What the rank is out of, and the source's word on countries it does not list."""
    c = chart.coverage
    text = f"Ranked among the {c.ranked} countries the source gives a reserve figure for"
    if c.unranked:
        text += f"; {c.unranked} more {'is' if c.unranked == 1 else 'are'} listed without one (NA)"
    text += "."
    if c.unlisted:
        text += f" {c.unlisted_by}: “{c.unlisted}.”"
    return text


def production_line(chart: ReserveChart, p: ProductionFigure) -> str:
    """``Mine production of Kyrgyzstan, 2024e: 20e t, 0.02% of the world total (rounded) for 2024e, 100,000e t.``"""
    share = f", {p.share} of {p.denominator} for {p.period}, {p.world}" if p.share and p.world else ""
    return f"Mine production of {chart.country}, {p.period}: {p.amount}{share}."


def claim_line(c: ClaimFigure) -> str:
    """A claim, who makes it and when, against what the data gives and when that was published."""
    said = f"{c.metric}: {c.who} ({c.when}) says {c.says}"
    if c.data is None:
        return f"{said}; the data gives no figure."
    published = f", published {c.data_published}" if c.data_published else ""
    return f"{said}; the data gives {c.data}{published}{', after the claim' if c.later else ''}."


def at_summit_line(item: AtSummit, counted: int) -> str:
    """``Also adopted at the summit, not one of the 10: Joint Statement … (Joint statement).``"""
    return f"Also {item.done} at the summit, not one of the {counted}: {item.title} ({item.type})."


def chart_caveat(chart: ReserveChart) -> str | None:
    """Why the shares are upper bounds, when they are."""
    if not chart.share_is_upper_bound:
        return None
    return "Shares are upper bounds: the source gives the world total only as a lower bound."


def quote_line(saying: Saying) -> str:
    """``“text” (Name, 2024-12-03)``."""
    when = f", {saying.date}" + (" (inferred)" if saying.date_inferred else "") if saying.date else ""
    return f"“{saying.text}” ({saying.person}{when})"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def note_line(note: Note) -> str:
    """``Title. Publisher, 2024-12-03.`` (``n.d.`` when the source's date is not known)."""
    return _sentence(f"{_sentence(note.title)} {note.publisher}, {cited_date(note.published)}")


#: where one sentence ends and the next begins (not after an initial, as in ``U.S. Geological``)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)'’”\"][.!?])\s+(?=[A-Z0-9“‘'\"])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it is one sentence)."""
    return _SENTENCE_END.split(plain(text), maxsplit=1)[0]


def resolution(d: Disagreement, *, full: bool) -> str:
    """How the dataset resolves a disagreement: all of it, or its first sentence in the one-page brief."""
    return plain(d.resolution) if full else first_sentence(d.resolution)


def footer(brief: Brief) -> str:
    """What the brief was made from (and, on one page, what the full brief adds)."""
    made = f"Made by silkcli from the dataset {brief.dataset}."
    if brief.full:
        return made
    return f"{made} {MORE}"


#: what ``--full`` adds, said at the foot of the one-page brief
MORE = "silkcli brief --full adds the commitments, the claims beside the figures, quotes and the timeline."
