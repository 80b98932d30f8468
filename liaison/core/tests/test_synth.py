"""`liaison synth`: every app's synthetic records, valid, reproducible, searchable, and never on a full registry."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from liaison.core.models import LiaisonModel
from liaison.core.search import search

DAY = datetime.date(2025, 6, 30)


def synth(scale: float = 0.1, seed: int = 1) -> str:
    out = io.StringIO()
    call_command("synth", scale=scale, seed=seed, today=DAY, stdout=out)
    return out.getvalue()


def liaison_models():
    return [model for model in apps.get_models() if issubclass(model, LiaisonModel)
            and model._meta.app_label not in ("core",)]


@pytest.mark.django_db
def test_every_area_gets_valid_records():
    """Each area's records exist and pass the same validation as a form or the API would apply."""
    synth()
    for model in liaison_models():
        if model._meta.label == "agreements.AgreementDocument":
            continue  # documents are files: the generator leaves them out
        records = list(model._base_manager.all())  # every stored row (need-to-know models fail closed)
        assert records, model._meta.label
        for record in records:
            record.full_clean()


def drawn(seed: int):
    """What a run with this seed writes (names, acronyms, e-mails, dates), undone afterwards."""
    from liaison.agreements.models import Agreement
    from liaison.partners.models import Contact, Organisation

    with transaction.atomic():
        synth(seed=seed)
        found = (list(Organisation.objects.order_by("pk").values_list("name_en", "name_zh_hant", "acronym_en")),
                 list(Contact.objects.order_by("pk").values_list("name_en", "emails")),
                 list(Agreement.objects.order_by("pk").values_list("title_en", "signed_date", "status")))
        transaction.set_rollback(True)
    return found


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_records():
    assert drawn(7) == drawn(7)
    assert drawn(8) != drawn(7)


@pytest.mark.django_db
def test_counts_follow_the_scale_and_the_records_are_searchable():
    from liaison.agreements.models import Agreement
    from liaison.networks.models import Membership
    from liaison.partners.models import Contact, Organisation

    synth(scale=0.2)
    assert 55 <= Organisation.objects.count() <= 70  # 300 a year, and the networks' own profiles
    assert Contact.objects.count() == 300
    assert 15 <= Agreement.objects.count() <= 30 and Membership.objects.count() >= 13
    assert Organisation.objects.get(is_own=True) in search(Organisation.objects.all(), "廉署 ICAC")
    agreements = Agreement.objects.exclude(signed_date=None)
    assert all(a.signed_date <= DAY for a in agreements)


@pytest.mark.django_db
def test_refuses_a_registry_that_holds_records():
    synth(scale=0.05)
    with pytest.raises(CommandError, match="already holds records"):
        synth(scale=0.05)


@pytest.mark.parametrize("scale", ["0", "-1", "1001", "many"])
def test_refuses_a_scale_out_of_bounds(scale):
    with pytest.raises(CommandError, match="scale"):
        call_command("synth", "--scale", scale)


@pytest.mark.django_db
def test_the_planner_has_statistics_of_what_was_written():
    """Written in bulk, then analysed: the database plans for the rows it holds, not for empty tables."""
    from django.db import connection

    synth(scale=0.05)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'partners_organisation'")
            assert cursor.fetchone()[0] > 0
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'partners_organisation'")
            assert cursor.fetchone()[0] > 0
