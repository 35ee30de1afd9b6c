"""How each language says a value without digits: number words, "24/7", duals.

QA compares the numbers of a translation with its source. Translators write
small counts as words ("zwei Werktage", "两个工作日", "세 번"), the Arabic dual
as a noun form with no number at all ("يومَي عمل" = two business days), and
"24/7" as a phrase ("rund um die Uhr", "круглосуточно", "7/24"). These forms
only ever *satisfy* a source value that the digits did not; they never count
as extra numbers, because "un", "bir" or "一" are also articles and parts of words.

Cardinal and ordinal words come from num2words; CLDR has no spelled-out
numbers in Babel. The lists below add what num2words leaves out: gender and
case forms, Korean native numerals, Chinese 两, Arabic duals, and the 24/7
phrasing, which no library collects.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache

from num2words import num2words

SMALL = range(1, 13)  # counts a style guide lets a translator spell out

# num2words' language code for a Babel language, where they differ.
_NUM2WORDS = {"pt": "pt_BR", "zh": "ja"}  # Chinese numerals as in Japanese kanji

# Forms num2words does not give: (language, number) -> extra words.
_EXTRA_WORDS: dict[str, dict[int, str]] = {
    "de": {1: "ein eine einen einem einer eines"},
    "es": {1: "un una", 2: "ambos ambas"},
    "fr": {1: "une première", 2: "second seconde"},
    "it": {1: "un una un'"},
    "pt": {1: "uma primeira", 2: "duas ambos ambas segunda"},
    "ru": {
        1: "одна одно одного одной одну сутки",
        2: "две двух двум двумя оба обе",
        3: "трёх трех трем тремя",
        4: "четырёх четырех",
        8: "восьми",
    },
    "uk": {
        1: "одна одне одного однієї одну добу",
        2: "дві двох двом двома обидва обидві",
        3: "трьох",
        4: "чотирьох",
        8: "восьми",
    },
    "tr": {},
    "id": {1: "sehari sejam sekali", 2: "kedua"},
    "vi": {1: "nhất", 4: "tư"},
    "ko": {
        1: "한 하루 첫",
        2: "두 이틀 둘",
        3: "세 사흘 셋",
        4: "네 나흘 넷",
        5: "다섯",
        6: "여섯",
        7: "일곱",
        8: "여덟",
        9: "아홉",
        10: "열",
        11: "열한",
        12: "열두",
    },
    "ja": {1: "一つ ひとつ", 2: "二つ ふたつ 両", 3: "三つ みっつ"},
    "zh": {2: "两 兩 俩 倆"},
    "ar": {1: "واحد واحدة", 2: "اثنين اثنتين اثنتان"},
}

# Arabic counts one and two with the noun alone: "خلال ساعة" (within 1 hour),
# "خلال ساعتين" (within 2 hours). Singular nouns that can carry such a count.
_ARABIC_COUNTABLE = [
    "يوم",
    "ساعة",
    "دقيقة",
    "ثانية",
    "أسبوع",
    "شهر",
    "سنة",
    "عام",
    "مرة",
    "تأكيد",
    "خطوة",
    "جهاز",
    "رمز",
    "عملة",
    "طريقة",
    "وثيقة",
    "حساب",
    "محاولة",
    "صورة",
    "رسالة",
    "ورقة",
    "عنوان",
    "شبكة",
]

# "24/7" and its phrasing. Digits are folded to ASCII before these are applied.
ALWAYS_NUMERIC = r"24\s*/\s*7|7\s*/\s*24|24\s*[x×*]\s*7|7\s*[x×*]\s*24|24\s*h?\s*/\s*24|7\s*j?\s*/\s*7|\bH24\b"
_ALWAYS_EN = r"(?:a)?round[- ]the[- ]clock|24 hours a day(?:,? 7 days a week)?|day and night|all day, every day"
_ALWAYS: dict[str, str] = {
    "ar": r"على مدار (?:الساعة|اليوم)|طوال (?:ال)?(?:يوم|أيام الأسبوع|الأسبوع)|24 ساعة(?: يوميًا| في اليوم)?"
    r"|7 أيام في الأسبوع|ليلًا ونهارًا|ليلا ونهارا|باستمرار|دون انقطاع|دائمًا|دائما",
    "de": r"rund um die Uhr|24 Stunden(?: am Tag| täglich)?|(?:an )?7 Tagen? (?:die|pro|in der) Woche|durchgehend"
    r"|laufend|ständig|jederzeit|immer",
    "es": r"(?:las )?24 horas(?: del día| al día)?|(?:los )?7 días (?:de la|a la) semana|día y noche"
    r"|(?:de forma|de manera) continua|continuamente|sin interrupción|en todo momento|siempre",
    "fr": r"24 ?h(?:eures)? ?(?:/|sur) ?24|7 ?j(?:ours)? ?(?:/|sur) ?7|jour et nuit|en continu|en permanence"
    r"|à toute heure|à tout moment|toujours",
    "id": r"24 jam(?: sehari| setiap hari| nonstop| penuh)?|7 hari (?:seminggu|dalam seminggu)|sepanjang waktu"
    r"|siang dan malam|terus-menerus|setiap saat|kapan saja|selalu",
    "it": r"24 ?(?:ore|h) (?:su 24|al giorno)|7 giorni su 7|giorno e notte|di continuo|continuamente|senza sosta"
    r"|in qualsiasi momento|in ogni momento|costantemente|sempre",
    "ja": r"24\s*時間|365\s*日|年中無休|昼夜を問わず|昼夜問わず|終日|常時|随時|いつでも|常に|常時",
    "ko": r"연중무휴|24\s*시간|365\s*일|밤낮없이|상시|언제든지?|항상",
    "pt": r"24 horas(?: por dia)?|7 dias por semana|dia e noite|o tempo todo|continuamente|sem interrupção"
    r"|a qualquer (?:hora|momento)|sempre",
    "ru": r"круглосуточн\w*|без выходных|24 часа(?: в сутки)?|7 дней в неделю|постоянно|в любое время|всегда",
    "tr": r"günün her saati|24 saat|haftanın 7 günü|kesintisiz|sürekli|her an|her zaman",
    "uk": r"цілодобов\w*|без вихідних|24 години(?: на добу)?|7 днів на тиждень|постійно|будь-коли|у будь-який час|завжди",
    "vi": r"24 giờ(?: mỗi ngày| một ngày)?|7 ngày (?:mỗi|một|trong) tuần|suốt ngày đêm|liên tục|mọi lúc|bất cứ lúc nào|luôn luôn|luôn",
    "zh": r"24\s*小[时時]|全天候|全年无休|全年無休|全天|365\s*天|不间断|不間斷|随时|隨時|实时|即時|即时|始终|始終|一直|总是|總是",
}

# Scale words after a number: "1.5 million", "1,5 Millionen", "10 mil" (es, pt: ten thousand).
# An amount followed by one of these may mean either value; CJK 万/億 are read as digits.
SCALES: dict[int, str] = {
    1_000: "thousand mil mila tausend tsd тыс тис тысяч тысячи тысяча тисяч тисячі тисяча bin ribu nghìn ngàn ألف آلاف",
    1_000_000: "million millions mio mln млн millionen millón millones milione milioni milhão milhões миллион миллиона"
    " миллионов мільйон мільйона мільйонів milyon juta triệu مليون ملايين",
    1_000_000_000: "billion billions mrd mld млрд milliarde milliarden milliard milliards miliardo miliardi bilhão"
    " bilhões миллиард миллиарда миллиардов мільярд мільярда мільярдів milyar miliar tỷ مليار",
}
SCALE_PATTERN = re.compile(
    r"[ \u00a0\u202f](?P<scale>"
    + "|".join(sorted({w for ws in SCALES.values() for w in ws.split()}, key=len, reverse=True))
    + r")(?!\w)\.?",
    re.IGNORECASE,
)
SCALE_OF = {w: n for n, ws in SCALES.items() for w in ws.split()}

# English words that say a count the translation may write in digits
# ("a day" -> "1日", "twice" -> "2回").
_ENGLISH_COUNTS = {
    1: "a an one once single per each every daily first",
    2: "two twice both pair couple double second",
    3: "three third",
    4: "four fourth",
    5: "five fifth",
    6: "six sixth",
    7: "seven seventh weekly",
    8: "eight eighth",
    9: "nine ninth",
    10: "ten tenth",
    11: "eleven eleventh",
    12: "twelve twelfth dozen",
}
# Words whose measure a translation may give in digits: "half an hour" -> "30 Minuten",
# "a week" -> "7 days", "a day" -> "24時間".
_ENGLISH_MEASURES: dict[str, tuple[str, ...]] = {
    "half": ("0.5", "30"),
    "quarter": ("0.25", "15"),
    "week": ("7",),
    "weeks": ("7",),
    "fortnight": ("14",),
    "day": ("24",),
    "hour": ("60",),
    "month": ("30",),
    "year": ("12", "365"),
    "hundred": ("100",),
    "thousand": ("1000",),
    "million": ("1000000",),
}

_MARKS = re.compile(r"[\u064b-\u0652\u0640]")  # Arabic vowel marks and tatweel: optional in writing


_ALEFS = str.maketrans("أإآ", "ااا")  # hamza on alef is often left out: "الأول" and "الاول" are one word


def strip_marks(text: str) -> str:
    """Text without Arabic vowel marks and alef variants, so "يومَي" and "يومي" compare equal (length changes)."""
    return _MARKS.sub("", text).translate(_ALEFS)


@cache
def words_for(language: str) -> dict[int, tuple[str, ...]]:
    """number -> the words (cardinal, ordinal, extra forms) a language writes it with, casefolded."""
    code = _NUM2WORDS.get(language, language)
    found: dict[int, set[str]] = {n: set() for n in SMALL}
    for n in SMALL:
        for kind in ("cardinal", "ordinal"):
            try:
                found[n].add(num2words(n, lang=code, to=kind).casefold())
            except (NotImplementedError, OverflowError, KeyError, AttributeError, TypeError, ValueError):
                continue  # a language without that form in num2words: the extra list covers it
        found[n].update(_EXTRA_WORDS.get(language, {}).get(n, "").split())
        if language == "ar":
            found[n] = {strip_marks(w) for w in found[n] | _arabic_variants(found[n], n)}
    return {
        n: tuple(sorted(w for w in words if w and (language in ("ja", "zh") or not w.isdigit())))
        for n, words in found.items()
    }


def _arabic_variants(words: set[str], n: int) -> set[str]:
    """Arabic words without marks; numbers 3-10 in both genders; the noun forms for 1 and 2."""
    variants = {strip_marks(w) for w in words}
    if 3 <= n <= 10:
        variants |= {w[:-1] for w in variants if w.endswith("ة")} | {w + "ة" for w in variants if not w.endswith("ة")}
    if n == 1:
        variants |= set(_ARABIC_COUNTABLE)
    if n == 2:
        variants |= _arabic_duals()
    return variants


def _arabic_duals() -> set[str]:
    """Dual forms of the countable nouns: nominative -ان, oblique -ين, construct -ي (ة becomes ت)."""
    duals = set()
    for noun in _ARABIC_COUNTABLE:
        stem = noun[:-1] + "ت" if noun.endswith("ة") else noun
        duals |= {stem + "ان", stem + "ين", stem + "ي", stem + "ا"}
    return duals


@cache
def word_pattern(language: str, n: int) -> re.Pattern[str] | None:
    """A pattern that finds n written as a word in a text of `language` (casefolded, Arabic marks removed)."""
    words = words_for(language).get(n, ())
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if language in ("ja", "zh"):
        # No spaces: a numeral stands between non-numerals (十二 is 12, not 十 and 二).
        numerals = "一二三四五六七八九十两兩"
        return re.compile(rf"(?<![{numerals}])(?:{alternatives})(?![{numerals}])")
    if language == "ar":
        return re.compile(rf"(?<!\w)(?:[وبلف]?(?:ال)?)(?:{alternatives})(?!\w)")
    if language in ("ru", "uk"):
        # Case endings replace the last letter: пять -> пяти, пятью; десять -> десяти.
        stems = sorted({w[:-1] if len(w) >= 4 else w for w in words}, key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in stems)})\w{{0,3}}(?!\w)")
    if language in ("de", "tr"):
        # Endings added to the word: "zweiten", "ikinci", "iki'si".
        endings = {"de": "(?:e|en|er|em|es|n|s)?", "tr": r"(?:'?\w{0,3})"}[language]
        return re.compile(rf"(?<!\w)(?:{alternatives}){endings}(?!\w)")
    if language == "ko":
        return re.compile(rf"(?<![가-힣])(?:{alternatives})(?=\s|번|개|가지|명|시간|달|주|차례|째|$)")
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def always_pattern(language: str) -> re.Pattern[str]:
    """ "24/7" in digits or in the language's (or English) phrasing."""
    phrases = [ALWAYS_NUMERIC, _ALWAYS_EN]
    if language in _ALWAYS:
        phrases.append(_ALWAYS[language])
    return _compiled("|".join(f"(?:{p})" for p in phrases))


def numeric_always() -> re.Pattern[str]:
    """ "24/7" in digits only ("7/24", "24h/24"), whatever the language."""
    return _compiled(ALWAYS_NUMERIC)


def english_always() -> re.Pattern[str]:
    """How the English source says "24/7"."""
    return _compiled(f"(?:{ALWAYS_NUMERIC})|(?:{_ALWAYS_EN})")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def english_counts(source: str) -> frozenset[Decimal]:
    """The counts and measures an English source says in words."""
    words = set(re.findall(r"[a-z]+", source.casefold()))
    counts = {Decimal(n) for n, spelled in _ENGLISH_COUNTS.items() if words & set(spelled.split())}
    counts |= {Decimal(v) for word in words & _ENGLISH_MEASURES.keys() for v in _ENGLISH_MEASURES[word]}
    return frozenset(counts)


def normalize_for_words(text: str) -> str:
    """Casefolded NFC text without Arabic marks: what word patterns search."""
    return strip_marks(unicodedata.normalize("NFC", text).casefold())
