"""The terminal table (Rich) and record blocks: exact widths, whole ids, caption at the right, inert data, colour."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from conftest import TINY, run_cli
from silkcli.dataset.load import load_dataset
from silkcli.formats import Format, View, render
from silkcli.formats.expanded import value_lines
from silkcli.formats.table import to_table
from silkcli.listings import records
from silkcli.listings.listing import Column, Entry, Listing, Shape, shape
from silkcli.listings.records import document_listing

COLUMNS = (
    Column("id", "id", priority=1),
    Column("signed", "date"),
    Column("title", "title", prose=True, priority=1),
    Column("tons", "tons", numeric=True),
    Column("url", "url", link=True),
)
ROWS = [
    {
        "id": "doc-energy-minerals-mou",
        "signed": "2024-12-03",
        "title": "한국-키르기스스탄 에너지 및 핵심 광물 협력 양해각서 MOU on Cooperation in Critical Minerals",
        "tons": 260000,
        "url": "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf",
    },
    {
        "id": "doc-tipf-mou",
        "signed": "2024-12-03",
        "title": "中文 テキスト Trade and Investment Promotion Framework (TIPF) Memorandum",
        "tons": 20,
        "url": "http://www01.koreaherald.com/view.php?ud=20241203050040",
    },
]
LISTING = Listing("things", COLUMNS, ("id", "signed", "title", "tons"), ROWS)
HOSTILE = "\x1b]0;owned\x07 \x1b[31mred\x1b[0m [bold]x[/] :smile: \x9b2J end"
#: Any escape sequence: CSI (ESC [ … letter) or OSC (ESC ] … ST).
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^;\x1b]*;[^\x1b]*\x1b\\")
#: An OSC 8 hyperlink's target, as Rich writes it (``ESC ] 8 ; id=N ; URL ESC \``).
_LINK = re.compile(r"\x1b\]8;[^;\x1b]*;([^\x1b]+)\x1b\\")


def _plain(text: str) -> str:
    """``text`` without the SGR and OSC 8 sequences silkcli writes."""
    return _ESCAPES.sub("", text)


@pytest.mark.parametrize("width", [47, 52, 60, 73, 80, 100])
def test_table_with_hangul_and_cjk_is_exactly_as_wide_as_the_width(width: int) -> None:
    """Every border and row line is exactly ``width`` terminal cells (wide characters count two); so is the caption."""
    lines = to_table(LISTING, width=width).splitlines()
    assert {cell_len(line) for line in lines} == {width}
    assert lines[0].startswith("┏") and lines[-2].startswith("└") and lines[-1].lstrip() == "2 records"


@pytest.mark.parametrize("width", [24, 33, 47, 61, 80])
def test_ids_and_dates_are_never_broken_and_no_line_is_too_wide(width: int) -> None:
    """Through the CLI at each width: no line wider than --width, every id and date whole on one line."""
    fields = ["--fields", "id,signed,title"]  # chosen, so never hidden: a table or, when it cannot fit, records
    result = run_cli("--data", str(TINY), "agreements", *fields, "-f", "table", "--width", str(width))
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= width
    tsv = run_cli("--data", str(TINY), "agreements", "-f", "tsv", "--fields", "id,signed").stdout.splitlines()[1:]
    for ident, signed in (line.split("\t") for line in tsv):
        assert ident in result.stdout and signed in result.stdout


def test_caption_is_right_aligned_under_the_table() -> None:
    """The count ends where the table's right border ends."""
    lines = to_table(LISTING._replace(total=9), width=70).splitlines()
    assert lines[-1].endswith("2 of 9 records") and cell_len(lines[-1]) == cell_len(lines[0])


def test_numbers_are_right_aligned_and_long_urls_cut_with_an_ellipsis() -> None:
    """``260,000`` ends at its column's right edge; a URL wider than its column ends in … on one line."""
    listing = LISTING._replace(selected=("id", "tons", "url"), explicit=True)
    lines = to_table(listing, width=70).splitlines()
    first, second = (line for line in lines if line.startswith("│"))
    assert first.split("│")[2] == " 260,000 " and second.split("│")[2] == "      20 "
    assert first.split("│")[3].rstrip().endswith("…") and len([line for line in lines if "https" in line]) == 1


def test_no_escape_at_all_without_colour() -> None:
    """In a pipe, with NO_COLOR, or with --color never: not even bold; records too."""
    for args, env in ((["--color", "never"], {}), ([], {"NO_COLOR": "1"}), ([], {})):
        for layout in ("table", "records"):
            command = ["sources", "-n", "2", "-f", "table", "--width", "120", "--layout", layout, *args]
            result = run_cli(*command, env={"TERM_PROGRAM": "WezTerm", **env})
            assert result.exit_code == 0 and result.stdout and "\x1b" not in result.stdout


def test_colour_always_gives_a_bold_header_and_links_to_the_sources() -> None:
    """--color always on a terminal known to show links: bold headers, each URL an OSC 8 link to itself."""
    result = run_cli(
        "sources", "--fields", "id,url", "-n", "2", "-f", "table", "--width", "200", "--color", "always",
        env={"TERM_PROGRAM": "WezTerm"},
    )  # fmt: skip
    assert "\x1b[1mid\x1b[0m" in result.stdout and "\x1b[1murl\x1b[0m" in result.stdout
    url = "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf"
    assert re.search(rf"\x1b\]8;id=\d+;{re.escape(url)}\x1b\\{re.escape(url)}\x1b\]8;;\x1b\\", result.stdout)
    assert (
        _plain(result.stdout)
        == run_cli("sources", "--fields", "id,url", "-n", "2", "-f", "table", "--width", "200").stdout
    )


