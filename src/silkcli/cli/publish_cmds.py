"""The publishing edge: the man page command, and export's SQLite, Datasette and Data Package writers."""
# ruff: noqa: PLC0415 - each writer imports what it needs when it runs (sqlite3 and the publish modules; the man page Typer's tree)

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from silkcli.cli.output import emit, note
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
    from silkcli.cli import state
    from silkcli.dataset.paths import bundled_path

    emit(man_page(date=state.load(bundled_path()).meta.updated.isoformat()))


def man_page(*, date: str) -> str:
    """The man page, dated ``date`` (the bundled data's): what ``silkcli man`` prints and the wheel installs."""
    import typer.main

    from silkcli import __version__
    from silkcli.cli.app import app, root
    from silkcli.environment import ENVIRONMENT
    from silkcli.errors import ExitCode
    from silkcli.publish.manpage import ManAbout, manpage

    about = ManAbout(
        summary=root.__doc__ or "",
        date=date,
        exit_codes=[(str(int(code)), code.meaning) for code in ExitCode],
        environment=ENVIRONMENT,
        files=FILES,
    )
    return manpage(typer.main.get_command(app), prog="silkcli", version=__version__, about=about)


#: What the FILES section of the man page names.
FILES = (
    (
        "$XDG_CACHE_HOME/silkcli/ (default ~/.cache/silkcli/)",
        "Compiled copies of dataset files given with --data, each named by the file's exact version; "
        "safe to delete. Used only when owned by you and writable by no one else.",
    ),
    (
        "silkcli/data/partnership.yaml, in the installed package",
        "The bundled dataset (and its compiled copy); silkcli --version gives its version and date.",
    ),
)


def write_published(dataset: m.Dataset, fmt: str, out: Path | None) -> None:
    """Write ``dataset`` as ``fmt`` (one of :data:`PUBLISHED`) to ``out``."""
    if out is None:
        what = "folder" if PUBLISHED[fmt] == "DIR" else "file"
        raise UsageError(f"-f {fmt} writes a {what}: add -o {PUBLISHED[fmt]}")
    if fmt == "sqlite":
        from silkcli.publish.sqlite import write_sqlite

        write_sqlite(dataset, out)
    else:
        _folder(out)
        _write_folder(dataset, fmt, out)
        if fmt == "datasette":
            from silkcli.errors import visible

            note(visible(f"serve it with: datasette serve {_shell_word(str(out))}"))


def _write_folder(dataset: m.Dataset, fmt: str, out: Path) -> None:
    """Write every file of a folder export; the old files stay as they were until all new ones are complete."""
    import sqlite3

    from silkcli.staged import staged_folder

    try:
        with staged_folder(out) as staged:
            if fmt == "datasette":
                from silkcli.publish import datasette, sqlite

                sqlite.check_target(out / datasette.DB_FILE)
                staged.build(datasette.DB_FILE, lambda tmp: sqlite.build(dataset, tmp))
                for name, text in datasette.files(dataset).items():
                    staged.write(name, text)
            else:
                from silkcli.publish.datapackage import files

                for name, text in files(dataset).items():
                    staged.write(name, text)
    except (OSError, sqlite3.Error) as exc:
        raise OutputError(f"cannot write into {out}: {getattr(exc, 'strerror', None) or exc}") from None


def _shell_word(text: str) -> str:
    """``text`` as one word a POSIX shell reads back as it is (quoted only when it must be)."""
    import shlex

    return shlex.quote(text)


def _folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write into {path}: it is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create folder {path}: {exc.strerror}") from None
