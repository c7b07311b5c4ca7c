"""The bundled dataset: it validates, it is sourced, and the required facts are in it."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import silkcli
from conftest import BUNDLED, SHARED_SOURCES, TINY, run_cli
from silkcli import __version__
from silkcli.dataset.load import load_dataset
from silkcli.dataset.model import RECORD_KINDS

KINDS = RECORD_KINDS


def raw_dataset() -> dict[str, Any]:
    """The bundled YAML read independently of silkcli's loader (BaseLoader: all text)."""
    with BUNDLED.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only str/list/dict
    return data


def all_records(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every record mapping, the partnership included."""
    yield data["partnership"]
    for kind in KINDS:
        yield from data.get(kind, [])


#: The date and number fields ``validate`` checks against their quotes, by where they occur.
CHECKED_FIELDS = ("date", "end", "signed", "since", "until", "period", "as_of")


def _cites(item: dict[str, Any]) -> list[dict[str, Any]]:
    """An item's citations, the short form as one without ``fields``."""
    short = [{"source": item["source"], "quote": item["evidence"]}] if "source" in item else []
    return short + list(item.get("cites", []))


def _checked_values(item: dict[str, Any], numbers: bool, names: tuple[str, ...] = CHECKED_FIELDS) -> int:
    """How many of an item's dates (and numbers) have a citation not marked inferred."""
    names += ("value",) if numbers else ()
    count = 0
    for name in names:
        if item.get(name) in (None, "null"):  # BaseLoader reads null as text
            continue
        named = [c for c in _cites(item) if name in c.get("fields", ())]
        support = named or [c for c in _cites(item) if not c.get("fields")]
        count += any(not c.get("inferred") for c in support)
    return count


def test_validate_reports_counts_computed_independently() -> None:
    """`silkcli validate` says ok with the record, kind and source counts and the dates and numbers it checked."""
    data = raw_dataset()
    counts = {kind: len(data.get(kind, [])) for kind in KINDS}
    records = sum(counts.values()) + 1
    kinds = sum(1 for n in counts.values() if n) + 1
    checked = sum(_checked_values(r, r in data["statistics"]) for r in all_records(data))
    checked += sum(_checked_values(d["amount"], True, ()) for d in data["documents"] if d.get("amount"))
    checked += sum(_checked_values(s, False) for d in data["documents"] for s in d.get("milestones", []))
    result = run_cli("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"ok: {records} records in {kinds} kinds, {len(data['sources'])} sources, "
        f"{checked} dates and numbers matched in their quotes\n"
    )
    assert result.stderr == ""


def _cited_items(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record, milestone, amount and claim, with the id of the record it is in."""
    for record in all_records(data):
        for item in [record, *record.get("milestones", []), *record.get("claims", [])]:
            yield record["id"], item
        if isinstance(record.get("amount"), dict):
            yield record["id"], record["amount"]


def test_every_record_has_a_citation() -> None:
    """Each record, milestone, amount and claim cites a listed source and quotes it (short form or cites)."""
    data = raw_dataset()
    source_ids = {s["id"] for s in data["sources"]}
    for _, item in _cited_items(data):
        assert _cites(item), item
        for cite in _cites(item):
            assert cite["source"] in source_ids, item
            assert cite["quote"].strip(), item


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="../shared/sources is not beside this checkout")
def test_evidence_matches_archives_and_research_notes() -> None:
    """Archived quotes are checked by `validate --sources`; the others appear in RESEARCH.md verbatim, or come
    from a source read from a stored copy of its page (on the date it gives), checked against that copy."""
    result = run_cli("validate", "--sources", str(SHARED_SOURCES))
    assert result.exit_code == 0, result.stderr
    research = " ".join((SHARED_SOURCES / "RESEARCH.md").read_text(encoding="utf-8").split())
    data = raw_dataset()
    archived = {s["id"] for s in data["sources"] if s.get("archive")}
    stored = {s["id"] for s in data["sources"] if s.get("stored_copy") and s.get("accessed")}
    missing = []
    for record_id, item in _cited_items(data):
        for cite in _cites(item):
            if cite["source"] in archived or cite["source"] in stored:
                continue
            if " ".join(cite["quote"].split()) not in research:
                missing.append((record_id, cite["quote"]))
    assert missing == []


def test_summit_document_count_comes_from_the_data() -> None:
    """Exactly ten documents are flagged as signed at the summit, and the joint statement is not one."""
    ds = load_dataset(BUNDLED)
    summit = [d for d in ds.documents if d.summit]
    assert len(summit) == 10
    assert all(d.signed.precision == "day" and str(d.signed) == "2024-12-03" for d in summit)
    assert [d.type for d in ds.documents if not d.summit].count("joint-statement") == 1


def test_partnership_facts() -> None:
    """Name, parties, date, venue and the 1992 relations it builds on."""
    ds = load_dataset(BUNDLED)
    p = ds.partnership
    assert p.name == "Comprehensive Partnership"
    assert "strategic" not in p.name.lower()
    assert set(p.parties) == {"KR", "KG"}
    assert str(p.date) == "2024-12-03"
    assert "Seoul" in p.venue
    events = {e.id: e for e in ds.events}
    assert str(events[p.relations].date) == "1992-01-31"
    assert str(events[p.summit].date) == "2024-12-03"


def test_required_people_are_present_with_roles() -> None:
    """The presidents, earlier visitors, signing ministers, June 2024 presidents and the Speaker."""
    ds = load_dataset(BUNDLED)
    names = " | ".join(f"{p.name} {p.native_name or ''}" for p in ds.people)
    for who in (
        "Yoon Suk Yeol",
        "Sadyr Japarov",
        "Almazbek Atambayev",
        "Park Geun-hye",
        "Askar Akayev",
        "Lim Sang-seop",
        "Boobek Azhikeev",
        "연원정",
        "Serdar Berdimuhamedov",
        "Kassym-Jomart Tokayev",
        "Shavkat Mirziyoyev",
        "Woo Won-shik",
    ):
        assert who in names, who
    assert all(p.role and p.country for p in ds.people)


def test_tax_protocol_milestones_and_edcf_amount() -> None:
    """The protocol's consent, both notifications and entry into force, and the EDCF ceiling, are sourced values."""
    ds = load_dataset(BUNDLED)
    protocol = next(d for d in ds.documents if d.type == "protocol")
    assert [str(m.date) for m in protocol.milestones] == ["2025-03-13", "2025-03-25", "2025-06-05", "2025-07-05"]
    assert protocol.status == "in-force"
    edcf = next(d for d in ds.documents if d.amount is not None)
    assert (edcf.amount.value, edcf.amount.currency, edcf.amount.ceiling) == (500_000_000, "USD", True)
    assert edcf.amount.period == "2025–2029"


def test_usgs_table_is_complete_and_keeps_its_markers() -> None:
    """Every country row of MCS 2025 is there; e, NA, — and the >2,000,000 bound survive."""
    ds = load_dataset(BUNDLED)
    stats = {(s.metric, s.country, str(s.period) if s.period else None): s for s in ds.statistics if not s.claim}
    assert stats[("reserves", "KG", None)].value == 260_000
    world = stats[("reserves", None, None)]
    assert (world.value, world.marker) == (2_000_000, "lower_bound")
    assert stats[("reserves", "GT", None)].value is None and stats[("reserves", "GT", None)].marker == "not_available"
    assert (stats[("mine-production", "US", "2023")].value, stats[("mine-production", "US", "2023")].marker) == (
        0,
        "zero",
    )
    assert stats[("mine-production", "CN", "2023")].marker == "estimated"
    assert stats[("mine-production", "KG", "2023")].marker == "none"
    countries = {s.country for s in ds.statistics if s.metric == "reserves" and not s.claim and s.country}
    assert len(countries) == 17


def test_article_claims_and_discrepancies_are_recorded() -> None:
    """The 13%, fourth and 0.05% claims are attributed claims, and each known disagreement has a record."""
    ds = load_dataset(BUNDLED)
    claims = {(s.metric, s.value) for s in ds.statistics if s.claim and s.source.startswith("koreaherald")}
    assert {("reserves-share", 13), ("reserves-rank", 4), ("production-share", 0.05)} <= claims
    text = " ".join(d.summary + " " + " ".join(c.says for c in d.claims) for d in ds.discrepancies).lower()
    for needle in ("0.05", "strategic", "mountain", "11 june", "2012"):
        assert needle in text, needle


def test_timeline_has_the_required_dates_at_their_precision() -> None:
    """Key events exist, and dates known only to a month or year are not given a day."""
    ds = load_dataset(BUNDLED)
    dates = {str(e.date) for e in ds.events}
    for date in (
        "1992-01-31",
        "1997-06",
        "2013-11-18",
        "2023-09-20",
        "2024-01-31",
        "2024-06-10",
        "2024-12-02",
        "2024-12-03",
        "2025-07-05",
    ):
        assert date in dates, date
    assert {e.date.precision for e in ds.events} == {"year", "month", "day"}


def _code_strings(source: str) -> Iterator[str]:
    """Names and string constants of a module, without docstrings and help texts (docs, not logic)."""
    tree = ast.parse(source)
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    prose = [k.value for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "help"]
    prose += [
        a.value
        for a in ast.walk(tree)
        if isinstance(a, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id.endswith(("_HELP", "_RULES")) for t in a.targets)
    ]
    docs |= {id(n) for p in prose for n in ast.walk(p)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.value
        elif isinstance(node, ast.Name):
            yield node.id


def test_no_code_names_a_country_or_record() -> None:
    """The countries, sectors and ids live in the data: no code (docs aside) names them."""

    root = Path(silkcli.__file__).parent
    pattern = re.compile(r"korea|kyrgyz|^KR$|^KG$|antimony|yoon|japarov|mining|hydropower", re.IGNORECASE)
    offenders = sorted(
        f"{path.name}: {text!r}"
        for path in root.rglob("*.py")
        for text in _code_strings(path.read_text(encoding="utf-8"))
        if pattern.search(text)
    )
    assert offenders == []


def test_schema_command_prints_the_json_schema() -> None:
    """`silkcli schema` is JSON Schema that names every record kind and forbids unknown fields."""
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    dataset = schema["$defs"]["Dataset"]
    assert set(KINDS) <= set(dataset["properties"])
    assert dataset["additionalProperties"] is False


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_export_validate_export_gives_identical_bytes(fmt: str, tmp_path: Any) -> None:
    """Exported data validates and exports again byte for byte."""
    first = run_cli("export", "-f", fmt)
    assert first.exit_code == 0, first.stderr
    copy = tmp_path / f"copy.{fmt}"
    copy.write_text(first.stdout, encoding="utf-8")
    assert run_cli("validate", str(copy)).exit_code == 0
    again = run_cli("--data", str(copy), "export", "-f", fmt)
    assert again.stdout == first.stdout


def test_version_names_package_and_dataset() -> None:
    """--version prints the package version, the dataset's version and date, and the date of the data in words."""
    result = run_cli("--version")
    meta = raw_dataset()["meta"]
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"silkcli {__version__}",
        f"dataset {meta['version']} (updated {meta['updated']}): {meta['title']}",
        "data as of 27 November 2026",
    ]


def test_data_option_and_environment_select_the_tiny_dataset() -> None:
    """--data and SILKCLI_DATA both switch every command to another file."""
    by_option = run_cli("--data", str(TINY), "sources", "-f", "json")
    by_env = run_cli("sources", "-f", "json", env={"SILKCLI_DATA": str(TINY)})
    assert by_option.exit_code == by_env.exit_code == 0
    assert by_option.stdout == by_env.stdout
    assert {s["id"] for s in json.loads(by_env.stdout)} == {
        s["id"] for s in yaml.safe_load(TINY.read_text("utf-8"))["sources"]
    }


def test_tiny_dataset_validates_and_exports() -> None:
    """The second dataset about other countries goes through validate and export."""
    assert run_cli("validate", str(TINY)).exit_code == 0
    exported = run_cli("--data", str(TINY), "export", "-f", "json")
    assert json.loads(exported.stdout)["partnership"]["parties"] == ["XA", "XB"]


def test_every_listed_source_is_cited() -> None:
    """No source sits in the list unused: each one supports at least one fact."""
    data = raw_dataset()
    cited = {cite["source"] for _, item in _cited_items(data) for cite in _cites(item)}
    assert [s["id"] for s in data["sources"] if s["id"] not in cited] == []
