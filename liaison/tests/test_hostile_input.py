"""Hostile input through every door (pages, API, admin, downloads, uploads, redirects): a clear answer in the
user's language, never a 500, and nothing written."""

import datetime
import io
import re
from urllib.parse import unquote
from xml.etree import ElementTree

import icalendar
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from liaison.agreements import services as agreement_services
from liaison.agreements.models import Agreement, AgreementDocument, FollowUpAction
from liaison.agreements.tests.factories import FollowUpActionFactory, SignedAgreementFactory
from liaison.core import services
from liaison.core.checks import every_model_checks_its_text, unchecked_text
from liaison.core.http import content_disposition
from liaison.core.models import Jurisdiction
from liaison.core.testing import api_client, make_user
from liaison.core.views_calendar import reset_feed
from liaison.networks.tests.factories import MemberFactory
from liaison.partners.models import Contact, Organisation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


PARAMETER = re.compile(r';\s*([\w*]+)=("(?:[^"\\]|\\.)*"|[^;]*)')


def parameters(value: str) -> dict:
    """The parameters of a Content-Disposition value (RFC 6266 grammar), quotes removed."""
    return {name: text.strip('"') for name, text in PARAMETER.findall(value)}


def disposition(response) -> dict:
    return parameters(response["Content-Disposition"])


def saved_name(response) -> str:
    encoded = disposition(response)["filename*"]
    assert encoded.startswith("UTF-8''")
    return unquote(encoded[len("UTF-8''"):])


# --- One text check on every path -------------------------------------------------------------------------------


def test_a_page_form_refuses_a_control_character_and_saves_nothing(client_as):
    response = client_as("officer").post("/partners/organisations/add/", {"name_en": "ICAC\x07", "kind": "aca"})
    assert response.status_code == 200
    assert "invisible control character (U+0007)" in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_api_refuses_control_characters_and_line_breaks_in_names_but_keeps_them_in_notes():
    client = api_client("officer")
    refused = client.post("/api/partners/organisations/", {"name_en": "A\x1bB", "kind": "aca"}, format="json")
    assert refused.status_code == 400 and "U+001B" in str(refused.json()["name_en"])
    broken = client.post("/api/partners/organisations/", {"name_en": "ICAC", "acronym_en": "IC\nAC", "kind": "aca"},
                         format="json")
    assert broken.status_code == 400 and "single line" in str(broken.json()["acronym_en"])
    assert not Organisation.objects.exists()
    created = client.post("/api/partners/organisations/", {"name_en": "ICAC", "kind": "aca",
                                                            "notes": "First line\n\tSecond line"}, format="json")
    assert created.status_code == 201 and Organisation.objects.get().notes == "First line\n\tSecond line"


@pytest.mark.parametrize("send", [{"format": "json"}, {"format": "multipart"}])
def test_a_control_character_in_a_looked_up_value_is_a_400_not_a_database_error(send):
    # PostgreSQL cannot even compare a text holding NUL: the lookup of the tag's slug failed with a 500.
    response = api_client("officer").post("/api/partners/organisations/",
                                          {"name_en": "ICAC", "kind": "aca", "tags": ["a\x00b"]}, **send)
    assert response.status_code == 400 and "U+0000" in str(response.json()["tags"])
    assert not Organisation.objects.exists()


def test_the_strings_of_a_list_are_checked_too():
    response = api_client("officer").post("/api/partners/contacts/", {"name_en": "Chan", "phones": ["123\x07"]},
                                          format="json")
    assert response.status_code == 400 and "U+0007" in str(response.json()["phones"])
    assert not Contact.objects.exists()


def test_the_admin_refuses_a_control_character(client):
    admin = make_user("none", username="root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post("/admin/partners/organisation/add/", {"name_en": "IC\x07AC", "kind": "aca",
                                                                 "is_active": "on"})
    assert response.status_code == 200 and "U+0007" in response.content.decode()
    assert not Organisation.objects.exists()


def test_every_name_refuses_markup_even_without_its_own_validator():
    hong_kong = Jurisdiction.objects.get(code="HK")
    with pytest.raises(ValidationError) as refused:
        services.update_object(make_user("manager"), hong_kong, {"name_en": "<script>alert(1)</script>"})
    assert refused.value.message_dict["name_en"] == ["HTML or script is not allowed here."]


