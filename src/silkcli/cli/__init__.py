"""The command-line layer: Typer commands, the error edge, the output edge."""

import gc

# Importing Typer and the command layer allocates tens of thousands of objects
# that live until exit: collections set off meanwhile would find nothing to
# free and cost every run a few milliseconds. So the collector is paused for
# the imports, and what they made is frozen (moved out of every later
# collection) rather than walked once more when the collector resumes.
_collecting = gc.isenabled()
gc.disable()
try:
    from silkcli.cli.app import main
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

__all__ = ["main"]
