"""Field-level provenance: every fact cited, dates and numbers found in their quotes, inferred values marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TESTS, run_cli
from silkcli.dataset.model import PartialDate
from silkcli.dataset.written_forms import states_date, states_number

BASE = (TESTS / "bad_data" / "_valid_base.yaml").read_text(encoding="utf-8")


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    """The corpus base with one passage replaced, written to a file."""
    assert BASE.count(old) == 1, old
    path = tmp_path / "variant.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    return path


def _validate(path: Path) -> tuple[int, str, list[str]]:
    """Exit code, stdout and the problem lines of `silkcli validate PATH` (file name dropped)."""
    result = run_cli("validate", str(path))
    lines = [line.split(":", 3)[3].strip() for line in result.stderr.splitlines() if line.startswith(str(path))]
    return result.exit_code, result.stdout, lines


def test_an_uncovered_field_is_reported_at_the_field(tmp_path: Path) -> None:
    """A record without any citation gets one located error per fact field with a value."""
    path = _variant(
        tmp_path, "    name: Mining\n    source: s1\n    evidence: cooperation in mining\n", "    name: Mining\n"
    )
    code, _, lines = _validate(path)
    assert code == 3
    assert lines == ["sectors[0].name: no citation supports name"]
    located = run_cli("validate", str(path)).stderr.splitlines()[0]
    assert located.startswith(f"{path}:50:11: ")  # the line and column of `name`'s value


def test_a_date_missing_from_its_quote_is_an_error_at_the_quote(tmp_path: Path) -> None:
    """A quote that does not write the record's date fails, pointing at the quote."""
    path = _variant(tmp_path, "signed a memorandum on mining on 3 December 2024", "signed a memorandum on mining")
    code, _, lines = _validate(path)
    assert code == 3
    assert lines == [
        "documents[0].evidence: the quote does not state signed 2024-12-03: "
        "cite one that does, or mark the citation inferred"
    ]


def test_an_inferred_citation_supports_a_date_its_quote_does_not_state(tmp_path: Path) -> None:
    """Marked inferred (with how), the same unstated date passes and is not counted as matched."""
    inferred = (
        "signed a memorandum on mining\n"
        "    cites:\n"
        "      - source: s1\n"
        "        quote: signed a memorandum on mining\n"
        "        fields: [signed]\n"
        "        inferred: true\n"
        "        how: Signed at the summit of 3 December 2024.\n"
    )
    path = _variant(tmp_path, "signed a memorandum on mining on 3 December 2024\n", inferred)
    code, stdout, lines = _validate(path)
    assert (code, lines) == (0, [])
    assert stdout.endswith(", 14 dates and numbers matched in their quotes\n")  # one fewer than the base's 15
    shown = json.loads(run_cli("--data", str(path), "show", "doc-mining", "-f", "json").stdout)
    assert shown["support"]["signed"][0]["inferred"] is True


def test_inferred_needs_how(tmp_path: Path) -> None:
    """A citation marked inferred must say how the value follows."""
    text = "signed a memorandum on mining\n    cites:\n      - source: s1\n        quote: x\n        inferred: true\n"
    code, _, lines = _validate(_variant(tmp_path, "signed a memorandum on mining on 3 December 2024\n", text))
    assert code == 3 and len(lines) == 1 and "how" in lines[0]


def test_a_number_in_korean_form_matches(tmp_path: Path) -> None:
    """An amount of 500,000,000 is stated by a quote that writes 5억 달러."""
    path = _variant(tmp_path, "      value: 1.5\n", "      value: 500000000\n")
    path.write_text(path.read_text(encoding="utf-8").replace("up to 1.5 dollars", "5억 달러 한도 내"), encoding="utf-8")
    assert _validate(path)[:2] == (
        0,
        "ok: 15 records in 10 kinds, 2 sources, 15 dates and numbers matched in their quotes\n",
    )
    path.write_text(path.read_text(encoding="utf-8").replace("5억 달러", "4억 달러"), encoding="utf-8")
    code, _, lines = _validate(path)
    assert code == 3 and lines == [
        "documents[0].amount.evidence: the quote does not state value 500000000: "
        "cite one that does, or mark the citation inferred"
    ]


def test_a_citation_naming_a_field_the_record_lacks_is_an_error(tmp_path: Path) -> None:
    """`fields` names fact fields of the record: a typo gets a did-you-mean, an id or empty field is refused."""
    cite = "    evidence: President Anna Ald\n    cites:\n      - source: s1\n        quote: President Anna Ald\n"
    path = _variant(tmp_path, "    evidence: President Anna Ald\n", cite + "        fields: [titel, id, native_name]\n")
    code, _, lines = _validate(path)
    assert code == 3
    assert lines == [
        "people[0].cites[0].fields[0]: a person has no fact field 'titel' (did you mean 'title'?)",
        "people[0].cites[0].fields[1]: a person has no fact field 'id'",
        "people[0].cites[0].fields[2]: this person has no value in 'native_name' for the quote to support",
    ]


def test_a_specific_citation_replaces_the_whole_record_one_for_its_fields(tmp_path: Path) -> None:
    """A field named by a citation is supported by it alone: the short form's quote is no longer checked for it."""
    cite = (
        "  evidence: agreed to establish a partnership\n"
        "  cites:\n"
        "    - source: s2\n"
        "      quote: on 3 December 2024 in Aldor City\n"
        "      fields: [date, venue]\n"
    )
    path = _variant(tmp_path, "  evidence: agreed on 3 December 2024 to establish a partnership\n", cite)
    assert _validate(path)[0] == 0
    shown = run_cli("--data", str(path), "show", "ab-partnership", "-f", "tsv").stdout
    assert "date\t2024-12-03\ts2\n" in shown and "name\tAldoria-Borvia Partnership\ts1\n" in shown


