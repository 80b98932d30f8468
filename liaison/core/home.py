"""The home page and the API's index, both assembled from what the apps declare."""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import areas
from .access import permission_name, restrict
from .models import ChangeRecord

RECENT_CHANGES = 10
# Recent changes are read from this many of the latest change records: a bounded read, whatever the log's size.
RECENT_WINDOW = 200


def has_page(model) -> bool:
    """Whether records of the model have a page of their own to link to (some are kept on another's page)."""
    try:
        reverse(f"{model._meta.app_label}:{model._meta.model_name}", args=[1])
    except NoReverseMatch:
        return False
    return True


def recent_changes(user) -> list:
    """The latest changes of records the user may see now (each kind through the access chokepoint)."""
    window = list(ChangeRecord.objects.select_related("content_type")[:RECENT_WINDOW])
    visible: dict[int, set] = {}
    for content_type_id in {change.content_type_id for change in window}:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not has_page(model) or not user.has_perm(permission_name(model, "view")):
            continue
        ids = {change.object_id for change in window if change.content_type_id == content_type_id}
        records = restrict(model._default_manager.filter(pk__in=ids), user)
        visible[content_type_id] = {record.pk: record for record in records}
    found = []
    for change in window:
        record = visible.get(change.content_type_id, {}).get(change.object_id)
        if record is not None:
            found.append((change, record))
        if len(found) == RECENT_CHANGES:
            break
    return found


class HomeView(TemplateView):
    """The office's start page: what is due, what changed lately, this year's figures and the totals, each
    linking to its list; assembled from what the apps declare, and only of what the user may see."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, year = self.request.user, timezone.localdate().year
        context.update(
            due=areas.home_figures(user, areas.DUE),
            this_year=areas.home_figures(user, areas.THIS_YEAR, year=year),
            year=year,
            figures=areas.home_figures(user),
            recent=recent_changes(user),
        )
        return context


class ApiRootView(APIView):
    """Each app's API, with the schema and the documentation (for signed-in users, like every page)."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        build = request.build_absolute_uri
        index = {label: build(reverse(f"{label}-api:api-root")) for label, _router in areas.api_routers()}
        return Response({**index, "schema": build(reverse("schema")), "docs": build(reverse("api-docs"))})
