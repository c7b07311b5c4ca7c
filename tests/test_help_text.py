"""Every command's --help text, held against the text the code printed before its options were declared once.

``tests/expected/help.txt`` was written by the code of that time (``python tests/test_help_text.py``
rewrites it from the code installed now, for a deliberate change of a help text).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import run_cli
from silkcli.cli.commands import COMMANDS

EXPECTED = Path(__file__).parent / "expected" / "help.txt"
COMMAND_LINES = [["--help"], *([c.name, "--help"] for c in COMMANDS)]
MARK = "=== silkcli "


def help_texts() -> str:
    """The --help of silkcli and of each command, at 100 columns, each under a line naming it."""
    parts = []
    for args in COMMAND_LINES:
        result = run_cli(*args, env={"COLUMNS": "100"})
        assert result.exit_code == 0, result.stderr
        parts.append(f"{MARK}{' '.join(args)}\n{result.stdout}")
    return "".join(parts)


def _expected() -> dict[str, str]:
    """The committed help texts, by command line."""
    sections = EXPECTED.read_text(encoding="utf-8").split(MARK)[1:]
    return {head: body for head, _, body in (s.partition("\n") for s in sections)}


@pytest.mark.parametrize("args", COMMAND_LINES, ids=[" ".join(a) for a in COMMAND_LINES])
def test_help_text_is_unchanged(args: list[str]) -> None:
    """`silkcli ... --help` prints, word for word, what the committed expectation holds."""
    result = run_cli(*args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _expected()[" ".join(args)]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    EXPECTED.write_text(help_texts(), encoding="utf-8")
