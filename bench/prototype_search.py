"""The floor of ``search`` for a Python program: the reference MATCH, with and without Typer (issue 24).

    python bench/prototype_search.py REFERENCE.db            # import Typer, then the query
    python bench/prototype_search.py REFERENCE.db --no-typer  # the query alone

``REFERENCE.db`` is the database ``bench/run.py`` builds (``sqlite_reference``); time it against ``sqlite3``
running :data:`run.SQLITE_MATCH` with ``hyperfine -N``. Results: docs/performance-engine.md.
"""

import sqlite3
import sys

if "--no-typer" not in sys.argv:
    import typer  # noqa: F401 - what every Typer CLI imports before it reads a byte

MATCH = (
    "SELECT d.json FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
    " WHERE documents_fts MATCH 'antimony' ORDER BY rank"
)
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
sys.stdout.write("".join(row[0] + "\n" for row in con.execute(MATCH)))
