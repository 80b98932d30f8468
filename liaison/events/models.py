"""Events and training: symposia, courses, workshops, study visits; their programme, registrations, invitations,
bilateral meetings and course evaluations."""

import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.agreements.models import Agreement
from liaison.core.access import restrict
from liaison.core.models import Jurisdiction, LiaisonModel
from liaison.core.validators import no_markup, require_one_language, validate_short_list
from liaison.networks.models import BodyMeeting
from liaison.partners.models import Contact, Organisation

from .choices import EventKind, Language, MeetingStatus, OurRole, ParticipantRole, Rating, RegistrationStatus

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
DEFAULT_TIME_ZONE = "Asia/Hong_Kong"


def validate_time_zone(value: str) -> None:
    """An IANA time zone name, e.g. Asia/Hong_Kong."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone “{zone}”; give an IANA name such as Asia/Hong_Kong.").format(
            zone=value), code="time_zone")


def validate_latin_name(value: str) -> None:
    """The English name is written in Latin script; Chinese characters belong in the Chinese name."""
    if HAN.search(value or ""):
        raise ValidationError(_("Write the name in English letters here; put the Chinese name in its own field."),
                              code="script")


def validate_chinese_name(value: str) -> None:
    """The Chinese name holds Chinese characters."""
    if value and not HAN.search(value):
        raise ValidationError(_("The Chinese name must be written in Chinese characters."), code="script")


class EventSeries(LiaisonModel):
    """A series of events held edition after edition, such as the ICAC Symposium (since 2000)."""

    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup])
    first_year = models.PositiveSmallIntegerField(_("first held in"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def clean(self):
        require_one_language(self, "name", _("Give the name in English or Chinese (or both)."))


class Event(LiaisonModel):
    """An event we hosted, organised or took part in: a symposium, course, workshop, study visit, conference…"""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind)
    series = models.ForeignKey(EventSeries, verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="editions")
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    our_role = models.CharField(_("our role"), max_length=20, choices=OurRole)
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    theme = models.CharField(_("theme"), max_length=300, blank=True, validators=[no_markup])
    description = models.TextField(_("description"), blank=True)
    organisers = models.ManyToManyField(Organisation, verbose_name=_("organisers and co-organisers"), blank=True,
                                        related_name="events_organised")
    partners = models.ManyToManyField(Organisation, verbose_name=_("partners"), blank=True,
                                      related_name="events_partnered")
    start_date = models.DateField(_("starts on"))
    end_date = models.DateField(_("ends on"))
    approximate = models.BooleanField(_("dates known to the month only"), default=False)
    time_zone = models.CharField(_("time zone"), max_length=40, default=DEFAULT_TIME_ZONE,
                                 validators=[validate_time_zone])
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[no_markup])
    city = models.CharField(_("city"), max_length=100, blank=True, validators=[no_markup])
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="events")
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_short_list])
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True,
        help_text=_("Registrations beyond this number are waitlisted; empty: no limit."))
    agreements = models.ManyToManyField(Agreement, verbose_name=_("agreements signed there"), blank=True,
                                        related_name="events")
    network_meetings = models.ManyToManyField(BodyMeeting, verbose_name=_("network meetings held there"),
                                              blank=True, related_name="events")
    retention_date = models.DateField(
        _("keep personal data until"), null=True, blank=True,
        help_text=_("After this date the participants' personal details are purged; the statistics stay."))
    purged_on = models.DateField(_("personal data purged on"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title_en", "title_zh_hant", "theme_en", "theme_zh_hant", "city_en", "city_zh_hant")

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start_date", "id"], name="event_start"),
                   models.Index(fields=["kind", "start_date", "id"], name="event_kind_start"),
                   models.Index(fields=["series", "start_date", "id"], name="event_series_start")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event ends before it starts.")
        if self.edition and not self.series_id:
            errors["edition"] = _("An edition belongs to a series: choose the series.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The event's time zone; Hong Kong's for a name no longer known (the time zone database changes)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


class EventPart(LiaisonModel):
    """A record shown on its event's page (it has no page of its own), visible with its event."""

    class Meta:
        abstract = True

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(event__in=restrict(Event.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


class Session(LiaisonModel):
    """A session or panel of an event's programme."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True, validators=[no_markup])
    speakers = models.ManyToManyField(Contact, verbose_name=_("speakers"), blank=True,
                                      related_name="sessions_spoken")
    moderators = models.ManyToManyField(Contact, verbose_name=_("moderators"), blank=True,
                                        related_name="sessions_moderated")

    search_fields = ("title_en", "title_zh_hant")

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["event", "start"], name="session_event_start"),
                   models.Index(fields=["start", "id"], name="session_start")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        if not (self.start and self.end and self.event_id):
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("The session ends before it starts.")})
        zone = self.event.zone
        first, last = timezone.localtime(self.start, zone).date(), timezone.localtime(self.end, zone).date()
        if first < self.event.start_date or last > self.event.end_date:
            raise ValidationError({"start": _("The session falls outside the event's dates.")})
        if self.room:
            clash = Session.objects.filter(event_id=self.event_id, room_en=self.room_en, room_zh_hant=self.room_zh_hant,
                                           start__lt=self.end, end__gt=self.start).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError({"room": _("The room is taken at that time by “{session}”.").format(
                    session=clash)})


class Invitation(EventPart):
    """An organisation's link to register its delegates: an unguessable token (kept as a hash), an expiry and a
    quota of places."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="event_invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires = models.DateTimeField(_("expires at"))
    quota = models.PositiveSmallIntegerField(_("places"), default=5, validators=[MinValueValidator(1)])
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.event} — {self.organisation or _('open invitation')}"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires


class Registration(LiaisonModel):
    """A participant of an event: who, from which organisation, in which role, and how far they got."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="registrations")
    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup])
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="registrations")
    proposed_organisation = models.CharField(
        _("organisation (proposed)"), max_length=300, blank=True, validators=[no_markup],
        help_text=_("An organisation not yet in the registry; staff review it before it enters."))
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="registrations")
    position = models.CharField(_("position"), max_length=200, blank=True, validators=[no_markup])
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole, default=ParticipantRole.DELEGATE)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus,
                              default=RegistrationStatus.REGISTERED, editable=False)
    email = models.CharField(_("e-mail"), max_length=254, blank=True,
                             validators=[EmailValidator(message=_("Enter a valid e-mail address."))])
    language = models.CharField(_("language"), max_length=10, choices=Language, default=Language.ENGLISH)
    diet = models.CharField(_("dietary needs"), max_length=200, blank=True, validators=[no_markup])
    access_needs = models.CharField(_("access needs"), max_length=200, blank=True, validators=[no_markup])
    visa_letter = models.BooleanField(_("needs a visa letter"), default=False)
    invitation = models.ForeignKey(Invitation, verbose_name=_("invitation"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="registrations", editable=False)
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="registrations")
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False,
        help_text=_("Made for the demo where the source gives only a total; not a real person."))
    purged = models.BooleanField(_("personal data purged"), default=False, editable=False)

    search_fields = ("name_en", "name_zh_hant", "email", "proposed_organisation")

    class Meta:
        ordering = ["event_id", "name_en", "pk"]  # the column: "event" would sort by the event's own order
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "name_en", "id"], name="registration_event_name"),
                   models.Index(fields=["event", "status"], name="registration_event_status"),
                   models.Index(fields=["email"], name="registration_email")]

    def __str__(self) -> str:
        return self.name or (str(_("(personal data purged)")) if self.purged else f"#{self.pk}")

    def clean(self):
        if not self.purged:
            require_one_language(self, "name", _("Give the name in English or Chinese (or both)."))
        errors = {}
        for field, check in (("name_en", validate_latin_name), ("name_zh_hant", validate_chinese_name)):
            try:
                check(getattr(self, field, ""))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            raise ValidationError(errors)


class MeetingRoom(EventPart):
    """A room for bilateral meetings during an event, and how many it seats."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100, validators=[no_markup])
    capacity = models.PositiveSmallIntegerField(_("seats"), default=8, validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["event", "name", "pk"]
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="one_room_name_per_event")]

    def __str__(self) -> str:
        return self.name


