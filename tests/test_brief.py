"""``silkcli brief``: content, the five formats, escaping, options and the README picture.

The Markdown and text briefs of the tiny dataset are compared with files in
tests/expected/. After an intended change, regenerate them and review the diff:

    SILKCLI_REGEN=1 .venv/bin/pytest tests/test_brief.py

The README picture is regenerated the same way, or with
``silkcli brief -f svg --width 100 -o docs/brief.svg``.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import msgspec
import msgspec.structs
import pytest

from conftest import BUNDLED, ROOT, TESTS, TINY, run_cli
from silkcli.brief import BriefFormat, render_brief
from silkcli.brief import wording as w
from silkcli.brief.content import Brief, build_brief, signed_by, span, years_between
from silkcli.dataset.load import load_dataset
from silkcli.dataset.model import PartialDate, Party
from silkcli.listings import select as query
from test_widths import too_wide

EXPECTED = TESTS / "expected"
README_SVG = ROOT / "docs" / "brief.svg"
SVG_COMMAND = ("brief", "-f", "svg", "--width", "100")
REGEN = os.environ.get("SILKCLI_REGEN", "") not in ("", "0")
#: wide enough that no document title wraps inside its table cell
WIDE = 400


def _compare(actual: str, expected_file: Path) -> None:
    """Exact comparison with a stored file; SILKCLI_REGEN=1 rewrites the file instead."""
    if REGEN:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"{expected_file} is missing: run SILKCLI_REGEN=1 pytest tests/test_brief.py"
    assert actual == expected_file.read_text(encoding="utf-8"), (
        f"output differs from {expected_file.name}; if the change is intended: SILKCLI_REGEN=1 pytest {__file__}"
    )


# --- exact outputs ----------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "brief-tiny.md"), ("text", "brief-tiny.txt")])
def test_tiny_brief_matches_expected_file(fmt: str, name: str) -> None:
    """The Markdown and text briefs of the tiny dataset are exactly the reviewed files."""
    result = run_cli("--data", str(TINY), "brief", "-f", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    _compare(result.stdout, EXPECTED / name)


def test_tiny_brief_focused_matches_expected_file() -> None:
    """--sector and --since narrow the tiny full brief exactly as reviewed."""
    result = run_cli("--data", str(TINY), "brief", "--full", "-f", "text", "--sector", "MINING", "--since", "2031-05")
    assert (result.exit_code, result.stderr) == (0, "")
    _compare(result.stdout, EXPECTED / "brief-tiny-mining-since-2031-05.txt")


# --- every format renders the whole brief -----------------------------------------------------


def _visible(fmt: BriefFormat, output: str) -> str:
    """The text a reader sees, on one line, so facts can be found whatever the markup."""
    if fmt is BriefFormat.markdown:
        output = re.sub(r"\\(.)", r"\1", output)
    elif fmt in (BriefFormat.html, BriefFormat.svg):
        output = html.unescape(re.sub(r"<[^>]+>", "" if fmt is BriefFormat.svg else " ", output))
    return " ".join(output.replace("\xa0", " ").split())


REAL_FACTS = (
    "Comprehensive Partnership",
    "established on 3 December 2024",
    "260,000 t",
    "rank 4 of 13",
    "≤13% of the world total (rounded), >2,000,000 t",
    "10 documents signed at the summit",
    "Diplomatic relations since 31 January 1992: 32 years",
    "Yoon Suk Yeol",
    "Sadyr Japarov",
    "up to USD 500 million",
    "≈90%",
    "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf",
)
TINY_FACTS = (
    "Mineral Partnership",
    "established on 14 May 2031",
    "120,000 t (estimate)",
    "rank 1 of 2",
    "3 documents signed at the summit",
    "Diplomatic relations since 1995: 36 years",
    "Mara Quell",
    "up to USD 40 million",
)


@pytest.mark.parametrize("fmt", list(BriefFormat))
@pytest.mark.parametrize(("data", "facts"), [(BUNDLED, REAL_FACTS), (TINY, TINY_FACTS)], ids=["bundled", "tiny"])
def test_every_format_renders_the_full_brief(fmt: BriefFormat, data: Path, facts: tuple[str, ...]) -> None:
    """Each format carries the headline facts, every document of the summit and no other document."""
    ds = load_dataset(data)
    seen = _visible(fmt, render_brief(build_brief(ds, full=True), fmt, width=WIDE))
    for fact in facts:
        assert fact in seen, f"{fact!r} missing from the {fmt.value} brief"
    for doc in ds.documents:
        shown = doc.summit or doc.at_summit  # the ten, and a joint statement adopted there, named apart
        assert (doc.title in seen) is shown, f"{doc.title!r} (summit={doc.summit}) in the {fmt.value} brief"
    for section in ("Leaders", "Key figures", "Quotes", "Timeline", "Where sources disagree", "Sources"):
        assert section.lower() in seen.lower()


@pytest.mark.parametrize("fmt", list(BriefFormat))
@pytest.mark.parametrize(("data", "facts"), [(BUNDLED, REAL_FACTS), (TINY, TINY_FACTS)], ids=["bundled", "tiny"])
def test_one_page_brief_keeps_what_was_signed_and_the_figures(
    fmt: BriefFormat, data: Path, facts: tuple[str, ...]
) -> None:
    """Without --full: the same headline facts and documents, no commitments, quotes or timeline, and it says
    what --full adds."""
    ds = load_dataset(data)
    brief = build_brief(ds)
    seen = _visible(fmt, render_brief(brief, fmt, width=WIDE))
    for fact in facts:
        assert fact in seen, f"{fact!r} missing from the one-page {fmt.value} brief"
    for doc in ds.documents:
        assert (doc.title in seen) is (doc.summit or doc.at_summit)
    for section in ("Key commitments", "Claims beside the data"):
        assert section.lower() not in seen.lower(), f"{section} in the one-page {fmt.value} brief"
    assert not [q.text for q in ds.quotes if w.plain(q.text) in seen]
    assert "silkcli brief --full adds" in seen
    assert (brief.commitments, brief.quotes, brief.timeline) == ((), (), ())


def test_one_page_disagreement_is_its_first_sentence() -> None:
    """A resolution of two sentences shows its first on one page, both with --full; only disagreements
    about what the page shows are listed."""
    ds = load_dataset(BUNDLED)
    short, full = build_brief(ds), build_brief(ds, full=True)
    name = next(d for d in short.disagreements if d.topic == "Name of the partnership")
    assert w.resolution(name, full=False) == (
        "Comprehensive Partnership (포괄적 동반자 관계), as in the official Korean title of the joint statement."
    )
    assert w.resolution(name, full=True).endswith("'Strategic' is wrong.")
    assert {d.topic for d in short.disagreements} < {d.topic for d in full.disagreements}
    assert len(short.notes) < len(full.notes)


def test_since_without_full_is_a_usage_error() -> None:
    """--since bounds the timeline, which only --full has: exit 2 saying so, not a silent no-op."""
    result = run_cli("brief", "--since", "2024")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: --since bounds the timeline, which only the full brief has\nadd --full\n"


def test_prose_dates_are_written_out() -> None:
    """The brief's sentences say 3 December 2024, never 2024-12-03 (the timeline's table keeps ISO dates)."""
    text = render_brief(build_brief(load_dataset(BUNDLED), full=True), BriefFormat.text, width=WIDE)
    prose = text.split(w.TIMELINE.upper())[0] + text.split(w.DISAGREE.upper())[1]
    assert "3 December 2024" in prose and "Diplomatic relations since 31 January 1992" in prose
    assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", prose.replace("2025–2026", ""))


def test_bundled_reserves_chart_puts_the_party_beside_the_top_three() -> None:
    """The chart shows the three largest holders, then the featured party at its computed rank."""
    (chart,) = build_brief(load_dataset(BUNDLED)).reserves
    assert [(b.rank, b.country, b.featured) for b in chart.bars] == [
        (1, "China", False),
        (2, "Russia", False),
        (3, "Bolivia", False),
        (4, "Kyrgyzstan", True),
    ]
    assert (chart.mineral, chart.reserves, chart.share, chart.world) == (
        "Antimony",
        "260,000 t",
        "≤13%",
        ">2,000,000 t",
    )
    assert chart.bars[0].fraction == 1.0 and 0 < chart.bars[-1].fraction < 1


def _numbers(value: object, name: str) -> list[int]:
    """Every note (or disputes) number referred to anywhere in a brief."""
    if isinstance(value, msgspec.Struct) and type(value).__module__.startswith("silkcli.brief."):
        return [n for f in msgspec.structs.fields(value) for n in _numbers(getattr(value, f.name), f.name)]
    if isinstance(value, tuple):
        if value and all(isinstance(v, int) for v in value):
            return list(value) if name in ("notes", "disputes") else []
        return [n for v in value for n in _numbers(v, name)]
    return []


@pytest.mark.parametrize("data", [BUNDLED, TINY], ids=["bundled", "tiny"])
def test_every_fact_points_to_an_existing_note(data: Path) -> None:
    """Notes run 1..N in reading order, and every fact's reference exists."""
    brief = build_brief(load_dataset(data))
    numbers = [note.number for note in brief.notes]
    assert numbers == list(range(1, len(numbers) + 1))
    referred = {n for item in (brief.headline, *brief.leaders, *brief.commitments) for n in item.notes}
    for section in (brief.sectors, brief.reserves, brief.figures, brief.quotes, brief.timeline, brief.disagreements):
        referred |= set(_numbers(section, ""))
    assert referred <= set(numbers)
    assert [d.number for d in brief.disagreements] == list(range(1, len(brief.disagreements) + 1))


