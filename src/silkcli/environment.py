"""Every environment variable silkcli reads, with what it does: the one list the man page is written from.

A test walks the source for each variable read (``os.environ.get``, Typer's ``envvar=``) and checks it is here.
"""

from __future__ import annotations

#: (name, what it does), in the order the man page lists them.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("SILKCLI_DATA", "A dataset file to read instead of the bundled one, as --data gives it."),
    ("SILKCLI_MAX_SIZE", "The largest dataset file to read, as --max-size gives it (default 768M)."),
    ("SILKCLI_NO_CACHE", "Set to anything but empty or 0: never write or read the compiled copies in the cache."),
    ("SILKCLI_DEBUG", "Set to anything but empty or 0: show a traceback for internal errors, as --debug does."),
    ("NO_COLOR", "Set and not empty: draw no colour, unless --color always asks for it."),
    ("FORCE_COLOR", "Set and not empty: colour what is drawn even when stdout is not a terminal."),
    ("CLICOLOR_FORCE", "Set to anything but empty or 0: as FORCE_COLOR."),
    ("TERM", "dumb: draw no colour."),
    ("COLUMNS", "The width to draw tables and text at when --width is not given (40 to 200), before the terminal's."),
    ("XDG_CACHE_HOME", "The cache folder's parent when it is an absolute path (default ~/.cache)."),
)
