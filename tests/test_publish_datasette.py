"""`export -f datasette`: the real Datasette serves the folder, and headless Chromium shows the documents.

The Datasette checks go through ``datasette DIR --get`` (configuration directory mode, as a user serves it);
the browser check serves the folder with ``datasette serve`` on 127.0.0.1 and a free port.
Set ``SILKCLI_UPDATE_SCREENSHOT=1`` to copy the browser's screenshots of the index and the documents table to
docs/datasette-<version>-index.png and docs/datasette-<version>-documents.png (the README's pictures).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, ROOT, run_cli
from silkcli.dataset.load import load_dataset
from silkcli.listings.records import document_listing

pytestmark = pytest.mark.slow

#: The Datasette to test against: this environment's, or another release's (.ci/run also runs these tests with
#: the newest stable and the newest 1.0 release, each installed in a venv of its own).
DATASETTE = Path(os.environ.get("SILKCLI_TEST_DATASETTE") or Path(sys.executable).parent / "datasette")
TIMEOUT = 60


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled dataset exported once for Datasette."""
    folder = tmp_path_factory.mktemp("site") / "site"
    result = run_cli("export", "-f", "datasette", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "datasette.json",
        "metadata.json",
        "partnership.db",
        "settings.json",
    ]
    return folder


def _get(site: Path, path: str) -> str:
    """What Datasette answers for ``path`` (it exits non-zero on an error status)."""
    command = [str(DATASETTE), str(site), "--get", path]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_table_page_shows_descriptions_and_titles(site: Path) -> None:
    """The documents page carries the table's description, --fields help texts as column descriptions, and titles."""
    html = _get(site, "/partnership/documents")
    assert "A signed document." in html
    ds = load_dataset(BUNDLED)
    title = document_listing(ds, ds.documents).column("title").help
    assert f'data-column-description="{title}"' in html
    assert "Trade and Investment Promotion Framework (TIPF) Memorandum of Understanding" in html
    assert 'href="/partnership/sources/koreaherald-20241203"' in html  # each row links to its source


def test_facets_count_document_types(site: Path) -> None:
    """The metadata's type facet counts documents per type, as the dataset does."""
    data = json.loads(_get(site, "/partnership/documents.json?_extra=facet_results"))
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # 1.0 nests them under "results"
    counted = {r["value"]: r["count"] for r in facets["type"]["results"]}
    expected: dict[str, int] = {}
    for document in load_dataset(BUNDLED).documents:
        expected[document.type] = expected.get(document.type, 0) + 1
    assert counted == expected


def test_full_text_search_finds_a_document(site: Path) -> None:
    """?_search uses the FTS5 index: 'forestry' finds the forestry MOU alone."""
    rows = json.loads(_get(site, "/partnership/documents.json?_search=forestry&_shape=array"))
    assert [r["id"] for r in rows] == ["doc-forestry-mou"]


def test_full_text_search_of_the_citations_view_finds_every_quote_with_the_word(site: Path) -> None:
    """?_search on the citations view (every quote where it is kept) uses its FTS5 index: each quote with 'antimony'."""
    found = json.loads(_get(site, "/partnership/citations.json?_search=antimony&_shape=array&_size=max"))
    with sqlite3.connect(site / "partnership.db") as db:
        quotes = db.execute("SELECT id, quote FROM citations").fetchall()
    expected = [i for i, quote in quotes if "antimony" in quote.lower()]
    assert sorted(row["id"] for row in found) == expected != []
    assert all("antimony" in row["quote"].lower() and row["source"] for row in found)


