"""The dashboards' requests for assistance by status: counted for compartment members, nothing for anyone else."""

import pytest

from liaison.cooperation import report
from liaison.core import reporting
from liaison.core.testing import make_user

from .factories import AssistanceRequestFactory, CompartmentFactory

pytestmark = pytest.mark.django_db


def test_members_count_their_requests_by_status_and_outsiders_count_nothing():
    member, outsider = make_user("officer", username="member-1"), make_user("officer", username="outsider-1")
    compartment = CompartmentFactory(members=[member])
    for status in ("sent", "in_progress", "executed", "refused"):
        AssistanceRequestFactory(compartment=compartment, status=status)
    AssistanceRequestFactory(compartment=compartment, status="sent", sent_or_received_on="2023-05-01")

    assert [kind(member, 2024).value for kind in (report.in_progress, report.executed, report.refused)] == [2, 1, 1]
    assert report.in_progress(member, 2023).value == 1
    assert [kind(outsider, 2024).value for kind in (report.in_progress, report.executed, report.refused)] == [0, 0, 0]


def test_the_indicators_are_shown_only_to_those_allowed_to_view_requests():
    keys = {kind.key for kind in reporting.indicators(make_user("none"))}
    assert not keys & {"cooperation.in_progress", "cooperation.executed", "cooperation.refused"}
    assert {"cooperation.in_progress"} <= {kind.key for kind in reporting.indicators(make_user("viewer"))}
