"""The checkable claims of one sentence: each a value of a kind, where the sentence writes it.

Kinds: ``date`` (a day, a month of a year, a year), ``count`` (``12 agreements``,
``ten documents``, ``10개 문서``, ``10 документов``), ``amount`` (``US$500 million``,
``5억 달러``, ``500 млн долларов``), ``share`` (``13%``, ``0.05 percent``,
``90 процентов``), ``rank`` (``fourth-largest``, ``4th``, ``4위``), ``years``
(``the first … in 11 years``, ``16년 만에``, ``впервые за 11 лет``, ``32 years``),
``office`` (``President Japarov``, ``자파로프 대통령``), ``place`` (``in Seoul``,
``서울에서``, ``в Сеуле``); who signed what is found by :mod:`silkcli.check.judge`
from the people and documents a sentence names.
"""

from __future__ import annotations

import re

from silkcli.dataset.written_forms import DateSpan, dates_written
from silkcli.plain import Plain

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20,
    "twenty-two": 22, "thirty-two": 32, "десять": 10, "двенадцать": 12, "одиннадцать": 11, "열": 10,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "перв": 1, "втор": 2, "трет": 3, "четв": 4, "пят": 5, "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5,
}  # fmt: skip
_NUM = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_COUNTS = (
    re.compile(
        rf"(?<![\w.,]){_NUM}\s+(?:more\s+|other\s+|separate\s+|bilateral\s+|cooperation\s+)?"
        r"(agreements?|documents?|deals?|accords?|pacts?|MOUs|memorand\w+)\b",
        re.I,
    ),
    re.compile(r"(?<![\d.])(\d+)\s*(?:개|건|종)\s*(?:\([^)]*\))?\s*(?:의\s*)?(문서|문건|협정|협약|MOU|양해각서)"),
    re.compile(r"(문서|문건|협정|협약|MOU|양해각서)\s*(\d+)\s*(?:개|건|종)"),
    re.compile(rf"(?<![\w.,]){_NUM}\s+(документ\w*|соглашени\w*|меморандум\w*)", re.I),
)
_SHARE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(%|percent\b|per cent\b|퍼센트|процент\w*)", re.I)
_AMOUNTS = (
    re.compile(r"(?:US\s?\$|USD\s?|\$)\s?(\d+(?:[.,]\d+)?)\s*(million|billion|mln|bn)?\b", re.I),
    re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*(million|billion)\s+(?:US\s)?(?:dollars|USD)\b", re.I),
    re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(억|만|천만)\s*(?:미국\s*)?(?:달러|불)"),
    re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*(млн|млрд|миллион\w*|миллиард\w*)\.?\s*(?:долл\w*|\$)", re.I),
)
_SCALE = {"million": 1e6, "mln": 1e6, "млн": 1e6, "миллион": 1e6, "billion": 1e9, "bn": 1e9, "млрд": 1e9,
          "миллиард": 1e9, "억": 1e8, "만": 1e4, "천만": 1e7}  # fmt: skip
_RANKS = (
    re.compile(r"\b(first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))[- ](?:largest|biggest|place)\b", re.I),
    re.compile(r"\branks?\s+(?:the\s+)?(first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\b", re.I),
    re.compile(r"(?<!\d)(\d+)\s*위"),
    re.compile(r"(첫|두|세|네|다섯)\s*번째로\s*(?:큰|많은)"),
    re.compile(r"(?<!\d)(\d+)-?(?:е|м)\s+мест\w*|(перв|втор|трет|четв[её]рт|пят)\w*\s+мест\w*", re.I),
    re.compile(r"(перв|втор|трет|четв[её]рт|пят)\w*\s+(?:по величине|крупнейш)\w*", re.I),
)
_YEARS = (
    re.compile(rf"\b(?:in|after)\s+{_NUM}\s+years\b", re.I),
    re.compile(r"(?<!\d)(\d+)\s*년\s*만에"),
    re.compile(r"(?:впервые\s+)?за\s+(\d+)\s+(?:лет|года?)\b", re.I),
    re.compile(rf"\b{_NUM}\s+years\s+(?:ago|earlier|after|since)\b", re.I),
    re.compile(r"(?:수교|외교\s*관계)[^.]{0,20}?(\d+)\s*(?:주년|년)"),
)
_QUALIFIERS = (
    ("up to", re.compile(r"(?:up to|at most|as much as|no more than|a maximum of|within)\s+"
                         r"(?:a\s+ceiling\s+of\s+)?$", re.I)),
    ("over", re.compile(r"(?:over|more than|above|at least|upwards of|более|свыше|больше)\s+$", re.I)),
    ("about", re.compile(r"(?:about|around|roughly|approximately|some|nearly|almost|close to|an estimated|estimated|"
                         r"около|почти|примерно|порядка|약)\s+$", re.I)),
)  # fmt: skip
_KO_AFTER = (("over", re.compile(r"^\s*이상")), ("about", re.compile(r"^\s*(?:가까이|정도|안팎|가량)")),
             ("up to", re.compile(r"^\s*(?:한도|이내|까지)")))  # fmt: skip


