"""Loads the ISO 3166-1 jurisdictions, their M49 regions and the reference tags (see core/jurisdictions.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from liaison.core.jurisdictions import load_jurisdictions

    load_jurisdictions(*(apps.get_model("core", name) for name in ("Jurisdiction", "Region", "Tag")))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
