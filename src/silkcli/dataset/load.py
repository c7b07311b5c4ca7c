"""Reading a dataset file: bytes, text, YAML or JSON, schema and cross-checks.

This is the only module that reads dataset files. Every problem becomes a
:class:`~silkcli.errors.Problem` with ``FILE:LINE:COL`` pointing at the
offending YAML node, and all of them are raised together as one
:class:`~silkcli.errors.DatasetError`.
"""
# ruff: noqa: PLC0415 - start-up: the YAML reader, the checks and their messages load only when a file is parsed

from __future__ import annotations

import errno
import gc
import os
import re
import stat as stat_
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

import msgspec

from silkcli.dataset import model as m
from silkcli.errors import DatasetError, Problem

if TYPE_CHECKING:
    from silkcli.dataset.schema_errors import Issue
from silkcli.dataset.paths import BUNDLED_NAME as BUNDLED_NAME  # re-exported
from silkcli.dataset.paths import bundled_path as bundled_path  # re-exported

#: Larger files are refused before reading, unless the user sets another limit
#: (``--max-size`` or ``SILKCLI_MAX_SIZE``, passed in as ``max_bytes``). A JSON load peaks
#: at about 4.6 bytes of memory per byte of file (71 MiB, 100,000 documents: 331 MB), so a
#: JSON file at this default loads in about 3.5 GB, within the 4 GB first-load target; a
#: YAML load peaks at about 17 bytes per byte (13 GB at the default, still under 24 GB).
MAX_BYTES = 768 * 1024 * 1024
#: What the size-limit message tells a user to change.
LIMIT_SETTING = "--max-size or SILKCLI_MAX_SIZE"
#: Datasets larger than this are frozen out of the garbage collector's reach once loaded.
FREEZE_BYTES = 4 * 1024 * 1024
#: What decodes to a character ``yamlread.UNSAFE_CHARS`` refuses, in JSON's bytes: DEL, C1,
#: bidi characters and noncharacters written raw (a raw C0 control is not valid JSON), and
#: the escapes of all of them (tab and newline are allowed; a noncharacter beyond the BMP is
#: escaped as a pair whose low half is \udffe or \udfff). An escaped backslash before 'b',
#: 'f', 'r' or 'u', or another pair ending in \udffe, also matches: that only sends the file
#: down the slower path, which decides and places problems. Each pattern is keyed by the one
#: byte every match of it starts with: a pattern runs only if its byte occurs in the file
#: (``bytes in`` is a memchr), and then ``re`` scans for that literal byte. One alternation of
#: them all scanned 71 MiB in 0.4 s even when none of the bytes occurred.
_JSON_UNSAFE: tuple[tuple[bytes, bytes], ...] = (
    (b"\x7f", rb"\x7f"),
    (b"\xc2", rb"\xc2[\x80-\x9f]"),
    (b"\xe2", rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"),
    (b"\xef", rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])"),
    (b"\xf0", rb"\xf0[\x9f\xaf\xbf]\xbf[\xbe\xbf]"),
    (b"\xf1", rb"\xf1[\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"),
    (b"\xf2", rb"\xf2[\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"),
    (b"\xf3", rb"\xf3[\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"),
    (b"\xf4", rb"\xf4\x8f\xbf[\xbe\xbf]"),
    (
        b"\\",
        rb"\\(?:[bfr]|u(?:00(?:0[0-8b-fB-F]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|202[a-eA-E]|206[6-9]"
        rb"|[fF][dD][dDeE][0-9a-fA-F]|[fF][fF][fF][eEfF]|[dD][fF][fF][eEfF]))",
    ),
)


def _unsafe_in_json(data: bytes) -> bool:
    """Whether ``data`` holds something :data:`_JSON_UNSAFE` matches (each pattern compiled on first
    use, and kept by ``re``'s own cache: the shipped copy and cache entries never need them)."""
    return any(lead in data and re.search(pattern, data) for lead, pattern in _JSON_UNSAFE)


