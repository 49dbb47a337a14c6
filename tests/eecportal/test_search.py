import pytest
from django.urls import reverse

from eecportal.models import SearchEntry
from eecportal.selectors import highlight, search_entries
from eecportal.services import search_index_rebuild

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agencies(agency_factory):
    return [
        agency_factory(
            slug="pao-chonburi",
            name_th="องค์การบริหารส่วนจังหวัดชลบุรี",
            name_en="Chon Buri Provincial Administrative Organization",
            short_name_th="อบจ.ชลบุรี",
        ),
        agency_factory(
            slug="pat",
            name_th="การท่าเรือแห่งประเทศไทย",
            name_en="Port Authority of Thailand",
            kind="state_enterprise",
            province="TH-10",
        ),
        agency_factory(slug="khao-mai-kaeo", name_th="องค์การบริหารส่วนตำบลเขาไม้แก้ว", name_en=""),
    ]


def titles(query, language, section=""):
    results = search_entries(query=query, language=language, section=section)
    return [entry.title for entry in results.entries]


def test_saving_a_record_indexes_it_in_both_languages(agencies):
    assert SearchEntry.objects.filter(object_id=agencies[0].pk).count() == 2


def test_thai_search_finds_a_word_inside_unspaced_thai_text(agencies):
    # The PAO has ชลบุรี in its name (ranked first); the subdistrict only in its province.
    assert titles("ชลบุรี", "th") == [
        "องค์การบริหารส่วนจังหวัดชลบุรี",
        "องค์การบริหารส่วนตำบลเขาไม้แก้ว",
    ]
    assert titles("ท่าเรือ", "th") == ["การท่าเรือแห่งประเทศไทย"]


def test_english_search_is_stemmed(agencies):
    assert titles("ports", "en") == ["Port Authority of Thailand"]


def test_misspelt_or_cut_words_are_searched_as_the_nearest_indexed_words(agencies):
    # Cut short: the start of a word it holds.
    results = search_entries(query="ชลบุร", language="th")
    assert "องค์การบริหารส่วนจังหวัดชลบุรี" in [e.title for e in results.entries]
    # Misspelt: the nearest word of the vocabulary.
    results = search_entries(query="ชลบูรี", language="th")
    assert results.suggestion == "ชลบุรี"
    assert "องค์การบริหารส่วนจังหวัดชลบุรี" in [e.title for e in results.entries]
    results = search_entries(query="Authorty", language="en")
    assert results.suggestion == "authority"
    assert [e.title for e in results.entries] == ["Port Authority of Thailand"]
    assert search_entries(query="xqzvw", language="en").entries.count() == 0


def test_search_page_says_which_words_it_searched_instead(client, agencies):
    html = client.get("/th/search/", {"q": "ท่าเรอ"}).content.decode()
    assert "การท่าเรือแห่งประเทศไทย" in html
    assert "แสดงผลการค้นหาสำหรับ “ท่าเรือ”" in html


def test_english_index_marks_records_shown_in_thai(agencies):
    entry = SearchEntry.objects.get(object_id=agencies[2].pk, language="en")
    assert entry.is_fallback
    assert entry.title == "องค์การบริหารส่วนตำบลเขาไม้แก้ว"


def test_section_filter_and_empty_query(agencies):
    assert titles("ชลบุรี", "th", section="knowledge") == []
    assert titles("   ", "th") == []


def test_deleting_a_record_removes_it_from_the_index(agencies):
    agencies[1].delete()
    assert titles("ท่าเรือ", "th") == []


def test_rebuild_restores_the_index(agencies):
    SearchEntry.objects.all().delete()
    assert search_index_rebuild() == 3
    assert titles("ท่าเรือ", "th") == ["การท่าเรือแห่งประเทศไทย"]


def test_highlight_marks_numbers_written_in_thai_digits():
    assert highlight(["งบประมาณปี ๒๕๗๐"], "2570") == "งบประมาณปี <mark>๒๕๗๐</mark>"


