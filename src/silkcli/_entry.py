"""The program's entry point: the signals that end a run mean their exit codes from its first moment.

Importing the command layer takes most of a short run. A SIGINT, SIGTERM or
SIGHUP that came meanwhile ended the process by the signal's default action
(``-2``, ``-15``, ``-1`` to the shell) or with a KeyboardInterrupt traceback;
nothing has been written then, so it ends at once with 128 plus the signal's
number, as documented. ``cli.main`` puts its own handlers in place for the
run itself and these back afterwards.
"""

import os
import signal


def _end_now(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def main() -> None:
    """Run silkcli as the program."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _end_now)
    from silkcli.cli import main as run  # noqa: PLC0415 - after the handlers, so a signal meanwhile is caught

    run()
