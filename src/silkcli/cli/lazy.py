"""A command group that imports and builds only the command that runs.

Typer turns every registered function into a Click command on every run,
inspecting each signature and its type hints: for silkcli's commands that was
~15 ms, a quarter of a query's own start-up, and importing every command
module pulled in what only one command needs. This group knows each command
from :data:`silkcli.cli.commands.COMMANDS`; it imports a command's module and
builds the command the first time it is asked for. ``silkcli --help`` lists
the commands from their summaries without building any of them.

Only Typer's public API is used: the group is a :class:`typer.core.TyperGroup`
and each command is built with :func:`typer.main.get_command_from_info`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from silkcli.cli import state
from silkcli.cli.commands import BY_NAME, COMMANDS, Command
from silkcli.cli.typer_paths import help_option


class LazyCommands(Mapping[str, Any]):
    """Command name (or alias) to its Click command, built on first access."""

    def __init__(self, *, package: str) -> None:
        self._package = package
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._build(BY_NAME[name], name)
        return self._built[name]

    def _build(self, spec: Command, name: str) -> Any:
        function: Callable[..., None] = getattr(importlib.import_module(f"{self._package}.{spec.module}"), spec.name)
        text = inspect.getdoc(function) or ""
        if spec.listing:
            from silkcli.cli.listing_run import as_command, listing_help  # noqa: PLC0415 - 3 ms of `silkcli --help`, which builds no listing command

            function = as_command(function)
            text = f"{text}\n\n{listing_help(inspect.signature(function).parameters)}"
        staging = typer.Typer()
        staging.command(
            name,
            cls=ValuesInHelp,
            help=text,
            short_help=spec.summary,
            hidden=name != spec.name or spec.hidden,
        )(function)
        command = typer.main.get_command_from_info(
            staging.registered_commands[0], pretty_exceptions_short=True, rich_markup_mode=None
        )
        present = {opt for param in command.params for opt in getattr(param, "opts", ())}
        command.params.extend(state.command_options(present))
        return command

    def __iter__(self) -> Iterator[str]:
        return iter(BY_NAME)

    def __len__(self) -> int:
        return len(BY_NAME)


class ValuesInHelp(TyperCommand):
    """A command whose ``--help`` lists the values of its closed-vocabulary filters, read from the dataset then."""

    def get_help_option(self, ctx: Any) -> Any:
        """The help option, printing through silkcli's output edge."""
        return help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The usual help, each closed filter's help ending with its values."""

        command = BY_NAME[ctx.info_name].name if ctx.info_name in BY_NAME else ""
        for param in self.params:
            from silkcli.cli.complete import closed_values  # noqa: PLC0415 - 2.5 ms with usage (see _fail_usage in app.py)

            values = closed_values(ctx, command, param.name or "")
            text = getattr(param, "help", None)
            if values and isinstance(text, str) and "Values:" not in text:
                param.help = f"{text} Values: {', '.join(values)}."  # type: ignore[attr-defined]  # an Option
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Click's parsing, its "option requires an argument" error told which command it is about."""
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            if getattr(exc, "ctx", False) is None:  # Click's parser raises it without the context
                exc.ctx = ctx  # type: ignore[attr-defined]  # a click.UsageError
            raise


class LazyGroup(TyperGroup):
    """The program's command group: commands from the registry, built when used."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(package="silkcli.cli")  # type: ignore[assignment]

    def get_help_option(self, ctx: Any) -> Any:
        """The help option, printing through silkcli's output edge."""
        return help_option(super().get_help_option(ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command name, aliases included (Click hides the hidden ones)."""
        return list(BY_NAME)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The Commands section of ``--help``, from the registry's summaries."""
        with formatter.section("Commands"):
            formatter.write_dl([(c.name, c.summary) for c in COMMANDS if not c.hidden])
