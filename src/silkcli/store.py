"""Reading a dataset file: bytes, text, YAML or JSON, schema and cross-checks.

This is the only module that reads dataset files. Every problem becomes a
:class:`~silkcli.errors.Problem` with ``FILE:LINE:COL`` pointing at the
offending YAML node, and all of them are raised together as one
:class:`~silkcli.errors.DatasetError`.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from . import cache, checks, fields
from . import model as m
from .errors import DatasetError, Problem

if TYPE_CHECKING:
    import yaml

#: Larger files are refused before reading: parsing YAML costs about 20 bytes
#: of memory per byte of text, and this bound keeps a load under ~2 GB.
MAX_BYTES = 96 * 1024 * 1024
BUNDLED_NAME = "partnership.yaml"
#: Escapes and raw characters that may decode to control or bidi characters
#: in JSON; a file with any of them takes the slower, fully checked path.
_JSON_SUSPECT = re.compile(rb"\\u|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def bundled_path() -> Path:
    """The dataset shipped with the package (or, in a checkout, in ``data/``)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / BUNDLED_NAME
    return packaged if packaged.is_file() else here.parents[1] / "data" / BUNDLED_NAME


def display_name(path: Path) -> str:
    """How error lines name ``path``: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load_dataset(path: Path, *, use_cache: bool = True) -> m.Dataset:
    """The validated dataset at ``path``, from the compiled cache when fresh."""
    name = display_name(path)
    stat = _stat(path, name)
    if use_cache:
        cached = cache.get(path, stat)
        if cached is not None:
            return cached
    dataset = parse_bytes(_read(path, name), name)
    if use_cache:
        cache.put(path, stat, dataset)
    return dataset


def _stat(path: Path, name: str) -> os.stat_result:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatasetError([Problem(name, 0, 0, "", "no such file")]) from None
    except OSError as exc:
        raise DatasetError([Problem(name, 0, 0, "", f"cannot read: {exc.strerror}")]) from None
    if path.is_dir():
        raise DatasetError([Problem(name, 0, 0, "", "is a directory, not a dataset file")])
    if stat.st_size > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        raise DatasetError([Problem(name, 0, 0, "", f"file is larger than the {limit} MiB limit")])
    return stat


def _read(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DatasetError([Problem(name, 0, 0, "", f"cannot read: {exc.strerror}")]) from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Bulk loads allocate millions of objects that all live; skip the GC meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_bytes(data: bytes, name: str) -> m.Dataset:
    """Validate a dataset file's bytes (YAML, or JSON in the same schema)."""
    with _gc_paused():
        if data.lstrip()[:1] == b"{" and not _JSON_SUSPECT.search(data):
            try:
                dataset = msgspec.json.decode(data, type=m.Dataset, dec_hook=m.decode_hook)
            except msgspec.DecodeError:
                pass  # the YAML path below finds and places every problem
            else:
                if not _cross_issues(dataset):
                    return dataset
        return _parse_yaml(decode_text(data, name), name)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is accepted); other encodings and NUL bytes are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DatasetError([Problem(name, 1, 1, "", "file is UTF-16; save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise DatasetError([Problem(name, line, col, "", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")]) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _line_col(text, nul)
        raise DatasetError([Problem(name, line, col, "", "NUL byte in file; is it a binary file?")])
    return text


def _line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    before = data[:offset]
    newline = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1)  # type: ignore[arg-type]
    return line, column + 1


def _parse_yaml(text: str, name: str) -> m.Dataset:
    from .yamlread import Reader

    reader = Reader(name)
    root = reader.compose(text)
    if reader.problems:
        raise DatasetError(reader.problems)
    if root is None:
        raise DatasetError([Problem(name, 1, 1, "", "file is empty; a dataset is a mapping of lists")])
    raw = reader.to_python(root)
    if reader.problems:
        raise DatasetError(reader.problems)
    try:
        dataset = fields.convert(raw, m.Dataset)
    except msgspec.ValidationError:
        issues = fields.check_struct(raw, m.Dataset, ())
        raise DatasetError(_place(issues, root, name)) from None
    issues = _cross_issues(dataset)
    if issues:
        raise DatasetError(_place(issues, root, name))
    return dataset


def _cross_issues(dataset: m.Dataset) -> list[fields.Issue]:
    return checks.duplicate_issues(dataset) + checks.reference_issues(dataset) + checks.date_issues(dataset)


def _place(issues: list[fields.Issue], root: yaml.Node, name: str) -> list[Problem]:
    from .yamlread import find_key, find_node

    problems = []
    for path, message, at_key in issues:
        node = find_key(root, path) if at_key else find_node(root, path)
        mark = node.start_mark if node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(name, line, col, checks.dotted(path), message))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def check_evidence(path: Path, dataset: m.Dataset, sources_dir: Path) -> None:
    """Raise a DatasetError for each evidence quote missing from its archive."""
    issues = checks.evidence_issues(dataset, sources_dir)
    if issues:
        name = display_name(path)
        from .yamlread import Reader

        reader = Reader(name)
        root = reader.compose(decode_text(_read(path, name), name))
        raise DatasetError(_place(issues, root, name) if root is not None else [])