class MeetingSlot(EventPart):
    """A time slot for bilateral meetings on one day of an event (in the event's time zone)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots")
    date = models.DateField(_("date"))
    start = models.TimeField(_("starts at"))
    end = models.TimeField(_("ends at"))

    class Meta:
        ordering = ["event", "date", "start"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [models.UniqueConstraint(fields=["event", "date", "start"], name="one_slot_per_start")]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The slot ends before it starts.")})
        if self.event_id and self.date and not (self.event.start_date <= self.date <= self.event.end_date):
            raise ValidationError({"date": _("The slot falls outside the event's dates.")})


class MeetingRequest(LiaisonModel):
    """A request for a bilateral meeting during an event: a delegation asks to meet us (or another delegation)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="meeting_requests")
    requester = models.ForeignKey(Organisation, verbose_name=_("requested by"), on_delete=models.PROTECT,
                                  related_name="meeting_requests_made")
    counterpart = models.ForeignKey(
        Organisation, verbose_name=_("to meet"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="meeting_requests_received", help_text=_("Empty: a meeting with us."))
    hosts = models.ManyToManyField(Contact, verbose_name=_("our hosts"), blank=True, related_name="meetings_hosted")
    topic = models.CharField(_("topic"), max_length=300, blank=True, validators=[no_markup])
    priority = models.PositiveSmallIntegerField(_("priority"), default=1,
                                                validators=[MinValueValidator(1), MaxValueValidator(5)])
    mutual = models.BooleanField(_("mutual request"), default=False,
                                 help_text=_("Both sides asked for it; weighs double."))
    people = models.PositiveSmallIntegerField(_("people"), default=4, validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus, default=MeetingStatus.REQUESTED)
    slot = models.ForeignKey(MeetingSlot, verbose_name=_("slot"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="meetings", editable=False)
    room = models.ForeignKey(MeetingRoom, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="meetings", editable=False)
    locked = models.BooleanField(_("published (locked)"), default=False, editable=False)
    unplaced_reason = models.CharField(_("why not placed"), max_length=200, blank=True, editable=False)

    search_fields = ("topic_en", "topic_zh_hant")

    class Meta:
        ordering = ["event_id", "slot_id", "pk"]  # slots are made in the order of the day
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        indexes = [models.Index(fields=["event", "status"], name="meeting_event_status"),
                   models.Index(fields=["event", "slot", "id"], name="meeting_event_slot")]

    def __str__(self) -> str:
        return _("{requester} with {counterpart}").format(
            requester=self.requester, counterpart=self.counterpart or _("us"))

    def clean(self):
        if self.requester_id and self.requester_id == self.counterpart_id:
            raise ValidationError({"counterpart": _("A delegation cannot ask to meet itself.")})


class Availability(EventPart):
    """A slot in which a delegation or one of our hosts can meet; one with no such rows is free throughout."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="availabilities")
    slot = models.ForeignKey(MeetingSlot, verbose_name=_("slot"), on_delete=models.CASCADE,
                             related_name="availabilities")
    organisation = models.ForeignKey(Organisation, verbose_name=pgettext_lazy("event", "delegation"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="+")
    host = models.ForeignKey(Contact, verbose_name=_("host"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        ordering = ["slot", "pk"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")

    def __str__(self) -> str:
        return f"{self.organisation or self.host} — {self.slot}"

    def clean(self):
        if bool(self.organisation_id) == bool(self.host_id):
            raise ValidationError(_("Name either a delegation or one of our hosts."))
        if self.slot_id and self.event_id and self.slot.event_id != self.event_id:
            raise ValidationError({"slot": _("The slot belongs to another event.")})


class CourseEvaluation(EventPart):
    """A participant's short evaluation of a training course."""

    event = models.ForeignKey(Event, verbose_name=_("course"), on_delete=models.CASCADE,
                              related_name="evaluations")
    registration = models.ForeignKey(Registration, verbose_name=_("participant"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="evaluations")
    overall = models.PositiveSmallIntegerField(_("overall"), choices=Rating)
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"), choices=Rating)
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("course evaluation")
        verbose_name_plural = _("course evaluations")

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"
