"""`silkcli progress`: each document's latest step after signing, with its date and source; offices in time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import BUNDLED, run_cli
from silkcli.brief.content import build_brief
from silkcli.brief.text import to_text
from silkcli.dataset import load as store
from silkcli.dataset import model as m
from silkcli.listings.progress import latest_step, progress_listing

NONE = "no later step found in the sources as of 27 November 2026"


def _bundled() -> m.Dataset:
    return store.load_dataset(BUNDLED)


def test_the_protocol_shows_its_entry_into_force_and_the_others_say_none_was_found() -> None:
    """The tax protocol's latest step is its entry into force (MOFA); a document without steps says so, dated."""
    rows = {r["id"]: r for r in json.loads(run_cli("progress", "-f", "json").stdout)}
    assert rows["doc-dta-protocol"]["latest"] == "2025-07-05"
    assert rows["doc-dta-protocol"]["step"] == "Entry into force"
    assert rows["doc-dta-protocol"]["step_source"] == "mofa-322890"
    assert rows["doc-tipf-mou"] == {
        "id": "doc-tipf-mou",
        "title": "Trade and Investment Promotion Framework (TIPF) Memorandum of Understanding",
        "latest": None,
        "step": NONE,
        "step_source": None,
    }


def test_every_document_is_listed_in_signing_order() -> None:
    """progress lists what agreements lists, in the same order."""
    progress = [r["id"] for r in json.loads(run_cli("progress", "-f", "json").stdout)]
    agreements = [r["id"] for r in json.loads(run_cli("agreements", "-f", "json").stdout)]
    assert progress == agreements


@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl", "yaml", "markdown", "html", "table"])
def test_each_format_gives_the_step_its_date_and_source(fmt: str) -> None:
    """In every format the protocol's row carries its step, date and source, and the others the dated sentence."""
    result = run_cli("progress", "-f", fmt, "--width", "200")
    assert result.exit_code == 0, result.stderr
    assert "2025-07-05" in result.stdout and "mofa-322890" in result.stdout and "Entry into force" in result.stdout
    assert NONE in " ".join(result.stdout.split())


def test_cite_names_the_source_of_the_step() -> None:
    """--cite adds the source and URL of the latest step (the document's own where it has none)."""
    rows = list(csv.DictReader(io.StringIO(run_cli("progress", "--cite", "-f", "csv").stdout)))
    protocol = next(r for r in rows if r["id"] == "doc-dta-protocol")
    assert protocol["source"] == "mofa-322890"
    assert protocol["source_url"] == "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=322890"


def test_steps_lists_every_step_with_its_source() -> None:
    """--fields steps gives each step as {date, what, source}, oldest first as the data lists them."""
    rows = json.loads(run_cli("progress", "--fields", "id,steps", "-f", "json").stdout)
    steps = next(r["steps"] for r in rows if r["id"] == "doc-dta-protocol")
    assert [s["date"] for s in steps] == ["2025-03-13", "2025-03-25", "2025-06-05", "2025-07-05"]
    assert steps[0]["source"] == "samili-43652"


def test_show_lists_the_steps_and_says_when_none_was_found() -> None:
    """show gives a document's steps and its latest step, or the dated sentence, and the date of the data."""
    shown = json.loads(run_cli("show", "doc-dta-protocol", "-f", "json").stdout)
    assert shown["latest_step"] == "2025-07-05: Entry into force (mofa-322890)"
    assert len(shown["milestones"]) == 4
    block = run_cli("show", "doc-tipf-mou", "-f", "table", "--width", "100").stdout
    assert f"latest_step: {NONE}" in block
    assert block.endswith("\ndata as of 27 November 2026\n")


def test_latest_step_is_the_one_that_ends_last() -> None:
    """Of steps listed out of order, the latest by date wins; a step known to the year ends after its days."""
    stone = lambda date, what: m.Milestone(date=m.PartialDate.parse(date), what=what, source="s", evidence="e")  # noqa: E731
    doc = _bundled().documents[0]
    steps = (stone("2025-07-05", "b"), stone("2025-03-13", "a"), stone("2025", "c"))
    assert latest_step(m.msgspec.structs.replace(doc, milestones=steps)).what == "c"  # type: ignore[attr-defined]
    assert latest_step(m.msgspec.structs.replace(doc, milestones=())) is None  # type: ignore[attr-defined]


def test_progress_listing_is_a_pure_builder() -> None:
    """Built without the CLI, the listing has one row per document given, none for none."""
    ds = _bundled()
    assert len(progress_listing(ds, ds.documents).rows) == len(ds.documents)
    assert progress_listing(ds, ()).rows == []


def test_an_office_that_ended_says_until_when() -> None:
    """Yoon's title reads 'until 2025' in the leaders table; his successor is there from 2025-06-04."""
    rows = {r["id"]: r for r in json.loads(run_cli("leaders", "--fields", "id,title,since,until", "-f", "json").stdout)}
    assert rows["yoon-suk-yeol"]["title"] == "President of South Korea until 2025"
    assert rows["yoon-suk-yeol"]["until"] == "2025-04-04"
    assert rows["lee-jae-myung"] == {
        "id": "lee-jae-myung",
        "title": "President of South Korea",
        "since": "2025-06-04",
        "until": None,
    }


def test_an_office_ending_after_the_date_of_the_data_is_still_held() -> None:
    """Person.office says 'until' only for an end on or before the date of the data; `then` words it for the past."""
    yoon = next(p for p in _bundled().people if p.id == "yoon-suk-yeol")
    assert yoon.office(dt.date(2026, 11, 27), then=True) == "then President of South Korea (until 2025)"
    assert yoon.office(dt.date(2025, 1, 1)) == "President of South Korea"


def test_the_brief_has_a_since_the_summit_part_and_names_the_leader_then() -> None:
    """The text brief says what came of the summit's documents, and 'then President' for Yoon."""
    text = to_text(build_brief(_bundled()), width=200)
    part = text.split("SINCE THE SUMMIT\n", 1)[1].split("\n\n", 1)[0]
    protocol = "Protocol Amending the Korea-Kyrgyzstan Double Taxation Avoidance Agreement"
    assert f"{protocol}: Entry into force, 5 July 2025" in part
    assert "No later step was found in the sources as of 27 November 2026 for the other 9 documents." in part
    assert "Yoon Suk Yeol (윤석열), then President of South Korea (until 2025)" in text
    assert "Data as of 27 November 2026." in " ".join(text.split())
