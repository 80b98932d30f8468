"""Coverage of the agreements in force: which jurisdictions and partners they reach. Reusable by reports.

Every function takes the agreements to count (already restricted for the reader) so that a page, the API and
a generated report count the same records.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from liaison.core.models import Jurisdiction, Tag
from liaison.partners.choices import OrganisationKind
from liaison.partners.models import Organisation

from .choices import IN_FORCE
from .models import AgreementParty

BELT_AND_ROAD = "belt-and-road"


def in_force(agreements):
    return agreements.filter(status__in=IN_FORCE)


def _partner_rows(agreements):
    """Party rows of these agreements, without our own organisation."""
    return (AgreementParty.objects.filter(agreement__in=agreements).exclude(organisation__is_own=True)
            .select_related("organisation__jurisdiction", "agreement"))


def jurisdictions_covered(agreements) -> dict[Jurisdiction, list]:
    """Jurisdiction → agreements in force with a partner there (international bodies have none)."""
    covered = defaultdict(list)
    for row in _partner_rows(in_force(agreements)).order_by("organisation__jurisdiction__name_en", "agreement_id"):
        jurisdiction = row.organisation.jurisdiction
        if jurisdiction is not None and row.agreement not in covered[jurisdiction]:
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


def belt_and_road(agreements) -> BeltAndRoad:
    """Belt and Road partner jurisdictions (as tagged) with and without an agreement in force."""
    covered = set(jurisdictions_covered(agreements))
    tagged = Jurisdiction.objects.filter(tags__slug=BELT_AND_ROAD).order_by("name_en").distinct()
    return BeltAndRoad([j for j in tagged if j in covered], [j for j in tagged if j not in covered],
                       Tag.objects.filter(slug=BELT_AND_ROAD).first())


def agencies_without_agreement(agreements, organisations=None):
    """Anti-corruption agencies (other than ours) that are party to no agreement in force."""
    organisations = Organisation.objects.all() if organisations is None else organisations
    bound = _partner_rows(in_force(agreements)).values("organisation_id")
    return (organisations.filter(kind=OrganisationKind.ANTI_CORRUPTION_AGENCY, is_own=False)
            .exclude(pk__in=bound).select_related("jurisdiction").order_by("name_en"))


def signed_per_year(agreements) -> dict[int, int]:
    """Year → agreements signed that year (whatever their status now)."""
    years = Counter(d.year for d in agreements.filter(signed_date__isnull=False).values_list("signed_date",
                                                                                             flat=True))
    return dict(sorted(years.items()))


def signed_in(agreements, year: int):
    return agreements.filter(signed_date__year=year)


def with_belt_and_road_partner(agreements):
    """Agreements with a partner in a Belt and Road jurisdiction."""
    return agreements.filter(party_rows__organisation__jurisdiction__tags__slug=BELT_AND_ROAD).distinct()
