"""The one access chokepoint: every queryset that reaches a user passes through `restrict`."""

from django.db.models import QuerySet
from django.http import Http404


def permission_name(model, action: str) -> str:
    """The Django permission for an action on a model, e.g. partners.view_organisation."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The records of this queryset that the user may act on; none when the user lacks the permission.

    A model narrows further for need-to-know by defining `restrict_for(queryset, user, action)`.
    """
    model = queryset.model
    if user is None or not user.is_active or not user.has_perm(permission_name(model, action)):
        return queryset.none()
    narrow = getattr(model, "restrict_for", None)
    return narrow(queryset, user, action) if narrow else queryset


def get_visible(queryset: QuerySet, user, action: str = "view", **lookup):
    """One record the user may act on, or 404 — a hidden record looks like a missing one."""
    try:
        return restrict(queryset, user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
