"""Dataset input an attack found wrong (issue 13): each case fails with one exact, well-placed line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli


def test_symlink_loop_as_data_is_a_dataset_problem(tmp_path: Path) -> None:
    """--data on a symlink loop exits 3 with "symlink loop", not an internal error (70)."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    for args in (["--data", str(tmp_path / "a.yaml"), "agreements"], ["validate", str(tmp_path / "a.yaml")]):
        result = run_cli(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            3,
            "",
            f"{tmp_path}/a.yaml: cannot read: symlink loop\n",
        )
