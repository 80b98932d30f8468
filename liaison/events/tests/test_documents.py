"""An event's documents, read back as a user gets them: badges and certificates (PDF via pypdf), the participant
list (XLSX via openpyxl), and the import of a participant list (all of it, or nothing)."""

import io
import math

import pytest
from django.conf import settings
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from liaison.core.models import Job
from liaison.core.testing import changes_of, follow_job, hide, run_jobs
from liaison.core.tests.test_translations import leftovers_on
from liaison.events.choices import EventKind, ParticipantRole, RegistrationStatus
from liaison.events.models import Registration
from liaison.partners.tests.factories import OrganisationFactory

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
A6_POINTS = (297.6, 419.5)
A4_POINTS = (595.3, 841.9)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def symposium(count: int = 5):
    """An event with `count` expected participants (some confirmed, two speakers) and one who cancelled."""
    event = EventFactory(title_en="8th ICAC Symposium", title_zh_hant="第八屆廉政公署國際會議")
    organisation = OrganisationFactory(name_en="Independent Commission Against Corruption",
                                       name_zh_hant="廉政公署", acronym_en="ICAC")
    people = [RegistrationFactory(event=event, organisation=organisation, name_en=f"Chan Tai-man {n}",
                                  name_zh_hant=f"陳大文{'一二三四五六七八九十'[n]}",
                                  role=ParticipantRole.SPEAKER if n < 2 else ParticipantRole.DELEGATE,
                                  status=RegistrationStatus.CONFIRMED if n % 2 else RegistrationStatus.REGISTERED)
              for n in range(count)]
    RegistrationFactory(event=event, name_en="Gone Away", status=RegistrationStatus.CANCELLED)
    return event, people


