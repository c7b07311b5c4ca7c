"""`export -f sqlite`: typed tables, foreign keys, citations, full-text search, views, atomic and deterministic."""

from __future__ import annotations

import collections
import json
import re
import sqlite3
from pathlib import Path

import msgspec
import pytest

from conftest import BUNDLED, run_cli
from gen_data import generate
from silkcli.dataset import model as m
from silkcli.dataset import provenance as pv
from silkcli.dataset.dump import to_json
from silkcli.dataset.load import load_dataset
from silkcli.dataset.tables.layout import layout, record_class, shape_of
from silkcli.publish.readback import dataset_from_tables, read_sqlite


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset exported once as SQLite."""
    target = tmp_path_factory.mktemp("db") / "partnership.db"
    result = run_cli("export", "-f", "sqlite", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset with every record kind, marker, date precision and awkward text."""
    path = tmp_path_factory.mktemp("gen") / "gen.json"
    path.write_text(json.dumps(generate(300, seed=11), ensure_ascii=False), encoding="utf-8")
    return path


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_reference_is_a_foreign_key_and_all_of_them_hold(bundled_db: Path) -> None:
    """PRAGMA foreign_key_check finds nothing, and documents.type, sectors and signatories are declared keys."""
    assert _query(bundled_db, "PRAGMA foreign_key_check") == []
    assert _query(bundled_db, "PRAGMA integrity_check") == [("ok",)]
    keys = {(row[3], row[2]) for row in _query(bundled_db, "PRAGMA foreign_key_list(documents)")}
    assert {("type", "document_types"), ("status", "statuses"), ("source", "sources")} <= keys
    links = {(row[3], row[2]) for row in _query(bundled_db, "PRAGMA foreign_key_list(documents_sectors)")}
    assert links == {("document", "documents"), ("sector", "sectors")}
    parties = {(row[3], row[2]) for row in _query(bundled_db, "PRAGMA foreign_key_list(documents_parties)")}
    assert ("signatory", "people") in parties


