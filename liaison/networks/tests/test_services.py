"""The membership workflow: allowed and refused moves, periods never overwritten, members on a date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.core.testing import changes_of, make_user
from liaison.networks import services, stats
from liaison.networks.choices import MembershipStatus as Status
from liaison.networks.models import Membership, MembershipPeriod
from liaison.partners.tests.factories import OrganisationFactory

from .factories import MemberFactory, NetworkFactory

D = datetime.date


@pytest.fixture
def officer(db):
    return make_user("officer")


APPLIED = datetime.date(2023, 1, 10)


def apply(officer, network=None, on=APPLIED) -> Membership:
    return services.create_membership(officer, {
        "network": network or NetworkFactory(), "organisation": OrganisationFactory(), "start_date": on})


def statuses(membership) -> list[tuple]:
    return [(p.status, p.start_date, p.end_date) for p in membership.periods.order_by("start_date", "pk")]


@pytest.mark.django_db
def test_application_approved_makes_a_member_from_that_date_and_keeps_the_history(officer):
    membership = apply(officer)
    services.approve(officer, membership, D(2023, 3, 1), "Executive Committee decision 2023/4")
    assert statuses(membership) == [(Status.APPLICANT, D(2023, 1, 10), D(2023, 3, 1)),
                                    (Status.MEMBER, D(2023, 3, 1), None)]
    network = membership.network
    assert stats.member_count(network, D(2023, 2, 28), officer) == 0
    assert stats.member_count(network, D(2023, 3, 1), officer) == 1
    # Every write is logged on the membership, so its History tab shows the whole workflow.
    period = membership.periods.get(status=Status.MEMBER)
    record = changes_of(period, "create").get()
    assert record.related_object_id == membership.pk and record.user == officer
    assert changes_of(membership.periods.get(status=Status.APPLICANT), "update").get().after["end_date"] == \
        "2023-03-01"


@pytest.mark.django_db
@pytest.mark.parametrize("moves", [
    [Status.MEMBER, Status.SUSPENDED, Status.MEMBER, Status.WITHDRAWN, Status.APPLICANT, Status.MEMBER],
    [Status.REJECTED, Status.APPLICANT, Status.OBSERVER, Status.MEMBER],
    [Status.WITHDRAWN],
])
def test_allowed_moves(officer, moves):
    membership = apply(officer, on=D(2020, 1, 1))
    for offset, status in enumerate(moves, start=1):
        services.change_status(officer, membership, status, D(2020, 1, 1) + datetime.timedelta(days=30 * offset),
                               "because")
    assert membership.status == moves[-1]
    assert membership.periods.count() == len(moves) + 1
    assert membership.periods.filter(end_date__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path, refused, message", [
    ([Status.MEMBER, Status.WITHDRAWN], Status.MEMBER, "cannot become “Member”"),
    ([Status.REJECTED], Status.MEMBER, "cannot become “Member”"),
    ([Status.MEMBER], Status.APPLICANT, "cannot become “Applicant”"),
    ([Status.MEMBER], Status.MEMBER, "cannot become “Member”"),
])
def test_refused_moves_change_nothing(officer, path, refused, message):
    membership = apply(officer, on=D(2020, 1, 1))
    for offset, status in enumerate(path, start=1):
        services.change_status(officer, membership, status, D(2020, 2, offset), "reason")
    before = statuses(membership)
    with pytest.raises(ValidationError) as error:
        services.change_status(officer, membership, refused, D(2021, 1, 1), "reason")
    assert message in str(error.value)
    assert statuses(membership) == before


@pytest.mark.django_db
def test_a_change_before_the_current_status_began_is_refused(officer):
    membership = apply(officer, on=D(2023, 5, 1))
    with pytest.raises(ValidationError, match="cannot take effect before 2023-05-01"):
        services.approve(officer, membership, D(2023, 4, 30))


@pytest.mark.django_db
def test_rejection_and_suspension_need_a_reason(officer):
    membership = apply(officer)
    with pytest.raises(ValidationError, match="reason"):
        services.reject(officer, membership, D(2023, 2, 1), "  ")
    assert membership.status == Status.APPLICANT


@pytest.mark.django_db
def test_overlapping_period_is_refused(officer):
    membership = apply(officer, on=D(2023, 1, 1))
    services.approve(officer, membership, D(2023, 2, 1))
    with pytest.raises(ValidationError, match="overlaps"):
        services.record_period(officer, membership, {"status": Status.OBSERVER, "start_date": D(2022, 6, 1),
                                                     "end_date": D(2023, 1, 15)})
    # An earlier period that ends when the application begins is a history, not an overlap.
    services.record_period(officer, membership, {"status": Status.MEMBER, "start_date": D(2015, 1, 1),
                                                 "end_date": D(2018, 1, 1)})
    assert stats.member_count(membership.network, D(2016, 1, 1), officer) == 1


@pytest.mark.django_db
def test_end_before_start_is_refused_by_the_service_and_the_database(officer):
    membership = apply(officer, on=D(2023, 1, 1))
    with pytest.raises(ValidationError, match="end date is before the start date"):
        services.record_period(officer, membership, {"status": Status.MEMBER, "start_date": D(2010, 5, 1),
                                                     "end_date": D(2010, 4, 1)})
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipPeriod.objects.create(membership=membership, status=Status.MEMBER, start_date=D(2010, 5, 1),
                                        end_date=D(2010, 4, 1))


@pytest.mark.django_db
def test_only_one_open_period_in_the_database(officer):
    membership = apply(officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipPeriod.objects.create(membership=membership, status=Status.MEMBER, start_date=D(2024, 1, 1))


@pytest.mark.django_db
def test_a_membership_needs_a_start_date_and_a_network_cannot_join_itself(officer):
    network = NetworkFactory()
    with pytest.raises(ValidationError, match="Give the date"):
        services.create_membership(officer, {"network": network, "organisation": OrganisationFactory()})
    with pytest.raises(ValidationError, match="member of itself"):
        services.create_membership(officer, {"network": network, "organisation": network.organisation,
                                             "start_date": D(2024, 1, 1)})
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_former_member_applies_again_on_the_same_membership(officer):
    membership = apply(officer, on=D(2020, 1, 1))
    services.approve(officer, membership, D(2020, 2, 1))
    services.withdraw(officer, membership, D(2021, 1, 1))
    again = services.receive_application(officer, membership.network, membership.organisation, D(2022, 1, 1))
    assert again.pk == membership.pk and again.status == Status.APPLICANT


# --- Members on a date equals a naive recount, for random histories ----------------------------------------------

MOVES = st.lists(st.tuples(st.sampled_from(Status.values), st.integers(min_value=0, max_value=400)),
                 min_size=0, max_size=6)


@pytest.mark.django_db
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(st.tuples(st.integers(min_value=0, max_value=2000), st.sampled_from(
    services.allowed_moves(None)), MOVES), min_size=0, max_size=6),
       days=st.lists(st.integers(min_value=-10, max_value=5000), min_size=1, max_size=5))
def test_members_on_a_date_equals_a_naive_recount(histories, days):
    """Random histories built through the workflow (refused moves skipped); every count against a recount."""
    origin = D(2010, 1, 1)
    with transaction.atomic():
        reader = make_user("viewer")
        network = NetworkFactory()
        for start, first, moves in histories:
            membership = services.create_membership(None, {
                "network": network, "organisation": OrganisationFactory(),
                "start_date": origin + datetime.timedelta(days=start), "status": first})
            day = origin + datetime.timedelta(days=start)
            for status, gap in moves:
                day += datetime.timedelta(days=gap)
                try:
                    services.change_status(None, membership, status, day, "reason")
                except ValidationError:
                    continue
        periods = list(MembershipPeriod.objects.filter(membership__network=network))
        dates = [origin + datetime.timedelta(days=d) for d in days]
        for day in dates:
            naive = {p.membership_id for p in periods if p.status == Status.MEMBER and p.start_date <= day
                     and (p.end_date is None or day < p.end_date)}
            assert stats.member_count(network, day, reader) == len(naive)
            assert stats.counts_on(network, day, reader)["member"] == len(naive)
            assert {m.pk for m in stats.memberships_on(network, day, reader)} == naive
        assert stats.growth(network, dates, reader)["member"] == [stats.member_count(network, d, reader) for d in dates]
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_figures_are_for_one_reader(officer):
    membership = MemberFactory()
    day = D(2024, 1, 1)
    assert stats.member_count(membership.network, day, officer) == 1
    assert stats.member_count(membership.network, day, make_user("none")) == 0
    with pytest.raises(TypeError):
        stats.counts_on(membership.network, day, None)
