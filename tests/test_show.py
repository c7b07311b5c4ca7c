"""`show`: one record found by id, id suffix or name, drawn as a block, with what refers to it."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import run_cli
from test_widths import too_wide


def test_show_takes_an_id_suffix_as_its_help_says() -> None:
    """`show edcf-framework-arrangement` (the example in `show --help`) finds doc-edcf-framework-arrangement."""
    assert "silkcli show edcf-framework-arrangement" in run_cli("show", "--help").stdout
    result = run_cli("show", "edcf-framework-arrangement", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "doc-edcf-framework-arrangement"


@pytest.mark.parametrize("name", ["Sadyr Japarov", "japarov", "SADYR-JAPAROV"])
def test_show_takes_a_name(name: str) -> None:
    """A person's full name or surname finds them, as the id does."""
    assert json.loads(run_cli("show", name, "-f", "json").stdout)["id"] == "sadyr-japarov"


def test_show_takes_a_country_by_alpha3() -> None:
    """`show KGZ` is Kyrgyzstan, with its alpha-3 code in the record."""
    record = json.loads(run_cli("show", "KGZ", "-f", "json").stdout)
    assert (record["id"], record["alpha3"], record["name"]) == ("KG", "KGZ", "Kyrgyzstan")


def test_ambiguous_suffix_lists_the_candidates() -> None:
    """`show mou` ends many ids: exit 2 naming them, nothing on stdout."""
    result = run_cli("show", "mou")
    assert result.exit_code == 2 and result.stdout == ""
    first, second = result.stderr.splitlines()
    assert first == "error: record 'mou' is ambiguous"
    assert "doc-forestry-mou" in second and "doc-ict-mou" in second


def test_unknown_record_suggests_a_few_and_search() -> None:
    """A near miss names at most three records and points at `silkcli search`, not at 40 ids."""
    result = run_cli("show", "doc-forestry-mo")
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first.startswith("error: no record 'doc-forestry-mo' (did you mean 'doc-forestry-mou'")
    assert first.count("'") <= 2 + 2 * 3
    assert second == "to look for it by text: silkcli search doc-forestry-mo"


def test_show_is_a_block_with_nested_lines_on_a_terminal() -> None:
    """The table format of one record is `field: value` lines, parties and milestones nested, no JSON strings."""
    block = run_cli("show", "doc-dta-protocol", "-f", "table", "--width", "80").stdout
    lines = block.splitlines()
    assert lines[0] == "doc-dta-protocol (documents)"
    assert (
        "parties:" in lines and "  - country: KR" in lines and "    body: Government of the Republic of Korea" in lines
    )
    assert "  - date: 2025-03-13" in lines and "summit: yes" in lines
    assert "{" not in block and too_wide(block, 80) == []  # but a line of one whole URL


def test_show_ends_with_what_refers_to_the_record() -> None:
    """`show sadyr-japarov` lists his events and quotes; `show doc-dta-protocol` its discrepancy."""
    person = run_cli("show", "sadyr-japarov", "-f", "table", "--width", "100").stdout
    tail = person.split("referred to by ", 1)[1]
    assert "events" in tail and "ev-2024-12-03-summit" in tail and "q-japarov-friendship" in tail
    doc = json.loads(run_cli("show", "doc-dta-protocol", "-f", "json").stdout)
    assert any(
        {"kind": "discrepancies", "id": "disc-dta-signing-year"}.items() <= r.items() for r in doc["referred_by"]
    )
    assert {r["kind"] for r in doc["referred_by"]} >= {"commitments", "discrepancies"}


def test_show_has_no_options_that_mean_nothing_for_one_record() -> None:
    """`show` has no --sort, -n or -e."""
    help_text = run_cli("show", "--help").stdout
    assert "--sort" not in help_text and "--limit" not in help_text and "--exit-status" not in help_text
    assert run_cli("show", "KG", "-n", "1").exit_code == 2


def test_show_on_a_terminal_is_the_block_without_asking() -> None:
    """Run by a person (stdout a pseudo-terminal, 80 columns), `show` prints the block: no table borders."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "silkcli", "show", "Japarov"], stdout=follower, stderr=subprocess.PIPE, env=env
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the program
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert text.startswith("sadyr-japarov (people)\nname: Sadyr Japarov\n")
    assert "┃" not in text and "\x1b[" not in text and "\nreferred to by " in text and "q-japarov-friendship" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_show_with_cite_prints_the_record() -> None:
    """`show KG --cite` (once an internal error) prints the record, whose source it already holds."""
    result = run_cli("show", "KG", "--cite", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["source_detail"]["url"].startswith("http")
