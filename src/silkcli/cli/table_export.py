"""``--export FILE``: the table a listing shows, as HTML, SVG or Markdown."""

from __future__ import annotations

import io
from pathlib import Path

from silkcli.cli.common import ColorMode
from silkcli.cli.output import write_atomic
from silkcli.errors import OutputError, UsageError
from silkcli.formats.machine import Format, render
from silkcli.formats.table import to_table
from silkcli.listings.listing import Listing

SUFFIXES = (".html", ".svg", ".md")


def check_export_path(path: Path) -> None:
    """Refuse, before anything is printed, a name whose format is unknown or whose folder is missing."""
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"--export: cannot tell the format of '{path}'; use a name ending in .html, .svg or .md")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: directory {folder} does not exist")


def export_listing(listing: Listing, path: Path, *, width: int | None, bar_field: str | None) -> None:
    """Write the listing's table to ``path`` in the format its suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        write_atomic(path, render(listing, Format.markdown))
        return
    from silkcli.cli.console import make_console

    console = make_console(color=ColorMode.always, width=width or 120, file=io.StringIO())
    console.record = True
    console.print(to_table(listing, bar_field=bar_field, width=console.width))
    if suffix == ".svg":
        write_atomic(path, console.export_svg(title=f"silkcli {listing.kind}"))
    else:
        write_atomic(path, console.export_html(inline_styles=True))
