from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment, Topic


class CommentForm(forms.ModelForm):
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1"}))
    consent = forms.BooleanField(
        label=_("I have read the privacy notice. My email address is kept private and used only "
                "to contact me about this comment."),
    )  # fmt: skip

    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to receive every topic."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the division keeps my email address to send me this digest until "
                "I unsubscribe."),
    )  # fmt: skip
