"""API tokens of DRF's authtoken app (stored in plain text) become hashed core tokens; its table is dropped.

The keys keep working: a core token is looked up by the SHA-256 hash of the key, so hashing a stored key is
enough. A database that never had the authtoken app is left as it is.
"""

import hashlib

from django.db import migrations

TABLE = "authtoken_token"


def hash_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return
        cursor.execute(f"SELECT key, user_id, created FROM {TABLE}")
        rows = cursor.fetchall()
        ApiToken = apps.get_model("core", "ApiToken")
        for key, user_id, created in rows:
            token = ApiToken.objects.create(user_id=user_id, key_prefix=key[:8],
                                            key_hash=hashlib.sha256(key.encode()).hexdigest())
            ApiToken.objects.filter(pk=token.pk).update(created=created)
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("core", "0005_api_tokens_append_only_change_log")]

    # Backwards, the plain keys are gone: tokens have to be made again with `liaison token USER`.
    operations = [migrations.RunPython(hash_drf_tokens, migrations.RunPython.noop, elidable=True)]