def pdf_of(response) -> PdfReader:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(reader: PdfReader) -> set[str]:
    """The names of the fonts whose program is embedded in the PDF (FontFile2/FontFile3 of their descriptor)."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for each in descendants:
                descriptor = each.get("/FontDescriptor")
                if descriptor and ({"/FontFile2", "/FontFile3"} & set(descriptor.get_object())):
                    names.add(str(each["/BaseFont"]))
    return names


def size_of(page) -> tuple[float, float]:
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


def print_badges(client, event, **data):
    return follow_job(client, client.post(f"/events/events/{event.pk}/badges/", data))


def test_a6_badges_one_a_page_with_both_names_and_the_cjk_font_embedded(client_as):
    event, people = symposium(5)
    reader = pdf_of(print_badges(client_as("officer"), event, layout="a6"))
    assert len(reader.pages) == 5 and {size_of(page) for page in reader.pages} == {A6_POINTS}
    text = text_of(reader)
    for person in people:
        assert person.name_en in text and person.name_zh_hant in text
    assert "Gone Away" not in text
    assert "廉政公署" in text and "Independent Commission Against Corruption" in text
    assert "第八屆廉政公署國際會議" in text and "講者" in text and "Speaker" in text
    fonts = embedded_fonts(reader)
    assert any("Noto" in name and "CJK" in name for name in fonts), fonts
    assert all("+" in name for name in fonts), "the fonts are not subsets"


@pytest.mark.parametrize("count", [4, 5, 9])
def test_a4_badges_four_a_page(client_as, count):
    event, people = symposium(count)
    reader = pdf_of(print_badges(client_as("officer"), event, layout="a4"))
    assert len(reader.pages) == math.ceil(count / 4) and {size_of(page) for page in reader.pages} == {A4_POINTS}
    text = text_of(reader)
    assert all(person.name_zh_hant in text and person.name_en in text for person in people)


def test_badges_of_the_chosen_roles_only(client_as):
    event, people = symposium(5)
    reader = pdf_of(print_badges(client_as("officer"), event, layout="a6", roles=["speaker"]))
    assert len(reader.pages) == 2
    assert "Chan Tai-man 0" in text_of(reader) and "Chan Tai-man 4" not in text_of(reader)


def test_badges_of_nobody_say_so_and_keep_no_file(client_as):
    event, _people = symposium(5)
    page = print_badges(client_as("officer"), event, layout="a6", roles=["media"])
    assert "there is no badge to print" in page.content.decode()
    assert Job.objects.get().status == "failed"


def test_the_job_page_shows_progress_then_hands_over_the_pdf(client_as):
    event, _people = symposium(3)
    client = client_as("officer")
    started = client.post(f"/events/events/{event.pk}/badges/", {"layout": "a4"})
    job = Job.objects.get()
    assert started["Location"] == job.get_absolute_url() and job.status == "queued"
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.message) == ("succeeded", 3, 3, "3 badges printed.")
    assert client.get(job.get_absolute_url()).status_code == 200
    assert len(pdf_of(client.get(job.result_url)).pages) == 1
    assert client_as("manager").get(job.result_url).status_code == 404  # someone else's job


def test_certificates_one_page_each_for_those_who_attended_the_course(client_as):
    course = EventFactory(kind=EventKind.COURSE, title_en="Central Asia Anti-Corruption Course",
                          title_zh_hant="中亞反貪培訓課程", start_date="2024-10-07", end_date="2024-10-11",
                          city_en="Astana", city_zh_hant="阿斯塔納")
    attended = [RegistrationFactory(event=course, name_en=f"Aida Bakirova {n}", name_zh_hant=f"艾達{n}",
                                    status=RegistrationStatus.ATTENDED) for n in range(3)]
    RegistrationFactory(event=course, name_en="Left Early", status=RegistrationStatus.NO_SHOW)
    reader = pdf_of(follow_job(client := client_as("officer"),
                               client.post(f"/events/events/{course.pk}/certificates/")))
    assert len(reader.pages) == 3
    assert {size_of(page) for page in reader.pages} == {(A4_POINTS[1], A4_POINTS[0])}
    text = text_of(reader)
    assert all(p.name_en in text and p.name_zh_hant in text for p in attended) and "Left Early" not in text
    assert "結業證書" in text and "Certificate of Completion" in text and "中亞反貪培訓課程" in text
    assert "二零二四年十月七日至二零二四年十月十一日" in text and "7 October 2024 – 11 October 2024" in text
    assert any("Noto" in name for name in embedded_fonts(reader))


def test_certificates_are_for_training_courses_only(client_as):
    event, _people = symposium(2)
    page = client_as("officer").post(f"/events/events/{event.pk}/certificates/", follow=True)
    assert "for training courses only" in page.content.decode() and not Job.objects.exists()


def test_the_participant_list_xlsx_in_the_readers_language(client_as):
    event, people = symposium(3)
    client = client_as("officer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.get(f"/events/events/{event.pk}/participants.xlsx")
    assert response.status_code == 200 and not Job.objects.exists()
    header, *rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(response.content)).active.rows]
    assert header[:3] == ["名稱（英文）", "名稱（中文）", "機構"] and "職位" in header and "狀況" in header
    assert len(rows) == 4  # the cancelled registration is on the list, with its status
    names = {row[0]: row for row in rows}
    assert names[people[1].name_en][1] == people[1].name_zh_hant
    assert names[people[1].name_en][header.index("職位")] == "講者"
    assert names["Gone Away"][header.index("狀況")] == "已取消"


def test_a_long_participant_list_is_a_job(client_as, settings):
    settings.LIAISON_EXPORT_DIRECT_ROWS = 1
    event, _people = symposium(4)
    client = client_as("officer")
    page = follow_job(client, client.get(f"/events/events/{event.pk}/participants.xlsx", {"status": "confirmed"}))
    rows = list(load_workbook(io.BytesIO(b"".join(page.streaming_content))).active.rows)
    assert len(rows) == 1 + 2 and rows[0][0].value == "Name (English)"


@pytest.mark.parametrize("role, status", [("viewer", 403), ("none", 404), ("anonymous", 302)])
def test_only_the_events_staff_get_its_documents(client_as, role, status):
    event, _people = symposium(2)
    event.kind = EventKind.COURSE
    event.save()
    client = client_as(role)
    base = f"/events/events/{event.pk}"
    answers = [client.post(f"{base}/badges/", {"layout": "a6"}), client.post(f"{base}/certificates/"),
               client.get(f"{base}/participants.xlsx"), client.get(f"{base}/participants/import/"),
               client.get(f"{base}/participants/import/?template=xlsx"),
               client.post(f"{base}/participants/import/", {"file": participant_file([["A B", ""]])})]
    assert [answer.status_code for answer in answers] == [status] * len(answers)
    assert not Job.objects.exists() and Registration.objects.count() == 3
    if role == "viewer":
        page = client.get(f"{base}/").content.decode()
        assert "badges-form" not in page and "participants.xlsx" not in page


def test_the_event_page_offers_the_documents_to_its_staff(client_as):
    event, _people = symposium(1)
    page = client_as("officer").get(f"/events/events/{event.pk}/").content.decode()
    assert "badges-form" in page and "participants.xlsx" in page and "participants/import/" in page
    assert "certificates-form" not in page  # a symposium, not a course


# --- Import of a participant list -------------------------------------------------------------------------------

def participant_file(rows, header=("name_en", "name_zh_hant", "organisation", "role", "email")) -> io.BytesIO:
    workbook = Workbook()
    workbook.active.append(list(header))
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)
    content.name = "participants.xlsx"
    return content


def import_list(client, event, rows, **kwargs):
    return client.post(f"/events/events/{event.pk}/participants/import/",
                       {"file": participant_file(rows, **kwargs)}, follow=True)


def test_the_template_has_every_column_and_the_guide_in_both_languages(client_as):
    event = EventFactory()
    response = client_as("officer").get(f"/events/events/{event.pk}/participants/import/?template=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook.worksheets[0].rows)]
    assert header[:3] == ["name_en", "name_zh_hant", "organisation"] and "visa_letter" in header
    guide = [[cell.value for cell in row] for row in workbook["columns"].rows]
    role = next(row for row in guide if row[0] == "role")
    assert "delegate" in role[2] and "代表" in role[3]


def test_a_list_with_chinese_headers_is_imported_and_logged_as_an_import(client_as):
    event = EventFactory()
    OrganisationFactory(name_en="Independent Commission Against Corruption", name_zh_hant="廉政公署",
                        acronym_en="ICAC")
    rows = [["Chan Tai-man", "陳大文", "ICAC", "講者", "TAI-MAN@example.org"],
            ["", "李小明", "廉政公署", "", ""]]
    page = import_list(client_as("officer"), event, rows,
                       header=("名稱（英文）", "名稱（中文）", "機構", "職位", "電郵"))
    assert "Imported 2 participants." in page.content.decode()
    chan, lee = (Registration.objects.get(event=event, name_zh_hant=name) for name in ("陳大文", "李小明"))
    assert (lee.name_zh_hant, lee.role, lee.organisation.acronym_en) == ("李小明", "delegate", "ICAC")
    assert (chan.role, chan.email, chan.status) == ("speaker", "tai-man@example.org", "registered")
    assert {change.source for registration in (chan, lee) for change in changes_of(registration, "create")} == {
        "import"}


def test_one_bad_row_writes_nothing_and_each_problem_is_named_by_row_and_column(client_as):
    event = EventFactory()
    RegistrationFactory(event=event, email="taken@example.org")
    OrganisationFactory(acronym_en="ICAC")
    rows = [["Good Person", "好人", "ICAC", "delegate", "good@example.org"],
            ["陳大文", "", "Nowhere Agency", "chef", "not-an-address"],
            ["Again", "", "", "", "taken@example.org"],
            ["Twice", "", "", "", "good@example.org"]]
    client = client_as("officer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    page = import_list(client, event, rows).content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    assert "沒有匯入任何參加者" in page
    problems = page[page.index('id="import-problems"'):]
    for row, column in ((3, "name_en"), (3, "organisation"), (3, "role"), (3, "email"), (4, "email"),
                        (5, "email")):
        assert f"<tr><td>{row}</td><td><code>{column}</code>" in problems, (row, column)
    assert "已登記參加此活動" in problems and "Write the name in English letters" not in problems


def test_an_unreadable_file_is_refused_with_a_message(client_as):
    event = EventFactory()
    broken = io.BytesIO(b"not a spreadsheet")
    broken.name = "participants.xlsx"
    page = client_as("officer").post(f"/events/events/{event.pk}/participants/import/", {"file": broken})
    assert page.status_code == 200 and "could not be read" in page.content.decode()
    assert not Registration.objects.exists()


def test_organisations_are_matched_among_those_the_importer_may_see(client_as, monkeypatch):
    event = EventFactory()
    hidden = OrganisationFactory(name_en="Secret Bureau", acronym_en="SB")
    hide(monkeypatch, hidden)
    page = import_list(client_as("officer"), event, [["Chan Tai-man", "", "SB", "", ""]]).content.decode()
    assert "No organisation is called “SB”" in page and not Registration.objects.exists()


def test_the_import_page_in_chinese_shows_no_english_of_ours(client_as):
    event = EventFactory()
    client = client_as("officer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    assert leftovers_on(client, [f"/events/events/{event.pk}/participants/import/",
                                 f"/events/events/{event.pk}/"]) == {}
