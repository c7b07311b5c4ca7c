"""Completion as a user gets it: installed by silkcli, loaded by a real bash, zsh and fish, driven under tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import system_tool
from silkcli.cli.shells import Shell

SCRIPTS = Path(sysconfig.get_path("scripts"))
SILKCLI = shutil.which("silkcli", path=str(SCRIPTS)) or "silkcli"


def _env(home: Path) -> dict[str, str]:
    """A user's environment with nothing of ours in it but HOME and the installed silkcli on PATH."""
    return {
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": f"{SCRIPTS}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "SHELL": "/bin/bash",  # the shell the user runs the install from: never the one installed for
    }


def _install(home: Path, shell: Shell) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SILKCLI, "--install-completion", shell.value],
        env=_env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


class Pane:
    """An interactive shell in a tmux session of its own (its own server socket)."""

    def __init__(self, socket: Path, command: list[str], env: dict[str, str]) -> None:
        self.tmux = [system_tool("tmux"), "-S", str(socket)]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", "t", "-x", "200", "-y", "50", *command],
            env=env,
            check=True,
            timeout=30,
        )

    def type(self, text: str, key: str) -> None:
        """Type ``text`` as it is, then press ``key`` (a tmux key name such as ``Tab`` or ``Enter``)."""
        subprocess.run([*self.tmux, "send-keys", "-t", "t", "-l", "--", text], check=True, timeout=30)
        subprocess.run([*self.tmux, "send-keys", "-t", "t", key], check=True, timeout=30)

    def screen(self) -> str:
        done = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True, timeout=30)
        return done.stdout

    def wait_for(self, text: str, *, line: bool = False, within: float = 60.0) -> str:
        """The screen once it shows ``text`` (as a whole ``line``, or anywhere), or fail showing the screen.

        It polls: a shell draws what it draws when it is ready, and there is nothing else to wait on.
        """
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            screen = self.screen()
            if (text in screen.splitlines()) if line else (text in screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def ready(self) -> None:
        """Wait until the shell has read its start-up files and runs what is typed."""
        self.type("echo READY", "Enter")
        self.wait_for("READY", line=True)

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False, timeout=30)


_SHELLS = {
    Shell.bash: (["bash", "--noprofile", "-i"], "$?"),
    Shell.zsh: (["zsh", "-i"], "$?"),
    Shell.fish: (["fish", "-i"], "$status"),
}


@pytest.fixture(params=list(Shell), ids=lambda s: s.value)
def shell_pane(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Shell, Pane, Path]]:
    """A real shell, started as a new login would, after `silkcli --install-completion SHELL`."""
    shell: Shell = request.param
    system_tool(shell.value)
    home = tmp_path / "home"
    home.mkdir()
    assert _install(home, shell).returncode == 0
    command, _ = _SHELLS[shell]
    env = _env(home)
    pane = Pane(tmp_path / "tmux.sock", ["env", "-i", *(f"{k}={v}" for k, v in env.items()), *command], env)
    try:
        pane.ready()
        yield shell, pane, home
    finally:
        pane.close()


def test_a_completed_name_with_a_space_runs_as_one_value(shell_pane: tuple[Shell, Pane, Path]) -> None:
    """`quotes --person Sad<TAB>` completes to one quoted word, and the completed command runs (exit 0)."""
    shell, pane, home = shell_pane
    out = home / "out.tsv"
    pane.type("silkcli quotes --person Sad", "Tab")
    pane.wait_for("--person Sadyr\\ Japarov")
    pane.type(f"-f tsv --fields id > {out}; echo rc={_SHELLS[shell][1]}", "Enter")
    screen = pane.wait_for("rc=0")
    assert "unexpected extra argument" not in screen
    expected = subprocess.run(
        [SILKCLI, "quotes", "--person", "sadyr-japarov", "-f", "tsv", "--fields", "id"],
        capture_output=True,
        text=True,
        check=True,
        env=_env(home),
        timeout=60,
    ).stdout
    assert out.read_text(encoding="utf-8") == expected and expected.count("\n") > 1


def test_the_shell_named_is_the_shell_installed(tmp_path: Path) -> None:
    """Run from bash, `--install-completion zsh` writes zsh's script and nothing for bash."""
    home = tmp_path / "home"
    home.mkdir()
    done = _install(home, Shell.zsh)
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.startswith("zsh completion installed in ")
    assert (home / ".zfunc" / "_silkcli").read_text(encoding="utf-8").startswith("#compdef silkcli")
    assert not (home / ".bashrc").exists() and not (home / ".bash_completions").exists()


@pytest.mark.parametrize("shell", list(Shell), ids=lambda s: s.value)
def test_start_up_files_gain_only_the_lines_that_load_silkcli(tmp_path: Path, shell: Shell) -> None:
    """Installing twice adds the loading lines once, keeps what the file held, and never sets a global zstyle."""
    home = tmp_path / "home"
    home.mkdir()
    own = "# mine\nalias ll='ls -l'\n"
    for name in (".bashrc", ".zshrc"):
        (home / name).write_text(own, encoding="utf-8")
    assert _install(home, shell).returncode == _install(home, shell).returncode == 0
    added = {
        Shell.bash: {".bashrc": [f"source '{home}/.bash_completions/silkcli.sh'"], ".zshrc": []},
        Shell.zsh: {".bashrc": [], ".zshrc": ["fpath+=~/.zfunc; autoload -Uz compinit; compinit"]},
        Shell.fish: {".bashrc": [], ".zshrc": []},
    }[shell]
    for name, lines in added.items():
        text = (home / name).read_text(encoding="utf-8")
        assert text == own + "".join(f"{line}\n" for line in lines), name
        assert "zstyle" not in text


def test_a_home_that_cannot_be_written_is_one_line_and_exit_4(tmp_path: Path) -> None:
    """Where the script cannot be written, one error line and exit 4 (output could not be written), no traceback."""
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    done = _install(home, Shell.bash)
    assert done.returncode == 4 and done.stdout == ""
    assert done.stderr.startswith("error: cannot install bash completion: ") and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("command", "offered"),
    [("agreements", ["csv"]), ("sources", ["csv", "csl-json"]), ("show", ["csv"])],
)
def test_format_completion_offers_only_the_commands_own_formats(
    tmp_path: Path, command: str, offered: list[str]
) -> None:
    """In bash, `-f c<TAB>` offers csl-json only where it applies (the sources listing), as -f accepts it."""
    bash = system_tool("bash")
    home = tmp_path / "home"
    home.mkdir()
    assert _install(home, Shell.bash).returncode == 0
    program = (
        f"source {home}/.bash_completions/silkcli.sh\n"
        f"COMP_WORDS=(silkcli {command} -f c); COMP_CWORD=3; _silkcli_completion silkcli\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run([bash, "--norc", "-c", program], env=_env(home), capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == offered
