"""The publishing edge: the man page command, and export's SQLite, Datasette and Data Package writers."""
# ruff: noqa: PLC0415 - each writer imports what it needs when it runs (sqlite3 and the publish modules; the man page Typer's tree)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from silkcli.cli.output import emit, note, write_atomic
from silkcli.errors import OutputError, UsageError

if TYPE_CHECKING:
    from silkcli.dataset import model as m

#: export formats that write files, and what -o names for each.
PUBLISHED = {"sqlite": "FILE", "datasette": "DIR", "datapackage": "DIR"}


def man() -> None:
    """Print silkcli's man page (roff), written from the same help texts as --help.

    Examples:

      silkcli man > silkcli.1 && man -l silkcli.1

      silkcli man | groff -man -Tutf8 | less
    """
    import typer.main

    from silkcli import __version__
    from silkcli.cli.app import app
    from silkcli.publish.manpage import manpage

    emit(manpage(typer.main.get_command(app), prog="silkcli", version=__version__))


def write_published(dataset: m.Dataset, fmt: str, out: Path | None) -> None:
    """Write ``dataset`` as ``fmt`` (one of :data:`PUBLISHED`) to ``out``."""
    if out is None:
        what = "folder" if PUBLISHED[fmt] == "DIR" else "file"
        raise UsageError(f"-f {fmt} writes a {what}: add -o {PUBLISHED[fmt]}")
    if fmt == "sqlite":
        from silkcli.publish.sqlite import write_sqlite

        write_sqlite(dataset, out)
    elif fmt == "datasette":
        from silkcli.publish import datasette
        from silkcli.publish.sqlite import write_sqlite

        _folder(out)
        write_sqlite(dataset, out / datasette.DB_FILE)
        write_atomic(out / datasette.METADATA_FILE, datasette.metadata_json(dataset))
        note(f"serve it with: datasette {out / datasette.DB_FILE} -m {out / datasette.METADATA_FILE}")
    else:
        from silkcli.publish.datapackage import files

        _folder(out)
        for name, text in files(dataset).items():
            write_atomic(out / name, text)


def _folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write into {path}: it is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create folder {path}: {exc.strerror}") from None
