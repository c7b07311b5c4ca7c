"""The entities a sentence names: countries, people, documents, topics and places.

Countries and people are found by every spelling the filters resolve
(:func:`silkcli.listings.select.country_choices` and
:func:`~silkcli.listings.select.person_choices`: codes, names, official names,
surnames), by the native names the data records, and by the Korean and Russian
spellings below (the sources' own, where they give one). Documents, topics and
places are found by the words the sources use for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from silkcli.dataset import model as m
from silkcli.listings import select
from silkcli.plain import Plain

#: Other spellings of countries: adjectives and the Korean and Russian names (a Russian stem takes any ending).
COUNTRY_WORDS = {
    "KR": (
        "Korea",
        "Korean",
        "South Korean",
        "한국",
        "대한민국",
        "韓",
        "Корея",
        "Корее",
        "Кореи",
        "Корею",
        "корейск",
    ),
    "KG": ("Kyrgyz", "키르기스스탄", "키르기즈", "키르기스", "Кыргызстан", "Киргизи", "кыргызск", "киргизск"),
    "KZ": ("Kazakh", "카자흐스탄", "Казахстан"),
    "TM": ("Turkmen", "투르크메니스탄", "Туркменистан"),
    "UZ": ("Uzbek", "우즈베키스탄", "Узбекистан"),
    "TJ": ("Tajik", "타지키스탄", "Таджикистан"),
    "CN": ("Chinese", "중국", "Китай", "Китая"),
    "RU": ("Russian", "러시아", "Росси"),
    "BO": ("Bolivian", "볼리비아", "Боливи"),
}
#: Korean and Russian spellings of the people (and the other Latin spellings the sources use).
PERSON_WORDS = {
    "yoon-suk-yeol": ("윤 대통령", "Юн Сок Ё", "Юн Сок Е", "Юн Соккёль"),
    "sadyr-japarov": ("Jhaparov", "Zhaparov", "사디르 자파로프", "자파로프", "Жапаров", "Джапаров"),
    "askar-akayev": ("아스카르 아카예프", "아카예프", "Акаев"),
    "almazbek-atambayev": ("알마즈베크 아탐바예프", "알마즈벡 아탐바예프", "아탐바예프", "Атамбаев"),
    "park-geun-hye": ("Park Geun-hye", "박 대통령", "Пак Кын Хе"),
    "kim-keon-hee": ("김건희", "Ким Гон Хи"),
    "lim-sang-seop": ("임상섭",),
    "boobek-azhikeev": ("Ажикеев",),
}
#: The words that name a document (English, Korean, Russian).
DOCUMENT_WORDS = {
    "doc-forestry-mou": ("forestry", "forest", "산림", "лесн"),
    "doc-edcf-framework-arrangement": ("EDCF", "Economic Development Cooperation Fund", "대외경제협력기금", "ФЭРС"),
    "doc-tipf-mou": ("TIPF", "Trade and Investment Promotion Framework", "무역투자촉진"),
    "doc-dta-protocol": ("double taxation", "double-taxation", "tax treaty", "이중과세", "двойного налогообложения"),
    "doc-energy-minerals-mou": ("critical minerals", "핵심 광물", "critical-minerals", "критическ"),
    "doc-climate-framework-agreement": ("climate change", "기후변화", "изменени климата"),
    "doc-ict-mou": ("ICT", "정보통신", "информационно-коммуникац"),
    "doc-education-mou": ("education", "교육", "образовани"),
    "doc-personnel-moc": ("personnel", "인사행정", "인재개발", "public-sector talent"),
    "doc-mofa-cooperation-program": ("cooperation program", "협력 프로그램", "программ"),
    "doc-joint-statement": ("joint statement", "공동성명", "совместн"),
    "doc-kwater-small-hydropower-mou": (
        "K-water",
        "small hydropower",
        "small-scale hydropower",
        "수자원공사",
        "малых ГЭС",
    ),
    "doc-kotra-export-agency-mou": ("KOTRA", "코트라", "대한무역투자진흥공사"),
    "doc-kita-export-agency-mou": ("KITA", "한국무역협회", "Korea International Trade Association"),
    "doc-koima-export-agency-mou": ("KOIMA", "한국수입협회", "Korea Importers Association"),
}
#: The words that name a topic (vocabulary.topics) or the partnership.
TOPIC_WORDS = {
    "antimony": ("antimony", "안티모니", "안티몬", "сурьм"),
    "hydropower": ("hydropower", "hydroelectric", "hydro", "수력", "гидроэнерг", "ГЭС"),
    "development-finance": ("EDCF", "loan", "차관", "대외경제협력기금", "кредит", "заём", "займ"),
    "partnership": ("Comprehensive Partnership", "comprehensive partnership", "포괄적 동반자", "всеобъемлющ"),
}
#: Places the events are at, by the spellings of the three languages.
PLACE_WORDS = {
    "Seoul": ("Seoul", "서울", "Сеул"),
    "Yongsan": ("Yongsan", "용산", "Йонсан"),
    "Bishkek": ("Bishkek", "비슈케크", "Бишкек"),
    "Ashgabat": ("Ashgabat", "아시가바트", "Ашхабад"),
    "Astana": ("Astana", "아스타나", "Астан"),
    "Tashkent": ("Tashkent", "타슈켄트", "Ташкент"),
    "New York": ("New York", "뉴욕", "Нью-Йорк"),
    "Busan": ("Busan", "부산", "Пусан"),
    "Tokyo": ("Tokyo", "도쿄", "Токио"),
    "Moscow": ("Moscow", "모스크바", "Москв"),
    "Beijing": ("Beijing", "베이징", "Пекин"),
}


_NORTH = re.compile(r"(?:North\s+|북|Северн\w*\s+)$", re.I)


class Mention(Plain):
    """One entity named in a sentence: its kind, its id and where."""

    kind: str
    id: str
    start: int
    end: int


class Names:
    """Finds the entities a sentence names, with patterns built once per dataset.

    Every spelling but a code is matched in one pass over the lower-cased sentence (a case-sensitive
    alternation of literals lets ``re`` skip ahead by their first letters: with ``re.I`` and a pattern
    per entity, finding the names cost 2 ms a sentence, now 0.1 ms); Latin spellings must stand as
    whole words (``'s`` may follow), Korean and Russian ones are stems. Codes (``KR``, ``KGZ``) match
    in capitals only.
    """

    def __init__(self, ds: m.Dataset) -> None:
        countries = {c.id: [c.id, c.name or "", *c.aliases] for c in select.country_choices(ds)}
        for code, words in COUNTRY_WORDS.items():
            countries.setdefault(code, []).extend(words)
        people = {p.id: [p.name or "", *p.aliases] for p in select.person_choices(ds)}
        for person in ds.people:
            people[person.id] += [person.native_name] if person.native_name else []
        for pid, words in PERSON_WORDS.items():
            people.setdefault(pid, []).extend(words)
        known = {d.id for d in ds.documents}
        tables: dict[str, Mapping[str, Sequence[str]]] = {
            "country": countries,
            "person": people,
            "document": {k: v for k, v in DOCUMENT_WORDS.items() if k in known},
            "topic": TOPIC_WORDS,
            "place": PLACE_WORDS,
        }
        owners: dict[str, dict[str, set[str]]] = {}
        self._codes: dict[str, str] = {}
        for kind, table in tables.items():
            for ident, spellings in table.items():
                for word in filter(None, spellings):
                    if kind == "country" and word.isascii() and word.isupper() and len(word) <= 3:
                        self._codes[word] = ident
                    else:
                        owners.setdefault(word.lower(), {}).setdefault(kind, set()).add(ident)
        # a spelling two entities of one kind share names neither (as the filters call it ambiguous)
        self._named = {w: [(k, min(ids)) for k, ids in kinds.items() if len(ids) == 1] for w, kinds in owners.items()}
        self._words = re.compile(_either(owners))
        self._code_pattern = re.compile(_either(self._codes))

    def find(self, sentence: str) -> list[Mention]:
        """Every entity ``sentence`` names, in order (an entity once per place it is named)."""
        lower = sentence.lower()
        if len(lower) != len(sentence):  # a letter whose lower case is longer ('İ'): keep the offsets
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in sentence)
        found = []
        at = 0
        while match := self._words.search(lower, at):
            start, end = match.span()
            at = start + 1
            if match[0].isascii():
                end += 2 if lower.startswith("'s", end) else 0
                if (start and _WORDY.match(lower, start - 1)) or _WORDY.match(lower, end):
                    continue
            else:
                end = _word_end(lower, end)
            at = end
            for kind, ident in self._named[match[0]]:
                if not (ident == "KR" and _NORTH.search(sentence, 0, start)):
                    found.append(Mention(kind, ident, start, end))
        for match in self._code_pattern.finditer(sentence):
            before = match.start() > 0 and _CODE_EDGE.match(sentence, match.start() - 1)
            if not before and not _CODE_EDGE.match(sentence, match.end()):
                found.append(Mention("country", self._codes[match[0]], match.start(), match.end()))
        return sorted(found, key=lambda n: (n.start, n.kind))


_WORDY = re.compile(r"\w")
_CODE_EDGE = re.compile(r"[\w$]")
_CYRILLIC_TAIL = re.compile(r"[а-яё]*")


def _word_end(lower: str, end: int) -> int:
    """Where a named word ends: a Russian stem's ending (``Сеул|е``) belongs to it."""
    if end and ("а" <= lower[end - 1] <= "я" or lower[end - 1] == "ё"):
        tail = _CYRILLIC_TAIL.match(lower, end)
        return tail.end() if tail else end
    return end


def _either(spellings: Iterable[str]) -> str:
    """An alternation of literal spellings, longest first (so ``sadyr japarov`` wins over ``japarov``)."""
    return "|".join(map(re.escape, sorted(set(spellings), key=len, reverse=True))) or "(?!)"
