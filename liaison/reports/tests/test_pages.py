"""The pages of the chapters' contents, the dashboards and their charts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.core.testing import PageMatrix
from liaison.reports.models import ReportYear

from .factories import ReportYearFactory


class TestReportYearPages(PageMatrix):
    url_prefix = "reports:reportyear"
    factory = ReportYearFactory

    def form_data(self):
        return {"year": 2040, "title_en": "Chapter 6", "title_zh_hant": "第六章", "strategies_en": "One\nTwo",
                "strategies_zh_hant": "一\n二", "sections": "agreements\nnetworks"}


@pytest.mark.django_db
def test_unknown_section_is_refused_with_a_message(client_as):
    response = client_as("officer").post(reverse("reports:reportyear_add"), {"year": 2041, "sections": "symposia"})
    assert response.status_code == 200 and "There is no section “symposia”." in response.content.decode()
    assert not ReportYear.objects.exists()


def dashboard_queries(client, count: int) -> int:
    for day in range(1, count + 1):
        AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2025, 1 + day % 12, 1 + day % 28))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:dashboard"), {"strategy": 1, "year": 2025})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_dashboard_shows_a_year_and_the_one_before_in_bounded_queries(client_as):
    client = client_as("viewer")
    few, response = dashboard_queries(client, 3)
    row = response.context["rows"][0]
    assert (row.key, row.previous.value, row.current.value) == ("agreements.signed", 0, 3)
    assert row.current.url == "/agreements/agreements/?year=2025"
    many, response = dashboard_queries(client, 40)
    assert response.context["rows"][0].current.value == 43 and many == few
    chart = client.get(reverse("reports:dashboard_chart"), {"strategy": 1, "year": 2025})
    assert chart["Content-Type"].startswith("image/svg+xml") and b"Agreements signed" in chart.content
    world = client.get(reverse("reports:partner_map"))
    assert world.status_code == 200 and world.content.lstrip().startswith(b"<svg")


@pytest.mark.django_db
def test_dashboard_needs_the_permission_and_shows_the_first_strategy_for_an_unknown_one(client_as):
    assert client_as("none").get(reverse("reports:dashboard")).status_code == 403
    response = client_as("viewer").get(reverse("reports:dashboard"), {"strategy": "99", "year": "x"})
    assert response.status_code == 200 and response.context["strategy"] == 1
