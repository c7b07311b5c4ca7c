"""Each output format, compared as exact strings on a small listing with awkward values."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from rich.cells import cell_len

from silkcli.formats import MACHINE_FORMATS, Format, render
from silkcli.formats.display import bar, cell_width, display, wrap_cells
from silkcli.formats.table import to_table
from silkcli.listings.listing import Column, Listing, Shape, shape

COLUMNS = (
    Column("id", "id"),
    Column("title", "title"),
    Column("tons", "tons", numeric=True, marker="mark"),
    Column("mark", "marker"),
    Column("tags", "tags"),
)
ROWS = [
    {"id": "a", "title": 'Tab\there | pipe, "quoted"\nnew line', "tons": 4500, "mark": "estimated", "tags": ("x", "y")},
    {"id": "b", "title": "[bold]x[/] :smile: 한국어", "tons": None, "mark": "not_available", "tags": ()},
]
LISTING = Listing("things", COLUMNS, ("id", "title", "tons", "tags"), ROWS)


def test_tsv_escapes_tabs_and_newlines_so_each_row_is_one_line() -> None:
    """Every row has the same number of fields; escapes are reversible."""
    assert render(LISTING, Format.tsv) == (
        "id\ttitle\ttons\ttags\n"
        'a\tTab\\there | pipe, "quoted"\\nnew line\t4500\tx; y\n'
        "b\t[bold]x[/] :smile: 한국어\t\t\n"
    )


def test_csv_is_rfc4180() -> None:
    """Quotes doubled, fields with commas or newlines quoted, CRLF line ends."""
    text = render(LISTING, Format.csv)
    assert text == (
        "id,title,tons,tags\r\n"
        'a,"Tab\there | pipe, ""quoted""\nnew line",4500,x; y\r\n'
        "b,[bold]x[/] :smile: 한국어,,\r\n"
    )
    assert list(csv.reader(io.StringIO(text, newline="")))[1][1] == ROWS[0]["title"]


def test_json_is_utf8_with_stable_key_order() -> None:
    """An array of objects in field order, not ASCII-escaped, lists as arrays, null for missing."""
    text = render(LISTING, Format.json)
    assert text == (
        "[\n"
        '  {"id":"a","title":"Tab\\there | pipe, \\"quoted\\"\\nnew line","tons":4500,"tags":["x","y"]},\n'
        '  {"id":"b","title":"[bold]x[/] :smile: 한국어","tons":null,"tags":[]}\n'
        "]\n"
    )
    assert json.loads(text)[1]["title"] == ROWS[1]["title"]


def test_empty_json_is_an_empty_array() -> None:
    """No rows still gives valid JSON."""
    assert render(Listing("things", COLUMNS, ("id",), []), Format.json) == "[]\n"


def test_jsonl_is_one_object_per_line() -> None:
    """Each line parses alone."""
    lines = render(LISTING, Format.jsonl).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]


def test_markdown_escapes_pipes_and_line_breaks() -> None:
    """A GitHub table; numeric columns right-aligned."""
    assert render(LISTING, Format.markdown) == (
        "| id | title | tons | tags |\n"
        "| --- | --- | ---: | --- |\n"
        '| a | Tab\there \\| pipe, "quoted"<br>new line | 4500 | x; y |\n'
        "| b | \\[bold\\]x\\[/\\] :smile: 한국어 |  |  |\n"  # escaped as the brief escapes it (issue 13.3)
    )


def test_markdown_never_makes_data_live_html_or_links() -> None:
    """Raw HTML and link syntax in a value are escaped in -f markdown, as the brief's Markdown escapes them."""
    rows = [{"id": "x", "title": "<img src=x onerror=alert(1)> [x](javascript:alert(1)) line\u2028break"}]
    text = render(Listing("things", COLUMNS, ("id", "title"), rows), Format.markdown)
    assert "\\<img src=x onerror=alert(1)\\>" in text and "\\[x\\](javascript:alert(1))" in text
    assert "<img" not in text.replace("\\<img", "") and "line<br>break" in text


