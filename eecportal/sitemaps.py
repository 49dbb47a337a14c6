"""sitemap.xml: every public page in each language it exists in, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from divisions.coordination.selectors import agency_list, agreement_list, meeting_public_list
from divisions.knowledge.models import Item
from divisions.knowledge.selectors import (
    consultation_public_list,
    item_public_list,
    manual_public_list,
)
from divisions.knowledge.views import KIND_PATHS
from divisions.planning.selectors import project_public_list
from divisions.spatial.selectors import dataset_public_list


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(_Bilingual):
    changefreq = "daily"

    def items(self) -> list[tuple[str, tuple]]:
        pages = [
            ("home", ()),
            ("privacy", ()),
            ("spatial:index", ()),
            ("spatial:map", ()),
            ("knowledge:index", ()),
            ("coordination:index", ()),
            ("coordination:meeting-list", ()),
            ("coordination:agreement-list", ()),
            ("planning:index", ()),
            ("knowledge:consultation-list", ()),
            ("knowledge:manual-list", ()),
        ]
        return pages + [("knowledge:item-list", (path,)) for path in KIND_PATHS.values()]

    def location(self, page: tuple[str, tuple]) -> str:
        name, args = page
        return reverse(name, args=args)


class _TranslatedRecords(_Bilingual):
    # The field whose text in a language means the record exists in that language.
    own_text_field = ""

    def get_languages_for_item(self, record) -> list[str]:
        return [
            code for code in self._languages() if getattr(record, f"{self.own_text_field}_{code}")
        ]

    def lastmod(self, record):
        return record.updated_at


class AgencySitemap(_TranslatedRecords):
    own_text_field = "name"

    def items(self):
        return agency_list().order_by("pk")


class ItemSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return item_public_list().order_by("pk").prefetch_related(None)

    def location(self, item: Item) -> str:
        return item.get_absolute_url()


class ConsultationSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return consultation_public_list().order_by("pk")


class ManualSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return manual_public_list().order_by("pk")


class MeetingSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return meeting_public_list().order_by("pk")


class AgreementSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return agreement_list().order_by("pk").prefetch_related(None)


class DatasetSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return dataset_public_list().order_by("pk")


class ProjectSitemap(_TranslatedRecords):
    own_text_field = "title"

    def items(self):
        return project_public_list().order_by("pk")


SITEMAPS = {
    "projects": ProjectSitemap,
    "datasets": DatasetSitemap,
    "meetings": MeetingSitemap,
    "agreements": AgreementSitemap,
    "sections": SectionSitemap,
    "agencies": AgencySitemap,
    "knowledge": ItemSitemap,
    "consultations": ConsultationSitemap,
    "manuals": ManualSitemap,
}
