"""Reminder windows around date boundaries, the calendar feed, and `liaison remind`."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from liaison.agreements import reminders, services
from liaison.agreements.choices import AgreementStatus as S
from liaison.agreements.models import Agreement, CalendarFeed, FollowUpAction
from liaison.core.models import ChangeRecord
from liaison.core.testing import changes_of, make_user, run_jobs
from liaison.core.tokens import digest

from .factories import FollowUpActionFactory, SignedAgreementFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 3, 1)


def in_days(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize("days, window", [
    (0, 7), (6, 7), (7, 7), (8, 30), (29, 30), (30, 30), (31, 90), (89, 90), (90, 90), (91, None), (-1, None),
])
def test_expiry_windows_around_their_boundaries(days, window):
    SignedAgreementFactory(expiry_date=in_days(days))
    found = reminders.expiring(Agreement.objects.all(), TODAY)
    assert [e.window for e in found] == ([window] if window else [])


def test_only_agreements_in_force_are_reminded():
    for status in (S.DRAFT, S.EXPIRED, S.TERMINATED, S.RENEWED):
        SignedAgreementFactory(status=status, expiry_date=in_days(10))
    SignedAgreementFactory(status=S.EXPIRING, expiry_date=in_days(10))
    assert len(reminders.expiring(Agreement.objects.all(), TODAY)) == 1


@pytest.mark.parametrize("due, status, overdue", [
    (-1, "open", True), (0, "open", False), (1, "open", False), (-1, "done", False), (-30, "cancelled", False),
])
def test_overdue_actions(due, status, overdue):
    FollowUpActionFactory(due_date=in_days(due), status=status)
    assert reminders.overdue_actions(FollowUpAction.objects.all(), TODAY).exists() == overdue


def test_reminders_page_lists_windows_and_overdue_actions(client_as):
    import django.utils.timezone as tz

    today = tz.localdate()
    SignedAgreementFactory(title_en="Expires in a week", expiry_date=today + datetime.timedelta(days=5))
    SignedAgreementFactory(title_en="Expires in two months", expiry_date=today + datetime.timedelta(days=60))
    SignedAgreementFactory(title_en="Expires next year", expiry_date=today + datetime.timedelta(days=200))
    FollowUpActionFactory(title_en="Send the nominations", due_date=today - datetime.timedelta(days=2))
    page = client_as("viewer").get("/agreements/reminders/").content.decode()
    assert "Expires in a week" in page and "Expires in two months" in page and "Send the nominations" in page
    assert "Expires next year" not in page
    assert client_as("none").get("/agreements/reminders/").status_code == 403


def test_calendar_feed_has_expiries_and_my_actions_and_a_wrong_token_is_404(client):
    user = make_user("viewer")
    agreement = SignedAgreementFactory(title_en="MoU with the ACC", expiry_date=datetime.date(2027, 9, 10))
    FollowUpActionFactory(agreement=agreement, owner=user, title_en="Plan the exchange visit",
                          due_date=datetime.date(2025, 4, 1))
    FollowUpActionFactory(agreement=agreement, owner=make_user("viewer"), title_en="Someone else's action")
    secret = services.reset_calendar_feed(user)
    response = client.get(f"/api/agreements/calendar/{secret}/")  # no sign-in: the secret is the key
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.getvalue())
    events = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert events == {"Agreement expires: MoU with the ACC": datetime.date(2027, 9, 10),
                      "Action due: Plan the exchange visit": datetime.date(2025, 4, 1)}
    assert client.get(f"/api/agreements/calendar/{'x' * 43}/").status_code == 404
    new = services.reset_calendar_feed(user)
    assert client.get(f"/api/agreements/calendar/{secret}/").status_code == 404
    assert client.get(f"/api/agreements/calendar/{new}/").status_code == 200
    services.stop_calendar_feed(user)
    assert client.get(f"/api/agreements/calendar/{new}/").status_code == 404


def test_calendar_feed_shows_only_what_the_user_may_see(client):
    nobody = make_user("none")
    SignedAgreementFactory(expiry_date=datetime.date(2027, 9, 10))
    response = client.get(f"/api/agreements/calendar/{services.reset_calendar_feed(nobody)}/")
    assert not Calendar.from_ical(response.getvalue()).walk("VEVENT")


def feed_address(page: str) -> str:
    found = re.search(r'value="(http://testserver/api/agreements/calendar/[^"]+)"', page)
    return found.group(1) if found else ""


def test_calendar_page_shows_a_new_address_once_and_replaces_it(client_as):
    client = client_as("viewer")
    assert feed_address(client.get("/agreements/calendar/").content.decode()) == ""
    made = client.post("/agreements/calendar/", {"action": "reset"})
    address = feed_address(made.content.decode())
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    assert client.get(address).status_code == 200
    assert feed_address(client.get("/agreements/calendar/").content.decode()) == ""  # never shown again

    replaced = feed_address(client.post("/agreements/calendar/", {"action": "reset"}).content.decode())
    assert replaced != address
    assert client.get(address).status_code == 404 and client.get(replaced).status_code == 200

    assert client.post("/agreements/calendar/", {"action": "stop"}).status_code == 302
    assert client.get(replaced).status_code == 404


def test_calendar_secrets_are_stored_hashed_and_every_change_is_logged():
    user = make_user("viewer")
    first = services.reset_calendar_feed(user)
    second = services.reset_calendar_feed(user)
    services.stop_calendar_feed(user)
    stored = " ".join(str(v) for row in CalendarFeed.objects.values_list() for v in row)
    logged = list(ChangeRecord.objects.filter(content_type__model="calendarfeed").order_by("pk"))
    assert first not in stored and second not in stored
    assert [(r.action, r.user) for r in logged] == [("create", user), ("update", user), ("delete", user)]
    secrets_and_hashes = (first, second, digest(first), digest(second))
    logged_text = " ".join(f"{r.before} {r.after} {r.message} {r.facts}" for r in logged)
    assert not any(value in logged_text for value in secrets_and_hashes)


def test_remind_sends_the_expected_mails_and_moves_statuses(capsys):
    officer = make_user("officer")
    officer.email = "officer@example.org"
    officer.save()
    owner = make_user("officer")
    owner.email = "owner@example.org"
    owner.save()
    at_90 = SignedAgreementFactory(title_en="Ninety", expiry_date=in_days(90), responsible_officer=officer)
    SignedAgreementFactory(title_en="Eighty-nine", expiry_date=in_days(89), responsible_officer=officer)
    at_7 = SignedAgreementFactory(title_en="Seven", expiry_date=in_days(7), responsible_officer=officer,
                                  status=S.EXPIRING)
    past = SignedAgreementFactory(title_en="Past", expiry_date=in_days(-1), responsible_officer=officer)
    rolling = SignedAgreementFactory(title_en="Rolling", expiry_date=in_days(-1), auto_renew=True, term_months=12)
    FollowUpActionFactory(title_en="Overdue task", owner=owner, due_date=in_days(-3))
    FollowUpActionFactory(title_en="Today's task", owner=owner, due_date=TODAY)
    FollowUpActionFactory(title_en="Finished task", owner=owner, due_date=in_days(-3), status="done")

    call_command("remind", "--today", TODAY.isoformat())
    assert not mail.outbox  # the e-mails go out through the job queue
    assert run_jobs() == 2

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"officer@example.org", "owner@example.org"}
    body = by_recipient["officer@example.org"].body
    assert "“Ninety” expires" in body and "“Seven” expires" in body and "Eighty-nine" not in body
    owner_body = by_recipient["owner@example.org"].body
    assert "Overdue task" in owner_body and "Today's task" in owner_body and "Finished task" not in owner_body
    for agreement, status in ((at_90, S.EXPIRING), (at_7, S.EXPIRING), (past, S.EXPIRED), (rolling, S.SIGNED)):
        agreement.refresh_from_db()
        assert agreement.status == status
    assert rolling.expiry_date == datetime.date(2026, 2, 28)
    assert changes_of(past, "update").get().source == "cli"
    assert "Queued 2 reminder e-mails" in capsys.readouterr().out


def test_remind_dry_run_changes_and_sends_nothing(capsys):
    past = SignedAgreementFactory(expiry_date=in_days(-1), responsible_officer=make_user("officer"))
    call_command("remind", "--today", TODAY.isoformat(), "--dry-run")
    run_jobs()
    past.refresh_from_db()
    assert past.status == S.SIGNED and not mail.outbox and "1 expired" in capsys.readouterr().out
