"""The write path every app's services.py builds on: validate, write, log — in one transaction."""

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models, router, transaction
from django.utils.translation import gettext_lazy as _

from . import changelog
from .choices import ChangeAction

# Rows a bulk write sends to the database at once; small enough for SQLite's limit on query parameters.
BULK_BATCH = 500


class ConcurrentEditError(ValidationError):
    """Someone else saved the record after the user opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this record after you opened it. Nothing was saved: "
                "reload the page to see their changes, then make yours again."
            ),
            code="concurrent_edit",
        )


def _split(model, data: dict) -> tuple[dict, dict]:
    """(plain field values, many-to-many values) of a dict of changes."""
    m2m_names = {field.name for field in model._meta.many_to_many}
    plain = {k: v for k, v in data.items() if k not in m2m_names}
    m2m = {k: v for k, v in data.items() if k in m2m_names}
    return plain, m2m


def _set_m2m(obj, m2m: dict) -> None:
    for name, values in m2m.items():
        getattr(obj, name).set(values)


@transaction.atomic
def create_object(acting_user, model, data: dict, related=None):
    """Creates a validated record and logs it."""
    plain, m2m = _split(model, data)
    obj = model(**plain)
    obj.full_clean()
    obj.save()
    _set_m2m(obj, m2m)
    changelog.record(acting_user, ChangeAction.CREATE, obj, after=changelog.snapshot(obj), related=related)
    return obj


def locked(obj, expected_version: int | None = None):
    """The stored row of `obj`, locked until the transaction ends; refused if saved since `expected_version`."""
    stored = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    if expected_version is not None and stored.version != expected_version:
        raise ConcurrentEditError()
    return stored


@transaction.atomic
def update_object(acting_user, obj, data: dict, expected_version: int | None = None, related=None):
    """Applies changes to a record unless someone saved it since `expected_version`; logs before/after.

    The changes are applied to the freshly locked row, so fields the caller did not change keep their stored
    values even when the caller's copy is old.
    """
    model = type(obj)
    stored = locked(obj, expected_version)
    before = changelog.snapshot(stored)
    plain, m2m = _split(model, data)
    for name, value in plain.items():
        setattr(stored, name, value)
    stored.full_clean()
    if hasattr(stored, "version"):  # records without one (e.g. an agreement's party) are edited with their parent
        stored.version += 1
    stored.save()
    _set_m2m(stored, m2m)
    after = changelog.snapshot(stored)
    if after != before:
        changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=after, related=related)
    return stored


@transaction.atomic
def delete_object(acting_user, obj, related=None, message=""):
    """Deletes a record and logs what it held."""
    before = changelog.snapshot(obj)
    pk = obj.pk
    obj.delete()
    obj.pk = pk
    changelog.record(acting_user, ChangeAction.DELETE, obj, before=before, related=related, message=message)


def _move_links(keep, remove) -> int:
    """Points every link to `remove` at `keep`; returns how many links moved."""
    moved = 0
    for relation in remove._meta.related_objects:
        if relation.many_to_many:
            moved += _move_many_to_many(relation, keep, remove)
            continue
        links = relation.related_model._base_manager.filter(**{relation.field.name: remove})
        if relation.related_model is type(keep):
            links = links.exclude(pk=keep.pk)  # a record never becomes its own parent
        moved += links.update(**{relation.field.name: keep})
    for field in remove._meta.many_to_many:
        getattr(keep, field.name).add(*getattr(remove, field.name).all())
    return moved


def _move_many_to_many(relation, keep, remove) -> int:
    """Moves rows of a many-to-many table from `remove` to `keep`, dropping those `keep` already has."""
    through = relation.through
    ours, theirs = relation.field.m2m_reverse_field_name(), relation.field.m2m_field_name()
    rows = through._default_manager
    already = rows.filter(**{ours: keep}).values_list(theirs, flat=True)
    rows.filter(**{ours: remove, f"{theirs}__in": list(already)}).delete()
    return rows.filter(**{ours: remove}).update(**{ours: keep})


def _unlink_from(keep, removed_pk) -> None:
    """Clears `keep`'s own links to the record being removed (e.g. its parent)."""
    for field in keep._meta.concrete_fields:
        if field.is_relation and field.related_model is type(keep) and getattr(keep, field.attname) == removed_pk:
            setattr(keep, field.attname, None)
            type(keep)._base_manager.filter(pk=keep.pk).update(**{field.attname: None})


