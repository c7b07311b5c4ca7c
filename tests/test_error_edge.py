"""Typer's own outputs (help, completion) keep the listings' rules: exit 4 in one line, '?' and one note."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from unprivileged import command_prefix

_SILKCLI = f"{sys.executable} -m silkcli"


def _shell(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with its own cache folder."""
    full_env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **env}
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False, env=full_env)


def _full(tmp_path: Path) -> Path:
    """A link in ``tmp_path`` to /dev/full, where every write fails with ENOSPC."""
    link = tmp_path / "full"
    link.symlink_to("/dev/full")
    return link


def test_help_to_a_full_disk_is_exit_4_in_one_line(tmp_path: Path) -> None:
    """`silkcli --help > FULL` and a command's --help say the disk is full in one line, exit 4."""
    full = _full(tmp_path)
    for args in ("--help", "agreements --help", "--show-completion bash", "help"):
        done = _shell(f"{_SILKCLI} {args} > {full}", tmp_path)
        assert (done.returncode, done.stderr) == (4, "error: cannot write the output: No space left on device\n")


def test_help_with_stdout_closed_is_exit_4_in_one_line(tmp_path: Path) -> None:
    """`silkcli --help >&-` cannot print the help: one line, exit 4 (it was a silent 0)."""
    for args in ("--help", "show --help", "--show-completion bash"):
        done = _shell(f"{_SILKCLI} {args} >&-", tmp_path)
        assert (done.returncode, done.stderr) == (4, "error: cannot write the output: standard output is closed\n")


def test_help_in_latin_1_shows_question_marks_and_says_so_once(tmp_path: Path) -> None:
    """Help on a latin-1 stdout replaces the en dash of its first line with '?' and adds one note."""
    done = _shell(f"{_SILKCLI} --help", tmp_path, PYTHONIOENCODING="latin-1")
    assert done.returncode == 0
    assert "Republic of Korea ? Kyrgyz Republic" in done.stdout
    assert done.stderr == (
        "note: this terminal's encoding (iso8859-1) cannot show some characters; they are shown as '?'\n"
    )


def test_install_completion_into_a_read_only_home_is_exit_4_in_one_line(tmp_path: Path) -> None:
    """--install-completion with a home folder that cannot be written names the file it could not write."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o555)
    prefix = " ".join(command_prefix())
    done = _shell(f"{prefix} {_SILKCLI} --install-completion bash", tmp_path, HOME=str(home))
    assert (done.returncode, done.stdout) == (4, "")
    assert done.stderr == f"error: cannot install bash completion: {home}/.bash_completions: Permission denied\n"
