"""Dates as people read them: the unknown day, n.d., month-dated documents last, and which publication came first."""

from __future__ import annotations

import json

import pytest

from conftest import BUNDLED, run_cli
from silkcli.dataset.load import load_dataset
from silkcli.dataset.model import PartialDate
from silkcli.listings import chronology
from silkcli.listings import select as query


@pytest.mark.parametrize(
    ("text", "readable"),
    [("2024-12-03", "2024-12-03"), ("2024-12", "2024-12 (day unknown)"), ("2025", "2025 (month unknown)")],
)
def test_readable_date_says_which_part_is_unknown(text: str, readable: str) -> None:
    """A date known only to the month or the year says so."""
    assert chronology.readable(PartialDate.parse(text)) == readable


@pytest.mark.parametrize(
    ("later", "earlier", "after"),
    [
        ("2025-01", "2024-12-03", True),
        ("2025-01", "2024-01", True),
        ("2024-12", "2024-12-03", None),  # December overlaps the 3rd: cannot tell
        ("2024-12-03", "2025-01", False),
        ("2025-01", None, None),
        (None, "2024-12-03", None),
    ],
)
def test_published_after_needs_both_dates_and_no_overlap(later: str | None, earlier: str | None, after: object) -> None:
    """Only periods that do not overlap are ordered; an unknown date orders nothing."""
    first = PartialDate.parse(later) if later else None
    second = PartialDate.parse(earlier) if earlier else None
    assert chronology.published_after(first, second) is after


def test_month_dated_documents_sort_after_the_days_of_their_month() -> None:
    """The three export-agency MOUs dated 2024-12 come after the documents of 2–4 December."""
    docs = query.documents(load_dataset(BUNDLED))
    december = [str(d.signed) for d in docs if str(d.signed).startswith("2024-12")]
    assert december[-3:] == ["2024-12", "2024-12", "2024-12"]
    assert december[:-3] and all(len(date) == 10 for date in december[:-3])
    keys = [PartialDate.parse(t).end_sort_key() for t in ("2024-11-30", "2024-12-01", "2024-12-31", "2024-12", "2024")]
    assert keys == sorted(keys)


def test_agreements_table_shows_the_unknown_day_and_json_the_exact_date() -> None:
    """Tables write '2024-12 (day unknown)'; json keeps '2024-12'."""
    args = ("agreements", "--no-summit", "--fields", "id,signed")
    table = run_cli(*args, "-f", "table", "--width", "120").stdout
    assert "(day unknown)" in table and "2024-12-04" in table
    rows = json.loads(run_cli(*args, "-f", "json").stdout)
    assert {r["signed"] for r in rows} == {"2024-12-03", "2024-12-04", "2024-12"}
    assert rows[-1]["signed"] == "2024-12"


def test_undated_sources_read_nd_in_tables_and_null_in_json() -> None:
    """The Korea Herald article has no known date: n.d. in the table, null in json, never one read from its URL."""
    fields = ("--fields", "id,published")
    rows = {r["id"]: r["published"] for r in json.loads(run_cli("sources", *fields, "-f", "json").stdout)}
    assert rows["koreaherald-20241203"] is None
    table = run_cli("sources", *fields, "-f", "table", "--width", "100").stdout
    line = next(line for line in table.splitlines() if "koreaherald-20241203" in line)
    assert "n.d." in line and "2024-12-03" not in line


def test_summit_filters_say_where_the_joint_statement_went() -> None:
    """--summit leaves the joint statement out and says so; --no-summit lists it and says it was adopted there."""
    summit = run_cli("agreements", "--summit", "-f", "json", env={"COLUMNS": "200"})  # the note on one line
    assert "doc-joint-statement" not in {r["id"] for r in json.loads(summit.stdout)}
    assert summit.stderr == (
        "note: doc-joint-statement, adopted at the summit, is not one of the 10 summit documents (see --no-summit)\n"
    )
    others = run_cli("agreements", "--no-summit", "--fields", "id,summit,at_summit", "-f", "json")
    rows = {r["id"]: r for r in json.loads(others.stdout)}
    assert rows["doc-joint-statement"] == {"id": "doc-joint-statement", "summit": False, "at_summit": True}
    assert not any(r["at_summit"] for i, r in rows.items() if i != "doc-joint-statement")
    assert others.stderr == (
        "note: doc-joint-statement was adopted at the summit but is not one of the 10 summit documents\n"
    )
    assert run_cli("agreements", "-f", "json").stderr == ""


def test_show_cites_an_undated_source_as_nd_in_tables_only() -> None:
    """`show` of a record citing the undated article: n.d. in the table, an empty cell in tsv, null in json."""
    ident = "sb-claim-production-share-kg-article"
    table = run_cli("show", ident, "-f", "table", "--width", "100").stdout
    assert "(The Korea Herald, n.d.)" in table  # the record block's source line
    tsv = run_cli("show", ident, "-f", "tsv").stdout
    assert "source.published\t\t\n" in tsv  # field, value (empty), cited
    assert json.loads(run_cli("show", "koreaherald-20241203", "-f", "json").stdout)["published"] is None
    source_table = run_cli("show", "koreaherald-20241203", "-f", "table", "--width", "100").stdout
    assert "n.d." in next(line for line in source_table.splitlines() if "published" in line)


def test_sector_detail_and_timeline_tables_show_the_unknown_part() -> None:
    """A sector's month-dated documents and the timeline's partial dates say which part is unknown in tables."""
    detail = run_cli("sectors", "trade-investment", "-f", "table", "--width", "140").stdout
    assert "(day unknown)" in detail
    rows = json.loads(run_cli("sectors", "trade-investment", "-f", "json").stdout)
    assert [r["date"] for r in rows if r["kind"] == "document"][-1] == "2024-12"
    timeline = run_cli("timeline", "--until", "1997", "-f", "table", "--width", "120").stdout
    assert "(day unknown)" in timeline
