"""Forms of the operational-liaison area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.agreements import documents
from liaison.core.forms import DATE, LiaisonModelForm, VersionedForm

from .choices import MARKING_DEFINITIONS, Marking, RequestStatus
from .models import AssistanceRequest, Attachment, Compartment, Correspondence, member_compartments


def marking_help() -> str:
    return " ".join(f"{label}: {MARKING_DEFINITIONS[value]}" for value, label in Marking.choices)


class AssistanceRequestForm(LiaisonModelForm):
    class Meta:
        model = AssistanceRequest
        fields = ["compartment", "direction", "counterpart", "jurisdiction", "channel", "request_type", "legal_basis",
                  "our_reference", "subject_en", "subject_zh_hant", "summary_en", "summary_zh_hant", "priority",
                  "marking", "sent_or_received_on", "acknowledged_on", "due_on", "executed_on", "linked"]
        labels = {"subject_en": _("Subject (English)"), "subject_zh_hant": _("Subject (Chinese)"),
                  "summary_en": _("Summary (English)"), "summary_zh_hant": _("Summary (Chinese)")}
        widgets = {"sent_or_received_on": DATE, "acknowledged_on": DATE, "due_on": DATE, "executed_on": DATE,
                   "summary_en": forms.Textarea(attrs={"rows": 3}),
                   "summary_zh_hant": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marking"].help_text = marking_help()
        # Only one's own compartments: a request filed elsewhere would vanish from its author's sight.
        self.fields["compartment"].queryset = Compartment.objects.filter(pk__in=member_compartments(self.user))
        if self.instance.pk:
            self.fields["linked"].queryset = self.fields["linked"].queryset.exclude(pk=self.instance.pk)


class CompartmentForm(LiaisonModelForm):
    class Meta:
        model = Compartment
        fields = ["name_en", "name_zh_hant", "description_en", "description_zh_hant", "members"]
        labels = {"name_en": _("Name (English)"), "name_zh_hant": _("Name (Chinese)"),
                  "description_en": _("Description (English)"), "description_zh_hant": _("Description (Chinese)")}


class MoveForm(VersionedForm):
    status = forms.ChoiceField(label=_("Move to"), choices=RequestStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason (for refusal or withdrawal)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            labels = dict(RequestStatus.choices)
            self.fields["status"].choices = [(value, labels[value]) for value in allowed]


class CorrespondenceForm(forms.ModelForm):
    class Meta:
        model = Correspondence
        fields = ["date", "direction", "summary", "marking"]
        widgets = {"date": DATE, "summary": forms.Textarea(attrs={"rows": 2})}


class AttachmentForm(forms.ModelForm):
    file = forms.FileField(label=_("File"), help_text=_("Accepted: {types}.").format(types=documents.accepted_text()))

    class Meta:
        model = Attachment
        fields = ["description", "marking"]


class MarkingChangeForm(forms.Form):
    """Asks to lower the marking of the request, or of one of its parts."""

    target = forms.CharField(widget=forms.HiddenInput, required=False)
    to_marking = forms.ChoiceField(label=_("Lower to"), choices=Marking.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.BooleanField(required=False)


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