@transaction.atomic
def merge_objects(acting_user, keep, remove, fill_fields=()):
    """Merges `remove` into `keep`: links move, blank fields of `keep` are filled, both histories stay."""
    from .models import ChangeRecord

    model = type(keep)
    if model is not type(remove) or keep.pk == remove.pk:
        raise ValidationError(_("Choose two different records of the same kind to merge."), code="merge")
    keep = model._base_manager.select_for_update().get(pk=keep.pk)
    remove = model._base_manager.select_for_update().get(pk=remove.pk)
    before = changelog.snapshot(keep)
    removed_snapshot, removed_repr, removed_pk = changelog.snapshot(remove), str(remove), remove.pk
    for name in fill_fields:
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    moved = _move_links(keep, remove)
    _unlink_from(keep, removed_pk)
    content_type = changelog.ContentType.objects.get_for_model(model)
    ChangeRecord.objects.filter(content_type=content_type, object_id=removed_pk).update(object_id=keep.pk)
    ChangeRecord.objects.filter(related_content_type=content_type, related_object_id=removed_pk).update(
        related_object_id=keep.pk
    )
    model._base_manager.filter(pk=removed_pk).delete()
    keep.version += 1
    keep.full_clean()
    keep.save()
    message = str(
        _("Merged “{record}” (#{pk}) into this record; {count} links moved.").format(
            record=removed_repr, pk=removed_pk, count=moved
        )
    )
    changelog.record(
        acting_user, ChangeAction.MERGE, keep, before={"merged": removed_snapshot, **before},
        after=changelog.snapshot(keep), message=message,
    )
    return keep


def changes_from(instance: models.Model, cleaned_data: dict) -> dict:
    """The model fields of a form's cleaned data, for create_object / update_object."""
    names = {f.name for f in instance._meta.get_fields() if getattr(f, "editable", False)}
    return {k: v for k, v in cleaned_data.items() if k in names}


# --- Many new records at once (imports) --------------------------------------------------------------------------


@dataclass
class NewRecord:
    """A record to create in bulk: the unsaved instance, its many-to-many values, the record its history joins."""

    instance: models.Model
    m2m: dict = dataclasses.field(default_factory=dict)
    related: models.Model | None = None


def clean_new(instance: models.Model, exclude: set[str]) -> None:
    """`full_clean` of a new record without a query: links to records already looked up are not fetched again.

    Uniqueness is checked for many records at once by `unique_clashes`.
    """
    resolved = {
        f.name for f in instance._meta.concrete_fields
        if f.is_relation and getattr(f.get_cached_value(instance, None), "pk", None) is not None
    }
    instance.full_clean(exclude=exclude | resolved, validate_unique=False, validate_constraints=False)


def unique_clashes(candidates: list[tuple[models.Model, set[str]]]) -> dict[int, ValidationError]:
    """{position: error} for new records of one model that repeat a stored record or an earlier candidate.

    One query per unique field or constraint, whatever the number of candidates; a conditional constraint is
    checked record by record, and only for the records its condition holds for.
    """
    if not candidates:
        return {}
    model = type(candidates[0][0])
    errors: dict[int, ValidationError] = {}
    checks = {check for instance, exclude in candidates
              for check in instance._get_unique_checks(exclude=exclude, include_meta_constraints=True)[0]}
    for model_class, names in checks:
        _unique_clashes(model_class, names, candidates, errors)
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is not None:
            _conditional_clashes(model, constraint, candidates, errors)
    return errors


