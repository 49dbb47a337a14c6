"""Model and form fields shared by the sections."""

import re

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.utils.text import capfirst

from .thai import BE_OFFSET


class ChoiceArrayField(ArrayField):
    """A list of coded choices (provinces, languages, industries) that forms offer as a list to
    pick from, by name in the reader's language, instead of a text box wanting codes. The admin
    shows it as its searchable two-list picker (eecportal.apps)."""

    def formfield(self, **kwargs):
        widget = kwargs.get("widget") or forms.SelectMultiple
        field = forms.TypedMultipleChoiceField(
            choices=self.base_field.choices,
            coerce=self.base_field.to_python,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=widget,
        )
        if hasattr(field.widget, "verbose_name"):  # the admin's picker names its two lists
            field.widget.verbose_name = self.verbose_name
        return field


BUDDHIST_ERA_YEAR = re.compile(r"(?<!\d)(2[4-9]\d\d)(?!\d)")


def christian_era_text(value):
    """A typed date with its Buddhist-era year (2569, as Thai staff often write it) made the
    Christian-era year Django reads (2026). No date the portal keeps lies after 2400 CE, so a
    year from 2400 on can only be BE; the year is changed before parsing, so 29 February of a
    BE leap year is read."""
    if isinstance(value, str):
        return BUDDHIST_ERA_YEAR.sub(lambda match: str(int(match[1]) - BE_OFFSET), value)
    return value


class BuddhistEraDateField(forms.DateField):
    def to_python(self, value):
        return super().to_python(christian_era_text(value))


class BuddhistEraSplitDateTimeField(forms.SplitDateTimeField):
    def clean(self, value):
        if isinstance(value, list | tuple) and value:
            value = [christian_era_text(value[0]), *value[1:]]
        return super().clean(value)


def translated_columns(*names: str) -> tuple[str, ...]:
    """The columns of translated fields (`title`: title, title_th, title_en), for `only()`
    reads that show a field with its fallback to the other language."""
    return tuple(
        f"{name}{suffix}"
        for name in names
        for suffix in ("", *(f"_{code}" for code, _label in settings.LANGUAGES))
    )
