"""A citizen on a phone (390 px): the menu, labelled table rows, the map's one popup in the
page's language and calendar, and the home page's news, consultations and events."""

from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from divisions.knowledge.models import Consultation, Item
from divisions.spatial.models import LAYER_COLORS
from tests.browser.maps import click_map_feature

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
AMATA = [101.05, 13.35]  # inside the first estate of the test layer
BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def phone(browser):
    """A phone whose browser prefers English: pages must still follow their own language."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("language", "menu", "section"), [
    ("th", "เมนู", "ฝ่ายจัดการความรู้"), ("en", "Menu", "Knowledge management"),
])  # fmt: skip
def test_the_menu_opens_from_a_button_and_rows_are_labelled(
    phone, live_server, language, menu, section, agency_factory
):
    agency_factory(slug="pao-rayong", name_th="อบจ.ระยอง", name_en="Rayong PAO", province="TH-21")
    phone.goto(f"{live_server.url}/{language}/coordination/")
    nav = phone.get_by_role("navigation", name="Main" if language == "en" else "เมนูหลัก")
    button = phone.get_by_role("button", name=menu)
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name=section)).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    entry = nav.get_by_role("link", name=section)
    expect(entry).to_be_visible()
    # Every section's name fits the screen whole.
    box = entry.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    # A table row reads as a card whose values carry their column's name.
    province = phone.locator("table.stack tbody tr").first.locator("td").nth(2)
    expect(province).to_be_visible()
    label = province.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == ("จังหวัด" if language == "th" else "Province")


@pytest.mark.parametrize(
    ("language", "shown", "hidden", "year", "zoom_in"),
    [
        ("th", "เวทีรับฟังความคิดเห็นนิคมอมตะ", "Hearing at Amata", "2569", "ซูมเข้า"),
        ("en", "Hearing at Amata", "เวทีรับฟังความคิดเห็นนิคมอมตะ", "2026", "Zoom in"),
    ],
)
def test_one_click_opens_one_popup_in_the_pages_language_and_calendar(
    phone, live_server, layer_factory, item_factory, language, shown, hidden, year, zoom_in
):
    layer = layer_factory(slug="estates", title_th="นิคมอุตสาหกรรมในอีอีซี", title_en="Estates")
    other = layer_factory(slug="estates-again", title_th="เขตส่งเสริมในอีอีซี", title_en="Zones")
    assert layer.color != other.color and {layer.color, other.color} <= set(LAYER_COLORS)
    item_factory(
        kind=Item.Kind.EVENT,
        title_th="เวทีรับฟังความคิดเห็นนิคมอมตะ",
        title_en="Hearing at Amata",
        starts_at=datetime(2026, 12, 15, 9, 0, tzinfo=BANGKOK),
        location=Point(*AMATA, srid=4326),
    )
    # The phone's browser prefers English: a Thai page must still speak Thai.
    phone.goto(f"{live_server.url}/{language}/spatial/map/")
    phone.locator("#map").scroll_into_view_if_needed()
    click_map_feature(phone, AMATA, layers=3)  # the two layers and the event
    popup = phone.locator(".maplibregl-popup")
    expect(popup).to_have_count(1)
    # Both layers and the event under the finger, in one popup, in the page's language.
    layers = ["นิคมอุตสาหกรรมในอีอีซี", "เขตส่งเสริมในอีอีซี"] if language == "th" else ["Estates", "Zones"]
    for title in [*layers, shown]:
        expect(popup).to_contain_text(title)
    expect(popup).to_contain_text(year)  # the Buddhist era on Thai pages
    expect(popup).to_contain_text("09:00")  # Thailand's time, not UTC
    expect(popup).not_to_contain_text(hidden)
    assert popup.get_by_role("link").first.get_attribute("href").startswith(f"/{language}/")
    # Within the phone's screen.
    box = popup.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # MapLibre's own controls speak the page's language.
    expect(phone.locator(".maplibregl-ctrl-zoom-in")).to_have_attribute("title", zoom_in)
    # Each layer has its own colour in the legend (the projects also list their statuses).
    swatches = phone.locator("#layer-list > label .swatch").evaluate_all(
        "els => els.map(el => getComputedStyle(el).backgroundColor)"
    )
    assert len(set(swatches)) == len(swatches)


@pytest.mark.parametrize("language", ["th", "en"])
def test_home_shows_news_with_covers_open_consultations_and_upcoming_events(
    phone, live_server, language, item_factory, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buffer = BytesIO()
    Image.new("RGB", (1200, 630), (11, 79, 108)).save(buffer, "PNG")
    cover = SimpleUploadedFile("port.png", buffer.getvalue(), content_type="image/png")
    item_factory(title_th="ข่าวมีภาพ", title_en="News with a picture", cover_image=cover,
                 cover_alt_th="ภาพท่าเรือ", cover_alt_en="The port")  # fmt: skip
    item_factory(
        kind=Item.Kind.EVENT, title_th="สัมมนาที่จะมาถึง", title_en="Coming seminar",
        starts_at=datetime(2099, 1, 15, 9, 0, tzinfo=BANGKOK),
    )  # fmt: skip
    now = timezone.now()
    Consultation.objects.create(
        title_th="รับฟังความเห็นผังเมือง", title_en="Town plan hearing", is_public=True,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=10),
    )  # fmt: skip
    phone.goto(f"{live_server.url}/{language}/")
    english = language == "en"
    expect(phone.get_by_role("img", name="The port" if english else "ภาพท่าเรือ")).to_have_count(1)
    event = phone.locator("#home-events + ul li")
    expect(event).to_contain_text("Coming seminar" if english else "สัมมนาที่จะมาถึง")
    expect(event).to_contain_text("2099" if english else "2642")  # the event's own date
    expect(
        phone.get_by_role("link", name="Town plan hearing" if english else "รับฟังความเห็นผังเมือง")
    ).to_be_visible()


@pytest.mark.parametrize(
    ("language", "follow", "daily", "button", "sent"),
    [
        ("th", "ติดตาม ท่าเรือในอีอีซี", "วันละหนึ่งอีเมล", "ติดตาม", "ตรวจสอบอีเมลของท่าน"),
        ("en", "Follow Ports in the EEC", "One e-mail a day", "Follow", "Check your email"),
    ],
)
def test_a_citizen_follows_a_dataset_from_its_page(
    phone, live_server, dataset_factory, language, follow, daily, button, sent
):
    from django.core import mail

    dataset = dataset_factory(title_th="ท่าเรือในอีอีซี", title_en="Ports in the EEC")
    phone.goto(f"{live_server.url}/{language}/spatial/datasets/{dataset.slug}/")
    phone.get_by_role("link", name=follow).click()
    phone.get_by_label("อีเมลของท่าน" if language == "th" else "Your email address").fill(
        "resident@example.com"
    )
    phone.get_by_label(daily).check()
    phone.get_by_role("button", name=button, exact=True).click()
    expect(phone.get_by_role("heading", name=sent)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    (message,) = mail.outbox
    assert f"/{language}/follow/confirm/" in message.body


@pytest.mark.parametrize(
    ("language", "answer", "send", "thanks", "offer"),
    [
        ("th", "เห็นด้วย", "ส่งคำตอบ", "ขอบคุณ ระบบบันทึกคำตอบของท่านแล้ว", "ส่งลิงก์ให้ฉัน"),
        ("en", "Agree", "Send my answers", "Thank you. Your answers have been recorded.",
         "Send me the link"),
    ],
)  # fmt: skip
def test_after_answering_a_consultation_its_page_thanks_instead_of_offering_the_form(
    phone, live_server, language, answer, send, thanks, offer
):
    from divisions.knowledge.models import Choice, Participant, Question

    now = timezone.now()
    consultation = Consultation.objects.create(
        title_th="รับฟังความเห็นผังเมือง", title_en="Town plan hearing", is_public=True,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=10),
    )  # fmt: skip
    question = Question.objects.create(
        consultation=consultation, position=1, kind="single",
        text_th="ท่านเห็นด้วยหรือไม่", text_en="Do you agree?",
    )  # fmt: skip
    for n, (th, en) in enumerate([("เห็นด้วย", "Agree"), ("ไม่เห็นด้วย", "Disagree")]):
        Choice.objects.create(question=question, position=n, text_th=th, text_en=en)
    participant = Participant.objects.create(
        consultation=consultation, email="a@example.com", language=language, token="t" * 43
    )
    phone.goto(f"{live_server.url}/{language}/knowledge/consultations/{consultation.pk}/")
    expect(phone.get_by_role("button", name=offer)).to_be_visible()
    phone.goto(f"{live_server.url}/{language}/knowledge/consultations/respond/{participant.token}/")
    phone.get_by_label(answer, exact=True).check()
    phone.get_by_role("button", name=send).click()
    expect(phone.get_by_role("status")).to_contain_text(thanks)
    expect(phone.get_by_role("button", name=offer)).to_have_count(0)


@pytest.mark.parametrize(
    ("language", "query", "words", "section", "button"),
    [
        ("th", "EEC", "คำที่ต้องการค้นหา", "ฝ่าย", "ค้นหา"),
        ("en", "อีอีซี", "Words to look for", "Section", "Search"),
    ],
)
def test_search_on_a_phone_labels_sit_over_their_boxes_and_the_glossary_works_both_ways(
    phone, live_server, item_factory, language, query, words, section, button
):
    item_factory(title_th="อีอีซีกับชุมชนชายฝั่ง", title_en="", body_th="<p>ผลกระทบของอีอีซีต่อประมง</p>")
    item_factory(title_th="", title_en="EEC and coastal towns", body_en="<p>EEC and fishing.</p>")
    phone.goto(f"{live_server.url}/{language}/search/")
    for label in (words, section):
        box = phone.get_by_label(label, exact=True).bounding_box()
        text = phone.locator("label", has_text=label).first.bounding_box()
        assert text["y"] + text["height"] <= box["y"] + 1, label  # above, not beside
        assert box["x"] + box["width"] <= PHONE["width"]
    phone.get_by_label(words, exact=True).fill(query)
    phone.get_by_role("button", name=button, exact=True).last.click()
    results = phone.locator(".search-results li")
    # The term written the other way round is found: อีอีซี for EEC and EEC for อีอีซี.
    expected = "อีอีซีกับชุมชนชายฝั่ง" if language == "th" else "EEC and coastal towns"
    expect(results.get_by_role("link", name=expected)).to_be_visible()
