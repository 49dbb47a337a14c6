from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "short_name", "kind", "province", "country", "updated_at"]
    list_filter = ["kind", "province"]
    search_fields = ["name_th", "name_en", "short_name_th", "short_name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["parent"]
