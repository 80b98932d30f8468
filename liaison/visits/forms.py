"""Forms of the delegations area."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from liaison.agreements import documents
from liaison.core.forms import DATE, FollowUpActionForm, LiaisonModelForm, LinesField, VersionedForm, active_users
from liaison.partners.models import Organisation

from .choices import DelegationStatus
from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


def bilingual_labels(*pairs) -> dict:
    """Labels "<Label> (English)" / "<Label> (Chinese)" for the two languages of each content field."""
    labels = {}
    for name, english, chinese in pairs:
        labels[f"{name}_en"], labels[f"{name}_zh_hant"] = english, chinese
    return labels


class DelegationForm(LiaisonModelForm):
    languages = LinesField(label=_("Languages"))

    class Meta:
        model = Delegation
        fields = ["title_en", "title_zh_hant", "organisations", "visiting_organisation_en",
                  "visiting_organisation_zh_hant", "jurisdiction", "category", "head_en", "head_zh_hant",
                  "declared_size", "purpose_en", "purpose_zh_hant", "preferred_start", "preferred_end",
                  "start_date", "end_date", "languages", "host_officer", "contact_name", "contact_email", "notes"]
        labels = bilingual_labels(
            ("title", _("Title (English)"), _("Title (Chinese)")),
            ("visiting_organisation", _("Visiting organisation (English)"), _("Visiting organisation (Chinese)")),
            ("head", _("Head of delegation (English)"), _("Head of delegation (Chinese)")),
            ("purpose", _("Purpose (English)"), _("Purpose (Chinese)")))
        widgets = {"preferred_start": DATE, "preferred_end": DATE, "start_date": DATE, "end_date": DATE,
                   "purpose_en": TEXT, "purpose_zh_hant": TEXT, "notes": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.select_related("jurisdiction")
        self.fields["host_officer"].queryset = active_users()


class MoveForm(VersionedForm):
    """A move of the workflow, with the reason a refusal needs."""

    status = forms.ChoiceField(label=_("Move to"), choices=())
    reason = forms.CharField(label=_("Reason (for declining)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(DelegationStatus.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in allowed]


class ProgrammeItemForm(LiaisonModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["kind", "title_en", "title_zh_hant", "start", "end", "place_en", "place_zh_hant", "room", "hosts",
                  "interpreters"]
        labels = bilingual_labels(("title", _("Title (English)"), _("Title (Chinese)")),
                                  ("place", _("Place (English)"), _("Place (Chinese)")))
        widgets = {"start": DATETIME, "end": DATETIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = active_users()
        self.fields["interpreters"].queryset = active_users()


class VisitorForm(LiaisonModelForm):
    class Meta:
        model = Visitor
        fields = ["name_en", "name_zh_hant", "position_en", "position_zh_hant", "organisation_en",
                  "organisation_zh_hant"]
        labels = bilingual_labels(("name", _("Name (English)"), _("Name (Chinese)")),
                                  ("position", _("Position (English)"), _("Position (Chinese)")),
                                  ("organisation", _("Organisation (English)"), _("Organisation (Chinese)")))


class VisitorImportForm(forms.Form):
    upload = forms.FileField(label=_("Visitor list (XLSX)"),
                             help_text=_("Columns: name (English), name (Chinese), position (English), position "
                                         "(Chinese), organisation (English), organisation (Chinese); a header row."))


class MissionForm(LiaisonModelForm):
    class Meta:
        model = Mission
        fields = ["title_en", "title_zh_hant", "purpose", "destinations", "city_en", "city_zh_hant", "start_date",
                  "end_date", "event",
                  "event_name_en", "event_name_zh_hant", "organisations", "leader_en", "leader_zh_hant",
                  "members", "capacity", "status", "speeches_en", "speeches_zh_hant", "outcomes_en",
                  "outcomes_zh_hant", "report"]
        labels = bilingual_labels(
            ("title", _("Title (English)"), _("Title (Chinese)")), ("city", _("City (English)"), _("City (Chinese)")),
            ("event_name", _("Event attended (English)"), _("Event attended (Chinese)")),
            ("leader", _("Led by (English)"), _("Led by (Chinese)")),
            ("speeches", _("Speeches given (English)"), _("Speeches given (Chinese)")),
            ("outcomes", _("Outcomes (English)"), _("Outcomes (Chinese)")))
        widgets = {"start_date": DATE, "end_date": DATE, "speeches_en": TEXT, "speeches_zh_hant": TEXT,
                   "outcomes_en": TEXT, "outcomes_zh_hant": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = active_users()
        self.fields["report"].help_text = _("{kinds}; at most {size} MB.").format(
            kinds=documents.accepted_text(), size=round(documents.max_bytes() / 1024 / 1024, 1))

    def clean_report(self):
        report = self.cleaned_data["report"]
        if isinstance(report, UploadedFile):
            documents.check(report)  # the agreements' checks: name, size and content by its first bytes
        return report


class MissionActionForm(FollowUpActionForm):
    class Meta:
        model = MissionAction
        fields = ["title_en", "title_zh_hant", "owner", "due_date", "status"]
        labels = bilingual_labels(("title", _("Title (English)"), _("Title (Chinese)")))
        widgets = {"due_date": DATE}


class JointProjectForm(LiaisonModelForm):
    class Meta:
        model = JointProject
        fields = ["title_en", "title_zh_hant", "description_en", "description_zh_hant", "coordinating_body",
                  "status", "start_date", "end_date", "delegations", "missions", "meetings_en", "meetings_zh_hant"]
        labels = bilingual_labels(
            ("title", _("Title (English)"), _("Title (Chinese)")),
            ("description", _("Description (English)"), _("Description (Chinese)")),
            ("meetings", _("Meetings that served it (English)"), _("Meetings that served it (Chinese)")))
        widgets = {"start_date": DATE, "end_date": DATE, "description_en": TEXT, "description_zh_hant": TEXT,
                   "meetings_en": TEXT, "meetings_zh_hant": TEXT}


class PartnerForm(LiaisonModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role_en", "role_zh_hant"]
        labels = bilingual_labels(("role", _("Role (English)"), _("Role (Chinese)")))


class MilestoneForm(LiaisonModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "title_en", "title_zh_hant", "reached"]
        labels = bilingual_labels(("title", _("Title (English)"), _("Title (Chinese)")))
        widgets = {"date": DATE}


class OutputForm(LiaisonModelForm):
    class Meta:
        model = ProjectOutput
        fields = ["kind", "title_en", "title_zh_hant", "published_on", "link"]
        labels = bilingual_labels(("title", _("Title (English)"), _("Title (Chinese)")))
        widgets = {"published_on": DATE}