@pytest.mark.parametrize(
    ("quote", "date"),
    [
        ("at the Yongsan presidential office on Dec. 3, 2024", "2024-12-03"),
        ("3 December 2024", "2024-12-03"),
        ("December 3, 2024", "2024-12-03"),
        ("윤석열 대통령은 12월 3일", "2024-12-03"),
        ("2024년 12월 3일", "2024-12-03"),
        ("지난 12월4일 개최된", "2024-12-04"),
        ("3 декабря 2024 года", "2024-12-03"),
        ("on June 10-11, 2024", "2024-06-11"),
        ("6.10.~11.: 투르크메니스탄 방문", "2024-06-11"),
        ("지난 1997년 6월", "1997-06"),
        ("January 2025", "2025-01"),
        ("2026-жылга пландалган", "2026"),
    ],
)
def test_dates_are_found_in_their_written_forms(quote: str, date: str) -> None:
    """English, Korean, Russian and numeric forms of a date count."""
    assert states_date(quote, PartialDate.parse(date))


@pytest.mark.parametrize(
    ("quote", "date"),
    [
        ("on Tuesday", "2024-12-03"),
        ("12월 13일", "2024-12-03"),
        ("As of January", "2024-01"),
        ("3일 오전", "2024-12-03"),
    ],
)
def test_dates_not_written_are_not_found(quote: str, date: str) -> None:
    """A weekday, another day, a month without its year, a day without its month: not the date."""
    assert not states_date(quote, PartialDate.parse(date))


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("US$500 million", 500_000_000),
        ("5억 달러 한도 내", 500_000_000),
        ("전 세계 안티모니 매장량은 225만5000톤", 2_255_000),
        ("0.05 percent", 0.05),
        ("13%", 13),
        ("Kyrgyzstan 20 20 260,000", 260_000),
        ("the fourth-largest country", 4),
        ("ten small hydropower projects", 10),
    ],
)
def test_numbers_are_found_in_their_written_forms(quote: str, value: float) -> None:
    """Digits with separators, scale words (million, 억, 만), percentages and number words count."""
    assert states_number(quote, value)


def test_a_different_number_is_not_found() -> None:
    """250 is not 25, and 5억 is not 4억."""
    assert not states_number("250 t", 25) and not states_number("4억 달러", 500_000_000)


def test_cite_names_the_sources_of_the_fields_shown() -> None:
    """`--cite` with only the date shown names the source of the date, marked inferred where it is."""
    out = run_cli(
        "timeline", "--since", "2024-12-04", "--until", "2024-12-04", "--fields", "date", "--cite", "-f", "json"
    )
    rows = {r["date"]: [(c["source"], c["fields"], c["inferred"]) for c in r["cite"]] for r in json.loads(out.stdout)}
    assert rows["2024-12-04"] == [("24kg-313131", ["date"], True), ("vesti-133154", ["date"], True)]
    tsv = run_cli("timeline", "--since", "2024-12-04", "--until", "2024-12-04", "--fields", "date", "--cite")
    assert "2024-12-04\t24kg-313131 (inferred); vesti-133154 (inferred)\t" in tsv.stdout


def test_show_marks_an_inferred_value() -> None:
    """`show` prints each field beside its sources and marks an inferred date, not a stated name."""
    shown = run_cli("show", "doc-kwater-small-hydropower-mou", "-f", "tsv").stdout
    assert "signed\t2024-12-04\tkharn-26618 (inferred)\n" in shown
    named = run_cli("show", "serdar-berdimuhamedov", "-f", "tsv").stdout
    assert "name\tSerdar Berdimuhamedov\tmfa-tm-4581\n" in named
    assert "title\tPresident of Turkmenistan\tnca-20240611\n" in named


def test_a_day_without_its_year_is_stated_only_when_marked_inferred(tmp_path: Path) -> None:
    """A quote with the month and day but not the year fails at the quote; marked inferred with how, it passes."""
    day = "signed a memorandum on mining on 3 December"
    path = _variant(tmp_path, day + " 2024", day)
    code, _, lines = _validate(path)
    assert code == 3 and lines == [
        "documents[0].evidence: the quote gives the day of signed 2024-12-03 but not its year: "
        "cite one that does, or mark the citation inferred and say how the year is known"
    ]
    inferred = (
        "signed a memorandum on mining on 3 December\n"
        "    cites:\n"
        "      - source: s1\n"
        "        quote: signed a memorandum on mining on 3 December\n"
        "        fields: [signed]\n"
        "        inferred: true\n"
        "        how: The report is of the summit year, so 3 December 2024.\n"
    )
    marked = _variant(tmp_path, "signed a memorandum on mining on 3 December 2024\n", inferred)
    assert _validate(marked)[::2] == (0, [])


def test_an_inferred_citation_names_the_value_it_infers(tmp_path: Path) -> None:
    """`how` of an inferred date must write that date; one that says only why fails at `how`."""
    vague = (
        "signed a memorandum on mining\n"
        "    cites:\n"
        "      - source: s1\n"
        "        quote: signed a memorandum on mining\n"
        "        fields: [signed]\n"
        "        inferred: true\n"
        "        how: Signed at the summit.\n"
    )
    code, _, lines = _validate(_variant(tmp_path, "signed a memorandum on mining on 3 December 2024\n", vague))
    assert code == 3 and lines == [
        "documents[0].cites[0].how: `how` does not name the signed it infers (2024-12-03): write it out"
    ]
