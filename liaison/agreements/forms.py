"""Forms of the agreements register."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.forms import DATE, FollowUpActionForm, LiaisonModelForm, VersionedForm, active_users, version_field
from liaison.partners.models import Organisation

from . import documents
from .choices import AgreementStatus, CooperationArea, DocumentKind
from .models import Agreement, AgreementDocument, AgreementParty, FollowUpAction


class AgreementForm(LiaisonModelForm):
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=Organisation.objects.none(),
        help_text=_("Two or more organisations; ours is usually one of them."),
    )
    areas = forms.MultipleChoiceField(label=_("Areas of cooperation"), choices=CooperationArea.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    already_signed = forms.BooleanField(
        label=_("Already signed: record it as signed (in force) in one step"), required=False,
        help_text=_("For an agreement signed earlier; give the date of signature below. Otherwise it starts as a "
                    "draft and moves through negotiation and approval."),
    )

    field_order = ["already_signed"]  # the one-step way of recording a signed agreement comes first

    class Meta:
        model = Agreement
        fields = ["kind", "title_en", "title_zh_hant", "summary_en", "summary_zh_hant", "parties", "areas",
                  "signed_date", "signing_place_en", "signing_place_zh_hant", "occasion_en", "occasion_zh_hant",
                  "witness_en", "witness_zh_hant", "witness_contact", "effective_date", "term_months",
                  "expiry_date", "auto_renew", "notice_days", "responsible_officer", "notes"]
        labels = {
            "title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)"),
            "summary_en": _("Summary (English)"), "summary_zh_hant": _("Summary (Chinese)"),
            "signing_place_en": _("Place of signing (English)"),
            "signing_place_zh_hant": _("Place of signing (Chinese)"),
            "occasion_en": _("Occasion (English)"), "occasion_zh_hant": _("Occasion (Chinese)"),
            "witness_en": _("Witnessed by (English)"), "witness_zh_hant": _("Witnessed by (Chinese)"),
        }
        widgets = {
            "signed_date": DATE, "effective_date": DATE, "expiry_date": DATE,
            "summary_en": forms.Textarea(attrs={"rows": 3}), "summary_zh_hant": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Organisation.objects.select_related("jurisdiction")
        self.fields["responsible_officer"].queryset = active_users()
        if self.instance.pk:
            del self.fields["already_signed"]
            self.fields["parties"].initial = list(self.instance.parties.values_list("pk", flat=True))
        else:
            own = Organisation.objects.restrict(self.user).filter(is_own=True).first()
            self.fields["parties"].initial = [own.pk] if own else []
            self.fields["responsible_officer"].initial = getattr(self.user, "pk", None)

    def changes(self) -> dict:
        data = super().changes()
        if self.cleaned_data.get("already_signed"):
            data["status"] = AgreementStatus.SIGNED
        return data


class MoveForm(VersionedForm):
    """A move of the lifecycle, with the date and reason some moves need."""

    status = forms.ChoiceField(label=_("Move to"), choices=())
    on = forms.DateField(label=_("Date"), required=False, widget=DATE,
                         help_text=_("The date of signature, termination or renewal."))
    reason = forms.CharField(label=_("Reason (for termination)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    expiry_date = forms.DateField(label=_("New expiry date (for renewal)"), required=False, widget=DATE)

    def __init__(self, *args, allowed=(), likely=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(AgreementStatus.choices)
        choices = [(s, labels[s]) for s in allowed]
        # Without a likely move nothing is chosen for the officer: a move picked by default is easily made by mistake.
        self.fields["status"].choices = choices if likely else [("", _("Choose the move…")), *choices]
        self.fields["status"].initial = likely
        self.fields["on"].initial = timezone.localdate()


class PartyForm(LiaisonModelForm):
    """Who signed for a party; it carries the version of the agreement, which the party is part of."""

    class Meta:
        model = AgreementParty
        fields = ["signatory", "signatory_title_en", "signatory_title_zh_hant"]
        labels = {"signatory_title_en": pgettext_lazy("post", "Title (English)"),
                  "signatory_title_zh_hant": pgettext_lazy("post", "Title (Chinese)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()
        self.fields["version"].initial = self.instance.agreement.version


class DocumentForm(LiaisonModelForm):
    upload = forms.FileField(label=_("File"), help_text=_("PDF, Word (DOCX), PNG or JPEG."))

    class Meta:
        model = AgreementDocument
        fields = ["kind", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = DocumentKind.SIGNED_COPY
        self.fields["upload"].help_text = _("{kinds}; at most {size} MB.").format(
            kinds=documents.accepted_text(), size=round(documents.max_bytes() / 1024 / 1024, 1))

    def clean_upload(self):
        uploaded = self.cleaned_data["upload"]
        documents.check(uploaded)  # refused here too, so the form shows the reason on the field
        return uploaded

    def changes(self) -> dict:
        return {"kind": self.cleaned_data["kind"], "description": self.cleaned_data["description"],
                "file": self.cleaned_data["upload"]}


class ActionForm(FollowUpActionForm):
    class Meta:
        model = FollowUpAction
        fields = ["title_en", "title_zh_hant", "owner", "due_date", "status", "notes"]
        labels = {"title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)")}
        widgets = {"due_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


def parse_date(value):
    field = forms.DateField()
    try:
        return field.clean(value) if value else None
    except ValidationError:
        return None
