"""Synthetic delegations and missions for the bench: a year is about 130 delegations (with their programme and, for
some, their list of visitors), 25 missions (with follow-up actions) and 3 joint projects, spread over the last
three years and the next one."""

import datetime

from django.utils import timezone

from liaison.core.models import Jurisdiction
from liaison.core.synth import Synth
from liaison.partners.models import Organisation

from .choices import DelegationCategory, DelegationStatus, MissionCapacity, MissionPurpose, ProgrammeKind
from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)

DELEGATIONS_PER_YEAR = 130
MISSIONS_PER_YEAR = 25
PROJECTS_PER_YEAR = 3
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
    missions = synth.bulk(Mission, [_mission(synth) for _n in range(synth.count(MISSIONS_PER_YEAR))])
    _destinations(synth, jurisdictions)
    officers = synth.officers()
    synth.bulk(MissionAction, [
        MissionAction(mission=m, title_en="Send the mission report", title_zh_hant="提交外訪報告",
                      owner=synth.rng.choice(officers), due_date=m.end_date + datetime.timedelta(days=30))
        for m in missions[::2]])
    _projects(synth, organisations, delegations, missions)


def _projects(synth: Synth, organisations, delegations, missions) -> None:
    """A few joint projects a year, each with partners, milestones, an output and the visits that served it."""
    projects = synth.bulk(JointProject, [
        JointProject(title_en="Joint project on integrity", title_zh_hant="廉潔合作項目", start_date=synth.day(3),
                     coordinating_body=synth.skewed(organisations) if organisations else None)
        for _n in range(synth.count(PROJECTS_PER_YEAR))])
    partners = []
    for project in projects:
        for organisation in dict.fromkeys(synth.rng.sample(organisations, min(3, len(organisations)))):
            partners.append(ProjectPartner(project=project, organisation=organisation, role_en="Partner",
                                           role_zh_hant="合作夥伴"))
    synth.bulk(ProjectPartner, partners)
    synth.bulk(Milestone, [Milestone(project=p, date=p.start_date + datetime.timedelta(days=180),
                                     title_en="Draft agreed", title_zh_hant="議定初稿") for p in projects])
    synth.bulk(ProjectOutput, [ProjectOutput(project=p, title_en="Guide", title_zh_hant="指南") for p in projects])
    synth.bulk(JointProject.delegations.through, [JointProject.delegations.through(
        jointproject=p, delegation=synth.rng.choice(delegations)) for p in projects])
    synth.bulk(JointProject.missions.through, [JointProject.missions.through(
        jointproject=p, mission=synth.rng.choice(missions)) for p in projects])


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