def test_disputed_figures_point_to_their_disagreement() -> None:
    """A figure a discrepancy record relates to is marked with that disagreement's number."""
    brief = build_brief(load_dataset(TINY))
    (chart,) = brief.reserves
    (disagreement,) = brief.disagreements
    assert chart.disputes == (disagreement.number,)
    assert disagreement.topic == "Aldoria's zinc reserves"
    assert all(not f.disputes for f in brief.figures)


def test_sector_focus_and_period_narrow_documents_commitments_and_timeline() -> None:
    """--sector keeps only those sectors' documents and commitments; the period bounds the timeline."""
    ds = load_dataset(BUNDLED)
    brief = build_brief(ds, sectors=frozenset({"hydropower"}), within=query.period("2024", "2024"), full=True)
    assert brief.focus == ("Hydropower",)
    assert brief.sectors == ()
    assert {p.sector for p in brief.commitments} == {"Hydropower"} and len(brief.commitments) == 3
    assert brief.timeline and all(m.date.startswith("2024") for m in brief.timeline)
    assert build_brief(ds, sectors=frozenset({"hydropower"})).commitments == ()  # one page: no commitments


@pytest.mark.parametrize(
    ("since", "until", "years"),
    [("1992-01-31", "2024-12-03", 32), ("1992-12-31", "2024-12-03", 31), ("1995", "2031-05-14", 36)],
)
def test_years_between_counts_whole_years(since: str, until: str, years: int) -> None:
    """Years of relations count whole years; a year-only date counts from its year."""
    assert years_between(PartialDate.parse(since), PartialDate.parse(until)) == years


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2013-11-18", "2013-11-20", "2013-11-18–20"),
        ("2031-04", "2031-05", "2031-04–05"),
        ("2012", "2014", "2012–2014"),
    ],
)
def test_span_drops_what_the_end_shares_with_the_start(start: str, end: str, text: str) -> None:
    """Date ranges are written compactly."""
    assert span(PartialDate.parse(start), PartialDate.parse(end)) == text


