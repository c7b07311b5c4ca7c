"""`silkcli man`: a man page written from the --help texts, that groff reads without a warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from silkcli.cli.commands import COMMANDS
from silkcli.publish.manpage import help_paragraphs, roff_text


def _tool(name: str, package: str) -> str:
    """``name`` on PATH; skip without it, or fail when running in CI (where .ci/run installs it)."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"no {name} found: .ci/run should install Debian's {package}")
    pytest.skip(f"no {name} found: install Debian's {package} package")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page `silkcli man` prints, in a file."""
    result = run_cli("man")
    assert result.exit_code == 0, result.stderr
    path = tmp_path_factory.mktemp("man") / "silkcli.1"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2010", "-")).strip()


def test_groff_reads_the_page_without_a_warning(page: Path) -> None:
    """`groff -ww -z -man silkcli.1` prints nothing and exits 0."""
    groff = _tool("groff", "groff-base")
    done = subprocess.run([groff, "-ww", "-z", "-man", str(page)], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_man_renders_every_command_with_its_help_summary_and_options(page: Path) -> None:
    """`man -l` shows each visible command's --help summary and its options, and not the hidden `man`."""
    man = _tool("man", "man-db")
    env = {**os.environ, "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8"}
    done = subprocess.run([man, "-l", str(page)], capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    text = _squash(done.stdout)
    visible = [c.name for c in COMMANDS if not c.hidden]
    assert "man" not in visible
    for name in visible:
        help_text = run_cli(name, "--help").stdout
        summary = help_text.split("\n\n")[1].strip()
        assert _squash(summary) in text, name
        for option in re.findall(r"^  (-[-\w, <>|/]+?)(?:  |\n)", help_text.split("Options:")[1], re.M):
            assert _squash(option) in text, (name, option)
    assert "silkcli man " not in text


def test_roff_escapes_leave_no_request_in_data() -> None:
    """A help line starting with a dot or quote cannot become a roff request; backslashes and non-ASCII are escaped."""
    assert roff_text(".TH x") == "\\&.TH x"
    assert roff_text("'x") == "\\&'x"
    assert roff_text("a\\b – c") == "a\\eb \\[u2013] c"
    assert help_paragraphs("One.\n\nExamples:\n\n  silkcli x --y\n") == [
        ".PP\nOne.",
        ".PP\nExamples:",
        ".RS 4\n.nf\nsilkcli x \\-\\-y\n.fi\n.RE",
    ]
