"""Writing a folder of files as one: every file is complete before any old one is replaced.

``export -f datapackage|datasette -o DIR`` writes tens of files. Each is built
under a temporary name in DIR first; only once every one is complete are they
renamed over the old ones, one after the other, with SIGINT, SIGTERM and SIGHUP
held back meanwhile (a signal that came is acted on once the last is in place).
An error, a full disk or a signal before that leaves the old files as they were
and removes the temporary ones. Files of the folder that the export does not
write are left alone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from silkcli.files import Buffer, held_signals, temporary_file, umask


class StagedFolder:
    """Files of one folder, built under temporary names, put in place together by :meth:`commit`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pending: list[tuple[str, Path]] = []  # temporary name, the file it becomes

    def build(self, name: str, fill: Callable[[Path], None]) -> None:
        """Build the file ``name`` with ``fill``, which writes the temporary file it is given."""
        target = self.folder / name
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~umask()
        with held_signals():  # made and known together: a signal between would leave it behind
            self._pending.append((temporary_file(self.folder, name), target))
        tmp = self._pending[-1][0]
        fill(Path(tmp))
        os.chmod(tmp, mode)

    def write(self, name: str, data: str | Buffer) -> None:
        """Build the file ``name`` holding ``data`` (text is written as UTF-8)."""
        payload = data.encode("utf-8") if isinstance(data, str) else data

        def fill(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                handle.write(payload)

        self.build(name, fill)

    def commit(self) -> None:
        """Rename every built file over its target, with the ending signals held back meanwhile."""
        with held_signals():
            while self._pending:
                tmp, target = self._pending[0]
                os.replace(tmp, target)
                self._pending.pop(0)

    def discard(self) -> None:
        """Remove every temporary file not yet put in place."""
        for tmp, _ in self._pending:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self._pending.clear()


@contextmanager
def staged_folder(folder: Path) -> Iterator[StagedFolder]:
    """A :class:`StagedFolder` committed when the block ends, discarded if it raises (a signal too)."""
    staged = StagedFolder(folder)
    try:
        yield staged
        staged.commit()
    finally:
        staged.discard()
