"""Where the bundled dataset and the user cache are (imports nothing heavy).

Completion and ``--help`` need these paths without loading the dataset
machinery (msgspec and the model), so they live here, apart from ``store``
and ``cache``, which re-export them.
"""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED_NAME = "partnership.yaml"
#: The version of the dataset format: every compiled copy and cache entry names it, so a change misses.
SCHEMA_VERSION = "1"
#: The suffix of the bundled dataset's listings kept ready as rows (:mod:`silkcli.listings.stored`).
ROWS_SUFFIX = ".rows"


def bundled_path() -> Path:
    """The dataset shipped with the package (or, in a checkout, in ``data/``)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / BUNDLED_NAME
    return packaged if packaged.is_file() else package.parents[1] / "data" / BUNDLED_NAME


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/silkcli`` (default ``~/.cache/silkcli``).

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG Base Directory rules say: it would
    put the cache under whatever folder the command happens to run in.
    """
    given = os.environ.get("XDG_CACHE_HOME", "")
    base = given if os.path.isabs(given) else os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "silkcli"


def cache_enabled() -> bool:
    """False when ``SILKCLI_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("SILKCLI_NO_CACHE", "") in ("", "0")
