"""`export -f datasette`: the real Datasette serves the folder, and headless Chromium shows the documents.

The Datasette checks go through ``datasette … --get``; the browser check
serves the folder with ``datasette serve`` on 127.0.0.1 and a free port.
Set ``SILKCLI_UPDATE_SCREENSHOT=1`` to copy the browser's screenshot to
docs/datasette.png (the README's picture).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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
    assert sorted(p.name for p in folder.iterdir()) == ["metadata.json", "partnership.db"]
    return folder


def _get(site: Path, path: str) -> str:
    """What Datasette answers for ``path`` (it exits non-zero on an error status)."""
    command = [str(DATASETTE), str(site / "partnership.db"), "-m", str(site / "metadata.json"), "--get", path]
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
    command = [str(DATASETTE), "serve", str(site / "partnership.db"), "-m", str(site / "metadata.json")]
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
    shot = tmp_path / "datasette.png"
    subprocess.run(
        [chromium, *flags, "--hide-scrollbars", "--window-size=1440,1000", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("SILKCLI_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "datasette.png")


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
