"""The installed program as a user runs it: console script, real shell completion, imports, wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from silkcli.dataset.cache import shipped as compiled
from silkcli.dataset.load import bundled_path

SCRIPTS = Path(sysconfig.get_path("scripts"))
SILKCLI = shutil.which("silkcli", path=str(SCRIPTS)) or shutil.which("silkcli")


def run(
    args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run a program with a clean colour environment, capturing text output."""
    base = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "SILKCLI_DATA")
    }
    return subprocess.run(
        args, capture_output=True, text=True, env={**base, **(env or {})}, cwd=cwd, timeout=timeout, check=False
    )


def test_console_script_and_module_entry_point_agree() -> None:
    """`silkcli` and `python -m silkcli` print the same payload."""
    assert SILKCLI is not None, "the silkcli console script is not installed"
    script = run([SILKCLI, "agreements", "--sector", "mining", "-f", "json"])
    module = run([sys.executable, "-m", "silkcli", "agreements", "--sector", "mining", "-f", "json"])
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout and json.loads(script.stdout)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completion_offers_dataset_values() -> None:
    """The script from --show-completion, sourced in bash, completes --sector values and ids."""
    assert SILKCLI is not None
    script = run([SILKCLI, "--show-completion", "bash"], env={"SHELL": "/bin/bash"}).stdout
    assert "complete" in script
    program = f"""
{script}
PATH={SCRIPTS}:$PATH
COMP_WORDS=(silkcli agreements --sector mi); COMP_CWORD=3; _silkcli_completion silkcli
echo "sector:${{COMPREPLY[*]}}"
COMP_WORDS=(silkcli show doc-forestry); COMP_CWORD=2; _silkcli_completion silkcli
echo "show:${{COMPREPLY[*]}}"
COMP_WORDS=(silkcli leaders --country K); COMP_CWORD=3; _silkcli_completion silkcli
echo "country:${{COMPREPLY[*]}}"
"""
    out = run(["bash", "--norc", "-c", program]).stdout.splitlines()
    assert "sector:mining" in out
    assert "show:doc-forestry-mou" in out
    countries = next(line for line in out if line.startswith("country:")).split(":")[1].split()
    assert {"KG", "KR", "KZ"} <= set(countries)


def _probe(args: list[str]) -> str:
    """A program that runs silkcli ARGS in-process, then names the heavy modules it imported."""
    return (
        f"import sys\nfrom silkcli.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'rich', 'pydantic') if m in sys.modules), file=sys.stderr)\n"
    )


def test_json_query_imports_neither_rich_nor_yaml_once_cached(tmp_path: Path) -> None:
    """A warm JSON query loads the compiled cache: no PyYAML, no Rich."""
    probe = _probe(["agreements", "--sector", "mining", "-f", "json"])
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = run([sys.executable, "-c", probe], env=env)
    second = run([sys.executable, "-c", probe], env=env)
    assert first.stdout == second.stdout and json.loads(second.stdout)
    # the first run parses YAML and fills the cache, unless the wheel shipped the dataset compiled
    shipped = compiled.compiled_path(bundled_path()).is_file()
    assert first.stderr.strip() == ("[]" if shipped else "['yaml']")
    assert second.stderr.strip() == "[]"


def test_table_query_imports_rich_but_no_yaml_and_tsv_no_rich(tmp_path: Path) -> None:
    """A terminal table is drawn by Rich (no PyYAML once cached); the same query as tsv imports no Rich."""
    probe = _probe(["agreements", "-f", "table", "--width", "200"])
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    run([sys.executable, "-c", probe], env=env)
    assert run([sys.executable, "-c", probe], env=env).stderr.strip() == "['rich']"
    machine = _probe(["agreements", "-f", "tsv"])
    assert run([sys.executable, "-c", machine], env=env).stderr.strip() == "[]"


@pytest.mark.parametrize("collecting", [True, False])
def test_the_cli_leaves_the_garbage_collector_as_it_found_it(collecting: bool) -> None:
    """Importing the CLI or calling main(argv) in-process pauses the collector only meanwhile."""
    code = (
        f"import gc, sys\n(gc.enable if {collecting} else gc.disable)()\nfrom silkcli.cli import main\n"
        "print(gc.isenabled())\ntry:\n    main(['sectors', '-f', 'tsv'])\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), file=sys.stderr)\n"
    )
    result = run([sys.executable, "-c", code])
    assert result.stdout.splitlines()[0] == str(collecting)
    assert result.stderr.strip() == str(collecting)


@pytest.mark.slow
def test_wheel_contains_and_loads_the_dataset(tmp_path: Path) -> None:
    """A built wheel, installed outside the source tree, carries and loads data/partnership.yaml."""
    build = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)], timeout=600
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("silkcli-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"silkcli/data/partnership.yaml", "silkcli/data/partnership.msgpack"} <= names
    (page,) = [n for n in names if n.endswith(".data/data/share/man/man1/silkcli.1")]
    updated = run([SILKCLI or "silkcli", "--version"]).stdout.split("updated ")[1].split(")")[0]
    assert zipfile.ZipFile(wheel).read(page).decode("utf-8").startswith(f'.TH SILKCLI 1 "{updated}" ')
    target = tmp_path / "site"
    install = run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], timeout=600
    )
    assert install.returncode == 0, install.stderr
    # Dependencies come from this environment, but not the checkout: -I drops PYTHONPATH and the cwd.
    deps = [p for p in sys.path if p.endswith("site-packages")]
    code = (
        "import sys; sys.path[:0] = " + repr([str(target)]) + "; sys.path += " + repr(deps) + "\n"
        "import silkcli, silkcli.dataset.load as s; print(silkcli.__file__); print(s.bundled_path())\n"
        "from silkcli.cli import main; main(['validate'])"
    )
    result = run([sys.executable, "-I", "-S", "-c", code], cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "c")})
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert lines[0].startswith(str(target)) and lines[1] == str(target / "silkcli" / "data" / "partnership.yaml")
    assert lines[2].startswith("ok: ")
