"""Every terminal view at 40-200 columns: no line wider, no date of the data cut, --cite's sources and units shown."""

from __future__ import annotations

import itertools
import json
import re
from functools import cache

import pytest
from rich.cells import cell_len

from conftest import BUNDLED, run_cli

WIDTHS = (40, 60, 80, 100, 120, 200)
#: Each listing and record command, as a person types it on a terminal.
VIEWS = (
    ["agreements"],
    ["agreements", "--sector", "mining"],
    ["agreements", "--summit", "--cite"],
    ["leaders"],
    ["timeline"],
    ["sectors"],
    ["sectors", "mining", "--cite"],
    ["commitments", "--sector", "hydropower", "--cite"],
    ["reserves"],
    ["reserves", "--country", "KG"],
    ["stats"],
    ["discrepancies"],
    ["countries"],
    ["quotes"],
    ["search", "antimony"],
    ["show", "doc-energy-minerals-mou"],
    ["sources"],
    ["sources", "--layout", "records"],
    ["show", "heraldk-20241202"],
)
#: A run of digits and hyphens that starts like a date (a year and a hyphen), not inside an id or a URL.
_DATE_LIKE = re.compile(r"(?<![\w/=.-])\d{4}-[\d-]*")
#: A day range's end (``2013-11-18–20``) and a precision's words (``(day unknown)``) cut at a line's end.
_CUT_RANGE = re.compile(r"\d{4}-\d{2}-\d{2}–\d?$")
_CUT_WORDS = re.compile(r"\((day|month|year)\s*$")


@cache
def data_dates() -> frozenset[str]:
    """Every date the dataset's text holds (``2024``, ``2024-12``, ``2024-12-03``)."""
    text = BUNDLED.read_text(encoding="utf-8")
    return frozenset(re.findall(r"\b\d{4}(?:-\d{2}){0,2}\b", text))


def _cut_dates(text: str) -> list[str]:
    """The dates in ``text`` that are not whole dates of the data, and lines that end inside a date or range."""
    bad = [d for d in _DATE_LIKE.findall(text) if d.rstrip("-") not in data_dates() or d.endswith("-")]
    bad += [line for line in text.splitlines() if _CUT_RANGE.search(line.rstrip()) or _CUT_WORDS.search(line)]
    return bad


#: A line that is one whole web address: the one line allowed to be wider than the terminal (a URL never breaks).
_WHOLE_URL = re.compile(r"https?://\S+")


def too_wide(text: str, width: int) -> list[str]:
    """The lines wider than ``width``, but for a line that is one whole URL."""
    return [line for line in text.splitlines() if cell_len(line) > width and not _WHOLE_URL.fullmatch(line)]


