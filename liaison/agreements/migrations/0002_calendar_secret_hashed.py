"""Calendar addresses: keep only the hash of each secret; existing addresses keep working."""

import hashlib

from django.db import migrations, models


def hash_secrets(apps, schema_editor):
    CalendarFeed = apps.get_model("agreements", "CalendarFeed")
    for feed in CalendarFeed.objects.all():
        feed.token_hash = hashlib.sha256(feed.token.encode()).hexdigest()
        feed.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        # Backwards, the plain secrets are gone: every address has to be made again.
        migrations.RunPython(hash_secrets, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
