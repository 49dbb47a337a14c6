"""Site-level forms: a citizen's privacy request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PrivacyRequest


class PrivacyRequestForm(forms.ModelForm):
    class Meta:
        model = PrivacyRequest
        fields = ["email", "kind"]
        labels = {"email": _("Your email address"), "kind": _("What do you ask for?")}
        help_texts = {
            "email": _("The address you used to comment, subscribe or answer a consultation.")
        }
        widgets = {"kind": forms.RadioSelect}
