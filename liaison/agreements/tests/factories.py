"""Factories of the agreements register (test fixtures only; application code writes through services)."""

import datetime

import factory
from django.core.files.base import ContentFile

from liaison.agreements.choices import AgreementKind, AgreementStatus
from liaison.agreements.models import Agreement, AgreementDocument, AgreementParty, FollowUpAction
from liaison.partners.tests.factories import OrganisationFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    kind = AgreementKind.MOU
    status = AgreementStatus.DRAFT
    title_en = factory.Sequence(lambda n: f"Memorandum of Understanding {n}")
    title_zh_hant = factory.Sequence(lambda n: f"合作諒解備忘錄{n}")
    areas = factory.LazyFunction(lambda: ["investigation"])

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if not create:
            return
        for organisation in extracted if extracted is not None else [OrganisationFactory(), OrganisationFactory()]:
            AgreementParty.objects.create(agreement=self, organisation=organisation)


class SignedAgreementFactory(AgreementFactory):
    status = AgreementStatus.SIGNED
    signed_date = datetime.date(2024, 5, 22)


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    agreement = factory.SubFactory(AgreementFactory)
    title_en = factory.Sequence(lambda n: f"Send the training calendar {n}")
    title_zh_hant = factory.Sequence(lambda n: f"寄送培訓日程{n}")
    due_date = datetime.date(2024, 7, 1)


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory, parties=[])
    organisation = factory.SubFactory(OrganisationFactory)


class AgreementDocumentFactory(factory.django.DjangoModelFactory):
    """A stored PDF (set MEDIA_ROOT to a temporary folder in the test)."""

    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    kind = "signed"
    revision = factory.Sequence(lambda n: n + 1)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7\n%%EOF\n", name="signed.pdf"))
    original_name = "signed.pdf"
    content_type = "application/pdf"
    size = 15
