"""A long fuzz run of the dataset loader with Hypothesis (not part of pytest).

    python fuzz/fuzz_loader.py [INPUTS]          # default 100,000 inputs in all

Runs the properties of ``tests/test_properties.py`` (random YAML/JSON
documents, random text, random bytes, random edits of a valid dataset's
values and of its text, random edits of the bundled dataset's values) with
INPUTS examples shared between them, and counts
every input handed to the loader. The only allowed outcomes are a dataset or a
DatasetError whose problems are placed and one line each; anything else stops
the run with Hypothesis's minimal failing example. Exits 0 when all pass.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_properties as props  # noqa: E402 - found through the path above

#: name: (property body, strategies of its arguments, share of the inputs)
TARGETS: dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy[Any], ...], float]] = {
    "random YAML/JSON documents": (props.load_document, (props.documents, props.FORMS), 1.0),
    "random text": (props.load_text, (st.text(max_size=2000),), 1.0),
    "random bytes": (props.check_outcome, (st.binary(max_size=2000),), 1.0),
    "edits of a valid dataset's values": (props.load_mutated, (st.data(), props.FORMS), 1.0),
    "edits of a valid dataset's text": (props.load_edited, (st.data(),), 1.0),
    # 60 ms an input (190+ records), so a quarter share keeps the run near ten minutes
    "edits of the bundled dataset's values": (props.load_mutated_bundled, (st.data(), props.FORMS), 0.25),
}


def main(inputs: int) -> int:
    """Fuzz every target with its share of ``inputs``; 0 when nothing failed."""
    counted = 0
    check = props.check_outcome

    def counting(data: bytes) -> Any:
        nonlocal counted
        counted += 1
        return check(data)

    props.check_outcome = counting  # every target ends in check_outcome
    total_weight = sum(weight for _, _, weight in TARGETS.values())
    failed = 0
    for name, (body, strategies, weight) in TARGETS.items():
        share = math.ceil(inputs * weight / total_weight)
        if body is check:
            body = counting
        run = settings(
            max_examples=share, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True
        )(given(*strategies)(body))
        before, started = counted, time.perf_counter()
        try:
            run()
            status = "ok"
        except Exception as exc:  # noqa: BLE001 - report every target, then fail the run
            status = f"FAILED: {type(exc).__name__}: {exc}"
            failed += 1
        print(f"{name}: {counted - before} inputs in {time.perf_counter() - started:.0f} s: {status}", flush=True)
    print(f"total: {counted} inputs, {failed} failing targets")
    return 1 if failed or counted < inputs else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
