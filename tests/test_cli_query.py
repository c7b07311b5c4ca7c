"""The listing commands end to end: exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest
import yaml

from conftest import TINY, run_cli
from silkcli.formats import Format

LISTING_COMMANDS = [
    ["agreements"],
    ["documents"],
    ["leaders"],
    ["people"],
    ["timeline"],
    ["dates"],
    ["sectors"],
    ["commitments"],
    ["reserves"],
    ["stats"],
    ["discrepancies"],
    ["countries"],
    ["quotes"],
    ["search", "a"],
    ["sources"],
]


def test_agreements_mining_as_json_for_jq() -> None:
    """`agreements --sector mining -f json` is a JSON array of mining documents, nothing on stderr."""
    result = run_cli("agreements", "--sector", "mining", "-f", "json")
    assert result.exit_code == 0 and result.stderr == ""
    docs = json.loads(result.stdout)
    assert docs and all("mining" in d["sectors"] for d in docs)
    assert list(docs[0]) == ["id", "signed", "type", "sectors", "title", "parties"]


def test_piped_default_is_tsv_with_ids_first() -> None:
    """Without -f and without a terminal the output is TSV, so `cut -f1` gives ids."""
    result = run_cli("agreements")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[0] == "id"
    ids = [line.split("\t")[0] for line in lines[1:]]
    full = json.loads(run_cli("agreements", "-f", "json").stdout)
    assert ids == [d["id"] for d in full]
    assert len({len(line.split("\t")) for line in lines}) == 1


def test_unknown_sector_exits_2_with_suggestion_and_valid_values() -> None:
    """A typo gets a did-you-mean and the list, on stderr only."""
    result = run_cli("agreements", "--sector", "minning")
    assert result.exit_code == 2
    assert result.stdout == ""
    first, second = result.stderr.splitlines()
    assert first == "error: unknown sector 'minning' (did you mean 'mining'?)"
    assert second.startswith("valid sector values: ") and "mining" in second


def test_no_match_is_ok_by_default_and_1_with_exit_status() -> None:
    """0 records: exit 0 with a note; with -e exit 1."""
    plain = run_cli("agreements", "--since", "2030", "-f", "json")
    assert (plain.exit_code, plain.stdout, plain.stderr) == (0, "[]\n", "0 records match\n")
    strict = run_cli("agreements", "--since", "2030", "-e")
    assert strict.exit_code == 1 and strict.stderr == "0 records match\n"


def test_repeated_flag_ors_and_case_is_ignored() -> None:
    """`--sector MINING --sector forestry` lists both sectors' documents."""
    both = json.loads(run_cli("agreements", "--sector", "MINING", "--sector", "forestry", "-f", "json").stdout)
    assert {s for d in both for s in d["sectors"]} >= {"mining", "forestry"}


def test_summit_flag_counts_ten() -> None:
    """`--summit` lists the ten summit documents."""
    result = run_cli("agreements", "--summit", "-f", "jsonl")
    assert len(result.stdout.splitlines()) == 10


def test_fields_pick_order_and_help() -> None:
    """--fields chooses and orders columns; --fields help lists them; a typo is exit 2."""
    picked = run_cli("agreements", "--fields", "title,id", "-f", "csv", "-n", "1")
    assert next(csv.reader(io.StringIO(picked.stdout))) == ["title", "id"]
    listed = run_cli("agreements", "--fields", "help")
    assert listed.exit_code == 0 and "* id" in listed.stdout and "native_title" in listed.stdout
    typo = run_cli("agreements", "--fields", "titel")
    assert typo.exit_code == 2 and "did you mean 'title'" in typo.stderr


def test_sort_desc_and_limit() -> None:
    """--sort signed --desc -n 2 gives the two latest documents."""
    rows = json.loads(run_cli("agreements", "--sort", "signed", "--desc", "-n", "2", "-f", "json").stdout)
    everything = json.loads(run_cli("agreements", "-f", "json").stdout)
    assert [r["signed"] for r in rows] == sorted((d["signed"] for d in everything), reverse=True)[:2]