def test_yaml_loads_back_to_the_same_values() -> None:
    """The yaml format round-trips through a safe loader."""
    loaded = yaml.safe_load(render(LISTING, Format.yaml))
    assert loaded == [
        {"id": "a", "title": ROWS[0]["title"], "tons": 4500, "tags": ["x", "y"]},
        {"id": "b", "title": ROWS[1]["title"], "tons": None, "tags": []},
    ]


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_every_machine_format_renders_every_row(fmt: Format) -> None:
    """No format drops a record."""
    assert "한국어" in render(LISTING, fmt)


def render_table(listing: Listing, width: int = 80) -> str:
    """A table of every selected column (none left out, as with --fields) as plain text at a fixed width, no colour."""
    return to_table(listing._replace(explicit=True), width=width)


def test_table_prints_markup_and_emoji_codes_literally() -> None:
    """Data is Text, never Rich markup: `[bold]x[/]` and `:smile:` appear as typed."""
    text = render_table(LISTING)
    assert "[bold]x[/] :smile:" in text
    assert "😄" not in text


def test_table_right_aligns_numbers_shows_markers_and_counts_rows() -> None:
    """4,500 (estimate) is right-aligned under its header; NA shows for a missing value; caption counts."""
    text = render_table(LISTING, width=80)
    assert "4,500 (estimate)" in text and " NA " in text
    assert text.splitlines()[-1].strip() == "2 records"
    header = next(line for line in text.splitlines() if "tons" in line)
    value = next(line for line in text.splitlines() if "4,500 (estimate)" in line)
    assert header.index("tons") + len("tons") == value.index("(estimate)") + len("(estimate)")


def test_table_wraps_instead_of_cutting_on_narrow_terminals() -> None:
    """At 30 columns every character of a long title is still printed."""
    long = Listing("things", COLUMNS, ("id", "title"), [{"id": "z", "title": "abcdefghijklmnopqrstuvwxyz0123456789"}])
    text = "".join(line.strip("│┃ ") for line in render_table(long, width=30).splitlines())
    assert "abcdefghij" in text and "0123456789" in text.replace(" ", "").replace("│", "")


def test_display_uses_usgs_style_markers() -> None:
    """e for estimated, NA, — for zero, > for a lower bound, ≈ for approximate."""
    assert display(4500, "estimated") == "4,500e"
    assert display(None, "not_available") == "NA"
    assert display(0, "zero") == "—"
    assert display(2_000_000, "lower_bound") == ">2,000,000"
    assert display(90, "approximate") == "≈90"
    assert display(0.05) == "0.05"


def test_bar_has_eighth_cell_precision() -> None:
    """A full bar fills the width; half fills half."""
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██"
    assert bar(0.0, 4) == ""


def test_shape_selects_sorts_limits_and_cites() -> None:
    """--fields order, --sort with missing values last, -n, --cite columns."""
    shaped = shape(LISTING, Shape(fields="tons,id", sort="tons", desc=True, limit=1))
    assert shaped.fields == ("tons", "id") and [r["id"] for r in shaped.rows] == ["a"]
    cited = shape(
        Listing(
            "things", COLUMNS + (Column("source", ""), Column("source_url", ""), Column("evidence", "")), ("id",), ROWS
        ),
        Shape(cite=True, evidence=True),
    )
    assert cited.fields == ("id", "source", "source_url", "evidence")


@pytest.mark.parametrize("width", [16, 20, 31])
def test_wrap_cells_counts_hangul_as_two_cells_and_keeps_words_whole(width: int) -> None:
    """Lines stay within ``width`` cells; words no longer than a line are never split."""
    text = "윤석열 대통령과 사디르 자파로프 키르기스스탄 대통령이 서울에서 정상회담을 했다 (Seoul summit)"
    lines = wrap_cells(text, width, first="- ")
    assert all(cell_len(line) <= width for line in lines)
    assert " ".join(" ".join(lines).replace("- ", "", 1).split()) == text
    assert cell_width("키르기스스탄") == cell_len("키르기스스탄") == 12


def test_wrap_cells_cuts_only_a_word_wider_than_the_line() -> None:
    """A 12-cell word on 8-cell lines is cut into pieces of at most 8 cells; nothing is lost."""
    lines = wrap_cells("키르기스스탄 ok", 8)
    assert lines == ["키르기스", "스탄 ok"]
