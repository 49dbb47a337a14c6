"""Thai helpers used across the portal: Buddhist-era dates, fiscal years, word segmentation."""

import re
from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie, dict_trie, thai_strftime

from .gazetteer import eec_area_names

BE_OFFSET = 543

DATE_FORMATS = {
    # name: (Thai pattern for thai_strftime, English pattern for strftime)
    "short": ("%-d %b %Y", "%-d %b %Y"),
    "long": ("%-d %B %Y", "%-d %B %Y"),
    "short_time": ("%-d %b %Y %H:%M", "%-d %b %Y %H:%M"),
    "long_time": ("%-d %B %Y เวลา %H:%M น.", "%-d %B %Y, %H:%M"),
}

# Terms of the EEC that pythainlp's dictionary splits wrongly or does not know. Long
# compounds are left out on purpose: their parts are what people search for. Place names
# come from the gazetteer (eec_area_names).
EEC_TERMS = frozenset(
    {
        "อีอีซี",
        "สกพอ.",
        "อบจ.",
        "อบต.",
        "ผลกระทบ",
        "คสล.",
        "ทต.",
        "ทม.",
        "ทน.",
        "รพ.สต.",
        "รพ.",
        "กปภ.",
        "กฟภ.",
        "กนอ.",
        "โครงการ",
        "องค์การ",
        "โยธาธิการ",
    }
)
# Abbreviations people write for what texts also spell out, both found by either form.
ABBREVIATIONS = {
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
    "คสล.": "คอนกรีตเสริมเหล็ก",
    "รพ.สต.": "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "สกพอ.": "สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก",
    "กปภ.": "การประปาส่วนภูมิภาค",
    "กฟภ.": "การไฟฟ้าส่วนภูมิภาค",
    "กนอ.": "การนิคมอุตสาหกรรมแห่งประเทศไทย",
    "รพ.": "โรงพยาบาล",
    "อีอีซี": "EEC",
}
# Words that begin Thai compound nouns (people, places, buildings, water, trades): a compound
# starting with one of them is indexed under its parts too, so สวน finds ชาวสวน. (Not ไฟ,
# นา or รถ: ไฟฟ้า, นาที and รถไฟ are not fire, field or car.)
COMPOUND_HEADS = frozenset({
    "ชาว", "นัก", "ผู้", "ช่าง", "โรง", "ร้าน", "ศูนย์", "สถาน", "ท่า", "บ้าน", "น้ำ", "ถนน",
    "คลอง", "ตลาด", "เขต", "ศาล", "เครื่อง", "ระบบ", "แหล่ง", "บ่อ", "ลาน", "สะพาน", "อ่าง",
    "ป่า", "สวน", "ไร่", "หอ", "ค่าย", "สถานี", "ปั๊ม", "ริม", "แนว", "สนาม",
})  # fmt: skip
MIN_REST_LENGTH = 2
MIN_PART_LENGTH = 4
# Entries that glue a searchable word to a common prefix.
_SPLIT_COMPOUNDS = frozenset({"มีผลกระทบ", "ส่งผลกระทบ"})
# การ makes a noun of the word after it (การลงทุน, การประปา). Kept whole, such entries hide
# that word, and take the การ of words before them: โครงการประปา came out as โครง การประปา.
_NOMINALISER = "การ"
# Dictionary entries longer than this are mostly compounds and proper names (such as
# การท่าเรือแห่งประเทศไทย) that would hide the words inside them from search.
MAX_WORD_LENGTH = 12


@lru_cache(maxsize=1)
def _eec_trie() -> Trie:
    words = {word for word in thai_words() if len(word) <= MAX_WORD_LENGTH}
    nominalised = {
        word
        for word in words
        if word.startswith(_NOMINALISER)
        and len(rest := word.removeprefix(_NOMINALISER)) >= MIN_REST_LENGTH
        and rest in words
    }
    return dict_trie((words - _SPLIT_COMPOUNDS - nominalised) | EEC_TERMS | eec_area_names())


_THAI_SCRIPT = re.compile(r"[\u0e01-\u0e5b]")


def words_in_language(words: list[str], language: str) -> list[str]:
    """The keywords of a list written in the page's language (Thai script on Thai pages, the
    rest on English ones): records keep both in one list. All of them when none is."""
    chosen = [word for word in words if bool(_THAI_SCRIPT.search(word)) == (language == "th")]
    return chosen or list(words)


def known_word(word: str) -> bool:
    """Whether the segmenter's dictionary holds the word."""
    return word in _eec_trie()


def to_be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def to_ce_year(be_year: int) -> int:
    return be_year - BE_OFFSET


