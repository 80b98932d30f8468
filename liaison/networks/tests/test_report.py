"""The networks' part of the chapter and the dashboards: the roles our own organisation held, from the reference
data (the chapter: the Commissioner is President of the IAACA, whose Secretariat and Secretary-General are in the
ICAC; the Deputy Commissioner sat in China's delegation to GlobE's Steering Committee in 2024)."""

import pytest
from django.urls import reverse

from liaison.core import reporting
from liaison.core.testing import make_user
from liaison.networks import reference as networks_reference
from liaison.partners import reference as partners_reference
from liaison.reports import chapter, documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    partners_reference.load(None)
    networks_reference.load(None)


def test_roles_held_in_2024_in_both_languages_with_their_list(reference, client_as):
    html = documents.html(chapter.write(make_user("viewer"), 2024, "both"))
    assert "In 2024, ICAC held <a" in html and ">4</a> roles in the governing bodies of 2 networks:" in html
    assert "President (Commissioner of the ICAC), IAACA" in html
    assert "Secretariat, set up in the ICAC, IAACA" in html
    assert "二零二四年，廉署在 2 個網絡的管治組織中擔任<a" in html and ">4 個</a>職位：" in html
    assert "主席（廉政專員），聯合會" in html and "秘書處（設於廉署），聯合會" in html
    count = reporting.indicators(make_user("viewer"), strategy=2)
    roles = next(kind for kind in count if kind.key == "networks.roles")(make_user("viewer"), 2024)
    listed = client_as("viewer").get(roles.url)
    assert listed.status_code == 200 and listed.context["table"].paginator.count == 4
    assert roles.url.startswith(reverse("networks:term_list")) and "year=2024" in roles.url


def test_roles_held_counts_only_terms_running_in_the_year(reference):
    viewer = make_user("viewer")
    roles = next(kind for kind in reporting.indicators(viewer, strategy=2) if kind.key == "networks.roles")
    assert roles(viewer, 2024).value == 4  # the Steering Committee seat ran through 2024 only
    assert roles(viewer, 2025).value == 3
    assert roles(viewer, 2015).value == 0


def test_dashboard_shows_the_roles_held(reference, client_as):
    response = client_as("viewer").get(reverse("reports:dashboard"), {"strategy": 2, "year": 2024})
    row = next(row for row in response.context["rows"] if row.key == "networks.roles")
    assert (row.previous.value, row.current.value) == (3, 4)
    assert "Roles held in networks" in response.content.decode()


def test_a_bad_year_in_the_term_list_is_refused_not_a_500(client_as):
    response = client_as("viewer").get(reverse("networks:term_list"), {"year": "99999999999"})
    assert response.status_code in (200, 400)
