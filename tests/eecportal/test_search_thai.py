"""Thai search as readers type: words inside compounds, words cut short, abbreviations and
Thai digits, snippets from the body, the phrase above scattered words, and a vocabulary that
holds every public word and no other."""

import pytest

from eecportal.selectors import search_entries

pytestmark = pytest.mark.django_db(transaction=True)


def titles(query: str, language: str = "th") -> list[str]:
    return [entry.title for entry in search_entries(query=query, language=language).entries]


@pytest.fixture
def items(item_factory):
    def item(title_th, body_th="", summary_th="", **fields):
        return item_factory(title_th=title_th, body_th=f"<p>{body_th}</p>",
                            summary_th=summary_th, **fields)  # fmt: skip

    return {
        "durian": item("ชาวสวนทุเรียนระยองรวมกลุ่มส่งออก", "เกษตรกรในอำเภอแกลงจัดตั้งวิสาหกิจชุมชน"),
        "power": item("รับฟังความเห็นโครงการโรงไฟฟ้าบ้านฉาง", "ผลกระทบต่อชุมชนรอบโครงการ"),
        "air": item("รายงานคุณภาพอากาศมาบตาพุด", "ค่าฝุ่นละอองเกินมาตรฐานสามวัน"),
        "road": item("ประกาศจัดซื้อจัดจ้าง", "องค์การบริหารส่วนจังหวัดชลบุรี ก่อสร้างถนนสายบ้านบึง"),
        "abbr": item("อบจ.ระยองซ่อมถนน คสล.", "งบประมาณปี ๒๕๖๙ สำหรับถนนในตำบลเนินพระ"),
        "phrase": item("ข่าวท่าเรือ", "ท่าเรือแหลมฉบังเปิดท่าเทียบเรือใหม่"),
        "apart": item("ข่าวการขนส่ง", "ท่าเรือของเอกชนเพิ่มเที่ยวเรือไปแหลมฉบังและสัตหีบ"),
        "english": item(
            "ลงทุน",
            "",
            title_en="Investment promotion in the EEC",
            body_en="<p>Incentives for foreign investors in Rayong.</p>",
        ),
    }


def test_a_word_inside_a_compound_is_found(items):
    assert "ชาวสวนทุเรียนระยองรวมกลุ่มส่งออก" in titles("สวน")
    assert "รับฟังความเห็นโครงการโรงไฟฟ้าบ้านฉาง" in titles("ไฟฟ้า")


def test_compound_parts_do_not_drown_precision(items):
    # คุณภาพ (quality) is not indexed under ภาพ (picture), nor ทุเรียน (durian) under เรียน
    # (to study): ทุเรียน is at most offered as "did you mean".
    assert "รายงานคุณภาพอากาศมาบตาพุด" not in titles("ภาพ")
    study = search_entries(query="เรียน", language="th")
    assert study.suggestion == "ทุเรียน" or not study.entries.exists()


def test_the_first_syllables_of_a_word_in_the_body_find_it(items):
    assert "ข่าวท่าเรือ" in titles("แหลมฉบ")
    assert "Investment promotion in the EEC" in titles("investo", "en")


def test_abbreviations_and_their_full_forms_find_each_other(items):
    assert "ประกาศจัดซื้อจัดจ้าง" in titles("อบจ.")
    assert "อบจ.ระยองซ่อมถนน คสล." in titles("องค์การบริหารส่วนจังหวัด")
    assert "อบจ.ระยองซ่อมถนน คสล." in titles("คอนกรีตเสริมเหล็ก")


def test_thai_digits_in_queries_match_arabic_and_thai_digits(items):
    assert titles("๒๕๖๙") == titles("2569") == ["อบจ.ระยองซ่อมถนน คสล."]


def test_the_whole_phrase_ranks_above_the_same_words_apart(items):
    found = titles("ท่าเรือแหลมฉบัง")
    assert found.index("ข่าวท่าเรือ") < found.index("ข่าวการขนส่ง")


def test_results_show_the_passage_of_the_body_that_matches(client, items):
    html = client.get("/th/search/", {"q": "วิสาหกิจ"}).content.decode()
    assert "ชาวสวนทุเรียนระยองรวมกลุ่มส่งออก" in html
    assert "<mark>วิสาหกิจ</mark>" in html  # from the body: the item has no summary


def test_vocabulary_holds_body_words_and_forgets_them_with_the_record(items):
    from divisions.knowledge.services import item_archive

    results = search_entries(query="วิสาหกิจชุมขน", language="th")  # misspelt, in the body
    assert results.suggestion

    item_archive(item=items["durian"], user=None)

    results = search_entries(query="วิสาหกิจ", language="th")
    assert not results.entries.exists() and not results.suggestion


