"""The one list of commands: name, aliases, the module that defines it, and its summary.

``silkcli --help`` is written from this list without importing any command
module, and a run imports only the module of the command it runs (see
:mod:`silkcli.cli.lazy`). A command is a function of the same name in its
module (``agreements`` in ``silkcli.cli.listing_cmds``); its docstring is its
``--help``.
"""

from __future__ import annotations

from silkcli.plain import Plain


class Command(Plain):
    """One command of the program."""

    name: str
    module: str
    summary: str
    aliases: tuple[str, ...] = ()
    #: a listing command: its help ends with the filter and output rules
    listing: bool = False
    #: left out of ``silkcli --help`` (still in the registry, so it loads lazily like the rest)
    hidden: bool = False
    #: the record kind it lists (``search --kind`` takes the command's names for it)
    lists: str | None = None


COMMANDS: tuple[Command, ...] = (
    Command(
        "agreements",
        "listing_cmds",
        "List signed documents in signing order.",
        ("documents",),
        listing=True,
        lists="documents",
    ),
    Command("leaders", "listing_cmds", "List people and their roles.", ("people",), listing=True, lists="people"),
    Command("timeline", "listing_cmds", "List dated events, oldest first.", ("dates",), listing=True, lists="events"),
    Command(
        "sectors", "listing_cmds", "List sectors with counts, or one sector's records.", listing=True, lists="sectors"
    ),
    Command(
        "commitments", "listing_cmds", "List what the sides agreed, asked or plan.", listing=True, lists="commitments"
    ),
    Command("reserves", "listing_cmds", "Reserves and production by country, with shares and ranks.", listing=True),
    Command("stats", "listing_cmds", "Key figures and the claims made about them.", listing=True, lists="statistics"),
    Command(
        "discrepancies",
        "subject_cmds",
        "List where sources disagree, and how it was resolved.",
        listing=True,
        lists="discrepancies",
    ),
    Command(
        "countries", "subject_cmds", "List the countries: ISO codes, name and records.", listing=True, lists="countries"
    ),
    Command("quotes", "listing_cmds", "List the words the sources quote.", listing=True, lists="quotes"),
    Command("search", "listing_cmds", "Find the records holding every word of TEXT, best first.", listing=True),
    Command("show", "listing_cmds", "Show one record in full, and what refers to it.", listing=True),
    Command(
        "sources", "listing_cmds", "List the sources and how many records cite each.", listing=True, lists="sources"
    ),
    Command("brief", "brief_cmd", "Print a one-page brief with numbered source notes."),
    Command("check", "check_cmd", "Check the claims of a text against the data."),
    Command("validate", "data_cmds", "Check a dataset file: schema, references and evidence."),
    Command("schema", "data_cmds", "Print the JSON Schema of the dataset format."),
    Command("export", "data_cmds", "Write the dataset as YAML, JSON, SQLite or a Data Package."),
    Command("man", "publish_cmds", "Print the man page.", hidden=True),
    Command("help", "help_cmd", "Show the help of silkcli, or of one command."),
)

#: Every name a command answers to, aliases included.
BY_NAME: dict[str, Command] = {name: c for c in COMMANDS for name in (c.name, *c.aliases)}
