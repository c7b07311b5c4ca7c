"""A measured prototype for issue 25's table target: the table query answered from rows stored ready.

    python bench/prototype_table.py ROWS.json SECTORS.json agreements --sector mining -f table --width 120

``bench/run.py --startup`` runs it against the Rich floor (``import typer, rich.console, rich.table``).
``ROWS.json`` is ``silkcli agreements -f json`` and ``SECTORS.json`` is ``silkcli sectors -f json``, both written by
the bench from the installed silkcli. The prototype is a Typer command with the options of ``agreements`` (its
filters and the output options). It reads the stored rows with the standard library's json, resolves
``--sector`` by id or name as silkcli does, keeps the rows that carry the sector, and draws them as a Rich
table framed like silkcli's (heavy head, the record count as caption). It imports neither msgspec nor the model.
Nothing in silkcli depends on it. Results: docs/performance.md.
"""

import gc

gc.disable()  # as silkcli does on a run's path

import inspect  # noqa: E402 - after the collector is paused
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Any  # noqa: E402

import typer  # noqa: E402

#: The options of ``silkcli agreements``: (name, flags, type, default).
OPTIONS: list[tuple[str, tuple[str, ...], Any, Any]] = [
    *[(name, (f"--{name}",), list[str] | None, None) for name in ("sector", "party", "signatory", "status")],
    ("type_", ("--type",), list[str] | None, None),
    *[(name, (f"--{name}",), str | None, None) for name in ("since", "until", "fields", "sort")],
    ("summit", ("--summit/--no-summit",), bool | None, None),
    ("fmt", ("-f", "--format"), str | None, None),
    ("limit", ("-n", "--limit"), int | None, None),
    ("exit_status", ("-e", "--exit-status"), bool, False),
    *[(name, (f"--{name.replace('_', '-')}",), bool, False) for name in ("desc", "cite", "no_header", "bom")],
    *[(name, (f"--{name}",), str, "auto") for name in ("color", "layout")],
    ("width", ("--width",), int | None, None),
    ("export", ("--export",), Path | None, None),
    ("output", ("-o", "--output"), Path | None, None),
]

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


def agreements(**given: Any) -> None:
    """Signed documents, from the stored rows."""
    import rich.console  # noqa: PLC0415 - as silkcli: only a table imports Rich
    import rich.table  # noqa: PLC0415
    from rich import box  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    rows = json.loads(Path(sys.argv[1]).read_bytes())
    names = {
        spelling.lower(): s["id"]
        for s in json.loads(Path(sys.argv[2]).read_bytes())
        for spelling in (s["id"], s["name"])
    }
    wanted = {names.get(v.lower(), v.lower()) for v in given["sector"] or ()}
    rows = [row for row in rows if not wanted or wanted.intersection(row["sectors"])]
    table = rich.table.Table(
        box=box.HEAVY_HEAD,
        header_style="",
        caption=Text(f"{len(rows)} record"),
        caption_justify="right",
        caption_style="italic dim",
    )
    for name in rows[0]:
        table.add_column(Text.assemble((name, "bold")), overflow="fold")

    def text(value: object) -> str:
        items = value if isinstance(value, list) else [value]
        return "; ".join(": ".join(map(str, i.values())) if isinstance(i, dict) else str(i) for i in items)

    for row in rows:
        table.add_row(*[Text(text(v)) for v in row.values()])
    console = rich.console.Console(
        file=io.StringIO(), width=given["width"] or 80, markup=False, emoji=False, highlight=False
    )
    with console.capture() as drawn:
        console.print(table)
    sys.stdout.write(drawn.get())


agreements.__signature__ = inspect.Signature(  # type: ignore[attr-defined]  # what Typer reads
    [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[kind, typer.Option(*flags)], default=default
        )
        for name, flags, kind, default in OPTIONS
    ]
)
app.command()(agreements)


@app.callback()
def root(data: Annotated[Path | None, typer.Option("--data")] = None) -> None:
    """The prototype's root, with silkcli's --data."""


if __name__ == "__main__":
    app(sys.argv[3:])
