"""The one error root and the exit codes it maps to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4
EXIT_INTERRUPTED = 130


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    import difflib  # only on error paths

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class SilkError(Exception):
    """Anything silkcli reports to the user: one message, one exit code."""

    exit_code = EXIT_USAGE

    def lines(self) -> list[str]:
        """The lines to print on stderr."""
        return [f"error: {self}"]


class UsageError(SilkError):
    """A bad option value or combination (exit 2)."""

    exit_code = EXIT_USAGE


class OutputError(SilkError):
    """An output file could not be written (exit 4)."""

    exit_code = EXIT_OUTPUT


#: Line breaks, other control characters and bidi controls, written as escapes.
_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def visible(text: str) -> str:
    """``text`` with line breaks and control characters escaped, so it prints as one inert line."""
    return text.translate(_ESCAPES)


def shorten(text: str, limit: int = 40) -> str:
    """``text`` made visible and cut to ``limit`` characters with an ellipsis, for one-line messages."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Problem(NamedTuple):
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

    exit_code = EXIT_DATA

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
    """Ctrl-C (exit 130)."""

    exit_code = EXIT_INTERRUPTED

    def lines(self) -> list[str]:
        """A single word: nothing else happened."""
        return ["interrupted"]
