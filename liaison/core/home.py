"""The home page and the API's index, both assembled from what the apps declare."""

from django.urls import reverse
from django.views.generic import TemplateView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import areas


class HomeView(TemplateView):
    """Counts of what the user may see, each linking to its list."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = areas.home_figures(self.request.user)
        return context


class ApiRootView(APIView):
    """Each app's API, with the schema and the documentation (for signed-in users, like every page)."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        build = request.build_absolute_uri
        index = {label: build(reverse(f"{label}-api:api-root")) for label, _router in areas.api_routers()}
        return Response({**index, "schema": build(reverse("schema")), "docs": build(reverse("api-docs"))})
