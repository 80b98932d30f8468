"""The one access chokepoint: every queryset that reaches a user passes through `restrict`.

The rule every page and API route follows, for a record it names:
- a record the user may not see answers 404, whatever was asked of it, exactly like a missing one;
- a record the user may see but may not act on answers 403;
- a route without a record (a list, an add page) answers 403 when the user lacks the permission.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404


def permission_name(model, action: str) -> str:
    """The Django permission for an action on a model, e.g. partners.view_organisation."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The records of this queryset that the user may act on; none when the user lacks the permission.

    A model narrows further for need-to-know by defining `restrict_for(queryset, user, action)`. There is no
    default user: code acting for nobody passes an AnonymousUser and sees nothing.
    """
    if user is None:
        raise TypeError("restrict() needs the user the records are for (an AnonymousUser sees nothing).")
    model = queryset.model
    if not user.is_active or not user.has_perm(permission_name(model, action)):
        return queryset.none()
    narrow = getattr(model, "restrict_for", None)
    return narrow(queryset, user, action) if narrow else queryset


def get_visible(queryset: QuerySet, user, action: str = "view", **lookup):
    """One record the user may act on, or 404 — a hidden record looks like a missing one."""
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc


def get_for(queryset: QuerySet, user, action: str = "view", **lookup):
    """One record for an action: 404 if the user may not see it, 403 if they may see it but not do `action`."""
    record = get_visible(queryset, user, "view", **lookup)
    if action != "view" and not restrict(queryset.filter(pk=record.pk), user, action).exists():
        raise PermissionDenied
    return record


def choices_for(queryset: QuerySet, user) -> QuerySet:
    """The records a user may pick in a form, filter or API field.

    Users (an action's owner, an agreement's responsible officer) are people to pick, not records to see:
    every active user, and nobody inactive.
    """
    if queryset.model is get_user_model():
        return queryset.filter(is_active=True)
    return restrict(queryset, user)


def unseen_links(record, name: str, offered: QuerySet) -> list:
    """The records a many-to-many link `name` of `record` holds that are not among `offered` (those the user may
    pick): an edit by that user keeps them, since the user could not have meant to remove what they cannot see.

    Read from the stored record, not from a (restricted) prefetch of it."""
    stored = type(record)._base_manager.get(pk=record.pk)
    return list(getattr(stored, name).exclude(pk__in=offered.values("pk")))


class RestrictedPrefetch(Prefetch):
    """A prefetch of the related records one user may see (see `restricted_prefetch`)."""


def restricted_prefetch(lookup: str, queryset: QuerySet, user, to_attr: str | None = None) -> RestrictedPrefetch:
    """Prefetches the records behind `lookup` that the user may see: a related list never shows a hidden one."""
    return RestrictedPrefetch(lookup, queryset=restrict(queryset, user), to_attr=to_attr)


def unrestricted_prefetches(queryset: QuerySet) -> list[str]:
    """The lookups of a queryset that would fetch related lists without `restricted_prefetch`.

    A hop through a to-one link (a record's parent) needs nothing: the parent is part of the record.
    """
    lookups = queryset._prefetch_related_lookups
    covered = {lookup.prefetch_to for lookup in lookups if isinstance(lookup, RestrictedPrefetch)}
    found = []
    for lookup in lookups:
        restricted = isinstance(lookup, RestrictedPrefetch)
        names = (lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup).split("__")
        model = queryset.model
        for depth, name in enumerate(names, start=1):
            field = _relation(model, name)
            if field is None:
                break
            prefix = "__".join(names[:depth])
            to_many = field.one_to_many or field.many_to_many
            if to_many and prefix not in covered and not (restricted and depth == len(names)):
                found.append("__".join(names))
                break
            model = field.related_model
    return found


def refuse_unrestricted_prefetches(queryset: QuerySet) -> QuerySet:
    """The queryset itself, or an error naming the related lists it would fetch for a user unrestricted."""
    found = unrestricted_prefetches(queryset)
    if found:
        raise ImproperlyConfigured(
            f"{queryset.model.__name__}: prefetch {', '.join(found)} with core.access.restricted_prefetch(…, user).")
    return queryset


def _relation(model, name: str):
    """The relation `name` of a model as a prefetch lookup names it (a field or a reverse accessor), or None."""
    for field in model._meta.get_fields():
        if not field.is_relation:
            continue
        accessor = field.get_accessor_name() if field.auto_created and not field.concrete else field.name
        if accessor == name:
            return field
    return None
