"""Tags name their source, date and completeness; jurisdictions get other names; Taiwan is a region of China.

Then re-syncs the reference data (core/jurisdictions.py) and takes the Hong Kong and Macao SARs off the
"UNCAC State Party" tag an earlier version put them under: they are not States Parties; the Convention applies
to them through China (the new "uncac-applies" tag).
"""

import liaison.core.models
import liaison.core.validators
from django.db import migrations, models


def resync(apps, schema_editor):
    from liaison.core.jurisdictions import load_jurisdictions

    Jurisdiction, Region, Tag = (apps.get_model("core", name) for name in ("Jurisdiction", "Region", "Tag"))
    state_party = Tag.objects.filter(slug="uncac-state-party").first()
    if state_party is not None:
        state_party.jurisdictions.remove(*Jurisdiction.objects.filter(code__in=["HK", "MO"]))
    load_jurisdictions(Jurisdiction, Region, Tag)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_jurisdictions'),
    ]

    operations = [
        migrations.AddField(
            model_name='jurisdiction',
            name='aliases',
            field=liaison.core.models.AliasesField(blank=True, default=list, help_text='Short names, former names and common abbreviations, in English or Chinese, one per line; search finds the record by any of them.', validators=[liaison.core.validators.validate_aliases], verbose_name='other names'),
        ),
        migrations.AddField(
            model_name='tag',
            name='as_of',
            field=models.DateField(blank=True, help_text='The date of that list.', null=True, verbose_name='as of'),
        ),
        migrations.AddField(
            model_name='tag',
            name='is_complete',
            field=models.BooleanField(default=True, help_text='Every record the list names carries this tag. Untick it while only some do: pages that count by the tag then say the list is incomplete.', verbose_name='complete list'),
        ),
        migrations.AddField(
            model_name='tag',
            name='source',
            field=models.CharField(blank=True, help_text='Where the list of tagged records comes from.', max_length=500, validators=[liaison.core.validators.no_markup], verbose_name='source'),
        ),
        migrations.AddField(
            model_name='tag',
            name='source_en',
            field=models.CharField(blank=True, help_text='Where the list of tagged records comes from.', max_length=500, null=True, validators=[liaison.core.validators.no_markup], verbose_name='source'),
        ),
        migrations.AddField(
            model_name='tag',
            name='source_zh_hant',
            field=models.CharField(blank=True, help_text='Where the list of tagged records comes from.', max_length=500, null=True, validators=[liaison.core.validators.no_markup], verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='jurisdiction',
            name='kind',
            field=models.CharField(choices=[('state', 'State'), ('sar', 'Special Administrative Region'), ('mainland', 'Mainland'), ('region_of_china', 'Region of China'), ('territory', 'Territory')], default='state', max_length=20, verbose_name='kind'),
        ),
        migrations.RunPython(resync, migrations.RunPython.noop),
    ]
