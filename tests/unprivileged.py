"""Running a command to which file permissions apply, even when the tests run as root."""

from __future__ import annotations

import os
import shutil

import pytest


def command_prefix() -> list[str]:
    """A prefix under which file modes are enforced for the command, or [] when they already are.

    Root reads and writes any file whatever its mode, so as root the command
    runs with the capabilities that let it (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) dropped from its bounding set by ``setpriv``.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): no way to make a file unreadable")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
