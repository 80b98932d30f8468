"""Forms of networks and memberships."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import LiaisonModelForm
from liaison.partners.models import Contact, Organisation

from .choices import MembershipStatus as Status
from .models import Membership, MembershipCategory, Network
from .services import ALLOWED_MOVES, allowed_moves

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NetworkForm(LiaisonModelForm):
    class Meta:
        model = Network
        fields = ["organisation", "purpose_en", "purpose_zh_hant", "founded_year", "founder", "secretariat",
                  "secretariat_since", "has_categories", "notes"]
        labels = {"purpose_en": _("Purpose (English)"), "purpose_zh_hant": _("Purpose (Chinese)")}
        widgets = {"purpose_en": forms.Textarea(attrs={"rows": 3}),
                   "purpose_zh_hant": forms.Textarea(attrs={"rows": 3}),
                   "notes": forms.Textarea(attrs={"rows": 3}), "secretariat_since": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.restrict(self.user)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].help_text = _("The network or association as recorded under Organisations.")
        self.fields["founder"].queryset = organisations
        self.fields["secretariat"].queryset = organisations


class MembershipForm(LiaisonModelForm):
    """Add: an application received, or a member or observer from a date. Edit: the membership's details."""

    status = forms.ChoiceField(label=_("Status"), choices=[(s, Status(s).label) for s in allowed_moves(None)],
                               initial=Status.APPLICANT, required=False)
    start_date = forms.DateField(label=_("Since"), widget=DATE, required=False,
                                 help_text=_("The day the application was received or the status began."))
    reason = forms.CharField(label=_("Reason or reference"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Membership
        fields = ["network", "organisation", "category", "representative", "capacity_en", "capacity_zh_hant", "notes"]
        labels = {"capacity_en": _("Capacity (English)"), "capacity_zh_hant": _("Capacity (Chinese)")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.restrict(self.user).select_related("organisation")
        self.fields["organisation"].queryset = Organisation.objects.restrict(self.user)
        self.fields["category"].queryset = MembershipCategory.objects.restrict(self.user).select_related(
            "network__organisation")
        self.fields["representative"].queryset = Contact.objects.restrict(self.user)
        if self.instance.pk:
            for name in ("status", "start_date", "reason"):
                del self.fields[name]
            self.fields["network"].disabled = self.fields["organisation"].disabled = True
        else:
            self.fields["start_date"].required = True

    def changes(self) -> dict:
        data = super().changes()
        if not self.instance.pk:
            data.update(status=self.cleaned_data["status"] or Status.APPLICANT,
                        start_date=self.cleaned_data["start_date"], reason=self.cleaned_data["reason"])
        return data


class StatusChangeForm(forms.Form):
    """A decision on a membership: approve, reject, suspend, reinstate, withdraw — from a date, with a reason."""

    status = forms.ChoiceField(label=_("New status"))
    start_date = forms.DateField(label=_("From"), widget=DATE)
    reason = forms.CharField(label=_("Reason or reference"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every status is offered on a POST so that a refused move gets the service's message, not a generic one.
        offered = allowed_moves(current) if not self.is_bound else Status.values
        self.fields["status"].choices = [(s, Status(s).label) for s in offered]
        self.can_move = bool(ALLOWED_MOVES.get(current))


class DateForm(forms.Form):
    on = forms.DateField(label=_("On"), required=False, widget=DATE)
