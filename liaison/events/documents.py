"""An event's printed documents, each made by a background job: name badges (A6, or four to an A4 page) and
certificates of completion of a training course, bilingual, as PDF (core.pdf: WeasyPrint with Noto CJK)."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from liaison.core import exports, jobs, pdf
from liaison.core.access import restrict
from liaison.core.reporting import year_text
from liaison.partners.models import Organisation

from .choices import EventKind, ParticipantRole, RegistrationStatus
from .models import Event, Registration

# Who gets a badge: the participants expected at the event.
BADGE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED)
# Who gets a certificate: the participants who attended the course to its end.
CERTIFICATE_STATUSES = (RegistrationStatus.ATTENDED,)
# The documents are for the staff who run the event (who may change it and its registrations): the participant
# list is theirs only.
STAFF_PERMISSION = "events.change_registration"
A6, A4 = "a6", "a4"
LAYOUTS = ((A6, gettext_lazy("A6, one badge a page")), (A4, gettext_lazy("A4, four badges a page")))
BADGES_PER_A4 = 4
ZH_NUMBERS = "零一二三四五六七八九十"


def may_print(user) -> bool:
    """Whether the user is among the staff who run events and print their documents (pages fetch the event for
    "change" through the chokepoint besides)."""
    return user.is_active and user.has_perms(("events.change_event", STAFF_PERMISSION))


def _both(record, field: str) -> tuple[str, str]:
    return (getattr(record, f"{field}_en", "") or "", getattr(record, f"{field}_zh_hant", "") or "")


def _in_both(value) -> tuple[str, str]:
    """A translated label (a choice) as English and Chinese text."""
    texts = []
    for language in ("en", "zh-hant"):
        with translation.override(language):
            texts.append(str(value))
    return texts[0], texts[1]


def zh_number(number: int) -> str:
    """1–99 in Chinese numerals (a month or a day): 五, 十, 二十八."""
    tens, units = divmod(number, 10)
    return (f"{ZH_NUMBERS[tens] if tens > 1 else ''}{'十' if tens else ''}{ZH_NUMBERS[units] if units else ''}"
            or ZH_NUMBERS[0])


def zh_date(day: datetime.date) -> str:
    """A date as Chinese running text writes it: 二零二四年十月二十八日."""
    with translation.override("zh-hant"):
        year = year_text(day.year)
    return f"{year}年{zh_number(day.month)}月{zh_number(day.day)}日"


def participants(user, event: Event, statuses, roles=()) -> list[dict]:
    """The event's participants in those statuses (and roles), as the user may see them, each in both languages;
    those whose personal details were purged have no name left to print."""
    registrations = restrict(Registration.objects.all(), user).filter(event=event, status__in=statuses, purged=False)
    if roles:
        registrations = registrations.filter(role__in=roles)
    registrations = list(registrations.order_by("organisation__name_en", "name_en", "name_zh_hant", "pk"))
    organisations = restrict(Organisation.objects.all(), user).in_bulk(
        {r.organisation_id for r in registrations if r.organisation_id})
    roles_in_both = {value: _in_both(label) for value, label in ParticipantRole.choices}
    people = []
    for registration in registrations:
        organisation = organisations.get(registration.organisation_id)
        names = _both(organisation, "name") if organisation else (registration.proposed_organisation, "")
        people.append({
            "name_en": registration.name_en, "name_zh_hant": registration.name_zh_hant,
            "organisation_en": names[0], "organisation_zh_hant": names[1] if names[1] != names[0] else "",
            "role_en": roles_in_both[registration.role][0], "role_zh_hant": roles_in_both[registration.role][1],
            "role": registration.role,
        })
    return people


def _event_context(event: Event) -> dict:
    title_en, title_zh_hant = _both(event, "title")
    city_en, city_zh_hant = _both(event, "city")
    return {"event": event, "title_en": title_en, "title_zh_hant": title_zh_hant, "city_en": city_en,
            "city_zh_hant": city_zh_hant}


def badges_pdf(event: Event, people: list[dict], layout: str) -> bytes:
    """One badge a person: A6 pages, or A4 pages of four (2 × 2, cut along the dotted lines)."""
    if layout == A4:
        pages = [people[i:i + BADGES_PER_A4] for i in range(0, len(people), BADGES_PER_A4)]
    else:
        pages = [[person] for person in people]
    return pdf.render("events/badges.html", {**_event_context(event), "pages": pages, "layout": layout})


def en_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _dates(event: Event) -> tuple[str, str]:
    """The course's dates in English and in Chinese running text."""
    start, end = event.start_date, event.end_date
    if start == end:
        return en_date(start), zh_date(start)
    return f"{en_date(start)} – {en_date(end)}", f"{zh_date(start)}至{zh_date(end)}"


def certificates_pdf(event: Event, people: list[dict]) -> bytes:
    """One A4 landscape certificate a person who completed the course."""
    dates_en, dates_zh_hant = _dates(event)
    return pdf.render("events/certificates.html", {**_event_context(event), "people": people,
                                                    "dates_en": dates_en, "dates_zh_hant": dates_zh_hant})


def _event_for(run: jobs.Run, event_id: int) -> tuple[object, Event]:
    """The job's owner and the event, as long as the owner may still print its documents."""
    user = run.job.owner
    event = restrict(Event.objects.all(), user, "change").filter(pk=event_id).first() if user is not None else None
    if event is None or not may_print(user):
        raise jobs.JobFailed(_("You may not print the documents of this event."))
    return user, event


def _keep(run: jobs.Run, content: bytes, download_name: str, count: int, message: str) -> jobs.Outcome:
    run.job.result = exports.keep_file(ContentFile(content), "pdf", download_name)
    run.progress(count, count)
    return jobs.Outcome(message, reverse("core:job_file", args=[run.job.pk]), run.job.result)


@jobs.job
def print_badges(run: jobs.Run, event_id: int, layout: str = A6, roles: list | None = None) -> jobs.Outcome:
    """The badges of an event's registered and confirmed participants (of the chosen roles) as one PDF."""
    user, event = _event_for(run, event_id)
    people = participants(user, event, BADGE_STATUSES, roles or ())
    if not people:
        raise jobs.JobFailed(_("No registered or confirmed participant of these roles: there is no badge to print."),
                             url=event.get_absolute_url())
    run.progress(0, len(people), _("Laying out the badges."))
    content = badges_pdf(event, people, layout)
    message = ngettext("{count} badge printed.", "{count} badges printed.", len(people)).format(count=len(people))
    return _keep(run, content, f"badges-{event.pk}-{layout}.pdf", len(people), message)


@jobs.job
def print_certificates(run: jobs.Run, event_id: int) -> jobs.Outcome:
    """The certificates of completion of a training course, one page a participant who attended it."""
    user, event = _event_for(run, event_id)
    if event.kind != EventKind.COURSE:
        raise jobs.JobFailed(_("Certificates of completion are printed for training courses only."),
                             url=event.get_absolute_url())
    people = participants(user, event, CERTIFICATE_STATUSES)
    if not people:
        raise jobs.JobFailed(_("No participant has attended the course yet: mark who attended, then print the "
                               "certificates."), url=event.get_absolute_url())
    run.progress(0, len(people), _("Laying out the certificates."))
    content = certificates_pdf(event, people)
    message = ngettext("{count} certificate printed.", "{count} certificates printed.",
                       len(people)).format(count=len(people))
    return _keep(run, content, f"certificates-{event.pk}.pdf", len(people), message)

