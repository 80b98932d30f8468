"""The search index of every Liaison model, made sure of after every migrate (so a new app is born indexed).

PostgreSQL: a trigram GIN index (pg_trgm) on `search_text`, which serves `LIKE '%word%'`.
SQLite: a narrow copy of `search_text` (`<table>_search_text`: id and text, read whole when a word is too short
for the index) and an FTS5 table with the trigram tokenizer over it (`<table>_fts`), both kept current by triggers
on the table, so bulk inserts and queryset updates are indexed too. SQLite migrations that rebuild a table drop
its triggers; they are created again here and the copy and index refilled.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db import connections

from .search import fts_table, text_table

ADD = "INSERT INTO {copy}(id, search_text) VALUES (new.id, new.search_text); " \
      "INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
REMOVE = "INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); " \
         "DELETE FROM {copy} WHERE id = old.id;"
TRIGGERS = {
    "insert": f"AFTER INSERT ON {{table}} BEGIN {ADD} END",
    "delete": f"AFTER DELETE ON {{table}} BEGIN {REMOVE} END",
    "update": f"AFTER UPDATE OF search_text ON {{table}} BEGIN {REMOVE} {ADD} END",
}


def searchable_models() -> list:
    """Every concrete model with a stored search text (the subclasses of LiaisonModel)."""
    from .models import LiaisonModel

    return [model for model in apps.get_models() if issubclass(model, LiaisonModel)]


def trigram_index(model) -> str:
    return f"{model._meta.db_table}_search_trgm"[:63]


def ensure_search_indexes(using: str = "default", **kwargs) -> None:
    """Creates what is missing of every model's search index (a post_migrate receiver)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Inside a transaction that wrote rows, their deferred foreign-key checks must run before an index build.
            deferred = connection.in_atomic_block
            if deferred:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for model in searchable_models():
                cursor.execute(f'CREATE INDEX IF NOT EXISTS "{trigram_index(model)}" ON "{model._meta.db_table}" '
                               "USING gin (search_text gin_trgm_ops)")
            if deferred:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        elif connection.vendor == "sqlite":
            for model in searchable_models():
                _ensure_fts(cursor, model)


@contextmanager
def built_afterwards(using: str = "default"):
    """Drops the search indexes during a bulk load (a transaction inside this block) and builds them again when it
    ends, whether it succeeded or not: one build is far faster than keeping them current row by row."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in searchable_models():
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP INDEX IF EXISTS "{trigram_index(model)}"')
            elif connection.vendor == "sqlite":
                for kind in TRIGGERS:
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{fts_table(model)}_{kind}"')
    try:
        yield
    finally:
        ensure_search_indexes(using)


def _ensure_fts(cursor, model) -> None:
    table, copy, fts = model._meta.db_table, text_table(model), fts_table(model)
    cursor.execute("SELECT name FROM sqlite_master WHERE name IN (%s, %s) OR (type = 'trigger' AND tbl_name = %s)",
                   [copy, fts, table])
    present = {name for (name,) in cursor.fetchall()}
    missing = [kind for kind in TRIGGERS if f"{fts}_{kind}" not in present]
    cursor.execute(f'CREATE TABLE IF NOT EXISTS "{copy}" (id INTEGER PRIMARY KEY, search_text TEXT NOT NULL)')
    if fts not in present:
        cursor.execute(f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5(search_text, content='{copy}', content_rowid=id, "
                       "tokenize='trigram case_sensitive 1')")
    names = {"table": f'"{table}"', "copy": f'"{copy}"', "fts": f'"{fts}"'}
    for kind in missing:
        cursor.execute(f'CREATE TRIGGER "{fts}_{kind}" ' + TRIGGERS[kind].format(**names))
    if missing or not {copy, fts} <= present:
        cursor.execute(f'DELETE FROM "{copy}"')
        cursor.execute(f'INSERT INTO "{copy}"(id, search_text) SELECT id, search_text FROM "{table}"')
        cursor.execute(f"""INSERT INTO "{fts}"("{fts}") VALUES ('rebuild')""")
