"""The change log: snapshots of records and the context (request id, source) of each write."""

import contextvars
import datetime
import decimal
import uuid
from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .choices import ChangeAction, ChangeSource

# Fields that change on every save and say nothing to a reader of the history.
UNLOGGED_FIELDS = {"created", "updated", "version", "search_text", "last_login"}
# Fields whose values must never be copied anywhere, the change log included: hashes of passwords and keys.
SECRET_FIELDS = {"password", "key_hash", "token_hash"}

_context = contextvars.ContextVar("liaison_change_context", default=None)


@contextmanager
def change_context(source: str, request_id: str | None = None):
    """Marks the writes inside the block as coming from one source and request."""
    token = _context.set((source, request_id or uuid.uuid4().hex))
    try:
        yield
    finally:
        _context.reset(token)


def current_context() -> tuple[str, str]:
    """(source, request id) of the write in progress; a write outside any context is a system write."""
    return _context.get() or (ChangeSource.SYSTEM, uuid.uuid4().hex)


def plain(value):
    """A field value as the log stores it (JSON-safe)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # a stored file, or an empty file field
        return value.name or None
    return value


def snapshot(obj: models.Model, m2m: dict | None = None) -> dict:
    """The logged field values of a record, JSON-safe; many-to-many values as sorted primary keys.

    `m2m` gives the many-to-many values of a record just written in bulk, so they are not read back one by one.
    """
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in UNLOGGED_FIELDS or field.name in SECRET_FIELDS or field.primary_key:
            continue
        data[field.name] = plain(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            values = m2m.get(field.name, ()) if m2m is not None else field.value_from_object(obj)
            data[field.name] = sorted(related.pk for related in values)
    return data


def record(acting_user, action: str, obj: models.Model, before=None, after=None, related=None, message="",
           merged=None):
    """Writes one change record; call it inside the transaction of the change it records.

    `related` is the record whose history this change belongs to as well (a record, or (content type id, pk) of
    one that may be gone); `merged` is the primary key of a record merged into `obj` (merge rows only).
    """
    change = unsaved_record(acting_user, action, obj, before, after, related, message, merged)
    change.save()
    return change


def unsaved_record(acting_user, action: str, obj: models.Model, before=None, after=None, related=None, message="",
                   merged=None):
    """The change record of one change, not yet saved (writes in bulk save many at once)."""
    from .models import ChangeRecord

    if related is None or isinstance(related, tuple):
        related_type, related_pk = related or (None, None)
    else:
        related_type, related_pk = ContentType.objects.get_for_model(related).pk, related.pk
    source, request_id = current_context()
    return ChangeRecord(
        user=acting_user if getattr(acting_user, "pk", None) else None,
        user_name=getattr(acting_user, "username", "") or "",
        request_id=request_id,
        source=source,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        related_content_type_id=related_type,
        related_object_id=related_pk,
        before=before,
        after=after,
        message=message[:500],
        merged_object_id=merged,
    )


def linked_names(changes, user) -> dict:
    """{model: {pk: name}} of the records the changes link to, that the user may see; one query per model."""
    from .access import restrict

    wanted = defaultdict(set)
    for change in changes:
        for data in (change.before or {}, change.after or {}):
            for name, value in data.items():
                field = change.linked_field(name) if value is not None else None
                if field is not None:
                    wanted[field.related_model].update(value if isinstance(value, list) else [value])
    return {
        model: {pk: str(record) for pk, record in restrict(model._default_manager.all(), user).in_bulk(pks).items()}
        for model, pks in wanted.items()
    }


def merged_into(content_type, pk) -> set:
    """The primary keys whose history is this record's: its own and those of every record merged into it."""
    from .models import ChangeRecord

    found, new = {pk}, {pk}
    while new:
        merged = set(ChangeRecord.objects.filter(
            content_type=content_type, object_id__in=new, action=ChangeAction.MERGE, merged_object_id__isnull=False,
        ).values_list("merged_object_id", flat=True))
        new = merged - found
        found |= new
    return found


def history(obj: models.Model | None, user, *, model=None, pk=None):
    """Change records of a record and of the records that belong to it (e.g. a contact's positions), following
    merges (the history of every record merged into it is part of its own), without those of records the user
    may not see. A deleted record has no object: give its `model` and `pk` instead.

    A change of a belonging record shows when the user may see records of its kind; for a kind that narrows by
    need-to-know (`restrict_for`), only while the record is there and visible to the user.
    """
    from .access import permission_name, restrict
    from .models import ChangeRecord

    if user is None:
        raise TypeError("history() needs the user who reads it.")
    content_type = ContentType.objects.get_for_model(model or obj)
    pks = merged_into(content_type, obj.pk if obj is not None else pk)
    own = models.Q(content_type=content_type, object_id__in=pks)
    belonging = models.Q(related_content_type=content_type, related_object_id__in=pks)
    kinds = ChangeRecord.objects.filter(belonging).exclude(own).values_list("content_type", flat=True).distinct()
    visible = own
    for kind in set(kinds):
        kind_model = ContentType.objects.get_for_id(kind).model_class()
        if kind_model is None or not user.has_perm(permission_name(kind_model, "view")):
            continue
        of_kind = belonging & models.Q(content_type_id=kind)
        if hasattr(kind_model, "restrict_for"):
            of_kind &= models.Q(object_id__in=restrict(kind_model._default_manager.all(), user).values("pk"))
        visible |= of_kind
    return ChangeRecord.objects.filter(visible).select_related("content_type", "user")
