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
from typing import Any

#: Text in the help of a paragraph Click must not rewrap.
NO_REWRAP = "\b"


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


def _environment(commands: list[Any], ctxs: list[Any]) -> list[str]:
    found: dict[str, str] = {}
    for command, ctx in zip(commands, ctxs, strict=True):
        for param in command.get_params(ctx):
            names = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar or ())
            for name in names:
                found.setdefault(name, f"Sets {param.opts[-1]} (see OPTIONS).")
    return [f".TP\n.B {roff_text(name)}\n{roff_text(text)}" for name, text in sorted(found.items())]


def manpage(root: Any, *, prog: str, version: str, section: str = "1") -> str:
    """The man page of ``root`` (a Click group) and every command it lists that is not hidden."""
    ctx = root.context_class(root, info_name=prog, **root.context_settings)
    summary = inspect.cleandoc(root.help or "").split("\n\n")[0].replace("\n", " ")
    parts = [
        f'.TH {prog.upper()} {section} "" "{prog} {roff_text(version)}" "User Commands"',
        ".SH NAME",
        f"{roff_text(prog)} \\- {roff_text(summary)}",
        ".SH SYNOPSIS",
        f".B {roff_text(prog)}\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *help_paragraphs(root.help or ""),
        ".SH OPTIONS",
        *option_items(root, ctx),
        ".SH COMMANDS",
    ]
    commands, ctxs = [root], [ctx]
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
    environment = _environment(commands, ctxs)
    if environment:
        parts += [".SH ENVIRONMENT", *environment]
    parts += [".SH SEE ALSO", f"{roff_text(prog)} \\fICOMMAND\\fR \\-\\-help"]
    return "\n".join(parts) + "\n"
