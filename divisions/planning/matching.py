"""How two projects are compared: Thai-aware normalisation of their text, and a score built
from signals (title, objective/target words, place, fiscal years, budget, target group), with
gates that keep projects in different places from being called duplicates."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
THAI_LETTER = "\u0e01-\u0e4e"

# Abbreviations in plan documents and what they stand for, longest first so "ค.ส.ล." is not
# read as "ส." inside it. Short ones count only where no Thai letter comes right before.
ABBREVIATIONS = [
    ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ("ค.ส.ล.", "คอนกรีตเสริมเหล็ก"),
    ("ตร.ม.", "ตารางเมตร"),
    ("ลบ.ม.", "ลูกบาศก์เมตร"),
    ("ตร.กม.", "ตารางกิโลเมตร"),
    ("คสล.", "คอนกรีตเสริมเหล็ก"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ศพด.", "ศูนย์พัฒนาเด็กเล็ก"),
    ("ร.ร.", "โรงเรียน"),
    ("รร.", "โรงเรียน"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
    ("กม.", "กิโลเมตร"),
    ("ถ.", "ถนน"),
    ("ซ.", "ซอย"),
    ("ต.", "ตำบล"),
    ("อ.", "อำเภอ"),
    ("จ.", "จังหวัด"),
]
_ABBREVIATION = re.compile(
    "|".join(rf"(?<![{THAI_LETTER}]){re.escape(short)}" for short, _long in ABBREVIATIONS)
)
_EXPANSION = dict(ABBREVIATIONS)
# ม. is หมู่ (village) before a number and เมตร (metres) after one.
_VILLAGE = re.compile(rf"(?<![{THAI_LETTER}])(?:ม\.|หมู่ที่|หมู่)\s*(\d+)")
_METRES = re.compile(r"(\d)\s*ม\.")
# One name for the corridor, however it is written.
_EEC = re.compile(r"อีอีซี|เขตพัฒนาพิเศษภาคตะวันออก|\beec\b", re.IGNORECASE)
_LEADING = re.compile(r"^\s*(?:โครงการ|project\s+)", re.IGNORECASE)
_NOT_TEXT = re.compile(rf"[^0-9a-z{THAI_LETTER}]+")


def normalise(text: str) -> str:
    """The text as comparisons see it: Thai digits as Arabic ones, abbreviations spelt out,
    หมู่/ม. written one way, no leading โครงการ, no punctuation or spacing."""
    text = unicodedata.normalize("NFC", text).translate(THAI_DIGITS).lower()
    text = _METRES.sub(r"\1 เมตร", text)
    text = _VILLAGE.sub(r" หมู่ที่ \1 ", text)
    text = _ABBREVIATION.sub(lambda match: " " + _EXPANSION[match.group(0)] + " ", text)
    text = _EEC.sub(" eec ", text)
    text = _LEADING.sub("", text.strip())
    return _NOT_TEXT.sub("", text)


_AREA_PREFIX = re.compile(r"^(?:ตำบล|อำเภอ|เขต|แขวง|จังหวัด|district|subdistrict|amphoe|tambon)")


def area_name(text: str) -> str:
    """A district or subdistrict name as comparisons see it: "ต.บ้านบึง" is "บ้านบึง"."""
    return _AREA_PREFIX.sub("", normalise(text))


def village_in(text: str) -> int | None:
    """The village number (หมู่ที่ N) a title names, if it names exactly one."""
    numbers = {int(n) for n in _VILLAGE.findall(text.translate(THAI_DIGITS))}
    return numbers.pop() if len(numbers) == 1 else None


# Kinds of work, recognised in a normalised title, most specific first: a drain "along the
# road" is a drain, a street light is not a road. Two projects of different kinds of work are
# never the same project, however alike their titles.
WORK_KINDS = [
    ("light", ("ไฟฟ้าส่องสว่าง", "ไฟส่องสว่าง", "โคมไฟ", "โซลาร์เซลล์")),
    ("drain", ("ระบายน้ำ",)),
    ("canal", ("ขุดลอก",)),
    ("water", ("ประปา",)),
    ("bridge", ("สะพาน",)),
    ("childcare", ("ศูนย์พัฒนาเด็กเล็ก",)),
    ("training", ("อบรม", "อาชีพ", "ทักษะ")),
    ("cctv", ("กล้องวงจรปิด", "cctv")),
    ("waste", ("ขยะ",)),
    ("road", ("ถนน",)),
]
_SOI = re.compile(r"ซอย(\d+)")
# Named places (บ้าน…) a title gives, e.g. the two ends of a route; not หมู่บ้าน.
_NAMED_PLACE = re.compile(rf"(?<!หมู่)บ้าน([{THAI_LETTER}]+?)(?=[\s\-–—,()/]|หมู่|กับ|ม\.|$)")


def work_kind(match_title: str) -> str:
    return next((kind for kind, words in WORK_KINDS if any(w in match_title for w in words)), "")


def named_places(title: str) -> frozenset[str]:
    return frozenset(_NAMED_PLACE.findall(unicodedata.normalize("NFC", title)))


def soi_numbers(match_title: str) -> frozenset[str]:
    return frozenset(_SOI.findall(match_title))


def fiscal_reach(years) -> list[int]:
    """The years and those either side: a project planned a year apart may be the same."""
    return sorted({y + d for y in years for d in (-1, 0, 1)})


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | {"the", "of", "and", "to", "in", "for", "a"}


def words(text: str) -> list[str]:
    """The meaningful words of a text (pythainlp's newmm segmentation), sorted and unique."""
    from pythainlp.tokenize import word_tokenize

    text = unicodedata.normalize("NFC", text).translate(THAI_DIGITS).lower()
    text = _ABBREVIATION.sub(lambda match: " " + _EXPANSION[match.group(0)] + " ", text)
    text = _EEC.sub(" eec ", text)
    stop = _stopwords()
    found = set()
    for token in word_tokenize(text, engine="newmm", keep_whitespace=False):
        token = _NOT_TEXT.sub("", token)
        if len(token) > 1 and token not in stop:
            found.add(token)
    return sorted(found)


@dataclass(frozen=True)
class Facts:
    """What the score reads of one project."""

    id: int
    title: str  # normalised
    kind: str
    places: frozenset[str]
    sois: frozenset[str]
    title_words: frozenset[str]
    province: str
    district: str
    subdistrict: str
    village: int | None
    words: frozenset[str]
    fiscal_years: frozenset[int]
    budget: float
    target_group: str
    # The gazetteer's codes, where it knows the names.
    district_code: str = ""
    subdistrict_code: str = ""


WEIGHTS = {"title": 0.40, "text": 0.15, "place": 0.20, "years": 0.10, "budget": 0.10,
           "group": 0.05}  # fmt: skip
# What keeps a pair out of both duplicate bands: different areas, villages, sois, named places
# or kinds of work.


def _differ(code_a: str, code_b: str, name_a: str, name_b: str) -> bool:
    """Two areas differ by the gazetteer's codes when both are known (ต.บ้านฉาง and Ban Chang
    are one), else by their names as written."""
    if code_a and code_b:
        return code_a != code_b
    return bool(name_a and name_b and name_a != name_b)


def _place(a: Facts, b: Facts, distance_m: float | None) -> tuple[float | None, str]:
    """How close the two are (0–1), and the gate that rules them apart, if any."""
    if a.province and b.province and a.province != b.province:
        return 0.0, "province"
    if _differ(a.district_code, b.district_code, a.district, b.district):
        return 0.0, "district"
    if _differ(a.subdistrict_code, b.subdistrict_code, a.subdistrict, b.subdistrict):
        return 0.0, "subdistrict"
    if a.village and b.village and a.village != b.village:
        return 0.0, "village"
    if a.sois and b.sois and not a.sois & b.sois:
        return 0.0, "soi"
    # A route from A to B is not one from A to C; a title naming only A may be either.
    if a.places and b.places and not (a.places <= b.places or b.places <= a.places):
        return 0.0, "named_place"
    if distance_m is not None:
        # Touching or overlapping geometries are one place; two kilometres apart, none.
        return max(0.0, 1 - distance_m / 2000), ""
    if a.village and b.village:
        return 1.0, ""
    if a.subdistrict and b.subdistrict:
        return 0.8, ""
    if a.district and b.district:
        return 0.5, ""
    return None, ""


def _ratio(x: float, y: float) -> float | None:
    return min(x, y) / max(x, y) if x > 0 and y > 0 else None


def _years(x: frozenset, y: frozenset) -> float | None:
    """1 when the budgets share a year, ½ when a year apart, else 0."""
    if not (x and y):
        return None
    if x & y:
        return 1.0
    return 0.5 if any(abs(i - j) == 1 for i in x for j in y) else 0.0


def _dice(x: frozenset, y: frozenset) -> float | None:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else None


def bands() -> dict[str, float]:
    return settings.PLANNING_DUPLICATE_BANDS


def score(a: Facts, b: Facts, *, title: float, distance_m: float | None) -> tuple[float, str, dict]:
    """The pair's score (0–1), its band and why: each signal's value, weight and share of the
    score. Signals a pair has no data for are left out and the others weighed up. A gate
    (different province, district, subdistrict or village) keeps the pair out of both
    duplicate bands whatever the titles say."""
    place, gate = _place(a, b, distance_m)
    if not gate and a.kind and b.kind and a.kind != b.kind:
        gate = "work"
    values = {
        # Letters (pg_trgm) or words (pythainlp), whichever finds the titles closer: words
        # catch a reworded title, letters a respelt one.
        "title": max(title, _dice(a.title_words, b.title_words) or 0.0),
        "text": _dice(a.words, b.words),
        "place": place,
        "years": _years(a.fiscal_years, b.fiscal_years),
        "budget": _ratio(a.budget, b.budget),
        "group": (1.0 if a.target_group == b.target_group else 0.0)
        if a.target_group and b.target_group
        else None,
    }
    present = {name: value for name, value in values.items() if value is not None}
    total_weight = sum(WEIGHTS[name] for name in present)
    signals = {
        name: {
            "value": round(value, 3),
            "weight": WEIGHTS[name],
            "share": round(WEIGHTS[name] * value / total_weight, 3),
        }
        for name, value in present.items()
    }
    result = sum(s["share"] for s in signals.values())
    thresholds = bands()
    if gate:
        result = min(result, thresholds["review"] - 0.01)
    band = (
        "probable"
        if result >= thresholds["probable"]
        else "review"
        if result >= thresholds["review"]
        else "unrelated"
    )
    return round(result, 3), band, {"signals": signals, "gate": gate}
