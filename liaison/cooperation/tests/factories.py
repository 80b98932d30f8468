"""Factories of the operational-liaison area (test fixtures only; application code writes through services).

A compartment made here has every active user as a member, so that the project-wide access matrix (whose users
exist before its records) tests the role rule; need-to-know is tested on its own in test_need_to_know.py.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from liaison.cooperation.choices import Channel, Direction, Marking, RequestType
from liaison.cooperation.models import (
    AccessEntry,
    AssistanceRequest,
    Attachment,
    AuditLink,
    Compartment,
    Correspondence,
    MarkingChange,
)


class CompartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compartment
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Case team {n}")
    name_zh_hant = factory.Sequence(lambda n: f"專案組{n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create:
            self.members.set(extracted if extracted is not None
                             else get_user_model().objects.filter(is_active=True))


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceRequest

    compartment = factory.SubFactory(CompartmentFactory)
    direction = Direction.OUTGOING
    channel = Channel.CENTRAL_AUTHORITY
    request_type = RequestType.EVIDENCE
    subject_en = factory.Sequence(lambda n: f"Request for bank records {n}")
    subject_zh_hant = factory.Sequence(lambda n: f"銀行紀錄請求{n}")
    our_reference = factory.Sequence(lambda n: f"REF-{n:04d}")
    marking = Marking.AMBER
    effective_marking = Marking.AMBER
    sent_or_received_on = datetime.date(2024, 3, 1)


class CorrespondenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correspondence

    request = factory.SubFactory(AssistanceRequestFactory)
    date = datetime.date(2024, 3, 2)
    direction = Direction.OUTGOING
    summary = "Letter of request sent by the central authority."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    request = factory.SubFactory(AssistanceRequestFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 letter of request", name="letter.pdf"))
    original_name = "letter.pdf"
    content_type = "application/pdf"
    size = 26


class MarkingChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarkingChange

    request = factory.SubFactory(AssistanceRequestFactory)
    from_marking = Marking.RED
    to_marking = Marking.AMBER
    reason = "The counterpart has agreed to a wider circulation."


class AccessEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessEntry

    user_name = "someone"
    kind = "view"
    what = "assistance request #1"


class AuditLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditLink

    position = factory.Sequence(lambda n: 1_000_000 + n)
    source = "access"
    entry_id = factory.Sequence(lambda n: 1_000_000 + n)
    digest = "0" * 64
