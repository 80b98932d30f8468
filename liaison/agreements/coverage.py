"""Coverage of the agreements in force: which jurisdictions and partners they reach. Reusable by reports.

Every function takes the agreements to count and the user the figures are for: it counts only what that user may
see (the agreements, their parties, the organisations and jurisdictions), so that a page, the API and a
generated report count the same records for the same reader.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

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
    return (restrict(AgreementParty.objects.all(), user)
            .filter(agreement__in=agreements, organisation__in=organisations).exclude(organisation__is_own=True)
            .select_related("organisation__jurisdiction", "agreement"))


def jurisdictions_covered(agreements, user) -> dict[Jurisdiction, list]:
    """Jurisdiction → agreements in force with a partner there (international bodies have none)."""
    visible = set(restrict(Jurisdiction.objects.all(), user).values_list("pk", flat=True))
    covered = defaultdict(list)
    rows = _partner_rows(in_force(agreements, user), user)
    for row in rows.order_by("organisation__jurisdiction__name_en", "agreement_id"):
        jurisdiction = row.organisation.jurisdiction
        if jurisdiction is not None and jurisdiction.pk in visible and row.agreement not in covered[jurisdiction]:
            covered[jurisdiction].append(row.agreement)
    return dict(covered)


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
    """Year → agreements signed that year (whatever their status now)."""
    dates = restrict(agreements, user).filter(signed_date__isnull=False).values_list("signed_date", flat=True)
    return dict(sorted(Counter(d.year for d in dates).items()))


def signed_in(agreements, year: int, user):
    return restrict(agreements, user).filter(signed_date__year=year)


def with_belt_and_road_partner(agreements, user):
    """Agreements with a partner in a Belt and Road jurisdiction that the user may see."""
    partners = _partner_rows(agreements, user).filter(organisation__jurisdiction__tags__slug=BELT_AND_ROAD)
    return restrict(agreements, user).filter(pk__in=partners.values("agreement_id"))
