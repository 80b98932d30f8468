"""The workflow, deadlines and markings, as the services enforce them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.cooperation import services
from liaison.cooperation.choices import ChangeStatus, Marking
from liaison.cooperation.models import AssistanceRequest, Attachment
from liaison.core.access import restrict
from liaison.core.testing import changes_of, make_user

from .factories import CompartmentFactory, CorrespondenceFactory


@pytest.fixture
def team(db):
    first, second = make_user("officer"), make_user("officer")
    return CompartmentFactory(members=[first, second]), first, second


def new_request(team, **data):
    compartment, author, _other = team
    return services.create_request(author, {
        "compartment": compartment, "direction": "incoming", "channel": "globe", "request_type": "witness",
        "subject_en": "Interview of a witness", **data})


def test_a_request_goes_through_the_workflow(team):
    _compartment, author, _other = team
    request = new_request(team)
    for status in ("received", "acknowledged", "in_progress", "partially_executed", "executed", "closed"):
        request = services.move(author, request, status, on=datetime.date(2024, 5, 1))
    assert request.status == "closed" and request.executed_on == datetime.date(2024, 5, 1)
    assert changes_of(request, "update").count() == 6


@pytest.mark.parametrize("path, refused", [
    ((), "executed"), ((), "sent"),  # an incoming request is received, not sent
    (("received",), "closed"), (("received", "acknowledged", "in_progress", "executed", "closed"), "in_progress"),
])
def test_illegal_moves_are_refused_and_change_nothing(team, path, refused):
    _compartment, author, _other = team
    request = new_request(team)
    for status in path:
        request = services.move(author, request, status)
    with pytest.raises(ValidationError, match="cannot move"):
        services.move(author, request, refused)
    assert AssistanceRequest.plain.get(pk=request.pk).status == request.status


def test_refusal_and_withdrawal_need_a_reason(team):
    _compartment, author, _other = team
    request = services.move(author, new_request(team), "received")
    with pytest.raises(ValidationError, match="Say why"):
        services.move(author, request, "refused", reason="  ")
    refused = services.move(author, request, "refused", reason="Outside the treaty's scope.")
    assert refused.status_reason == "Outside the treaty's scope."


def test_a_request_is_filed_only_in_ones_own_compartment(team):
    with pytest.raises(ValidationError, match="compartment you belong to"):
        services.create_request(make_user("officer"), {
            "compartment": team[0], "direction": "incoming", "channel": "globe", "request_type": "witness",
            "subject_en": "Elsewhere"})


def test_overdue_and_due_soon(team):
    _compartment, author, _other = team
    today = datetime.date(2024, 6, 1)
    late = services.move(author, new_request(team, subject_en="Late", due_on=datetime.date(2024, 5, 20)), "received",
                         on=datetime.date(2024, 5, 1))
    soon = services.move(author, new_request(team, subject_en="Soon", due_on=datetime.date(2024, 6, 10)), "received",
                         on=datetime.date(2024, 5, 1))
    new_request(team, subject_en="Draft", due_on=datetime.date(2024, 5, 1))  # a draft has no running deadline
    visible = restrict(AssistanceRequest.objects.all(), author)
    assert list(services.overdue(visible, today)) == [late]
    assert list(services.due_soon(visible, today)) == [soon]


def test_the_most_restrictive_marking_of_a_request_and_its_parts_wins(team):
    _compartment, author, _other = team
    request = new_request(team, marking=Marking.GREEN)
    assert request.effective_marking == Marking.GREEN
    services.add_correspondence(author, request, {"date": datetime.date(2024, 5, 2), "direction": "incoming",
                                                  "summary": "Call from the counterpart.", "marking": Marking.RED})
    assert AssistanceRequest.plain.get(pk=request.pk).effective_marking == Marking.RED


def test_lowering_a_marking_needs_a_second_person(team):
    _compartment, author, other = team
    request = new_request(team, marking=Marking.RED)
    with pytest.raises(ValidationError, match="second person"):
        services.update_request(author, request, {"marking": Marking.GREEN}, expected_version=request.version)
    raised = services.update_request(author, request, {"marking": Marking.RED}, expected_version=request.version)
    change = services.request_marking_change(author, raised, {"to_marking": Marking.GREEN,
                                                               "reason": "Counterpart agreed."})
    with pytest.raises(ValidationError, match="other than the person who asked"):
        services.decide_marking_change(author, change, approve=True)
    assert AssistanceRequest.plain.get(pk=request.pk).marking == Marking.RED
    decided = services.decide_marking_change(other, change, approve=True)
    stored = AssistanceRequest.plain.get(pk=request.pk)
    assert decided.state == ChangeStatus.APPROVED and decided.decided_by == other
    assert stored.marking == stored.effective_marking == Marking.GREEN
    assert changes_of(stored, "update").filter(user=other).exists()


def test_lowering_a_parts_marking_is_approved_the_same_way(team):
    _compartment, author, other = team
    request = new_request(team, marking=Marking.GREEN)
    entry = CorrespondenceFactory(request=request, marking=Marking.RED)
    change = services.request_marking_change(author, request, {"correspondence": entry,
                                                               "to_marking": Marking.AMBER, "reason": "Agreed."})
    services.decide_marking_change(other, change, approve=True)
    entry.refresh_from_db()
    assert entry.marking == Marking.AMBER
    assert AssistanceRequest.plain.get(pk=request.pk).effective_marking == Marking.AMBER


def test_raising_through_a_marking_change_is_refused(team):
    _compartment, author, _other = team
    request = new_request(team, marking=Marking.AMBER)
    with pytest.raises(ValidationError, match="Only a lower marking"):
        services.request_marking_change(author, request, {"to_marking": Marking.RED, "reason": "Why not."})


def test_deleting_a_request_takes_its_parts_along_logged(team):
    _compartment, author, _other = team
    request = new_request(team)
    CorrespondenceFactory(request=request)
    services.delete_request(author, request)
    assert not Attachment.plain.exists()
    assert changes_of(request, "delete").exists()
