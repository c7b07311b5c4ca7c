"""Shared fixtures: run the CLI in-process with stdout and stderr kept apart."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from silkcli.cli import main
from silkcli.dataset import load as store
from silkcli.dataset import model as m

TESTS = Path(__file__).parent
ROOT = TESTS.parent
BUNDLED = ROOT / "data" / "partnership.yaml"
TINY = TESTS / "data" / "tiny.yaml"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@dataclass
class Result:
    """What one CLI run printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


def system_tool(name: str, package: str | None = None) -> str:
    """The program ``name`` on PATH; skip without it, or fail in CI (where .ci/run installs Debian's ``package``)."""
    import shutil  # noqa: PLC0415 - only tests of real system tools need it

    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"no {name} found: .ci/run should install Debian's {package or name}")
    pytest.skip(f"no {name} found: install Debian's {package or name} package")


def load_script(path: str) -> ModuleType:
    """A script of the checkout (``fuzz/fuzz_cache.py``, ``bench/gen.py``) as a module: those folders are not
    packages."""
    spec = importlib.util.spec_from_file_location(Path(path).stem, ROOT / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run ``silkcli ARGS`` in this process, as a user's shell would."""
    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(env or {})
    code = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Result(code, out.getvalue(), err.getvalue())


def tiny_with(tmp_path: Path, old: str, new: str) -> Path:
    """The tiny dataset with one piece of its text replaced, written under ``tmp_path``."""
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tiny.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own cache folder, a fixed width and no colour variables."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("SILKCLI_DATA", "SILKCLI_DEBUG", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "SILKCLI_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def cli() -> object:
    """The in-process CLI runner."""
    return run_cli


def pytest_report_header() -> str:
    return f"silkcli tests; python {sys.version.split()[0]}; shared sources: {SHARED_SOURCES.is_dir()}"


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the dataset files parsed from now on (a load the cache answered parses none)."""
    calls: list[str] = []
    real = store._parse

    def counted(data: bytes, name: str) -> tuple[m.Dataset, bool]:
        calls.append(name)
        return real(data, name)

    monkeypatch.setattr(store, "_parse", counted)
    return calls
