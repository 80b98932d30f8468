"""On PostgreSQL, the database itself refuses to update or delete a change record, whoever asks.

(The model refuses on every database; SQLite gets no trigger because Django's test flush empties tables with
DELETE there, while on PostgreSQL it uses TRUNCATE, which row triggers do not see.)
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION core_changerecord_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'change records are append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER core_changerecord_append_only BEFORE UPDATE OR DELETE ON core_changerecord
    FOR EACH ROW EXECUTE FUNCTION core_changerecord_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_changerecord_append_only ON core_changerecord;
DROP FUNCTION IF EXISTS core_changerecord_append_only();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: the % in the message stays

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0006_api_tokens_from_drf")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
