"""Backup and restore: every row of every model and every stored file come back, and nothing half-way."""

import hashlib
import shutil
import zipfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from liaison.core import backup, roles, services
from liaison.core.management.commands.demo import reference_loaders
from liaison.core.models import Tag
from liaison.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def system(media):
    """The reference data of every app (records, their histories, users), and stored files in folders."""
    for _label, load in reference_loaders():
        load(None)
    make_user("manager", username="restored-manager")
    default_storage.save("agreements/documents/mou-signed.pdf", ContentFile(b"%PDF-1.7 signed"))
    default_storage.save("imports/0123456789abcdef0123456789abcdef.csv", ContentFile("name_en\n廉政公署\n".encode()))


@pytest.fixture
def few_records(media):
    """A user, a record with its history, and a stored file."""
    services.create_object(make_user("manager"), Tag, {"slug": "gba", "name_en": "Greater Bay Area"})
    default_storage.save("agreements/documents/mou-signed.pdf", ContentFile(b"%PDF-1.7 signed"))


def every_row() -> dict:
    """Every row of every model as the database holds them; many-to-many links without their own row numbers."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower not in backup.REBUILT:
            names = [f.attname for f in model._meta.concrete_fields if not (model._meta.auto_created and f.primary_key)]
            rows[model._meta.label_lower] = sorted(model._base_manager.values_list(*names), key=repr)
    return rows


def file_hashes(root) -> dict:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*") if path.is_file()}


def empty_database() -> None:
    """The database as `liaison migrate` leaves it: no records, no users, only the role groups."""
    connection.check_constraints()  # PostgreSQL empties no table while this transaction's checks are pending
    connection.ops.execute_sql_flush(connection.ops.sql_flush(
        no_style(), [model._meta.db_table for model in apps.get_models(include_auto_created=True)
                            if model._meta.label_lower not in backup.REBUILT], allow_cascade=True))
    roles.sync_roles()


def test_restore_into_an_empty_database_brings_back_every_row_and_every_file(system, media, tmp_path):
    rows, files = every_row(), file_hashes(media)
    assert sum(map(len, rows.values())) > 1000 and len(files) == 2
    archive = tmp_path / "liaison.zip"
    call_command("backup", str(archive))
    empty_database()
    shutil.rmtree(media)
    assert not backup.in_use() and not Tag.objects.exists()

    call_command("restore", str(archive))

    restored = every_row()
    assert [label for label in rows if restored[label] != rows[label]] == []
    assert file_hashes(media) == files


def test_restore_refuses_a_database_in_use_unless_told_to_replace_it(few_records, tmp_path):
    archive = tmp_path / "liaison.zip"
    call_command("backup", str(archive))
    rows = every_row()
    Tag.objects.create(slug="after-the-backup", name_en="After the backup")
    with pytest.raises(CommandError, match="already holds users or recorded changes"):
        call_command("restore", str(archive))
    assert Tag.objects.filter(slug="after-the-backup").exists()
    call_command("restore", str(archive), "--replace")
    assert every_row() == rows


def test_a_damaged_archive_restores_nothing(few_records, tmp_path):
    archive, damaged = tmp_path / "liaison.zip", tmp_path / "damaged.zip"
    call_command("backup", str(archive))
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data.replace(b"signed", b"forged") if item.filename.endswith(".pdf") else data)
    Tag.objects.create(slug="kept", name_en="Kept")
    with pytest.raises(CommandError, match="missing or damaged; nothing was restored"):
        call_command("restore", str(damaged), "--replace")
    assert Tag.objects.filter(slug="kept").exists()
    not_a_backup = tmp_path / "notes.zip"
    not_a_backup.write_bytes(b"not a zip file")
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        call_command("restore", str(not_a_backup), "--replace")


def test_backup_does_not_overwrite_a_file_unless_told(tmp_path):
    archive = tmp_path / "liaison.zip"
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an earlier backup"


def test_rows_that_do_not_load_restore_nothing(few_records, tmp_path):
    archive, damaged = tmp_path / "liaison.zip", tmp_path / "damaged.zip"
    call_command("backup", str(archive))
    with zipfile.ZipFile(archive) as source:
        manifest = backup.read_manifest(source)
        tags = next(entry["file"] for entry in manifest["models"] if entry["model"] == "core.tag")
        with zipfile.ZipFile(damaged, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                target.writestr(item, data.replace(b'"slug": "gba"', b'"slug": ') if item.filename == tags else data)
    Tag.objects.create(slug="kept", name_en="Kept")
    with pytest.raises(CommandError, match="could not be loaded .*; nothing was restored"):
        call_command("restore", str(damaged), "--replace")
    assert Tag.objects.filter(slug="kept").exists()
