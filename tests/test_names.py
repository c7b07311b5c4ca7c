"""Names resolve everywhere: codes, alpha-3 codes, names and surnames, with suggestions valid for the option."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUNDLED, TINY, run_cli
from silkcli.dataset.load import load_dataset


def _ids(*args: str) -> list[str]:
    result = run_cli(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


@pytest.mark.parametrize("spelling", ["KG", "kg", "KGZ", "Kyrgyzstan", "KYRGYZSTAN", "Kyrgyz Republic"])
def test_country_accepts_code_alpha3_and_names(spelling: str) -> None:
    """`--country` takes the alpha-2 code, the alpha-3 code, the name and the official name, any case."""
    assert _ids("leaders", "--country", spelling, "--fields", "id") == _ids("leaders", "--country", "KG")


def test_party_accepts_alpha3_and_names() -> None:
    """`--party KGZ` (which once suggested KZ, not a party) and `--party Kyrgyzstan` mean `--party KG`."""
    by_code = _ids("agreements", "--party", "KG")
    assert by_code and _ids("agreements", "--party", "KGZ") == by_code
    assert _ids("agreements", "--party", "kyrgyzstan") == by_code


def test_party_suggests_only_signing_sides() -> None:
    """A party typo is never answered with a country that signed nothing (KZ)."""
    result = run_cli("agreements", "--party", "KGX")
    assert result.exit_code == 2
    assert "'KZ'" not in result.stderr and "(did you mean 'KG'?)" in result.stderr
    assert "KG Kyrgyzstan" in result.stderr.splitlines()[1]


def test_party_with_a_comma_in_a_body_name_is_one_value() -> None:
    """A ministry name with commas is not split; `KR,KG` is."""
    ministry = _ids("agreements", "--party", "Ministry of Trade, Industry and Energy")
    assert "doc-energy-minerals-mou" in ministry
    assert _ids("agreements", "--party", "KR,KG") == _ids("agreements", "--party", "KR", "--party", "KG")


def test_person_accepts_id_name_and_surname() -> None:
    """`--person Yoon` = `--person "Yoon Suk Yeol"` = `--person yoon-suk-yeol`."""
    by_id = _ids("quotes", "--person", "yoon-suk-yeol")
    assert by_id and _ids("quotes", "--person", "Yoon") == by_id
    assert _ids("quotes", "--person", "yoon suk yeol") == by_id


def test_ambiguous_surname_lists_the_candidates(tmp_path: Path) -> None:
    """Two people called Quell: `--person quell` exits 2 naming both."""
    data = tmp_path / "two.yaml"
    data.write_text(TINY.read_text(encoding="utf-8").replace("name: Pavo Lint", "name: Pavo Quell"), encoding="utf-8")
    result = run_cli("--data", str(data), "quotes", "--person", "quell")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: person 'quell' is ambiguous",
        "it could be: mara-quell Mara Quell, pavo-lint Pavo Quell",
    ]


def test_signatory_filters_by_who_signed() -> None:
    """`agreements --signatory` takes a person's surname and keeps the documents they signed."""
    signed = _ids("agreements", "--signatory", "Azhikeev", "--fields", "id")
    assert signed and signed == _ids("agreements", "--signatory", "boobek-azhikeev", "--fields", "id")
    docs = json.loads(run_cli("show", signed[0], "-f", "json").stdout)
    assert any(p.get("signatory") == "boobek-azhikeev" for p in docs["parties"])


def test_did_you_mean_suggests_names_and_lists_code_with_name() -> None:
    """A misspelt name is answered with the name; the valid values show code and name."""
    result = run_cli("leaders", "--country", "Kirgizstan")
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first == "error: unknown country 'Kirgizstan' (did you mean 'Kyrgyzstan'?)"
    assert "KG Kyrgyzstan" in second and "KR South Korea" in second


