"""silkcli check: the corpus of sentences written from the sources, each claim with its verdict."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import BUNDLED, TESTS
from silkcli.check.claims import find_claims
from silkcli.check.report import Report, Verdict
from silkcli.check.run import check_text
from silkcli.check.sentences import MAX_SENTENCE, sentences
from silkcli.dataset import load as store
from silkcli.dataset import model as m

CORPUS: list[dict[str, Any]] = yaml.safe_load((TESTS / "data" / "check" / "corpus.yaml").read_text(encoding="utf-8"))
EXAMPLE = (
    "Kyrgyzstan, which holds 13% of the world's antimony, signed 12 agreements with Korea in Seoul on 4 December 2024."
)


@pytest.fixture(scope="module")
def ds() -> m.Dataset:
    """The bundled dataset, loaded once for the module."""
    return store.load_dataset(BUNDLED, use_cache=False)


def _verdicts(report: Report) -> list[tuple[str, str]]:
    return [(f.text, f.verdict.value) for f in report.findings]


def _script(text: str) -> str:
    if any("가" <= ch <= "힣" for ch in text):
        return "ko"
    return "ru" if any("а" <= ch.lower() <= "я" for ch in text) else "en"


def test_the_corpus_is_large_and_varied() -> None:
    """At least 40 sentences, in English, Korean and Russian, with every verdict expected somewhere."""
    scripts = {_script(item["text"]) for item in CORPUS}
    verdicts = {verdict for item in CORPUS for _, verdict in item["claims"]}
    assert len(CORPUS) >= 40
    assert scripts == {"en", "ko", "ru"}
    assert verdicts == {v.value for v in Verdict}


@pytest.mark.parametrize("item", CORPUS, ids=[item["text"][:60] for item in CORPUS])
def test_each_corpus_sentence_gets_exactly_its_verdicts(ds: m.Dataset, item: dict[str, Any]) -> None:
    """Every claim the corpus marks is found with its verdict, and no other claim is reported."""
    got = _verdicts(check_text(ds, item["text"]))
    assert sorted(got) == sorted(tuple(claim) for claim in item["claims"])


def test_no_contradicted_verdict_is_wrong_over_the_whole_corpus(ds: m.Dataset) -> None:
    """Checked as one draft, the corpus gives `contradicted` exactly where the corpus says so."""
    report = check_text(ds, "\n\n".join(item["text"] for item in CORPUS))
    wrong = [f.text for f in report.findings if f.verdict is Verdict.contradicted]
    expected = [text for item in CORPUS for text, verdict in item["claims"] if verdict == "contradicted"]
    assert sorted(wrong) == sorted(expected)


def test_every_verdict_but_not_covered_names_its_sources(ds: m.Dataset) -> None:
    """A supported, contradicted, disputed or imprecise claim always has a source note with a URL and a quote."""
    report = check_text(ds, "\n\n".join(item["text"] for item in CORPUS))
    bare = [
        f.text
        for f in report.findings
        if f.verdict is not Verdict.not_covered
        and not all(e.url and e.quote for e in (*f.evidence, *(s.evidence for s in f.sides)))
        or f.verdict is not Verdict.not_covered
        and not (f.evidence or f.sides)
    ]
    assert bare == []


def test_the_issue_example_gives_the_right_values_and_their_sources(ds: m.Dataset) -> None:
    """13% is of reserves and an upper bound; 10 (or 22) documents; 3 December, from named sources."""
    share, count, place, date = check_text(ds, EXAMPLE).findings
    assert share.verdict is Verdict.imprecise and "reserves" in share.why and "upper bound" in share.why
    assert "0.02%" in (share.right or "")
    assert (
        count.verdict is Verdict.contradicted
        and count.right == "10 at the summit (22 over the whole visit, by another count)"
    )
    assert count.discrepancy == "disc-document-count" and {s.evidence.source for s in count.sides} >= {"trend-3977947"}
    assert place.verdict is Verdict.supported
    assert date.verdict is Verdict.contradicted and date.right == "3 December 2024"
    assert all(e.url.startswith("http") and e.quote for f in (count, date) for e in f.evidence)


def test_a_draft_is_split_into_sentences_with_their_lines() -> None:
    """Markdown marks go, a heading and list items end sentences, "Dec. 3" does not end one."""
    draft = "# Summit\n\nThe summit was on Dec. 3 in Seoul. Ten documents were signed.\n- **22** documents in all\n"
    assert [(s.text, s.line) for s in sentences(draft)] == [
        ("Summit", 1),
        ("The summit was on Dec. 3 in Seoul.", 3),
        ("Ten documents were signed.", 3),
        ("22 documents in all", 4),
    ]


def test_a_sentence_keeps_the_line_it_starts_on_and_a_run_on_text_is_cut() -> None:
    """A sentence that starts a new line of its paragraph is on that line; a text with no full stop comes in pieces."""
    assert [(s.text, s.line) for s in sentences("Ten documents.\nSigned in Seoul. On 3 December.\n")] == [
        ("Ten documents.", 1),
        ("Signed in Seoul.", 2),
        ("On 3 December.", 2),
    ]
    pieces = sentences("12 agreements " * 1000)
    assert len(pieces) > 10 and all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert " ".join(p.text for p in pieces) == ("12 agreements " * 1000).strip()


def test_claims_are_read_in_the_three_languages() -> None:
    """A count, a share and a date are found in English, Korean and Russian, with their values."""
    found = [
        (c.kind, c.number if c.date is None else (c.date.year, c.date.month, c.date.day))
        for text in ("ten documents on 3 December 2024", "10개 문서 12월 3일", "10 документов 3 декабря 2024 года")
        for c in find_claims(text)
    ]
    korean = [("count", 10.0), ("date", (None, 12, 3))]  # the year left to the context, as Korean articles do
    assert found == [("count", 10.0), ("date", (2024, 12, 3)), *korean, ("count", 10.0), ("date", (2024, 12, 3))]


def test_a_text_without_a_checkable_claim_has_no_findings(ds: m.Dataset) -> None:
    """A sentence that states nothing the check reads gives an empty report, not a guess."""
    report = check_text(ds, "The initiative aims to widen cooperation.")
    assert len(report.sentences) == 1 and report.findings == []


def test_every_finding_points_into_its_sentence(ds: m.Dataset) -> None:
    """A finding's offsets cut exactly its text out of its sentence (the renderers mark claims by them)."""
    report = check_text(ds, "\n".join(item["text"] for item in CORPUS))
    assert all(s.text[f.start : f.end] == f.text for s in report.sentences for f in s.findings)