def _check(args: list[str], width: int) -> str:
    """Run ``silkcli ARGS`` at ``width``; assert nothing is too wide or cut; the output."""
    result = run_cli(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert too_wide(result.stdout, width) == [] and too_wide(result.stderr, width) == []
    assert _cut_dates(result.stdout) == []
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_fits_and_cuts_no_date(args: list[str], width: int) -> None:
    """A listing, record, search or show on a terminal of ``width`` columns: no line wider, every date whole."""
    _check([*args, "-f", "table", "--width", str(width)], width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_brief_fits_and_cuts_no_date(width: int) -> None:
    """The terminal brief, one page and --full, at ``width`` columns: no line wider, every date whole (the full
    brief's timeline above all)."""
    _check(["brief", "-f", "terminal", "--width", str(width)], width)
    full = _check(["brief", "--full", "-f", "terminal", "--width", str(width)], width)
    assert "2013-11-18–20" in full and "2024-12-03" in full


@cache
def _cited_sources(args: tuple[str, ...]) -> frozenset[str]:
    """The URLs of the sources that ``--cite`` gives for the rows of ``args``, from its JSON."""
    rows = json.loads(run_cli(*args, "--cite", "-f", "json").stdout)
    return frozenset(c["url"] for row in rows for c in row["cite"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args", [("agreements", "--summit"), ("sectors", "mining"), ("commitments", "--sector", "hydropower")], ids=" ".join
)
def test_cited_sources_are_shown_at_every_width(args: tuple[str, ...], width: int) -> None:
    """``--cite`` on a terminal gives every source it cites, whatever the width, each URL whole on one line
    (as notes after the table or the blocks)."""
    out = _check([*args, "--cite", "-f", "table", "--width", str(width)], width)
    missing = [s for s in _cited_sources(args) if s not in out.split()]
    assert missing == []
    body, notes = out.split("\n[1] ", 1)
    numbered = {int(n) for n in re.findall(r"^\[(\d+)\] ", "[1] " + notes, re.MULTILINE)}
    marked = {int(n) for marks in re.findall(r"\[(\d+\*?(?:, \d+\*?)*)\]", body) for n in re.findall(r"\d+", marks)}
    assert marked == numbered  # each note backs a value the user sees: no cited column is hidden


def test_cite_shows_blocks_rather_than_hide_cited_columns_unless_layout_table() -> None:
    """``agreements --summit --cite`` at 80 columns shows each record as a block with its cited date, type and
    parties (a table would keep only id and title); ``--layout table`` still gives the table."""
    out = _check(["agreements", "--summit", "--cite", "-f", "table", "--width", "80"], 80)
    assert out.startswith("-[ 1 ]--") and "\nsigned:  2024-12-03 [1*]\n" in out
    table = _check(["agreements", "--summit", "--cite", "-f", "table", "--width", "80", "--layout", "table"], 80)
    assert table.startswith("┏") and "signed" not in table.split("\n[1] ")[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_source_url_stands_whole(width: int) -> None:
    """Each source's URL in the sources' blocks is whole on one line at every width, never broken mid-address;
    only a URL longer than the terminal is wider than it, alone on its line."""
    out = _check(["sources", "--layout", "records", "-f", "table", "--width", str(width)], width)
    urls = json.loads(run_cli("sources", "-f", "json").stdout)
    assert [s["url"] for s in urls if s["url"] not in out.split()] == []


_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"


def _broken_dates(text: str) -> list[tuple[str, str]]:
    """Pairs of lines (panel borders aside) where a date in words breaks: a day, then its month; a month, then
    its year."""
    lines = [line.strip(" │┃") for line in text.splitlines()]
    day = re.compile(r"\b\d{1,2}$")
    return [
        (a, b)
        for a, b in itertools.pairwise(lines)
        if (day.search(a) and re.match(_MONTH, b)) or (re.search(f"{_MONTH}$", a) and re.match(r"\d{4}\b", b))
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_briefs_sources_keep_urls_and_dates_whole(width: int) -> None:
    """The terminal brief's sources (one page and --full): every URL the HTML brief links stands whole on one
    line, and no date in words is broken across lines (a line never ends in a day or a month before its year)."""
    for full in ([], ["--full"]):
        out = _check(["brief", *full, "-f", "terminal", "--width", str(width)], width)
        html = run_cli("brief", *full, "-f", "html").stdout
        urls = set(re.findall(r'href="(https?://[^"]+)"', html))
        assert urls and [u for u in urls if u.replace("&amp;", "&") not in out.split()] == []
        assert _broken_dates(out) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_leaders_show_each_office_at_every_width(width: int) -> None:
    """leaders keeps the title column (the office a leader is read by: "President of South Korea until 2025")
    at every width, in the table or in blocks; the columns it leaves out are others."""
    result = run_cli("leaders", "-f", "table", "--width", str(width), env={"COLUMNS": str(width)})
    hidden = " ".join(result.stderr.split())
    assert result.exit_code == 0 and not re.search(r"hidden: [^;]*\btitle\b", hidden)
    assert re.search(r"^(┃ id .*┃ title|title: )", result.stdout, re.MULTILINE)


@pytest.mark.parametrize("width", WIDTHS)
def test_units_are_shown_at_every_width(width: int) -> None:
    """stats and reserves keep each value with its unit at every width (``500,000,000 USD``, ``260,000 t``)."""
    stats = _check(["stats", "-f", "table", "--width", str(width)], width)
    assert "500,000,000 USD" in stats
    reserves = _check(["reserves", "-f", "table", "--width", str(width)], width)
    assert "260,000 t" in reserves


def test_notes_wrap_between_words_and_stop_at_two_lines_unless_verbose() -> None:
    """reserves --country KG has five notes: two lines at 60 columns, the second saying --verbose prints them all."""
    short = run_cli("reserves", "--country", "KG", "-f", "table", "--width", "60")
    lines = short.stderr.splitlines()
    assert len(lines) == 2 and "--verbose" in lines[1] and max(map(len, lines)) <= 60
    full = run_cli("reserves", "--country", "KG", "-f", "table", "--width", "60", "--verbose").stderr
    assert len(full.splitlines()) > 2 and max(map(len, full.splitlines())) <= 60
    words = " ".join(full.split())
    assert "reserve shares are upper bounds: the source gives the world total only as a lower bound" in words
    wide = run_cli("reserves", "--country", "KG", "-f", "table", "--width", "200", "--verbose").stderr
    assert " ".join(wide.split()) in words  # the same words: broken between them, never inside one


def test_layout_records_in_a_pipe_is_plain_text_blocks() -> None:
    """``--layout records`` without -f in a pipe gives blocks of plain text (no escape), as ``| head`` reads them."""
    result = run_cli("agreements", "--layout", "records")
    assert result.exit_code == 0 and result.stdout.startswith("-[ 1 ]--") and "\x1b" not in result.stdout
    assert "\nid:      doc-mofa-cooperation-program\n" in result.stdout


@pytest.mark.parametrize("width", (*WIDTHS, 45))
def test_every_help_fits_the_terminal(width: int) -> None:
    """`silkcli --help` and every command's --help have no line wider than the terminal; long examples continue."""
    from silkcli.cli.commands import COMMANDS  # noqa: PLC0415 - the registry, only for this test

    for args in (["--help"], *([c.name, "--help"] for c in COMMANDS)):
        result = run_cli(*args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
        assert wide == [], (args, wide)


def test_record_blocks_name_countries_and_types_and_machine_formats_keep_codes() -> None:
    """A record block reads ``South Korea: Ministry of …`` and ``memorandum of understanding (MOU)``, ids stay
    ids; tsv and json keep the codes ``KR`` and ``mou``."""
    out = run_cli("agreements", "--type", "mou", "--layout", "records", "--width", "200").stdout
    assert "\nid:      doc-tipf-mou\n" in out and "\ntype:    memorandum of understanding (MOU)\n" in out
    assert "\nparties: South Korea: Ministry of Trade, Industry and Energy\n         Kyrgyzstan: Ministry of" in out
    assert "KR:" not in out and " mou\n" not in out
    sector = run_cli("sectors", "mining", "--layout", "records", "--width", "80").stdout
    assert "\ncountries: South Korea; Kyrgyzstan\n" in sector
    tsv = run_cli("agreements", "--type", "mou", "-f", "tsv").stdout.splitlines()[1].split("\t")
    assert tsv[2] == "mou" and tsv[5].startswith("KR: ")
    rows = json.loads(run_cli("agreements", "--type", "mou", "-f", "json").stdout)
    assert rows[0]["type"] == "mou" and rows[0]["parties"][0]["country"] == "KR"


def test_a_table_that_would_hide_most_of_its_columns_gives_blocks() -> None:
    """What a new user missed: agreements at 60 columns give every signing date, sources at 80 every URL,
    stats at 80 each figure's metric, as blocks; reserves at 80 keep the rank in the table."""
    agreements = _check(["agreements", "-f", "table", "--width", "60"], 60)
    assert agreements.startswith("-[ 1 ]--") and agreements.count("\nsigned:  2024-12-03") >= 10
    sources = _check(["sources", "-f", "table", "--width", "80"], 80)
    urls = [s["url"] for s in json.loads(run_cli("sources", "-f", "json").stdout)]
    assert [u for u in urls if u not in sources.split()] == []
    stats = _check(["stats", "-f", "table", "--width", "80"], 80)
    assert "\nmetric:         reserves-share\n" in stats
    reserves = _check(["reserves", "-f", "table", "--width", "80"], 80)
    assert reserves.startswith("┏") and "rank" in reserves.splitlines()[1] and "│    4 │ KG " in reserves
