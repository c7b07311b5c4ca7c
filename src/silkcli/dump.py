"""The whole dataset back to text, losslessly (export)."""

from __future__ import annotations

from typing import Any

import msgspec

from . import model as m


def to_builtins(dataset: m.Dataset) -> Any:
    """Plain dicts and lists in schema field order, defaults left out."""
    return msgspec.to_builtins(dataset, enc_hook=m.encode_hook, builtin_types=())


def to_json(dataset: m.Dataset) -> str:
    """The dataset as indented UTF-8 JSON (same schema; loadable with --data)."""
    raw = msgspec.json.encode(dataset, enc_hook=m.encode_hook)
    return msgspec.json.format(raw, indent=2).decode("utf-8") + "\n"


def to_yaml(dataset: m.Dataset) -> str:
    """The dataset as block-style YAML that loads back to the same records."""
    import yaml

    try:
        from yaml import CSafeDumper as Dumper
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    text: str = yaml.dump(
        to_builtins(dataset), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return text
