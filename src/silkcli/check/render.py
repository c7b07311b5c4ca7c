"""The terminal (plain text) and Markdown forms of a check: sentences with claims marked, verdicts, notes.

Each claim is marked in its sentence with brackets and a number (``[12 agreements]²``);
below the sentence each claim has its verdict, why, the right value where it
differs, each side of a dispute, and the numbers of its source notes. The notes
close the text: title, publisher, date, URL and the quote. Text from the user
and the data is escaped so it cannot reach the terminal as a control sequence.
"""

from __future__ import annotations

from silkcli.check.ledger import Notes, cited_as
from silkcli.check.report import Finding, Report, Sentence, Verdict
from silkcli.errors import visible
from silkcli.formats.display import cell_width

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NBSP = "\u00a0"


def marked(sentence: Sentence, numbers: list[int], *, fmt: str = "[{text}]{n}") -> str:
    """The sentence with each claim bracketed and numbered (the spaces of a claim held together)."""
    out, at = [], 0
    for found, number in zip(sentence.findings, numbers, strict=True):
        out.append(sentence.text[at : found.start])
        text = _hold(found.text)
        out.append(fmt.format(text=text, n=str(number).translate(_SUPERSCRIPT), number=number))
        at = found.end
    out.append(sentence.text[at:])
    return "".join(out)


def _wrap(text: str, width: int, indent: str = "", *, first: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a Hangul letter takes two; a longer word, a URL, keeps its
    own line), greedily.

    A word is what spaces separate: a claim's own spaces are no-break spaces until the lines are made,
    so a date or a value with its unit never breaks (textwrap did the same in 5x the time).
    """
    lines: list[str] = []
    line = indent if first is None else first
    used, bare = cell_width(line), True
    measure = len if text.isascii() else cell_width  # a text in English: its words' lengths (half the time)
    for word in filter(None, text.split(" ")):  # split() would also split at the no-break spaces
        cells = measure(word)
        if not bare and used + 1 + cells > width:
            lines.append(line)
            line, used, bare = indent, len(indent), True
        line += word if bare else " " + word
        used += cells if bare else 1 + cells
        bare = False
    if not bare:
        lines.append(line)
    return [line.replace(_NBSP, " ") for line in lines]


def _hold(text: str) -> str:
    """A value's spaces made unbreakable, so ``3 December 2024`` or ``US$500 million`` stays on one line
    (a long claim, a name with its office, may still break: it would not fit a narrow terminal)."""
    return text.replace(" ", _NBSP) if cell_width(text) <= 20 else text


def to_text(report: Report, *, width: int = 80, color: bool = False) -> str:
    """The terminal form: each sentence with claims marked, a block per claim, then the source notes."""
    notes = Notes(report)
    lines: list[str] = []
    count = 0
    many_lines = any(s.line > 1 for s in report.sentences)
    for sentence in report.sentences:
        if not sentence.findings:
            continue
        numbers = list(range(count + 1, count + 1 + len(sentence.findings)))
        count += len(sentence.findings)
        first = f"line {sentence.line}: " if many_lines else ""
        lines += _wrap(visible(marked(sentence, numbers)), width, first=first, indent="  ")
        for number, found in zip(numbers, sentence.findings, strict=True):
            lines += _finding_lines(number, found, notes, width=width, color=color)
        lines.append("")
    if notes.notes:
        lines.append("Sources")
        for number, evidence in enumerate(notes.notes, start=1):
            lines += _wrap(visible(cited_as(evidence)), width, indent="     ", first=f"[{number}]".ljust(5))
            inferred = " (the value is inferred from this quote)" if evidence.inferred else ""
            lines += _wrap(visible(f"“{evidence.quote}”{inferred}"), width, indent="     ")
    return "\n".join(lines).rstrip() + "\n" if lines else ""


def _finding_lines(number: int, found: Finding, notes: Notes, *, width: int, color: bool) -> list[str]:
    verdict = found.verdict.value
    if color:
        verdict = f"\x1b[{found.verdict.color}m{verdict}\x1b[0m"
    refs = "".join(f"[{n}]" for n in notes.of(found))
    head = _wrap(f"{_hold(visible(found.text))}: {found.verdict.value}", width, "    ", first=f"  {_sup(number)} ")
    lines = [*head[:-1], head[-1].removesuffix(found.verdict.value) + verdict]
    lines += _wrap(visible(found.why) + (f" {refs}" if refs else ""), width, indent="    ")
    if found.right and found.verdict is not Verdict.supported:
        right = visible(found.right)
        lines += _wrap(f"data: {_hold(right) if len(right) <= 30 else right}", width, indent="    ")
    for side in found.sides:
        lines += _wrap(f"- {visible(side.says)} [{notes.number(side.evidence)}]", width, indent="      ", first="    ")
    return lines


def _sup(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


def summary(report: Report) -> str:
    """``4 claims in 1 sentence: 1 supported, 2 contradicted, 1 imprecise`` (or that there were none)."""
    claims = len(report.findings)
    sentences = len(report.sentences)
    if not claims:
        return f"no checkable claim in {_many(sentences, 'sentence')}"
    counts = ", ".join(f"{report.count(v)} {v.value}" for v in Verdict if report.count(v))
    with_claims = sum(1 for s in report.sentences if s.findings)
    return f"{_many(claims, 'claim')} in {_many(with_claims, 'sentence')}: {counts}"


def _many(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def to_markdown(report: Report) -> str:
    """Markdown: each sentence as a quote with claims in bold and footnote-style numbers, then the notes."""
    notes = Notes(report)
    out = [f"# Checked against {_md(report.dataset)} (version {_md(report.version)})", ""]
    count = 0
    for sentence in report.sentences:
        if not sentence.findings:
            continue
        numbers = list(range(count + 1, count + 1 + len(sentence.findings)))
        count += len(sentence.findings)
        text = marked(sentence, numbers, fmt="**{text}**<sup>{number}</sup>").replace(_NBSP, " ")
        out += [f"> {_md(text, keep_marks=True)}", ""]
        for number, found in zip(numbers, sentence.findings, strict=True):
            refs = "".join(f"[^{n}]" for n in notes.of(found))
            right = f" Data: {_md(found.right)}." if found.right and found.verdict is not Verdict.supported else ""
            out.append(f"{number}. **{_md(found.text)}**: *{found.verdict.value}*. {_md(found.why)}{right}{refs}")
            out += [f"   - {_md(s.says)}[^{notes.number(s.evidence)}]" for s in found.sides]
        out.append("")
    for number, evidence in enumerate(notes.notes, start=1):
        link = f" <{evidence.url}>" if evidence.url and not set(evidence.url) & set("<> ") else ""
        inferred = " (the value is inferred from this quote)" if evidence.inferred else ""
        out.append(f"[^{number}]: {_md(cited_as(evidence, url=False))}{link} “{_md(evidence.quote)}”{inferred}")
    return "\n".join(out).rstrip() + "\n"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>#|!"})


def _md(text: str, *, keep_marks: bool = False) -> str:
    """``text`` with Markdown's special characters escaped (the marks this module adds kept, if asked)."""
    if not keep_marks:
        return visible(text).translate(_MD_SPECIAL)
    parts = visible(text).replace("**", "\0").replace("<sup>", "\1").replace("</sup>", "\2")
    return parts.translate(_MD_SPECIAL).replace("\0", "**").replace("\1", "<sup>").replace("\2", "</sup>")
