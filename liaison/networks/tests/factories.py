"""Factories of networks (test fixtures only; application code writes through services)."""

import datetime

import factory

from liaison.networks.choices import BodyKind, MembershipStatus
from liaison.networks.models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term
from liaison.partners.choices import OrganisationKind
from liaison.partners.tests.factories import OrganisationFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.NETWORK,
                                      name_en=factory.Sequence(lambda n: f"Anti-Corruption Network {n}"),
                                      acronym_en=factory.Sequence(lambda n: f"NET{n}"))
    purpose_en = "Cooperation among anti-corruption authorities"
    purpose_zh_hant = "促進反貪機構合作"
    founded_year = 2006


class MembershipCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipCategory

    network = factory.SubFactory(NetworkFactory)
    name_en = factory.Sequence(lambda n: f"Organisational member {n}")
    name_zh_hant = factory.Sequence(lambda n: f"機構會員{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MembershipPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipPeriod

    membership = factory.SubFactory(MembershipFactory)
    status = MembershipStatus.MEMBER
    start_date = datetime.date(2020, 1, 1)


class MemberFactory(MembershipFactory):
    """A membership with one open member period (from 2020-01-01 unless `periods__start_date` says)."""

    class Meta:
        skip_postgeneration_save = True

    periods = factory.RelatedFactory(MembershipPeriodFactory, factory_related_name="membership")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.SubFactory(NetworkFactory)
    kind = BodyKind.EXECUTIVE_COMMITTEE


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    body = factory.SubFactory(BodyFactory)
    holder = factory.SubFactory(OrganisationFactory)
    role_title_en = "Member"
    role_title_zh_hant = "委員"
    start_date = datetime.date(2022, 1, 1)


class BodyMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyMeeting

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2024, 5, 22)
    title_en = "Executive Committee meeting"
    place_en = "Hong Kong"
