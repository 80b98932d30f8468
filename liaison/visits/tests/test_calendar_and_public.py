"""The office calendar with this area's records, the public request form, and query counts that do not grow."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from liaison.core.testing import make_user
from liaison.visits.models import Delegation

from .factories import DelegationFactory, MissionFactory

pytestmark = pytest.mark.django_db


def test_the_month_and_week_show_delegations_and_missions_filterable_by_kind(client_as):
    DelegationFactory(title_en="Visit of the Singapore bureau")
    MissionFactory(title_en="Mission to Astana", start_date=datetime.date(2024, 6, 4),
                   end_date=datetime.date(2024, 6, 6))
    client = client_as("viewer")
    month = client.get("/core/calendar/?month=2024-06").content.decode()
    assert "Visit of the Singapore bureau" in month and "Mission to Astana" in month
    only = client.get("/core/calendar/?month=2024-06&kind=Mission").content.decode()
    assert "Mission to Astana" in only and "Visit of the Singapore bureau" not in only
    week = client.get("/core/calendar/week/?week=2024-06-05").content.decode()
    assert "Visit of the Singapore bureau" in week
    hidden = client_as("none").get("/core/calendar/?month=2024-06").content.decode()
    assert "Visit of the Singapore bureau" not in hidden


def test_the_secret_feed_shows_what_its_user_may_see(client):
    DelegationFactory(title_en="Visit of the Singapore bureau", start_date=datetime.date.today(),
                      end_date=datetime.date.today())
    user = make_user("viewer")
    client.force_login(user)
    page = client.post("/core/calendar/feed/", {"action": "reset"}).content.decode()
    address = page.split('id="feed-url"')[0].rsplit('value="', 1)[1].split('"')[0]
    anonymous = Client()
    feed = Calendar.from_ical(anonymous.get(address).content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Visit of the Singapore bureau"]
    assert anonymous.get(address[:-7] + "xxxxxx/").status_code == 404
    client.post("/core/calendar/feed/", {"action": "stop"})
    assert anonymous.get(address).status_code == 404


@pytest.fixture
def public_form(settings):
    settings.LIAISON_PUBLIC_REQUEST_MIN_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def request_data(client) -> dict:
    page = client.get("/visits/request/").content.decode()
    started = page.split('name="started" value="')[1].split('"')[0]
    return {"organisation": "Anti-Corruption Bureau of Ruritania", "category": "government", "head": "Director",
            "declared_size": 8, "purpose": "Learn about corruption prevention.", "preferred_start": "2025-03-03",
            "preferred_end": "2025-03-04", "languages": "English", "contact_name": "Ana Costa",
            "contact_email": "ana@example.org", "started": started}


def test_a_public_request_without_an_account_is_pending(public_form):
    client = Client()
    response = client.post("/visits/request/", request_data(client))
    assert response.status_code == 200 and "Your request is number" in response.content.decode()
    request = Delegation.objects.get()
    assert (request.status, request.from_public_form, request.declared_size) == ("requested", True, 8)
    assert request.title_en == "Visit by Anti-Corruption Bureau of Ruritania"


def test_a_bot_and_a_flood_from_one_address_are_refused(public_form, settings):
    client = Client()
    data = request_data(client)
    assert "could not be accepted" in client.post("/visits/request/", {**data, "website": "spam"}).content.decode()
    settings.LIAISON_PUBLIC_REQUEST_MIN_SECONDS = 60
    assert "could not be accepted" in client.post("/visits/request/", data).content.decode()
    settings.LIAISON_PUBLIC_REQUEST_MIN_SECONDS = 0
    answers = [client.post("/visits/request/", data).status_code for _n in range(7)]
    assert answers == [200] * 5 + [429] * 2 and Delegation.objects.count() == 5


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow_from_10_to_2000_delegations(client_as):
    client = client_as("viewer")
    first = DelegationFactory()
    urls = ["/visits/delegations/", f"/visits/delegations/{first.pk}/", "/visits/statistics/?year=2024",
            "/core/calendar/?month=2024-06", "/api/visits/delegations/", "/api/visits/missions/"]
    MissionFactory.create_batch(3)
    Delegation.objects.bulk_create([Delegation(title_en=f"Delegation {n}", start_date=first.start_date,
                                               end_date=first.end_date, status="approved") for n in range(9)])
    small = [queries(client, url) for url in urls]
    Delegation.objects.bulk_create([Delegation(title_en=f"Delegation {n}", start_date=first.start_date,
                                               end_date=first.end_date, status="approved") for n in range(1990)])
    MissionFactory.create_batch(30)
    assert [queries(client, url) for url in urls] == small
