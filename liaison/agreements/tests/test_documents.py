"""Documents: type, size and name checks, versions, and the permission check before any byte is served."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from liaison.agreements import documents, services
from liaison.agreements.models import AgreementDocument
from liaison.core.testing import api_client, changes_of, make_user

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
MZ = b"MZ\x90\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content, kind="signed"):
    return {"kind": kind, "file": SimpleUploadedFile(name, content)}


def test_versions_count_per_kind_and_files_are_stored_under_random_names(media_root):
    user = make_user("officer")
    agreement = AgreementFactory()
    first = services.add_document(user, agreement, upload("Signed MoU.pdf", PDF))
    second = services.add_document(user, agreement, upload("signed-mou-v2.pdf", PDF))
    english = services.add_document(user, agreement, upload("text.docx", docx_bytes(), kind="text_en"))
    image = services.add_document(user, agreement, upload("ceremony.png", PNG, kind="other"))
    assert (first.revision, second.revision, english.revision, image.revision) == (1, 2, 1, 1)
    assert first.original_name == "Signed_MoU.pdf" and first.content_type == "application/pdf"
    assert "Signed" not in first.file.name and first.file.name.startswith(f"agreements/{agreement.pk}/")
    assert (media_root / first.file.name).read_bytes() == PDF
    assert changes_of(first, "create").get().related_object_id == agreement.pk


@pytest.mark.parametrize("name, content, message", [
    ("report.pdf", ELF, "its content is not a PDF file"),
    ("setup.pdf", MZ, "its content is not a PDF file"),
    ("text.docx", b"PK\x03\x04not really a zip", "its content is not a Word (DOCX) file"),
    ("photo.png", PDF, "its content is not a PNG file"),
    ("tool.exe", MZ, "not an accepted kind of file"),
    ("notes.html", b"<html>", "not an accepted kind of file"),
    # Django's upload handling already cuts the path to "passwd"; that has no accepted extension.
    ("../../etc/passwd", b"root:x:0:0", "“passwd” is not an accepted kind of file"),
    ("..\\..\\evil.pdf", PDF, "contains a folder path"),
    ("empty.pdf", b"", "is empty"),
])
def test_bad_uploads_are_refused_and_nothing_is_stored(media_root, name, content, message):
    agreement = AgreementFactory()
    with pytest.raises(ValidationError, match=re.escape(message)):
        services.add_document(make_user("officer"), agreement, upload(name, content))
    assert not AgreementDocument.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*")) if media_root.exists() else True


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", "a\\b.pdf", "x\x00.pdf", ""])
def test_file_names_with_paths_are_refused_by_the_check_itself(name):
    with pytest.raises(ValidationError, match="folder path or is empty"):
        documents.clean_name(name)


def test_file_names_are_sanitised():
    assert documents.clean_name("MoU (signed) 2024.PDF") == "MoU_signed_2024.pdf"
    assert documents.clean_name("合作諒解備忘錄.pdf") == "合作諒解備忘錄.pdf"


def test_a_file_over_the_limit_is_refused(settings):
    settings.LIAISON_DOCUMENT_MAX_BYTES = 1024
    agreement = AgreementFactory()
    with pytest.raises(ValidationError, match="documents may be at most 1.0"):
        services.add_document(make_user("officer"), agreement, upload("big.pdf", PDF + b"0" * 2000))
    assert not AgreementDocument.objects.exists()


def test_upload_page_refuses_an_executable_renamed_pdf(client_as):
    agreement = AgreementFactory()
    client = client_as("officer")
    response = client.post(f"/agreements/agreements/{agreement.pk}/documents/add/",
                           {"kind": "signed", "upload": SimpleUploadedFile("mou.pdf", ELF)}, follow=True)
    assert "its content is not a PDF file" in response.content.decode()
    assert not AgreementDocument.objects.exists()
    response = client.post(f"/agreements/agreements/{agreement.pk}/documents/add/",
                           {"kind": "signed", "upload": SimpleUploadedFile("mou.pdf", PDF)}, follow=True)
    assert AgreementDocument.objects.count() == 1 and "mou.pdf" in response.content.decode()


def test_download_needs_permission_and_a_hidden_document_is_404(client_as):
    agreement = AgreementFactory()
    document = services.add_document(make_user("officer"), agreement, upload("Signed MoU.pdf", PDF))
    url = f"/agreements/documents/{document.pk}/download/"
    response = client_as("viewer").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="Signed_MoU.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_as("none").get(url).status_code == 404
    assert client_as("anonymous").get(url).status_code == 302
    assert client_as("viewer").get("/agreements/documents/999999/download/").status_code == 404


def test_api_download_and_upload():
    agreement = AgreementFactory()
    document = services.add_document(make_user("officer"), agreement, upload("mou.pdf", PDF))
    url = f"/api/agreements/documents/{document.pk}/download/"
    response = api_client("viewer").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert api_client("none").get(url).status_code in (403, 404)
    assert api_client("anonymous").get(url).status_code == 401
    listed = api_client("viewer").get("/api/agreements/documents/").json()["results"][0]
    assert listed["download_url"].endswith(url) and listed["revision"] == 1
    officer = api_client("officer")
    created = officer.post("/api/agreements/documents/", {
        "agreement": agreement.pk, "kind": "signed", "file": SimpleUploadedFile("mou.pdf", PDF)}, format="multipart")
    assert created.status_code == 201 and created.json()["revision"] == 2
    refused = officer.post("/api/agreements/documents/", {
        "agreement": agreement.pk, "kind": "signed", "file": SimpleUploadedFile("mou.pdf", ELF)}, format="multipart")
    assert refused.status_code == 400 and "not a PDF file" in str(refused.json())
    assert api_client("viewer").post("/api/agreements/documents/", {
        "agreement": agreement.pk, "kind": "signed", "file": SimpleUploadedFile("mou.pdf", PDF)},
        format="multipart").status_code == 403


def test_deleting_a_document_removes_its_file(client_as, media_root, django_capture_on_commit_callbacks):
    agreement = AgreementFactory()
    document = services.add_document(make_user("officer"), agreement, upload("mou.pdf", PDF))
    stored, url = media_root / document.file.name, f"/agreements/documents/{document.pk}/delete/"
    assert client_as("officer").post(url).status_code == 403 and stored.exists()  # sees it, may not delete it
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("manager").post(url)
    assert response.status_code == 302 and not stored.exists()
    assert client_as("manager").post(url).status_code == 404
