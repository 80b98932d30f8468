"""The 2024 chapter's figures of the events and delegations areas, from the reference data, in both languages."""

import re

import pytest

from liaison.core.testing import make_user
from liaison.reports import chapter, documents


@pytest.fixture
def html(reference_data, db):
    return documents.html(chapter.write(make_user("viewer"), 2024, "both"))


def figure(html: str, text: str) -> str:
    """The address of the figure printed as `text` (it is a link to the records it counts)."""
    found = re.search(r'<a[^>]*href="([^"]+)"[^>]*>' + re.escape(text) + "</a>", html)
    assert found, f"no figure {text!r}"
    return found.group(1).replace("&amp;", "&")


def test_the_symposium_as_the_chapter_counts_it(html):
    for text in ("over 500", "180", "nearly 60", "over 30", "about 200", "over 40"):
        figure(html, text)
    for text in ("逾 500 名", "180 個", "近 60 個", "超過 30 位", "約 200 位", "超過 40 場"):
        figure(html, text)
    assert "delegates of <a" in html and "的<a" in html


def test_the_changsha_study_visit(html):
    assert "Study visit to Changsha" in html
    figure(html, "about 50")
    figure(html, "nearly 20")
    figure(html, "約 50 位")
    figure(html, "近 20 個")


def test_delegations_and_visitors(html):
    assert "we received <a" in html
    figure(html, "nearly 130")
    figure(html, "over 2\u2009600")
    assert "廉署接待了<a" in html
    figure(html, "近 130 個")
    figure(html, "超過 2\u2009600 名")


def test_a_figure_links_to_the_list_that_shows_as_many_records(html, client_as):
    client = client_as("viewer")
    delegates = client.get(figure(html, "over 500"))
    delegations = client.get(figure(html, "nearly 130"))
    assert delegates.status_code == delegations.status_code == 200
    counted = [page.context["filter"].qs.count() for page in (delegates, delegations)]
    assert 500 < counted[0] < 530 and 127 <= counted[1] <= 129
