"""Pages and API of the events area through every role; query counts that do not grow with the registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.core.testing import ApiMatrix, PageMatrix
from liaison.events.models import Registration
from liaison.events.tests.factories import (
    EventFactory,
    MeetingRequestFactory,
    RegistrationFactory,
    SessionFactory,
)
from liaison.partners.tests.factories import OrganisationFactory


class TestEventPages(PageMatrix):
    url_prefix = "events:event"
    factory = EventFactory

    def form_data(self):
        return {"kind": "course", "our_role": "organiser", "title_en": "Integrity course",
                "title_zh_hant": "誠信課程", "start_date": "2024-10-01", "end_date": "2024-10-03",
                "time_zone": "Asia/Almaty"}


class TestSessionPages(PageMatrix):
    url_prefix = "events:session"
    factory = SessionFactory

    def form_data(self):
        event = EventFactory()
        return {"event": event.pk, "title_en": "Panel", "start": "2024-05-22T10:00", "end": "2024-05-22T11:00"}


class TestRegistrationPages(PageMatrix):
    url_prefix = "events:registration"
    factory = RegistrationFactory

    def form_data(self):
        return {"event": EventFactory().pk, "name_en": "Ann Lee", "role": "delegate", "language": "en"}


class TestMeetingRequestPages(PageMatrix):
    url_prefix = "events:meetingrequest"
    factory = MeetingRequestFactory

    def form_data(self):
        return {"event": EventFactory().pk, "requester": OrganisationFactory().pk, "priority": 2, "people": 3,
                "status": "requested"}


class TestEventApi(ApiMatrix):
    endpoint = "/api/events/events/"
    factory = EventFactory

    def payload(self):
        return {"kind": "forum", "our_role": "participant", "title_en": "Forum", "start_date": "2024-03-01",
                "end_date": "2024-03-02"}


class TestRegistrationApi(ApiMatrix):
    endpoint = "/api/events/registrations/"
    factory = RegistrationFactory

    def payload(self):
        return {"event": EventFactory().pk, "name_en": "Bo Chan", "role": "speaker"}


class TestMeetingApi(ApiMatrix):
    endpoint = "/api/events/meetings/"
    factory = MeetingRequestFactory

    def payload(self):
        return {"event": EventFactory().pk, "requester": OrganisationFactory().pk, "priority": 3}


def fill(event, count: int) -> None:
    organisations = [OrganisationFactory() for _ in range(5)]
    Registration.objects.bulk_create(
        Registration(event=event, name_en=f"Delegate {n}", organisation=organisations[n % 5], email=f"d{n}@x.org")
        for n in range(count))


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "statistics", "detail"])
def test_query_counts_do_not_grow_with_registrations(page, client_as):
    small, large = EventFactory(), EventFactory()
    fill(small, 10)
    fill(large, 2000)
    client = client_as("viewer")
    urls = {"list": "/events/registrations/?event={}", "statistics": "/events/events/{}/statistics/",
            "detail": "/events/events/{}/"}
    assert queries(client, urls[page].format(small.pk)) == queries(client, urls[page].format(large.pk))


@pytest.mark.django_db
def test_statistics_page_shows_the_figures(client_as):
    event = EventFactory()
    fill(event, 12)
    page = client_as("viewer").get(f"/events/events/{event.pk}/statistics/").content.decode()
    assert 'id="figure-delegates">12' in page and 'id="figure-organisations">5<' in page


@pytest.mark.django_db
def test_statistics_api(client_as):
    from liaison.core.testing import api_client

    event = EventFactory()
    fill(event, 7)
    answer = api_client("viewer").get(f"/api/events/events/{event.pk}/statistics/").json()
    assert answer["delegates"] == 7 and answer["organisations"] == 5 and answer["record"] is True


@pytest.mark.django_db
def test_the_api_lists_events_and_sessions_in_as_many_queries_whatever_their_links():
    """Organisers, partners, speakers… are read once per page, not once per event or session."""
    from liaison.core.testing import api_client
    from liaison.partners.tests.factories import ContactFactory

    api = api_client("viewer")

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as events:
            assert api.get("/api/events/events/").status_code == 200
        with CaptureQueriesContext(connection) as sessions:
            assert api.get("/api/events/sessions/").status_code == 200
        return len(events), len(sessions)

    def add_events(count: int) -> None:
        for _ in range(count):
            event = EventFactory()
            event.organisers.set([OrganisationFactory(), OrganisationFactory()])
            event.partners.set([OrganisationFactory()])
            session = SessionFactory(event=event)
            session.speakers.set([ContactFactory(), ContactFactory()])

    add_events(2)
    counts()  # the token's first use is written once; the figures below are of a reader already known
    few = counts()
    add_events(6)
    assert counts() == few
    listed = api.get("/api/events/events/").json()["results"]
    assert all(len(event["organisers"]) == 2 for event in listed)
