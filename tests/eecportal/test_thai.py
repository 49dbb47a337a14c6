from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from divisions.core import thai

BANGKOK = ZoneInfo("Asia/Bangkok")


def test_thai_dates_show_buddhist_era_year_and_thai_month():
    assert thai.format_date(date(2026, 11, 24), "th") == "24 พ.ย. 2569"
    assert thai.format_date(date(2026, 11, 24), "th", "long") == "24 พฤศจิกายน 2569"


def test_english_dates_show_common_era_year():
    assert thai.format_date(date(2026, 11, 24), "en") == "24 Nov 2026"
    assert thai.format_date(date(2026, 11, 24), "en", "long") == "24 November 2026"


def test_aware_datetimes_are_shown_in_bangkok_time():
    # 20:30 UTC on 31 Dec 2026 is already 1 January 2027 (BE 2570) in Bangkok.
    moment = datetime(2026, 12, 31, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert thai.format_date(moment, "th", "short_time") == "1 ม.ค. 2570 03:30"
    assert thai.format_date(moment, "en", "short_time") == "1 Jan 2027 03:30"


def test_time_styles_on_plain_dates_drop_the_time():
    assert thai.format_date(date(2026, 1, 5), "th", "long_time") == "5 มกราคม 2569"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
        (date(2027, 9, 30), 2570),
        (date(2026, 1, 1), 2569),
    ],
)
def test_fiscal_year_starts_on_the_first_of_october(day, expected):
    assert thai.fiscal_year(day) == expected


def test_fiscal_year_range_names_the_be_year_it_ends_in():
    assert thai.fiscal_year_range(2570) == (date(2026, 10, 1), date(2027, 9, 30))


def test_thai_digits_become_arabic_digits():
    assert thai.normalize_digits("ถนน คสล. หมู่ที่ ๕ ปี ๒๕๖๙") == "ถนน คสล. หมู่ที่ 5 ปี 2569"


def test_segmentation_keeps_eec_terms_whole():
    words = thai.segment("โครงการอีอีซีในจังหวัดชลบุรีมีผลกระทบต่อสิ่งแวดล้อม")
    assert "อีอีซี" in words
    assert "ชลบุรี" in words
    assert "ผลกระทบ" in words
    assert "".join(words) == "โครงการอีอีซีในจังหวัดชลบุรีมีผลกระทบต่อสิ่งแวดล้อม"


def test_segmentation_of_a_sentence_from_the_division_paper():
    sentence = "องค์การบริหารส่วนจังหวัดเป็นหน่วยงานที่ใกล้ชิดกับประชาชนมากที่สุด"
    words = thai.segment(sentence)
    assert "ประชาชน" in words
    assert "หน่วยงาน" in words
    assert len(words) > 5


def test_segmentation_handles_mixed_thai_english_and_blank_text():
    assert thai.segment("   ") == []
    words = thai.segment("การลงทุน EEC investment ๒๕๖๙")
    assert words[-3:] == ["EEC", "investment", "2569"]


def test_keywords_are_shown_in_the_pages_language():
    from divisions.core.thai import words_in_language

    keywords = ["รถไฟความเร็วสูง", "high-speed rail", "อีอีซี", "EEC"]
    assert words_in_language(keywords, "th") == ["รถไฟความเร็วสูง", "อีอีซี"]
    assert words_in_language(keywords, "en") == ["high-speed rail", "EEC"]
    # A record with keywords in one language only shows them on both.
    assert words_in_language(["ท่าเรือ"], "en") == ["ท่าเรือ"]


@pytest.mark.parametrize("language", ["th", "en"])
def test_province_choices_are_the_provinces_named_in_the_active_language(language):
    from django.utils import translation

    from divisions.core.provinces import Province, province_choices

    with translation.override(language):
        assert province_choices() == [(code, str(label)) for code, label in Province.choices]
        assert province_choices()[1] == ("TH-20", "ชลบุรี" if language == "th" else "Chon Buri")
