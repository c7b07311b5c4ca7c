"""The exported database answers plain SQL right: totals marked, shares and ranks as the CLI computes them,
partial dates that sort as dates, and one spelling of "no marker"."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import BUNDLED, run_cli
from gen_data import generate
from silkcli.dataset.dump import to_json
from silkcli.dataset.load import load_dataset
from silkcli.listings import shares
from silkcli.publish.readback import dataset_from_tables, read_sqlite


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    """The bundled dataset exported once as SQLite, opened read-only."""
    target = tmp_path_factory.mktemp("db") / "partnership.db"
    result = run_cli("export", "-f", "sqlite", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return sqlite3.connect(f"file:{target}?mode=ro", uri=True)


def test_the_world_total_is_marked_and_filtered_out_of_a_ranking(db: sqlite3.Connection) -> None:
    """ORDER BY value DESC puts the world total first; `NOT is_total` leaves China, the largest country, first."""
    sql = "SELECT id FROM statistics WHERE metric = 'reserves' {} ORDER BY value DESC LIMIT 1"
    assert db.execute(sql.format("")).fetchone() == ("sb-reserves-world",)
    assert db.execute(sql.format("AND NOT is_total")).fetchone() == ("sb-reserves-cn",)
    totals = {r[0] for r in db.execute("SELECT id FROM statistics WHERE is_total")}
    ds = load_dataset(BUNDLED)
    assert totals == {s.id for s in ds.statistics if s.country is None and not s.claim} and totals


def test_reserve_shares_view_matches_the_reserves_listing(db: sqlite3.Connection) -> None:
    """Every row of reserve_shares holds the rank, shares and bounds that `silkcli reserves` computes, in its order."""
    ds = load_dataset(BUNDLED)
    expected = [
        (
            r.code,
            r.label,
            r.code is None,
            r.rank,
            r.reserves_share,
            r.share_is_upper_bound,
            r.production_share,
            r.production_share_estimated,
        )
        for r in shares.reserve_rows(ds, "antimony")
    ]
    cursor = db.execute(
        "SELECT country, label, is_total, rank, reserves_share, share_is_upper_bound, production_share,"
        " production_share_estimated FROM reserve_shares WHERE topic = 'antimony'"
    )
    got = [(c, la, bool(t), rk, rs, bool(ub), ps, bool(pe)) for c, la, t, rk, rs, ub, ps, pe in cursor]
    assert got == expected
    assert got[3][:5] == ("KG", "Kyrgyzstan", False, 4, 13.0)  # the summit's talking point: fourth, 13%


def test_a_partial_date_has_a_column_that_sorts_as_a_date(db: sqlite3.Connection) -> None:
    """'2024-12' sorts before '2024-12-03' as text; its `_sort` column is its first day and sorts as a date."""
    rows = db.execute("SELECT date, date_sort, date_precision FROM events").fetchall()
    months = [r for r in rows if r[2] == "month"]
    assert months and all(r[1] == r[0] + "-01" for r in months)
    assert all(r[1] == r[0] for r in rows if r[2] == "day")
    assert all(r[1] == r[0] + "-01-01" for r in rows if r[2] == "year")
    signed = db.execute("SELECT signed, signed_sort FROM documents").fetchall()
    assert all(s.startswith(t) and len(s) == 10 for t, s in signed)


def test_no_marker_is_null_in_sql_csv_and_the_listings(db: sqlite3.Connection, tmp_path: Path) -> None:
    """A figure without a marker has marker NULL in SQL, an empty CSV cell and null in a listing's JSON."""
    spellings = {r[0] for r in db.execute("SELECT DISTINCT marker FROM statistics")}
    assert None in spellings and "none" not in spellings
    (sql_unmarked,) = db.execute("SELECT id FROM statistics WHERE id = 'sb-reserves-kg' AND marker IS NULL").fetchone()
    listed = json.loads(run_cli("stats", "-f", "json").stdout)
    assert {s["id"]: s["marker"] for s in listed}[sql_unmarked] is None
    folder = tmp_path / "pkg"
    assert run_cli("export", "-f", "datapackage", "-o", str(folder)).exit_code == 0
    with (folder / "statistics.csv").open(encoding="utf-8", newline="") as handle:
        cells = {row["id"]: row["marker"] for row in csv.DictReader(handle)}
    assert cells[sql_unmarked] == "" and "none" not in cells.values()


def test_generated_data_round_trips_with_every_marker(tmp_path: Path) -> None:
    """A file with every marker ("none" among them) reads back from SQL as it was: NULL becomes the default again."""
    source = tmp_path / "gen.json"
    source.write_text(json.dumps(generate(300, seed=11), ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "gen.db"
    assert run_cli("--data", str(source), "export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    with sqlite3.connect(target) as conn:
        markers = {r[0] for r in conn.execute("SELECT DISTINCT marker FROM statistics")}
    assert None in markers and "estimated" in markers and "none" not in markers
    expected = run_cli("--data", str(source), "export", "-f", "json").stdout
    assert to_json(dataset_from_tables(read_sqlite(target))) == expected
