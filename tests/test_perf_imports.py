"""Start-up stays lean: which heavy modules each path imports (module presence, never timings)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from silkcli.cli.commands import BY_NAME
from silkcli.cli.commands import COMMANDS as REGISTRY

#: command name (aliases too) to the module that defines it
COMMANDS = {name: command.module for name, command in BY_NAME.items()}

HEAVY = ("yaml", "rich", "msgspec", "sqlite3", "silkcli.brief", "silkcli.cli.data_cmds")


def imported_by(args: list[str], cache: Path, env: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """Run ``silkcli ARGS`` in a fresh interpreter: its stdout and which of HEAVY it imported."""
    probe = (
        "import json, sys\nfrom silkcli.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SILKCLI_", "_SILKCLI_", "COMP_"))}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**base, "XDG_CACHE_HOME": str(cache), **(env or {})},
        timeout=120,
        check=False,
    )
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("command", sorted({c for c, module in COMMANDS.items() if module != "brief_cmd"}))
def test_command_help_imports_no_yaml_rich_or_model(command: str, tmp_path: Path) -> None:
    """`silkcli COMMAND --help` builds only that command: no PyYAML, Rich, msgspec or other command modules.

    A filter's values (``--type``) come from the completion cache once the first ``--help`` has read them.
    """
    imported_by([command, "--help"], tmp_path)
    out, heavy = imported_by([command, "--help"], tmp_path)
    assert "Usage: silkcli" in out
    assert heavy == (["silkcli.cli.data_cmds"] if COMMANDS[command] == "data_cmds" else [])


def test_completion_imports_neither_yaml_nor_rich_once_cached(tmp_path: Path) -> None:
    """Completing --sector values: the second run reads only its values (no PyYAML, Rich or msgspec)."""
    env = {"_SILKCLI_COMPLETE": "complete_bash", "COMP_WORDS": "silkcli agreements --sector ", "COMP_CWORD": "3"}
    first, _ = imported_by([], tmp_path, env)
    out, heavy = imported_by([], tmp_path, env)
    assert "mining" in out.split() and out == first
    assert heavy == []


def test_json_query_builds_only_its_own_command(tmp_path: Path) -> None:
    """A warm JSON query imports no other command's module (the brief's Rich, the data commands)."""
    imported_by(["agreements", "-f", "json"], tmp_path)
    out, heavy = imported_by(["agreements", "-f", "json"], tmp_path)
    assert json.loads(out)
    assert heavy == ["msgspec"]


def test_command_list_names_every_registered_command(tmp_path: Path) -> None:
    """The command registry names a function of each command's name in its module, and --help lists them all."""

    for command in REGISTRY:
        function = getattr(importlib.import_module(f"silkcli.cli.{command.module}"), command.name)
        assert callable(function) and function.__doc__
    out, _ = imported_by(["--help"], tmp_path)
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == [c.name for c in REGISTRY if not c.hidden]
