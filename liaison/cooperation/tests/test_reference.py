import pytest

from liaison.cooperation import reference
from liaison.cooperation.models import AssistanceRequest, Compartment
from liaison.core.access import restrict
from liaison.core.testing import make_user


@pytest.mark.django_db
def test_two_compartments_of_fictional_requests_each_seen_only_by_its_member():
    assert reference.load(None) == 5
    assert reference.load(None) == 0
    alpha, bravo = (Compartment.objects.get(name_en__startswith=f"Case team {name}") for name in ("Alpha", "Bravo"))
    for compartment, count in ((alpha, 3), (bravo, 2)):
        member = compartment.members.get()
        visible = restrict(AssistanceRequest.objects.all(), member)
        assert visible.count() == count
        assert all("Fictional" in request.subject_en for request in visible)
        assert set(visible.values_list("compartment", flat=True)) == {compartment.pk}
    assert restrict(AssistanceRequest.objects.all(), make_user("administrator")).count() == 0