class Claim(Plain):
    """One checkable value in a sentence."""

    kind: str
    start: int
    end: int
    #: the number a count, amount, share, rank or years claim states (an amount in its currency's units)
    number: float | None = None
    #: "", "about", "over" or "up to": how the sentence bounds the number
    qualifier: str = ""
    date: DateSpan | None = None
    #: an amount's currency, a count's noun
    unit: str = ""


#: Words one of which a sentence must have for the patterns of a kind to run (the patterns cost ten
#: times what these tests do, and most sentences have claims of one or two kinds).
_NEEDS = {
    "amount": ("$", "usd", "dollar", "달러", "불", "долл"),
    "count": ("agreement", "document", "deal", "accord", "pact", "mou", "memorand", "문서", "문건", "협정",
              "협약", "양해각서", "документ", "соглашен", "меморандум"),
    "share": ("%", "percent", "per cent", "퍼센트", "процент"),
    "rank": ("largest", "biggest", "place", "rank", "위", "번째", "мест", "величин", "крупнейш"),
    "years": ("year", "년", "лет", "год"),
}  # fmt: skip
_DIGIT = re.compile(r"\d")


def _may(kind: str, lower: str) -> bool:
    return any(word in lower for word in _NEEDS[kind])


def find_claims(sentence: str) -> list[Claim]:
    """Every claim ``sentence`` makes that a check can read, in order (overlapping ones: the first found)."""
    found: list[Claim] = []
    lower = sentence.lower()

    def add(claim: Claim) -> None:
        if all(claim.end <= c.start or claim.start >= c.end for c in found):
            found.append(claim)

    for pattern in _AMOUNTS if _may("amount", lower) else ():
        for match in pattern.finditer(sentence):
            add(_amount(sentence, match))
    for pattern in _COUNTS if _may("count", lower) else ():
        for match in pattern.finditer(sentence):
            number, noun = (match[2], match[1]) if pattern.pattern.startswith("(문서") else (match[1], match[2])
            add(Claim("count", match.start(), match.end(), _number(number), _qualifier(sentence, match), unit=noun))
    for match in _SHARE.finditer(sentence) if _may("share", lower) else ():
        add(Claim("share", match.start(), match.end(), _number(match[1]), _qualifier(sentence, match), unit="%"))
    for kind, patterns in (("rank", _RANKS), ("years", _YEARS)):
        for pattern in patterns if _may(kind, lower) else ():
            for match in pattern.finditer(sentence):
                value = _number(next(g for g in match.groups() if g))
                if value is not None:
                    add(Claim(kind, match.start(), match.end(), value))
    for span in dates_written(sentence) if _DIGIT.search(sentence) else ():
        add(Claim("date", span.start, span.end, date=span))
    return sorted((c for c in found if c.kind == "date" or c.number is not None), key=lambda c: c.start)


def _amount(sentence: str, match: re.Match[str]) -> Claim:
    scale_word = (match[2] or "").lower()
    scale = next((v for k, v in _SCALE.items() if scale_word.startswith(k)), 1.0) if scale_word else 1.0
    digits = _number(match[1])
    value = None if digits is None else digits * scale
    return Claim("amount", match.start(), match.end(), value, _qualifier(sentence, match), unit="USD")


def _number(text: str) -> float | None:
    """12 for ``12``, ``twelve``, ``12th``, ``fourth`` or ``네``; 0.05 for ``0.05`` or ``0,05``."""
    word = text.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    for stem, value in _ORDINALS.items():
        if word.startswith(stem):
            return float(value)
    digits = re.sub(r"(?:st|nd|rd|th)$", "", word).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _qualifier(sentence: str, match: re.Match[str]) -> str:
    """How the words around a number bound it: ``up to``, ``over``, ``about`` or nothing."""
    before = sentence[max(0, match.start() - 30) : match.start()]
    after = sentence[match.end() : match.end() + 8]
    for name, pattern in _QUALIFIERS:
        if pattern.search(before):
            return name
    return next((name for name, pattern in _KO_AFTER if pattern.search(after)), "")
