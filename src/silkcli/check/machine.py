"""JSON and JSON Lines forms of a check (no Rich, no markup: the data as it is)."""

from __future__ import annotations

import msgspec

from silkcli.check.render import summary
from silkcli.check.report import Report, Verdict

_ENCODER = msgspec.json.Encoder()


def to_json(report: Report) -> str:
    """The whole report: dataset, counts by verdict, and every sentence with its findings."""
    counts = {v.value: report.count(v) for v in Verdict}
    body = msgspec.to_builtins(report)
    payload = {"dataset": body.pop("dataset"), "version": body.pop("version"), "updated": body.pop("updated")}
    payload |= {"summary": summary(report), "counts": counts, "sentences": body["sentences"]}
    return msgspec.json.format(_ENCODER.encode(payload), indent=2).decode() + "\n"


def to_jsonl(report: Report) -> str:
    """One line per claim: its finding, with the sentence and its line."""
    lines = []
    for sentence in report.sentences:
        for found in sentence.findings:
            row = {"line": sentence.line, "sentence": sentence.text, **msgspec.to_builtins(found)}
            lines.append(_ENCODER.encode(row).decode())
    return "".join(line + "\n" for line in lines)
