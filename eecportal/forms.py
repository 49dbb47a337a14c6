"""Site-level forms: a citizen's privacy request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PrivacyRequest


class PrivacyRequestForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=PrivacyRequest.Kind.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PrivacyRequest
        fields = ["email", "kind"]
        labels = {"email": _("Your email address")}
        help_texts = {
            "email": _("The address you used to comment, subscribe or answer a consultation.")
        }
