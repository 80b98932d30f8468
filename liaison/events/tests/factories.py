"""Factories of the events area (test fixtures only; application code writes through services)."""

import datetime

import factory
from django.utils import timezone

from liaison.core import tokens
from liaison.events.choices import EventKind, OurRole, ParticipantRole, Rating, RegistrationStatus
from liaison.events.models import (
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
from liaison.partners.tests.factories import OrganisationFactory

START = datetime.date(2024, 5, 22)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    name_en = factory.Sequence(lambda n: f"Symposium series {n}")
    name_zh_hant = factory.Sequence(lambda n: f"國際會議系列{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.SYMPOSIUM
    our_role = OurRole.HOST
    title_en = factory.Sequence(lambda n: f"Symposium {n}")
    title_zh_hant = factory.Sequence(lambda n: f"國際會議{n}")
    start_date = START
    end_date = START + datetime.timedelta(days=2)
    city_en = "Hong Kong"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title_en = factory.Sequence(lambda n: f"Panel {n}")
    start = factory.LazyAttribute(lambda o: datetime.datetime.combine(
        o.event.start_date, datetime.time(9, 0), tzinfo=o.event.zone))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Delegate {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipantRole.DELEGATE
    status = RegistrationStatus.REGISTERED
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    token_hash = factory.Sequence(lambda n: tokens.digest(f"secret-{n}"))
    expires = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    quota = 3


class MeetingRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRoom

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class MeetingSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSlot

    event = factory.SubFactory(EventFactory)
    date = START
    start = factory.Sequence(lambda n: datetime.time(8 + n % 10, 0))
    end = factory.LazyAttribute(lambda o: datetime.time(o.start.hour, 45))


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(EventFactory)
    requester = factory.SubFactory(OrganisationFactory)
    topic_en = "Cooperation"


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Availability

    event = factory.SubFactory(EventFactory)
    slot = factory.SubFactory(MeetingSlotFactory, event=factory.SelfAttribute("..event"))
    organisation = factory.SubFactory(OrganisationFactory)


class CourseEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseEvaluation

    event = factory.SubFactory(EventFactory, kind=EventKind.COURSE)
    overall = Rating.VERY_GOOD
    relevance = Rating.EXCELLENT