def _unique_clashes(model_class, names: tuple[str, ...], candidates, errors: dict) -> None:
    fields = [model_class._meta.get_field(name) for name in names]
    wanted = {}
    for position, (instance, exclude) in enumerate(candidates):
        values = tuple(getattr(instance, f.attname) for f in fields)
        if exclude.intersection(names) or None in values:
            continue
        if values in wanted:
            _add(errors, position, names, instance.unique_error_message(model_class, names))
        else:
            wanted[values] = position
    keys = list(wanted)
    stored = set()
    for start in range(0, len(keys), BULK_BATCH):
        chunk = keys[start:start + BULK_BATCH]
        query = model_class._default_manager.filter(**{f"{fields[0].attname}__in": {key[0] for key in chunk}})
        stored.update(tuple(row) for row in query.values_list(*(f.attname for f in fields)))
    for values in stored & wanted.keys():
        instance = candidates[wanted[values]][0]
        _add(errors, wanted[values], names, instance.unique_error_message(model_class, names))


def _conditional_clashes(model, constraint, candidates, errors: dict) -> None:
    for position, (instance, exclude) in enumerate(candidates):
        if not exclude.intersection(constraint.fields) and _may_hold(constraint.condition, instance):
            try:
                constraint.validate(model, instance, exclude=exclude)
            except ValidationError as error:
                _add(errors, position, constraint.fields, error)


def _may_hold(condition: models.Q, instance) -> bool:
    """False when a simple condition (field=value, field__isnull=…, joined by AND) is plainly false."""
    if condition.negated or condition.connector != models.Q.AND:
        return True
    for child in condition.children:
        if not isinstance(child, tuple):
            return True
        lookup, expected = child
        name, _sep, kind = lookup.partition("__")
        try:
            value = getattr(instance, instance._meta.get_field(name).attname)
        except Exception:  # a lookup across relations: let the database judge
            return True
        if kind in ("", "exact") and value != expected:
            return False
        if kind == "isnull" and (value is None) != expected:
            return False
    return True


def _add(errors: dict, position: int, names, error: ValidationError) -> None:
    key = names[0] if len(names) == 1 else NON_FIELD_ERRORS
    found = ValidationError({key: [error]})
    errors[position] = ValidationError({**errors[position].message_dict, **found.message_dict}) \
        if position in errors else found


def create_in_bulk(acting_user, records: list[NewRecord], progress: Callable[[int], None] | None = None) -> list:
    """Creates new records of one model, already validated (`clean_new`, `unique_clashes`), and logs each.

    Call it inside the transaction of the whole write: a refusal by the database (a record referred to was
    deleted meanwhile, a clash written meanwhile) raises IntegrityError and undoes everything.
    """
    from .models import ChangeRecord

    if not records:
        return []
    model = type(records[0].instance)
    instances = [record.instance for record in records]
    for instance in instances:
        if hasattr(instance, "refresh_search_text"):
            instance.refresh_search_text()
    for start in range(0, len(instances), BULK_BATCH):
        model._default_manager.bulk_create(instances[start:start + BULK_BATCH])
        if progress:
            progress(len(instances[start:start + BULK_BATCH]))
    _add_m2m_in_bulk(model, records)
    changes = [
        changelog.unsaved_record(acting_user, ChangeAction.CREATE, record.instance,
                                 after=changelog.snapshot(record.instance, record.m2m), related=record.related)
        for record in records
    ]
    ChangeRecord.objects.bulk_create(changes, batch_size=BULK_BATCH)
    database = router.db_for_write(model)
    connections[database].check_constraints(table_names=_tables(model))
    return instances


def _add_m2m_in_bulk(model, records: list[NewRecord]) -> None:
    links = defaultdict(list)
    for m2m_field in model._meta.many_to_many:
        through = m2m_field.remote_field.through
        source, target = m2m_field.m2m_field_name(), m2m_field.m2m_reverse_field_name()
        for record in records:
            for other in record.m2m.get(m2m_field.name, ()):
                links[through].append(through(**{f"{source}_id": record.instance.pk, f"{target}_id": other.pk}))
    for through, rows in links.items():
        through._default_manager.bulk_create(rows, batch_size=BULK_BATCH)


def _tables(model) -> list[str]:
    return [model._meta.db_table, *(f.remote_field.through._meta.db_table for f in model._meta.many_to_many)]
