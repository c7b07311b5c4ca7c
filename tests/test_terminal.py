"""The installed command on a real pseudo-terminal: width from the terminal, colour rules, hyperlinks."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios

import pytest
from rich.cells import cell_len

from test_installed import SILKCLI

#: Variables of the test runner's own terminal that would change what silkcli draws.
_TERMINAL_VARIABLES = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM_PROGRAM")
_TERMINAL_VARIABLES += ("VTE_VERSION", "WT_SESSION", "KONSOLE_VERSION", "SILKCLI_DATA", "TERM")


class Screen:
    """What a run printed on the terminal (stdout) and on stderr (a pipe), and its exit code."""

    def __init__(self, stdout: str, stderr: str, code: int) -> None:
        self.stdout, self.stderr, self.code = stdout, stderr, code


def on_terminal(*args: str, cols: int = 80, env: dict[str, str] | None = None) -> Screen:
    """Run the installed ``silkcli ARGS`` with stdout on a pseudo-terminal ``cols`` wide; stderr is captured apart."""
    assert SILKCLI is not None, "the silkcli console script is not installed"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    attributes = termios.tcgetattr(follower)
    attributes[1] &= ~termios.ONLCR  # keep "\n" as the program wrote it
    termios.tcsetattr(follower, termios.TCSANOW, attributes)
    base = {k: v for k, v in os.environ.items() if k not in _TERMINAL_VARIABLES}
    process = subprocess.Popen(
        [SILKCLI, *args],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**base, "TERM": "xterm-256color", **(env or {})},
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the program closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stderr = process.stderr.read().decode("utf-8") if process.stderr else ""
    code = process.wait(timeout=60)
    return Screen(b"".join(chunks).decode("utf-8"), stderr, code)


@pytest.mark.parametrize("cols", [60, 80])
def test_first_readme_command_shows_who_signed_and_the_sectors(cols: int) -> None:
    """`silkcli agreements --sector mining` at 80 and 60 columns: one record as a block with its parties and
    sectors (nothing hidden, no note), no line wider, the id whole."""
    screen = on_terminal("agreements", "--sector", "mining", "--color", "never", cols=cols)
    assert screen.code == 0 and screen.stderr == ""
    lines = screen.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= cols
    assert "id:      doc-energy-minerals-mou" in lines and "sectors: energy; mining" in lines
    assert "parties: South Korea: Ministry of Trade, Industry and Energy" in lines
    assert "type:    memorandum of understanding (MOU)" in lines
    assert lines[-1].strip() == "1 record; data as of 27 November 2026"


def test_cite_keeps_each_party_on_its_own_line_in_record_blocks() -> None:
    """`agreements --summit --cite` at 80 columns: the parties read one a line as without --cite, the note
    mark after the last (the marks once made the list one '; '-joined text that wrapped mid-name)."""
    lines = on_terminal("agreements", "--summit", "--cite", "--color", "never").stdout.splitlines()
    at = lines.index("parties: South Korea: Government of the Republic of Korea")
    assert lines[at + 1] == "         Kyrgyzstan: Government of the Kyrgyz Republic [6*]"
    assert "parties: South Korea: Ministry of Trade, Industry and Energy" in lines
    assert not any(line.startswith("parties:") and "; Kyrgyzstan" in line for line in lines)


@pytest.mark.parametrize("cols", [40, 60, 100, 160])
def test_terminal_width_is_read_from_the_terminal(cols: int) -> None:
    """Without --width or COLUMNS, the table takes the terminal's own width and never more."""
    screen = on_terminal("commitments", "--color", "never", cols=cols)
    widths = [cell_len(line) for line in screen.stdout.splitlines()]
    assert max(widths) <= cols
    assert "c-mining" in screen.stdout


def test_colour_is_on_by_default_on_a_terminal() -> None:
    """The check below can fail: on an xterm a table is drawn with escape sequences."""
    assert "\x1b[" in on_terminal("leaders", "-n", "2").stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("leaders",), {"NO_COLOR": "1"}),
        (("leaders",), {"NO_COLOR": "anything"}),
        (("leaders",), {"TERM": "dumb"}),
        (("leaders", "--color", "never"), {}),
        (("--color", "never", "leaders"), {}),
        (("leaders", "--layout", "records"), {"NO_COLOR": "1"}),
        (("sources", "-n", "2"), {"NO_COLOR": "1", "TERM_PROGRAM": "WezTerm"}),
    ],
)
def test_no_color_term_dumb_and_color_never_print_no_escape_at_all(args: tuple[str, ...], env: dict[str, str]) -> None:
    """Not even bold, dim or a hyperlink: the output holds no ESC character."""
    screen = on_terminal(*args, "-n", "3", env=env)
    assert screen.code == 0 and screen.stdout.strip()
    assert "\x1b" not in screen.stdout


def test_source_urls_are_hyperlinks_on_a_terminal_known_to_show_them() -> None:
    """With TERM_PROGRAM=WezTerm, each source URL is an OSC 8 link to itself."""
    screen = on_terminal("sources", "--fields", "id,url", "-n", "2", cols=200, env={"TERM_PROGRAM": "WezTerm"})
    assert "\x1b]8;" in screen.stdout
    assert ";http://www01.koreaherald.com/view.php?ud=20241203050040\x1b\\" in screen.stdout


def test_unknown_terminals_get_urls_as_text() -> None:
    """A plain xterm (or tmux) gets the URL as text, no OSC 8."""
    screen = on_terminal("sources", "--fields", "id,url", "-n", "2", cols=200)
    assert "\x1b]8;" not in screen.stdout and "http://www01.koreaherald.com" in screen.stdout


def test_data_never_becomes_a_link() -> None:
    """Search snippets holding URLs stay text on a terminal that shows links; only source URL columns link."""
    found = on_terminal("search", "http", "-n", "5", cols=200, env={"TERM_PROGRAM": "WezTerm"})
    assert found.code == 0 and "http" in found.stdout and "\x1b]8;" not in found.stdout
    cited = on_terminal("agreements", "--cite", "-n", "2", cols=250, env={"TERM_PROGRAM": "WezTerm"})
    assert "\x1b]8;" in cited.stdout
