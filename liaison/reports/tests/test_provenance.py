"""Every figure links to the list that reproduces it, as the reader may see it."""

import datetime
import re

import pytest
from django.test import Client

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.core.models import Tag
from liaison.core.testing import make_user
from liaison.partners.tests.factories import OrganisationFactory
from liaison.reports import chapter, documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    tag, _ = Tag.objects.get_or_create(slug="belt-and-road", defaults={"name_en": "Belt and Road",
                                                                       "name_zh_hant": "一帶一路"})
    tagged = OrganisationFactory()
    tagged.tags.add(tag)
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2026, 4, 1),
                     parties=[OrganisationFactory(), tagged])
    for day in (2, 3):
        AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2026, 4, day))
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2025, 4, 1))


def figure_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="figure" href="([^"]+)"[^>]*>([^<]+)</a>', html)


def test_each_figure_links_to_a_list_showing_exactly_that_many(records):
    viewer = make_user("viewer")
    client = Client()
    client.force_login(viewer)
    links = figure_links(documents.html(chapter.write(viewer, 2026, "en")))
    assert [text for _url, text in links] == ["3", "1"]
    for url, text in links:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200
        assert response.context["filter"].qs.count() == int(text)


def test_a_reader_without_access_gets_no_figures_and_no_list(records):
    outsider = make_user("none")
    assert figure_links(documents.html(chapter.write(outsider, 2026, "both"))) == []
    client = Client()
    client.force_login(outsider)
    assert client.get("/agreements/agreements/?year=2026").status_code == 403