def test_cite_adds_source_and_evidence_where_the_format_can_hold_it() -> None:
    """--cite gives json the citations whole ({source, url, quote, fields, inferred}), tsv source and URL."""
    as_json = json.loads(run_cli("agreements", "--cite", "-f", "json", "-n", "1").stdout)[0]
    assert not {"source", "source_url", "evidence"} & set(as_json)
    cites = as_json["cite"]
    assert cites and all(set(c) == {"source", "url", "quote", "fields", "inferred"} for c in cites)
    assert any(c["inferred"] for c in cites) and all(isinstance(c["fields"], list) for c in cites)
    assert all(c["url"].startswith("http") and c["quote"] for c in cites)
    header = run_cli("agreements", "--cite", "-f", "tsv", "-n", "1").stdout.splitlines()[0].split("\t")
    assert header[-2:] == ["source", "source_url"]


def test_reserves_row_for_kyrgyzstan() -> None:
    """260,000 t, rank 4 and its share (an upper bound), with the note on stderr."""
    result = run_cli("reserves", "--country", "KG", "-f", "json", "--verbose", env={"COLUMNS": "200"})
    (row,) = [r for r in json.loads(result.stdout) if r["country"] == "KG"]
    assert (row["reserves_t"], row["rank"], row["share_pct"], row["share_bound"]) == (260000, 4, 13.0, "upper")
    assert "upper bounds" in result.stderr


def test_reserves_table_shows_markers_bar_and_the_world_bound() -> None:
    """The terminal table keeps units, (estimate), NA, — and >2,000,000 visible, a legend of the marks and a bar."""
    text = run_cli("reserves", "-f", "table", "--width", "200").stdout
    assert "260,000 t" in text and ">2,000,000 t" in text and "62,300 t (estimate)" in text and " NA " in text
    assert "—" in text and "█" in text
    assert text.splitlines()[-1] == "> more than; ≤ at most; NA not available; — zero"


def test_top_keeps_the_world_total() -> None:
    """--top 4 lists the four largest holders and the world total."""
    rows = json.loads(run_cli("reserves", "--top", "4", "-f", "json").stdout)
    assert [r["country"] for r in rows] == ["CN", "RU", "BO", "KG", None]


def test_timeline_since_keeps_partial_dates_only_when_wholly_inside() -> None:
    """--since 2024-06-11 drops the events dated just '2024-06'."""
    rows = json.loads(run_cli("timeline", "--since", "2024-06-11", "-f", "json").stdout)
    assert rows and all(r["date"] >= "2024-06-11" for r in rows)
    assert "2024-06" not in {r["date"] for r in rows}


def test_stats_flags_disputed_claims() -> None:
    """The article's 0.05% sits next to the computed 0.02% and names its discrepancy record."""
    rows = json.loads(run_cli("stats", "-f", "json").stdout)
    claim = next(r for r in rows if r["metric"] == "production-share" and r["value"] == 0.05)
    assert claim["computed"] == pytest.approx(0.02) and claim["discrepancy"]


def test_search_reports_kind_id_title_fields_and_snippet() -> None:
    """`search` finds text in any record; matching is case-insensitive."""
    rows = json.loads(run_cli("search", "JOINT STATEMENT", "-f", "json").stdout)
    assert rows and ["kind", "id", "title", "fields", "snippet"] == list(rows[0])
    assert all("joint" in r["snippet"].lower() or "statement" in r["snippet"].lower() for r in rows)
    assert rows[0]["id"] == "doc-joint-statement" and "joint statement" in rows[0]["snippet"].lower()


def test_search_highlights_matches_in_the_table() -> None:
    """In colour, the match is styled; the text itself is unchanged."""
    result = run_cli("search", "hydropower", "-f", "table", "--color", "always", "--width", "120")
    assert "\x1b[" in result.stdout and "hydropower" in result.stdout


