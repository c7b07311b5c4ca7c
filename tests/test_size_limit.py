"""The dataset size limit is a setting: --max-size (global, or after the command) and SILKCLI_MAX_SIZE."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUNDLED, run_cli
from silkcli.dataset import load as store

SETTING = "(--max-size or SILKCLI_MAX_SIZE)"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data.yaml"
    target.write_bytes(BUNDLED.read_bytes())
    return target


def test_default_limit_admits_a_million_documents_as_json() -> None:
    """The default admits the 1,000,000-document JSON file of the benchmark (about 714 MiB)."""
    assert store.MAX_BYTES == 768 * 2**20
    assert store.size_text(store.MAX_BYTES) == "768 MiB"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--max-size", "100K", "--data", "DATA", "agreements"), {}),
        (("--data", "DATA", "agreements"), {"SILKCLI_MAX_SIZE": "100k"}),
        (("--data", "DATA", "agreements", "--max-size", "100KiB"), {}),
    ],
)
def test_a_file_over_the_limit_is_refused_and_the_message_names_the_setting(
    args: tuple[str, ...], env: dict[str, str], tmp_path: Path
) -> None:
    """Set globally, by the environment or after the command, a smaller limit refuses the file, in one line, exit 3."""
    data = _copy(tmp_path)
    result = run_cli(*(str(data) if arg == "DATA" else arg for arg in args), env=env)
    size = data.stat().st_size / 2**10
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"{data}: file is {size:.1f} KiB, larger than the 100 KiB limit {SETTING}\n"


def test_a_larger_limit_reads_the_file() -> None:
    """A limit above the file's size changes nothing in the answer."""
    plain = run_cli("agreements", "--sector", "mining", "-f", "json")
    limited = run_cli("--max-size", "1.5M", "agreements", "--sector", "mining", "-f", "json")
    assert (limited.exit_code, limited.stdout) == (0, plain.stdout) and plain.stdout.count('"id"') == 1


@pytest.mark.parametrize("value", ["lots", "0", "-5M", "10kk", "1e9", "MiB", ""])
def test_a_size_that_is_not_one_is_a_usage_error(value: str) -> None:
    """A value that is not a positive size exits 2 with one line naming the option."""
    result = run_cli("--max-size", value, "agreements")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == f"error: --max-size: '{value}' is not a size such as 768M, 2G or 500000000"


def test_a_pipe_is_read_only_up_to_the_limit() -> None:
    """A FIFO or device is read only up to the limit (then refused), never to its end."""
    result = run_cli("--max-size", "64K", "--data", "/dev/zero", "agreements")
    assert (result.exit_code, result.stderr) == (3, f"/dev/zero: file is larger than the 64 KiB limit {SETTING}\n")


def test_validate_uses_the_same_limit(tmp_path: Path) -> None:
    """`validate` reads its file under the same setting."""
    data = _copy(tmp_path)
    result = run_cli("--max-size", "100K", "validate", str(data))
    assert result.exit_code == 3 and "larger than the 100 KiB limit" in result.stderr


def test_help_documents_the_setting() -> None:
    """`silkcli --help` names the option, its environment variable and the default."""
    text = " ".join(run_cli("--help").stdout.split())
    assert "--max-size" in text and "SILKCLI_MAX_SIZE" in text and "768M" in text