def test_comma_separated_values_are_repeated_values() -> None:
    """`--sector mining,energy` = `--sector mining --sector energy`, on every repeatable filter."""
    both = _ids("agreements", "--sector", "mining", "--sector", "energy")
    assert _ids("agreements", "--sector", "mining,energy") == both
    assert _ids("timeline", "--country", "KG,KZ") == _ids("timeline", "--country", "KG", "--country", "KZ")


def test_since_after_until_is_a_usage_error() -> None:
    """An empty date range is a mistake, not "0 records match"."""
    result = run_cli("timeline", "--since", "2025", "--until", "2024")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: --since 2025 is after --until 2024\n")


def _complete(words: str, tmp_path: Path) -> list[str]:
    """What the installed command's bash completion offers for the last word of ``words``."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path),
        "_SILKCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    done = subprocess.run([sys.executable, "-m", "silkcli"], env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_party_completes_only_signing_sides_with_names(tmp_path: Path) -> None:
    """`--party` offers KR and KG (codes, alpha-3 codes, names, also Korea), never KZ, which signed nothing."""
    offered = _complete("silkcli agreements --party ", tmp_path)
    assert {"KR", "KG", "KGZ", "Kyrgyzstan", "Korea"} <= set(offered) and "KZ" not in offered
    assert _complete("silkcli leaders --country Kyr", tmp_path) == ["Kyrgyzstan"]
    assert "Yoon Suk Yeol" in _complete("silkcli quotes --person Yo", tmp_path)


def test_fields_and_sort_complete_field_names_after_a_comma_too(tmp_path: Path) -> None:
    """`--fields id,ti<TAB>` offers `id,title`; `--sort` offers the command's own fields."""
    assert "id,title" in _complete("silkcli agreements --fields id,ti", tmp_path)
    assert _complete("silkcli reserves --sort share_", tmp_path) == ["share_pct", "share_bound"]
    assert "role" in _complete("silkcli people --sort ", tmp_path)