def test_show_prints_one_record_with_its_source() -> None:
    """`show ID` gives the record in full with its source's title and URL."""
    doc = json.loads(run_cli("agreements", "-f", "json", "-n", "1").stdout)[0]
    shown = json.loads(run_cli("show", doc["id"], "-f", "json").stdout)
    assert shown["id"] == doc["id"] and shown["evidence"] and shown["source_detail"]["url"].startswith("http")
    block = run_cli("show", doc["id"], "-f", "table", "--width", "120").stdout
    assert shown["source_detail"]["url"] in block and f"evidence: {shown['evidence'][:20]}" in block


def test_show_unknown_id_exits_2() -> None:
    """A missing id is a usage error with a suggestion."""
    result = run_cli("show", "doc-forestry-mo")
    assert result.exit_code == 2 and "'doc-forestry-mou'" in result.stderr


@pytest.mark.parametrize("args", LISTING_COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("fmt", [f.value for f in Format if not f.kinds])
def test_every_command_renders_every_format_on_the_tiny_dataset(args: list[str], fmt: str) -> None:
    """All commands and formats work on a dataset about other countries."""
    result = run_cli("--data", str(TINY), *args, "-f", fmt, "--width", "100")
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    elif fmt == "yaml":
        assert isinstance(yaml.safe_load(result.stdout), list)


@pytest.mark.parametrize("args", LISTING_COMMANDS, ids=lambda a: a[0])
def test_every_command_has_a_summary_and_two_examples(args: list[str]) -> None:
    """`--help` gives a one-line summary, at least two examples, and filter rules when it has filters."""
    result = run_cli(args[0], "--help")
    assert result.exit_code == 0
    summary = result.stdout.split("\n\n")[1].strip()
    assert summary and "\n" not in summary
    examples = result.stdout.split("Examples:")[1].split("\n\n")[0]
    assert examples.count("silkcli ") >= 2
    has_filters = args[0] not in ("sources", "countries", "sectors")
    assert ("repeating a filter, or giving it comma-separated values, ORs" in " ".join(result.stdout.split())) is (
        has_filters
    )


def test_root_help_documents_exit_codes() -> None:
    """`silkcli --help` lists the exit codes."""
    text = " ".join(run_cli("--help").stdout.split())
    for code in ("0 ok", "1 nothing matched", "2 usage error", "3 dataset problem", "130 interrupted"):
        assert code in text


def test_markup_in_data_prints_literally_in_tables(tmp_path: object) -> None:
    """A dataset title like `[bold red]x[/]` or `:smile:` is shown as typed."""

    text = TINY.read_text(encoding="utf-8")
    first_title = yaml.safe_load(text)["documents"][0]["title"]
    hostile = text.replace(f"title: {first_title}", "title: '[bold red]x[/] :smile: [link=http://e.x]y[/link]'", 1)
    path = pathlib.Path(str(tmp_path)) / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    result = run_cli("--data", str(path), "agreements", "-f", "table", "--color", "always", "--width", "200")
    assert result.exit_code == 0, result.stderr
    assert "[bold red]x[/] :smile: [link=http://e.x]y[/link]" in result.stdout
    assert "😄" not in result.stdout and "\x1b]8;" not in result.stdout


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, ["--color", "always"], True),
        ({}, ["--color", "never"], False),
        ({"NO_COLOR": "1"}, [], False),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"CLICOLOR_FORCE": "1"}, [], True),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ],
)
def test_colour_options_and_environment(env: dict[str, str], args: list[str], coloured: bool) -> None:
    """--color and NO_COLOR / FORCE_COLOR / CLICOLOR_FORCE decide whether tables carry escapes."""
    result = run_cli("leaders", "-f", "table", *args, env=env)
    assert ("\x1b[" in result.stdout) is coloured


def test_width_option_and_columns_variable_bound_the_table() -> None:
    """--width and COLUMNS set the table width."""
    narrow = run_cli("leaders", "-f", "table", "--width", "60").stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60
    by_env = run_cli("leaders", "-f", "table", env={"COLUMNS": "70"}).stdout
    assert max(len(line) for line in by_env.splitlines()) <= 70
