"""Synthetic events for the bench: a year is about 20 events (one symposium-sized, the rest conferences abroad,
courses and study visits), each with its programme, registrations, invitations and, for the large ones, rooms,
slots and bilateral-meeting requests."""

import datetime
import secrets

from django.utils import timezone

from liaison.core import tokens
from liaison.core.models import Jurisdiction
from liaison.core.synth import Synth
from liaison.partners.models import Organisation

from .choices import EventKind, MeetingStatus, OurRole, ParticipantRole, RegistrationStatus
from .models import (
    Availability,
    CourseEvaluation,
    Event,
    EventSeries,
    Invitation,
    MeetingRequest,
    MeetingRoom,
    MeetingSlot,
    Registration,
    Session,
)

EVENTS_PER_YEAR = 20
REGISTRATIONS_PER_EVENT = 25
KINDS = [(EventKind.SYMPOSIUM, OurRole.PARTICIPANT, "Conference on integrity", "廉潔會議"),
         (EventKind.COURSE, OurRole.ORGANISER, "Training course", "培訓課程"),
         (EventKind.STUDY_VISIT, OurRole.ORGANISER, "Study visit", "考察"),
         (EventKind.WORKSHOP, OurRole.CO_HOST, "Experience sharing programme", "經驗交流課程")]
STATUSES = [RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED,
            RegistrationStatus.ATTENDED, RegistrationStatus.DECLINED]


def generate(synth: Synth) -> None:
    jurisdictions = list(Jurisdiction.objects.order_by("pk"))
    organisations = list(Organisation.objects.filter(is_own=False).order_by("pk"))
    series = synth.bulk(EventSeries, [EventSeries(name_en="Synthetic symposium series",
                                                  name_zh_hant="合成國際會議系列")])[0]
    events = synth.bulk(Event, [_event(synth, number, series, jurisdictions)
                                for number in range(synth.count(EVENTS_PER_YEAR))])
    synth.bulk(Session, [_session(event) for event in events])
    expires = timezone.now() + datetime.timedelta(days=30)
    synth.bulk(Invitation, [Invitation(event=event, organisation=synth.skewed(organisations) if organisations else None,
                                       token_hash=tokens.digest(secrets.token_urlsafe(24)), quota=5, expires=expires)
                            for event in events])
    registrations = synth.bulk(Registration, [
        _registration(synth, event, organisations) for event in events for _n in range(REGISTRATIONS_PER_EVENT)])
    courses = [event for event in events if event.kind == EventKind.COURSE]
    synth.bulk(CourseEvaluation, [
        CourseEvaluation(event=registration.event, registration=registration, overall=synth.rng.randint(3, 5),
                         relevance=synth.rng.randint(3, 5))
        for registration in registrations if registration.event in courses][:200])
    _meetings(synth, [event for event in events if event.series_id], organisations)


def _event(synth: Synth, number: int, series: EventSeries, jurisdictions) -> Event:
    start = synth.day(years_back=3, years_ahead=1)
    if number == 0:  # one symposium of the series a year, hosted by us
        return Event(kind=EventKind.SYMPOSIUM, our_role=OurRole.HOST, series=series, edition=number + 1,
                     title_en="Synthetic symposium", title_zh_hant="合成國際會議", start_date=start,
                     end_date=start + datetime.timedelta(days=2), capacity=600)
    # At least one course, whose participants evaluate it.
    kind, role, title_en, title_zh = KINDS[1] if number == 1 else synth.rng.choice(KINDS)
    jurisdiction = synth.rng.choice(jurisdictions) if jurisdictions else None
    return Event(kind=kind, our_role=role, title_en=f"{title_en} {number:03d}",
                 title_zh_hant=f"{title_zh} {number:03d}", start_date=start,
                 end_date=start + datetime.timedelta(days=synth.rng.randint(0, 4)), jurisdiction=jurisdiction)


def _session(event: Event) -> Session:
    start = datetime.datetime.combine(event.start_date, datetime.time(9, 30), tzinfo=timezone.get_current_timezone())
    return Session(event=event, title_en="Opening session", title_zh_hant="開幕環節", start=start,
                   end=start + datetime.timedelta(hours=1, minutes=30), room_en="Main hall", room_zh_hant="主禮堂")


def _registration(synth: Synth, event: Event, organisations) -> Registration:
    organisation = synth.skewed(organisations) if organisations else None
    name_en, name_zh = synth.person(False)
    role = ParticipantRole.SPEAKER if synth.rng.random() < 0.1 else ParticipantRole.DELEGATE
    return Registration(event=event, name_en=name_en, name_zh_hant=name_zh, organisation=organisation, role=role,
                        status=synth.rng.choice(STATUSES), is_synthetic=True)


def _meetings(synth: Synth, events, organisations) -> None:
    """Rooms, slots, availability and meeting requests for the symposium-sized events."""
    if not organisations:
        return
    rooms = synth.bulk(MeetingRoom, [MeetingRoom(event=event, name=f"Room {number}") for event in events
                                     for number in range(1, 5)])
    slots = synth.bulk(MeetingSlot, [
        MeetingSlot(event=event, date=event.start_date, start=datetime.time(hour, 0), end=datetime.time(hour, 45))
        for event in events for hour in range(9, 17)])
    synth.bulk(Availability, [Availability(event=slot.event, slot=slot, organisation=synth.skewed(organisations))
                              for slot in slots[::2]])
    synth.bulk(MeetingRequest, [
        MeetingRequest(event=event, requester=synth.skewed(organisations), topic_en="Exchange of experience",
                       topic_zh_hant="經驗交流", priority=synth.rng.randint(1, 5),
                       status=synth.rng.choice([MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED]))
        for event in events for _n in range(len(rooms) // max(len(events), 1) * 3)])
