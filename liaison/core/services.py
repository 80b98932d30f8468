"""The write path every app's services.py builds on: validate, write, log — in one transaction."""

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext_lazy as _

from . import changelog, history
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
def create_object(acting_user, model, data: dict, related=None, facts=()):
    """Creates a validated record and logs it (with `facts`, see changelog.sentence)."""
    plain, m2m = _split(model, data)
    obj = model(**plain)
    obj.full_clean()
    obj.save()
    _set_m2m(obj, m2m)
    changelog.record(acting_user, ChangeAction.CREATE, obj, after=changelog.snapshot(obj), related=related,
                     facts=facts)
    return obj


def locked(obj, expected_version: int | None = None):
    """The stored row of `obj`, locked until the transaction ends; refused if saved since `expected_version`."""
    stored = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    if expected_version is not None and stored.version != expected_version:
        raise ConcurrentEditError()
    return stored


@transaction.atomic
def update_object(acting_user, obj, data: dict, expected_version: int | None = None, related=None, facts=()):
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
        changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=after, related=related,
                         facts=facts)
    return stored


# --- Follow-up actions (an agreement's, a mission's: see models.FollowUpActionBase) --------------------------------

def add_action(acting_user, model, parent, data: dict):
    """A follow-up action of `model` under `parent`, logged in the parent's history too."""
    return create_object(acting_user, model, {**data, model.parent_field: parent}, related=parent,
                         facts=[history.ACTION_ADDED(record=changelog.names_of(parent))])


@transaction.atomic
def update_action(acting_user, action, data: dict, expected_version: int | None = None):
    """Changes a follow-up action (never moves it to another record); a new status is said in the history."""
    data = {name: value for name, value in data.items() if name != action.parent_field}
    old = locked(action, expected_version).status
    new = data.get("status", old)
    facts = [history.ACTION_STATUS(old=old, new=new)] if new != old else []
    return update_object(acting_user, action, data, expected_version, related=action.parent, facts=facts)


def remove_action(acting_user, action) -> None:
    delete_object(acting_user, action, related=action.parent)


def _log_parents(model, pks) -> dict:
    """{pk: (content type id, pk)} of the record under which each row's changes were logged (a term's network)."""
    from .models import ChangeRecord

    rows = (ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=pks,
                                        related_content_type__isnull=False)
            .order_by("object_id", "-pk").values_list("object_id", "related_content_type", "related_object_id"))
    parents = {}
    for pk, content_type, related_pk in rows:
        parents.setdefault(pk, (content_type, related_pk))
    return parents


def _pks(rows) -> list:
    """The primary keys of a queryset (without evaluating it, so the collector's plan stays as it is) or a list."""
    return list(rows.values_list("pk", flat=True)) if isinstance(rows, models.QuerySet) else [r.pk for r in rows]


def _cascade(collector, obj) -> dict:
    """{model: [row]} of every other row the collected deletion of `obj` removes, read in full.

    Rows of automatic many-to-many tables are left out: the snapshots of the records on either side hold them.
    """
    pks = defaultdict(set)
    for model, instances in collector.data.items():
        pks[model].update(instance.pk for instance in instances)
    for rows in collector.fast_deletes:
        pks[rows.model].update(_pks(rows))
    pks[type(obj)].discard(obj.pk)
    return {
        model: list(model._base_manager.filter(pk__in=found).order_by("pk"))
        for model, found in sorted(pks.items(), key=lambda item: item[0]._meta.label)
        if found and not model._meta.auto_created
    }


def _emptied_links(collector, removed: dict) -> dict:
    """{model: [(row, field, old value, new value)]} of every link the deletion empties (or sets to its default)."""
    changes = defaultdict(list)
    for (field, value), batches in collector.field_updates.items():
        model = field.model
        pks = {pk for rows in batches for pk in _pks(rows)} - {row.pk for row in removed.get(model, ())}
        for row in model._base_manager.filter(pk__in=pks).order_by("pk"):
            changes[model].append((row, field, getattr(row, field.attname), value))
    return changes


