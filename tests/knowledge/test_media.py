import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from divisions.knowledge.models import Item, ItemAttachment
from divisions.knowledge.services import item_save

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (11, 79, 108)).save(buffer, "PNG")
    return SimpleUploadedFile("port.png", buffer.getvalue(), content_type="image/png")


def test_cover_image_gets_webp_renditions_and_a_responsive_picture(client, item_factory):
    item = item_factory(
        title_en="Port",
        cover_image=png(1200, 600),
        cover_alt_th="ท่าเรือ",
        cover_alt_en="Container cranes at Laem Chabang",
    )
    assert [r["width"] for r in item.cover_renditions] == [480, 960, 1200]
    assert all(r["name"].endswith(".webp") for r in item.cover_renditions)
    html = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    # Beside the cover, in its random folder: a draft's images have no guessable address.
    folder = item.cover_image.name.rsplit("/", 1)[0]
    assert re.fullmatch(r"knowledge/covers/[0-9a-f]{32}", folder)
    assert f'<source type="image/webp" srcset="/media/{folder}/' in html
    assert 'alt="Container cranes at Laem Chabang"' in html
    assert '<meta property="og:image"' in html


def test_a_cover_image_needs_a_description(item_factory):
    with pytest.raises(ValidationError) as error:
        item_factory(cover_image=png(100, 100))
    assert "cover_alt_th" in error.value.message_dict
    assert not Item.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(item_factory):
    fake = SimpleUploadedFile("cat.png", b"<?php system($_GET['c']); ?>")
    with translation.override("en"), pytest.raises(ValidationError, match="not an image"):
        item_factory(cover_image=fake, cover_alt_th="แมว")
    assert not Item.objects.exists()


def test_a_too_large_image_is_refused(item_factory, settings):
    settings.MAX_IMAGE_UPLOAD_MB = 0
    with translation.override("en"), pytest.raises(ValidationError, match="too large"):
        item_factory(cover_image=png(10, 10), cover_alt_th="เล็ก")


def test_changing_only_the_text_keeps_the_renditions(item_factory):
    item = item_factory(cover_image=png(600, 300), cover_alt_th="ภาพ")
    before = item.cover_renditions
    item.title_en = "New title"
    item_save(item=item, user=None)
    assert item.cover_renditions == before


def test_attachments_are_listed_with_type_and_size(client, item_factory):
    item = item_factory(kind=Item.Kind.PUBLICATION, title_en="Annual report")
    attachment = ItemAttachment(
        item=item, title_en="Report (PDF)", title_th="รายงาน",
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.7\n" + b"0" * 2048),
    )  # fmt: skip
    attachment.full_clean()
    attachment.save()
    html = client.get(f"/en/knowledge/items/{item.pk}/").content.decode()
    assert "Report (PDF)</a>" in html and "(PDF, 2.0\xa0KB)" in html


def test_upload_errors_are_in_the_users_language(item_factory):
    fake = SimpleUploadedFile("cat.png", b"not an image")
    with translation.override("th"), pytest.raises(ValidationError, match="ไม่ใช่ภาพ"):
        item_factory(cover_image=fake, cover_alt_th="แมว")


def test_attachments_and_consultation_documents_are_served_only_when_public(
    client, item_factory, admin_client
):
    from django.core.files.base import ContentFile

    from divisions.knowledge.models import Consultation, ConsultationDocument

    pdf = b"%PDF-1.4 minutes"
    published, draft = item_factory(), item_factory(status=Item.Status.DRAFT)
    shown, hidden = (
        ItemAttachment.objects.create(
            item=item, title="รายงาน", file=ContentFile(pdf, name="report.pdf")
        )
        for item in (published, draft)
    )
    assert "/media/" not in shown.get_absolute_url()
    assert b"".join(client.get(shown.get_absolute_url()).streaming_content) == pdf
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url().replace("report", "other")).status_code == 404
    # Staff previewing the draft get its attachment.
    assert admin_client.get(hidden.get_absolute_url()).status_code == 200

    now = timezone.now()
    internal = Consultation.objects.create(
        title_th="ร่างภายใน", opens_at=now, closes_at=now + timezone.timedelta(days=7),
        is_public=False,
    )  # fmt: skip
    document = ConsultationDocument.objects.create(
        consultation=internal, title="ร่าง", file=ContentFile(pdf, name="draft.pdf")
    )
    assert client.get(document.get_absolute_url()).status_code == 404
    Consultation.objects.filter(pk=internal.pk).update(is_public=True)
    assert client.get(document.get_absolute_url()).status_code == 200
