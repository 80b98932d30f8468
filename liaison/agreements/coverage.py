"""Coverage of the agreements in force: which jurisdictions and partners they reach. Reusable by reports.

Every function takes the agreements to count and the user the figures are for: it counts only what that user may
see (the agreements, their parties, the organisations and jurisdictions), so that a page, the API and a
generated report count the same records for the same reader.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractYear

from liaison.core.access import restrict
from liaison.core.models import Jurisdiction, Tag
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Organisation

from .choices import IN_FORCE
from .models import AgreementParty

BELT_AND_ROAD = "belt-and-road"


def in_force(agreements, user):
    return restrict(agreements, user).filter(status__in=IN_FORCE)


def _partner_rows(agreements, user):
    """Party rows of these agreements the user may see, without our own organisation."""
    organisations = restrict(Organisation.objects.all(), user)
    # Correlated EXISTS rather than IN (SELECT …): SQLite otherwise loops over every organisation × agreement.
    return (restrict(AgreementParty.objects.all(), user)
            .filter(Exists(agreements.filter(pk=OuterRef("agreement_id"))),
                    Exists(organisations.filter(pk=OuterRef("organisation_id"))))
            .exclude(organisation__is_own=True))


def jurisdictions_covered(agreements, user) -> dict[Jurisdiction, int]:
    """Jurisdiction → how many agreements in force have a partner there (international bodies have none), counted
    by the database."""
    visible = restrict(Jurisdiction.objects.all(), user)
    counted = dict(_partner_rows(in_force(agreements, user), user)
                   .filter(Exists(visible.filter(pk=OuterRef("organisation__jurisdiction_id"))))
                   .order_by().values_list("organisation__jurisdiction")
                   .annotate(count=Count("agreement", distinct=True)))
    places = Jurisdiction.objects.in_bulk(list(counted))
    return {places[pk]: count for pk, count in counted.items()}


@dataclass
class BeltAndRoad:
    with_agreement: list
    without_agreement: list
    tag: Tag | None

    @property
    def complete(self) -> bool:
        """Whether every Belt and Road partner carries the tag; if not, "without an agreement" is not the whole list."""
        return self.tag is not None and self.tag.is_complete


def belt_and_road(agreements, user) -> BeltAndRoad:
    """Belt and Road partner jurisdictions (as tagged) with and without an agreement in force."""
    covered = set(jurisdictions_covered(agreements, user))
    tagged = restrict(Jurisdiction.objects.filter(tags__slug=BELT_AND_ROAD), user).order_by("name_en").distinct()
    return BeltAndRoad([j for j in tagged if j in covered], [j for j in tagged if j not in covered],
                       restrict(Tag.objects.filter(slug=BELT_AND_ROAD), user).first())


def agencies_without_agreement(agreements, user):
    """Anti-corruption agencies (other than ours) that are party to no agreement in force."""
    bound = _partner_rows(in_force(agreements, user), user).values("organisation_id")
    return (restrict(Organisation.objects.all(), user)
            .filter(kind=OrganisationKind.ANTI_CORRUPTION_AGENCY, is_own=False)
            .exclude(pk__in=bound).select_related("jurisdiction").order_by("name_en"))


def signed_per_year(agreements, user) -> dict[int, int]:
    """Year → agreements signed that year (whatever their status now), counted by the database."""
    signed = restrict(agreements, user).filter(signed_date__isnull=False).order_by()
    counted = signed.annotate(year=ExtractYear("signed_date")).values_list("year").annotate(count=Count("pk"))
    return dict(sorted(counted))


def signed_in(agreements, year: int, user):
    return restrict(agreements, user).filter(signed_date__year=year)


def with_belt_and_road_partner(agreements, user):
    """Agreements with a partner in a Belt and Road jurisdiction that the user may see."""
    partners = _partner_rows(agreements, user).filter(organisation__jurisdiction__tags__slug=BELT_AND_ROAD)
    return restrict(agreements, user).filter(pk__in=partners.values("agreement_id"))
