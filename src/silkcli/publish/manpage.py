"""A man page (roff, ``man(7)`` macros) written from a Click command tree's own help texts.

The caller builds the tree through Typer's public API
(``typer.main.get_command(app)``), so the page says exactly what ``--help``
says. Commands and parameters are read through Click's public attributes
(``help``, ``hidden``, ``get_params``, ``get_help_record``, ``list_commands``,
``get_command``); non-ASCII text is written as ``\\[uXXXX]`` escapes, so
``groff -ww`` reads it without warnings whatever its input encoding.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from silkcli.plain import Plain

#: Text in the help of a paragraph Click must not rewrap.
NO_REWRAP = "\b"


class ManAbout(Plain, kw_only=True):
    """What a page says beyond the command tree: each from the registry that says it for --help too."""

    #: NAME's line (the first paragraph is used)
    summary: str
    #: ``.TH``'s date (ISO 8601)
    date: str
    #: (code, meaning) for EXIT STATUS
    exit_codes: Sequence[tuple[str, str]]
    #: (variable, what it does) for ENVIRONMENT
    environment: Sequence[tuple[str, str]]
    #: (path, what it holds) for FILES
    files: Sequence[tuple[str, str]]


def roff_text(text: str) -> str:
    """One line of text made safe for roff: backslashes, hyphens, leading dots, non-ASCII."""
    out = text.replace("\\", "\\e").replace("-", "\\-")
    out = "".join(ch if ord(ch) < 128 else f"\\[u{ord(ch):04X}]" for ch in out)
    return "\\&" + out if out.startswith((".", "'")) else out


def help_paragraphs(text: str) -> list[str]:
    """A help text as roff: flowing paragraphs, and verbatim blocks for examples and ``\\b`` paragraphs."""
    body = inspect.cleandoc(text).partition("\f")[0]
    out: list[str] = []
    for block in body.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip() != ""]
        if not lines:
            continue
        verbatim = lines[0].strip() == NO_REWRAP or all(line.startswith(" ") for line in lines)
        lines = [line for line in lines if line.strip() != NO_REWRAP]
        if verbatim:
            code = textwrap.dedent("\n".join(lines)).split("\n")
            out.append(".RS 4\n.nf\n" + "\n".join(roff_text(line) for line in code) + "\n.fi\n.RE")
        else:
            out.append(".PP\n" + roff_text(" ".join(line.strip() for line in lines)))
    return out


def option_items(command: Any, ctx: Any) -> list[str]:
    """``.TP`` items for a command's arguments and options, as ``--help`` lists them."""
    items = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, text = record
        items.append(f".TP\n.B {roff_text(names)}\n{roff_text(' '.join(text.split()))}")
    return items


def _environment(commands: list[Any], ctxs: list[Any], known: Sequence[tuple[str, str]]) -> list[str]:
    """``.TP`` items for every variable: ``known`` (name, meaning) first, then any an option reads and it lacks."""
    found = dict(known)
    for command, ctx in zip(commands, ctxs, strict=True):
        for param in command.get_params(ctx):
            names = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar or ())
            for name in names:
                found.setdefault(name, f"Sets {param.opts[-1]} (see OPTIONS).")
    return [f".TP\n.B {roff_text(name)}\n{roff_text(text)}" for name, text in found.items()]


def examples(text: str, prog: str) -> list[str]:
    """The command lines a help text gives under ``Examples:``."""
    body = inspect.cleandoc(text).partition("\f")[0]
    _, found, after = body.partition("Examples:")
    if not found:
        return []
    return [line.strip() for line in after.split("\n") if line.strip().startswith(f"{prog} ")]


def _items(pairs: Iterable[tuple[str, str]]) -> list[str]:
    return [f".TP\n.B {roff_text(name)}\n{roff_text(text)}" for name, text in pairs]


def _ascii(text: str) -> str:
    """NAME's line as plain ASCII: ``whatis`` and ``apropos`` print it raw, escapes and all."""
    return text.replace("\u2013", "-").replace("\u2014", "-").encode("ascii", "replace").decode("ascii")


def manpage(root: Any, *, prog: str, version: str, about: ManAbout, section: str = "1") -> str:
    """The man page of ``root`` (a Click group) and every command it lists that is not hidden."""
    ctx = root.context_class(root, info_name=prog, **root.context_settings)
    summary = inspect.cleandoc(about.summary).split("\n\n")[0].replace("\n", " ").rstrip(".")
    parts = [
        f'.TH {prog.upper()} {section} "{about.date}" "{prog} {roff_text(version)}" "User Commands"',
        ".SH NAME",
        f"{prog} \\- {roff_text(_ascii(summary))}",
        ".SH SYNOPSIS",
        f".B {roff_text(prog)}\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *help_paragraphs(root.help or ""),
        ".SH OPTIONS",
        *option_items(root, ctx),
        ".SH COMMANDS",
    ]
    commands, ctxs = [root], [ctx]
    shown = examples(root.help or "", prog)
    for name in root.list_commands(ctx):
        command = root.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        sub = command.context_class(command, info_name=name, parent=ctx, **command.context_settings)
        commands.append(command)
        ctxs.append(sub)
        usage = " ".join(command.collect_usage_pieces(sub))
        parts.append(f".SS {roff_text(name)}")
        parts.append(f".B {roff_text(prog)} {roff_text(name)}\n{roff_text(usage)}")
        parts += help_paragraphs(command.help or "")
        parts += option_items(command, sub)
        shown += [line for line in examples(command.help or "", prog) if line not in shown]
    parts += [".SH EXIT STATUS", *_items(about.exit_codes)]
    parts += [".SH ENVIRONMENT", *_environment(commands, ctxs, about.environment)]
    parts += [".SH FILES", *_items(about.files)]
    parts += [".SH EXAMPLES", ".RS 4\n.nf\n" + "\n".join(roff_text(line) for line in shown) + "\n.fi\n.RE"]
    parts += [".SH SEE ALSO", f"{roff_text(prog)} \\fICOMMAND\\fR \\-\\-help"]
    return "\n".join(parts) + "\n"
