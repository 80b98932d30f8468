"""The delegations area's rules as a user meets them: the workflow, clashes, holidays, sizes, imports."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from liaison.core.services import ConcurrentEditError
from liaison.core.testing import changes_of, make_user
from liaison.visits import dates, services
from liaison.visits.models import Delegation, ProgrammeItem, Visitor

from .factories import VISIT_DAY, DelegationFactory, ProgrammeItemFactory, VisitorFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def officer():
    return make_user("officer")


def test_a_request_is_approved_confirmed_and_completed(officer):
    request = services.create_delegation(officer, {"title_en": "Visit of the Maldives commission",
                                                   "preferred_start": VISIT_DAY, "preferred_end": VISIT_DAY})
    assert request.status == "requested"
    approved = services.move(officer, request, "approved", expected_version=request.version)
    assert approved.status == "approved" and approved.start_date == VISIT_DAY  # the preferred dates
    with pytest.raises(ValidationError, match="Add the programme before confirming it"):
        services.move(officer, approved, "confirmed")
    services.add_programme_item(officer, approved, {"title_en": "Briefing", "start": at(VISIT_DAY, 10),
                                                    "end": at(VISIT_DAY, 11)})
    confirmed = services.move(officer, approved, "confirmed")
    completed = services.move(officer, confirmed, "completed")
    assert completed.status == "completed"
    assert [c.said() for c in changes_of(completed, "update").order_by("pk")] == [
        "Status: Requested → Approved", "Status: Approved → Programme confirmed",
        "Status: Programme confirmed → Completed"]


def test_declining_needs_a_reason_and_is_final(officer):
    request = services.create_delegation(officer, {"title_en": "A request"})
    with pytest.raises(ValidationError, match="Give the reason for declining"):
        services.move(officer, request, "declined")
    declined = services.move(officer, request, "declined", reason="No dates available.")
    assert declined.decline_reason == "No dates available."
    with pytest.raises(ValidationError, match="cannot move any more"):
        services.move(officer, declined, "approved")


def test_a_skipped_step_and_a_stale_version_are_refused(officer):
    request = services.create_delegation(officer, {"title_en": "A request", "start_date": VISIT_DAY})
    with pytest.raises(ValidationError, match="it can move to: Approved, Declined, Cancelled"):
        services.move(officer, request, "completed")
    with pytest.raises(ConcurrentEditError):
        services.move(officer, request, "approved", expected_version=request.version + 1)
    assert Delegation.objects.get(pk=request.pk).status == "requested"


def test_a_visit_ending_before_it_starts_is_refused(officer):
    with pytest.raises(ValidationError, match="The visit ends before it starts"):
        services.create_delegation(officer, {"title_en": "Backwards", "start_date": VISIT_DAY,
                                             "end_date": VISIT_DAY - datetime.timedelta(days=1)})
    assert not Delegation.objects.exists()


def test_a_room_or_a_host_double_booked_is_refused(officer):
    host = make_user("officer", username="host-officer")
    first = DelegationFactory()
    services.add_programme_item(officer, first, {"title_en": "Briefing", "start": at(VISIT_DAY, 10),
                                                 "end": at(VISIT_DAY, 11), "room": "Room 1", "hosts": [host]})
    other = DelegationFactory()
    with pytest.raises(ValidationError, match="The room “Room 1” is already booked then"):
        services.add_programme_item(officer, other, {"title_en": "Meeting", "start": at(VISIT_DAY, 10, 30),
                                                     "end": at(VISIT_DAY, 12), "room": "room 1"})
    with pytest.raises(ValidationError, match="host-officer already has another programme item then"):
        services.add_programme_item(officer, other, {"title_en": "Meal", "start": at(VISIT_DAY, 10, 59),
                                                     "end": at(VISIT_DAY, 12), "interpreters": [host]})
    services.add_programme_item(officer, other, {"title_en": "Meal", "start": at(VISIT_DAY, 11),
                                                 "end": at(VISIT_DAY, 12), "room": "Room 1", "hosts": [host]})
    assert ProgrammeItem.objects.count() == 2


def test_a_programme_item_outside_the_visit_is_refused(officer):
    delegation = DelegationFactory()
    late = VISIT_DAY + datetime.timedelta(days=5)
    with pytest.raises(ValidationError, match="The item is outside the visit"):
        services.add_programme_item(officer, delegation, {"title_en": "Tour", "start": at(late, 9),
                                                          "end": at(late, 10)})
    assert not ProgrammeItem.objects.exists()


def test_weekends_and_hong_kong_public_holidays_are_flagged():
    flagged = {f.day: f.reason for f in dates.flagged_days(datetime.date(2024, 9, 27), datetime.date(2024, 10, 2))}
    assert flagged[datetime.date(2024, 9, 28)] == "Saturday" and flagged[datetime.date(2024, 9, 29)] == "Sunday"
    assert "National Day" in flagged[datetime.date(2024, 10, 1)]
    assert datetime.date(2024, 9, 30) not in flagged and datetime.date(2024, 10, 2) not in flagged


def test_the_size_comes_from_the_list_when_there_is_one(officer):
    delegation = DelegationFactory(declared_size=12)
    assert delegation.size == 12
    visitor = services.add_visitor(officer, delegation, {"name_en": "Aida Bakirov"})
    services.add_visitor(officer, delegation, {"name_zh_hant": "陳大文"})
    delegation.refresh_from_db()
    assert delegation.size == 2
    services.remove_visitor(officer, visitor)
    services.remove_visitor(officer, Visitor.objects.get(delegation=delegation))
    delegation.refresh_from_db()
    assert delegation.size == 12


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name (English)", "Name (Chinese)", "Position (English)", "Position (Chinese)",
                  "Organisation (English)", "Organisation (Chinese)"])
    for row in rows:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile("visitors.xlsx", content.getvalue())


def test_a_visitor_list_with_a_broken_row_adds_nobody(client_as):
    delegation = DelegationFactory()
    client = client_as("officer")
    url = f"/visits/delegations/{delegation.pk}/visitors/import/"
    broken = workbook([["Aida Bakirov", "", "Director", "", "Anti-Corruption Agency", ""], ["", "", "Deputy"],
                       ["<script>x</script>", "", "", "", "", ""]])
    page = client.post(url, {"upload": broken}, follow=True).content.decode()
    assert "Row 3:" in page and "Row 4:" in page and not Visitor.objects.exists()
    client.post(url, {"upload": workbook([["Aida Bakirov", "", "Director"], ["", "陳大文", "", "處長"]])})
    delegation.refresh_from_db()
    assert delegation.size == 2 and set(Visitor.objects.values_list("position_zh_hant", flat=True)) == {"", "處長"}


def test_the_itinerary_pdf_and_ics(client_as):
    from icalendar import Calendar
    from pypdf import PdfReader

    item = ProgrammeItemFactory(title_en="Briefing on corruption prevention", title_zh_hant="防貪簡介會",
                                place_en="ICAC Building", room="Room 1")
    client = client_as("viewer")
    pdf = client.get(f"/visits/delegations/{item.delegation.pk}/itinerary.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Briefing on corruption prevention" in text and "防貪簡介會" in text
    ics = Calendar.from_ical(client.get(f"/visits/delegations/{item.delegation.pk}/itinerary.ics").content)
    events = [c for c in ics.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Briefing on corruption prevention / 防貪簡介會"]
    assert "Room 1" in str(events[0]["location"])


def test_visitor_list_of_a_hidden_delegation_is_404(client_as):
    visitor = VisitorFactory()
    assert client_as("none").get(f"/visits/delegations/{visitor.delegation.pk}/").status_code == 404


def test_the_delegation_and_its_edit_page_flag_weekends_and_holidays(client_as):
    delegation = DelegationFactory(start_date=datetime.date(2024, 9, 30), end_date=datetime.date(2024, 10, 1))
    client = client_as("officer")
    for url in (f"/visits/delegations/{delegation.pk}/", f"/visits/delegations/{delegation.pk}/edit/"):
        page = client.get(url).content.decode()
        assert "2024-10-01: Public holiday: National Day" in page and "2024-09-30:" not in page


def test_a_mission_report_is_uploaded_and_downloaded(client_as):
    from .factories import MissionFactory

    mission = MissionFactory(report="")
    client = client_as("officer")
    data = {"title_en": mission.title_en, "purpose": "conference", "capacity": "own", "status": "completed",
            "destinations": list(mission.destinations.values_list("pk", flat=True)), "start_date": "2024-10-01",
            "end_date": "2024-10-04", "version": mission.version}
    script = SimpleUploadedFile("report.pdf", b"#!/bin/sh\necho hi\n")
    refused = client.post(f"/visits/missions/{mission.pk}/edit/", {**data, "report": script})
    mission.refresh_from_db()
    assert refused.status_code == 200 and 'class="errors"' in refused.content.decode() and not mission.report
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n%%EOF\n")
    assert client.post(f"/visits/missions/{mission.pk}/edit/", {**data, "report": pdf}).status_code == 302
    download = client.get(f"/visits/missions/{mission.pk}/report/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
