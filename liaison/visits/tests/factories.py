"""Factories of the delegations area (test fixtures only; application code writes through services).

A mission comes with a stored report: set MEDIA_ROOT to a temporary folder in the test."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from liaison.core.models import Jurisdiction
from liaison.partners.tests.factories import OrganisationFactory
from liaison.visits.choices import DelegationCategory, DelegationStatus, MissionPurpose, ProgrammeKind
from liaison.visits.models import (
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

VISIT_DAY = datetime.date(2024, 6, 3)  # a Monday


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Delegation {n}")
    title_zh_hant = factory.Sequence(lambda n: f"訪問團{n}")
    category = DelegationCategory.GOVERNMENT
    declared_size = 12
    status = DelegationStatus.APPROVED
    start_date = VISIT_DAY
    end_date = VISIT_DAY + datetime.timedelta(days=2)
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.filter(code="SG").first())

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted if extracted is not None else [OrganisationFactory()])


def _at(hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(VISIT_DAY, datetime.time(hour)))


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    delegation = factory.SubFactory(DelegationFactory)
    kind = ProgrammeKind.BRIEFING
    title_en = factory.Sequence(lambda n: f"Briefing {n}")
    title_zh_hant = factory.Sequence(lambda n: f"簡介會{n}")
    start = factory.LazyFunction(lambda: _at(10))
    end = factory.LazyFunction(lambda: _at(11))


class VisitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visitor

    delegation = factory.SubFactory(DelegationFactory)
    name_en = factory.Sequence(lambda n: f"Visitor {n}")
    name_zh_hant = factory.Sequence(lambda n: f"訪客{n}")
    position_en = "Director"


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Mission {n}")
    title_zh_hant = factory.Sequence(lambda n: f"外訪{n}")
    purpose = MissionPurpose.CONFERENCE
    start_date = datetime.date(2024, 10, 1)
    end_date = datetime.date(2024, 10, 4)
    report = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7\n%%EOF\n", name="report.pdf"))

    @factory.post_generation
    def destinations(self, create, extracted, **kwargs):
        if create:
            self.destinations.set(extracted if extracted is not None else Jurisdiction.objects.filter(code="KZ"))

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted if extracted is not None else [OrganisationFactory()])


class MissionActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionAction

    mission = factory.SubFactory(MissionFactory)
    title_en = factory.Sequence(lambda n: f"Follow up {n}")
    due_date = datetime.date(2024, 12, 1)


class JointProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointProject
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Joint project {n}")
    title_zh_hant = factory.Sequence(lambda n: f"合作項目{n}")
    start_date = datetime.date(2024, 1, 15)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create:
            for organisation in extracted if extracted is not None else [OrganisationFactory()]:
                ProjectPartner.objects.create(project=self, organisation=organisation, role_en="Partner")


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(JointProjectFactory, partners=[])
    organisation = factory.SubFactory(OrganisationFactory)
    role_en = "Co-author"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(JointProjectFactory)
    date = datetime.date(2024, 6, 30)
    title_en = factory.Sequence(lambda n: f"Milestone {n}")


class ProjectOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectOutput

    project = factory.SubFactory(JointProjectFactory)
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    title_zh_hant = factory.Sequence(lambda n: f"指南{n}")