@transaction.atomic
def delete_object(acting_user, obj, related=None, facts=()):
    """Deletes a record and logs what it held, with every row the deletion takes along (cascades) and every link
    it empties, in the same transaction. Each of those is logged under the record its own history belongs to."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    collector.collect([obj])
    removed = _cascade(collector, obj)
    snapshots = {(type(row), row.pk): changelog.snapshot(row) for rows in removed.values() for row in rows}
    emptied = _emptied_links(collector, removed)
    before, pk = changelog.snapshot(obj), obj.pk
    collector.delete()
    obj.pk = pk
    changelog.record(acting_user, ChangeAction.DELETE, obj, before=before, related=related, facts=facts)
    along = [history.DELETED_WITH(record=changelog.names_of(obj))]
    for model, rows in removed.items():
        parents = _log_parents(model, [row.pk for row in rows])
        for row in rows:
            changelog.record(acting_user, ChangeAction.DELETE, row, before=snapshots[model, row.pk], facts=along,
                             related=parents.get(row.pk, related if related is not None else obj))
    emptied_by = [history.LINK_EMPTIED(record=changelog.names_of(obj))]
    for model, changes in emptied.items():
        parents = _log_parents(model, [row.pk for row, *_rest in changes])
        for row, field, old, new in changes:
            changelog.record(acting_user, ChangeAction.UPDATE, row, before={field.name: old},
                             after={field.name: changelog.plain(new)}, related=parents.get(row.pk),
                             facts=emptied_by)


def _check_moved(row, field, keep) -> None:
    """Refuses to move `row`'s link to `keep` if that breaks a rule of its model (e.g. one membership per network)."""
    others = [f.name for f in row._meta.fields if f.name != field.name]
    try:
        row.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
        row.validate_unique()
        row.validate_constraints()
    except ValidationError as error:
        raise _clash(row, keep, " ".join(error.messages)) from error


def _clash(row, keep, reason: str) -> ValidationError:
    return ValidationError(
        _("Nothing was merged: {kind} “{record}” cannot move to “{keep}”. {reason} Resolve this first, then merge.")
        .format(kind=row._meta.verbose_name, record=row, keep=keep, reason=reason),
        code="merge_clash",
    )


def _move_row(acting_user, row, field, keep, remove) -> None:
    """Points one row's link from `remove` to `keep`, checked and logged like any other change of that row."""
    before = changelog.snapshot(row)
    setattr(row, field.attname, keep.pk)
    _check_moved(row, field, keep)
    if hasattr(row, "version"):
        row.version += 1  # so someone editing the row meanwhile is told, not overwritten
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # a clashing row written by someone else since the check
        raise _clash(row, keep, "") from error
    changelog.record(acting_user, ChangeAction.UPDATE, row, before=before, after=changelog.snapshot(row),
                     related=keep, facts=[history.MOVED_BY_MERGE(record=changelog.names_of(remove), pk=remove.pk)])


def _move_links(acting_user, keep, remove) -> int:
    """Points every link to `remove` at `keep`, logging each; returns how many links moved."""
    moved = 0
    for relation in remove._meta.related_objects:
        if relation.many_to_many:
            if relation.through._meta.auto_created:
                moved += _move_many_to_many(acting_user, relation, keep, remove)
            continue  # rows of a through model of its own move below, by their own links, with their rules
        rows = relation.related_model._base_manager.filter(**{relation.field.name: remove})
        if relation.related_model is type(keep):
            rows = rows.exclude(pk=keep.pk)  # a record never becomes its own parent
        for row in rows.order_by("pk"):
            _move_row(acting_user, row, relation.field, keep, remove)
            moved += 1
    for field in remove._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            getattr(keep, field.name).add(*getattr(remove, field.name).all())
    return moved


