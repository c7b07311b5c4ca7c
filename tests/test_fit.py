"""Tables fit the terminal: every listing at widths 40–200, on both datasets, leaves no line too wide and no id cut."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from conftest import TINY, run_cli
from silkcli.dataset.load import load_dataset
from silkcli.formats.fit import FEW_RECORDS, choose, plan
from silkcli.listings.listing import Shape, shape
from silkcli.listings.records import document_listing
from test_widths import too_wide

#: Each listing command with arguments that give it rows, per dataset.
BUNDLED = (
    ["agreements"],
    ["agreements", "--cite"],
    ["leaders"],
    ["timeline"],
    ["sectors"],
    ["sectors", "mining"],
    ["commitments"],
    ["reserves"],
    ["stats"],
    ["quotes"],
    ["search", "antimony"],
    ["show", "doc-energy-minerals-mou"],
    ["sources"],
    ["discrepancies"],
    ["countries"],
)
TINY_COMMANDS = (*(c for c in BUNDLED if c[0] not in ("search", "show", "reserves")), ["search", "zinc"])
WIDTHS = (40, 41, 47, 53, 60, 67, 72, 79, 80, 81, 90, 100, 111, 120, 133, 150, 177, 200)
CASES = [(None, c) for c in BUNDLED] + [(TINY, c) for c in TINY_COMMANDS]


def _ids(data: list[str], command: list[str]) -> list[str]:
    """The ids the listing holds (from its JSON), which every width must show whole."""
    rows = json.loads(run_cli(*data, *command, "-f", "json").stdout)
    return [row["id"] for row in rows if isinstance(row, dict) and "id" in row] if isinstance(rows, list) else []


@pytest.mark.slow
@pytest.mark.parametrize(("dataset", "command"), CASES, ids=[f"{d and 'tiny'}-{' '.join(c)}" for d, c in CASES])
def test_every_listing_fits_every_width_with_ids_whole(dataset: object, command: list[str]) -> None:
    """No line is wider than --width (in terminal cells; a line of one whole URL may be) and every id that fits
    the width appears unbroken."""
    data = ["--data", str(dataset)] if dataset else []
    ids = _ids(data, command)
    for width in WIDTHS:
        result = run_cli(*data, *command, "-f", "table", "--width", str(width))
        assert result.exit_code == 0, result.stderr
        wide = too_wide(result.stdout, width)  # but for a line that is one whole URL
        assert wide == [], f"width {width}: {wide[:2]}"
        missing = [i for i in ids if cell_len(i) + 4 <= width and i not in result.stdout]
        assert missing == [], f"width {width}: ids broken or left out: {missing}"


def test_a_table_that_hides_columns_says_what_it_left_out() -> None:
    """`agreements --summit` at 80 columns: the ids whole in a table, one note naming the columns that went."""
    result = run_cli("agreements", "--summit", "-f", "table", "--width", "80", env={"COLUMNS": "80"})
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    assert "│ doc-energy-minerals-mou " in result.stdout
    assert "10 records" in result.stdout.splitlines()[-1]
    assert result.stderr.startswith("note: doc-joint-statement")
    assert result.stderr.splitlines()[-1] == "note: 2 notes in all; --verbose prints them"
    full = run_cli("agreements", "--summit", "-f", "table", "--width", "80", "--verbose", env={"COLUMNS": "80"})
    assert "note: 3 columns hidden: parties, sectors, type; use --fields or a wider terminal" in full.stderr


def test_a_few_records_or_a_hidden_filter_column_become_blocks() -> None:
    """A table that would hide columns becomes blocks for three records or fewer, when it would hide a
    column the answer is about, or when it would hide more columns than it shows (at 66 columns the tiny
    agreements would keep only id and title); a table that hides nothing stays a table."""
    listing = shape(document_listing(load_dataset(TINY), load_dataset(TINY).documents), Shape())
    found = plan(listing, 80)
    assert found is not None and found.hidden and len(listing.rows) > FEW_RECORDS
    assert choose(listing, 80) == found
    assert choose(listing._replace(asked=(found.hidden[0],)), 80) is None
    assert choose(listing._replace(asked=("id",)), 80) == found
    narrow = plan(listing, 66)
    assert narrow is not None and len(narrow.hidden) > len(narrow.fields) and choose(listing, 66) is None
    assert choose(listing._replace(rows=listing.rows[:FEW_RECORDS]), 66) is None
    assert choose(listing._replace(rows=listing.rows[:FEW_RECORDS]), 200) == plan(
        listing._replace(rows=listing.rows[:FEW_RECORDS]), 200
    )


def test_columns_are_left_out_highest_priority_number_first() -> None:
    """Narrowing a table drops parties, then sectors, then type; the id and title stay to the end."""
    listing = shape(document_listing(load_dataset(TINY), load_dataset(TINY).documents), Shape())
    hidden = [found.hidden for width in (200, 90, 75, 66) if (found := plan(listing, width))]
    assert hidden[0] == ()
    assert all(set(a) <= set(b) for a, b in zip(hidden, hidden[1:], strict=False))
    assert [h[0] for h in hidden if h] == ["parties"] * len([h for h in hidden if h])
    narrowest = plan(listing, 50)
    assert narrowest is not None and {"id", "title"} <= set(narrowest.fields)


def test_fields_the_user_chose_are_never_hidden_they_become_records() -> None:
    """With --fields, a table too wide for the terminal becomes record blocks rather than losing a column."""
    result = run_cli("agreements", "--fields", "id,title,parties,note", "-n", "2", "-f", "table", "--width", "50")
    assert result.stdout.startswith("-[ 1 ]")
    for field in ("id:", "title:", "parties:", "note:"):
        assert any(line.startswith(field) for line in result.stdout.splitlines())
    assert "each record is a block" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 of 15 records; data as of 27 November 2026"


def test_layout_records_and_table_are_chosen_by_the_option() -> None:
    """--layout records draws blocks even when a table would fit; --layout table keeps a table when none would."""
    records = run_cli("leaders", "-n", "1", "-f", "table", "--width", "200", "--layout", "records")
    assert records.stdout.startswith("-[ 1 ]") and "\nname:" in records.stdout
    table = run_cli("agreements", "-n", "1", "-f", "table", "--width", "30", "--layout", "table")
    assert table.stdout.startswith("┏") and max(cell_len(line) for line in table.stdout.splitlines()) <= 30
    refused = run_cli("agreements", "-f", "json", "--layout", "records")
    assert refused.exit_code == 2 and refused.stderr.startswith("error: --layout applies to -f table")


def test_caption_counts_what_n_left_out() -> None:
    """`-n 3` captions the table `3 of 15 records`; without -n it is `15 records`; both with the data's date."""
    cut = run_cli("agreements", "-n", "3", "-f", "table", "--width", "200")
    assert cut.stdout.rstrip().endswith("3 of 15 records; data as of 27 November 2026")
    whole = run_cli("agreements", "-f", "table", "--width", "200")
    assert whole.stdout.rstrip().endswith(" 15 records; data as of 27 November 2026")


