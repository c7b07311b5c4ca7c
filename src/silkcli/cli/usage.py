"""Typer's and Click's own errors (an unknown option, ``-n abc``) in silkcli's one style.

Every error reads ``error: WHAT (did you mean …?)`` with at most one hint
line, whether silkcli or the command-line parser found it. Click's
exceptions are read through their public attributes only (``message``,
``ctx``, ``param``, ``option_name``, ``possibilities``, ``exit_code``).
"""

from __future__ import annotations

import re
from typing import Any

from silkcli.cli.commands import BY_NAME
from silkcli.errors import suggest, visible

#: the values an option's hint lists at most
_MAX_LISTED = 20
_NOT_ONE_OF = re.compile(r"'(.*)' is not one of ")
_NO_COMMAND = re.compile(r"No such command '([^']*)'")
#: Click names its number types by their class (``int range``); people read "a whole number".
_NUMBER_TYPES = re.compile(r"is not a valid (?:int|integer)(?: range)?")


def usage_lines(exc: Exception, *, usage: bool) -> tuple[list[str], int]:
    """The lines to print for ``exc`` and the exit code (2 for a usage error)."""
    ctx: Any = getattr(exc, "ctx", None)
    where = getattr(ctx, "command_path", None) or "silkcli"
    code = getattr(exc, "exit_code", 2 if usage else 1)
    values = _values_of(ctx, getattr(exc, "option_name", None)) if getattr(exc, "possibilities", None) is None else ""
    hint = [f"see '{visible(where)} --help'{values}"] if usage else []
    return [f"error: {visible(_what(exc))}", *hint], code if isinstance(code, int) else 1


def _values_of(ctx: Any, option: str | None) -> str:
    """``; --sector takes: mining, energy, …``: the values an option given no value completes to, if any."""
    param = next((p for p in getattr(getattr(ctx, "command", None), "params", ()) if option in p.opts), None)
    if param is None or option is None:
        return ""
    try:
        offered = [str(item.value) for item in param.shell_complete(ctx, "")]
    except Exception:  # noqa: BLE001 - a hint must never turn a usage error into another error
        return ""
    shown = list(dict.fromkeys(offered))
    if not shown:
        return ""
    more = f", … ({len(shown) - _MAX_LISTED} more)" if len(shown) > _MAX_LISTED else ""
    return f"; {option} takes: {', '.join(visible(v) for v in shown[:_MAX_LISTED])}{more}"


def _what(exc: Exception) -> str:
    """What went wrong, in lower case without Click's trailing full stop, with a did-you-mean where one helps."""
    message = str(getattr(exc, "message", "") or "")
    possibilities = getattr(exc, "possibilities", None)
    option = getattr(exc, "option_name", None)
    if option is not None and possibilities is not None:  # an unknown option
        guess = f" (did you mean {' or '.join(sorted(possibilities))}?)" if possibilities else ""
        return f"no such option: {option}{guess}"
    param: Any = getattr(exc, "param", None)
    named = getattr(exc, "param_hint", None)
    if (param is not None or isinstance(named, str)) and message:
        names = "/".join(getattr(param, "opts", ())) or str(getattr(param, "human_readable_name", "") or named)
        choices = [str(c) for c in getattr(getattr(param, "type", None), "choices", ()) or ()]
        found = _NOT_ONE_OF.match(message)
        if choices and found:
            message = f"'{found[1]}' is not one of {', '.join(choices)}{suggest(found[1].lower(), choices)}"
        return f"{names}: {_sentence(_NUMBER_TYPES.sub('is not a whole number', message))}"
    if not message:
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    unknown = _NO_COMMAND.match(message)
    if unknown:
        return f"no such command '{unknown[1]}'{suggest(unknown[1], BY_NAME)}"
    return _sentence(message)


def _sentence(text: str) -> str:
    """Click's sentence as a clause: first letter lower-cased (unless an acronym), no full stop."""
    text = text.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text