def test_a_broken_reference_is_caught_by_the_foreign_keys(bundled_db: Path, tmp_path: Path) -> None:
    """The check is real: a sector renamed in one link row shows up in foreign_key_check."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(bundled_db.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE documents_sectors SET sector = 'minning' WHERE rowid = 1")
    conn.commit()
    assert [row[0] for row in conn.execute("PRAGMA foreign_key_check")] == ["documents_sectors"]
    conn.close()


def test_columns_are_typed_and_ids_are_primary_keys(bundled_db: Path) -> None:
    """documents.id is the primary key; summit is a 0/1 integer; statistics.value is numeric, markers a column."""
    info = {row[1]: row for row in _query(bundled_db, "PRAGMA table_info(documents)")}
    assert info["id"][5] == 1 and info["id"][2] == "TEXT"
    assert info["summit"][2] == "INTEGER" and info["summit"][3] == 1
    stats = {row[1]: row[2] for row in _query(bundled_db, "PRAGMA table_info(statistics)")}
    assert stats["value"] == "NUMERIC" and stats["marker"] == "TEXT" and stats["period_precision"] == "TEXT"
    row = _query(bundled_db, "SELECT value, marker FROM statistics WHERE id = 'sb-prod-2023-us'")
    assert row == [(0, "zero")]
    assert _query(bundled_db, "SELECT typeof(summit), count(*) FROM documents GROUP BY 1") == [("integer", 15)]


def test_every_model_field_has_a_column_or_a_table() -> None:
    """Walking the Structs misses nothing: each field of each record kind is a column, a flattened group or a table."""
    layouts = {spec.name: spec for spec in layout()}
    for kind in ("partnership", *m.RECORD_KINDS):
        cls = record_class(kind)
        for field in msgspec.structs.fields(cls):
            if shape_of(field.type).many:
                assert f"{kind}_{field.name}" in layouts, (kind, field.name)
            else:
                assert any(c.field[0] == field.name for c in layouts[kind].columns), (kind, field.name)


def test_the_ten_summit_documents_view_names_their_signatories(bundled_db: Path) -> None:
    """summit_documents has the ten summit documents in file order, with signing sides and signatories."""
    rows = _query(bundled_db, "SELECT id, parties, signatories FROM summit_documents")
    assert len(rows) == 10
    forestry = next(r for r in rows if r[0] == "doc-forestry-mou")
    assert forestry[2] == "Lim Sang-seop; Boobek Azhikeev"
    assert forestry[1].startswith("KR: Korea Forest Service (Lim Sang-seop); KG: ")


def test_full_text_search_finds_titles_and_quotes(bundled_db: Path) -> None:
    """The FTS5 indexes find a document by a title word and citations by a word in their quote."""
    found = _query(
        bundled_db,
        "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH 'forestry'",
    )
    assert found == [("doc-forestry-mou",)]
    hits = _query(bundled_db, "SELECT rowid FROM citations_fts WHERE citations_fts MATCH 'antimony' ORDER BY rowid")
    quotes = _query(bundled_db, "SELECT id, quote FROM citations")
    assert [(i,) for i, quote in quotes if re.search(r"\bantimony\b", str(quote), re.IGNORECASE)] == hits != []


def test_citations_table_holds_every_quote_with_its_part(bundled_db: Path) -> None:
    """Every citation of every record and of the structs in it (amounts, milestones, claims), each with its source."""
    ds = load_dataset(BUNDLED)
    structs = [r for _, r in m.iter_records(ds)]
    structs += [x for d in ds.documents for x in (*d.milestones, *([d.amount] if d.amount else []))]
    structs += [c for d in ds.discrepancies for c in d.claims]
    expected = sum(len(pv.citations(s)) for s in structs)
    assert _query(bundled_db, "SELECT count(*) FROM citations") == [(expected,)]
    claim = _query(
        bundled_db, "SELECT part, fields FROM citations WHERE record = 'disc-output-share' AND part NOT NULL"
    )
    assert claim[0] == ("claims[0]", "claims[0]")
    whole = _query(bundled_db, "SELECT fields, quote FROM citations WHERE record = 'doc-tipf-mou' AND part IS NULL")
    assert whole == [(None, ds.documents[1].evidence)]


def test_each_quote_is_kept_once_and_the_citations_view_reads_it_there(bundled_db: Path) -> None:
    """No table holds a quote twice: ``citations`` is a view of the quotes where each is kept (a record's
    evidence, its cites, its parts' JSON), so every quote in it is stored exactly once per place it backs."""
    assert _query(bundled_db, "SELECT type FROM sqlite_master WHERE name = 'citations'") == [("view",)]
    names = [n for (n,) in _query(bundled_db, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    kept: collections.Counter[str] = collections.Counter()
    for name in (n for n in names if "_fts" not in n):
        columns = [row[1] for row in _query(bundled_db, f'PRAGMA table_info("{name}")')]
        for row in _query(bundled_db, f'SELECT * FROM "{name}"'):
            for column, value in zip(columns, row, strict=True):
                if column == "quote" or column.endswith("evidence"):
                    kept[str(value)] += value is not None
                elif isinstance(value, str) and value.startswith("[{"):  # a list of cited entries, as JSON
                    kept.update(item["quote"] for item in json.loads(value) if "quote" in item)
    viewed = collections.Counter(q for (q,) in _query(bundled_db, "SELECT quote FROM citations"))
    assert +kept == viewed and sum(viewed.values()) > 600


def test_a_citations_id_names_its_record_and_its_place_in_it(bundled_db: Path) -> None:
    """Ids ascend in file order; ``id // 1,000,000`` is the record's row in ``records`` and the rest counts from 1
    within the record (its own citation first), so one record's citations are numbered 1, 2, 3, …"""
    listed = [i for (i,) in _query(bundled_db, "SELECT id FROM citations")]
    assert listed == sorted(listed)
    rows = _query(bundled_db, "SELECT c.id, r.rowid, c.part FROM citations c JOIN records r ON r.id = c.record")
    places: dict[int, list[int]] = collections.defaultdict(list)
    for ident, row, _ in rows:
        assert ident // 1_000_000 == row
        places[row].append(ident % 1_000_000)
    assert all(found == list(range(1, len(found) + 1)) for found in places.values())
    tipf = _query(bundled_db, "SELECT id % 1000000, part FROM citations WHERE record = 'doc-tipf-mou'")
    assert tipf[0] == (1, None) and [part for _, part in tipf[1:]] == [f"cites[{i}]" for i in range(len(tipf) - 1)]


def test_round_trip_holds_every_record_and_field_of_the_json_export(generated: Path, tmp_path: Path) -> None:
    """Read back, the database rebuilds exactly what export -f json prints (a generated dataset, all kinds)."""
    target = tmp_path / "gen.db"
    assert run_cli("--data", str(generated), "export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    expected = run_cli("--data", str(generated), "export", "-f", "json").stdout
    assert to_json(dataset_from_tables(read_sqlite(target))) == expected


def test_same_dataset_gives_the_same_bytes(generated: Path, tmp_path: Path) -> None:
    """Two exports of one dataset are byte-identical files."""
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for target in (first, second):
        assert run_cli("--data", str(generated), "export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_refuses_to_overwrite_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    """A text file at the target is kept as it was; exit 4 says why."""
    target = tmp_path / "notes.db"
    target.write_text("my notes\n", encoding="utf-8")
    result = run_cli("export", "-f", "sqlite", "-o", str(target))
    assert result.exit_code == 4
    assert "is not a SQLite database: not overwriting it" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert list(tmp_path.iterdir()) == [target]


def test_replaces_an_earlier_export_and_leaves_no_temporary_file(bundled_db: Path, tmp_path: Path) -> None:
    """Exporting over an earlier database replaces it whole; only the database is left in the folder."""
    target = tmp_path / "p.db"
    target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert run_cli("export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    assert target.read_bytes() == bundled_db.read_bytes()
    assert list(tmp_path.iterdir()) == [target]


def test_sqlite_needs_an_output_file() -> None:
    """Without -o there is nowhere to put a database: a usage error, nothing on stdout."""
    result = run_cli("export", "-f", "sqlite")
    assert result.exit_code == 2 and result.stdout == ""
    assert "add -o FILE" in result.stderr
