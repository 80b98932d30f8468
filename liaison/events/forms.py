"""Forms of the events area."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.forms import DATE, LiaisonModelForm, RefusalMixin, VersionedForm, restrict_choices
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Organisation

from .choices import Language, ParticipantRole, RegistrationStatus
from .documents import A6, LAYOUTS
from .models import CourseEvaluation, Event, MeetingRequest, Registration, Session

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
# Roles a delegate may choose on the public form; staff and media are registered by staff.
PUBLIC_ROLES = (ParticipantRole.DELEGATE, ParticipantRole.SPEAKER, ParticipantRole.MODERATOR,
                ParticipantRole.OBSERVER, ParticipantRole.STUDENT)


class EventForm(LiaisonModelForm):
    class Meta:
        model = Event
        fields = ["kind", "series", "edition", "our_role", "title_en", "title_zh_hant", "theme_en", "theme_zh_hant",
                  "description_en", "description_zh_hant", "organisers", "partners", "start_date", "end_date",
                  "approximate", "time_zone", "venue_en", "venue_zh_hant", "city_en", "city_zh_hant",
                  "jurisdiction", "capacity", "agreements", "network_meetings", "retention_date", "notes"]
        labels = {
            "title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)"),
            "theme_en": _("Theme (English)"), "theme_zh_hant": _("Theme (Chinese)"),
            "description_en": _("Description (English)"), "description_zh_hant": _("Description (Chinese)"),
            "venue_en": _("Venue (English)"), "venue_zh_hant": _("Venue (Chinese)"),
            "city_en": _("City (English)"), "city_zh_hant": _("City (Chinese)"),
        }
        widgets = {"start_date": DATE, "end_date": DATE, "retention_date": DATE,
                   "description_en": forms.Textarea(attrs={"rows": 3}),
                   "description_zh_hant": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}


class SessionForm(LiaisonModelForm):
    class Meta:
        model = Session
        fields = ["event", "title_en", "title_zh_hant", "start", "end", "room_en", "room_zh_hant", "speakers",
                  "moderators"]
        labels = {"title_en": _("Title (English)"), "title_zh_hant": _("Title (Chinese)"),
                  "room_en": _("Room (English)"), "room_zh_hant": _("Room (Chinese)")}
        widgets = {"start": DATETIME, "end": DATETIME}


class RegistrationForm(LiaisonModelForm):
    class Meta:
        model = Registration
        fields = ["event", "name_en", "name_zh_hant", "organisation", "proposed_organisation", "jurisdiction",
                  "position_en", "position_zh_hant", "role", "email", "language", "diet", "access_needs",
                  "visa_letter", "contact", "is_synthetic"]
        labels = {"name_en": _("Name (English)"), "name_zh_hant": _("Name (Chinese)"),
                  "position_en": _("Position (English)"), "position_zh_hant": _("Position (Chinese)")}


class RegistrationMoveForm(VersionedForm):
    status = forms.ChoiceField(label=_("Move to"), choices=RegistrationStatus.choices)


class MeetingRequestForm(LiaisonModelForm):
    class Meta:
        model = MeetingRequest
        fields = ["event", "requester", "counterpart", "hosts", "topic_en", "topic_zh_hant", "priority", "mutual",
                  "people", "status"]
        labels = {"topic_en": _("Topic (English)"), "topic_zh_hant": _("Topic (Chinese)")}


class MeetingAnswerForm(VersionedForm):
    accept = forms.BooleanField(label=_("Accept"), required=False)


class PublicRegistrationForm(RefusalMixin, forms.Form):
    """What a delegate gives when registering through an invitation link: only what the event needs."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    name_zh_hant = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    proposed_organisation = forms.CharField(
        label=_("Organisation"), max_length=300, required=False,
        help_text=_("Only if it is not the invited organisation; the organisers review it."))
    position_en = forms.CharField(label=_("Position"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[(role.value, role.label) for role in PUBLIC_ROLES])
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    language = forms.ChoiceField(label=_("Language of our e-mails"), choices=Language.choices)
    diet = forms.CharField(label=_("Dietary needs"), max_length=200, required=False)
    access_needs = forms.CharField(label=_("Access needs"), max_length=200, required=False)
    visa_letter = forms.BooleanField(label=_("I need a letter for my visa"), required=False)

    def __init__(self, *args, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if invitation is not None and invitation.organisation_id is None:
            self.fields["proposed_organisation"].required = True
            self.fields["proposed_organisation"].help_text = _("The organisers review it before it is recorded.")


class DelegationForm(forms.Form):
    """A whole delegation at once: one person a line, “English name; Chinese name; position; e-mail”."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices, initial=ParticipantRole.DELEGATE)
    people = forms.CharField(
        label=_("Members"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One person a line: English name; Chinese name; position; e-mail (the last three optional)."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)  # the organisations the user may see, chosen by type-ahead

    def clean_people(self) -> list[dict]:
        people = []
        for line in self.cleaned_data["people"].splitlines():
            parts = [part.strip() for part in line.split(";")]
            if not any(parts):
                continue
            parts += [""] * (4 - len(parts))
            people.append({"name_en": parts[0], "name_zh_hant": parts[1], "position_en": parts[2],
                           "email": parts[3], "role": self.cleaned_data.get("role") or ParticipantRole.DELEGATE})
        if not people:
            raise forms.ValidationError(_("Name at least one member of the delegation."))
        return people


class BadgeForm(forms.Form):
    """Which badges to print: the layout, and the roles (none chosen: every role)."""

    layout = forms.ChoiceField(label=_("Layout"), choices=LAYOUTS, initial=A6, widget=forms.RadioSelect)
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=ParticipantRole.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None chosen: badges for every role."))


class ParticipantImportForm(forms.Form):
    """A participant list to import into an event."""

    file = forms.FileField(label=_("Participant list (.xlsx)"))
# --- Invitations, meeting rooms and slots, availability, evaluations, proposed organisations --------------------

class InvitationForm(RefusalMixin, forms.Form):
    """A new invitation link for an organisation (or an open one, whose delegates propose their organisation)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(),
                                          required=False, help_text=_("Empty: an open invitation."))
    quota = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=5)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=365, initial=30)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


