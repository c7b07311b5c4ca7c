"""Error-path helper: where a path such as ``documents[3].sector`` is written.

Used only once a file has a problem: the text is parsed again and events are
matched to the paths asked for, so no node tree is ever kept in memory.
"""

from __future__ import annotations

from typing import Any

import yaml

from silkcli.dataset.yaml_read import TextLoader

Path = tuple[str | int, ...]


def locate(text: str, wanted: list[tuple[Path, bool]]) -> list[tuple[int, int]]:
    """1-based (line, column) for each (path, at_key) in ``wanted``.

    ``at_key`` asks for the key naming the path's last part (an unknown field)
    rather than its value. A path that does not exist is placed at the deepest
    part of it that does; the first occurrence wins.
    """
    prefixes = {path[:i] for path, _ in wanted for i in range(len(path) + 1)}
    keys = {path for path, at_key in wanted if at_key}
    values, key_marks = _walk(text, prefixes, keys)
    out = []
    for path, at_key in wanted:
        mark = key_marks.get(path) if at_key else None
        if mark is None:
            depth = max((i for i in range(len(path) + 1) if path[:i] in values), default=-1)
            mark = values.get(path[:depth]) if depth >= 0 else None
        out.append((mark.line + 1, mark.column + 1) if mark is not None else (1, 1))
    return out


def _walk(text: str, prefixes: set[Path], keys: set[Path]) -> tuple[dict[Path, Any], dict[Path, Any]]:
    """Marks of the values whose paths are in ``prefixes`` and of the keys in ``keys``."""
    values: dict[Path, Any] = {}
    key_marks: dict[Path, Any] = {}
    frames: list[list[Any]] = []  # [path of the collection, is a mapping, next index or key, waits for a key]
    try:
        for event in yaml.parse(text, Loader=TextLoader):
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frames.pop()
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
                continue
            path = _path_of(event, frames, key_marks, keys)
            if path is not None and path in prefixes:
                values.setdefault(path, event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                frames.append([path, isinstance(event, yaml.MappingStartEvent), 0, True])
    except yaml.YAMLError:
        pass
    return values, key_marks


def _path_of(event: yaml.Event, frames: list[list[Any]], key_marks: dict[Path, Any], keys: set[Path]) -> Path | None:
    """The path of the node ``event`` starts, or None for a key or anything inside one."""
    if not frames:
        return ()
    parent, is_map, position, wants_key = frames[-1]
    if parent is None:
        return None
    if not is_map:
        frames[-1][2] += 1
        return (*parent, position)
    frames[-1][3] = not wants_key
    if wants_key:
        key = event.value if isinstance(event, yaml.ScalarEvent) else None
        frames[-1][2] = key
        if key is not None and (*parent, key) in keys:
            key_marks.setdefault((*parent, key), event.start_mark)
        return None
    return (*parent, position) if position is not None else None
