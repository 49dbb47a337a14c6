"""Place names in Thai and English: Thailand's provinces, districts and subdistricts (the
geothai package, from the Department of Provincial Administration's codes) and the EEC's own
landmarks, so a reader may type a place in either script, with or without tone marks."""

import re
from functools import cache, lru_cache

import geothai
from django.utils.translation import get_language

# EEC places that are not administrative areas (ports, airports, estates, cities), and
# spellings of areas more usual than the gazetteer's.
EEC_PLACES = [
    ("แหลมฉบัง", "Laem Chabang"),
    ("มาบตาพุด", "Map Ta Phut"),  # the usual spelling; the gazetteer has Map Taphut
    ("อู่ตะเภา", "U-Tapao"),
    ("พัทยา", "Pattaya"),
    ("สุวรรณภูมิ", "Suvarnabhumi"),
    ("วังจันทร์วัลเลย์", "Wang Chan Valley"),
    ("อมตะซิตี้", "Amata City"),
    ("บางแสน", "Bang Saen"),
    ("จอมเทียน", "Jomtien"),
    ("เกาะเสม็ด", "Koh Samet"),
    ("เกาะล้าน", "Koh Larn"),
    ("หนองมน", "Nong Mon"),
    ("หาดแม่รำพึง", "Mae Ramphueng Beach"),
    ("เขาเขียว", "Khao Kheow"),
    # Spellings in common use beside the gazetteer's.
    ("เกาะสีชัง", "Koh Sichang"),
    ("ศรีราชา", "Sriracha"),
    ("ชลบุรี", "Chonburi"),
    ("อู่ตะเภา", "Utapao"),
]
_TONE_MARKS = re.compile("[\u0e48-\u0e4b]")
_NOT_LETTERS = re.compile(r"[^\w\u0e00-\u0e7f]+")
# Administrative prefixes readers add or leave out: อ. (amphoe), ต. (tambon), จ. (changwat).
_PREFIXES = re.compile(r"^(จังหวัด|อำเภอ|ตำบล|จ\.|อ\.|ต\.)\s*")
_ASPIRATED_H = re.compile(r"(?<=[bcdgkpt])h")
_SRI = re.compile(r"^sri")
_KOH = re.compile(r"^koh")


def place_key(text: str) -> str:
    """A place name as looked up: lower case, no spaces or punctuation, no tone marks, no
    administrative prefix (Map Ta Phut, map taphut and Map-Ta-Phut are one key), and the
    romanisations' variants made one: the h of aspirated consonants (Phanat Nikhom, Panat
    Nikom), Sri and Si, Koh and Ko (Koh Sichang, Ko Si Chang)."""
    text = _PREFIXES.sub("", text.strip())
    key = _NOT_LETTERS.sub("", _TONE_MARKS.sub("", text.lower())).replace("_", "")
    key = _KOH.sub("ko", _SRI.sub("si", key))
    return _ASPIRATED_H.sub("", key)


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[tuple[str, str]]]:
    pairs = set(EEC_PLACES)
    for province in geothai.provinces():
        pairs.add((province.name_th, province.name_en))
        for district in geothai.districts(province.code):
            pairs.add((district.name_th.removeprefix("เขต"), district.name_en))
            for subdistrict in geothai.subdistricts(district.code):
                pairs.add((subdistrict.name_th, subdistrict.name_en))
    names: dict[str, set[tuple[str, str]]] = {}
    for thai, english in pairs:
        for key in (place_key(thai), place_key(english)):
            if len(key) >= 3:
                names.setdefault(key, set()).add((thai, english))
    return {key: frozenset(found) for key, found in names.items()}


EEC_PROVINCE_CODES = ("20", "21", "24")  # Chon Buri, Rayong, Chachoengsao


