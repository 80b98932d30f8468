"""The chapter written from the reference data: the seed chapter's figures, from records, in both languages."""

import pytest

from liaison.agreements import reference as agreements_reference
from liaison.core.testing import make_user
from liaison.networks import reference as networks_reference
from liaison.partners import reference as partners_reference
from liaison.reports import chapter, documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    partners_reference.load(None)
    networks_reference.load(None)
    agreements_reference.load(None)


def written(user, year=2024, lang="both"):
    return documents.html(chapter.write(user, year, lang))


def test_2024_figures_in_both_languages(reference):
    html = written(make_user("viewer"))
    assert "In 2024, <a" in html
    assert ">7</a> agreements were signed, <a" in html and ">5</a> of them with" in html
    assert "grew from <a" in html and ">122</a> in 2022 to <a" in html and ">180</a> at the end of 2024" in html
    assert "二零二四年共簽署<a" in html and ">7 份</a>協議，其中<a" in html and ">5 份</a>與「一帶一路」" in html
    assert "由二零二二年的<a" in html and ">122 個</a>，增加至二零二四年底的<a" in html and ">180 個</a>" in html
    assert "/agreements/agreements/?year=2024&amp;tag=belt-and-road" in html
