import json

import pytest

from benchmarks.planning_data import LABELLED_PATH
from divisions.planning import matching


def test_normalise_spells_out_abbreviations_and_thai_digits():
    short = matching.normalise("โครงการก่อสร้างถนน คสล. ม.๓ ต.บ้านบึง")
    long = matching.normalise("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 ตำบลบ้านบึง")
    assert short == long == "ก่อสร้างถนนคอนกรีตเสริมเหล็กหมู่ที่3ตำบลบ้านบึง"


def test_normalise_reads_metres_after_a_number_and_village_before_one():
    assert matching.normalise("ยาว 500 ม. ม.4") == "ยาว500เมตรหมู่ที่4"


def test_normalise_keeps_abbreviations_inside_words():
    # ทต. is a subdistrict municipality, not ท + ตำบล.
    assert matching.normalise("ทต.บ้านสวน") == "เทศบาลตำบลบ้านสวน"


def test_eec_is_one_word_in_thai_and_english():
    assert "eec" in matching.words("รองรับอีอีซี")
    assert matching.normalise("รองรับ EEC") == matching.normalise("รองรับ อีอีซี")


def test_village_number_is_read_from_a_title():
    assert matching.village_in("ขุดลอกคลอง ม.๗ ต.พลา") == 7
    assert matching.village_in("ถนนเชื่อมหมู่ที่ 3 กับหมู่ที่ 5") is None


def test_named_places_and_kind_of_work_come_from_the_title():
    assert matching.named_places("ถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 4") == {
        "หนองไผ่", "เนินสูง",
    }  # fmt: skip
    assert matching.named_places("ระบบประปาหมู่บ้าน บ้านมาบยาง") == {"มาบยาง"}
    assert matching.work_kind(matching.normalise("วางท่อระบายน้ำ คสล. ริมถนน")) == "drain"
    assert matching.work_kind(matching.normalise("ติดตั้งโคมไฟถนนโซลาร์เซลล์")) == "light"


def _facts(**fields) -> matching.Facts:
    title = fields.pop("title")
    normalised = matching.normalise(title)
    defaults = {
        "id": 1,
        "title": normalised,
        "kind": matching.work_kind(normalised),
        "places": matching.named_places(title),
        "sois": frozenset(),
        "title_words": frozenset(matching.words(title)),
        "province": "TH-20",
        "district": "บ้านบึง",
        "subdistrict": "หนองชาก",
        "village": matching.village_in(title),
        "words": frozenset({"ประชาชน", "สัญจร"}),
        "fiscal_years": frozenset({2569}),
        "budget": 1_000_000.0,
        "target_group": "",
    }
    return matching.Facts(**(defaults | fields))


def test_same_road_in_another_village_is_not_a_duplicate():
    a = _facts(title="ก่อสร้างถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3")
    b = _facts(id=2, title="ก่อสร้างถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 5")
    score, band, why = matching.score(a, b, title=0.91, distance_m=None)
    assert band == "unrelated"
    assert why["gate"] == "village"
    assert score < matching.bands()["review"]


def test_same_road_written_twice_is_a_probable_duplicate_and_says_why():
    a = _facts(title="ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3")
    b = _facts(id=2, title="โครงการก่อสร้างถนน คสล. สายบ้านหนองไผ่ - บ้านเนินสูง ม.๓",
               budget=1_100_000.0)  # fmt: skip
    score, band, why = matching.score(a, b, title=0.85, distance_m=120.0)
    assert band == "probable"
    assert set(why["signals"]) == {"title", "text", "place", "years", "budget"}
    assert sum(s["share"] for s in why["signals"].values()) == pytest.approx(score, abs=0.01)


def test_road_and_drain_on_one_route_are_not_duplicates():
    a = _facts(title="ก่อสร้างถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3")
    b = _facts(id=2, title="ก่อสร้างรางระบายน้ำ คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3")
    assert matching.score(a, b, title=0.7, distance_m=None)[1] == "unrelated"


def test_bands_follow_the_settings(settings):
    settings.PLANNING_DUPLICATE_BANDS = {"probable": 0.99, "review": 0.98}
    a = _facts(title="ก่อสร้างถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3")
    b = _facts(id=2, title="ก่อสร้างถนน คสล. สายบ้านหนองไผ่-บ้านเนินสูง หมู่ที่ 3",
               budget=500_000.0)  # fmt: skip
    assert matching.score(a, b, title=1.0, distance_m=None)[1] == "unrelated"


def test_labelled_set_is_large_realistic_and_has_hard_negatives():
    pairs = json.loads(LABELLED_PATH.read_text(encoding="utf-8"))
    kinds = {pair["kind"] for pair in pairs}
    assert len(pairs) >= 200
    assert {"different village", "different soi", "different kind", "same work"} <= kinds
    assert all(pair["a"]["title_th"] and pair["b"]["title_th"] for pair in pairs)
