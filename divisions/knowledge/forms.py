from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BestPracticeSubmission, Comment, Question, Topic


class HoneypotForm(forms.Form):
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1"}))

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class CommentForm(HoneypotForm, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I have read the privacy notice. My email address is kept private and used only "
                "to contact me about this comment."),
    )  # fmt: skip

    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}


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


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    consent = forms.BooleanField(
        label=_("I agree that the division keeps my email address and answers for this "
                "consultation; results are published only as counts."),
    )  # fmt: skip


class ResponseForm(forms.Form):
    """Built from a consultation's questions: one field per question."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
                continue
            choices = [(c.pk, c.text) for c in question.choices.all()]
            field = (
                forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
                if question.kind == Question.Kind.SINGLE
                else forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)
            )
            field.label, field.choices, field.required = question.text, choices, question.required
            self.fields[name] = field

    def answers(self) -> dict[int, list[int] | str]:
        result: dict[int, list[int] | str] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == Question.Kind.TEXT:
                result[question.pk] = value or ""
            elif question.kind == Question.Kind.SINGLE:
                result[question.pk] = [value] if value not in (None, "") else []
            else:
                result[question.pk] = list(value or [])
        return result


class SubmissionForm(HoneypotForm, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the division keeps these contact details to review this work and "
                "may publish the work with the organisation's name."),
    )  # fmt: skip

    class Meta:
        model = BestPracticeSubmission
        fields = ["organisation", "province", "contact_name", "contact_email", "contact_phone",
                  "title", "problem", "approach", "results", "lessons"]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("problem", "approach", "results", "lessons")
        }
