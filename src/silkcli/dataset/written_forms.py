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
from silkcli.plain import Plain

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
#: Russian month stems, nominative and genitive alike (январь / января).
_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_MONTH = (
    r"(?:\b(?:"
    + "|".join([*_EN_MONTHS, *(n[:3] for n in _EN_MONTHS), "sept"])
    + r")\b\.?|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*)"
)
_DASH = r"\s*(?:[-–—~∼〜]|to)\s*"
_DAY = r"(\d{1,2})"
#: Patterns for a month and day, each written as the groups (month, first day, second day) in some order.
_DAYS = (
    # December 3 / Dec. 3 / June 10-11 / from June 10 to 15
    (re.compile(rf"(?P<m>{_MONTH})\s*(?:(?P<a>\d{{1,2}}){_DASH})?(?<!\d)(?P<b>\d{{1,2}})(?!\d)", re.I)),
    # 3 December / 10–15 June / 3 декабря
    (
        re.compile(
            rf"(?<!\d)(?:(?P<a>\d{{1,2}}){_DASH})?(?P<b>\d{{1,2}})(?:{_DASH}(?P<c>\d{{1,2}}))?(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})",
            re.I,
        )
    ),
    # 12월 3일 / 12월4일 / 6월 10~11일
    (
        re.compile(
            rf"(?<!\d)(?P<m>\d{{1,2}})\s*월\s*(?:(?P<a>\d{{1,2}}){_DASH})?(?P<b>\d{{1,2}})\s*(?:{_DASH}(?P<c>\d{{1,2}})\s*)?일"
        )
    ),
    # 6.10.~11. (month.day.)
    (re.compile(rf"(?<![\d.])(?P<m>\d{{1,2}})\.\s*(?:(?P<a>\d{{1,2}})\.?{_DASH})?(?P<b>\d{{1,2}})\.")),
)
#: 2024-12-03, 2024.12.3, 2024년 12월 3일
_YMD = re.compile(r"(?<!\d)(\d{4})\s*(?:년|[-./])\s*(\d{1,2})\s*(?:월|[-./])\s*(\d{1,2})(?!\d)")
#: June 2024, 2024년 6월, 2024-06, and a month name with a year nearby in the same sentence
_MONTH_YEAR = (
    re.compile(rf"(?P<m>{_MONTH})[^.;]{{0,40}}?(?<!\d)(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<y>\d{{4}})(?!\d)[^.;]{{0,40}}?(?P<m>{_MONTH})", re.I),
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*(?:년|[-./])\s*(?P<m>\d{1,2})(?:\s*월|(?!\d))"),
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _month_number(text: str) -> int | None:
    """12 for ``December``, ``Dec.``, ``декабря`` or ``12``."""
    word = text.lower().rstrip(".")
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else None
    for i, name in enumerate(_EN_MONTHS):
        if word in (name, name[:3]) or (i == 8 and word == "sept"):
            return i + 1
    return next((i + 1 for i, stem in enumerate(_RU_MONTHS) if word.startswith(stem)), None)


class _Mentions(Plain):
    days: frozenset[tuple[int, int]]
    dates: frozenset[tuple[int, int, int]]
    months: frozenset[tuple[int, int]]
    years: frozenset[int]


_DIGIT = re.compile(r"\d")
_NONE = _Mentions(frozenset(), frozenset(), frozenset(), frozenset())


@functools.lru_cache(maxsize=4096)
def _mentions(quote: str) -> _Mentions:
    """Every (month, day), (year, month, day), (year, month) and year that ``quote`` writes."""
    days: set[tuple[int, int]] = set()
    if not _DIGIT.search(quote):
        return _NONE  # every form has digits: most quotes are done here (measured: 0.3 ms a quote otherwise)
    for pattern in _DAYS:
        for match in pattern.finditer(quote):
            month = _month_number(match["m"])
            groups = match.groupdict()
            days.update((month, int(d)) for d in (groups.get("a"), groups.get("b"), groups.get("c")) if d and month)
    dates = {(int(y), int(mo), int(d)) for y, mo, d in _YMD.findall(quote)}
    months = {(y, mo) for y, mo, _ in dates}
    days.update((mo, d) for _, mo, d in dates)
    for pattern in _MONTH_YEAR:
        for match in pattern.finditer(quote):
            month = _month_number(match["m"])
            if month:
                months.add((int(match["y"]), month))
    return _Mentions(frozenset(days), frozenset(dates), frozenset(months), frozenset(map(int, _YEAR.findall(quote))))


def states_date(quote: str, date: PartialDate) -> bool:
    """Whether ``quote`` writes ``date`` as precisely as it is known."""
    found = _mentions(quote)
    if date.month is None:
        return date.year in found.years
    if date.day is None:
        return (date.year, date.month) in found.months
    return (date.month, date.day) in found.days


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


class DateSpan(Plain):
    """A date a text writes, where it writes it (``end`` excluded), and as precisely as it writes it."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


_YEAR_AFTER = re.compile(r"\s*,?\s*(\d{4})(?!\d)(?:\s*(?:года|г\.|년))?")
_MONTH_THEN_YEAR = (
    re.compile(rf"(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월(?!\s*\d)"),
)
_MONTH_STEMS = (*(n[:3] for n in _EN_MONTHS), *_RU_MONTHS)
_YEAR_ALONE = re.compile(r"(?<![\d.,$])((?:19|20)\d{2})(?![\d%,.]\d|\d)(?:\s*(?:년|года|году|г\.))?")


def dates_written(text: str) -> list[DateSpan]:
    """Every date ``text`` writes, in order: days (with the year that follows, if any), months of a year, years.

    The same forms as :func:`states_date` reads (``3 December 2024``, ``Dec. 3``,
    ``12월 3일``, ``2024년 12월 3일``, ``3 декабря 2024``, ``June 2024``, ``1992년``),
    each once: a year that belongs to a day or a month is not also a year alone.
    """
    found: list[DateSpan] = []
    lower = text.lower()
    named = any(stem in lower for stem in _MONTH_STEMS)  # a month's name: the slow patterns are worth running

    def free(start: int, end: int) -> bool:
        return all(end <= s.start or start >= s.end for s in found)

    for match in _YMD.finditer(text):
        end = match.end() + (1 if text[match.end() : match.end() + 1] == "일" else 0)
        found.append(DateSpan(match.start(), end, int(match[1]), int(match[2]), int(match[3])))
    for pattern in (*(_DAYS[:2] if named else ()), *(_DAYS[2:3] if "월" in text else ())):
        for match in pattern.finditer(text):
            month = _month_number(match["m"])
            if month is None or not free(match.start(), match.end()):
                continue
            year_match = _YEAR_AFTER.match(text, match.end())
            year = int(year_match[1]) if year_match else None
            end = year_match.end() if year_match else match.end()
            if text[end - 1] == "." and match["m"].rstrip(".").lower() in _EN_MONTHS:
                end -= 1  # "on 2 December." ends the sentence: the full stop is not an abbreviation's
            found.append(DateSpan(match.start(), end, year, month, int(match.groupdict().get("a") or match["b"])))
    for pattern in (*(_MONTH_THEN_YEAR[:1] if named else ()), *(_MONTH_THEN_YEAR[1:] if "월" in text else ())):
        for match in pattern.finditer(text):
            month = _month_number(match["m"])
            if month is not None and free(match.start(), match.end()):
                found.append(DateSpan(match.start(), match.end(), int(match["y"]), month, None))
    for match in _YEAR_ALONE.finditer(text):
        if free(match.start(), match.end()):
            found.append(DateSpan(match.start(), match.end(), int(match[1]), None, None))
    return sorted(found, key=lambda s: s.start)
