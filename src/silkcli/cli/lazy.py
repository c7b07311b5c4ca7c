"""A command group that imports and builds only the command that runs.

Typer turns every registered function into a Click command on every run,
inspecting each signature and its type hints: for silkcli's commands that was
~15 ms, a quarter of a query's own start-up, and importing every command
module pulled in what only one command needs. This group knows each command
by name and by the module whose ``register(app, only=name)`` adds it; it imports
that module and builds that command the first time the command is asked for. The
top-level ``--help`` lists commands from their help texts without building
any of them.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from typing import Any

import typer
import typer.main
from typer._click import Command, Context, HelpFormatter
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup
from typer.models import CommandInfo


class LazyCommands(Mapping[str, Command]):
    """Command name to Click command, built on first access."""

    def __init__(self, modules: Mapping[str, str], *, package: str) -> None:
        self._modules = modules
        self._package = package
        self._infos: dict[str, CommandInfo] = {}
        self._built: dict[str, Command] = {}

    def info(self, name: str) -> CommandInfo:
        """What ``name``'s module registered for it (a KeyError for an unknown name)."""
        module = self._modules[name]
        if name not in self._infos:
            staging = typer.Typer()
            importlib.import_module(f"{self._package}.{module}").register(staging, only=name)
            for info in staging.registered_commands:
                self._infos.setdefault(_name(info), info)
        return self._infos[name]

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self.info(name), pretty_exceptions_short=True, rich_markup_mode=None
            )
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


def _name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def lazy_group(modules: Mapping[str, str], *, package: str) -> type[TyperGroup]:
    """A TyperGroup class whose commands are ``modules`` (command name to module name)."""

    class LazyGroup(TyperGroup):
        def __init__(self, **attrs: Any) -> None:
            super().__init__(**attrs)
            self.commands = LazyCommands(modules, package=package)  # type: ignore[assignment]

        def list_commands(self, ctx: Context) -> list[str]:
            return list(self.commands)

        def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
            lazy: LazyCommands = self.commands  # type: ignore[assignment]
            shown = [(name, lazy.info(name)) for name in self.list_commands(ctx)]
            shown = [(name, info) for name, info in shown if not info.hidden]
            if not shown:
                return
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            with formatter.section("Commands"):
                formatter.write_dl([(name, _short_help(info, limit)) for name, info in shown])

    return LazyGroup


def _short_help(info: CommandInfo, limit: int) -> str:
    """What Click's ``get_short_help_str`` gives for the built command."""
    if info.short_help:
        return inspect.cleandoc(info.short_help).strip()
    text = inspect.cleandoc(info.help) if info.help is not None else inspect.getdoc(info.callback)
    return make_default_short_help(text, limit).strip() if text else ""
