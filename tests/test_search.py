"""``search``: every word in any case, Korean inside compounds, plurals, one row per record, best first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from silkcli.listings.search import word_forms


def _rows(*words: str) -> list[dict[str, Any]]:
    result = run_cli("search", *words, "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("대통령", "yoon-suk-yeol"),  # inside 대통령은 and 대통령실
        ("자파로프", "ev-2024-12-03-speaker-woo-meeting"),
        ("Жапаров", "ev-2024-12-04-japarov-returns"),
        ("жАПАРОВ", "ev-2024-12-04-japarov-returns"),  # any case, in Cyrillic too
        ("antimony", "usgs-mcs2025-antimony"),
    ],
)
def test_search_finds_korean_russian_and_english_words_inside_longer_ones(word: str, found: str) -> None:
    """A word is found inside compounds and particles, in any case, whatever its script."""
    row = next(r for r in _rows(word) if r["id"] == found)
    assert word.lower() in (row["snippet"] + row["title"]).lower()


def test_a_plural_finds_the_singular() -> None:
    """`search agreements` finds what the data calls an agreement, as `search agreement` does."""
    plural, singular = _rows("agreements"), _rows("agreement")
    # the same records (a quote that writes the plural, as Yonhap's "Other agreements", ranks it higher)
    assert plural and {r["id"] for r in plural} == {r["id"] for r in singular}
    assert word_forms("agreements") == ("agreements", "agreement")
    assert word_forms("company") == ("company", "companies") and word_forms("is") == ("is",)


def test_one_row_per_record_and_no_snippet_twice() -> None:
    """Each record is one row, and no two rows show the same snippet (`antimony`, `edcf`, `대통령`)."""
    for word in ("antimony", "edcf", "대통령", "mou"):
        rows = _rows(word)
        ids = [r["id"] for r in rows]
        shown = [r["snippet"] for r in rows if r["snippet"]]
        assert len(ids) == len(set(ids)) and len(shown) == len(set(shown)), word
    antimony = _rows("antimony")
    assert sum(r["snippet"].lower() == "antimony" for r in antimony) <= 1


def test_names_and_titles_rank_first() -> None:
    """A record whose name or title holds the words comes before one that mentions them in its text."""
    rows = _rows("Japarov")
    assert rows[0]["id"] == "sadyr-japarov"
    titled = [("japarov" in r["title"].lower()) for r in rows]
    assert titled == sorted(titled, reverse=True)


def test_every_word_must_be_there() -> None:
    """Several words: only records holding each of them, in any case."""
    rows = _rows("SMALL", "hydropower")
    assert rows and all("small" in json.dumps(r).lower() for r in rows)
    assert _rows("hydropower", "zzzz-not-there") == []


def test_the_exports_search_finds_what_search_finds(tmp_path: Path) -> None:
    """`export -f sqlite` indexes with the trigram tokenizer: Datasette's `_search=대통령` over the quotes finds
    the records `silkcli search 대통령` finds."""
    db = tmp_path / "p.db"
    assert run_cli("export", "-f", "sqlite", "-o", str(db)).exit_code == 0
    with sqlite3.connect(db) as conn:
        sql = "SELECT record FROM citations WHERE id IN (SELECT rowid FROM citations_fts WHERE citations_fts MATCH ?)"
        found = {row[0] for row in conn.execute(sql, ("대통령",))}
        tokenizer = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'citations_fts'").fetchone()[0]
    assert "trigram" in tokenizer
    assert found == {r["id"] for r in _rows("대통령")} and len(found) == 20