def test_messages_are_in_the_users_language(client_as):
    client = client_as("officer")
    client.cookies.load({django_settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.post("/partners/organisations/add/", {"name_en": "ICAC\x07", "kind": "aca"})
    with translation.override("zh-hant"):
        expected = translation.gettext("This text holds an invisible control character (U+{code:04X}); remove it.")
    assert expected != "This text holds an invisible control character (U+{code:04X}); remove it."
    assert expected.format(code=7) in response.content.decode()


def test_every_model_checks_its_text_and_a_new_one_that_does_not_is_an_error():
    assert every_model_checks_its_text() == []
    with isolate_apps("liaison.core"):
        class Unchecked(models.Model):
            name = models.CharField(max_length=10)

            class Meta:
                app_label = "core"

            def __str__(self):
                return self.name

        assert [error.id for error in unchecked_text([Unchecked])] == ["liaison.E001"]


# --- Data stored before the check never breaks an export or a chart --------------------------------------------


def test_an_old_name_with_control_characters_still_exports(client_as):
    Organisation.objects.create(name_en="Bad\x01Name\x1f", kind="aca")  # as stored before the check existed
    response = client_as("viewer").get("/partners/organisations/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "BadName" in [cell.value for row in sheet.iter_rows() for cell in row]


def test_an_old_title_with_control_characters_still_charts_and_feeds(client_as):
    expiry = timezone.localdate() + datetime.timedelta(days=30)  # inside the office calendar's window
    agreement = SignedAgreementFactory(expiry_date=expiry)
    Agreement.objects.filter(pk=agreement.pk).update(title_en="MoU\x02\x1b")
    svg = client_as("viewer").get("/agreements/coverage/map.svg")
    assert svg.status_code == 200 and ElementTree.fromstring(svg.content) is not None
    owner = make_user("viewer")
    secret = reset_feed(owner)
    ics = api_client("anonymous").get(reverse("core-api:calendar-feed-detail", args=[secret]))
    assert ics.status_code == 200
    assert "Agreement expires: MoU" in [str(e["summary"]) for e in icalendar.Calendar.from_ical(ics.getvalue()).walk(
        "VEVENT")]


# --- File names of downloads ------------------------------------------------------------------------------------


def test_an_export_from_the_chinese_pages_keeps_its_chinese_name(client_as):
    client = client_as("viewer")
    client.cookies.load({django_settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.get("/partners/organisations/?export=xlsx")
    with translation.override("zh-hant"):
        kind = str(Organisation._meta.verbose_name_plural)
    assert saved_name(response).startswith(f"{kind}-") and saved_name(response).endswith(".xlsx")
    fallback = disposition(response)["filename"]
    assert fallback.isascii() and fallback.endswith(".xlsx") and not fallback.startswith("-")


def test_an_acronym_with_a_line_break_and_quotes_cannot_break_the_header(client_as):
    member = MemberFactory()
    Organisation.objects.filter(pk=member.network.organisation.pk).update(acronym_en='AB\r\nX-Evil: 1";x=y')
    response = client_as("viewer").get(f"/networks/networks/{member.network.pk}/members.xlsx?on=2024-01-01")
    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"] and "X-Evil" not in response.headers.keys()
    assert set(disposition(response)) == {"filename", "filename*"}
    # The lists' export names every file with the time it was made, after the network and the date.
    assert re.fullmatch(r"members-AB X-Evil- 1-x=y-2024-01-01-\d{8}-\d{4}\.xlsx", saved_name(response))


def test_a_document_keeps_its_chinese_name_and_templates_and_feeds_are_named(client_as):
    agreement = SignedAgreementFactory()
    document = agreement_services.add_document(make_user("officer"), agreement, {
        "kind": "signed", "file": SimpleUploadedFile("合作備忘錄.pdf", PDF)})
    response = client_as("viewer").get(f"/agreements/documents/{document.pk}/download/")
    assert saved_name(response) == "合作備忘錄.pdf" and disposition(response)["filename"] == "download.pdf"
    template = client_as("manager").get("/partners/organisations/import/?template")
    assert saved_name(template) == "organisations-template.xlsx"


@pytest.mark.parametrize("name", ["a\x00b\x1b.xlsx", "../../etc/passwd", '"; filename=evil.exe', "\u202eexe.pdf",
                                  "", "名" * 400 + ".xlsx"])
def test_content_disposition_of_hostile_names(name):
    value = content_disposition(name)
    assert value.isascii() and "\n" not in value and "\r" not in value
    params = parameters(value)
    assert value.startswith("attachment;") and value.count(";") == 2 and set(params) == {"filename", "filename*"}
    saved = unquote(params["filename*"][len("UTF-8''"):])
    assert "/" not in saved and "\\" not in saved and "\x00" not in saved and "\u202e" not in saved
    assert 0 < len(saved) <= 150


# --- Paths ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["networks/networks/null,null/members/", "networks/memberships/1.5/status/",
                                  "partners/organisations/99999999999999999999/", "core/tags/abc/"])
def test_a_path_id_that_is_no_record_is_a_404(path):
    client = api_client("manager")
    assert client.get(f"/api/{path}").status_code == 404
    assert client.post(f"/api/{path}", {"status": "active"}, format="json").status_code in (404, 405)


# --- Where `next` may lead --------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["//other.host/", "https://other.host/", "/\\other.host", "javascript:alert(1)"])
def test_next_never_leads_off_the_site(client_as, target):
    action = FollowUpActionFactory()
    response = client_as("officer").post(f"/agreements/actions/{action.pk}/status/", {
        "status": "done", "version": action.version, "next": target})
    assert response.status_code == 302 and response["Location"] == action.agreement.get_absolute_url()
    assert FollowUpAction.objects.get(pk=action.pk).status == "done"


def test_next_on_the_site_is_followed(client_as):
    action = FollowUpActionFactory()
    mine = "/agreements/actions/mine/"
    response = client_as("officer").post(f"/agreements/actions/{action.pk}/status/", {
        "status": "done", "version": action.version, "next": mine})
    assert response["Location"] == "/agreements/actions/mine/"


# --- Uploads refused from Content-Length ------------------------------------------------------------------------

HUGE = str(200 * 1024 * 1024)  # the test payload is tiny: reading past it would fail the request


def test_a_huge_document_upload_is_refused_before_its_body_is_read(client_as):
    agreement = SignedAgreementFactory()
    page_url = f"http://testserver/agreements/agreements/{agreement.pk}/"
    response = client_as("officer").post(f"/agreements/agreements/{agreement.pk}/documents/add/", {"kind": "signed"},
                                         CONTENT_LENGTH=HUGE, HTTP_REFERER=page_url)
    assert response.status_code == 413
    page = response.content.decode()
    assert "The upload is 200.0\xa0MB; at most 20.0\xa0MB can be sent here." in page
    assert f'href="{page_url}"' in page
    assert not AgreementDocument.objects.exists()


def test_the_api_answers_413_in_the_users_language():
    client = api_client("officer")
    response = client.post("/api/agreements/documents/", {"kind": "signed"}, CONTENT_LENGTH=HUGE,
                           HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.status_code == 413
    with translation.override("zh-hant"):
        expected = translation.gettext("The upload is {size}; at most {limit} can be sent here. Nothing was saved.")
    assert expected.split("{")[0] in response.json()["detail"]
    json_body = client.post("/api/partners/organisations/", {"name_en": "x"}, format="json", CONTENT_LENGTH=HUGE)
    assert json_body.status_code == 413


def test_the_limit_per_upload_kind_comes_from_the_settings(client_as, settings):
    settings.LIAISON_DOCUMENT_MAX_BYTES = 1024
    agreement = SignedAgreementFactory()
    body = {"kind": "signed", "upload": SimpleUploadedFile("mou.pdf", PDF + b"%" * 200_000)}
    response = client_as("officer").post(f"/agreements/agreements/{agreement.pk}/documents/add/", body)
    assert response.status_code == 413 and "at most 1.0\xa0KB can be sent here" in response.content.decode()
    assert not AgreementDocument.objects.exists()
    small = {"kind": "signed", "upload": SimpleUploadedFile("mou.pdf", PDF)}
    assert client_as("officer").post(f"/agreements/agreements/{agreement.pk}/documents/add/", small).status_code == 302
    assert AgreementDocument.objects.count() == 1
