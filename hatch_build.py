"""Wheel build steps: ship the bundled dataset compiled, its listings as rows, and the man page.

The dataset goes through the same loader and checks as at run time; a dataset
with a problem fails the build, and the first run after install reads no
YAML. Its listings are written as rows too (``silkcli.listings.stored``), so a
query that they answer reads neither msgspec nor the model. The man page is
written from the commands' own help texts (as ``silkcli man`` prints it) and
installed as ``share/man/man1/silkcli.1``. Editable installs skip all three (they read the checkout's YAML, through the user
cache; ``silkcli man`` prints the page).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileBundledDataset(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``silkcli/data/partnership.msgpack`` to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile data/partnership.yaml into a temporary file the wheel force-includes."""
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        from silkcli.cli.stored_rows import rows_bytes
        from silkcli.dataset import load as store
        from silkcli.dataset.cache import shipped as compiled
        from silkcli.dataset.paths import ROWS_SUFFIX

        source = Path(self.root) / "data" / store.BUNDLED_NAME
        data = source.read_bytes()
        dataset = store.parse_bytes(data, str(source))
        self._scratch = Path(tempfile.mkdtemp(prefix="silkcli-build-"))
        out = self._scratch / compiled.compiled_path(source).name
        out.write_bytes(compiled.to_bytes(data, dataset))
        build_data["force_include"][str(out)] = f"silkcli/data/{out.name}"
        rows = self._scratch / source.with_suffix(ROWS_SUFFIX).name
        rows.write_bytes(rows_bytes(data, dataset))
        build_data["force_include"][str(rows)] = f"silkcli/data/{rows.name}"
        page = self._scratch / "silkcli.1"
        page.write_text(_man_page(dataset.meta.updated.isoformat()), encoding="utf-8")
        build_data["shared_data"][str(page)] = "share/man/man1/silkcli.1"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary copy once the wheel holds it."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _man_page(date: str) -> str:
    """The page ``silkcli man`` prints, built from the checkout's command tree."""
    from silkcli.cli.publish_cmds import man_page

    return man_page(date=date)
