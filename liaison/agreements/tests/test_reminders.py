"""Reminder windows around date boundaries, the agreements on the office calendar, and `liaison remind`."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from liaison.agreements import reminders
from liaison.agreements.choices import AgreementStatus as S
from liaison.agreements.models import Agreement, CalendarFeed, FollowUpAction
from liaison.core.testing import changes_of, make_user, run_jobs, signed_in
from liaison.core.tokens import digest, new_secret

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


def subscribed(user) -> str:
    """The secret of an agreements' calendar address a user made before the office calendar took over."""
    secret = new_secret()
    CalendarFeed.objects.create(user=user, token_hash=digest(secret))
    return secret


def summaries(response) -> dict:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return {str(e["summary"]): e.decoded("dtstart") for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_a_subscribed_agreements_address_still_answers_the_office_calendars_agreements(client):
    user = make_user("viewer")
    today = timezone.localdate()
    agreement = SignedAgreementFactory(title_en="MoU with the ACC", signed_date=today - datetime.timedelta(days=30),
                                       expiry_date=today + datetime.timedelta(days=100))
    FollowUpActionFactory(agreement=agreement, owner=user, title_en="Plan the exchange visit",
                          due_date=today + datetime.timedelta(days=10))
    FollowUpActionFactory(agreement=agreement, owner=make_user("viewer"), title_en="Someone else's action",
                          due_date=today + datetime.timedelta(days=10))
    secret = subscribed(user)
    events = summaries(client.get(f"/api/agreements/calendar/{secret}/"))  # no sign-in: the secret is the key
    assert events == {"Signed: MoU with the ACC": today - datetime.timedelta(days=30),
                      "Agreement expires: MoU with the ACC": today + datetime.timedelta(days=100),
                      "Action due: Plan the exchange visit": today + datetime.timedelta(days=10)}
    assert client.get(f"/api/agreements/calendar/{'x' * 43}/").status_code == 404
    user.is_active = False
    user.save()
    assert client.get(f"/api/agreements/calendar/{secret}/").status_code == 404


def test_the_feed_is_a_window_of_dates_not_every_agreement_in_force(client):
    user = make_user("viewer")
    today = timezone.localdate()
    SignedAgreementFactory(title_en="Soon", signed_date=today - datetime.timedelta(days=3000),
                           expiry_date=today + datetime.timedelta(days=200))
    SignedAgreementFactory(title_en="Far off", signed_date=today - datetime.timedelta(days=3000),
                           expiry_date=today + datetime.timedelta(days=3 * 365))
    SignedAgreementFactory(title_en="Long gone", signed_date=today - datetime.timedelta(days=5 * 365))
    events = summaries(client.get(f"/api/agreements/calendar/{subscribed(user)}/"))
    assert events == {"Agreement expires: Soon": today + datetime.timedelta(days=200)}
    office = Client()
    signed_in(office, user)
    assert summaries(office.get("/core/calendar/office.ics")) == events


def test_the_feed_shows_only_what_the_user_may_see(client):
    SignedAgreementFactory(expiry_date=timezone.localdate() + datetime.timedelta(days=30))
    response = client.get(f"/api/agreements/calendar/{subscribed(make_user('none'))}/")
    assert summaries(response) == {}


def test_the_old_calendar_page_opens_the_office_calendar_showing_agreements(client_as):
    today = timezone.localdate()
    SignedAgreementFactory(title_en="MoU with the ACC", title_zh_hant="與反貪局的備忘錄", expiry_date=today)
    client = client_as("viewer")
    response = client.get("/agreements/calendar/")
    assert response.status_code == 302 and response["Location"] == "/core/calendar/?kind=Agreement"
    page = client.get(response["Location"]).content.decode()
    assert "Agreement expires: MoU with the ACC" in page
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.get("/agreements/calendar/")
    assert "協議屆滿：與反貪局的備忘錄" in client.get(response["Location"]).content.decode()
    reminders_page = client.get("/agreements/reminders/").content.decode()
    assert f'href="{escape(response["Location"])}"' in reminders_page


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