def test_data_option_names_the_path_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--data LINK` to a folder says LINK is a folder (not the name of what it points at)."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "folder")
    monkeypatch.chdir(tmp_path)
    result = run_cli("--data", "link", "agreements")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", "link: is a directory, not a dataset file\n")


def test_party_of_only_commas_is_an_unknown_party() -> None:
    """`--party ,` names nothing: exit 2, not every document."""
    result = run_cli("agreements", "--party", ",")
    assert (result.exit_code, result.stdout) == (2, "") and result.stderr.startswith("error: unknown party ','")


def test_show_completes_names_beside_ids(tmp_path: Path) -> None:
    """`show Sad<TAB>` offers the id sadyr-japarov and the name Sadyr Japarov; `show Kyr` the country's name."""
    assert "Sadyr Japarov" in _complete("silkcli show Sad", tmp_path)
    assert "sadyr-japarov" in _complete("silkcli show sadyr", tmp_path)
    assert "Kyrgyzstan" in _complete("silkcli show Kyr", tmp_path)


#: every command that takes a country, with its option (``--party`` takes the same names as ``--country``)
COUNTRY_FILTERS = [
    ("leaders", "--country"),
    ("timeline", "--country"),
    ("commitments", "--country"),
    ("reserves", "--country"),
    ("agreements", "--party"),
]
KOREA_NOTE = "note: 'Korea' is read as KR, South Korea (Republic of Korea); North Korea is KP\n"


@pytest.mark.parametrize(("command", "option"), COUNTRY_FILTERS)
@pytest.mark.parametrize("spelling", ["Korea", "south korea", "Republic of Korea", "KOR"])
def test_every_country_filter_takes_the_same_names(command: str, option: str, spelling: str) -> None:
    """`Korea`, `South Korea`, `Republic of Korea` and `KOR` mean KR in each country filter and in --party."""
    by_code = run_cli(command, option, "KR", "-f", "json")
    given = run_cli(command, option, spelling, "-f", "json")
    assert given.exit_code == by_code.exit_code == 0, given.stderr
    assert given.stdout == by_code.stdout
    assert (KOREA_NOTE in given.stderr) is (spelling == "Korea") and KOREA_NOTE not in by_code.stderr


def test_party_korea_is_the_country_not_ministry_names() -> None:
    """`--party Korea` is South Korea's 15 documents, not the 7 whose body names contain "Korea"."""
    korea = _ids("agreements", "--party", "Korea", "--fields", "id")
    assert korea == _ids("agreements", "--party", "KR", "--fields", "id")
    text = [d.id for d in load_dataset(BUNDLED).documents if any("korea" in (p.body or "").lower() for p in d.parties)]
    assert len(korea) > len(text) and set(text) < set(korea)


def test_party_text_that_names_no_country_still_matches_a_body() -> None:
    """`--party "Korea Forest Service"` names no country: it is text in a body's name."""
    assert _ids("agreements", "--party", "Korea Forest Service", "--fields", "id") == ["doc-forestry-mou"]


def test_the_korea_note_is_said_once_a_run_and_only_in_that_run() -> None:
    """Given twice, the note prints once; a later run that reads no short name prints none."""
    twice = run_cli("leaders", "--country", "Korea", "--country", "korea", "-f", "json")
    assert twice.stderr.count(KOREA_NOTE) == 1
    failed = run_cli("leaders", "--country", "Korea", "--role", "nosuch")
    assert failed.exit_code == 2
    after = run_cli("leaders", "--country", "KR", "-f", "json")
    assert "note:" not in after.stderr


def test_country_korea_is_no_longer_refused() -> None:
    """`--country Korea` once exited 2 with "did you mean 'KOR'?"."""
    result = run_cli("leaders", "--country", "Korea", "-f", "json")
    assert result.exit_code == 0 and "did you mean" not in result.stderr


def test_party_takes_a_country_that_signed_nothing_as_country_does() -> None:
    """`--party Kazakhstan` is the country KZ (no documents), as `--country Kazakhstan` is: not an error."""
    result = run_cli("agreements", "--party", "Kazakhstan", "-f", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "0 records match\n")


@pytest.mark.parametrize(("name", "ident"), [("Korea", "KR"), ("Republic of Korea", "KR"), ("Yoon", "yoon-suk-yeol")])
def test_show_takes_the_names_filters_take(name: str, ident: str) -> None:
    """`show Korea` is `show KR`, `show Yoon` is `show yoon-suk-yeol`: the names the filters take."""
    assert run_cli("show", name, "-f", "json").stdout == run_cli("show", ident, "-f", "json").stdout


@pytest.mark.parametrize(
    ("command", "option", "spellings"),
    [
        ("quotes", "--person", ["yoon-suk-yeol", "Yoon", "Yoon Suk Yeol", "YOON SUK YEOL"]),
        ("agreements", "--signatory", ["boobek-azhikeev", "Azhikeev", "Boobek", "boobek azhikeev"]),
    ],
)
def test_every_person_filter_takes_id_name_and_surname(command: str, option: str, spellings: list[str]) -> None:
    """--person and --signatory take a person's id, full name or either end of it, any case."""
    results = [_ids(command, option, s, "--fields", "id") for s in spellings]
    assert results[0] and all(r == results[0] for r in results)


def test_another_name_and_its_note_come_from_the_data(tmp_path: Path) -> None:
    """A country's `also_called` is read by every filter, with a note naming the other countries it could mean."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace(
        "    official_name: Republic of Aldoria\n", "    official_name: Republic of Aldoria\n    also_called: [Aldo]\n"
    )
    data = tmp_path / "aldo.yaml"
    data.write_text(text.replace("    name: Calvera\n", "    name: North Aldo\n"), encoding="utf-8")
    result = run_cli("--data", str(data), "leaders", "--country", "aldo", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run_cli("--data", str(data), "leaders", "--country", "XA", "-f", "json").stdout
    assert result.stderr.startswith("note: 'Aldo' is read as XA, Aldoria (Republic of Aldoria); North Aldo is XC\n")
    assert run_cli("--data", str(TINY), "leaders", "--country", "aldo").exit_code == 2  # not in the data: unknown