def test_json_api_returns_the_ten_summit_documents(site: Path) -> None:
    """The summit_documents view, through the JSON API, lists the ten summit documents in file order."""
    rows = json.loads(_get(site, "/partnership/summit_documents.json?_shape=array"))
    expected = [d.id for d in load_dataset(BUNDLED).documents if d.summit]
    assert [r["id"] for r in rows] == expected and len(rows) == 10
    assert all(r["source_url"].startswith("http") for r in rows)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    """`datasette serve` on 127.0.0.1 and a free port, until the test ends; yields its base URL."""
    port = _free_port()
    command = [str(DATASETTE), "serve", str(site)]
    server = subprocess.Popen(
        [*command, "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=5) as answer:
                    assert answer.status == 200
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("no chromium found: .ci/run installs Debian's chromium")
    pytest.skip("no chromium found: install Debian's chromium package")


def _series() -> str:
    """``0.65`` or ``1.0``: the Datasette release series under test, as the screenshots' names give it."""
    done = subprocess.run([str(DATASETTE), "--version"], capture_output=True, text=True, timeout=TIMEOUT, check=True)
    version = done.stdout.split()[-1]
    return "1.0" if version.startswith("1.") else ".".join(version.split(".")[:2])


def test_chromium_shows_the_summit_documents_served_by_datasette(served: str, tmp_path: Path) -> None:
    """Headless Chromium loads the summit_documents page and its rendered HTML holds every summit title."""
    chromium = _chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}"]
    url = f"{served}/partnership/summit_documents"
    dom = subprocess.run(
        [chromium, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=TIMEOUT, check=True
    ).stdout
    for document in (d for d in load_dataset(BUNDLED).documents if d.summit):
        assert document.title.replace("&", "&amp;") in dom, document.id
    for page, path in (("index", "/"), ("documents", "/partnership/documents")):
        shot = tmp_path / f"datasette-{_series()}-{page}.png"
        subprocess.run(
            [chromium, *flags, "--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}", served + path],
            capture_output=True,
            timeout=TIMEOUT,
            check=True,
        )
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
        if os.environ.get("SILKCLI_UPDATE_SCREENSHOT"):
            shutil.copyfile(shot, ROOT / "docs" / shot.name)


def _labels(site: Path, table: str, column: str) -> dict[str, str]:
    """The link texts Datasette gives ``column`` of ``table``'s rows, by value."""
    rows = json.loads(_get(site, f"/partnership/{table}.json?_labels=on&_shape=array&_size=max"))
    return {r[column]["value"]: r[column]["label"] for r in rows if isinstance(r[column], dict)}


def test_links_show_names_not_ids(site: Path) -> None:
    """A link to a country, person, sector, document or vocabulary term shows its name, in 0.65 and in 1.0."""
    ds = load_dataset(BUNDLED)
    names = {c.id: c.name for c in ds.countries}
    assert _labels(site, "documents_parties", "country") == {
        c: names[c] for c in _labels(site, "documents_parties", "country")
    }
    assert _labels(site, "documents_parties", "country")["KR"] == names["KR"] != "KR"
    types = {t.id: t.name for t in ds.vocabulary.document_types}
    assert set(_labels(site, "documents", "type").items()) <= set(types.items())
    people = {p.id: p.name for p in ds.people}
    assert set(_labels(site, "quotes", "person").items()) <= set(people.items()) and _labels(site, "quotes", "person")
    sectors = {s.id: s.name for s in ds.sectors}
    assert set(_labels(site, "documents_sectors", "sector").items()) <= set(sectors.items())


def _rows(site: Path, path: str) -> list[dict[str, Any]]:
    """A table's, view's or canned query's rows as Datasette's JSON API gives them."""
    name, _, query = path.partition("?")
    rows: list[dict[str, Any]] = json.loads(_get(site, f"/partnership/{name}.json?{query}&_shape=array&_size=max"))
    return rows


def test_front_page_leads_with_documents_and_hides_link_tables(site: Path) -> None:
    """The index lists documents first, then the other record tables, and keeps link and citation tables off it."""
    html = _get(site, "/")
    start = html.index("Start with")
    offered = re.findall(r'<li><a href="/partnership/([a-z_]+)">', html[start : html.index("</ol>", start)])
    assert offered[:3] == ["documents", "summit_documents", "commitments"] and "sources" in offered
    database = json.loads(_get(site, "/partnership.json"))
    tables = {t["name"]: t["hidden"] for t in database["tables"]}
    assert all(tables[name] for name in ("records", "documents_parties", "statistics_cites"))
    assert "citations" not in tables and "citations" in {v["name"] for v in database["views"]}
    assert not any(tables[name] for name in ("documents", "people", "statistics", "sources"))
    listed = re.findall(r'<a href="/partnership/([a-z_]+)"', html[html.rindex("</h2>") :])
    assert listed and not any(tables.get(name) for name in listed)  # the index's own list has no hidden table


def test_summit_signings_lists_ten_documents_with_signatories_and_sources(site: Path) -> None:
    """The summit_signings query gives the ten summit documents, each with sides, signatories and its sources."""
    rows = _rows(site, "summit_signings")
    ds = load_dataset(BUNDLED)
    assert [r["id"] for r in rows] == [d.id for d in ds.documents if d.summit]
    assert all(r["parties"] and r["signatories"] and r["sources"] for r in rows)
    forestry = next(r for r in rows if r["id"] == "doc-forestry-mou")
    assert forestry["signatories"] == "Lim Sang-seop; Boobek Azhikeev"
    assert {r["signatories"] for r in rows if r["id"] != "doc-forestry-mou"} == {"not named in the sources"}


def test_reserves_and_shares_query_gives_the_listings_shares_and_ranks(site: Path) -> None:
    """reserves_and_shares holds each country's rank and shares as `silkcli reserves` computes them."""
    listed = json.loads(run_cli("reserves", "-f", "json").stdout)
    expected = [(r["name"], r["rank"], r["share_pct"]) for r in listed if r["country"]]
    got = [(r["country"], r["rank"], r["reserves_share_pct"]) for r in _rows(site, "reserves_and_shares")]
    assert got == expected and got[3] == ("Kyrgyzstan", 4, 13.0)
    assert all(r["share_is_upper_bound"] == 1 for r in _rows(site, "reserves_and_shares"))


def test_what_a_record_cites_answers_for_the_record_asked(site: Path) -> None:
    """what_a_record_cites?record=ID gives that record's citations, quotes verbatim, each with its source's address."""
    ds = load_dataset(BUNDLED)
    forestry = next(d for d in ds.documents if d.id == "doc-forestry-mou")
    rows = _rows(site, "what_a_record_cites?record=doc-forestry-mou")
    assert rows[0]["quote"] == forestry.evidence and rows[0]["source"] == forestry.source
    assert [r["quote"] for r in rows[1:]] == [c.quote for c in forestry.cites]
    assert all(r["source_url"].startswith("http") for r in rows)
    assert _rows(site, "what_a_record_cites?record=no-such-record") == []


def test_since_the_summit_lists_every_later_milestone_oldest_first(site: Path) -> None:
    """since_the_summit holds every document milestone dated after the summit day, in date order."""
    ds = load_dataset(BUNDLED)
    summit = ds.partnership.date.last()
    later = {(d.id, str(ms.date)) for d in ds.documents for ms in d.milestones if ms.date.first() > summit}
    rows = _rows(site, "since_the_summit")
    assert {(r["record"], r["date"]) for r in rows if r["kind"] == "milestone"} == later and later
    assert [r["date_sort"] for r in rows] == sorted(r["date_sort"] for r in rows)


def test_facets_read_as_words_and_none_are_suggested(site: Path) -> None:
    """The documents page's summit facet counts words, not 1/0, and no facet (evidence, note) is suggested."""
    data = json.loads(_get(site, "/partnership/documents.json?_extra=facet_results&_extra=suggested_facets"))
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert list(facets) == ["summit_role", "type", "status"]
    counted = {r["value"]: r["count"] for r in facets["summit_role"]["results"]}
    assert counted == {"summit document": 10, "adopted at the summit": 1, "not at the summit": 4}
    assert data["suggested_facets"] == []


def test_column_descriptions_describe_the_table_column(site: Path) -> None:
    """documents.source is described as the one source it is (not a listing's help), and summit_role in words."""
    html = _get(site, "/partnership/documents")
    assert 'data-column-description="id of the source that states it (its row in sources)"' in html
    assert "(&#39;(inferred)&#39; marked)" not in html and "('(inferred)' marked)" not in html
    views = _get(site, "/partnership/reserve_shares")
    assert "world total last" in views  # a view carries its description too


def test_descriptions_read_as_prose_without_docstring_markup(site: Path, tmp_path: Path) -> None:
    """No description a person reads (Datasette's metadata, the Data Package's descriptor) carries a docstring's
    ``literal`` marks or Sphinx roles: the discrepancies table said "``source``/``evidence`` back the resolution"."""
    package = tmp_path / "package"
    assert run_cli("export", "-f", "datapackage", "-o", str(package)).exit_code == 0
    for path in (site / "metadata.json", package / "datapackage.json"):
        text = path.read_text(encoding="utf-8")
        described = re.findall(r'"description(?:_html)?": "((?:[^"\\]|\\.)*)"', text)
        assert len(described) > 50, path
        assert not [d for d in described if "``" in d or re.search(r":(?:func|class|mod|meth):", d)], path