def display_name(path: Path) -> str:
    """How error lines name ``path``: as given, so a link or ``..`` stays as typed; an absolute path
    inside the working directory (the bundled file) relative to it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return str(path)


class Meter(Protocol):
    """Where a load is, for a person watching; does nothing unless ``live``."""

    live: bool

    def read_to(self, done: int) -> None:
        """``done`` characters of the text have been parsed."""

    def stage(self, description: str) -> None:
        """The load moved on to ``description`` (after reading)."""


#: Given the length of a text and the file's name, a context in which a :class:`Meter` follows its parse.
Progress = Callable[[int, str], AbstractContextManager[Meter]]


class _Quiet:
    live = False

    def read_to(self, done: int) -> None:
        """Nobody is watching."""

    def stage(self, description: str) -> None:
        """Nobody is watching."""


@contextmanager
def quiet(total: int, name: str) -> Iterator[Meter]:
    """The :data:`Progress` that reports nothing."""
    yield _Quiet()


#: The progress of the load under way (a plain global: a load runs in one thread at a time).
_progress: list[Progress] = [quiet]
#: The meter of the file being parsed and cached, while one is.
_meter: list[Meter] = []


@contextmanager
def _metered(total: int, name: str) -> Iterator[Meter]:
    """The meter of the parse under way, or a new one from :data:`_progress`."""
    if _meter:
        yield _meter[0]
        return
    with _progress[0](total, name) as meter:
        yield meter


def load_dataset(
    path: Path, *, use_cache: bool = True, progress: Progress = quiet, max_bytes: int | None = None
) -> m.Dataset:
    """The validated dataset at ``path``, from the compiled cache when fresh.

    ``progress`` follows a slow parse (the CLI draws a bar on a terminal); a file over
    ``max_bytes`` (default :data:`MAX_BYTES`) is refused before it is read.
    """
    _progress[:] = [progress]
    try:
        dataset = _load(path, use_cache=use_cache, limit=MAX_BYTES if max_bytes is None else max_bytes)
    finally:
        _progress[:] = [quiet]
    _LOADED[:] = [dataset]  # released with the process, not record by record (cli.main)
    return dataset


_LOADED: list[m.Dataset] = []


class _Source:
    """One dataset file being loaded: its name, its stat, and its bytes once read."""

    def __init__(self, path: Path, *, use_cache: bool, limit: int) -> None:
        self.path = path
        self.name = display_name(path)
        self.limit = limit
        self.stat = _stat(path, self.name)
        if self.stat.st_size > limit:
            raise _too_large(self.name, self.stat.st_size, limit)
        self.use_cache = use_cache
        self._data: bytes | None = None

    @property
    def data(self) -> bytes:
        """The file's bytes, read once."""
        if self._data is None:
            self._data = _read(self.path, self.name, self.limit)
        return self._data

    def take(self) -> bytes:
        """The file's bytes, no longer held here (asked for again, they are read again)."""
        data = self.data
        self._data = None
        return data


def _shipped_copy(source: _Source) -> m.Dataset | None:
    """The bundled file's copy compiled when the wheel was built, if it was built from these bytes."""
    if not source.use_cache or source.path.resolve() != bundled_path():
        return None
    from silkcli.dataset.cache import shipped  # noqa: PLC0415 - start-up: only the bundled file has one

    return shipped.read(source.path, source.data)


def _cache_entry(source: _Source) -> m.Dataset | None:
    """The user cache's entry for this file version: a compiled dataset (SQLite for a large file), or a
    stamp its bytes match."""
    if not source.use_cache:
        return None
    from silkcli.dataset.cache import entries as cache  # start-up: the bundled file's shipped copy needs no cache

    if source.stat.st_size > cache.TRUSTED_BYTES:
        from silkcli.dataset.cache import compiled

        return compiled.open_entry(source.path, source.stat, lambda: _parse(source.data, source.name)[0])
    found = cache.get(source.path, source.stat, verify=_still_valid, content=lambda: source.data)
    if isinstance(found, cache.Validated):
        return cache.decode_validated(source.data) if found.matches(source.data) else None
    return found


