"""An agreement's history reads like its page, in the reader's language: labels, yes/no, names, file names."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.agreements import services
from liaison.agreements.choices import AgreementStatus as S
from liaison.core.models import ChangeRecord
from liaison.core.testing import make_user
from liaison.core.tests.test_translations import TextNodes
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def history_texts(client, agreement, language) -> str:
    """The visible texts of the history page, one a line (an English page: its text, all marked English)."""
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: language})
    page = client.get(f"{agreement.get_absolute_url()}history/").content.decode()
    parser = TextNodes()
    parser.feed(page.replace(' lang="en"', "") if language == "en" else page)
    return "\n".join(parser.texts)


@pytest.fixture
def agreement():
    user = make_user("officer")
    party = OrganisationFactory(name_en="Corruption Eradication Commission", name_zh_hant="肅貪委員會")
    created = services.create_agreement(user, {
        "kind": "mou", "title_en": "MoU with the KPK", "title_zh_hant": "與肅貪委員會的合作諒解備忘錄",
        "parties": [party, OrganisationFactory()], "areas": ["investigation", "training"]})
    moved = services.move(user, created, S.NEGOTIATION)
    moved = services.update_agreement(user, moved, {"auto_renew": True})
    services.add_document(user, moved, {"kind": "signed", "file": SimpleUploadedFile("Signed MoU.pdf", PDF)})
    return moved


def test_a_chinese_reader_sees_labels_names_and_messages_in_chinese(client_as, agreement):
    texts = history_texts(client_as("viewer"), agreement, "zh-hant")
    assert "狀況：草擬中 → 磋商中" in texts
    assert "調查及資訊交流、培訓及能力建設" in texts and "合作諒解備忘錄" in texts and "肅貪委員會" in texts
    assert "是" in texts.split("\n") and "Signed_MoU.pdf" in texts
    for raw in ("True", "False", "investigation", "negotiation", "['", "agreements/", "Status:", "Corruption"):
        assert raw not in texts


def test_an_english_reader_sees_the_same_facts_in_english(client_as, agreement):
    texts = history_texts(client_as("viewer"), agreement, "en")
    assert "Status: Draft → Under negotiation" in texts
    assert "Investigation and information exchange, Training and capacity building" in texts
    assert "yes" in texts.split("\n") and "Corruption Eradication Commission" in texts


def older_record(agreement, message) -> ChangeRecord:
    """A change record as versions before the facts wrote it: the sentence itself, and no names kept."""
    return ChangeRecord.objects.create(
        user_name="someone", source="web", action="update", content_type=ContentType.objects.get_for_model(agreement),
        object_id=agreement.pk, object_repr="MoU with the KPK", before={"status": "signed"},
        after={"status": "expiring"}, message=message)


def test_a_message_stored_as_a_sentence_by_an_older_version_reads_in_chinese(client_as, agreement):
    older_record(agreement, "Status: Signed (in force) → Expiring. Within the notice period of 90 days.")
    older_record(agreement, "Typed by hand, not one of ours")
    texts = history_texts(client_as("viewer"), agreement, "zh-hant")
    assert "狀況：已簽署（生效中） → 即將屆滿 已進入 90 日的通知期。" in texts
    assert "Typed by hand, not one of ours" in texts  # shown as stored
    assert "Within the notice period" not in texts and "Status:" not in texts
    assert "與肅貪委員會的合作諒解備忘錄" in texts and "MoU with the KPK" not in texts  # named as it is now
