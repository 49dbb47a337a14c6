"""Place names in Thai and English: Thailand's provinces, districts and subdistricts (the
geothai package, from the Department of Provincial Administration's codes) and the EEC's own
landmarks, so a reader may type a place in either script, with or without tone marks."""

import re
from functools import lru_cache

import geothai

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