def test_highlight_marks_words_and_escapes_html():
    snippet = highlight(["<b>ข่าว</b> อีอีซี ชลบุรี"], "ชลบุรี")
    assert snippet == "&lt;b&gt;ข่าว&lt;/b&gt; อีอีซี <mark>ชลบุรี</mark>"


def test_search_page_shows_results_and_marks_thai_only_items_in_english(client, agencies):
    html = client.get("/en/search/", {"q": "เขาไม้แก้ว"}).content.decode()
    assert "องค์การบริหารส่วนตำบลเขาไม้แก้ว" in html
    assert "Available in Thai" in html
    html = client.get("/th/search/", {"q": "ท่าเรือ"}).content.decode()
    assert "พบ 1 รายการ" in html


def test_search_page_refuses_nul_bytes_and_oversized_queries_with_400(client):
    assert client.get("/th/search/", {"q": "ชล\x00บุรี"}).status_code == 400
    response = client.get("/en/search/", {"q": "a" * 5000})
    assert response.status_code == 400
    assert "malformed or oversized" in response.content.decode()


def test_search_page_survives_odd_input(client, agencies):
    for query in ["a" * 1000, "' OR 1=1 --", "<script>", "&&&|!"]:
        response = client.get(reverse("search"), {"q": query, "section": "nope"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_did_you_mean_forgets_the_words_of_a_record_that_became_internal(agencies, item_factory):
    from divisions.knowledge.models import Item
    from divisions.knowledge.services import item_archive

    item = item_factory(title_th="โครงการสะพานลอยฟ้าจอมเทียน", title_en="Jomtien skybridge",
                        status=Item.Status.PUBLISHED)  # fmt: skip
    assert search_entries(query="Jomtein", language="en").suggestion == "jomtien"

    item_archive(item=item, user=None)  # (the system's own right, as the scheduled job has)

    for query, language in (("Jomtein", "en"), ("จอมเทีย", "th"), ("skybrige", "en")):
        results = search_entries(query=query, language=language)
        assert results.suggestion == "" and not results.entries.exists(), query
    # Words other public records still hold stay: the agencies' own words.
    assert search_entries(query="Authorty", language="en").suggestion == "authority"


def test_search_page_counts_up_to_a_limit_and_pages_in_rank_order(client, agencies, monkeypatch):
    from eecportal.selectors import SearchPaginator, search_ranked_keys

    monkeypatch.setattr(SearchPaginator, "COUNT_LIMIT", 1)
    html = client.get("/th/search/", {"q": "องค์การ"}).content.decode()
    assert "พบมากกว่า 1 รายการ" in html
    html = client.get("/en/search/", {"q": "องค์การ"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More than 1 results" in html
    # The page's rows keep the ranking's order; their snippets come from the entries' texts.
    results = search_entries(query="องค์การ", language="th")
    paginator = SearchPaginator(search_ranked_keys(results), 2)
    ranked = list(results.entries[:2])
    assert list(paginator.page(1).object_list) == [e.pk for e in ranked]
    html = client.get("/th/search/", {"q": "ท่าเรือ"}).content.decode()
    assert "พบ 1 รายการ" in html


def test_the_eec_glossary_works_in_both_directions(agency_factory):
    # Each record writes the term one way only; a reader searches with the other.
    agency_factory(slug="eec-centre", name_th="ศูนย์ประสานงานอีอีซีชลบุรี", name_en="")
    agency_factory(slug="eec-rayong", name_th="คณะทำงาน EEC จังหวัดระยอง", name_en="")
    agency_factory(
        slug="eeco",
        name_th="สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก",
        name_en="Eastern Economic Corridor Office of Thailand",
        short_name_th="สกพอ.",
        short_name_en="EECO",
    )
    assert "ศูนย์ประสานงานอีอีซีชลบุรี" in titles("EEC", "th")
    assert "คณะทำงาน EEC จังหวัดระยอง" in titles("อีอีซี", "th")
    assert "สำนักงานคณะกรรมการนโยบายเขตพัฒนาพิเศษภาคตะวันออก" in titles("สกพอ.", "th")
    assert "Eastern Economic Corridor Office of Thailand" in titles("EECO", "en")
