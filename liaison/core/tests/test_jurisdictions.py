"""Jurisdictions as a user finds them after `migrate`, and the `liaison jurisdictions` re-sync."""

import datetime
from io import StringIO

import pycountry
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from liaison.core.choices import JurisdictionKind
from liaison.core.management.commands.jurisdictions import user_language
from liaison.core.models import Jurisdiction, Region, Tag
from liaison.core.search import search

pytestmark = pytest.mark.django_db

BELT_AND_ROAD = {"KZ", "SA", "ZA", "ID", "MV"}


def jurisdiction(code: str) -> Jurisdiction:
    return Jurisdiction.objects.get(code=code)


def tagged(slug: str) -> set[str]:
    return set(Jurisdiction.objects.filter(tags__slug=slug).values_list("code", flat=True))


def run_command() -> str:
    out = StringIO()
    call_command("jurisdictions", stdout=out)
    return out.getvalue()


def test_every_iso_entry_is_present():
    assert Jurisdiction.objects.count() == len(pycountry.countries) == 249
    hk = jurisdiction("HK")
    assert (hk.alpha3, hk.numeric) == ("HKG", "344")


def test_hong_kong_macao_and_the_mainland_are_distinct():
    rows = {j.code: j for j in Jurisdiction.objects.filter(code__in=["HK", "MO", "CN"])}
    assert {code: j.kind for code, j in rows.items()} == {
        "HK": JurisdictionKind.SAR, "MO": JurisdictionKind.SAR, "CN": JurisdictionKind.MAINLAND,
    }
    assert [(rows[c].name_en, rows[c].name_zh_hant) for c in ("HK", "MO", "CN")] == [
        ("Hong Kong SAR", "香港特別行政區"), ("Macao SAR", "澳門特別行政區"), ("Mainland China", "內地"),
    ]
    assert jurisdiction("FR").kind == JurisdictionKind.STATE
    assert jurisdiction("GI").kind == JurisdictionKind.TERRITORY


def test_taiwan_is_named_as_part_of_china():
    taiwan = jurisdiction("TW")
    assert (taiwan.name_en, taiwan.name_zh_hant) == ("Taiwan, China", "中國台灣")
    assert taiwan.kind == JurisdictionKind.REGION_OF_CHINA
    with translation.override("zh-hant"):
        assert (taiwan.get_kind_display(), jurisdiction("BM").get_kind_display()) == ("中國的地區", "地區")
    assert not Jurisdiction.objects.filter(name_zh_hant__contains="中華民國").exists()
    assert not Jurisdiction.objects.filter(name_en="Taiwan").exists()


@pytest.mark.parametrize(
    ("code", "chinese"),
    [("NZ", "新西蘭"), ("MU", "毛里求斯"), ("KZ", "哈薩克斯坦"), ("SA", "沙特阿拉伯"), ("ZA", "南非"),
     ("ID", "印度尼西亞"), ("MV", "馬爾代夫"), ("KR", "韓國"), ("MY", "馬來西亞"), ("QA", "卡塔爾"),
     ("UZ", "烏茲別克斯坦"), ("PE", "秘魯"), ("BT", "不丹"), ("AT", "奧地利"), ("CH", "瑞士"), ("FR", "法國")],
)
def test_chinese_names_follow_hong_kong_usage(code, chinese):
    assert jurisdiction(code).name_zh_hant == chinese


def test_english_names_read_as_prose():
    assert jurisdiction("KN").name_en == "Saint Kitts and Nevis"
    assert not Jurisdiction.objects.filter(name_en__contains="&").exists()
    assert not Jurisdiction.objects.filter(name_en__contains="SAR China").exists()


def test_name_follows_the_users_language():
    with translation.override("zh-hant"):
        assert str(jurisdiction("NZ")) == "新西蘭"
    with translation.override("en"):
        assert str(jurisdiction("NZ")) == "New Zealand"


def test_kazakhstan_is_in_central_asia():
    kazakhstan = jurisdiction("KZ")
    assert kazakhstan.sub_region.code == "143"
    assert kazakhstan.region.code == "142"
    assert kazakhstan.tags.filter(slug="central-asia").exists()
    assert tagged("central-asia") == {"KZ", "KG", "TJ", "TM", "UZ"}


def test_regions_are_bilingual_and_nested():
    central_asia = Region.objects.get(code="143")
    assert (central_asia.name_en, central_asia.name_zh_hant) == ("Central Asia", "中亞")
    assert (central_asia.parent.name_en, central_asia.parent.name_zh_hant) == ("Asia", "亞洲")
    assert Region.objects.get(code="202").name_zh_hant == "撒哈拉以南非洲"
    assert not Region.objects.filter(name_en__isnull=True).exists()
    assert not Region.objects.filter(name_zh_hant__isnull=True).exists()
    assert not Region.objects.filter(name_zh_hant="").exists()


def test_only_used_regions_exist_and_antarctica_has_none():
    used = set(Jurisdiction.objects.values_list("region__code", flat=True)) | set(
        Jurisdiction.objects.values_list("sub_region__code", flat=True)
    )
    assert set(Region.objects.values_list("code", flat=True)) == used - {None}
    antarctica = jurisdiction("AQ")
    assert antarctica.region is None and antarctica.sub_region is None