def test_a_shortened_url_still_links_to_the_whole_url() -> None:
    """The visible part and its … link to the full address, not to the cut text."""
    listing = LISTING._replace(selected=("id", "url"), explicit=True)
    text = to_table(listing, width=50, color=True, links=True)
    url = ROWS[0]["url"]
    assert _LINK.findall(text) == [url, ROWS[1]["url"]] and "…" in _plain(text)  # targets are whole URLs


def test_hostile_data_is_printed_escaped_and_literally() -> None:
    """ESC, OSC, C1 controls never reach the terminal raw; [bold] markup and :smile: stay as typed."""
    listing = Listing("things", COLUMNS, ("id", "title"), [{"id": "x", "title": HOSTILE}])
    for color in (False, True):
        for text in (
            to_table(listing, width=100, color=color),
            render(listing, Format.table, View(80, color, True, "records")),
        ):
            shown = _plain(text)
            assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
            assert "\\x1b]0;owned\\x07" in shown and "\\x1b[31mred" in shown and "\\x9b2J" in shown
            assert "[bold]x[/] :smile:" in shown and "😄" not in shown


def test_hostile_url_is_neither_a_link_nor_an_escape() -> None:
    """A link column value with an escape sequence inside is shown escaped and links to nothing raw."""
    listing = Listing(
        "things", COLUMNS, ("id", "url"), [{"id": "x", "url": "https://a.example/\x1b]8;;https://evil\x07"}]
    )
    text = to_table(listing, width=120, color=True, links=True)
    assert "\x07" not in text and "https://a.example/\\x1b]8;;https://evil\\x07" in _plain(text)
    assert all(target.isprintable() for target in _LINK.findall(text))


def test_search_highlights_each_word_case_insensitively() -> None:
    """Each query word in the snippet is bold reverse, whatever its case; other columns are not marked."""
    listing = Listing("hits", (Column("id", ""), Column("snippet", "", prose=True)), ("id", "snippet"), [])
    listing = listing._replace(rows=[{"id": "small", "snippet": "A Small hydro plant, SMALL and HydroPower"}])
    text = to_table(listing._replace(highlight="small hydropower"), width=80, color=True)
    assert re.findall(r"\x1b\[1;7m([^\x1b]*)\x1b\[0m", text) == ["Small", "SMALL", "HydroPower"]
    assert "│ small │" in text


def test_cells_wrap_between_words_fold_long_words_and_keep_line_breaks() -> None:
    """Prose breaks at spaces, a word longer than the column folds, ``\\n`` starts a line; ids stay whole."""
    columns = (Column("id", "", priority=1), Column("text", "", prose=True, priority=1))
    rows = [{"id": "record-with-a-long-id", "text": "one two three abcdefghijklmnopqrstuvwxyz0123\nx"}]
    lines = to_table(Listing("t", columns, ("id", "text"), rows), width=50).splitlines()
    cells = [line.split("│")[1:3] for line in lines if line.startswith("│")]
    assert [a.strip() for a, _ in cells] == ["record-with-a-long-id", "", "", ""]
    assert [b.strip() for _, b in cells] == ["one two three", "abcdefghijklmnopqrstuv", "wxyz0123", "x"]
    assert [str(t) for t in value_lines("one two three", 8, link=False)] == ["one two", "three"]
    assert [str(t) for t in value_lines("한국어 문서", 5, link=False)] == ["한국", "어", "문서"]


def test_rows_are_as_tall_as_their_tallest_cell_and_cells_top_aligned() -> None:
    """A short cell beside a wrapped one is padded with blank lines below it."""
    columns = (Column("a", "", priority=1), Column("b", "", prose=True, priority=1))
    listing = Listing("t", columns, ("a", "b"), [{"a": "x", "b": "one two three four five six seven"}])
    body = [line for line in to_table(listing, width=30).splitlines() if line.startswith("│")]
    assert body[0].startswith("│ x │ one") and body[1].startswith("│   │ ") and len(body) == 2


def test_record_blocks_in_colour_have_a_dim_heading_and_bold_labels() -> None:
    """--layout records with colour: `-[ 1 ]---` dim, `id:` bold, values plain."""
    result = run_cli("leaders", "-n", "1", "-f", "table", "--width", "80", "--layout", "records", "--color", "always")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("\x1b[2m-[ 1 ]--") and lines[1].startswith("\x1b[1mid:\x1b[0m ")
    assert re.fullmatch(r"\x1b\[2m1 of \d+ records\x1b\[0m", lines[-1])


def test_rows_hold_what_they_print_when_they_leave_the_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once shaped, an agreements listing draws its parties (signatories' names included) without the dataset."""
    ds = load_dataset(TINY)
    shaped = shape(document_listing(ds, ds.documents), Shape(fields="id,parties"))

    def no_lookups(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dataset was read while the table was drawn")

    monkeypatch.setattr(records, "store_of", no_lookups)
    parties = [entry for row in shaped.rows for entry in row["parties"]]
    assert parties and all(isinstance(e, Entry) and isinstance(e.text, str) for e in parties)
    assert any("(" in e.text for e in parties)  # a signatory's name, looked up when the row was built
    drawn = render(shaped, Format.table, View(200))
    assert all(e.text.split(" (")[0] in " ".join(drawn.split()) for e in parties)
