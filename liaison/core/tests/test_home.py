"""The home page as the office's start page: what is due, what changed, this year's figures, each linked."""

import datetime

import pytest
from django.utils import timezone

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory, FollowUpActionFactory
from liaison.core.testing import hide, make_user
from liaison.partners import services as partners
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_home_shows_what_is_due_this_years_figures_and_recent_changes(client_as, monkeypatch):
    officer = make_user("officer", username="home-officer")
    FollowUpActionFactory(owner=officer)
    AgreementFactory(status=AgreementStatus.EXPIRING)
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=timezone.localdate().replace(month=1, day=2))
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2001, 1, 1))
    seen = partners.create_organisation(officer, {"name_en": "Seen Commission", "kind": "aca"})
    hidden = partners.create_organisation(officer, {"name_en": "Hidden Commission", "kind": "aca"})
    hide(monkeypatch, hidden)
    from django.test import Client

    client = Client()
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert '<strong>1</strong> My open follow-up actions' in page
    assert 'href="/agreements/agreements/?status=expiring"><strong>1</strong> Agreements expiring' in page
    year = timezone.localdate().year
    assert f'href="/agreements/agreements/?year={year}"><strong>1</strong> Agreements signed' in page
    assert f'href="{seen.get_absolute_url()}">Seen Commission' in page
    assert "Hidden Commission" not in page


def test_home_shows_nothing_of_a_kind_the_user_may_not_view(client_as):
    OrganisationFactory(name_en="Unseen Commission")
    page = client_as("none").get("/").content.decode()
    assert "Agreements expiring" not in page and "Unseen Commission" not in page
