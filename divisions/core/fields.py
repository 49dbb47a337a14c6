"""Model fields shared by the sections."""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.utils.text import capfirst


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
