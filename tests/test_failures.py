"""Output files that cannot be written, internal errors, and random filters on the query layer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, TINY, run_cli
from silkcli.dataset.load import load_dataset
from silkcli.errors import SilkError
from silkcli.listings import listing
from silkcli.listings import select as query
from unprivileged import command_prefix

DATASET = load_dataset(BUNDLED)


def _unprivileged(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run(
        [*command_prefix(), sys.executable, "-m", "silkcli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [["brief", "-f", "markdown", "-o"], ["export", "-f", "json", "-o"], ["agreements", "--export"]],
    ids=["brief", "export", "listing-export"],
)
def test_read_only_folder_is_a_one_line_error_and_nothing_is_left(args: list[str], tmp_path: Path) -> None:
    """Writing into a read-only folder exits 4 with one line; the folder stays empty."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    target = folder / ("out.md" if args[0] != "export" else "out.json")
    try:
        done = _unprivileged([*args, str(target)], tmp_path)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 4, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write ") and "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []


def test_existing_file_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    """A failed write leaves the old file intact; a good one replaces it entirely."""
    target = tmp_path / "brief.md"
    target.write_text("old content\n", encoding="utf-8")
    bad = run_cli("brief", "-f", "markdown", "--sector", "minning", "-o", str(target))
    assert bad.exit_code == 2 and target.read_text(encoding="utf-8") == "old content\n"
    good = run_cli("brief", "-f", "markdown", "-o", str(target))
    assert good.exit_code == 0
    assert target.read_text(encoding="utf-8") == run_cli("brief", "-f", "markdown").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]  # no temporary file left behind


def test_internal_error_is_one_line_without_debug_and_a_traceback_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug exits 70 with one line; --debug and SILKCLI_DEBUG=1 print the traceback instead, still exit 70."""

    def broken(*_: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(listing, "shape", broken)  # every listing is shaped, from the rows or from the dataset
    quiet = run_cli("agreements")
    assert quiet.exit_code == 70
    assert quiet.stderr == "error: internal error: RuntimeError: simulated bug (rerun with --debug and report it)\n"
    for loud in (run_cli("--debug", "agreements"), run_cli("agreements", env={"SILKCLI_DEBUG": "1"})):
        assert loud.exit_code == 70  # the documented code, not Python's 1 for an uncaught exception
        assert loud.stderr.startswith("Traceback (most recent call last):\n")
        assert loud.stderr.endswith("RuntimeError: simulated bug\n")


def _words(values: list[str]) -> st.SearchStrategy[list[str]]:
    """Valid values (any case) mixed with junk."""
    return st.lists(
        st.one_of(st.sampled_from(values).map(str.upper), st.sampled_from(values), st.text(max_size=8)), max_size=3
    )


DATES = st.one_of(
    st.none(), st.from_regex(r"\A(19|20)\d\d(-(0[1-9]|1[0-2]|13)(-(0[1-9]|[12]\d|3[01]))?)?\Z"), st.text(max_size=6)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sectors=_words([s.id for s in DATASET.sectors]),
    types=_words([t.id for t in DATASET.vocabulary.document_types]),
    parties=_words([c.id for c in DATASET.countries] + ["ministry", "forest"]),
    since=DATES,
    until=DATES,
    summit=st.sampled_from([None, True, False]),
)
def test_random_filters_give_records_or_a_usage_error(
    sectors: list[str], types: list[str], parties: list[str], since: str | None, until: str | None, summit: bool | None
) -> None:
    """Any filter combination yields matching documents or a SilkError, never another exception."""
    try:
        found = query.documents(
            DATASET,
            sectors=query.resolve(sectors, [s.id for s in DATASET.sectors], "sector"),
            types=query.resolve(types, [t.id for t in DATASET.vocabulary.document_types], "type"),
            parties=parties,
            within=query.period(since, until),
            summit=summit,
        )
    except SilkError as exc:
        assert exc.exit_code == 2 and str(exc)
        return
    wanted = {s.lower() for s in sectors}
    assert all(not wanted or wanted & set(d.sectors) for d in found)
    assert all(summit is None or d.summit is summit for d in found)


@settings(max_examples=100, deadline=None)
@given(
    args=st.lists(
        st.sampled_from(
            [
                "--sector",
                "mining",
                "--type",
                "MOU",
                "-n",
                "2",
                "--since",
                "2024",
                "-f",
                "json",
                "--party",
                "kg",
                "--sort",
                "signed",
                "--desc",
                "-e",
                "x",
            ]
        ),
        max_size=8,
    )
)
def test_random_command_lines_never_crash(args: list[str]) -> None:
    """Random option soup exits 0, 1 or 2 with no internal error."""
    result = run_cli("--data", str(TINY), "agreements", *args)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr
