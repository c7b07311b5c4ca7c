"""New listings (discrepancies, countries) and structured fields that keep their structure in machine formats."""

from __future__ import annotations

import json

import yaml

from conftest import TINY, run_cli


def test_discrepancies_list_topic_claims_with_sources_and_resolution() -> None:
    """Each discrepancy has its topic, every claim with its source, and the resolution."""
    result = run_cli("discrepancies", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    found = {d["id"]: d for d in json.loads(result.stdout)}
    output = found["disc-output-share"]
    assert output["topic"] == "Kyrgyzstan's share of world antimony mine production"
    assert output["resolution"].startswith("The article's 0.05% could not be verified")
    assert [c["source"] for c in output["claims"]][:2] == ["koreaherald-20241203", "usgs-mcs2025-antimony"]
    assert all(c["says"] and c["evidence"] for c in output["claims"])


def test_discrepancies_topic_filter() -> None:
    """`--topic antimony` keeps the antimony disagreements; a typo is exit 2 with a did-you-mean."""
    ids = [d["id"] for d in json.loads(run_cli("discrepancies", "--topic", "antimony", "-f", "json").stdout)]
    assert "disc-output-share" in ids and "disc-partnership-label" not in ids
    typo = run_cli("discrepancies", "--topic", "antimoni")
    assert typo.exit_code == 2 and "(did you mean 'antimony'?)" in typo.stderr


def test_countries_lists_codes_names_and_involvement() -> None:
    """`countries` shows code, alpha-3, name and how many records involve each."""
    rows = json.loads(run_cli("countries", "-f", "json").stdout)
    by_code = {r["id"]: r for r in rows}
    assert list(rows[0]) == ["id", "alpha3", "name", "records"]
    assert by_code["KG"]["alpha3"] == "KGZ" and by_code["KG"]["name"] == "Kyrgyzstan"
    assert by_code["KG"]["records"] > by_code["KZ"]["records"] > 0
    tiny = run_cli("--data", str(TINY), "countries", "-f", "tsv").stdout.splitlines()
    assert tiny[1].split("\t")[:3] == ["XA", "XAA", "Aldoria"]


def test_parties_are_objects_in_json_and_yaml_text_in_tsv() -> None:
    """`jq '.[] | select(.parties[].country == "KG")'` works; tsv joins the parties as text."""
    docs = json.loads(run_cli("agreements", "-f", "json").stdout)
    kg = {d["id"] for d in docs if any(p["country"] == "KG" for p in d["parties"])}
    assert kg == {d["id"] for d in json.loads(run_cli("agreements", "--party", "KG", "-f", "json").stdout)}
    signed = [p for d in docs for p in d["parties"] if "signatory" in p]
    assert signed and set(signed[0]) == {"country", "body", "signatory"}
    shown = json.loads(run_cli("show", docs[0]["id"], "-f", "json").stdout)["parties"]
    assert docs[0]["parties"] == shown
    as_yaml = yaml.safe_load(run_cli("agreements", "-f", "yaml", "--fields", "id,parties").stdout)
    assert as_yaml[0]["parties"] == docs[0]["parties"]
    tsv = run_cli("agreements", "--fields", "parties", "-f", "tsv").stdout.splitlines()[1]
    assert tsv.startswith(f"{docs[0]['parties'][0]['country']}: ") and "; " in tsv


def test_milestones_are_objects_in_jsonl() -> None:
    """A document's milestones are `{date, what}` objects in jsonl."""
    lines = run_cli("agreements", "--fields", "id,milestones", "-f", "jsonl").stdout.splitlines()
    rows = {r["id"]: r for r in map(json.loads, lines)}
    assert rows["doc-dta-protocol"]["milestones"][-1] == {"date": "2025-07-05", "what": "Entry into force"}


def test_search_is_one_row_per_record_best_first() -> None:
    """Several words without quotes; one row per record; a name or title match before a note match."""
    rows = json.loads(run_cli("search", "small", "hydropower", "-f", "json").stdout)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and ids[0] == "doc-kwater-small-hydropower-mou"
    assert rows[0]["title"].lower().count("hydropower") and "title" in rows[0]["fields"]
    note_only = [r for r in rows if r["fields"] == ["note"]]
    assert note_only and ids.index(note_only[0]["id"]) > 0


def test_search_ranks_whole_words_before_parts_of_words() -> None:
    """`search Japarov` lists the person (name) first; a record with the word beats one with a longer word."""
    rows = json.loads(run_cli("search", "Japarov", "-f", "json").stdout)
    assert rows[0]["id"] == "sadyr-japarov" and rows[0]["title"] == "Sadyr Japarov"
    parts = json.loads(run_cli("search", "hydro", "-f", "json", "--fields", "id,snippet").stdout)
    assert parts and all("hydro" in r["snippet"].lower() for r in parts)


def test_search_kind_takes_command_names() -> None:
    """`--kind agreements` means documents and `--kind leaders` people; an unknown kind suggests one."""
    rows = json.loads(run_cli("search", "hydropower", "--kind", "agreements,leaders", "-f", "json").stdout)
    assert rows and {r["kind"] for r in rows} == {"documents"}
    assert rows == json.loads(run_cli("search", "hydropower", "--kind", "documents", "-f", "json").stdout)
    typo = run_cli("search", "x", "--kind", "agrements")
    assert typo.exit_code == 2 and "(did you mean 'agreements'?)" in typo.stderr


def test_search_highlights_each_word_in_colour() -> None:
    """`search small hydropower` in colour marks both words of the snippet."""
    table = run_cli("search", "small", "hydropower", "-f", "table", "--color", "always", "--width", "160", "-n", "1")
    marked = {part.split("\x1b")[0].lower() for part in table.stdout.split("\x1b[1;7m")[1:]}
    assert {"small", "hydropower"} <= marked
