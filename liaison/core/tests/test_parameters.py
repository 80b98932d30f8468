"""Query parameters, pages and API alike: parsed with bounds (a clear answer, never a 500), and a filter by a
record never tells whether a record the user may not see exists."""

import re

import django_filters
import pytest
from django.contrib.auth.models import User
from django.urls import resolve
from rest_framework.test import APIRequestFactory

from liaison.core.filtersets import LiaisonFilterBackend
from liaison.core.parameters import MAX_ID
from liaison.core.testing import (
    api_access,
    api_client,
    hide,
    make_record,
    make_user,
    page_routes,
    schema_operations,
)

TWENTY_DIGITS = "99999999999999999999"
THOUSAND_WORDS = " ".join(f"word{n}" for n in range(1000))


def list_filtersets():
    """(url, filterset class, is API) of every list, page and API."""
    found = []
    for route, _name, callback in page_routes():
        view = getattr(callback, "view_class", None)
        if getattr(view, "filterset_class", None) is not None and "<" not in route:
            found.append((f"/{route}", view.filterset_class, False))
    for path, method in schema_operations():
        access = api_access(path, method)
        if method == "get" and access != "public" and access.model is not None and not access.record:
            viewset = resolve(path).func.cls
            request = APIRequestFactory().get(path)
            view = viewset(request=request, format_kwarg=None, action="list", detail=False)
            filterset = LiaisonFilterBackend().get_filterset_class(view, viewset.queryset)
            if filterset is not None:
                found.append((path, filterset, True))
    return found


def record_filters():
    """One case per filter that picks records, on every list (page and API)."""
    cases = []
    for url, filterset, is_api in list_filtersets():
        for name, filter_ in filterset.base_filters.items():
            if isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
                cases.append(pytest.param(url, name, filter_, is_api, id=f"{url}?{name}="))
    return cases


def answer(client, url, is_api, params) -> tuple:
    """What a user can tell from a list: the status, how many records, and whether a filter was refused."""
    response = client.get(url, params)
    if is_api:
        return response.status_code, response.json().get("count") if response.status_code == 200 else None
    page = response.content.decode()
    return response.status_code, "0 records" in page, "Nothing is listed until the filter is corrected" in page


@pytest.mark.django_db
@pytest.mark.parametrize("url, name, filter_, is_api", record_filters())
def test_a_hidden_record_filters_like_one_that_does_not_exist(url, name, filter_, is_api, client_as, settings,
                                                               tmp_path, monkeypatch):
    """No existence oracle: filtering by a record the user may not see answers exactly like an unknown one."""
    settings.MEDIA_ROOT = tmp_path / "media"
    model = filter_.queryset.model
    key = filter_.extra.get("to_field_name") or "pk"
    key = "pk" if key == "id" else key
    if model is User:
        hidden = make_user("viewer")
        hidden.is_active = False  # users are offered while active
        hidden.save()
    else:
        hidden = make_record(model)
        hide(monkeypatch, hidden)
    client = api_client("manager") if is_api else client_as("manager")
    unknown = str(MAX_ID) if key == "pk" else "no-such-value"
    for value in (getattr(hidden, key), unknown):
        assert answer(client, url, is_api, {name: value}) == answer(client, url, is_api, {name: unknown})
    status, *rest = answer(client, url, is_api, {name: unknown})
    assert status == 200 and rest[0] in (0, True)


@pytest.mark.django_db
@pytest.mark.parametrize("url, params, message", [
    ("/api/partners/organisations/", {"jurisdiction": TWENTY_DIGITS}, "is not a record number"),
    ("/api/partners/organisations/", {"jurisdiction": "abc"}, "is not a record number"),
    ("/api/partners/organisations/", {"q": THOUSAND_WORDS}, "Search for at most 20 words"),
    ("/api/partners/organisations/", {"q": "x" * 201}, "Search for at most 20 words (200 characters)"),
    ("/api/partners/organisations/", {"q": "a\x00b"}, "Null characters are not allowed"),
    ("/api/agreements/agreements/", {"year": "0"}, "Give a year between 1 and 9999"),
    ("/api/agreements/agreements/", {"year": "10000"}, "Give a year between 1 and 9999"),
    ("/api/agreements/agreements/", {"year": TWENTY_DIGITS}, "Give a year between 1 and 9999"),
    ("/api/agreements/agreements/", {"year": "2024.5"}, "Enter a whole number"),
    ("/api/agreements/agreements/", {"party": TWENTY_DIGITS}, "is not a record number"),
    ("/api/networks/memberships/", {"network": "abc"}, "is not a record number"),
    ("/api/networks/memberships/", {"organisation": TWENTY_DIGITS}, "less than or equal to"),
    ("/api/networks/memberships/", {"on": "99999-01-01"}, "Enter a valid date"),
    ("/api/networks/meetings/", {"body": TWENTY_DIGITS}, "is not a record number"),
    ("/api/core/regions/", {"code": "x" * 1000}, "at most 200 characters"),
])
def test_a_malformed_api_parameter_is_a_clear_400(url, params, message):
    response = api_client("viewer").get(url, params)
    assert response.status_code == 400 and message in str(response.json())