# --- untrusted text ---------------------------------------------------------------------------

HOSTILE_TITLE = "Trade <b>& [bold red]Protocol[/] *x*"
HOSTILE_URL = 'https://example.org/x"><script>alert(1)</script>'


@pytest.fixture
def hostile(tmp_path: Path) -> Brief:
    """The tiny dataset with markup in a document title and in a source URL."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("title: Trade Protocol", f'title: "{HOSTILE_TITLE}"', 1)
    text = text.replace("url: https://example.org/tiny-article", f"url: '{HOSTILE_URL}'", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return build_brief(load_dataset(path))


def test_html_escapes_every_data_string(hostile: Brief) -> None:
    """Markup in the data appears as text in the HTML, in element content and in attributes."""
    out = render_brief(hostile, BriefFormat.html)
    assert "Trade &lt;b&gt;&amp; [bold red]Protocol[/] *x*" in out
    assert "<b>&" not in out
    assert "<script" not in out.lower()
    assert 'href="https://example.org/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in out


def test_html_is_standalone() -> None:
    """No scripts, and nothing is fetched: the only outside links are the source notes' <a href>."""
    for data in (BUNDLED, TINY):
        brief = build_brief(load_dataset(data))
        out = render_brief(brief, BriefFormat.html)
        assert "<script" not in out.lower()
        assert not re.search(r"@import|url\(|<link|<img|<iframe|<object|<embed|\ssrc=", out, re.IGNORECASE)
        outside = re.findall(r"<(\w+)[^>]*\bhref=\"(?!#)", out)
        assert outside and set(outside) == {"a"}
        assert out.count('href="http') == len(brief.notes)


def test_markdown_and_terminal_keep_markup_as_text(hostile: Brief) -> None:
    """Markdown escapes the data's punctuation; Rich prints the data's [bold] literally."""
    md = render_brief(hostile, BriefFormat.markdown)
    assert r"Trade \<b\>\& \[bold red\]Protocol\[/\] \*x\*" in md
    terminal = render_brief(hostile, BriefFormat.terminal, width=WIDE, color=True)
    assert "[bold red]Protocol[/]" in terminal


# --- the command ------------------------------------------------------------------------------


