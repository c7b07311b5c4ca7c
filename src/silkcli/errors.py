"""The one error root and the exit codes it maps to."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping

from silkcli.plain import Plain


class ExitCode(enum.IntEnum):
    """Every exit code silkcli uses, with what it means (the --help text is made from these)."""

    ok = 0
    no_match = 1
    usage = 2
    data = 3
    output = 4
    internal = 70
    hangup = 129
    interrupted = 130
    terminated = 143

    @property
    def meaning(self) -> str:
        """What the code means, in a few words."""
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.ok: "ok",
    ExitCode.no_match: "nothing matched, or check found a claim contradicted (with -e/--exit-status)",
    ExitCode.usage: "usage error",
    ExitCode.data: "dataset problem",
    ExitCode.output: "output could not be written",
    ExitCode.internal: "internal error (a bug: rerun with --debug and report it)",
    ExitCode.hangup: "hung up (SIGHUP)",
    ExitCode.interrupted: "interrupted (Ctrl-C)",
    ExitCode.terminated: "terminated (SIGTERM)",
}


def exit_codes_help() -> str:
    """``Exit codes: 0 ok; 1 nothing matched …`` for --help."""
    return "Exit codes: " + "; ".join(f"{int(code)} {code.meaning}" for code in ExitCode) + "."


def suggest(word: str, choices: Iterable[str], *, spelled: Mapping[str, str] | None = None) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string.

    ``spelled`` maps a choice to how it is shown (the choices may be lower-cased keys).
    """

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean '{spelled[close[0]] if spelled else close[0]}'?)"


class SilkError(Exception):
    """Anything silkcli reports to the user: one message, at most one hint line, one exit code.

    Both are printed with line breaks and control characters escaped, so a value
    from the user or the data can never add a line or rewrite the terminal.
    """

    exit_code = ExitCode.usage

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        super().__init__(message if hint is None else f"{message}\n{hint}")
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The lines to print on stderr."""
        return [f"error: {visible(self.message)}", *([visible(self.hint)] if self.hint else [])]


class UsageError(SilkError):
    """A bad option value or combination (exit 2)."""

    exit_code = ExitCode.usage


class OutputError(SilkError):
    """Output could not be written (exit 4)."""

    exit_code = ExitCode.output


class PipeClosed(SilkError):
    """The reader of stdout went away (``silkcli … | head -1``): a quiet, successful end."""

    exit_code = ExitCode.ok

    def lines(self) -> list[str]:
        """Nothing: the reader asked for no more."""
        return []


#: Line breaks, other control characters and bidi controls, written as escapes.
_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def visible(text: str) -> str:
    """``text`` with line breaks and control characters escaped, so it prints as one inert line."""
    if text.isprintable():  # no control, format (bidi) or separator character: nothing to escape, and quick to tell
        return text
    return text.translate(_ESCAPES)


def shorten(text: str, limit: int = 40) -> str:
    """``text`` made visible and cut to ``limit`` characters with an ellipsis, for one-line messages."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Problem(Plain):
    """One thing wrong with a dataset file, at a place in it."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{visible(self.path)}: " if self.path else ""
        if self.line == 0:  # about the file as a whole
            return f"{visible(self.file)}: {where}{visible(self.message)}"
        return f"{visible(self.file)}:{self.line}:{self.column}: {where}{visible(self.message)}"


class DatasetError(SilkError):
    """A dataset file that cannot be used (exit 3); carries every problem found."""

    exit_code = ExitCode.data

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def lines(self) -> list[str]:
        """One line per problem, then a count when there are several."""
        out = [str(p) for p in self.problems]
        if len(self.problems) > 1:
            out.append(f"{len(self.problems)} problems found")
        return out


class Interrupted(SilkError):
    """Ctrl-C, SIGTERM or SIGHUP: exit 128 plus the signal's number (130, 143, 129)."""

    def __init__(self, signum: int = 2) -> None:
        super().__init__("interrupted")
        self.exit_code = ExitCode(128 + signum)

    def lines(self) -> list[str]:
        """A single word: nothing else happened."""
        return ["interrupted"]