def format_date(value: date | datetime, language: str, style: str = "short") -> str:
    """Format a date for a page: Buddhist-era year and Thai month names in Thai, CE in English."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
    elif style.endswith("_time"):
        style = style.removesuffix("_time")
    thai_pattern, english_pattern = DATE_FORMATS[style]
    if language == "th":
        return thai_strftime(value, thai_pattern)
    return value.strftime(english_pattern)


def buddhist_era_format(format_string: str, year: int) -> str:
    """A Django date format whose year letters (Y, y) read the Buddhist-era year: they are
    replaced by that year as escaped literal digits, so month names and the rest are left to
    Django's own Thai formats."""
    be_year = str(to_be_year(year))
    years = {"Y": be_year, "y": be_year[-2:]}
    out, escaped = [], False
    for char in format_string:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in years:
            out.append("".join("\\" + digit for digit in years[char]))
        else:
            out.append(char)
    return "".join(out)


def fiscal_year(value: date) -> int:
    """The Thai fiscal year (BE) containing a date: FY N runs 1 Oct of N-1 to 30 Sep of N."""
    return to_be_year(value.year + 1 if value.month >= 10 else value.year)


def fiscal_year_range(be_year: int) -> tuple[date, date]:
    """First and last day of a fiscal year named by its BE year."""
    ce_year = to_ce_year(be_year)
    return date(ce_year - 1, 10, 1), date(ce_year, 9, 30)


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACES = re.compile(r"\s+")
_NUMBERS = re.compile(r"\d{2,}")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize_digits(text: str) -> str:
    """Replace Thai digits with Arabic ones."""
    return text.translate(_THAI_DIGITS)


def segment(text: str) -> list[str]:
    """Split Thai (and mixed Thai/English) text into words, dropping whitespace tokens; numbers
    in Arabic digits without thousands separators (๑,๒๕๐ and 1250 are one word)."""
    text = _THOUSANDS.sub("", _SPACES.sub(" ", normalize_digits(text))).strip()
    if not text:
        return []
    tokens = word_tokenize(text, custom_dict=_eec_trie(), engine="newmm", keep_whitespace=False)
    return [token for token in (t.strip() for t in tokens) if token]


def tokens_with_spaces(text: str) -> list[str]:
    """Words and the white space between them, so joining the tokens gives the text back."""
    if not text:
        return []
    return word_tokenize(text, custom_dict=_eec_trie(), engine="newmm", keep_whitespace=True)


@lru_cache(maxsize=50_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a compound noun that starts with one of COMPOUND_HEADS and goes on with
    a word or a compound of its own (ชาวสวน → ชาว, สวน; โรงไฟฟ้า → โรง, ไฟฟ้า; สนามเด็กเล่น →
    สนาม, เด็กเล่น, เด็ก, เล่น), the rest split again; or of a word made of two long words
    (พลังงานไฟฟ้า → พลังงาน, ไฟฟ้า); () for any other word. Splitting every dictionary word
    into any words it contains would index คุณภาพ under ภาพ and จังหวัด under หวัด. Place
    names stay whole: บ้านสวน is a subdistrict, not a garden."""
    trie = _eec_trie()
    if word in eec_area_names():
        return ()
    for head in sorted((h for h in COMPOUND_HEADS if word.startswith(h)), key=len, reverse=True):
        rest = word[len(head) :]
        if len(rest) >= MIN_REST_LENGTH and (rest in trie or compound_parts(rest)):
            return (head, rest, *compound_parts(rest))
    # Else two long words of their own (พลังงานไฟฟ้า, เด็กเล่น): short ones are too often
    # syllables that happen to be words (คุณ ภาพ, จัง หวัด).
    for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        first, rest = word[:cut], word[cut:]
        if first in trie and rest in trie:
            return (first, rest, *compound_parts(rest))
    return ()


def index_words(text: str) -> list[str]:
    """What the search index holds beside a text's words: the parts of its compounds, the
    numbers inside other tokens, and the other form of each abbreviation it uses
    (อบจ. ↔ องค์การบริหารส่วนจังหวัด)."""
    words = segment(text)
    extra = [part for word in words for part in compound_parts(word)]
    # Numbers inside other tokens (the year of meeting ๒/๒๕๖๙, a road 4-กิโลเมตร).
    extra += [number for word in words if not word.isdigit() for number in _NUMBERS.findall(word)]
    joined = "".join(words)
    for short, full in ABBREVIATIONS.items():
        if short in words:
            extra += segment(full)
        if full.replace(" ", "") in joined:
            extra.append(short)
    return extra
