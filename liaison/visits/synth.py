"""Synthetic delegations and missions for the bench: a year is about 130 delegations (with their programme and, for
some, their list of visitors) and 25 missions, spread over the last three years and the next one."""

import datetime

from django.utils import timezone

from liaison.core.models import Jurisdiction
from liaison.core.synth import Synth
from liaison.partners.models import Organisation

from .choices import DelegationCategory, DelegationStatus, MissionCapacity, MissionPurpose, ProgrammeKind
from .models import Delegation, Mission, ProgrammeItem, Visitor

DELEGATIONS_PER_YEAR = 130
MISSIONS_PER_YEAR = 25
PROGRAMME = [(ProgrammeKind.BRIEFING, "Briefing on the ICAC's work", "廉署工作簡介"),
             (ProgrammeKind.MEETING, "Exchange with officers", "與人員交流"),
             (ProgrammeKind.SITE_VISIT, "Visit to the ICAC Building", "參觀廉政公署大樓"),
             (ProgrammeKind.MEAL, "Lunch", "午宴")]


def generate(synth: Synth) -> None:
    jurisdictions = list(Jurisdiction.objects.order_by("pk"))
    organisations = list(Organisation.objects.filter(is_own=False).order_by("pk"))
    delegations = synth.bulk(Delegation, [_delegation(synth, jurisdictions) for _n in
                                          range(synth.count(DELEGATIONS_PER_YEAR))])
    links = Delegation.organisations.through
    synth.bulk(links, [links(delegation=d, organisation=synth.skewed(organisations)) for d in delegations
                       if organisations])
    synth.bulk(ProgrammeItem, [item for d in delegations for item in _programme(d)])
    visitors = []
    for delegation in delegations[::4]:
        for _n in range(delegation.listed_visitors):
            name_en, name_zh = synth.person(delegation.jurisdiction.code in ("CN", "MO", "TW", "HK"))
            visitors.append(Visitor(delegation=delegation, name_en=name_en, name_zh_hant=name_zh))
    synth.bulk(Visitor, visitors)
    synth.bulk(Mission, [_mission(synth) for _n in range(synth.count(MISSIONS_PER_YEAR))])
    _destinations(synth, jurisdictions)


def _delegation(synth: Synth, jurisdictions) -> Delegation:
    rng = synth.rng
    jurisdiction = synth.skewed(jurisdictions)
    start = synth.day(3, 1)
    status = DelegationStatus.COMPLETED if start < synth.today else rng.choice(
        [DelegationStatus.REQUESTED, DelegationStatus.APPROVED, DelegationStatus.CONFIRMED])
    size = rng.randint(3, 40)
    return Delegation(
        title_en=f"Delegation from {jurisdiction.name_en}", title_zh_hant=f"{jurisdiction.name_zh_hant}訪問團",
        jurisdiction=jurisdiction, category=rng.choice(DelegationCategory.values), declared_size=size,
        listed_visitors=size if rng.random() < 0.25 else 0, start_date=start,
        end_date=start + datetime.timedelta(days=rng.choice([0, 0, 1, 2])), status=status, is_synthetic=True,
    )


def _programme(delegation: Delegation) -> list[ProgrammeItem]:
    items = []
    for hour, (kind, title_en, title_zh) in enumerate(PROGRAMME, start=9):
        start = timezone.make_aware(datetime.datetime.combine(delegation.start_date, datetime.time(hour)))
        items.append(ProgrammeItem(delegation=delegation, kind=kind, title_en=title_en, title_zh_hant=title_zh,
                                   start=start, end=start + datetime.timedelta(minutes=50)))
    return items


def _mission(synth: Synth) -> Mission:
    start = synth.day(3, 1)
    return Mission(title_en="Mission abroad", title_zh_hant="外訪", purpose=synth.rng.choice(MissionPurpose.values),
                   capacity=synth.rng.choice(MissionCapacity.values), start_date=start,
                   end_date=start + datetime.timedelta(days=synth.rng.randint(1, 5)))


def _destinations(synth: Synth, jurisdictions) -> None:
    links = Mission.destinations.through
    missions = Mission.objects.filter(title_en="Mission abroad", destinations__isnull=True)
    synth.bulk(links, [links(mission=m, jurisdiction=synth.skewed(jurisdictions)) for m in missions])