def test_belt_and_road_tags_follow_the_chapter():
    assert tagged("belt-and-road") == BELT_AND_ROAD
    assert "MU" not in tagged("belt-and-road")
    assert tagged("greater-bay-area") == {"HK", "MO", "CN"}


def test_the_sars_are_not_states_parties_but_the_convention_applies_to_them():
    assert tagged("uncac-state-party") == {"CN"}
    assert tagged("uncac-applies") == {"HK", "MO"}


def test_tags_say_where_their_list_comes_from_and_whether_it_is_complete():
    tags = {tag.slug: tag for tag in Tag.objects.all()}
    assert {slug for slug, tag in tags.items() if not tag.is_complete} == {
        "belt-and-road", "uncac-state-party", "uncac-applies"}
    for tag in tags.values():
        assert tag.source_en and tag.source_zh_hant
    assert tags["belt-and-road"].as_of == datetime.date(2024, 12, 31)
    assert "Annual Report 2024" in tags["uncac-state-party"].source_en


def test_tags_are_bilingual():
    tag = Tag.objects.get(slug="belt-and-road")
    assert (tag.name_en, tag.name_zh_hant) == ("Belt and Road partner", "一帶一路合作伙伴")


def test_resync_changes_nothing_and_keeps_users_tags():
    oecd = Tag.objects.create(slug="oecd-member", name_en="OECD member", name_zh_hant="經合組織成員")
    jurisdiction("AT").tags.add(oecd)
    jurisdiction("PK").tags.add(Tag.objects.get(slug="belt-and-road"))
    before = dict(Jurisdiction.objects.values_list("code", "version"))

    for _ in range(2):
        out = run_command()
        assert "249 unchanged" in out
        assert "0 created, 0 updated" in out
        assert "0 tag assignments added" in out

    assert Jurisdiction.objects.count() == 249
    assert dict(Jurisdiction.objects.values_list("code", "version")) == before
    assert jurisdiction("AT").tags.filter(slug="oecd-member").exists()
    assert tagged("belt-and-road") == BELT_AND_ROAD | {"PK"}


def test_resync_restores_reference_data():
    Jurisdiction.objects.filter(code="TW").update(name_zh_hant="臺灣")
    Jurisdiction.objects.get(code="KZ").tags.clear()

    out = run_command()

    assert "1 updated" in out
    assert jurisdiction("TW").name_zh_hant == "中國台灣"
    assert set(jurisdiction("KZ").tags.values_list("slug", flat=True)) == {"central-asia", "belt-and-road"}


@pytest.mark.parametrize(
    ("environ", "language"),
    [({"LC_ALL": "zh_HK.UTF-8"}, "zh-hant"), ({"LANG": "zh_TW.UTF-8"}, "zh-hant"), ({"LANG": "en_GB.UTF-8"}, "en"),
     ({"LC_ALL": "C.UTF-8", "LANG": "zh_HK.UTF-8"}, "en"), ({}, "en")],
)
def test_command_speaks_the_users_language(monkeypatch, environ, language):
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    assert user_language() == language


def test_simplified_chinese_finds_kazakhstan():
    assert list(search(Jurisdiction.objects.all(), "哈萨克").values_list("code", flat=True)) == ["KZ"]
    assert list(search(Jurisdiction.objects.all(), "hkg").values_list("code", flat=True)) == ["HK"]


@pytest.mark.parametrize("query", ["Indonesia", "印度尼西亞", "印度尼西亚", "印尼", "IDN"])
def test_indonesia_is_found_by_every_name(query):
    assert list(search(Jurisdiction.objects.all(), query).values_list("code", flat=True)) == ["ID"]


@pytest.mark.parametrize(("query", "code"), [("紐西蘭", "NZ"), ("南韓", "KR"), ("香港特區", "HK"), ("中國內地", "CN"),
                                            ("Macau", "MO"), ("Turkey", "TR")])
def test_other_names_find_the_jurisdiction(query, code):
    assert code in set(search(Jurisdiction.objects.all(), query).values_list("code", flat=True))


def test_a_list_filtered_by_an_incomplete_tag_says_it_is_not_a_total(client_as):
    from liaison.partners.tests.factories import OrganisationFactory

    OrganisationFactory().tags.add(Tag.objects.get(slug="belt-and-road"))
    client = client_as("viewer")
    for url in ("/core/jurisdictions/", "/partners/organisations/"):
        page = client.get(url, {"tag": "belt-and-road"}).content.decode()
        assert 'data-tag="belt-and-road"' in page and "is incomplete" in page, url
        partial = client.get(url, {"tag": "belt-and-road"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="object-table")
        assert 'data-tag="belt-and-road"' in partial.content.decode(), url
        assert "is incomplete" not in client.get(url, {"tag": "greater-bay-area"}).content.decode(), url
        assert "is incomplete" not in client.get(url).content.decode(), url


def test_jurisdiction_page_shows_its_kind_and_other_names_in_chinese(client_as):
    client = client_as("viewer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    page = client.get(jurisdiction("ID").get_absolute_url()).content.decode()
    assert "印度尼西亞" in page and "<dd>印尼</dd>" in page
    taiwan = client.get(jurisdiction("TW").get_absolute_url()).content.decode()
    assert "<dd>中國的地區</dd>" in taiwan and "屬地" not in taiwan
