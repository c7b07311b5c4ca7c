"""The format registry: every format renders through one entry, and file names find their format."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY, run_cli
from silkcli.errors import UsageError
from silkcli.formats import TABLE_FILES, Format, View, format_of, render
from test_render import LISTING


@pytest.mark.parametrize("fmt", [f for f in Format if not f.kinds], ids=lambda f: f.value)
def test_every_registered_format_renders_a_listing(fmt: Format) -> None:
    """Adding a format is one registry entry: each renders the sample listing, Korean text and all."""
    text = render(LISTING, fmt, View(width=100))
    assert "한국어" in text
    assert text.endswith("\n") or fmt.picture


def test_each_suffix_names_one_format() -> None:
    """No two formats claim a file suffix, and each suffix finds its own format."""
    suffixes = [s for f in Format for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))
    for fmt in Format:
        for suffix in fmt.suffixes:
            assert format_of(Path(f"out{suffix.upper()}"), option="-o") is fmt


def test_export_accepts_only_pictures_of_the_table() -> None:
    """--export writes HTML, SVG or Markdown; a JSON name is refused and says which names work."""
    with pytest.raises(UsageError, match=r"use a name ending in \.html, \.svg or \.md$"):
        format_of(Path("x.json"), option="--export", choices=TABLE_FILES)


def test_machine_formats_never_need_rich() -> None:
    """Only the table and its pictures are drawn by Rich; the machine formats render without it."""
    assert {f for f in Format if not f.machine} == {Format.table, Format.html, Format.svg}


def test_sort_by_two_fields_is_a_usage_error() -> None:
    """--sort id,title exits 2 with one line saying --sort takes one field."""
    result = run_cli("--data", str(TINY), "agreements", "--sort", "id,title")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: --sort takes one field, got 2: id, title\n"


@pytest.mark.parametrize("fmt", [f for f in Format if f.kinds], ids=lambda f: f.value)
def test_a_format_for_some_listings_refuses_the_others(fmt: Format) -> None:
    """The reference formats apply to the sources listing only: any other listing is a usage error."""
    assert LISTING.kind not in fmt.kinds
    with pytest.raises(UsageError, match=f"-f {fmt.value} is for `silkcli sources` only"):
        render(LISTING, fmt)
