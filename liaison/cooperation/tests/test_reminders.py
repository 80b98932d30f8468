import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from liaison.cooperation import services
from liaison.core.testing import make_user, run_jobs

from .factories import CompartmentFactory

TODAY = datetime.date(2024, 6, 1)


@pytest.mark.django_db
def test_members_are_reminded_of_their_requests_deadlines_without_their_content():
    member, outsider = make_user("officer"), make_user("officer")
    member.email, outsider.email = "member@example.org", "outsider@example.org"
    member.save()
    outsider.save()
    CompartmentFactory(members=[outsider])
    compartment = CompartmentFactory(members=[member])
    for reference, due in (("LATE-1", datetime.date(2024, 5, 20)), ("WEEK-1", datetime.date(2024, 6, 8)),
                           ("LATER-1", datetime.date(2024, 7, 1))):
        request = services.create_request(member, {
            "compartment": compartment, "direction": "outgoing", "channel": "mla", "request_type": "evidence",
            "subject_en": f"Secret subject {reference}", "our_reference": reference, "due_on": due})
        services.move(member, request, "sent", on=datetime.date(2024, 5, 1))
    out = io.StringIO()
    call_command("remind_requests", "--today", TODAY.isoformat(), stdout=out)
    run_jobs()
    assert "Queued 1 reminder e-mails" in out.getvalue()
    message, = mail.outbox
    assert message.to == ["member@example.org"]
    assert "LATE-1" in message.body and "overdue since 2024-05-20" in message.body
    assert "WEEK-1" in message.body and "LATER-1" not in message.body
    assert "Secret subject" not in message.body