@lru_cache(maxsize=1)
def eec_area_names() -> frozenset[str]:
    """Thai names of the EEC's places (EEC_PLACES), its provinces' districts and
    subdistricts, and every province: words for the segmenter to keep whole (บางปลาสร้อย is
    a place, not บาง ปลา สร้อย). Not the "Mueang" districts (เมืองระยอง): a text naming one
    names its province too."""
    names = {thai for thai, _english in EEC_PLACES}
    names.update(province.name_th for province in geothai.provinces())
    for code in EEC_PROVINCE_CODES:
        for district in geothai.districts(code):
            names.add(district.name_th)
            names.update(subdistrict.name_th for subdistrict in geothai.subdistricts(district.code))
    return frozenset(name for name in names if not name.startswith("เมือง"))


def place_names(text: str) -> list[tuple[str, str]]:
    """The places (Thai name, English name) the text names exactly; [] when it names none."""
    return sorted(_names().get(place_key(text), ()))


def _province_digits(province: str) -> str:
    return province.removeprefix("TH-")


def _area_key(text: str) -> str:
    """A district or subdistrict as written in a form: อ./ต. prefixes, tone marks, spacing and
    romanisation variants do not matter (place_key), and "เมือง" alone is the capital district
    (matched by the caller)."""
    return place_key(text.removeprefix("เขต"))


@cache
def _districts(province: str) -> dict[str, geothai.District]:
    found = {}
    for district in geothai.districts(_province_digits(province)):
        for name in (district.name_th, district.name_en):
            found.setdefault(_area_key(name), district)
        if district.name_th.startswith("เมือง"):
            found.setdefault(_area_key("เมือง"), district)
            found.setdefault("mueang", district)
    return found


@cache
def _subdistricts(district_code: str) -> dict[str, geothai.Subdistrict]:
    found = {}
    for subdistrict in geothai.subdistricts(district_code):
        for name in (subdistrict.name_th, subdistrict.name_en):
            found.setdefault(_area_key(name), subdistrict)
    return found


def district_find(province: str, name: str) -> geothai.District | None:
    """The province's ("TH-20") district a form names, however loosely: "อ.บางละมุง",
    "Bang Lamung", "อำเภอเมือง"."""
    return _districts(province).get(_area_key(name)) if province and name.strip() else None


def subdistrict_find(district_code: str, name: str) -> geothai.Subdistrict | None:
    return _subdistricts(district_code).get(_area_key(name)) if district_code and name else None


def _closest(key: str, options: dict, limit: int) -> list:
    from difflib import get_close_matches

    seen, found = set(), []
    for match in get_close_matches(key, list(options), n=limit * 2, cutoff=0.6):
        area = options[match]
        if area.code not in seen:
            seen.add(area.code)
            found.append(area)
    return found[:limit]


def district_suggest(province: str, name: str, limit: int = 3) -> list[geothai.District]:
    """The districts of the province closest in spelling to a name it does not have."""
    return _closest(_area_key(name), _districts(province), limit) if province else []


def subdistrict_suggest(district_code: str, name: str, limit: int = 3) -> list:
    return _closest(_area_key(name), _subdistricts(district_code), limit) if district_code else []


def area_codes(province: str, district: str, subdistrict: str) -> tuple[str, str]:
    """The gazetteer's codes of a district and subdistrict given by name ("", "" for those
    it does not know)."""
    found = district_find(province, district)
    if found is None:
        return "", ""
    place = subdistrict_find(found.code, subdistrict)
    return found.code, place.code if place else ""


def subdistrict_in_province(province: str, name: str) -> geothai.Subdistrict | None:
    """The province's one subdistrict of that name, for forms that give no district (None when
    none or several districts have one)."""
    if not province or not name.strip():
        return None
    key = _area_key(name)
    found = {
        place.code: place
        for district in geothai.districts(_province_digits(province))
        if (place := _subdistricts(district.code).get(key))
    }
    return next(iter(found.values())) if len(found) == 1 else None


def area_label(code: str, written: str) -> str:
    """A district (4-digit code) or subdistrict (6) in the active language, as the gazetteer
    names it; the name as written where there is no code."""
    area = (geothai.district if len(code) == 4 else geothai.subdistrict)(code) if code else None
    if area is None:
        return written
    return area.name_th if (get_language() or "th").startswith("th") else area.name_en
