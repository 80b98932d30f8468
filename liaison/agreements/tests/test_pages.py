"""Pages and API of the agreements register through every role; query counts that do not grow with rows."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.agreements.models import Agreement, AgreementDocument, AgreementParty, FollowUpAction
from liaison.core.testing import ApiMatrix, PageMatrix, api_client, changes_of
from liaison.partners.tests.factories import OrganisationFactory

from .factories import AgreementFactory, FollowUpActionFactory, SignedAgreementFactory


class TestAgreementPages(PageMatrix):
    url_prefix = "agreements:agreement"
    factory = AgreementFactory

    def form_data(self):
        return {"kind": "mou", "title_en": "MoU with the Corruption Eradication Commission",
                "title_zh_hant": "廉政公署與印尼滅貪署合作諒解備忘錄", "areas": ["investigation", "training"],
                "parties": [OrganisationFactory().pk, OrganisationFactory().pk], "notice_days": "90"}


class TestAgreementApi(ApiMatrix):
    endpoint = "/api/agreements/agreements/"
    factory = AgreementFactory

    def payload(self):
        return {"kind": "mou", "title_en": "MoU with the ACC", "title_zh_hant": "馬爾代夫合作諒解備忘錄",
                "organisations": [OrganisationFactory().pk, OrganisationFactory().pk], "areas": ["prevention"]}


class TestActionApi(ApiMatrix):
    endpoint = "/api/agreements/actions/"
    factory = FollowUpActionFactory

    def payload(self):
        return {"agreement": AgreementFactory().pk, "title_en": "Nominate trainers", "due_date": "2025-01-31"}


@pytest.mark.django_db
def test_add_page_records_an_agreement_signed_earlier(client_as):
    a, b = OrganisationFactory(), OrganisationFactory()
    response = client_as("officer").post("/agreements/agreements/add/", {
        "kind": "mou", "title_en": "Earlier MoU", "parties": [a.pk, b.pk], "already_signed": "on",
        "signed_date": "2019-06-01", "term_months": "60"})
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.status == "signed" and agreement.expiry_date.isoformat() == "2024-06-01"


@pytest.mark.django_db
@pytest.mark.parametrize("bad, message", [
    ({"parties": "one"}, "at least two parties"),
    ({"signed_date": "2024-05-22", "expiry_date": "2024-05-01", "already_signed": "on"},
     "expiry date is before the date of signature"),
    ({"title_en": "<b>x</b>"}, "HTML or script is not allowed"),
])
def test_bad_input_on_the_form_gets_a_message_and_writes_nothing(client_as, bad, message):
    a, b = OrganisationFactory(), OrganisationFactory()
    data = {"kind": "mou", "title_en": "MoU", "parties": [a.pk, b.pk], **bad}
    if data["parties"] == "one":
        data["parties"] = [a.pk]
    response = client_as("officer").post("/agreements/agreements/add/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_moves_on_the_page_allowed_and_refused(client_as):
    agreement = AgreementFactory(status="approved")
    client = client_as("officer")
    url = f"/agreements/agreements/{agreement.pk}/move/"
    assert 'name="version" value="1"' in client.get(agreement.get_absolute_url()).content.decode()
    refused = client.post(url, {"status": "expired", "version": 1}, follow=True)
    assert "cannot move to" in refused.content.decode()
    without_version = client.post(url, {"status": "signed", "on": "2024-09-11"}, follow=True)
    assert "does not say which version" in without_version.content.decode()
    client.post(url, {"status": "signed", "on": "2024-09-11", "version": 1})
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.signed_date.isoformat() == "2024-09-11"
    stale = client.post(url, {"status": "terminated", "on": "2024-10-01", "reason": "x", "version": 1}, follow=True)
    assert "changed this record after you opened it" in stale.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    assert client_as("viewer").post(url, {"status": "expiring", "version": 2}).status_code == 403
    history = client.get(f"/agreements/agreements/{agreement.pk}/history/").content.decode()
    assert "Approved for signing → Signed (in force)" in history


@pytest.mark.django_db
def test_api_move_allowed_and_refused():
    agreement = AgreementFactory()
    client = api_client("officer")
    url = f"/api/agreements/agreements/{agreement.pk}/move/"
    assert client.post(url, {"status": "negotiation"}, format="json").status_code == 428
    assert client.post(url, {"status": "signed", "on": "2024-05-22"}, format="json",
                       HTTP_IF_MATCH='"1"').status_code == 400
    moved = client.post(url, {"status": "negotiation"}, format="json", HTTP_IF_MATCH='"1"')
    assert moved.status_code == 200 and moved.json()["status"] == "negotiation" and moved["ETag"] == '"2"'
    assert changes_of(agreement, "update").get().source == "api"
    assert client.post(url, {"status": "approved"}, format="json", HTTP_IF_MATCH='"1"').status_code == 412
    assert api_client("viewer").post(url, {"status": "approved"}, format="json",
                                     HTTP_IF_MATCH='"2"').status_code == 403
    assert api_client("none").post(url, {"status": "approved"}, format="json",
                                   HTTP_IF_MATCH='"2"').status_code == 404


@pytest.mark.django_db
def test_api_refuses_a_party_that_is_not_an_organisation_and_status_edits():
    client = api_client("officer")
    response = client.post("/api/agreements/agreements/", {
        "kind": "mou", "title_en": "x", "organisations": [OrganisationFactory().pk, 987654]}, format="json")
    assert response.status_code == 400 and "organisations" in response.json()
    one = client.post("/api/agreements/agreements/", {
        "kind": "mou", "title_en": "x", "organisations": [OrganisationFactory().pk]}, format="json")
    assert one.status_code == 400 and "at least two parties" in str(one.json())
    agreement = AgreementFactory()
    client.patch(f"/api/agreements/agreements/{agreement.pk}/", {"status": "signed"}, format="json",
                 HTTP_IF_MATCH='"1"')
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert not Agreement.objects.exclude(pk=agreement.pk).exists()


@pytest.mark.django_db
def test_api_nests_parties():
    kpk = OrganisationFactory(name_en="Corruption Eradication Commission of Indonesia")
    agreement = AgreementFactory(parties=[kpk, OrganisationFactory()])
    body = api_client("viewer").get(f"/api/agreements/agreements/{agreement.pk}/").json()
    assert body["parties"][0]["name_en"] == "Corruption Eradication Commission of Indonesia"
    assert "organisations" not in body


@pytest.mark.django_db
def test_export_has_both_languages_and_the_parties(client_as):
    a = OrganisationFactory(name_en="Anti-Corruption Commission of Maldives")
    SignedAgreementFactory(title_en="MoU with the ACC", title_zh_hant="馬爾代夫合作諒解備忘錄",
                           parties=[a, OrganisationFactory()])
    client = client_as("viewer")
    xlsx = client.get("/agreements/agreements/", {"export": "xlsx"})
    header, *rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.values)
    row = dict(zip(header, rows[0], strict=True))
    assert row["Title (English)"] == "MoU with the ACC" and row["Title (Chinese)"] == "馬爾代夫合作諒解備忘錄"
    assert "Anti-Corruption Commission of Maldives" in row["parties"] and row["signed on"] == "2024-05-22"
    text = b"".join(client.get("/agreements/agreements/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 2


@pytest.mark.django_db
def test_my_actions_and_action_done(client_as, user_for):
    from django.test import Client

    user = user_for("officer")
    client = Client()
    client.force_login(user)
    action = FollowUpActionFactory(owner=user, title_en="Exchange contact points")
    FollowUpActionFactory(title_en="Somebody else's")
    page = client.get("/agreements/actions/mine/").content.decode()
    assert "Exchange contact points" in page and "Somebody else" not in page
    assert f'name="version" value="{action.version}"' in page
    client.post(f"/agreements/actions/{action.pk}/status/", {"status": "done", "next": "/agreements/actions/mine/",
                                                             "version": action.version})
    action.refresh_from_db()
    assert action.status == "done"
    assert client.get("/agreements/actions/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("next_page, lands_on", [
    ("/agreements/actions/mine/", "/agreements/actions/mine/"),
    ("//attacker.example/", None),
    ("https://attacker.example/", None),
    ("javascript:alert(1)", None),
])
def test_an_action_goes_back_only_to_a_page_of_this_site(client_as, next_page, lands_on):
    action = FollowUpActionFactory()
    response = client_as("officer").post(f"/agreements/actions/{action.pk}/status/",
                                         {"status": "done", "next": next_page})
    assert response["Location"] == (lands_on or action.agreement.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["finished", "", "done\x00"])
def test_an_unknown_action_status_is_refused_with_a_message(client_as, status):
    action = FollowUpActionFactory()
    response = client_as("officer").post(f"/agreements/actions/{action.pk}/status/", {"status": status},
                                         follow=True)
    assert "Status: " in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open" and not changes_of(action, "update").exists()


@pytest.mark.django_db
def test_a_move_with_a_bad_date_names_the_field(client_as):
    agreement = AgreementFactory(status="approved")
    response = client_as("officer").post(f"/agreements/agreements/{agreement.pk}/move/",
                                         {"status": "signed", "on": "22/05/2024"}, follow=True)
    assert "Date: Enter a valid date." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "approved"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/agreements/agreements/?per_page=500", "/agreements/actions/?per_page=500",
                                 "/agreements/coverage/", "/agreements/reminders/"])
def test_list_query_count_does_not_grow_with_rows(client_as, url):
    import datetime

    from django.utils import timezone

    client = client_as("viewer")
    soon = timezone.localdate() + datetime.timedelta(days=20)

    def add(n):
        for _ in range(n):
            agreement = SignedAgreementFactory(expiry_date=soon)
            FollowUpActionFactory(agreement=agreement, due_date=datetime.date(2020, 1, 1))

    add(10)
    small = _queries(client, url)
    add(490)
    assert _queries(client, url) == small
    print(f"queries {url}: {small}")


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_parties_documents_actions(client_as):
    client = client_as("officer")
    agreement = AgreementFactory()

    def add(n):
        for _ in range(n):
            AgreementParty.objects.create(agreement=agreement, organisation=OrganisationFactory())
            revision = AgreementDocument.objects.filter(agreement=agreement).count() + 1
            AgreementDocument.objects.create(agreement=agreement, kind="other", revision=revision, file="x.pdf",
                                             original_name="x.pdf", content_type="application/pdf", size=10)
            FollowUpAction.objects.create(agreement=agreement, title_en="Action")

    add(10)
    small = _queries(client, agreement.get_absolute_url())
    add(490)
    assert _queries(client, agreement.get_absolute_url()) == small
    print(f"queries detail: {small}")


@pytest.mark.django_db
def test_a_party_is_edited_with_its_agreement_version(client_as):
    from liaison.partners.tests.factories import ContactFactory

    agreement = AgreementFactory()
    party, signatory = agreement.party_rows.first(), ContactFactory()
    client, url = client_as("officer"), f"/agreements/parties/{agreement.party_rows.first().pk}/edit/"
    assert f'name="version" value="{agreement.version}"' in client.get(url).content.decode()
    data = {"signatory": signatory.pk, "signatory_title_en": "Commissioner"}
    assert "does not say which version" in client.post(url, data).content.decode()
    assert client.post(url, {**data, "version": agreement.version}).status_code == 302
    party.refresh_from_db()
    assert party.signatory == signatory and Agreement.objects.get().version == agreement.version + 1
    stale = client.post(url, {**data, "signatory_title_en": "Deputy", "version": agreement.version})
    assert "changed this record after you opened it" in stale.content.decode()
    party.refresh_from_db()
    assert party.signatory_title_en == "Commissioner"