def _move_many_to_many(acting_user, relation, keep, remove) -> int:
    """Moves rows of an automatic many-to-many table from `remove` to `keep` (dropping those `keep` already has),
    logged as a change of each record on the other side."""
    through = relation.through
    ours, theirs = relation.field.m2m_reverse_field_name(), relation.field.m2m_field_name()
    rows = through._default_manager
    linked = list(relation.related_model._base_manager.filter(pk__in=rows.filter(**{ours: remove}).values(theirs)))
    befores = {other.pk: changelog.snapshot(other) for other in linked}
    already = rows.filter(**{ours: keep}).values_list(theirs, flat=True)
    rows.filter(**{ours: remove, f"{theirs}__in": list(already)}).delete()
    moved = rows.filter(**{ours: remove}).update(**{ours: keep})
    facts = [history.MOVED_BY_MERGE(record=changelog.names_of(remove), pk=remove.pk)]
    for other in linked:
        changelog.record(acting_user, ChangeAction.UPDATE, other, before=befores[other.pk],
                         after=changelog.snapshot(other), related=keep, facts=facts)
    return moved


def _unlink_from(keep, removed_pk) -> None:
    """Clears `keep`'s own links to the record being removed (e.g. its parent)."""
    for field in keep._meta.concrete_fields:
        if field.is_relation and field.related_model is type(keep) and getattr(keep, field.attname) == removed_pk:
            setattr(keep, field.attname, None)
            type(keep)._base_manager.filter(pk=keep.pk).update(**{field.attname: None})


@transaction.atomic
def merge_objects(acting_user, keep, remove, fill_fields=()):
    """Merges `remove` into `keep`: links move (each logged), blank fields of `keep` are filled, and `remove` goes.

    Histories are linked, never rewritten: the merge row of `keep` names `remove`, and `keep`'s history includes
    `remove`'s. A link that cannot move (e.g. both organisations belong to the same network) refuses the whole
    merge with a message saying which, and nothing changes.
    """
    model = type(keep)
    if model is not type(remove) or keep.pk == remove.pk:
        raise ValidationError(_("Choose two different records of the same kind to merge."), code="merge")
    keep = model._base_manager.select_for_update().get(pk=keep.pk)
    remove = model._base_manager.select_for_update().get(pk=remove.pk)
    before = changelog.snapshot(keep)
    removed_snapshot, removed_pk = changelog.snapshot(remove), remove.pk
    for name in fill_fields:
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    moved = _move_links(acting_user, keep, remove)
    _unlink_from(keep, removed_pk)
    model._base_manager.filter(pk=removed_pk).delete()  # nothing but its own many-to-many rows links to it now
    keep.version += 1
    keep.full_clean()
    keep.save()
    changelog.record(acting_user, ChangeAction.DELETE, remove, before=removed_snapshot,
                     facts=[history.MERGED_INTO(record=changelog.names_of(keep), pk=keep.pk)])
    merged_here = history.MERGED_HERE(record=changelog.names_of(remove), pk=removed_pk, count=moved)
    changelog.record(acting_user, ChangeAction.MERGE, keep, before=before, after=changelog.snapshot(keep),
                     facts=[merged_here], merged=removed_pk)
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


# --- Core's own records: tags are completed by hand; jurisdictions come from the reference sources, except their tags.


def create_tag(acting_user, data: dict):
    from .models import Tag

    return create_object(acting_user, Tag, data)


def update_tag(acting_user, tag, data: dict, expected_version: int | None = None):
    return update_object(acting_user, tag, data, expected_version)


def delete_tag(acting_user, tag) -> None:
    delete_object(acting_user, tag)


def tag_jurisdiction(acting_user, jurisdiction, data: dict, expected_version: int | None = None):
    """Changes the tags of a jurisdiction; its names and codes are re-synced from the sources, never typed."""
    tags = {name: value for name, value in data.items() if name == "tags"}
    return update_object(acting_user, jurisdiction, tags, expected_version)
