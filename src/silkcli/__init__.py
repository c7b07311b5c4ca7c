"""silkcli: sourced facts about the Korea–Kyrgyzstan Comprehensive Partnership.

The library's functions (docs/api.md) are imported on first use, so ``import silkcli`` (and every
command's start-up) stays as cheap as before: ``silkcli.load()``, ``silkcli.rows(...)``, ``silkcli.to_json(...)``.
A type checker sees them typed when they are imported from :mod:`silkcli.api` (``from silkcli.api import load``):
the package itself is imported by every module below it, so it cannot import the API at its top.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: The public names, each from the module that defines it.
_EXPORTS = {
    "load": "silkcli.api",
    "rows": "silkcli.api",
    "listing_names": "silkcli.api",
    "to_json": "silkcli.api",
    "to_builtins": "silkcli.api",
    "SilkError": "silkcli.errors",
    "UsageError": "silkcli.errors",
    "DatasetError": "silkcli.errors",
}
__all__ = [
    "DatasetError",
    "SilkError",
    "UsageError",
    "__version__",
    "listing_names",
    "load",
    "rows",
    "to_builtins",
    "to_json",
]


def __getattr__(name: str) -> Any:
    """``silkcli.load`` and the rest of :data:`_EXPORTS`, imported when first asked for."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'silkcli' has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - only a library caller gets here

    return getattr(importlib.import_module(_EXPORTS[name]), name)
