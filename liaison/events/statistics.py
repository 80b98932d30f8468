"""The figures of an event, as reports quote them: participants by role and status, distinct organisations,
jurisdictions and regions, speakers, and the comparison with earlier editions of its series ("a record").

Every function takes the user the figures are for and counts only the registrations that user may see, in a fixed
number of queries whatever the number of registrations. A participant's jurisdiction is the one recorded on the
registration, else their organisation's.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from liaison.core.access import restrict

from .choices import PARTICIPATED, ParticipantRole
from .models import Event, MeetingRequest, Registration

# The roles counted as an event's delegates ("over 500 delegates"); students, media and staff are counted apart.
DELEGATE_ROLES = (ParticipantRole.DELEGATE, ParticipantRole.SPEAKER, ParticipantRole.MODERATOR,
                  ParticipantRole.OBSERVER)
JURISDICTION = Coalesce("jurisdiction", "organisation__jurisdiction")
REGION = Coalesce("jurisdiction__region", "organisation__jurisdiction__region")


@dataclass(frozen=True)
class EventFigures:
    """What one event's registrations add up to."""

    participants: int  # everyone who took part (or, before the event, is expected), all roles
    delegates: int
    organisations: int  # distinct organisations of the delegates
    jurisdictions: int  # distinct jurisdictions of the delegates
    regions: int  # distinct regions (UN M49) of the delegates
    speakers: int  # speakers and moderators
    students: int
    synthetic: int  # participants recorded as synthetic demo data
    by_role: dict = field(default_factory=dict)  # role → participants
    by_status: dict = field(default_factory=dict)  # status → registrations, whatever the status
    bilateral_meetings: int = 0  # accepted bilateral meetings


@dataclass(frozen=True)
class EditionFigures:
    """One edition of a series, for the comparison."""

    event: Event
    delegates: int
    organisations: int
    jurisdictions: int


def _registrations(user, events):
    return restrict(Registration.objects.all(), user).filter(event__in=events)


def event_figures(user, event: Event) -> EventFigures:
    """The figures of one event (five queries)."""
    registrations = _registrations(user, [event.pk])
    taking_part = registrations.filter(status__in=PARTICIPATED)
    delegates = taking_part.filter(role__in=DELEGATE_ROLES)
    totals = delegates.aggregate(
        delegates=Count("pk"), organisations=Count("organisation", distinct=True),
        jurisdictions=Count(JURISDICTION, distinct=True), regions=Count(REGION, distinct=True))
    by_role = dict(taking_part.order_by().values_list("role").annotate(count=Count("pk")))
    by_status = dict(registrations.order_by().values_list("status").annotate(count=Count("pk")))
    synthetic = taking_part.filter(is_synthetic=True).count()
    meetings = restrict(MeetingRequest.objects.all(), user).filter(event=event, status="accepted").count()
    return EventFigures(
        participants=sum(by_role.values()), delegates=totals["delegates"], organisations=totals["organisations"],
        jurisdictions=totals["jurisdictions"], regions=totals["regions"],
        speakers=by_role.get(ParticipantRole.SPEAKER, 0) + by_role.get(ParticipantRole.MODERATOR, 0),
        students=by_role.get(ParticipantRole.STUDENT, 0), synthetic=synthetic, by_role=by_role,
        by_status=by_status, bilateral_meetings=meetings)


def editions(user, event: Event) -> list[EditionFigures]:
    """Every edition of the event's series the user may see, oldest first, with its delegate figures (two
    queries); an event outside a series is compared with nothing but itself."""
    visible = restrict(Event.objects.all(), user)
    events = list(visible.filter(series=event.series_id).order_by("start_date", "pk")) if event.series_id else [event]
    rows = (_registrations(user, [e.pk for e in events]).filter(status__in=PARTICIPATED, role__in=DELEGATE_ROLES)
            .order_by().values("event").annotate(
                delegates=Count("pk"), organisations=Count("organisation", distinct=True),
                jurisdictions=Count(JURISDICTION, distinct=True)))
    found = {row["event"]: row for row in rows}
    empty = {"delegates": 0, "organisations": 0, "jurisdictions": 0}
    return [EditionFigures(e, **{k: found.get(e.pk, empty)[k] for k in empty}) for e in events]


def is_record(user, event: Event) -> bool:
    """Whether the event had more delegates than every earlier edition of its series."""
    earlier, this = [], None
    for edition in editions(user, event):
        if edition.event.pk == event.pk:
            this = edition
            break
        earlier.append(edition.delegates)
    return this is not None and this.delegates > 0 and all(this.delegates > count for count in earlier)


def year_figures(user, year: int) -> dict:
    """The events of one year the user may see, by kind, and their participants (two queries)."""
    events = restrict(Event.objects.all(), user).filter(start_date__year=year)
    by_kind = dict(events.order_by().values_list("kind").annotate(count=Count("pk")))
    participants = _registrations(user, events.values("pk")).filter(status__in=PARTICIPATED).aggregate(
        participants=Count("pk"), delegates=Count("pk", filter=Q(role__in=DELEGATE_ROLES)))
    return {"events": sum(by_kind.values()), "by_kind": by_kind, **participants}
