"""Every problem is placed at the right line and column, whatever non-ASCII text comes before it (issue 13).

Each case writes ``@@`` where the problem must be reported; the marker is removed
from the file and its place, counted in characters, is the expected ``LINE:COL``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import TESTS
from silkcli.dataset import load as store
from silkcli.dataset.dump import to_json
from silkcli.errors import DatasetError

BASE = (TESTS / "bad_data" / "_valid_base.yaml").read_text(encoding="utf-8")
#: Text in three scripts of different UTF-8 widths, and emoji beyond the BMP (a surrogate pair in escaped JSON).
PREFIXES = {"hangul": "한국어 협력", "cyrillic": "Кыргызстан", "emoji": "😀 🇰🇬 ok"}
MARK = "@@"
_NAME = "    name: Borvia\n"
_PARTY = "      - country: XB\n        body: null\n"
_MILESTONE = (
    "      - date: 2025-01\n        what: entered into force\n        source: s2\n"
    "        evidence: the memorandum entered into force in January 2025\n"
)
_MILESTONE_FLOW = (
    "      - {{what: '{p}', date: @@2025-13, source: s2,\n"
    "          evidence: the memorandum entered into force in January 2025}}\n"
)
#: (what it replaces in _valid_base.yaml, the replacement with the marker, the message expected there)
YAML_CASES: dict[str, tuple[str, str, str]] = {
    "raw ESC": (_NAME, "    name: {p} Bor@@\x1bvia\n", "control or bidi character U+001B is not allowed in text"),
    "raw DEL": (_NAME, "    name: {p} Bor@@\x7fvia\n", "control or bidi character U+007F is not allowed in text"),
    "raw DEL two lines on": (
        _NAME + "    source: s1\n    evidence: the Kingdom of Borvia\n",
        "    name: {p}\n    source: s1\n    evidence: the Kingdom @@\x7fof Borvia\n",
        "control or bidi character U+007F is not allowed in text",
    ),
    "escaped ESC": (
        _NAME,
        '    name: @@"{p} \\e"\n',
        "countries[1].name: control or bidi character U+001B is not allowed in text",
    ),
    "raw noncharacter": (
        _NAME,
        "    name: {p} @@\ufdd0\n",
        "countries[1].name: noncharacter U+FDD0 is not allowed in text",
    ),
    "raw U+10FFFF": (
        _NAME,
        "    name: {p} @@\U0010ffff\n",
        "countries[1].name: noncharacter U+10FFFF is not allowed in text",
    ),
    "raw U+FFFF": (_NAME, "    name: {p} @@\uffff\n", "noncharacter U+FFFF is not allowed in text"),
    "unknown reference": (
        _PARTY,
        "      - {{body: '{p}', country: @@XC}}\n",
        "documents[0].parties[1].country: unknown country 'XC'",
    ),
    "impossible date": (
        _MILESTONE,
        _MILESTONE_FLOW,
        "documents[0].milestones[0].date: '2025-13' is not a possible date",
    ),
    "duplicate key": (
        _PARTY,
        "      - {{body: '{p}', country: XB, @@country: XB}}\n",
        "documents[0].parties[1].country: key given twice",
    ),
    "tag": (
        _PARTY,
        "      - {{body: '{p}', country: XB, signatory: @@!!foo x}}\n",
        "documents[0].parties[1].signatory: YAML tag 'tag:yaml.org,2002:foo' is not allowed",
    ),
    "quoted number": (
        "    amount:\n      value: 1.5\n      currency: USD\n      ceiling: true\n      source: s1\n"
        "      evidence: up to 1.5 dollars\n",
        "    amount: {{period: '{p}', value: @@'1.5', currency: USD, ceiling: true, source: s1,\n"
        "      evidence: up to 1.5 dollars}}\n",
        'documents[0].amount.value: expected a number, got the quoted text "1.5": write it without quotes',
    ),
    "syntax error": (
        _NAME,
        "    name: {p} x@@: y\n",
        "YAML syntax error: mapping values are not allowed in this context",
    ),
}


def _expected_place(text: str) -> tuple[str, int, int]:
    """``text`` without its marker, and the 1-based line and column (in characters) where the marker was."""
    index = text.index(MARK)
    before = text[:index]
    return text.replace(MARK, "", 1), before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _problems(data: bytes, name: str) -> list[str]:
    with pytest.raises(DatasetError) as info:
        store.parse_bytes(data, name)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_yaml_problem_after_non_ascii_text_is_placed_exactly(case: str, prefix: str) -> None:
    """A YAML problem after Hangul, Cyrillic or emoji on the same or an earlier line is reported where it is."""
    old, new, message = YAML_CASES[case]
    assert old in BASE
    text, line, column = _expected_place(BASE.replace(old, new.format(p=PREFIXES[prefix]), 1))
    assert _problems(text.encode(), "x.yaml") == [f"x.yaml:{line}:{column}: {message}"]


def _base_json() -> dict[str, Any]:
    return dict(json.loads(to_json(store.parse_bytes(BASE.encode(), "base.yaml"))))


#: (where a JSON value is changed, the string it becomes, the message expected at its opening quote,
#: or, for a noncharacter written raw, at the character)
JSON_CASES: dict[str, tuple[tuple[str | int, ...], str, str]] = {
    "unknown reference": (
        ("commitments", 0, "sector"),
        "minning",
        "commitments[0].sector: unknown sector 'minning' (did you mean 'mining'?)",
    ),
    "impossible date": (("events", 0, "date"), "1992-13", "events[0].date: '1992-13' is not a possible date"),
    "text for a boolean": (
        ("documents", 0, "summit"),
        "true",
        'documents[0].summit: expected true or false, got the quoted text "true": write it without quotes',
    ),
    "escaped ESC": (
        ("quotes", 0, "text"),
        "a\x1bb",
        "quotes[0].text: control or bidi character U+001B is not allowed in text",
    ),
    "noncharacter": (("quotes", 0, "text"), "a\ufdd0b", "quotes[0].text: noncharacter U+FDD0 is not allowed in text"),
}


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@pytest.mark.parametrize("indent", [None, 2], ids=["one line", "indented"])
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
@pytest.mark.parametrize("case", sorted(JSON_CASES))
def test_json_problem_after_non_ascii_text_is_placed_exactly(case: str, prefix: str, indent: int | None) -> None:
    """A JSON problem after Hangul, Cyrillic or emoji (escaped as \\u, pairs included) is reported where it is."""
    path, value, message = JSON_CASES[case]
    data = _base_json()
    data["countries"][1]["name"] = PREFIXES[prefix]
    data["documents"][0]["title"] = PREFIXES[prefix]
    _set(data, path, value)
    for ascii_only in (True, False):  # every non-ASCII character as a \u escape (pairs beyond the BMP), or raw
        text, what = (
            json.dumps(data, indent=indent, ensure_ascii=ascii_only),
            json.dumps(value, ensure_ascii=ascii_only),
        )
        if "\ufdd0" in what:  # written raw, the character itself is pointed at
            what = "\ufdd0"
        assert text.count(what) == 1
        marked, line, column = _expected_place(text.replace(what, MARK + what))
        assert _problems(marked.encode(), "x.json") == [f"x.json:{line}:{column}: {message}"]


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_raw_json_del_after_non_ascii_text_is_placed_at_the_character(prefix: str) -> None:
    """A raw DEL in a one-line JSON file after non-ASCII text is reported at the DEL itself (YAML's reader finds it)."""
    data = _base_json()
    data["countries"][1]["name"] = PREFIXES[prefix]
    data["quotes"][0]["text"] = "a@@\x7fb"
    text, line, column = _expected_place(json.dumps(data, ensure_ascii=False))
    assert _problems(text.encode(), "x.json") == [
        f"x.json:{line}:{column}: control or bidi character U+007F is not allowed in text"
    ]


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "raw"])
@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_json_key_given_twice_after_non_ascii_text_is_placed_at_the_second_key(prefix: str, ascii_only: bool) -> None:
    """A key repeated in one-line JSON after non-ASCII text is reported at the repeat, in the JSON file's terms."""
    data = _base_json()
    data["countries"][1]["name"] = PREFIXES[prefix]
    text = json.dumps(data, ensure_ascii=ascii_only)
    at = text.index('"unit": "million USD"', text.index('"id": "stat-turnover-2023"'))  # statistics[0]
    marked, line, column = _expected_place(f'{text[:at]}"unit": "t", @@{text[at:]}')
    assert _problems(marked.encode(), "x.json") == [f"x.json:{line}:{column}: statistics[0].unit: key given twice"]
