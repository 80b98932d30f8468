"""The 2024 events of the reference data, and the Symposium's figures computed from its registrations."""

import pytest

from liaison.agreements import reference as agreements_reference
from liaison.core.models import ChangeRecord
from liaison.core.testing import make_user
from liaison.events import reference, statistics
from liaison.events.models import Event, Registration
from liaison.networks import reference as networks_reference
from liaison.partners import reference as partners_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    partners_reference.load(None)
    networks_reference.load(None)
    agreements_reference.load(None)
    return reference.load(None)


@pytest.fixture
def viewer(db):
    return make_user("viewer")


def symposium():
    return Event.objects.get(title_en="8th ICAC Symposium")


def test_the_chapter_events_and_figures_and_a_second_load(loaded, viewer):
    """Loaded once (it is long): the events, the Symposium's figures, the study visit's, and a second load."""
    check_every_event_of_the_chapter(loaded)
    check_symposium_in_both_languages_with_its_mous_and_meeting()
    check_symposium_figures_reproduce_the_chapter(viewer)
    check_study_visit_figures(viewer)
    check_a_user_without_the_permission_counts_nothing()
    before = ChangeRecord.objects.count()
    assert reference.load(None) == 0
    assert ChangeRecord.objects.count() == before


def check_every_event_of_the_chapter(loaded):
    assert loaded == len(reference.EVENTS)
    cities = set(Event.objects.values_list("city_en", flat=True))
    assert {"Paris", "Basel", "Tashkent", "Vienna", "Beijing", "Astana", "Kunming", "Changsha"} <= cities
    assert {"PE", "BT", "ZA"} & set(Event.objects.values_list("jurisdiction__code", flat=True)) == {"PE", "BT"}
    south_africa = Event.objects.get(start_date__month=3, kind="workshop")
    assert south_africa.partners.filter(jurisdiction__code="ZA").exists()
    assert south_africa.organisers.filter(acronym_en="IAACA").exists()
    course = Event.objects.get(kind="course", jurisdiction__code="KZ")
    assert course.start_date.month == 10 and course.organisers.count() == 4


def check_symposium_in_both_languages_with_its_mous_and_meeting():
    event = symposium()
    assert event.title_zh_hant == "廉政公署第八屆國際會議" and event.theme_zh_hant == "廉潔世界新道路"
    assert event.edition == 8 and event.series.first_year == 2000 and event.our_role == "co_host"
    assert event.agreements.count() == 5
    assert event.network_meetings.filter(title_en__startswith="Executive Committee").exists()
    assert event.sessions.filter(title_zh_hant="凝聚青年力量 創建廉潔世代").exists()


def check_symposium_figures_reproduce_the_chapter(viewer):
    figures = statistics.event_figures(viewer, symposium())
    assert figures.delegates > 500
    assert figures.organisations == 180
    assert 55 <= figures.jurisdictions < 60
    assert figures.speakers > 30
    assert 190 <= figures.students <= 210
    assert figures.bilateral_meetings > 40
    assert statistics.is_record(viewer, symposium())
    named = Registration.objects.filter(event=symposium(), is_synthetic=False)
    assert named.count() == 5 and named.filter(name_zh_hant="行政長官", role="speaker").exists()


def check_study_visit_figures(viewer):
    visit = Event.objects.get(city_en="Changsha")
    figures = statistics.event_figures(viewer, visit)
    assert figures.delegates == 50 and figures.organisations == 19 and figures.regions == 5


def check_a_user_without_the_permission_counts_nothing():
    figures = statistics.event_figures(make_user("none"), symposium())
    assert figures.participants == 0 and figures.organisations == 0
