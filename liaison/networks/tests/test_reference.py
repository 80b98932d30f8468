"""The reference data: the chapter's networks, the presidents, and the IAACA's 122 → 180."""

import datetime

import pytest

from liaison.core.models import ChangeRecord
from liaison.networks import reference, stats
from liaison.networks.models import Membership, Network, Term
from liaison.partners.models import Organisation


@pytest.fixture
def loaded(reference_data, db):
    """Every area's reference data, loaded once for this module."""


def iaaca() -> Network:
    return Network.objects.get(organisation__acronym_en="IAACA")


def test_iaaca_membership_is_122_in_early_2022_and_180_at_the_end_of_2024(loaded, user_for):
    network, reader = iaaca(), user_for("viewer")
    assert stats.member_count(network, datetime.date(2022, 1, 1), reader) == 122
    assert stats.member_count(network, datetime.date(2024, 12, 31), reader) == 180
    series = stats.growth(network, [datetime.date(2022, 1, 1), datetime.date(2024, 12, 31)], reader)
    assert series["member"] == [122, 180]


def test_named_members_are_real_and_the_rest_marked_synthetic(loaded, user_for):
    network, reader = iaaca(), user_for("viewer")
    members = stats.memberships_on(network, datetime.date(2024, 12, 31), reader)
    names = {m.organisation.name_en for m in members}
    assert {"Independent Commission Against Corruption", "Commission Against Corruption of Macao",
            "Malaysian Anti-Corruption Commission", "National Anti-Corruption Advisory Council of South Africa",
            "Anti-Corruption Commission of Maldives"} <= names
    synthetic = [m.organisation for m in members if m.organisation.name_en.startswith("Synthetic")]
    assert synthetic and all("(demo data)" in o.name_en and "示範資料" in o.name_zh_hant for o in synthetic)
    assert all(o.tags.filter(slug=reference.SYNTHETIC_TAG).exists() for o in synthetic[:5])
    assert all("Synthetic" in o.notes for o in synthetic)
    # A real history: withdrawals, a rejection, pending applications.
    statuses = stats.counts_on(network, datetime.date(2025, 1, 1), reader)
    assert statuses["withdrawn"] >= 3 and statuses["rejected"] == 1 and statuses["applicant"] == 2


def test_presidents_and_our_roles(loaded):
    presidents = Term.objects.filter(body__network=iaaca(), body__kind="president").order_by("start_date")
    assert [(t.holder.acronym_en or t.holder.name_en, t.start_date.year, t.end_date and t.end_date.year)
            for t in presidents] == [("SPP", 2006, 2016), ("Public Prosecution of the State of Qatar", 2016, 2022),
                                      ("ICAC", 2022, None)]
    network = iaaca()
    assert network.founded_year == 2006 and network.founder.acronym_en == "SPP"
    assert network.secretariat == Organisation.own()
    globe = Network.objects.get(organisation__acronym_en="GlobE Network")
    ours = Membership.objects.get(network=globe, organisation=Organisation.own())
    assert ours.status == "member" and "China's delegation" in ours.capacity_en
    assert Membership.objects.get(network=globe, organisation=network.organisation).status == "observer"
    for acronym in ("ACTWG", "ADB/OECD ACI"):
        membership = Membership.objects.get(network__organisation__acronym_en=acronym, organisation__is_own=True)
        assert membership.capacity_en == "representing Hong Kong, China"


def test_loading_twice_creates_nothing_and_logs_nothing(loaded):
    records = ChangeRecord.objects.count()
    assert reference.load(None) == 0
    assert ChangeRecord.objects.count() == records
