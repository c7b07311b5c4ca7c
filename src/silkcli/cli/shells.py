"""Shell completion scripts, and installing one for the shell the user names.

The scripts ask silkcli for values through Typer's completion protocol
(``_SILKCLI_COMPLETE=complete_SHELL``), which Typer answers without any
option of ours. They are silkcli's own, not Typer's, for three reasons seen in
real shells: Typer's bash script inserted a value with a space as two words
(``--person Boobek Azhikeev``: "unexpected extra argument"); Typer's
``--install-completion zsh``, run from bash, installed bash completion; and
installing for zsh appended a global ``zstyle`` to ``~/.zshrc``. Here the
shell named is the shell installed, and a shell's start-up file gains at most
the lines that load silkcli's completion (none for fish).
"""

from __future__ import annotations

import enum
from pathlib import Path

from silkcli.cli.output import write_atomic
from silkcli.errors import OutputError

#: Set by a completion script when it asks silkcli for values (Typer's protocol).
PROTOCOL_VARIABLE = "_SILKCLI_COMPLETE"


class Shell(str, enum.Enum):
    """A shell silkcli can complete in."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"


#: Each value comes back on its own line and is quoted for the command line (``Boobek\ Azhikeev``).
_BASH = r"""_silkcli_completion() {
    local IFS=$'\n' value
    local -a values
    COMPREPLY=()
    mapfile -t values < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
        _SILKCLI_COMPLETE=complete_bash "$1" 2>/dev/null)
    for value in "${values[@]}"; do
        [[ -n $value ]] && COMPREPLY+=("$(printf '%q' "$value")")
    done
    return 0
}

complete -o default -F _silkcli_completion silkcli
"""

#: Loaded from ``fpath`` it answers the first TAB too; sourced, it registers itself.
_ZSH = r"""#compdef silkcli

_silkcli_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _SILKCLI_COMPLETE=complete_zsh silkcli 2>/dev/null)
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _silkcli_completion "$@"
else
  compdef _silkcli_completion silkcli
fi
"""

_FISH = (
    "complete --command silkcli --no-files --arguments "
    '"(env _SILKCLI_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) silkcli 2>/dev/null)" '
    '--condition "env _SILKCLI_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) silkcli 2>/dev/null"\n'
)

_SCRIPTS = {Shell.bash: _BASH, Shell.zsh: _ZSH, Shell.fish: _FISH}


def script(shell: Shell) -> str:
    """The completion script for ``shell``, as ``--show-completion`` prints it."""
    return _SCRIPTS[shell]


def script_path(shell: Shell, home: Path) -> Path:
    """Where ``--install-completion`` puts the script (fish loads its folder by itself)."""
    return {
        Shell.bash: home / ".bash_completions" / "silkcli.sh",
        Shell.zsh: home / ".zfunc" / "_silkcli",
        Shell.fish: home / ".config" / "fish" / "completions" / "silkcli.fish",
    }[shell]


def loading_lines(shell: Shell, home: Path) -> tuple[Path | None, tuple[str, ...]]:
    """The start-up file and the lines it needs so that the shell loads the script; none for fish."""
    if shell is Shell.bash:
        return home / ".bashrc", (f"source '{script_path(shell, home)}'",)
    if shell is Shell.zsh:
        return home / ".zshrc", ("fpath+=~/.zfunc; autoload -Uz compinit; compinit",)
    return None, ()


def install(shell: Shell, home: Path) -> Path:
    """Write the script for ``shell`` and add what loads it to the shell's start-up file, once."""
    path = script_path(shell, home)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, script(shell))
        rc, lines = loading_lines(shell, home)
        if rc is not None:
            text = rc.read_text(encoding="utf-8") if rc.is_file() else ""
            missing = [line for line in lines if line not in text.splitlines()]
            if missing:
                joined = ("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n"
                write_atomic(rc, text + joined)
    except OSError as exc:
        where = exc.filename or path
        raise OutputError(f"cannot install {shell.value} completion: {where}: {exc.strerror or exc}") from None
    return path