def _parsed_file(source: _Source) -> m.Dataset:
    """The file read and validated in full; what was learnt is kept in the cache.

    A large file's entry takes what it needs from the bytes first, and the parse lets them go as
    soon as it can (once decoded to text, or once the JSON is checked), so they are not held beside
    everything made from them.
    """
    from silkcli.dataset.cache import entries as cache  # as in _cache_entry

    total = len(source.data)
    large = total > cache.TRUSTED_BYTES
    head = None
    if large and source.use_cache:
        from silkcli.dataset.cache import compiled

        head = compiled.header(source.path, source.stat, source.data)
    with _progress[0](total, source.name) as meter:
        _meter[:] = [meter]
        try:
            dataset, from_json = _parse(source.take() if large else source.data, source.name)
            if head is not None:
                meter.stage(f"indexing {source.name}")
                meter.read_to(total * 9 // 10)
                compiled.write(source.path, source.stat, dataset, head)
            elif source.use_cache and not large:
                cache.put(source.path, source.stat, dataset, source=source.data, json=from_json)
        finally:
            _meter[:] = []
    return dataset


#: How a dataset is loaded, in order: the first that answers wins, and the last always answers (or raises).
LOAD_STRATEGIES = (_shipped_copy, _cache_entry, _parsed_file)


def _load(path: Path, *, use_cache: bool, limit: int) -> m.Dataset:
    source = _Source(path, use_cache=use_cache, limit=limit)
    with _gc_paused(freeze=source.stat.st_size > FREEZE_BYTES):
        for strategy in LOAD_STRATEGIES:
            dataset = strategy(source)
            if dataset is not None:
                return dataset
    raise AssertionError("the last load strategy always answers")


def _still_valid(dataset: m.Dataset) -> bool:
    """Whether a dataset from an unsealed cache entry passes the checks its source file would."""
    text = msgspec.json.encode(dataset, enc_hook=m.encode_hook)
    return not _unsafe_in_json(text) and not _cross_issues(dataset)


def _stat(path: Path, name: str) -> os.stat_result:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatasetError([Problem(name, 0, 0, "", "no such file")]) from None
    except OSError as exc:
        raise DatasetError([Problem(name, 0, 0, "", f"cannot read: {_reason(exc)}")]) from None
    if stat_.S_ISDIR(stat.st_mode):
        raise DatasetError([Problem(name, 0, 0, "", "is a directory, not a dataset file")])
    return stat


def _reason(exc: OSError) -> str:
    """Why a file cannot be read, in words (a symlink loop is named as one)."""
    return "symlink loop" if exc.errno == errno.ELOOP else str(exc.strerror)


def _read(path: Path, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the file; pipes and special files are bounded too."""
    try:
        with path.open("rb") as handle:
            data = _read_bounded(handle, limit)
    except OSError as exc:
        raise DatasetError([Problem(name, 0, 0, "", f"cannot read: {_reason(exc)}")]) from None
    if len(data) > limit:
        raise _too_large(name, None, limit)
    return data


#: Pipes and special files are read this much at a time, so a large limit is never allocated up front.
_CHUNK = 16 * 1024 * 1024


def _read_bounded(handle: BinaryIO, limit: int) -> bytes:
    """The file's bytes, or ``limit + 1`` of them if it has more: a regular file in one read of its size."""
    info = os.fstat(handle.fileno())
    regular = stat_.S_ISREG(info.st_mode) and info.st_size <= limit
    parts = [handle.read(info.st_size + 1 if regular else min(limit + 1, _CHUNK))]
    total = len(parts[0])
    while parts[-1] and total <= limit:  # a pipe, a device, or a file that grew since its stat
        if not (more := handle.read(min(limit + 1 - total, _CHUNK))):
            break
        parts.append(more)
        total += len(more)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _too_large(name: str, size: int | None, limit: int) -> DatasetError:
    bound = f"the {size_text(limit)} limit ({LIMIT_SETTING})"
    shown = f"{size / 2**20:.1f} MiB" if size and size >= 2**20 else f"{(size or 0) / 2**10:.1f} KiB"
    what = f"file is {shown}, larger than {bound}" if size else f"file is larger than {bound}"
    return DatasetError([Problem(name, 0, 0, "", what)])


def size_text(count: int) -> str:
    """A byte count as people write a limit: ``96 MiB``, ``1 GiB``, or bytes when not a whole MiB."""
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"


@contextmanager
def _gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Bulk loads allocate millions of objects that all live; skip the GC meanwhile.

    With ``freeze``, what was loaded moves to the collector's permanent
    generation: it lives until exit, and otherwise the first collections
    after the load would walk all of it again (~0.2 s at 100k documents).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


def parse_bytes(data: bytes, name: str) -> m.Dataset:
    """Validate a dataset file's bytes (YAML, or JSON in the same schema)."""
    return _parse(data, name)[0]


def _parse(data: bytes, name: str) -> tuple[m.Dataset, bool]:
    """The validated dataset, and whether it came straight from JSON by the fast path.

    ``data`` is let go as soon as it is decoded to text (handed to :func:`_parse_placed` in a list
    that it empties), so when the caller holds no other reference to it, it is freed then.
    """
    with _gc_paused():
        looks_json = _JSON_START.match(data) is not None
        type_error = None
        fast: m.Dataset | Exception | None = None
        if looks_json:
            fast = _parse_json(data, name)
            if isinstance(fast, m.Dataset):
                return fast, True
            type_error = fast if isinstance(fast, msgspec.ValidationError) else None
        syntax_error = fast if isinstance(fast, Exception) and type_error is None else None
        if name.lower().endswith(".json") and (syntax_error is not None or not looks_json):
            _check_strict_json(data, name, syntax_error)
        held = [data]
        del data
        return _parse_placed(held, name, looks_json=looks_json, type_error=type_error), False


#: A JSON dataset's first byte after any whitespace (which ``bytes.lstrip`` would find by copying the file).
_JSON_START = re.compile(rb"[ \t\n\r\x0b\x0c]*\{")


def _parse_placed(
    held: list[bytes], name: str, *, looks_json: bool, type_error: msgspec.ValidationError | None
) -> m.Dataset:
    """The path that finds and places every problem: YAML, or JSON read as the YAML it also is.

    ``held`` holds the file's bytes, which are taken out and let go once decoded to text.
    JSON's escaped surrogate pairs are joined into the characters they encode first
    (YAML refuses them), in a file that is JSON only, and places are mapped back.
    """
    data = held.pop()
    text = decode_text(data, name)
    shifts: dict[int, list[int]] = {}
    if looks_json and "\\" in text:
        from silkcli.dataset import json_text

        if json_text.is_json(data):
            text, shifts = json_text.join_pairs(text)
    del data  # the file's bytes are let go: everything from here on reads the text
    try:
        dataset = _parse_yaml(text, name)
        if type_error is not None:  # a JSON value of the wrong JSON type, which YAML text would have passed
            from silkcli.dataset.schema_errors import explain

            path, message = explain(type_error)
            raise DatasetError(_place([(path, message, False)], text, name))
    except DatasetError as exc:
        if not shifts:
            raise
        from silkcli.dataset.json_text import unshift

        raise DatasetError(unshift(exc.problems, shifts)) from None
    return dataset


def _check_strict_json(data: bytes, name: str, error: Exception | None) -> None:
    """Refuse a file named as JSON that is not strict JSON (which the YAML path would take), at its place.

    ``error`` is the decode's own (a DecodeError or RecursionError), or None when the file was not decoded.
    """
    from silkcli.dataset.json_text import strict_problem

    decode_text(data, name)  # a file that is not UTF-8 is said to be that first
    problem = strict_problem(data, name, error)
    if problem is not None:
        raise DatasetError([problem])


def _parse_json(data: bytes, name: str = "") -> m.Dataset | msgspec.ValidationError | Exception | None:
    """The fast path for JSON: the dataset, the first value of a wrong type, the syntax error, or None.

    None is any other problem (a repeated key, an unsafe character, a cross-record one): the
    YAML path places it. A syntax error is a DecodeError, or the RecursionError of nesting
    deeper than the decoder goes.
    """
    from silkcli.dataset.json_text import has_duplicate_keys  # only on a JSON file's first load

    with _metered(len(data), name) as meter:
        # Before the typed decode, so that the bare shape it decodes is freed before the dataset
        # is built (at 100,000 documents the two together peaked 190 MB higher).
        meter.stage(f"reading {name}")
        try:
            repeated = has_duplicate_keys(data)
        except RecursionError as exc:
            return exc
        meter.read_to(len(data) // 5)
        meter.stage(f"decoding {name}")
        try:
            dataset: m.Dataset = msgspec.json.decode(data, type=m.Dataset, dec_hook=m.decode_hook)
        except msgspec.ValidationError as exc:
            return exc
        except (msgspec.DecodeError, RecursionError) as exc:
            return exc
        meter.read_to(len(data) * 3 // 5)
        meter.stage(f"checking {name}")
        if repeated or _unsafe_in_json(data):  # the YAML path reports each, with its place
            return None
        found = None if _cross_issues(dataset) else dataset
        meter.read_to(len(data) * 4 // 5)
        return found


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is accepted); other encodings and NUL bytes are refused."""
    encoding = _foreign_encoding(data)
    if encoding:
        raise DatasetError([Problem(name, 1, 1, "", f"file is {encoding}; save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_line_col(data, exc.start)
        message = f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8"
        raise DatasetError([Problem(name, line, col, "", message)]) from None
    nul = text.find("\x00")
    if nul >= 0:
        from silkcli.dataset.yaml_read import line_col

        line, col = line_col(text, nul)
        raise DatasetError([Problem(name, line, col, "", "NUL byte in file; is it a binary file?")])
    return text


def _foreign_encoding(data: bytes) -> str | None:
    """Name the encoding of a UTF-32 or UTF-16 file (with or without a BOM)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:64]
    if len(head) >= 4 and b"\x00" in head[:4]:
        # ASCII saved as UTF-16 has a NUL in every other byte
        if head[0::2].count(0) == len(head[0::2]) or head[1::2].count(0) == len(head[1::2]):
            return "UTF-16 (without a byte order mark)"
    return None


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace"))
    return data.count(b"\n", 0, offset) + 1, column + 1


def _parse_yaml(text: str, name: str) -> m.Dataset:
    from silkcli.dataset import schema_errors as fields
    from silkcli.dataset.yaml_read import Reader

    with _metered(len(text), name) as progress:
        reader = Reader(name)
        raw = reader.read(text, on_read=progress.read_to if progress.live else None)
        if reader.problems:
            raise DatasetError(reader.problems)
        if reader.empty:
            raise DatasetError([Problem(name, 1, 1, "", "file is empty; a dataset is a mapping of lists")])
        progress.stage(f"checking {name}")
        quoted = fields.quoted_issues(reader.quoted, m.Dataset) if reader.quoted else []
        try:
            dataset: m.Dataset = fields.convert(raw, m.Dataset)
        except msgspec.ValidationError:
            raise DatasetError(_place(_schema_issues(raw) + quoted, text, name)) from None
        del raw
        issues = quoted + _cross_issues(dataset)
    if issues:
        raise DatasetError(_place(issues, text, name))
    return dataset


def _schema_issues(raw: object) -> list[Issue]:
    """Every schema problem, and the unknown references too: one run reports them all."""
    from silkcli.dataset import schema_errors as fields
    from silkcli.dataset.raw_refs import reference_issues

    found = fields.check_struct(raw, m.Dataset, ())
    seen = {path for path, _, _ in found}
    return found + [issue for issue in reference_issues(raw, broken=seen) if issue[0] not in seen]


def _cross_issues(dataset: m.Dataset) -> list[Issue]:
    from silkcli.dataset import checks

    return checks.cross_issues(dataset)


def _place(issues: list[Issue], text: str, name: str) -> list[Problem]:
    from silkcli.dataset import checks
    from silkcli.dataset.yaml_place import locate

    places = locate(text, [(path, at_key) for path, _, at_key in issues])
    problems = [
        Problem(name, line, col, checks.dotted(path), message)
        for (path, message, _), (line, col) in zip(issues, places, strict=True)
    ]
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def check_evidence(path: Path, dataset: m.Dataset, sources_dir: Path) -> None:
    """Raise a DatasetError for each evidence quote missing from its archive."""
    check_support(path, dataset, sources_dir, provenance=False)


def check_support(
    path: Path, dataset: m.Dataset, sources_dir: Path | None, *, provenance: bool = True, max_bytes: int | None = None
) -> int:
    """Raise a DatasetError for each uncited fact, value missing from its quote, or quote missing from its archive.

    Returns how many dates and numbers were checked against their quotes.
    """
    from silkcli.dataset import checks, provenance_checks

    limit = MAX_BYTES if max_bytes is None else max_bytes
    report = provenance_checks.check(dataset) if provenance else provenance_checks.Report()
    issues = report.issues + (
        checks.evidence_issues(dataset, sources_dir, limit=limit) if sources_dir is not None else []
    )
    if issues:
        name = display_name(path)
        raise DatasetError(_place(issues, decode_text(_read(path, name, limit), name), name))
    return report.checked