def test_piped_default_is_plain_text() -> None:
    """In a pipe the brief is plain text with no escape codes."""
    result = run_cli("brief", "--color", "always")
    assert result.exit_code == 0
    assert result.stdout.startswith("REPUBLIC OF KOREA – KYRGYZ REPUBLIC COMPREHENSIVE PARTNERSHIP\n")
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(("color", "ansi"), [("always", True), ("never", False), ("auto", False)])
def test_terminal_format_colours_only_when_asked(color: str, ansi: bool) -> None:
    """-f terminal uses ANSI styles with --color always, none with never or in a pipe; no line wider than the
    terminal but a whole URL."""
    result = run_cli("brief", "-f", "terminal", "--color", color, "--width", "90")
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) is ansi
    assert too_wide(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout), 90) == []


def test_unknown_sector_exits_2_with_a_suggestion() -> None:
    """A misspelt --sector is a usage error naming the likely sector."""
    result = run_cli("brief", "--sector", "minning")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: unknown sector 'minning' (did you mean 'mining'?)\n")


def test_output_file_takes_its_format_from_the_name(tmp_path: Path) -> None:
    """-o FILE.html writes the HTML brief there and nothing to stdout."""
    target = tmp_path / "brief.html"
    result = run_cli("--data", str(TINY), "brief", "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8") == render_brief(build_brief(load_dataset(TINY)), BriefFormat.html)


def test_output_to_a_missing_directory_exits_4_and_writes_nothing(tmp_path: Path) -> None:
    """-o into a folder that does not exist fails with exit 4 and leaves no file."""
    target = tmp_path / "missing" / "brief.html"
    result = run_cli("brief", "-f", "html", "-o", str(target))
    assert result.exit_code == 4
    assert result.stdout == ""
    assert "does not exist" in result.stderr
    assert not target.parent.exists()


def test_failed_run_leaves_an_existing_output_file_untouched(tmp_path: Path) -> None:
    """An error before writing keeps the old file whole, and no temporary file is left behind."""
    target = tmp_path / "brief.md"
    target.write_text("old\n", encoding="utf-8")
    result = run_cli("brief", "--sector", "minning", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


# --- the README picture -----------------------------------------------------------------------


def test_svg_does_not_depend_on_the_environment() -> None:
    """The SVG is the same whatever the colour variables or terminal width say."""
    plain = run_cli(*SVG_COMMAND)
    other = run_cli(*SVG_COMMAND, env={"NO_COLOR": "1", "COLUMNS": "50", "TERM": "dumb"})
    assert plain.exit_code == other.exit_code == 0
    assert plain.stdout.startswith("<svg") and plain.stdout == other.stdout


def test_readme_svg_is_current() -> None:
    """docs/brief.svg is what `silkcli brief -f svg --width 100` prints now."""
    result = run_cli(*SVG_COMMAND)
    assert result.exit_code == 0
    if REGEN:
        README_SVG.parent.mkdir(parents=True, exist_ok=True)
        README_SVG.write_text(result.stdout, encoding="utf-8")
    assert README_SVG.is_file(), "docs/brief.svg is missing: silkcli brief -f svg --width 100 -o docs/brief.svg"
    assert result.stdout == README_SVG.read_text(encoding="utf-8"), (
        "docs/brief.svg is stale: run silkcli brief -f svg --width 100 -o docs/brief.svg"
    )


@pytest.mark.parametrize("text", ["a&b", "<script>alert(1)</script>", "\"quoted\" & 'single'", "한국 <b>", "&amp;"])
def test_html_brief_escapes_text_as_the_standard_library_does(text: str) -> None:
    """A title in the HTML brief is escaped exactly as ``html.escape(quote=True)`` would: no markup gets through."""
    brief = build_brief(load_dataset(TINY))
    out = render_brief(brief._replace(headline=brief.headline._replace(title=text)), BriefFormat.html)
    assert f"<h1>{html.escape(text, quote=True)}</h1>" in out


def test_signed_by_names_each_side_once_with_originals_in_brackets() -> None:
    """Two bodies of one side share its country's name; a body named in the original has it in brackets."""
    parties = (
        Party(country="KR", body="Ministry A"),
        Party(country="KG", body="Ministry B"),
        Party(country="KG", body="Agency C", native_body="기관", signatory="p-1"),
    )
    names = {"KR": "South Korea", "KG": "Kyrgyzstan"}
    assert signed_by(parties, countries=names, people={"p-1": "Pat Lee"}) == (
        "South Korea: Ministry A; Kyrgyzstan: Ministry B and Agency C (기관) (Pat Lee)"
    )


def test_a_body_known_in_korean_only_reads_in_english_with_the_original() -> None:
    """The Kyrgyz civil-service agency is no longer named only in Korean in the brief."""
    seen = " ".join(render_brief(build_brief(load_dataset(BUNDLED)), BriefFormat.text, width=WIDE).split())
    assert "Kyrgyzstan: State Agency for Civil Service and Local Self-Government (공무지방자치청)" in seen
    assert "Kyrgyzstan: 공무지방자치청" not in seen
