"""Backup and restore of the whole system in one archive: every row of the database and every stored file.

The archive is a zip file: `manifest.json` (what it holds: migrations, rows per model, each file's SHA-256), one
JSON Lines file of rows per model (Django's serialisation, so it loads into SQLite or PostgreSQL alike), and the
stored files under `files/`. A restore checks every file's hash, then replaces the database's rows and writes the
files in one transaction: it succeeds whole or changes nothing in the database.
"""

import datetime
import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from .models import ChangeRecord

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
# Rebuilt by `migrate` with the same natural keys; rows elsewhere refer to them by those keys.
REBUILT = {"contenttypes.contenttype", "auth.permission"}
CHUNK = 1024 * 1024


class ExactEncoder(DjangoJSONEncoder):
    """Django's JSON, with times to the microsecond (Django's own encoder keeps milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


def backed_up_models() -> list:
    """Every model whose rows a backup holds, in an order in which they can be loaded."""
    wanted = [model for model in apps.get_models() if model._meta.label_lower not in REBUILT]
    return serializers.sort_dependencies([(None, wanted)], allow_cycles=True)


def applied_migrations(database: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    executor = MigrationExecutor(connections[database])
    applied = {}
    for app_label, name in sorted(executor.loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def storage_files(folder: str = "") -> list[str]:
    """The names of every stored file, through the storage API (a file system or an object store alike)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names.extend(storage_files(f"{folder}{sub}/"))
    return sorted(names)


def backup(path: Path, database: str = DEFAULT_DB_ALIAS) -> dict:
    """Writes the archive of the database and the stored files to `path`; returns its manifest.

    The rows are read in one transaction, so the archive is one consistent state of the database.
    """
    partial = path.with_name(f".{path.name}.partial")
    manifest = {"format": FORMAT, "created": datetime.datetime.now(datetime.UTC).isoformat(),
                "database": connections[database].vendor, "migrations": applied_migrations(database),
                "models": [], "files": {}}
    connection = connections[database]
    outermost = not connection.in_atomic_block
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            with transaction.atomic(using=database):
                if outermost and connection.vendor == "postgresql":
                    # One snapshot for every table, while the system goes on writing.
                    connection.cursor().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for number, model in enumerate(backed_up_models(), start=1):
                    name = f"data/{number:03d}.jsonl"
                    rows = model._base_manager.using(database).order_by("pk")
                    with archive.open(name, "w", force_zip64=True) as raw, \
                            io.TextIOWrapper(raw, encoding="utf-8") as stream:
                        serializers.serialize("jsonl", rows.iterator(chunk_size=2000), stream=stream,
                                              use_natural_foreign_keys=True, cls=ExactEncoder)
                    manifest["models"].append({"model": model._meta.label_lower, "file": name,
                                               "rows": rows.count()})
            for name in storage_files():
                manifest["files"][name] = _copy_in(archive, name)
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _copy_in(archive: zipfile.ZipFile, name: str) -> dict:
    digest, size = hashlib.sha256(), 0
    with default_storage.open(name, "rb") as source, archive.open(FILES + name, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def in_use(database: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds anything beyond what `migrate` puts there: a user or a recorded change."""
    return (get_user_model()._base_manager.using(database).exists()
            or ChangeRecord._base_manager.using(database).exists())


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError(_("This is not a Liaison backup: it has no readable manifest.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup is in a format this version of Liaison cannot read."))
    return manifest


def restore(path: Path, replace: bool = False, database: str = DEFAULT_DB_ALIAS) -> dict:
    """Replaces the database's rows and writes the stored files from the archive at `path`; returns its manifest.

    Refuses a database in use unless `replace`, a database whose migrations lag behind the backup's, and an
    archive whose files do not match their hashes.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(_("“{file}” cannot be read as a backup archive.").format(file=path)) from error
    with archive, tempfile.TemporaryDirectory() as folder:
        manifest = read_manifest(archive)
        _check_migrations(manifest, database)
        if in_use(database) and not replace:
            raise BackupError(_("The database already holds users or recorded changes. Restore into an empty "
                                "database, or say that its contents are to be replaced (--replace)."))
        _check_files(archive, manifest)
        fixtures = []
        for entry in manifest["models"]:
            if entry["rows"]:
                fixtures.append(Path(folder) / Path(entry["file"]).name)
                fixtures[-1].write_bytes(archive.read(entry["file"]))
        try:
            with transaction.atomic(using=database):
                _empty(manifest, database)
                call_command("loaddata", *map(str, fixtures), database=database, verbosity=0)
                for name in manifest["files"]:
                    _copy_out(archive, name)
        except (DatabaseError, DeserializationError, SuspiciousFileOperation) as error:
            raise BackupError(_("The backup could not be loaded ({reason}); nothing was restored.").format(
                reason=error)) from error
    return manifest


def _check_migrations(manifest: dict, database: str) -> None:
    here = applied_migrations(database)
    missing = sorted(f"{app}.{name}" for app, names in manifest["migrations"].items()
                     for name in names if name not in here.get(app, ()))
    if missing:
        raise BackupError(_("The backup was made by a newer Liaison (migrations {names} are not applied here). "
                            "Upgrade Liaison and run “liaison migrate” first.").format(names=", ".join(missing)))


def _check_files(archive: zipfile.ZipFile, manifest: dict) -> None:
    for name, expected in manifest["files"].items():
        digest = hashlib.sha256()
        try:
            with archive.open(FILES + name) as source:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
        except KeyError:
            digest = None
        if digest is None or digest.hexdigest() != expected["sha256"]:
            raise BackupError(_("The file “{name}” in the backup is missing or damaged; nothing was restored.")
                              .format(name=name))


def _empty(manifest: dict, database: str) -> None:
    """Removes every row of the backed-up models, so the archive's rows come back with their own keys."""
    connection = connections[database]
    tables = set()
    for entry in manifest["models"]:
        model = apps.get_model(entry["model"])
        tables.add(model._meta.db_table)
        tables.update(f.remote_field.through._meta.db_table for f in model._meta.many_to_many)
    existing = set(connection.introspection.table_names())
    # PostgreSQL cannot empty a table while checks of this transaction's earlier writes are pending: run them now.
    connection.check_constraints()
    statements = connection.ops.sql_flush(no_style(), sorted(tables & existing), allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _copy_out(archive: zipfile.ZipFile, name: str) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    with archive.open(FILES + name) as source:
        saved = default_storage.save(name, File(source, name=name))
    if saved != name:
        raise BackupError(_("The file “{name}” could not be written back under its own name.").format(name=name))
