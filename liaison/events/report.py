"""The events' part of the annual chapter and the dashboards: the events we hosted and their reach, and the
training and study visits we ran."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from liaison.core import reporting
from liaison.core.access import restrict

from .choices import PARTICIPATED, EventKind, MeetingStatus, OurRole, ParticipantRole
from .filtersets import EventFilterSet, MeetingRequestFilterSet, RegistrationFilterSet
from .models import Event
from .statistics import DELEGATE_ROLES, event_figures

EVENTS = "events:event_list"
REGISTRATIONS = "events:registration_list"
MEETINGS = "events:meetingrequest_list"
OURS = (OurRole.HOST, OurRole.CO_HOST, OurRole.ORGANISER)
TRAINING = (EventKind.COURSE, EventKind.WORKSHOP, EventKind.STUDY_VISIT)
HOSTED = (EventKind.SYMPOSIUM, EventKind.SEMINAR, EventKind.FORUM, EventKind.CEREMONY)
DELEGATES = gettext_lazy("Registrations of the event as delegate, speaker, moderator or observer, registered, "
                         "confirmed or attended (students, media and staff are counted apart).")
AGENCIES = gettext_lazy("Distinct organisations of the event's delegates.")
JURISDICTIONS = gettext_lazy("Distinct jurisdictions of the event's delegates (recorded on the registration, else "
                             "their organisation's).")
SPEAKERS = gettext_lazy("The event's speakers and moderators who took part.")
STUDENTS = gettext_lazy("The event's students who took part.")
MEETINGS_HELD = gettext_lazy("Bilateral meetings accepted during the event.")
PARTICIPANTS = gettext_lazy("Everyone registered, confirmed or attended at the event, whatever their role.")


def _events(user, year: int, **filters):
    return restrict(Event.objects.all(), user).filter(start_date__year=year, **filters).order_by("start_date", "pk")


def _registrations(user, event: Event, roles) -> reporting.Count:
    return reporting.listed(RegistrationFilterSet, user, REGISTRATIONS,
                            {"event": event.pk, "status": list(PARTICIPATED), "role": list(roles)})


def _between() -> str:
    """What separates two sentences: a space in English, nothing in Chinese."""
    return "" if (get_language() or "").startswith("zh") else " "


def _statistics_figure(event: Event, value: int, definition, exact: bool = False) -> reporting.Figure:
    url = reverse("events:event_statistics", args=[event.pk])
    return reporting.Figure(value, url, str(definition), exact=exact, counter="個")


@reporting.indicator("events.hosted", gettext_lazy("Events hosted"),
                     gettext_lazy("Events of the year that we hosted, co-hosted or organised."), strategy=3, order=200)
def hosted(user, year: int) -> reporting.Count:
    return reporting.listed(EventFilterSet, user, EVENTS, {"year": year, "our_role": list(OURS)})


@reporting.indicator("events.training", gettext_lazy("Training courses and study visits"),
                     gettext_lazy("Training courses, experience-sharing programmes and study visits of the year that "
                                  "we hosted, co-hosted or organised."), strategy=3, order=300)
def training(user, year: int) -> reporting.Count:
    return reporting.listed(EventFilterSet, user, EVENTS,
                            {"year": year, "our_role": list(OURS), "kind": list(TRAINING)})


@reporting.section("events", gettext_lazy("The symposium and other events we hosted"), order=200)
def hosted_section(user, year: int) -> reporting.Section | None:
    """Each event of the year we hosted with delegates: its reach. None with delegates: no section."""
    paragraphs = [paragraph for event in _events(user, year, our_role__in=OURS, kind__in=HOSTED)
                  if (paragraph := _reach(user, event))]
    return reporting.Section(paragraphs=paragraphs) if paragraphs else None


def _reach(user, event: Event) -> list:
    figures = event_figures(user, event)
    if not figures.delegates:
        return []
    delegates = _registrations(user, event, DELEGATE_ROLES)
    parts = reporting.sentence(
        _("{event} brought together {delegates} delegates of {agencies} agencies from {jurisdictions} "
          "jurisdictions."),
        event=event.title,
        delegates=reporting.Figure(delegates.value, delegates.url, str(DELEGATES), counter="名"),
        agencies=_statistics_figure(event, figures.organisations, AGENCIES, exact=True),
        jurisdictions=_statistics_figure(event, figures.jurisdictions, JURISDICTIONS))
    if figures.speakers:
        speakers = _registrations(user, event, (ParticipantRole.SPEAKER, ParticipantRole.MODERATOR))
        parts += [_between()] + reporting.sentence(_("Its programme had {speakers} speakers."), speakers=(
            reporting.Figure(speakers.value, speakers.url, str(SPEAKERS), counter="位")))
    if figures.students:
        students = _registrations(user, event, (ParticipantRole.STUDENT,))
        parts += [_between()] + reporting.sentence(_("Its youth panel gathered {students} students."), students=(
            reporting.Figure(students.value, students.url, str(STUDENTS), counter="位")))
    if figures.bilateral_meetings:
        meetings = reporting.listed(MeetingRequestFilterSet, user, MEETINGS,
                                    {"event": event.pk, "status": MeetingStatus.ACCEPTED})
        parts += [_between()] + reporting.sentence(_("During it we held {meetings} bilateral meetings."), meetings=(
            reporting.Figure(meetings.value, meetings.url, str(MEETINGS_HELD), counter="場")))
    return parts


@reporting.section("events.training", gettext_lazy("Training and study visits"), order=300)
def training_section(user, year: int) -> reporting.Section | None:
    """Each course, programme or study visit of the year we ran: its participants and their agencies."""
    paragraphs = []
    for event in _events(user, year, our_role__in=OURS, kind__in=TRAINING):
        figures = event_figures(user, event)
        if not figures.participants:
            continue
        everyone = reporting.listed(RegistrationFilterSet, user, REGISTRATIONS,
                                    {"event": event.pk, "status": list(PARTICIPATED)})
        paragraphs.append(reporting.sentence(
            _("{event} ({date}): {participants} participants of {agencies} agencies."),
            event=event.title, date=date_format(event.start_date, "YEAR_MONTH_FORMAT"),
            participants=reporting.Figure(everyone.value, everyone.url, str(PARTICIPANTS), counter="位"),
            agencies=_statistics_figure(event, figures.organisations, AGENCIES)))
    return reporting.Section(paragraphs=paragraphs) if paragraphs else None

