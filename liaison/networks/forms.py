"""Forms of networks, memberships and governance (bodies, terms, meetings)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import DATE, LiaisonModelForm, VersionedForm

from .choices import MembershipStatus as Status
from .models import Body, BodyMeeting, Membership, Network, Term
from .services import ALLOWED_MOVES, allowed_moves


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
        self.fields["organisation"].help_text = _("The network or association as recorded under Organisations.")


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
        self.fields["network"].queryset = self.fields["network"].queryset.select_related("organisation")
        self.fields["category"].queryset = self.fields["category"].queryset.select_related("network__organisation")
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


class StatusChangeForm(VersionedForm):
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


class BodyForm(LiaisonModelForm):
    """A governing body of a network; the network is fixed once chosen (or given by ?network=)."""

    class Meta:
        model = Body
        fields = ["network", "kind", "name_en", "name_zh_hant", "order"]
        labels = {"name_en": _("Name (English)"), "name_zh_hant": _("Name (Chinese)")}

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        field.queryset = field.queryset.select_related("organisation")
        if self.instance.pk or network is not None:
            field.disabled = True
        for name in ("name_en", "name_zh_hant"):
            self.fields[name].help_text = _("Blank to use the kind as the name.")
        self.fields["order"].help_text = _("Bodies are listed on the network page in this order.")


class BodyChoiceMixin:
    """The body of a term or meeting: one of the same network's bodies once the network is known."""

    def limit_bodies(self, body=None):
        field = self.fields["body"]
        bodies = field.queryset.select_related("network__organisation")
        network_id = self.instance.body.network_id if self.instance.pk else body.network_id if body else None
        if network_id is not None:
            field.queryset = bodies.filter(network_id=network_id)
            field.label_from_instance = str
        else:
            field.queryset = bodies
            field.label_from_instance = lambda b: _("{network}: {body}").format(network=b.network, body=b)


class TermForm(BodyChoiceMixin, LiaisonModelForm):
    """Who holds a seat on a body, from when until when."""

    class Meta:
        model = Term
        fields = ["body", "holder", "holder_contact", "role_title_en", "role_title_zh_hant", "start_date", "end_date",
                  "approximate", "notes"]
        labels = {"role_title_en": _("Role (English)"), "role_title_zh_hant": _("Role (Chinese)")}
        widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_bodies(body)
        self.fields["end_date"].help_text = _("Blank while the term lasts.")


class BodyMeetingForm(BodyChoiceMixin, LiaisonModelForm):
    """A meeting of a body."""

    class Meta:
        model = BodyMeeting
        fields = ["body", "date", "approximate", "title_en", "title_zh_hant", "place_en", "place_zh_hant", "notes"]
        labels = {"title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)"),
                  "place_en": _("Place (English)"), "place_zh_hant": _("Place (Chinese)")}
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_bodies(body)
