"""The catalog's Atom feed: public datasets, newest change first."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from divisions.core.feeds import SectionFeed

from .selectors import dataset_public_list


class DatasetFeed(SectionFeed):
    title = _("EEC Portal: datasets")
    subtitle = _("Open datasets of the EEC Support Division, newest change first.")

    def link(self) -> str:
        return reverse("spatial:index")

    def records(self):
        return dataset_public_list().select_related(None).only(
            "slug", "title", "title_th", "title_en", "description", "description_th",
            "description_en", "updated_at", "created_at",
        )  # fmt: skip

    def item_description(self, dataset) -> str:
        return dataset.description
