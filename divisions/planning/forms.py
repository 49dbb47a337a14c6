from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProjectPair


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Decision"), choices=ProjectPair.Verdict.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)  # fmt: skip
    keep = forms.ChoiceField(
        label=_("Merge: the project that stays"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only for a duplicate: the other project is merged into it."),
    )

    def __init__(self, *args, pair: ProjectPair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            ("", _("Do not merge now")),
            (str(pair.first_id), str(pair.first)),
            (str(pair.second_id), str(pair.second)),
        ]

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("verdict") != ProjectPair.Verdict.DUPLICATE:
            self.add_error("keep", _("Only a duplicate can be merged."))
        return data
