"""The 2024 reference data of the delegations area, and the statistics the annual chapter reads from it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from liaison.core.models import ChangeRecord
from liaison.core.testing import make_user
from liaison.partners import reference as partners_reference
from liaison.visits import reference, statistics
from liaison.visits.models import Delegation, JointProject, Mission

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    partners_reference.load(None)
    return reference.load(None)


def test_the_chapters_missions_and_the_greater_bay_area_guide(loaded):
    cities = set(Mission.objects.values_list("city_en", flat=True))
    assert {"Astana", "Beijing", "Vienna", "Paris", "Basel", "Tashkent", "Kunming", "Changsha", "Shanghai"} <= cities
    assert set(Mission.objects.values_list("destinations__code", flat=True)) >= {"PE", "BT", "KZ", "AT", "UZ"}
    beijing = Mission.objects.get(city_en="Beijing")
    assert beijing.capacity == "china_delegation" and beijing.leader_zh_hant == "廉政專員"
    guide = JointProject.objects.get(title_zh_hant="大灣區廉潔營商指南")
    assert guide.coordinating_body.name_en == "National Commission of Supervision"
    assert {p.name_zh_hant for p in guide.partners.all()} == {"廉政公署", "廣東省監察委員會", "澳門特區廉政公署",
                                                              "國家監察委員會"}


def test_2024_totals_nearly_130_delegations_and_over_2600_visitors(loaded):
    period = statistics.Period.year(2024)
    total = statistics.totals(make_user("viewer"), period.start, period.end)
    assert 120 <= total.delegations < 130 and 2600 < total.visitors < 2700
    assert (total.delegations, total.visitors) == (128, 2614)
    by_region = statistics.by_region(make_user("viewer"), period.start, period.end)
    assert sum(row.delegations for row in by_region) == 128 and by_region[0].label == "Asia"
    named = Delegation.objects.get(is_synthetic=False, start_date__year=2024)
    assert named.organisations.get().name_zh_hant == "南非國家反貪諮詢局"
    assert Delegation.objects.filter(is_synthetic=True).count() == 127


def test_statistics_count_only_what_the_reader_may_see(loaded):
    period = statistics.Period.year(2024)
    assert statistics.totals(AnonymousUser(), period.start, period.end).delegations == 0
    assert statistics.missions(make_user("none"), period.start, period.end).count() == 0


def test_missions_by_purpose_and_destination(loaded):
    period, user = statistics.Period.year(2024), make_user("viewer")
    purposes = {row.label: row.missions for row in statistics.missions_by_purpose(user, period.start, period.end)}
    assert purposes["Conference"] == 6 and purposes["Meeting of a body"] == 4
    destinations = {row.label: row.missions for row in statistics.missions_by_destination(user, period.start,
                                                                                          period.end)}
    assert destinations["Austria"] == 2 and sum(destinations.values()) == 12


def test_second_load_creates_nothing(loaded):
    before = ChangeRecord.objects.count()
    assert reference.load(None) == 0 and ChangeRecord.objects.count() == before


def test_the_statistics_page(loaded, client_as):
    page = client_as("viewer").get("/visits/statistics/?year=2024").content.decode()
    assert "128 delegations received, with 2614 visitors." in page
