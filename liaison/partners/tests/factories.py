"""Factories of the partner registry (test fixtures only; application code writes through services)."""

import factory

from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Contact, Organisation, Position


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ANTI_CORRUPTION_AGENCY
    name_en = factory.Sequence(lambda n: f"Anti-Corruption Agency {n}")
    name_zh_hant = factory.Sequence(lambda n: f"反貪機構{n}")
    acronym_en = factory.Sequence(lambda n: f"ACA{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name_en = factory.Sequence(lambda n: f"Officer {n}")
    name_zh_hant = factory.Sequence(lambda n: f"主任{n}")
    emails = factory.Sequence(lambda n: [f"officer{n}@example.org"])


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title_en = "Director"
    title_zh_hant = "處長"
