"""Site-level forms: a citizen's privacy request, following a thing by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Follow, PrivacyRequest


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


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Follow.Frequency.choices,
        initial=Follow.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