def test_long_urls_are_shortened_only_with_a_note_saying_where_to_read_them() -> None:
    """A source URL too long for its column ends in … and the note points to show and --fields."""
    result = run_cli("sources", "-n", "3", "-f", "table", "--width", "140")
    assert "…" in result.stdout
    assert "url shortened with …" in result.stderr and "silkcli show ID" in result.stderr
    whole = run_cli("sources", "-n", "3", "-f", "table", "--width", "200")
    assert "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-antimony.pdf" in whole.stdout and whole.stderr == ""


def test_prose_wraps_between_words_and_lists_between_items() -> None:
    """Titles break only at spaces; a list of sectors breaks after its '; ', never inside a sector id."""
    result = run_cli("agreements", "--sector", "mining", "--fields", "id,sectors,title", "-f", "table", "--width", "52")
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 52
    cells = [line.split("│")[2].strip() for line in result.stdout.splitlines() if line.startswith("│")]
    assert cells[:2] == ["energy;", "mining"]
    title = " ".join(line.split("│")[3].strip() for line in result.stdout.splitlines() if line.startswith("│"))
    assert " ".join(title.split()) == "MOU on Cooperation in the Energy Sector and Critical Minerals"


def test_a_filter_whose_column_a_table_would_hide_gives_blocks() -> None:
    """`agreements --party KG` at 80 columns: blocks that show the parties; `--status signed` (its column not
    shown anyway) stays a table that hides the parties."""
    party = run_cli("agreements", "--party", "KG", "-f", "table", "--width", "80")
    assert party.stdout.startswith("-[ 1 ]") and "\nparties: South Korea: " in party.stdout
    status = run_cli("agreements", "--status", "signed", "-f", "table", "--width", "80")
    assert status.stdout.startswith("┏") and "parties" in status.stderr
