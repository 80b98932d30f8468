"""Registrations (lifecycle, waitlist, double registration, names), invitations, purge, programme rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.core.testing import changes_of, make_user
from liaison.events import services, statistics
from liaison.events.models import Registration
from liaison.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return make_user("officer")


def register(user, event, name, **extra):
    return services.create_registration(user, {"event": event, "name_en": name, **extra})


def test_registrations_beyond_the_places_wait_and_move_up_when_a_place_frees(officer):
    event = EventFactory(capacity=2)
    first, second = register(officer, event, "Ann Lee"), register(officer, event, "Bo Chan")
    waiting, later = register(officer, event, "Cy Ho"), register(officer, event, "Di Wu")
    assert [first.status, second.status, waiting.status, later.status] == [
        "registered", "registered", "waitlisted", "waitlisted"]
    services.move_registration(officer, first, "cancelled", expected_version=first.version)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == "registered" and later.status == "waitlisted"
    assert "A place became free" in changes_of(waiting, "update").get().said()


def test_the_lifecycle_refuses_a_move_it_does_not_allow(officer):
    registration = register(officer, EventFactory(), "Ann Lee")
    services.move_registration(officer, registration, "confirmed")
    services.move_registration(officer, registration, "attended")
    with pytest.raises(ValidationError, match="cannot move"):
        services.move_registration(officer, registration, "registered")
    registration.refresh_from_db()
    assert registration.status == "attended"


def test_a_stale_move_is_refused(officer):
    registration = register(officer, EventFactory(), "Ann Lee")
    services.update_registration(officer, registration, {"diet": "vegetarian"})
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.move_registration(officer, registration, "confirmed", expected_version=1)


def test_double_registration_is_refused(officer):
    event, organisation = EventFactory(), OrganisationFactory()
    register(officer, event, "Ann Lee", email="ann@example.org", organisation=organisation)
    with pytest.raises(ValidationError, match="already registered"):
        register(officer, event, "Someone", email="ANN@example.org")
    with pytest.raises(ValidationError, match="already registered"):
        register(officer, event, "ann lee", organisation=organisation)
    assert Registration.objects.count() == 1


def test_names_are_checked_for_their_script(officer):
    event = EventFactory()
    with pytest.raises(ValidationError) as refused:
        register(officer, event, "陳大文")
    assert "English letters" in str(refused.value)
    with pytest.raises(ValidationError, match="Chinese characters"):
        register(officer, event, "Chan Tai Man", name_zh_hant="Chan")
    assert register(officer, event, "Chan Tai Man", name_zh_hant="陳大文").name_zh_hant == "陳大文"


def test_a_delegation_is_registered_whole_or_not_at_all(officer):
    event, organisation = EventFactory(), OrganisationFactory()
    people = [{"name_en": "Ann Lee"}, {"name_en": "Bo Chan"}, {"name_en": "王"}]
    with pytest.raises(ValidationError):
        services.register_delegation(officer, event, organisation, people)
    assert not Registration.objects.exists()
    made = services.register_delegation(officer, event, organisation, people[:2])
    assert [r.organisation for r in made] == [organisation, organisation]


def test_purge_empties_personal_data_and_keeps_the_figures(officer):
    event = EventFactory(retention_date=datetime.date(2024, 12, 31))
    for number in range(3):
        RegistrationFactory(event=event, diet="halal", position_en=f"Director {number}")
    viewer = make_user("viewer")
    before = statistics.event_figures(viewer, event)
    with pytest.raises(ValidationError, match="kept until"):
        services.purge_personal_data(officer, event, today=datetime.date(2024, 12, 1))
    assert services.purge_personal_data(officer, event, today=datetime.date(2025, 1, 2)) == 3
    assert statistics.event_figures(viewer, event) == before
    purged = Registration.objects.filter(event=event)
    assert all(r.purged and not r.name_en and not r.email and not r.diet and r.organisation_id for r in purged)
    event.refresh_from_db()
    assert event.purged_on == datetime.date(2025, 1, 2)


def test_sessions_may_not_overlap_in_one_room_nor_fall_outside_the_event(officer):
    session = SessionFactory(room_en="Hall A")
    event = session.event
    clash = {"event": event, "title_en": "Other", "start": session.start + datetime.timedelta(minutes=30),
             "end": session.end + datetime.timedelta(minutes=30), "room_en": "Hall A"}
    with pytest.raises(ValidationError, match="room is taken"):
        services.create_session(officer, clash)
    assert services.create_session(officer, {**clash, "room_en": "Hall B"}).pk
    outside = {**clash, "room_en": "Hall C", "start": session.start + datetime.timedelta(days=10),
               "end": session.end + datetime.timedelta(days=10)}
    with pytest.raises(ValidationError, match="outside the event"):
        services.create_session(officer, outside)


def test_invitation_tokens_are_kept_hashed_and_refused_when_unknown_expired_or_used_up(officer):
    event = EventFactory()
    invitation, secret = services.create_invitation(officer, {"event": event, "organisation": OrganisationFactory(),
                                                              "quota": 1})
    assert secret not in invitation.token_hash
    with pytest.raises(ValidationError, match="not valid"):
        services.register_by_invitation("made-up", {"name_en": "Ann Lee", "email": "a@example.org"})
    services.register_by_invitation(secret, {"name_en": "Ann Lee", "email": "a@example.org"})
    with pytest.raises(ValidationError, match="places of this invitation are taken"):
        services.register_by_invitation(secret, {"name_en": "Bo Chan", "email": "b@example.org"})
    services.update_invitation(officer, invitation, {"quota": 5, "expires": timezone.now()})
    with pytest.raises(ValidationError, match="expired"):
        services.register_by_invitation(secret, {"name_en": "Bo Chan", "email": "b@example.org"})
    assert Registration.objects.count() == 1