class InvitationExtendForm(VersionedForm):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=365, initial=14)


class MeetingRoomForm(VersionedForm):
    name = forms.CharField(label=pgettext_lazy("room", "Name"), max_length=100)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500, initial=8)


class MeetingSlotForm(VersionedForm):
    date = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class NewMeetingRoomForm(MeetingRoomForm):
    version = None


class NewMeetingSlotForm(MeetingSlotForm):
    version = None


class DaySlotsForm(NewMeetingSlotForm):
    """A day's slots in one go: from the start, one slot of the given length after the other, until the end."""

    minutes = forms.IntegerField(label=_("Length of a slot (minutes)"), min_value=5, max_value=480, initial=30)


class CourseEvaluationForm(LiaisonModelForm):
    """A participant's paper evaluation form, entered by staff (anonymous: it names no participant)."""

    class Meta:
        model = CourseEvaluation
        fields = ["overall", "relevance", "comments"]
        widgets = {"overall": forms.RadioSelect, "relevance": forms.RadioSelect,
                   "comments": forms.Textarea(attrs={"rows": 3})}


class ProposedOrganisationMatchForm(forms.Form):
    """Links the registrations proposing an organisation to one already in the registry."""

    proposed = forms.CharField(widget=forms.HiddenInput, max_length=300)
    organisation = forms.ModelChoiceField(label=_("Organisation in the registry"), queryset=Organisation.objects.all())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


class ProposedOrganisationCreateForm(forms.Form):
    """Enters a proposed organisation in the registry, named in both languages."""

    proposed = forms.CharField(widget=forms.HiddenInput, max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    name_zh_hant = forms.CharField(label=_("Name (Chinese)"), max_length=300, required=False)
