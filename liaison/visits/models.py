"""Delegations: incoming visits with their programme and visitors, outgoing missions, and joint projects."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.core.access import restrict
from liaison.core.models import CheckedTextModel, FollowUpActionBase, Jurisdiction, LiaisonModel
from liaison.core.validators import no_markup, require_one_language, validate_short_list
from liaison.partners.models import Organisation

from .choices import (
    DelegationCategory,
    DelegationStatus,
    MissionCapacity,
    MissionPurpose,
    MissionStatus,
    OutputKind,
    ProgrammeKind,
    ProjectStatus,
)


def _check_dates(record, start: str, end: str, message) -> None:
    first, last = getattr(record, start), getattr(record, end)
    if first and last and last < first:
        raise ValidationError({end: message}, code="dates")


class Delegation(LiaisonModel):
    """An incoming delegation: a visiting group, from its request to its programme and visit."""

    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    organisations = models.ManyToManyField(Organisation, verbose_name=_("visiting organisations"), blank=True,
                                           related_name="delegations")
    # A request from outside names its organisation in words; staff link it to the registry when they know it.
    visiting_organisation = models.CharField(_("visiting organisation (as written)"), max_length=300, blank=True,
                                             validators=[no_markup])
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=DelegationCategory,
                                default=DelegationCategory.GOVERNMENT)
    head = models.CharField(_("head of delegation"), max_length=200, blank=True, validators=[no_markup])
    declared_size = models.PositiveIntegerField(_("declared size"), default=1,
                                                help_text=_("Used until the list of visitors is entered."))
    listed_visitors = models.PositiveIntegerField(_("visitors listed"), default=0, editable=False)
    purpose = models.TextField(_("purpose"), blank=True)
    preferred_start = models.DateField(_("preferred from"), null=True, blank=True)
    preferred_end = models.DateField(_("preferred until"), null=True, blank=True)
    start_date = models.DateField(_("visit from"), null=True, blank=True)
    end_date = models.DateField(_("visit until"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_short_list])
    # Changed only by services.move, so that every move is an allowed one.
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus,
                              default=DelegationStatus.REQUESTED, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    host_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("host officer"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="hosted_delegations")
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True, validators=[no_markup])
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    from_public_form = models.BooleanField(_("requested through the public form"), default=False, editable=False)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, editable=False,
        help_text=_("Made by the reference data to reproduce a total the annual report gives, not a real visit."))
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title_en", "title_zh_hant", "visiting_organisation_en", "visiting_organisation_zh_hant",
                     "head_en", "head_zh_hant")

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        indexes = [models.Index(fields=["start_date", "id"], name="delegation_start"),
                   models.Index(fields=["status", "start_date", "id"], name="delegation_status_start"),
                   models.Index(fields=["category", "start_date", "id"], name="delegation_category_start"),
                   models.Index(fields=["jurisdiction", "start_date", "id"], name="delegation_jurisdiction")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def size(self) -> int:
        """The number of visitors: from the list when there is one, else as declared."""
        return self.listed_visitors or self.declared_size

    @property
    def first_day(self):
        return self.start_date or self.preferred_start

    @property
    def last_day(self):
        return self.end_date or self.preferred_end or self.first_day

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        _check_dates(self, "start_date", "end_date", _("The visit ends before it starts."))
        _check_dates(self, "preferred_start", "preferred_end", _("The preferred dates end before they start."))
        if self.declared_size < 1:
            raise ValidationError({"declared_size": _("A delegation has at least one visitor.")}, code="size")


class ProgrammeItem(LiaisonModel):
    """One item of a delegation's programme: a briefing, meeting, site visit, meal or tour."""

    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE,
                                   related_name="programme_items")
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind, default=ProgrammeKind.MEETING)
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[no_markup])
    room = models.CharField(_("room"), max_length=100, blank=True, validators=[no_markup],
                            help_text=_("A room of ours: two items cannot use it at the same time."))
    hosts = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("host officers"), blank=True,
                                   related_name="hosted_programme_items")
    interpreters = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("interpreters"), blank=True,
                                          related_name="interpreted_programme_items")

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        indexes = [models.Index(fields=["start", "end"], name="programme_time"),
                   models.Index(fields=["room", "start"], name="programme_room")]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(delegation__in=restrict(Delegation.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.delegation.get_absolute_url()

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The item ends before it starts.")}, code="dates")


class Visitor(LiaisonModel):
    """A member of a delegation: bilingual name, position and organisation."""

    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE,
                                   related_name="visitors")
    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup])
    position = models.CharField(_("position"), max_length=200, blank=True, validators=[no_markup])
    organisation = models.CharField(_("organisation"), max_length=300, blank=True, validators=[no_markup])

    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(delegation__in=restrict(Delegation.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.delegation.get_absolute_url()

    def clean(self):
        require_one_language(self, "name", _("Give the name in English or Chinese (or both)."))


def report_path(mission, filename: str) -> str:
    """Where a mission report is stored: a random name, never the name the user gave."""
    return f"visits/missions/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class Mission(LiaisonModel):
    """An outgoing mission: officers abroad or to the Mainland and Macao, with its purpose and outcome."""

    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    purpose = models.CharField(_("purpose"), max_length=20, choices=MissionPurpose, default=MissionPurpose.CONFERENCE)
    destinations = models.ManyToManyField(Jurisdiction, verbose_name=_("destinations"), related_name="+")
    city = models.CharField(_("city"), max_length=200, blank=True, validators=[no_markup])
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    event = models.ForeignKey("events.Event", verbose_name=_("event in Liaison"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="missions")
    # The event's name as written, for an event that is not recorded in Liaison.
    event_name = models.CharField(_("event attended"), max_length=300, blank=True, validators=[no_markup])
    organisations = models.ManyToManyField(Organisation, verbose_name=_("organisations met or visited"),
                                           blank=True, related_name="missions")
    leader = models.CharField(_("led by"), max_length=200, blank=True, validators=[no_markup])
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
                                     related_name="missions")
    capacity = models.CharField(_("capacity"), max_length=20, choices=MissionCapacity, default=MissionCapacity.OWN)
    status = models.CharField(_("status"), max_length=20, choices=MissionStatus, default=MissionStatus.PLANNED)
    speeches = models.TextField(_("speeches given"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    report = models.FileField(_("mission report"), upload_to=report_path, max_length=300, blank=True)

    search_fields = ("title_en", "title_zh_hant", "city_en", "city_zh_hant", "event_name_en", "event_name_zh_hant")

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        indexes = [models.Index(fields=["start_date", "id"], name="mission_start"),
                   models.Index(fields=["purpose", "start_date", "id"], name="mission_purpose_start")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        _check_dates(self, "start_date", "end_date", _("The mission ends before it starts."))


class MissionAction(FollowUpActionBase):
    """A follow-up action of a mission, with its owner and due date."""

    parent_field = "mission"
    status_route = "visits:missionaction_status"

    mission = models.ForeignKey(Mission, verbose_name=_("mission"), on_delete=models.CASCADE,
                                related_name="actions")

    class Meta(FollowUpActionBase.Meta):
        verbose_name = _("mission follow-up action")
        verbose_name_plural = _("mission follow-up actions")


class JointProject(LiaisonModel):
    """A project run with partners (e.g. the Greater Bay Area integrity guide), with milestones and outputs."""

    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(Organisation, through="ProjectPartner", verbose_name=_("partners"),
                                      related_name="joint_projects")
    coordinating_body = models.ForeignKey(Organisation, verbose_name=_("coordinating body"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="coordinated_projects")
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus, default=ProjectStatus.ACTIVE)
    start_date = models.DateField(_("started"), null=True, blank=True)
    end_date = models.DateField(_("ended"), null=True, blank=True)
    delegations = models.ManyToManyField(Delegation, verbose_name=_("visits that served it"), blank=True,
                                         related_name="joint_projects")
    missions = models.ManyToManyField(Mission, verbose_name=_("missions that served it"), blank=True,
                                      related_name="joint_projects")
    meetings = models.TextField(_("meetings that served it"), blank=True)

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        indexes = [models.Index(fields=["start_date", "id"], name="project_start")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        _check_dates(self, "start_date", "end_date", _("The project ends before it starts."))


class ProjectPartner(CheckedTextModel):
    """An organisation taking part in a joint project, and its role."""

    project = models.ForeignKey(JointProject, verbose_name=_("joint project"), on_delete=models.CASCADE,
                                related_name="partner_rows")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="project_partnerships")
    role = models.CharField(_("role"), max_length=300, blank=True, validators=[no_markup])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [models.UniqueConstraint(fields=["project", "organisation"], name="one_row_per_partner")]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(project__in=restrict(JointProject.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()


class Milestone(LiaisonModel):
    """A dated step of a joint project."""

    project = models.ForeignKey(JointProject, verbose_name=_("joint project"), on_delete=models.CASCADE,
                                related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    reached = models.BooleanField(_("reached"), default=False)

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(project__in=restrict(JointProject.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))


class ProjectOutput(LiaisonModel):
    """What a joint project produced: a document or publication, in both languages."""

    project = models.ForeignKey(JointProject, verbose_name=_("joint project"), on_delete=models.CASCADE,
                                related_name="outputs")
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind, default=OutputKind.PUBLICATION)
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    published_on = models.DateField(_("published on"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        ordering = ["published_on", "pk"]
        verbose_name = _("project output")
        verbose_name_plural = _("project outputs")

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(project__in=restrict(JointProject.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