@pytest.fixture
def places(item_factory):
    return {
        "thai_only": item_factory(title_th="ชาวมาบตาพุดร้องเรียนกลิ่นสารเคมี", title_en="",
                                  summary_en="", body_th="<p>ชุมชนรอบนิคมอุตสาหกรรม</p>"),
        "english_only": item_factory(title_th="", summary_th="", title_en="Laem Chabang port "
                                     "phase 3 opens", body_en="<p>New berths.</p>"),
        "toned": item_factory(title_th="ตลาดนัดชุมชนอำเภอบ้านฉาง", body_th="<p>ทุกวันเสาร์</p>"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "language", "title"),
    [
        ("Map Ta Phut", "th", "ชาวมาบตาพุดร้องเรียนกลิ่นสารเคมี"),
        ("Map Ta Phut", "en", "ชาวมาบตาพุดร้องเรียนกลิ่นสารเคมี"),  # shown in Thai on /en/
        ("แหลมฉบัง", "en", "Laem Chabang port phase 3 opens"),
        ("แหลมฉบัง", "th", "Laem Chabang port phase 3 opens"),
        ("บานฉาง", "th", "ตลาดนัดชุมชนอำเภอบ้านฉาง"),  # without the tone mark
        ("Ban Chang market", "th", None),  # market is not in it: every word must match
    ],
)  # fmt: skip
def test_places_are_found_in_either_script_with_or_without_tone_marks(
    places, query, language, title
):
    found = titles(query, language)
    if title is None:
        assert "ตลาดนัดชุมชนอำเภอบ้านฉาง" not in found
    else:
        assert title in found


@pytest.fixture
def agency_texts(item_factory):
    def item(title_th, body_th="", **fields):
        return item_factory(title_th=title_th, body_th=f"<p>{body_th}</p>", **fields)

    return [
        item("แจ้งปิดถนนเพื่อวางท่อ", "การประปาส่วนภูมิภาคขออภัยในความไม่สะดวก"),
        item("ตำบลบางละมุงทำประชาคม", "ชาวบ้านเสนอโครงการประปาเข้าแผนพัฒนาท้องถิ่น"),
        item("ชุมชนริมคลองบางปลาสร้อยฟื้นฟูบ้านเก่า", "ซ่อมบ้านไม้ริมน้ำ"),
        item("นิคมอุตสาหกรรมเกตเวย์ซิตี้ขยายพื้นที่", "รองรับอุตสาหกรรมยานยนต์"),
        item("หอพักรอบนิคมอมตะซิตี้แพงขึ้น", "แรงงานจ่ายค่าเช่าเพิ่ม"),
        item("ร่างข้อบัญญัติงบประมาณรายจ่ายประจำปี ๒๕๗๐", "วงเงิน ๑,๒๕๐ ล้านบาท"),
        item(
            "ลานกีฬาชุมชน",
            "สร้างสนามเด็กเล่นและลานกีฬา",
            title_en="Community sports ground",
            body_en="<p>Koh Sichang residents asked for it; an environmental study came first.</p>",
        ),  # fmt: skip
    ]


@pytest.mark.parametrize(
    ("query", "language", "title"),
    [
        # การ makes a noun of the next word; โครงการประปา is not โครง การประปา.
        ("ประปา", "th", "แจ้งปิดถนนเพื่อวางท่อ"),
        ("ประปา", "th", "ตำบลบางละมุงทำประชาคม"),
        ("กปภ.", "th", "แจ้งปิดถนนเพื่อวางท่อ"),
        # A head followed by a compound of long words: สนาม เด็กเล่น เด็ก เล่น.
        ("เด็ก", "th", "ลานกีฬาชุมชน"),
        # A word cut short after a whole one, the pieces the segmenter cut taken together.
        ("นิคมอุต", "th", "นิคมอุตสาหกรรมเกตเวย์ซิตี้ขยายพื้นที่"),
        # A cut English word that stems to a word of its own still finds longer ones.
        ("environ", "en", "Community sports ground"),
        # The year word a reader adds; a number written with or without its comma.
        ("ปี 2570", "th", "ร่างข้อบัญญัติงบประมาณรายจ่ายประจำปี ๒๕๗๐"),
        ("1250 ล้านบาท", "th", "ร่างข้อบัญญัติงบประมาณรายจ่ายประจำปี ๒๕๗๐"),
        # A place spelt another common way (the gazetteer says Ko Si Chang).
        ("เกาะสีชัง", "en", "Community sports ground"),
    ],
)  # fmt: skip
def test_words_as_agencies_write_them_are_found(agency_texts, query, language, title):
    assert title in titles(query, language)


def test_a_place_name_is_not_searched_as_its_syllables(agency_texts):
    # บางปลาสร้อย is a subdistrict of Chon Buri: ปลา (fish) does not find it; นิคมอุต finds
    # the estate named in full before a text that has only นิคม.
    assert "ชุมชนริมคลองบางปลาสร้อยฟื้นฟูบ้านเก่า" not in titles("ปลา")
    assert titles("นิคมอุต")[0] == "นิคมอุตสาหกรรมเกตเวย์ซิตี้ขยายพื้นที่"


def test_no_did_you_mean_when_the_nearest_words_find_nothing(client, agency_texts, item_factory):
    # Laem Chabang is a word of the index (an English text) but no Thai entry holds it with
    # ประปา: the page says nothing matched, not "showing results for laem chabang ประปา".
    item_factory(title_th="ท่าเรือแหลมฉบังเปิดท่าใหม่", title_en="Laem Chabang port opens")
    response = client.get("/th/search/", {"q": "Laem Chabang ประปา"})
    body = response.content.decode()
    assert "แสดงผลการค้นหาสำหรับ" not in body
    assert "ไม่พบรายการที่ตรงกัน" in body