@pytest.mark.django_db
@pytest.mark.parametrize("url, params, message", [
    ("/partners/organisations/", {"jurisdiction": TWENTY_DIGITS}, "is not a record number"),
    ("/partners/organisations/", {"q": THOUSAND_WORDS}, "Search for at most 20 words"),
    ("/agreements/agreements/", {"year": "0"}, "Give a year between 1 and 9999"),
    ("/agreements/agreements/", {"year": "10000"}, "Give a year between 1 and 9999"),
    ("/networks/memberships/", {"network": "abc"}, "is not a record number"),
    ("/networks/memberships/", {"organisation": TWENTY_DIGITS}, "less than or equal to"),
])
def test_a_malformed_page_parameter_shows_why_and_lists_nothing(url, params, message, client_as):
    make_record(resolve(url).func.view_class.model)  # something that would be listed
    response = client_as("viewer").get(url, params)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "0 records" in page
    assert "Nothing is listed until the filter is corrected" in page
    export = client_as("viewer").get(url, {**params, "export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_the_zh_hant_page_says_why_in_chinese(client_as):
    client = client_as("viewer")
    client.cookies.load({"django_language": "zh-hant"})
    page = client.get("/agreements/agreements/", {"year": "0"}).content.decode()
    assert "請填寫 1 至 9999 之間的年份" in page


@pytest.mark.django_db
@pytest.mark.parametrize("params, shown", [
    ({"limit": TWENTY_DIGITS}, 500), ({"limit": "0"}, 50), ({"limit": "-1"}, 50), ({"limit": "abc"}, 50),
    ({"offset": TWENTY_DIGITS}, 0), ({"offset": "9" * 5000}, 50), ({"offset": "-5"}, 50),
    ({"limit": "1", "offset": "1"}, 1),
])
def test_api_pagination_is_bounded(params, shown):
    from liaison.partners.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(501)
    response = api_client("viewer").get("/api/partners/organisations/", params)
    assert response.status_code == 200 and response.json()["count"] == 501
    assert len(response.json()["results"]) == shown


@pytest.mark.django_db
@pytest.mark.parametrize("params, rows", [
    ({"per_page": TWENTY_DIGITS}, 25), ({"per_page": "0"}, 25), ({"per_page": "-1"}, 25), ({"per_page": "1000"}, 25),
    ({"per_page": "100"}, 100), ({"per_page": "10"}, 10), ({"page": TWENTY_DIGITS}, 5), ({"page": "9" * 5000}, 5),
    ({"page": "abc"}, 25),
    ({"page": "0"}, 25), ({"page": "5"}, 5),
])
def test_page_pagination_is_bounded(params, rows, client_as):
    from liaison.partners.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(105)
    response = client_as("viewer").get("/partners/organisations/", params)
    assert response.status_code == 200
    assert len(set(re.findall(r'href="/partners/organisations/(\d+)/"', response.content.decode()))) == rows


@pytest.mark.django_db
def test_dates_and_ids_read_by_hand_never_fail(client_as):
    from liaison.networks.tests.factories import BodyFactory, MemberFactory

    membership = MemberFactory()
    network, body = membership.network, BodyFactory(network=membership.network)
    client = client_as("manager")
    for value in ("99999999-01-01", "0000-00-00", "abc", "\x00", "2024-02-30", "0001-01-01", "9999-12-31"):
        for url in (network.get_absolute_url(), f"{network.get_absolute_url()}growth.svg",
                    f"{network.get_absolute_url()}map.svg", f"{network.get_absolute_url()}members.xlsx"):
            assert client.get(url, {"on": value, "until": value}).status_code == 200, (url, value)
        members = api_client("viewer").get(f"/api/networks/networks/{network.pk}/members/", {"on": value})
        assert members.status_code in (200, 400), value
    for value in (TWENTY_DIGITS, "abc", "²", "١٢", "-1", "0", "\x00"):
        assert client.get("/networks/memberships/add/", {"network": value, "organisation": value}).status_code == 200
        assert client.get("/networks/terms/add/", {"body": value}).status_code == 404, value
        assert client.get("/networks/bodies/add/", {"network": value}).status_code == 404, value
    assert client.get("/networks/terms/add/", {"body": body.pk}).status_code == 200
    assert client_as("viewer").get("/api/networks/networks/abc/members/").status_code == 404


@pytest.mark.django_db
def test_a_growth_chart_of_centuries_stays_small(client_as):
    """A start date typed as year 1 and a chart until year 9999 draw a bounded number of points."""
    import datetime

    from liaison.networks.tests.factories import MemberFactory

    membership = MemberFactory(periods__start_date=datetime.date(1, 1, 1))
    url = f"{membership.network.get_absolute_url()}growth.svg"
    svg = client_as("viewer").get(url, {"until": "9999-12-31"})
    assert svg.status_code == 200 and len(svg.content) < 200_000
