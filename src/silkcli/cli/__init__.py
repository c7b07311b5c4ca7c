"""The command-line layer: Typer commands, the error edge, the output edge."""

import gc

# Importing Typer and the command layer allocates tens of thousands of objects
# that live until exit: collections set off meanwhile would find nothing to
# free. So the collector is paused for the imports, and what they made is
# frozen (moved out of every later collection). Without this, every run took
# about 30 ms more CPU (`silkcli --help` 106 -> 139 ms, a query 153 -> 181 ms;
# alternated, 31 runs each).
_collecting = gc.isenabled()
gc.disable()
try:
    from silkcli.cli.app import main
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

__all__ = ["main"]
