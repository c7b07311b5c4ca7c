"""Whether a quote states a date or a number, in any of the ways sources write them.

English, Korean and Russian forms count: ``2024-12-03``, ``3 December 2024``,
``Dec. 3``, ``December 3, 2024``, ``12월 3일``, ``2024년 12월 3일``, ``3 декабря
2024``; ``500``, ``500 million``, ``US$500 million``, ``5억``, ``225만5000``,
``0.05``, ``13%``, ``260,000``. A day-precision date needs its month and day
(the year may be left to the context, as articles do); a month-precision date
needs its month and year; a year-precision date needs the year.
"""

from __future__ import annotations

import functools
import math
import re

from silkcli.dataset.model import PartialDate

_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Russian month names, nominative and genitive stems (январь / января).
_RU_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[йя]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_DASH = r"\s*(?:[-–—~∼〜]|to)\s*"


def _month_words(month: int) -> str:
    """A regex matching the month's English name or abbreviation, or its Russian name."""
    name = _EN_MONTHS[month - 1]
    english = f"{name}|{name[:3]}" + ("|sept" if month == 9 else "")
    return rf"(?:\b(?:{english})\b\.?|{_RU_MONTHS[month - 1]}[а-я]*)"


@functools.cache
def _date_patterns(year: int, month: int | None, day: int | None) -> tuple[re.Pattern[str], ...]:
    y = rf"(?<!\d){year}(?!\d)"
    if month is None:
        return (re.compile(y),)
    m, words = rf"(?<!\d)0?{month}", _month_words(month)
    if day is None:
        return (
            re.compile(rf"{words}\.?,?\s+(?:of\s+)?{year}(?!\d)", re.I),
            re.compile(rf"{y}\s*(?:년|[-./])\s*0?{month}(?:\s*월|(?!\d))"),
            re.compile(rf"{y}[^.;]{{0,40}}?\b{words}|{words}[^.;]{{0,40}}?{y}", re.I),
        )
    d = rf"0?{day}"
    span = rf"(?:\d{{1,2}}{_DASH})?"  # "10-11 June" or "June 10-11": the second day of a range
    return (
        re.compile(rf"{words}\s*{span}(?<!\d){d}(?!\d)", re.I),
        re.compile(rf"(?<!\d){span}{d}(?:{_DASH}\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?{words}", re.I),
        re.compile(rf"{m}\s*월\s*{span}(?<!\d){d}\s*(?:{_DASH}\d{{1,2}}\s*)?일"),
        re.compile(rf"{y}\s*(?:년|[-./])\s*0?{month}\s*(?:월|[-./])\s*{d}(?!\d)"),
        re.compile(rf"(?<![\d.]){month}\.\s*(?:\d{{1,2}}\.?{_DASH})?{d}\."),  # "6.10.~11." (month.day.)
    )


def states_date(quote: str, date: PartialDate) -> bool:
    """Whether ``quote`` writes ``date`` as precisely as it is known."""
    return any(p.search(quote) for p in _date_patterns(date.year, date.month, date.day))


_SCALES = {
    "thousand": 1e3,
    "тыс": 1e3,
    "천": 1e3,
    "만": 1e4,
    "million": 1e6,
    "mln": 1e6,
    "млн": 1e6,
    "억": 1e8,
    "billion": 1e9,
    "bn": 1e9,
    "млрд": 1e9,
    "조": 1e12,
}
_WORDS = {
    "zero": 0,
    "nil": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(" + "|".join(_SCALES) + r")(?![a-z]))?",
    re.I,
)
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)


def numbers_in(quote: str) -> list[float]:
    """Every number ``quote`` writes, with its scale word applied; Korean ``225만5000`` is one number."""
    found: list[float] = [float(_WORDS[w.lower()]) for w in _WORD.findall(quote)]
    end, running, unit = -1, 0.0, math.inf
    for match in _NUMBER.finditer(quote):
        digits, scale_word = match.groups()
        digits = digits.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits) else digits.replace(",", ".")
        scale = _SCALES[scale_word.lower()] if scale_word else 1.0
        value = float(digits) * scale
        joined = unit != math.inf and scale < unit and quote[end : match.start()].strip() == ""
        running = running + value if joined else value
        found.append(value)
        if scale_word:
            found.append(float(digits))  # "120 million" also states 120 (in a unit of millions)
        if joined:
            found.append(running)
        end, unit = match.end(), scale if scale_word and scale_word in "천만억조" else math.inf
    return found


def states_number(quote: str, value: float) -> bool:
    """Whether ``quote`` writes ``value`` (``500``, ``500 million``, ``5억``, ``13%``, ``260,000``)."""
    return any(math.isclose(n, value, rel_tol=1e-9, abs_tol=1e-12) for n in numbers_in(quote))
