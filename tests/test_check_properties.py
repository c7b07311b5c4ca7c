"""silkcli check on any text: it never fails, and every finding is a piece of its sentence."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, TINY
from silkcli.check.output import CheckFormat, render_check
from silkcli.check.run import check_text
from silkcli.dataset import load as store
from silkcli.dataset import model as m

DATASETS = [store.load_dataset(path, use_cache=False) for path in (BUNDLED, TINY)]
#: Pieces the claim patterns and names react to, so random texts reach the judges, not only the splitter.
PIECES = st.sampled_from(
    [
        "Kyrgyzstan", "Korea", "Japarov", "Yoon", "President", "signed", "summit", "visited", "in Seoul",
        "12 agreements", "13%", "0.05 percent", "$500 million", "5억 달러", "4 December 2024", "12월 3일",
        "3 декабря 2024 года", "fourth-largest", "in 11 years", "16년 만에", "antimony", "reserves",
        "production", "electricity", "hydropower", "EDCF", "forestry MOU", "diplomatic relations", "1992",
        "в Сеуле", "대통령", "정상회담", "22 документа", ".", ",", " ", "\n", "\n\n", "# ", "- ", "**",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES | st.text(max_size=8), max_size=30).map(" ".join), st.sampled_from(DATASETS))
def test_any_text_is_checked_without_failing(text: str, ds: m.Dataset) -> None:
    """Whatever the text, check gives a report whose findings cut exactly their text from their sentence."""
    report = check_text(ds, text)
    for sentence in report.sentences:
        assert all(sentence.text[f.start : f.end] == f.text for f in sentence.findings)
    for fmt in CheckFormat:
        assert isinstance(render_check(report, fmt), str)
